//! The rules of `cairn check` (SPEC 4): one registry, read by `check`, `explain` and the tests.
//!
//! A rule is declared once, with [`declare_rule!`], next to the code that finds it: its
//! doc comment is its documentation, in ruff's headings (what it does, why it matters,
//! an example, what to write instead). Rules that concern a single file's form live where
//! the file is read and parsed (`document::read`, `document::split`,
//! `document::front_matter`); the rules about meaning live in this module's files.

mod commitments;
mod contracts;
mod conversations;
mod dates;
mod goal;
mod links;
mod people;
mod sections;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::front_matter::FrontMatter;
use crate::document::{front_matter, read, split, Document};
use crate::repository::Repository;

/// A rule: its name, its severity and its documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The kebab-case name, as in `severity[name]`.
    pub name: &'static str,
    /// The severity of every finding.
    pub severity: Severity,
    /// The rule's doc comment: what it checks, why, and examples.
    pub documentation: &'static str,
}

/// Declares a rule as a `static` [`Rule`] whose documentation is its own doc comment.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis static $name:ident = ($id:literal, $severity:ident);) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::Rule = $crate::rules::Rule {
            name: $id,
            severity: $crate::diagnostic::Severity::$severity,
            documentation: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in the order of SPEC section 4.
pub static ALL: &[&Rule] = &[
    &read::UNREADABLE_FILE,
    &read::NOT_UTF8,
    &read::FILE_TOO_LARGE,
    &split::MISSING_FRONT_MATTER,
    &split::UNCLOSED_FRONT_MATTER,
    &front_matter::INVALID_YAML,
    &front_matter::FRONT_MATTER_NOT_MAPPING,
    &front_matter::MISSING_FIELD,
    &front_matter::INVALID_FIELD,
    &front_matter::UNKNOWN_FIELD,
    &people::UNKNOWN_PERSON,
    &people::WRONG_MANAGER,
    &dates::DATE_ORDER,
    &links::BROKEN_LINK,
    &sections::MISSING_SECTION,
    &sections::EMPTY_SECTION,
    &sections::DUPLICATE_SECTION,
    &sections::SECTION_ORDER,
    &goal::GOAL_NOT_ONE_SENTENCE,
    &goal::VAGUE_GOAL,
    &commitments::NO_MANAGER_COMMITMENT,
    &commitments::NO_ENGINEER_COMMITMENT,
    &commitments::COMMITMENT_WITHOUT_DUE_DATE,
    &commitments::COMMITMENT_WITHOUT_OWNER,
    &contracts::MULTIPLE_ACTIVE_CONTRACTS,
    &conversations::NO_FOLLOW_UP,
    &links::CONTRACT_ENGINEER_MISMATCH,
];

/// The rule with this name.
pub fn by_name(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|rule| rule.name == name)
}

/// A check of one document against the repository.
type DocumentCheck = fn(&Document, &FrontMatter, &Repository, &mut Vec<Diagnostic>);

/// The per-document checks, run on every document whose front matter could be read.
const DOCUMENT_CHECKS: &[DocumentCheck] = &[
    people::check,
    dates::check,
    links::check,
    sections::check,
    goal::check,
    commitments::check,
    conversations::check,
];

/// Every finding in the repository, sorted by path, position and rule.
pub fn check(repository: &Repository) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = repository
        .documents
        .par_iter()
        .flat_map_iter(|document| {
            let mut found = document.diagnostics.clone();
            if let Some(front) = &document.front {
                for check in DOCUMENT_CHECKS {
                    check(document, front, repository, &mut found);
                }
            }
            found
        })
        .collect();
    diagnostics.extend(repository.problems.iter().cloned());
    contracts::check(repository, &mut diagnostics);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_named_once_and_documented() {
        let mut names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert_eq!(ALL.len(), 27, "SPEC section 4 has 27 rules");
        for rule in ALL {
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead",
            ] {
                assert!(
                    rule.documentation.contains(heading),
                    "{} lacks {heading}",
                    rule.name
                );
            }
        }
    }
}
