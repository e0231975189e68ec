//! Which files are documents (SPEC 1.2).
//!
//! The walker is `ignore`, ripgrep's: it honours the repository's `.gitignore` files
//! (whether or not the folder is a git checkout), skips hidden entries, and never follows
//! symbolic links, so a link loop or a dangling link is never an error.

use std::path::{Path, PathBuf};

use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};
use crate::document::read::UNREADABLE_FILE;

/// Folders at the root that never hold documents.
const SKIPPED_FOLDERS: &[&str] = &["templates", "target"];

/// A file to read as a document.
#[derive(Debug)]
pub struct FoundFile {
    /// Where it is on disk.
    pub file: PathBuf,
    /// Relative to the root, with `/` (lossy for names that are not UTF-8).
    pub path: String,
}

/// The result of walking a repository.
#[derive(Debug, Default)]
pub struct Found {
    /// The documents, sorted by path.
    pub files: Vec<FoundFile>,
    /// Folders that could not be read.
    pub problems: Vec<Diagnostic>,
}

/// Lists the documents under `root`, walking folders on every core.
pub fn discover(root: &Path, config: &Config) -> Found {
    let found = Mutex::new(Found::default());
    let walker = WalkBuilder::new(root)
        .standard_filters(true)
        .ignore(false)
        .git_global(false)
        .parents(false)
        .require_git(false)
        .follow_links(false)
        .threads(rayon::current_num_threads())
        .build_parallel();
    walker.run(|| {
        let found = &found;
        Box::new(move |entry| {
            let visit = visit(entry, root, config);
            if let Some(visit) = visit {
                let mut found = found
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                match visit {
                    Ok(file) => found.files.push(file),
                    Err(problem) => found.problems.push(problem),
                }
            }
            WalkState::Continue
        })
    });
    let mut found = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    found.problems.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// What one entry of the walk is: a document, a problem, or nothing of interest.
fn visit(
    entry: Result<ignore::DirEntry, ignore::Error>,
    root: &Path,
    config: &Config,
) -> Option<Result<FoundFile, Diagnostic>> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => {
            return Some(Err(Diagnostic::new(
                &UNREADABLE_FILE,
                &error_path(&error, root),
                Position::START,
                format!("cannot read: {error}"),
            )))
        }
    };
    let relative = entry.path().strip_prefix(root).ok()?;
    let path = relative_path(relative);
    let is_file = entry.file_type().is_some_and(|t| t.is_file());
    let skipped = !is_file
        || !path.ends_with(".md")
        || entry.file_name() == "README.md"
        || SKIPPED_FOLDERS
            .iter()
            .any(|folder| path.starts_with(&format!("{folder}/")))
        || config.is_excluded(&path);
    (!skipped).then(|| {
        Ok(FoundFile {
            file: entry.into_path(),
            path,
        })
    })
}

/// A relative path written with `/`.
///
/// A name that is not UTF-8 keeps its bytes visible, escaped (`caf\xE9.md`), rather than
/// replaced by `�`, so the path printed names the file the user has.
fn relative_path(relative: &Path) -> String {
    let mut path = String::new();
    for component in relative.components() {
        if !path.is_empty() {
            path.push('/');
        }
        for chunk in component.as_os_str().as_encoded_bytes().utf8_chunks() {
            path.push_str(chunk.valid());
            for byte in chunk.invalid() {
                path.push_str(&format!("\\x{byte:02X}"));
            }
        }
    }
    path
}

/// The root-relative path an error of the walker is about, if it says.
fn error_path(error: &ignore::Error, root: &Path) -> String {
    match error {
        ignore::Error::WithPath { path, .. } => {
            relative_path(path.strip_prefix(root).unwrap_or(path))
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err, root)
        }
        _ => String::new(),
    }
}
