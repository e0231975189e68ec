//! Done dates from git (docs/history.md): a ticked item without a written done date is
//! dated by the commit that ticked it, so lateness is honest without typing a date.
//!
//! Only the files holding such items are followed, once per run: one `git log` of the
//! first-parent line lists the commits that touched them, one `git cat-file --batch`
//! reads those versions, and each version goes through the same parser (and so the same
//! redaction of private notes) as the work tree; a file renamed on the way is followed
//! to its older name. An item is matched by its owner, its text and its place among
//! items with both; its date is the committer date (`%cs`) of the commit that ticked it
//! after a version that held it open, so a box ticked by mistake, unticked and ticked
//! again is dated by the tick that stands. A tick the history never saw in a file git
//! holds (not committed yet) is done on `as_of`; one that arrived already ticked, or
//! stands in a file git has never held (untracked or ignored), stays undated.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use cairn::domain::vocabulary::{DoneSource, Owner};
use cairn::model::document::{Commitment, Document};
use cairn::model::repository::Repository;

use super::git::git;
use super::history;

/// Dates every ticked item of `repository` that has no written done date: from the
/// first-parent history of `revision` (`HEAD` for the work tree, the `--history` commit
/// otherwise). Outside a git work tree, or before the first commit, nothing is dated from
/// git; in a file git holds, a tick its history does not (uncommitted) is done on `as_of`,
/// for the work tree only (`revision` = `None`).
pub fn apply(repository: &mut Repository, revision: Option<&str>, as_of: NaiveDate) {
    let history = read(&repository.root, revision);
    apply_read(repository, history, revision, as_of);
}

/// What git says of the notes' history, read once: the work tree's top, the notes
/// folder's path in it, the first-parent log and the files that differ from `HEAD`. It
/// needs no document, so it is read while the documents are parsed.
pub struct History {
    top: std::path::PathBuf,
    prefix: String,
    log: Vec<Change>,
    changed: std::collections::HashSet<String>,
}

/// Reads the history of the notes at `root` up to `revision` (`HEAD` when `None`); `None`
/// outside a git work tree.
pub fn read(root: &Path, revision: Option<&str>) -> Option<History> {
    let (top, prefix) = history::work_tree(root).ok()?;
    let (log, changed) = std::thread::scope(|scope| {
        // The work tree's changes matter only for `HEAD`: under `--history` the documents
        // are the commit's own.
        let changed = scope.spawn(|| match revision {
            Some(_) => Default::default(),
            None => uncommitted(&top, &prefix),
        });
        let log = first_parent_log(&top, revision.unwrap_or("HEAD"), &prefix).unwrap_or_default();
        (log, changed.join().unwrap_or_default())
    });
    Some(History {
        top,
        prefix,
        log,
        changed,
    })
}

/// `apply` with the history already read.
pub fn apply_read(
    repository: &mut Repository,
    history: Option<History>,
    revision: Option<&str>,
    as_of: NaiveDate,
) {
    let undated: Vec<usize> = (0..repository.documents.len())
        .filter(|&i| undated_ticks(&repository.documents[i]).next().is_some())
        .collect();
    let Some(history) = history.filter(|_| !undated.is_empty()) else {
        return;
    };
    let in_top = |relative: &str| {
        if history.prefix.is_empty() {
            relative.to_owned()
        } else {
            format!("{}/{relative}", history.prefix)
        }
    };
    let wanted: HashMap<String, usize> = undated
        .iter()
        .map(|&i| (in_top(&repository.documents[i].path), i))
        .collect();
    let versions = versions(repository, &history, &wanted);
    let mut seen = follow(repository, &wanted, versions);
    for (path, index) in &wanted {
        // A file git has never held (untracked, or ignored) says nothing of when its boxes
        // were ticked: its ticks stay undated, as outside git.
        if let Some(file) = seen.remove(path.as_str()) {
            date_ticks(&mut repository.documents[*index], &file, revision, as_of);
        }
    }
}

/// A version of a wanted file: its path now, its commit's date, and whether each of its
/// items is done (`None` when git could not give it).
type Version<'a> = (&'a str, NaiveDate, Option<HashMap<Key, bool>>);

/// Every version of the wanted files, each file's oldest first, its items read through
/// the same parser as the work tree, on every core. A file the work tree holds as
/// committed has its newest version in the document already parsed; every other
/// version's blob is read by its id in one batch (a name like `commit:path` would make
/// git walk a tree per version).
fn versions<'a>(
    repository: &Repository,
    history: &History,
    wanted: &'a HashMap<String, usize>,
) -> Vec<Version<'a>> {
    let reads = Reads::of(history, wanted);
    let mut read = parse_blobs(repository, history, wanted, &reads);
    reads
        .owners
        .into_iter()
        .map(|(path, date, at)| {
            let items = match at {
                None => Some(done(&repository.documents[wanted[path]])),
                Some(n) => read[n].take(),
            };
            (path, date, items)
        })
        .collect()
}

