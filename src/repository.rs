//! The repository: its configuration and all its documents, indexed by path.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::{self, Unreadable};
use crate::document::Document;

/// A notes repository, read and parsed.
#[derive(Debug)]
pub struct Repository {
    /// The folder holding `cairn.yaml`.
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
    /// Every document, in path order (files `cairn report` wrote left out).
    pub documents: Vec<Document>,
    /// Folders and files the walk could not read.
    pub unreadable: Vec<Unreadable>,
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
    /// Lists the documents under `root` and parses them on every core.
    pub fn open(root: &Path, config: Config) -> Repository {
        let found = discover::discover(root, &config);
        let documents = found
            .files
            .into_par_iter()
            .map(|file| Document::load(&file.file, file.path, &config))
            .collect();
        Repository::new(root.to_owned(), config, documents, found.unreadable)
    }

    /// A repository of already parsed documents (sorted here by path).
    pub fn new(
        root: PathBuf,
        config: Config,
        mut documents: Vec<Document>,
        unreadable: Vec<Unreadable>,
    ) -> Repository {
        documents.retain(|d| !d.generated);
        // Sorted by path: the order of every output, and the index `document` searches.
        documents.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        Repository {
            root,
            config,
            documents,
            unreadable,
        }
    }

    /// The document at a root-relative path.
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.position(path).map(|index| &self.documents[index])
    }

    /// The index in [`Repository::documents`] of the document at a root-relative path.
    pub fn position(&self, path: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
    }

    /// Puts `document` in place of the one at its path, or adds it: what an editor's
    /// unsaved buffer does to the repository.
    pub fn replace(&mut self, document: Document) {
        match self
            .documents
            .binary_search_by(|d| d.path.as_str().cmp(&document.path))
        {
            Ok(at) if document.generated => {
                self.documents.remove(at);
            }
            Ok(at) => self.documents[at] = document,
            Err(_) if document.generated => {}
            Err(at) => self.documents.insert(at, document),
        }
    }

    /// Takes away the document at a root-relative path (its file was deleted).
    pub fn remove(&mut self, path: &str) {
        if let Some(at) = self.position(path) {
            self.documents.remove(at);
        }
    }

    /// Resolves a relative path written in `from` (relative to its folder).
    pub fn resolve(&self, from: &Document, target: &str) -> Target {
        resolve(from.folder(), target)
    }

    /// Whether a root-relative path names a document or any existing file or folder.
    pub fn exists(&self, path: &str) -> bool {
        self.document(path).is_some() || self.root.join(path).symlink_metadata().is_ok()
    }
}

/// The path to `target` (root-relative) from `folder` (root-relative), with `/`.
pub fn relative_link(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// Resolves `target`, written in a document in `folder` (root-relative), to a
/// root-relative path.
pub fn resolve(folder: &str, target: &str) -> Target {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
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
