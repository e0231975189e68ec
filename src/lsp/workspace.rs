//! One notes repository as the server sees it: the documents on disk with the editor's
//! open buffers in their place, and its `cairn.yaml` as the buffer holds it.

use std::path::{Path, PathBuf};

use crate::analysis::rules;
use crate::config::{self, Config};
use crate::domain::diagnostic::Diagnostic;
use crate::domain::error::{ConfigProblem, Error};
use crate::model::discover;
use crate::model::document::{privacy, Document};
use crate::model::repository::Repository;
use crate::render::templates::Templates;

/// The problems of a configuration error as diagnostics of `cairn.yaml`: those of another
/// file (the capability framework) name it and their line, at the top of `cairn.yaml`.
fn in_config(root: &Path, path: &Path, problems: Vec<ConfigProblem>) -> Vec<ConfigProblem> {
    if path == root.join(config::FILE_NAME) {
        return problems;
    }
    let file = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    problems
        .into_iter()
        .map(|p| ConfigProblem {
            line: 1,
            column: 1,
            message: format!("{file}:{}:{}: {}", p.line, p.column, p.message),
        })
        .collect()
}

/// A notes repository with open buffers laid over it.
pub(crate) struct Workspace {
    /// The folder holding `cairn.yaml` (canonical).
    pub root: PathBuf,
    /// The documents, each as the editor holds it when open; `None` while `cairn.yaml`
    /// has never been readable.
    pub repository: Option<Repository>,
    /// What is wrong with `cairn.yaml` as it stands, in file order.
    pub config_problems: Vec<ConfigProblem>,
    /// The repository's templates (for a missing section's guidance).
    pub templates: Templates,
}

impl Workspace {
    /// Opens the repository at `root` from disk.
    pub fn open(root: PathBuf) -> Workspace {
        let (repository, config_problems) = match Config::load(&root, &rules::names()) {
            Ok(config) => (Some(Repository::open(&root, config)), Vec::new()),
            Err(Error::Config { problems, path }) => (None, in_config(&root, &path, problems)),
            Err(other) => (
                None,
                vec![ConfigProblem {
                    line: 1,
                    column: 1,
                    message: other.to_string(),
                }],
            ),
        };
        Workspace {
            templates: Templates::new(&root),
            root,
            repository,
            config_problems,
        }
    }

    /// The path of `cairn.yaml`.
    pub fn config_path(&self) -> PathBuf {
        self.root.join(config::FILE_NAME)
    }

    /// The root-relative path of a file, with `/`, when it is a document of this
    /// repository (not excluded, hidden, ignored or a README).
    pub fn document_path(&self, file: &Path) -> Option<String> {
        let repository = self.repository.as_ref()?;
        let relative = file.strip_prefix(&self.root).ok()?;
        let relative = discover::relative_path(relative);
        discover::document_path(&self.root, &relative, &repository.config).ok()?;
        Some(relative)
    }

    /// Puts the editor's text of a document in place of the file's.
    pub fn overlay(&mut self, path: &str, text: &str) {
        if let Some(repository) = &mut self.repository {
            let redacted = privacy::redact(text, repository.config.private_phrases());
            let document = Document::parse_text(path.to_owned(), &redacted, &repository.config);
            repository.replace(document);
        }
    }

    /// Puts the file on disk back in place of a closed buffer (or takes the document
    /// away when the file is gone).
    pub fn restore(&mut self, path: &str) {
        if let Some(repository) = &mut self.repository {
            let file = self.root.join(path);
            if file.is_file() {
                let document = Document::load(&file, path.to_owned(), &repository.config);
                repository.replace(document);
            } else {
                repository.remove(path);
            }
        }
    }

    /// Reads `cairn.yaml` from `text` (the editor's buffer or the file): when it is
    /// valid, every document is read again under it and the open `buffers` (absolute
    /// path and text) that are documents under it are laid over them; when it is not,
    /// the documents stay as they were and its problems are kept for the editor. Which
    /// buffers are documents is asked of the new configuration: it may exclude some, or
    /// be the first valid one.
    pub fn reconfigure(&mut self, text: &str, buffers: &[(&Path, &str)]) {
        let config = Config::parse(text, &rules::names()).and_then(|config| {
            match config.in_vault(&self.root).with_framework(&self.root) {
                Ok(config) => Ok(config),
                Err(Error::Config { problems, path }) => {
                    Err(in_config(&self.root, &path, problems))
                }
                Err(other) => Err(vec![ConfigProblem {
                    line: 1,
                    column: 1,
                    message: other.to_string(),
                }]),
            }
        });
        match config {
            Ok(config) => {
                self.config_problems.clear();
                self.repository = Some(Repository::open(&self.root, config));
                self.templates = Templates::new(&self.root);
                for (file, text) in buffers {
                    if let Some(path) = self.document_path(file) {
                        self.overlay(&path, text);
                    }
                }
            }
            Err(problems) => self.config_problems = problems,
        }
    }

    /// The findings about the document at `path`, as `check` would give them, with
    /// `spanning` the findings of rules that span documents.
    pub fn findings(&self, path: &str, spanning: &[Diagnostic]) -> Vec<Diagnostic> {
        let Some(repository) = &self.repository else {
            return Vec::new();
        };
        let Some(document) = repository.document(path) else {
            return Vec::new();
        };
        let mut found = rules::document_findings(document, repository);
        found.extend(spanning.iter().filter(|d| d.path == path).cloned());
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        found
    }
}
