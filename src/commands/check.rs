//! `cairn check`: lint the repository and exit 0, 1 or 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{CheckArgs, CheckFormat, Cli};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::printer::{self, Summary};
use crate::repository::Repository;
use crate::rules;
use crate::snippet;

/// Runs `cairn check`.
pub fn run(cli: &Cli, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli)?;
    let repository = Repository::open(&root)?;
    let selected = selection(&root, &args.paths)?;
    let is_selected = |path: &str| selected.is_empty() || selected.iter().any(|s| within(path, s));

    let diagnostics: Vec<Diagnostic> = rules::check(&repository)
        .into_iter()
        .filter(|d| is_selected(&d.path))
        .collect();
    let documents = repository
        .documents
        .iter()
        .filter(|d| is_selected(&d.path))
        .count();
    for path in &selected {
        if !repository.documents.iter().any(|d| within(&d.path, path)) {
            eprintln!("cairn: warning: {path} holds no document (not *.md, hidden, ignored, excluded or a README.md)");
        }
    }
    let summary = Summary::new(documents, &diagnostics);

    let output = match args.format {
        CheckFormat::Human => printer::human(
            &diagnostics,
            &snippet::snippets(&repository, &diagnostics),
            summary,
            cli.color.enabled(),
        ),
        CheckFormat::Json => printer::json(&diagnostics, summary),
        CheckFormat::Github => printer::github(&diagnostics),
    };
    super::print(&output);

    let failed = summary.errors > 0 || (args.strict && summary.warnings > 0);
    Ok(ExitCode::from(u8::from(failed)))
}

/// The root-relative paths given on the command line (relative to the current folder).
fn selection(root: &Path, paths: &[PathBuf]) -> Result<Vec<String>> {
    paths
        .iter()
        .map(|given| {
            let shown = given.display().to_string();
            let absolute = given.canonicalize().map_err(|e| Error::Argument {
                path: shown.clone(),
                message: format!("cannot check it: {e}"),
            })?;
            let relative = absolute.strip_prefix(root).map_err(|_| Error::Argument {
                path: shown.clone(),
                message: format!("is outside the notes repository at {}", root.display()),
            })?;
            Ok(relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"))
        })
        .collect()
}

/// Whether `path` is `selected` or lies in the folder `selected`.
fn within(path: &str, selected: &str) -> bool {
    selected.is_empty()
        || path == selected
        || path
            .strip_prefix(selected)
            .is_some_and(|rest| rest.starts_with('/'))
}
