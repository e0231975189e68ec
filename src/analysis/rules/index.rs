//! `check` one document at a time: each document is read, parsed and checked on every
//! core, then freed but for its [`Entry`], what the rules that span documents need of it.
//! Those rules (the links, two active contracts of one engineer) run last, over the whole
//! index. The memory a check needs grows with the number of documents, not with their
//! text: at 100,000 documents a few hundred bytes each instead of kilobytes. `report` and
//! `calendar` read the same way, keeping of each document what their status reads.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::links::Outgoing;
use super::suppression::{self, Ignored};
use super::{check_alone, check_links, contracts, file, Context};
use crate::config::Config;
use crate::domain::diagnostic::{Diagnostic, Position};
use crate::domain::vocabulary::DocType;
use crate::model::discover;
use crate::model::document::Document;
use crate::model::repository::{Destination, Destinations, Names, Repository, Target};

/// Every document of a repository as the rules that span documents see it, sorted by path.
#[derive(Debug)]
pub struct Index {
    /// The folder holding `cairn.yaml`.
    root: PathBuf,
    /// One entry per document, by path.
    entries: Vec<Entry>,
    /// The documents by file name, for wikilinks: built when first asked.
    names: OnceLock<Names>,
}

/// What is kept of one document once it is checked.
#[derive(Debug)]
struct Entry {
    /// Relative to the root, with `/`.
    path: String,
    /// Its type and engineer, when its front matter could be read.
    front: Option<(Option<DocType>, Option<Box<str>>)>,
    /// The anchors of its headings outside private notes, sorted.
    anchors: Box<[u64]>,
    /// For an active contract with an engineer: where its `status` is written, and its
    /// `date`.
    active: Option<(Position, Option<NaiveDate>)>,
    /// What it points to, if anything.
    outgoing: Option<Box<Outgoing>>,
    /// The rules its `cairn-ignore` comments turn off.
    ignored: Ignored,
    /// Its file was read as text (not unreadable, too large, or in another encoding), so
    /// which of its lines are private is known.
    read: bool,
}

impl Entry {
    /// What is kept of `document`, whose `cairn-ignore` comments turn off `ignored`.
    fn of(document: &Document, ignored: Ignored) -> Entry {
        let front = document.front.as_ref();
        Entry {
            path: document.path.clone(),
            front: front.map(|f| (f.doc_type, f.engineer.as_deref().map(Box::from))),
            anchors: document.body.anchors.as_slice().into(),
            active: contracts::Active::of(&document.path, front).map(|a| (a.position, a.date)),
            outgoing: Outgoing::of(document).map(Box::new),
            ignored,
            read: document.was_read(),
        }
    }
}

/// Checks the repository at `root` one document at a time (see the module's comment):
/// the same findings as [`super::check`] over the whole repository, in the same order,
/// with the index of its documents.
pub fn check_files(root: &Path, config: &Config) -> (Index, Vec<Diagnostic>) {
    let (index, _, diagnostics) = check_each(root, config, None, |_| ());
    (index, diagnostics)
}

/// Opens the repository at `root` for a status (`report`, `calendar`) as of `as_of`,
/// checking each document as it is read. Returns every finding, as
/// [`super::check_as_of`] finds them over the whole repository, and the documents, each
/// with only what the status reads of it ([`Document::for_status`]): the rules have all
/// run, and none may run on these documents again.
pub fn open_for_status(
    root: &Path,
    config: Config,
    as_of: NaiveDate,
) -> (Repository, Vec<Diagnostic>) {
    let (_, documents, diagnostics) = check_each(root, &config, Some(as_of), Document::for_status);
    let found = Repository::new(root.to_owned(), config, documents, Vec::new());
    (found, diagnostics)
}

/// Reads, parses and checks every document under `root` on every core, keeping of each
/// its [`Entry`] and what `keep` makes of it (of every file's, a report cairn wrote
/// included); then runs the rules that span documents over the index (as of `as_of`,
/// see [`super::check_as_of`]). Returns the index, what was kept, and every finding,
/// sorted.
fn check_each<T: Send>(
    root: &Path,
    config: &Config,
    as_of: Option<NaiveDate>,
    keep: impl Fn(Document) -> T + Sync,
) -> (Index, Vec<T>, Vec<Diagnostic>) {
    let found = discover::discover(root, config);
    let sealed_by_git = crate::model::seal_filter::sealed_by_git(root, config, &found.files);
    let context = Context {
        config,
        sealed_by_git: &sealed_by_git,
    };
    // Written in place, in the files' order: a list gathered in pieces and joined
    // would hold every document twice at the peak.
    let (mut checked, mut kept) = (Vec::new(), Vec::new());
    found
        .files
        .into_par_iter()
        .map(|file| {
            let document = Document::load(&file.file, file.path, config);
            // A report cairn wrote is no document: nothing is checked, and `keep` has an
            // empty document to make nothing of.
            let checked = (!document.generated).then(|| {
                let ignored = Ignored::of(&document);
                let found = check_alone(&document, &context, &ignored);
                (Entry::of(&document, ignored), found)
            });
            (checked, keep(document))
        })
        .unzip_into_vecs(&mut checked, &mut kept);
    let mut entries = Vec::with_capacity(checked.len());
    let mut diagnostics = Vec::new();
    for (entry, found) in checked.into_iter().flatten() {
        entries.push(entry);
        diagnostics.extend(found);
    }
    entries.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let index = Index {
        root: root.to_owned(),
        entries,
        names: OnceLock::new(),
    };
    diagnostics.extend(index.links());
    let mut diagnostics = suppression::apply_rules(config, diagnostics);
    diagnostics.extend(index.spanning(config, as_of));
    let unreadable = found.unreadable.iter().map(file::unreadable).collect();
    diagnostics.extend(suppression::apply_rules(config, unreadable));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (index, kept, diagnostics)
}

