//! Which files are documents (docs/format.md), decided by one predicate for every command.
//!
//! The walker is `ignore`, ripgrep's: it honours the repository's `.gitignore` files
//! (whether or not the folder is a git checkout) and `.git/info/exclude`, skips hidden
//! entries, and never follows symbolic links, so a link loop or a dangling link is never
//! an error. Skipped and excluded folders are pruned: nothing under them is opened.
//! [`document_path`] asks the same questions of one path that may not exist yet, for
//! `cairn new`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::gitignore::GitignoreBuilder;
use ignore::{WalkBuilder, WalkState};

use crate::config::Config;

/// Folders at the root that never hold documents.
const SKIPPED_FOLDERS: &[&str] = &["templates", "target"];

/// A file to read as a document.
#[derive(Debug)]
pub struct FoundFile {
    /// Where it is on disk.
    pub file: PathBuf,
    /// Relative to the root, with `/` (bytes that are not UTF-8 escaped as `\xNN`).
    pub path: String,
}

/// A folder or file the walk could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Relative to the root, with `/`.
    pub path: String,
    /// What the system said.
    pub why: String,
}

/// The result of walking a repository.
#[derive(Debug, Default)]
pub struct Found {
    /// The documents, sorted by path.
    pub files: Vec<FoundFile>,
    /// What could not be read, sorted by path.
    pub unreadable: Vec<Unreadable>,
}

/// Why a path is not a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// A hidden file or folder on the way.
    Hidden,
    /// Under the root's `templates/` or `target/`.
    SkippedFolder,
    /// Named `README.md`.
    Readme,
    /// Not a `*.md` file.
    NotMarkdown,
    /// Matched by `exclude` in `cairn.yaml`.
    Excluded,
    /// Matched by a `.gitignore` file (or `.git/info/exclude`).
    Ignored,
    /// In the templates folder of an Obsidian vault (`.obsidian/templates.json`).
    VaultTemplates,
}

impl Skip {
    /// Why, in words.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::Hidden => "it is hidden (a name starting with `.`)",
            Skip::SkippedFolder => "the root's templates/ and target/ folders hold no documents",
            Skip::Readme => "files named README.md are not documents",
            Skip::NotMarkdown => "only `*.md` files are documents",
            Skip::Excluded => "`exclude` in cairn.yaml matches it",
            Skip::Ignored => "a .gitignore file matches it",
            Skip::VaultTemplates => {
                "it is in the Obsidian vault's templates folder (.obsidian/templates.json)"
            }
        }
    }
}

/// Why a path relative to the root (with `/`) is not a document or a folder that may hold
/// documents, by its name alone (`.gitignore` aside): `None` when it may be one.
fn skipped(relative: &str, is_dir: bool, config: &Config) -> Option<Skip> {
    if relative.is_empty() {
        return None;
    }
    if relative.split('/').any(|part| part.starts_with('.')) {
        return Some(Skip::Hidden);
    }
    let top = relative.split('/').next().unwrap_or("");
    if SKIPPED_FOLDERS.contains(&top) && (is_dir || relative.contains('/')) {
        return Some(Skip::SkippedFolder);
    }
    if is_dir {
        return folder_skipped(
            relative,
            config.excluded_folders(),
            config.vault_templates(),
        );
    }
    if folders(relative).any(|f| Some(f) == config.vault_templates()) {
        return Some(Skip::VaultTemplates);
    }
    let name = relative.rsplit('/').next().unwrap_or(relative);
    if name == "README.md" {
        Some(Skip::Readme)
    } else if !name.ends_with(".md") {
        Some(Skip::NotMarkdown)
    } else if config.is_excluded(relative)
        || folders(relative).any(|f| config.excluded_folders().is_match(f))
    {
        Some(Skip::Excluded)
    } else {
        None
    }
}

/// Why a folder holds no documents: hidden, the root's `templates/` or `target/`, the
/// vault's templates folder, or excluded whole by `exclude`.
fn folder_skipped(
    relative: &str,
    excluded: &globset::GlobSet,
    vault_templates: Option<&str>,
) -> Option<Skip> {
    if relative.is_empty() {
        None
    } else if Some(relative) == vault_templates {
        Some(Skip::VaultTemplates)
    } else if relative.split('/').any(|part| part.starts_with('.')) {
        Some(Skip::Hidden)
    } else if SKIPPED_FOLDERS.contains(&relative) {
        Some(Skip::SkippedFolder)
    } else if excluded.is_match(relative) {
        Some(Skip::Excluded)
    } else {
        None
    }
}

