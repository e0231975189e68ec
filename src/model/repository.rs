//! The repository: its configuration and all its documents, indexed by path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::Config;
use crate::domain::vocabulary::DocType;
use crate::model::discover::{self, Unreadable};
use crate::model::document::Document;

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
    /// The documents by file name, for wikilinks: built when first asked, dropped when a
    /// document is replaced or removed.
    by_name: OnceLock<Names>,
    /// The documents git seals on commit (with `seal.required` only): their plain working
    /// copy is expected.
    pub sealed_by_git: std::collections::HashSet<String>,
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
        let sealed_by_git = super::seal_filter::sealed_by_git(root, &config, &found.files);
        let documents = found
            .files
            .into_par_iter()
            .map(|file| Document::load(&file.file, file.path, &config))
            .collect();
        let mut repository = Repository::new(root.to_owned(), config, documents, found.unreadable);
        repository.sealed_by_git = sealed_by_git;
        repository
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
            by_name: OnceLock::new(),
            sealed_by_git: std::collections::HashSet::new(),
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
        self.by_name = OnceLock::new();
    }

    /// Takes away the document at a root-relative path (its file was deleted).
    pub fn remove(&mut self, path: &str) {
        if let Some(at) = self.position(path) {
            self.documents.remove(at);
        }
        self.by_name = OnceLock::new();
    }

    /// The documents by file name, built when first asked.
    fn names(&self) -> &Names {
        self.by_name
            .get_or_init(|| Names::new(self.documents.iter().map(|d| d.path.as_str())))
    }
}

impl Destinations for Repository {
    fn resolve(&self, folder: &str, target: &str) -> Target {
        self.names()
            .resolve(folder, target, |at| self.documents[at].path.as_str())
    }

    fn exists(&self, path: &str) -> bool {
        self.document(path).is_some() || self.root.join(path).symlink_metadata().is_ok()
    }

    fn destination(&self, path: &str) -> Option<Destination<'_>> {
        let document = self.document(path)?;
        Some(Destination {
            front: document
                .front
                .as_ref()
                .map(|f| (f.doc_type, f.engineer.as_deref())),
            anchors: &document.body.anchors,
        })
    }

    fn paths(&self) -> impl Iterator<Item = &str> {
        self.documents.iter().map(|d| d.path.as_str())
    }
}

/// What a link may lead to: the documents of a repository, whole ([`Repository`]) or as
/// `check` keeps them once each is checked (`analysis::rules::Index`).
pub trait Destinations {
    /// Resolves a relative path written in a document in `folder` (root-relative), or a
    /// wikilink as Obsidian finds it: the one document of that name anywhere in the
    /// repository; with several, the one the link's path ends with, else the one nearest
    /// to `folder`. A wikilink to no document resolves beside `folder`, where it does not
    /// exist.
    fn resolve(&self, folder: &str, target: &str) -> Target;
    /// Whether a root-relative path names a document or any existing file or folder.
    fn exists(&self, path: &str) -> bool;
    /// The document at a root-relative path, as a link to it sees it.
    fn destination(&self, path: &str) -> Option<Destination<'_>>;
    /// Every document's path, in order.
    fn paths(&self) -> impl Iterator<Item = &str>;
}

/// A document as a link to it sees it.
#[derive(Debug)]
pub struct Destination<'a> {
    /// Its type and engineer, when its front matter could be read.
    pub front: Option<(Option<DocType>, Option<&'a str>)>,
    /// The anchors of its headings outside private notes, sorted.
    pub anchors: &'a [u64],
}

/// The documents by file name, for wikilinks: each name with the positions, in the list
/// it was built from, of the documents that have it.
#[derive(Debug, Default)]
pub struct Names(HashMap<String, Vec<usize>>);

impl Names {
    /// The names of the documents at `paths`.
    pub fn new<'a>(paths: impl Iterator<Item = &'a str>) -> Names {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, path) in paths.enumerate() {
            let base = path.rsplit('/').next().unwrap_or(path);
            by_name.entry(base.to_owned()).or_default().push(at);
        }
        Names(by_name)
    }

    /// [`Destinations::resolve`] among the documents these names were built from;
    /// `path_at` gives the path at a position of that list.
    pub fn resolve<'a>(
        &self,
        folder: &str,
        target: &str,
        path_at: impl Fn(usize) -> &'a str,
    ) -> Target {
        let Some(name) = wikilink(target) else {
            return resolve(folder, target);
        };
        if Path::new(name).extension().is_some_and(|e| e != "md") {
            // An embedded image or attachment: a path, as Obsidian takes it.
            return resolve(folder, name);
        }
        let file = if name.ends_with(".md") {
            name.to_owned()
        } else {
            format!("{name}.md")
        };
        let base = file.rsplit('/').next().unwrap_or(&file);
        let candidates = self
            .0
            .get(base)
            .into_iter()
            .flatten()
            .map(|&at| path_at(at))
            .filter(|path| *path == file || path.ends_with(&format!("/{file}")));
        let shared = |path: &str| {
            folder
                .split('/')
                .zip(path.split('/'))
                .take_while(|(a, b)| a == b)
                .count()
        };
        // The nearest: most folders in common; of those, the first by path.
        let mut best: Option<&str> = None;
        for path in candidates {
            if best.is_none_or(|b| shared(path) > shared(b)) {
                best = Some(path);
            }
        }
        match best {
            Some(path) => Target::Inside(path.to_owned()),
            None => resolve(folder, &file),
        }
    }
}

/// The path to `target` (root-relative) from `folder` (root-relative), with `/`.
pub(crate) fn relative_link(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// The file name a wikilink names (`[[name]]`, `[[name|text]]`, `[[name#heading]]`), or
/// `None` for any other target.
pub fn wikilink(target: &str) -> Option<&str> {
    let inner = target.trim().strip_prefix("[[")?.strip_suffix("]]")?;
    let name = inner.split(['|', '#']).next()?.trim();
    (!name.is_empty()).then_some(name)
}

/// Whether `target`, written in a document in `folder`, leads to the document at `path`:
/// a relative path that resolves to it, or a wikilink that names it (its file name, or
/// the end of its path).
pub(crate) fn leads_to(folder: &str, target: &str, path: &str) -> bool {
    match wikilink(target) {
        Some(name) => {
            let file = if name.ends_with(".md") {
                name.to_owned()
            } else {
                format!("{name}.md")
            };
            path == file || path.ends_with(&format!("/{file}"))
        }
        None => resolve(folder, target) == Target::Inside(path.to_owned()),
    }
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