impl Index {
    /// The findings of every document's links, on every core, before `rules:` severities.
    fn links(&self) -> Vec<Diagnostic> {
        self.entries
            .par_iter()
            .flat_map_iter(|entry| {
                entry.outgoing.as_deref().map_or_else(Vec::new, |outgoing| {
                    check_links(&entry.path, outgoing, &entry.ignored, self)
                })
            })
            .collect()
    }

    /// Whether the document at `path` was read as text, so that its lines may be shown
    /// (those outside its private notes).
    pub fn was_read(&self, path: &str) -> bool {
        self.entry(path).is_some_and(|entry| entry.read)
    }

    /// The entry of the document at a root-relative path.
    fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.path.as_str().cmp(path))
            .ok()
            .map(|at| &self.entries[at])
    }

    /// `multiple-active-contracts` among the contracts dated on or before `as_of` (all with
    /// `None`), with the severities of `rules:` and each document's `cairn-ignore` applied.
    fn spanning(&self, config: &Config, as_of: Option<NaiveDate>) -> Vec<Diagnostic> {
        let active = self.entries.iter().filter_map(|entry| {
            let (position, date) = entry.active?;
            let contract = contracts::Active {
                path: &entry.path,
                engineer: entry.front.as_ref()?.1.as_deref()?,
                position,
                date,
            };
            Some((
                contract,
                entry
                    .ignored
                    .contains(&contracts::MULTIPLE_ACTIVE_CONTRACTS),
            ))
        });
        super::spanning_among(active, config, as_of)
    }
}

impl Destinations for Index {
    fn resolve(&self, folder: &str, target: &str) -> Target {
        self.names
            .get_or_init(|| Names::new(self.paths()))
            .resolve(folder, target, |at| self.entries[at].path.as_str())
    }

    fn exists(&self, path: &str) -> bool {
        self.entry(path).is_some() || self.root.join(path).symlink_metadata().is_ok()
    }

    fn destination(&self, path: &str) -> Option<Destination<'_>> {
        let entry = self.entry(path)?;
        Some(Destination {
            front: entry
                .front
                .as_ref()
                .map(|(doc_type, engineer)| (*doc_type, engineer.as_deref())),
            anchors: &entry.anchors,
        })
    }

    fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.path.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::repository::Repository;

    /// Every folder of notes the project's tests read: each rule's fixture, the encodings,
    /// the frameworks, the report's and the example team's.
    fn repositories() -> Vec<PathBuf> {
        let top = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = vec![top.join("example-repo")];
        for group in ["rules", "encoding", "frameworks", "report", "yaml-mistakes"] {
            let Ok(entries) = std::fs::read_dir(top.join("tests/fixtures").join(group)) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.path().join("cairn.yaml").is_file() {
                    found.push(entry.path());
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn one_document_at_a_time_finds_what_the_whole_repository_does() {
        let repositories = repositories();
        assert!(repositories.len() > 30, "{repositories:?}");
        let mut findings = 0;
        for root in repositories {
            let Ok(config) = Config::load(&root, &super::super::names()) else {
                continue;
            };
            let (index, streamed) = check_files(&root, &config);
            let whole = Repository::open(&root, config);
            let expected = super::super::check(&whole);
            assert_eq!(streamed, expected, "{}", root.display());
            assert_eq!(
                index.entries.len(),
                whole.documents.len(),
                "{}",
                root.display()
            );
            for document in &whole.documents {
                assert_eq!(index.was_read(&document.path), document.was_read());
            }
            findings += expected.len();
        }
        assert!(findings > 50, "the fixtures find things: {findings}");
    }

    #[test]
    fn a_status_of_documents_kept_for_it_is_the_status_of_the_whole_documents() {
        use crate::analysis::status::{self, Filter};
        use crate::domain::diagnostic::Severity;
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let status_of = |repository: Repository, diagnostics: &[Diagnostic]| {
            let errors: HashSet<&str> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.path.as_str())
                .collect();
            let Repository {
                config, documents, ..
            } = repository;
            format!(
                "{:?}",
                status::compute(&config, documents, &errors, as_of, &Filter::default())
            )
        };
        let mut people = 0;
        for root in repositories() {
            let load = || Config::load(&root, &super::super::names());
            let (Ok(config), Ok(again)) = (load(), load()) else {
                continue;
            };
            let (kept, found) = open_for_status(&root, config, as_of);
            let whole = Repository::open(&root, again);
            let expected = super::super::check_as_of(&whole, Some(as_of));
            assert_eq!(found, expected, "{}", root.display());
            people += whole.config.people.len();
            assert_eq!(
                status_of(kept, &found),
                status_of(whole, &expected),
                "{}",
                root.display()
            );
        }
        assert!(people > 20, "the fixtures have people: {people}");
    }
}
