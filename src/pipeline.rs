//! The whole per-document pipeline on bytes in memory: what the fuzz target runs
//! (`fuzz/fuzz_targets/pipeline.rs`) and what `tests/fuzz_corpus.rs` runs over the corpus,
//! so the target cannot rot. No input may make it panic, hang or exhaust memory.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::analysis::rules;
use crate::analysis::status::{self, Filter};
use crate::config::Config;
use crate::domain::diagnostic::Diagnostic;
use crate::model::document::Document;
use crate::model::repository::Repository;
use crate::render::printer;
use crate::{render::calendar, render::report};

/// The roster the bytes are checked against: one manager, two engineers.
const ROSTER: &str = "people:
  - id: sam-okafor
    name: Sam Okafor
  - id: alice-nguyen
    name: Alice Nguyen
    manager: sam-okafor
  - id: ben-adeyemi
    name: Ben Adeyemi
    manager: sam-okafor
";

/// Parses `bytes` as a document (twice, under two paths, so rules that span documents
/// have something to compare), runs every rule, computes the status and renders the
/// findings in the machine formats. Returns the findings.
pub fn check_bytes(bytes: &[u8]) -> Vec<Diagnostic> {
    let Ok(config) = Config::parse(ROSTER, &crate::analysis::rules::names()) else {
        return Vec::new();
    };
    let documents = ["people/alice-nguyen/a.md", "people/ben-adeyemi/b.md"]
        .into_iter()
        .map(|path| Document::parse(path.to_owned(), bytes, &config))
        .collect();
    let repository = Repository::new(
        PathBuf::from("/nonexistent/cairn-fuzz"),
        config,
        documents,
        Vec::new(),
    );
    let diagnostics = rules::check(&repository);
    let errors: HashSet<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == crate::domain::diagnostic::Severity::Error)
        .map(|d| d.path.as_str())
        .collect();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default();
    let summary = printer::Summary::new(repository.documents.len(), &diagnostics);
    let Repository {
        config, documents, ..
    } = repository;
    let status = status::compute(&config, documents, &errors, as_of, &Filter::default());
    let mut sink = std::io::sink();
    let _ = serde_json::to_writer(&mut sink, &report::report_streamed(&status, &config));
    let _ = calendar::render(&status, &config, Some(3));
    let _ = printer::json(&mut sink, &diagnostics, summary);
    let _ = printer::github(&mut sink, &diagnostics, &|path| path.to_owned());
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_document_gives_nothing_and_garbage_gives_findings() {
        let clean = b"---\ntype: prep\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-01-01\n---\n";
        let found: Vec<&str> = check_bytes(clean).iter().map(|d| d.rule.name).collect();
        // The same prep under Ben's folder still names Alice: nothing wrong with that.
        assert_eq!(found, Vec::<&str>::new());
        assert!(!check_bytes(b"\xff\xfe garbage").is_empty());
    }
}