/// The versions to read from git: each version (its file's path now and its commit's
/// date) with the index of its blob among `ids`, or none when the document already parsed
/// is that version.
struct Reads<'a> {
    ids: Vec<String>,
    /// The path now of the file each of `ids` is a version of.
    id_paths: Vec<&'a str>,
    owners: Vec<(&'a str, NaiveDate, Option<usize>)>,
}

impl<'a> Reads<'a> {
    /// The versions of the wanted files in the history's log, oldest first per file; the
    /// newest one is read from git only when the work tree's file differs from it.
    fn of(history: &History, wanted: &'a HashMap<String, usize>) -> Reads<'a> {
        let mut reads = Reads {
            ids: Vec::new(),
            id_paths: Vec::new(),
            owners: Vec::new(),
        };
        for (path, commits) in versions_of(&history.log, wanted) {
            let path = wanted
                .get_key_value(&path)
                .map_or("", |(path, _)| path.as_str());
            for (n, (date, blob)) in commits.iter().enumerate() {
                let newest = n + 1 == commits.len();
                let read = (!newest || history.changed.contains(path)).then(|| {
                    reads.ids.push(blob.clone());
                    reads.id_paths.push(path);
                    reads.ids.len() - 1
                });
                reads.owners.push((path, *date, read));
            }
        }
        reads
    }
}

/// Whether each item of `document` is done, by key (a withdrawn item is not).
fn done(document: &Document) -> HashMap<Key, bool> {
    keyed(&document.body.commitments)
        .map(|(key, c)| (key, c.done && !c.withdrawn))
        .collect()
}

/// The items of each blob of `reads`, by its index: each blob is parsed on another core
/// as soon as git gives it, while git reads the next. `None` where git could not give it.
fn parse_blobs(
    repository: &Repository,
    history: &History,
    wanted: &HashMap<String, usize>,
    reads: &Reads,
) -> Vec<Option<HashMap<Key, bool>>> {
    let mut read: Vec<Option<HashMap<Key, bool>>> = vec![None; reads.ids.len()];
    let (send, receive) = std::sync::mpsc::channel();
    rayon::scope(|scope| {
        let _ = history::each_object(&history.top, &reads.ids, |n, blob| {
            let send = send.clone();
            let path = reads.id_paths[n];
            scope.spawn(move |_| {
                let items = blob.map(|bytes| {
                    let document = &repository.documents[wanted[path]];
                    done(&Document::parse(
                        document.path.clone(),
                        &bytes,
                        &repository.config,
                    ))
                });
                let _ = send.send((n, items));
            });
        });
    });
    drop(send);
    for (n, items) in receive {
        read[n] = items;
    }
    read
}

/// Per file, per undated tick: what the history, oldest version first, last saw of it.
fn follow<'a>(
    repository: &Repository,
    wanted: &HashMap<String, usize>,
    versions: Vec<Version<'a>>,
) -> HashMap<&'a str, HashMap<Key, Seen>> {
    let mut seen: HashMap<&str, HashMap<Key, Seen>> = HashMap::new();
    for (path, date, then) in versions {
        let document = &repository.documents[wanted[path]];
        let ticks = keyed(&document.body.commitments)
            .filter(|(_, c)| c.done && !c.withdrawn && c.done_on.is_none())
            .map(|(key, _)| key);
        let then = then.unwrap_or_default();
        let file = seen.entry(path).or_default();
        for key in ticks {
            let done = then.get(&key).copied();
            let state = file.entry(key).or_insert(Seen::Never);
            *state = match (done, *state) {
                (None, _) => Seen::Never,
                (Some(false), _) => Seen::Open,
                (Some(true), Seen::Open) => Seen::Ticked(date),
                (Some(true), Seen::Never) => Seen::ArrivedTicked,
                (Some(true), done) => done,
            };
        }
    }
    seen
}

/// Gives each undated tick of `document`, a file git holds, the date its history says:
/// the commit that ticked it; for the work tree (`revision` is `None`), `as_of` for a
/// tick not committed.
fn date_ticks(
    document: &mut Document,
    file: &HashMap<Key, Seen>,
    revision: Option<&str>,
    as_of: NaiveDate,
) {
    let dates: Vec<Option<(NaiveDate, DoneSource)>> = keyed(&document.body.commitments)
        .map(|(key, item)| {
            if !item.done || item.withdrawn || item.done_on.is_some() {
                return None;
            }
            match file.get(&key).copied().unwrap_or(Seen::Never) {
                Seen::Ticked(date) => Some((date, DoneSource::Git)),
                Seen::Open | Seen::Never if revision.is_none() => {
                    Some((as_of, DoneSource::Uncommitted))
                }
                _ => None,
            }
        })
        .collect();
    for (item, dated) in document.body.commitments.iter_mut().zip(dates) {
        if let Some((date, source)) = dated {
            item.done_on = Some(date);
            item.done_on_source = Some(source);
        }
    }
}

