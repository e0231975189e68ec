//! The repository: its configuration and all its documents, indexed by path.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::document::Document;
use crate::error::Result;

/// A notes repository, read and parsed.
#[derive(Debug)]
pub struct Repository {
    /// The folder holding `cairn.yaml`.
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
    /// Every document, in path order.
    pub documents: Vec<Document>,
    /// Problems met while listing files (an unreadable folder).
    pub problems: Vec<Diagnostic>,
}

/// Where a relative path from a document leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A path inside the repository, relative to the root, with `/`.
    Inside(String),
    /// The path climbs above the root.
    Outside,
}

impl Repository {
    /// Loads the configuration, lists the documents and parses them on every core.
    pub fn open(root: &Path) -> Result<Repository> {
        let config = Config::load(root)?;
        let found = discover::discover(root, &config);
        let documents = found
            .files
            .into_par_iter()
            .map(|file| Document::load(&file.file, file.path, &config))
            .collect();
        Ok(Repository::new(
            root.to_owned(),
            config,
            documents,
            found.problems,
        ))
    }

    /// A repository of already parsed documents (sorted here by path).
    pub fn new(
        root: PathBuf,
        config: Config,
        mut documents: Vec<Document>,
        problems: Vec<Diagnostic>,
    ) -> Repository {
        // Sorted by path: the order of every output, and the index `document` searches.
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        Repository {
            root,
            config,
            documents,
            problems,
        }
    }

    /// The document at a root-relative path.
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|index| &self.documents[index])
    }

    /// Resolves a relative path written in `from` (relative to its folder).
    pub fn resolve(&self, from: &Document, target: &str) -> Target {
        let mut parts: Vec<&str> = from.folder().split('/').filter(|p| !p.is_empty()).collect();
        for part in target.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Target::Outside;
                    }
                }
                part => parts.push(part),
            }
        }
        Target::Inside(parts.join("/"))
    }

    /// Whether a root-relative path names a document or any existing file or folder.
    pub fn exists(&self, path: &str) -> bool {
        self.document(path).is_some() || self.root.join(path).symlink_metadata().is_ok()
    }
}