/// The folders of a relative path, outermost first: `a/b/c.md` → `a`, `a/b`.
fn folders(relative: &str) -> impl Iterator<Item = &str> {
    relative
        .match_indices('/')
        .map(move |(at, _)| &relative[..at])
}

/// Whether the file at `relative` (which need not exist) would be a document: the same
/// answer the walk gives, for `cairn new`.
pub fn document_path(root: &Path, relative: &str, config: &Config) -> Result<(), Skip> {
    if let Some(skip) = skipped(relative, false, config) {
        return Err(skip);
    }
    if gitignored(root, relative) {
        return Err(Skip::Ignored);
    }
    Ok(())
}

/// Whether `.gitignore` files from the root down to the file's folder, or
/// `.git/info/exclude`, ignore `relative`: the deepest file that speaks decides, as in git.
fn gitignored(root: &Path, relative: &str) -> bool {
    let mut matchers = Vec::new();
    let mut exclude = GitignoreBuilder::new(root);
    if exclude.add(root.join(".git/info/exclude")).is_none() {
        if let Ok(matcher) = exclude.build() {
            matchers.push((root.to_path_buf(), matcher));
        }
    }
    for folder in std::iter::once("").chain(folders(relative)) {
        let dir = root.join(folder);
        let file = dir.join(".gitignore");
        if !file.is_file() {
            continue;
        }
        let mut builder = GitignoreBuilder::new(&dir);
        if builder.add(&file).is_none() {
            if let Ok(matcher) = builder.build() {
                matchers.push((dir, matcher));
            }
        }
    }
    let path = root.join(relative);
    for (dir, matcher) in matchers.iter().rev() {
        let inside = path.strip_prefix(dir).unwrap_or(&path);
        let found = matcher.matched_path_or_any_parents(inside, false);
        if found.is_ignore() {
            return true;
        }
        if found.is_whitelist() {
            return false;
        }
    }
    false
}

/// Lists the documents under `root`, walking folders on every core.
pub fn discover(root: &Path, config: &Config) -> Found {
    let found = Mutex::new(Found::default());
    let prune_root = root.to_path_buf();
    // `filter_entry` needs a closure that owns what it uses: the root and the folder
    // patterns of `exclude`.
    let excluded = config.excluded_folders().clone();
    let vault_templates = config.vault_templates().map(str::to_owned);
    let walker = WalkBuilder::new(root)
        .standard_filters(true)
        .ignore(false)
        .git_global(false)
        .parents(false)
        .require_git(false)
        .follow_links(false)
        .threads(rayon::current_num_threads())
        .filter_entry(move |entry| {
            // Folders that hold no documents are not walked at all.
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !is_dir
                || entry
                    .path()
                    .strip_prefix(&prune_root)
                    .is_ok_and(|relative| {
                        folder_skipped(
                            &relative_path(relative),
                            &excluded,
                            vault_templates.as_deref(),
                        )
                        .is_none()
                    })
        })
        .build_parallel();
    walker.run(|| {
        let found = &found;
        Box::new(move |entry| {
            if let Some(visit) = visit(entry, root, config) {
                let mut found = found
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                match visit {
                    Ok(file) => found.files.push(file),
                    Err(problem) => found.unreadable.push(problem),
                }
            }
            WalkState::Continue
        })
    });
    let mut found = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    found.files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    found.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// What one entry of the walk is: a document, a problem, or nothing of interest.
fn visit(
    entry: Result<ignore::DirEntry, ignore::Error>,
    root: &Path,
    config: &Config,
) -> Option<Result<FoundFile, Unreadable>> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => {
            return Some(Err(Unreadable {
                path: error_path(&error, root),
                why: error.to_string(),
            }))
        }
    };
    let relative = entry.path().strip_prefix(root).ok()?;
    let path = relative_path(relative);
    let is_file = entry.file_type().is_some_and(|t| t.is_file());
    (is_file && skipped(&path, false, config).is_none()).then(|| {
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
pub fn relative_path(relative: &Path) -> String {
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