/// An item as git's versions of its file are matched to it: its owner, its text, and
/// which of the items with both it is, in the file's order — so two "follow up" items,
/// or one of the manager's and one of the engineer's, keep their own dates.
type Key = (Owner, std::sync::Arc<str>, usize);

/// Each commitment with its key.
fn keyed(commitments: &[Commitment]) -> impl Iterator<Item = (Key, &Commitment)> {
    let mut counts: HashMap<(Owner, &str), usize> = HashMap::new();
    commitments.iter().map(move |c| {
        let count = counts.entry((c.owner, &c.text)).or_default();
        *count += 1;
        ((c.owner, c.text.clone(), *count), c)
    })
}

/// Per wanted file (by its path now), its versions in the log, oldest first: each
/// commit's date and the file's blob in it. A file renamed on the way is followed to its
/// older name; a deletion is a version without a blob.
fn versions_of(
    log: &[Change],
    wanted: &HashMap<String, usize>,
) -> HashMap<String, Vec<(NaiveDate, String)>> {
    // Newest first: the name each file had, from here back.
    let mut names: HashMap<String, String> = wanted
        .keys()
        .map(|path| (path.clone(), path.clone()))
        .collect();
    let mut touched: HashMap<String, Vec<(NaiveDate, String)>> = HashMap::new();
    for (date, changes) in log {
        for change in changes {
            let Some(path) = names.get(&change.path).cloned() else {
                continue;
            };
            touched
                .entry(path.clone())
                .or_default()
                .push((*date, change.blob.clone()));
            if let Some(from) = &change.renamed_from {
                names.remove(&change.path);
                names.insert(from.clone(), path);
            }
        }
    }
    for versions in touched.values_mut() {
        versions.reverse();
    }
    touched
}

/// The files (from the work tree's top) under the notes folder that differ from `HEAD`,
/// staged or not.
fn uncommitted(top: &Path, prefix: &str) -> std::collections::HashSet<String> {
    let folder = if prefix.is_empty() { "." } else { prefix };
    let listing = git(
        top,
        &[
            "diff",
            "HEAD",
            "--name-only",
            "-z",
            "--no-renames",
            "--",
            folder,
        ],
    )
    .unwrap_or_default();
    listing
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the history, oldest commit first, last saw of an item (matched by its key).
#[derive(Debug, Clone, Copy)]
enum Seen {
    /// Not in the last version (or in none): whatever it was is not known.
    Never,
    /// Open.
    Open,
    /// Ticked by the commit of this date, after a version that held it open.
    Ticked(NaiveDate),
    /// Already ticked when it first appeared: git knows it was done by then, not when, so
    /// the item stays undated (notes imported with their ticks are not all "done late").
    ArrivedTicked,
}

/// The ticked items of a document that say no done date.
fn undated_ticks(document: &Document) -> impl Iterator<Item = &Commitment> {
    document
        .body
        .commitments
        .iter()
        .filter(|c| c.done && !c.withdrawn && c.done_on.is_none())
}

/// One file changed by a commit, as `git log --raw` says: its path (from the work
/// tree's top), its blob after the commit (git's zero id when deleted), and its older
/// name when renamed.
struct FileChange {
    path: String,
    blob: String,
    renamed_from: Option<String>,
}

/// A commit of the log: its committer date and the files it changed against its first
/// parent.
type Change = (NaiveDate, Vec<FileChange>);

/// The commits of the first-parent line of `revision` that touched the notes folder,
/// newest first.
fn first_parent_log(top: &Path, revision: &str, prefix: &str) -> Option<Vec<Change>> {
    let folder = if prefix.is_empty() { "." } else { prefix };
    let log = git(
        top,
        &[
            "log",
            "--first-parent",
            "-m",
            "--find-renames",
            "--raw",
            "--no-abbrev",
            "-z",
            "--format=%x01%cs",
            revision,
            "--",
            folder,
        ],
    )
    .ok()?;
    Some(
        log.split('\u{1}')
            .filter_map(|entry| {
                let (date, rest) = entry.split_once(['\0', '\n']).unwrap_or((entry, ""));
                let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
                // `:100644 100644 OLD NEW M\0path\0`, or `... R100\0old\0new\0`.
                let mut fields = rest.split('\0').map(|f| f.trim_start_matches('\n'));
                let mut changes = Vec::new();
                while let Some(meta) = fields.next().filter(|f| f.starts_with(':')) {
                    let parts: Vec<&str> = meta.split(' ').collect();
                    let (blob, status) = (parts.get(3)?, parts.get(4)?);
                    let first = fields.next()?.to_owned();
                    let (path, renamed_from) = if status.starts_with(['R', 'C']) {
                        let to = fields.next()?.to_owned();
                        (to, status.starts_with('R').then_some(first))
                    } else {
                        (first, None)
                    };
                    let deleted = blob.bytes().all(|b| b == b'0');
                    changes.push(FileChange {
                        path,
                        blob: if deleted {
                            String::new()
                        } else {
                            (*blob).to_owned()
                        },
                        renamed_from,
                    });
                }
                Some((date, changes))
            })
            .collect(),
    )
}
