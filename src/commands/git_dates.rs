//! Done dates from git (docs/history.md): a ticked item without a written done date is
//! dated by the commit that ticked it, so lateness is honest without typing a date.
//!
//! Only the files holding such items are followed, once per run: one `git log` of the
//! first-parent line lists the commits that touched them, one `git cat-file --batch`
//! reads those versions, and each version goes through the same parser (and so the same
//! redaction of private notes) as the work tree. An item is matched by its text; its date
//! is the committer date (`%cs`) of the first commit of the last unbroken run in which it
//! is done, so a box ticked by mistake, unticked and ticked again is dated by the tick
//! that stands. A tick the history never saw (not committed yet) is done on `as_of`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use cairn::domain::vocabulary::DoneSource;
use cairn::model::document::Document;
use cairn::model::repository::Repository;

use super::git::git;
use super::history;

/// Dates every ticked item of `repository` that has no written done date: from the
/// first-parent history of `revision` (`HEAD` for the work tree, the `--history` commit
/// otherwise). Outside a git work tree, or before the first commit, nothing is dated from
/// git; ticks the history does not hold (uncommitted) are done on `as_of`, and only for
/// the work tree (`revision` = `None`).
pub fn apply(repository: &mut Repository, revision: Option<&str>, as_of: NaiveDate) {
    let undated: Vec<usize> = (0..repository.documents.len())
        .filter(|&i| undated_ticks(&repository.documents[i]).next().is_some())
        .collect();
    if undated.is_empty() {
        return;
    }
    let Ok((top, prefix)) = history::work_tree(&repository.root) else {
        return;
    };
    let in_top = |relative: &str| {
        if prefix.is_empty() {
            relative.to_owned()
        } else {
            format!("{prefix}/{relative}")
        }
    };
    let wanted: HashMap<String, usize> = undated
        .iter()
        .map(|&i| (in_top(&repository.documents[i].path), i))
        .collect();
    let log = first_parent_log(&top, revision.unwrap_or("HEAD"), &prefix).unwrap_or_default();
    // Per file, the commits that touched it, oldest first.
    let mut touched: HashMap<&str, Vec<(&str, NaiveDate)>> = HashMap::new();
    for (hash, date, files) in log.iter().rev() {
        for file in files {
            if let Some((path, _)) = wanted.get_key_value(file.as_str()) {
                touched
                    .entry(path.as_str())
                    .or_default()
                    .push((hash.as_str(), *date));
            }
        }
    }
    let mut names = Vec::new();
    let mut owners = Vec::new();
    for (path, commits) in &touched {
        for (hash, date) in commits {
            names.push(format!("{hash}:{path}"));
            owners.push((*path, *date));
        }
    }
    let blobs = history::objects(&top, &names).unwrap_or_default();
    // Per file, per item text: what the history last saw of it.
    let mut seen: HashMap<&str, HashMap<Box<str>, Seen>> = HashMap::new();
    // Each file's versions oldest first, as `touched` lists them.
    let versions = owners
        .into_iter()
        .zip(blobs.into_iter().chain(std::iter::repeat(None)));
    for ((path, date), blob) in versions {
        let document = &repository.documents[wanted[path]];
        let texts: HashSet<&str> = undated_ticks(document).map(|c| &*c.text).collect();
        // In this version, each of those items: whether it is done.
        let version =
            blob.map(|bytes| Document::parse(document.path.clone(), &bytes, &repository.config));
        let mut then: HashMap<&str, bool> = HashMap::new();
        for c in version.iter().flat_map(|v| &v.body.commitments) {
            if texts.contains(&*c.text) && !c.withdrawn {
                *then.entry(&c.text).or_default() |= c.done;
            }
        }
        let file = seen.entry(path).or_default();
        for text in &texts {
            let state = file.entry((*text).into()).or_insert(Seen::Never);
            *state = match (then.get(text).copied(), *state) {
                (None, _) => Seen::Never,
                (Some(false), _) => Seen::Open,
                (Some(true), Seen::Open) => Seen::Ticked(date),
                (Some(true), Seen::Never) => Seen::ArrivedTicked,
                (Some(true), done) => done,
            };
        }
    }
    for (path, index) in &wanted {
        let file = seen.remove(path.as_str()).unwrap_or_default();
        let document = &mut repository.documents[*index];
        for item in document.body.commitments.iter_mut() {
            if !item.done || item.withdrawn || item.done_on.is_some() {
                continue;
            }
            let dated = match file.get(&item.text).copied().unwrap_or(Seen::Never) {
                Seen::Ticked(date) => Some((date, DoneSource::Git)),
                Seen::Open | Seen::Never if revision.is_none() => {
                    Some((as_of, DoneSource::Uncommitted))
                }
                _ => None,
            };
            if let Some((date, source)) = dated {
                item.done_on = Some(date);
                item.done_on_source = Some(source);
            }
        }
    }
}

/// What the history, oldest commit first, last saw of an item (matched by its text).
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
fn undated_ticks(document: &Document) -> impl Iterator<Item = &cairn::model::document::Commitment> {
    document
        .body
        .commitments
        .iter()
        .filter(|c| c.done && !c.withdrawn && c.done_on.is_none())
}

/// The commits of the first-parent line of `revision` that touched the notes folder,
/// newest first: each with its committer date and the files (from the work tree's top)
/// it changed against its first parent.
fn first_parent_log(
    top: &Path,
    revision: &str,
    prefix: &str,
) -> Option<Vec<(String, NaiveDate, Vec<String>)>> {
    let folder = if prefix.is_empty() { "." } else { prefix };
    let log = git(
        top,
        &[
            "log",
            "--first-parent",
            "-m",
            "--no-renames",
            "--name-only",
            "-z",
            "--format=%x01%H %cs",
            revision,
            "--",
            folder,
        ],
    )
    .ok()?;
    Some(
        log.split('\u{1}')
            .filter_map(|entry| {
                let (header, files) = entry.split_once('\n').unwrap_or((entry, ""));
                let header = header.trim_matches(|c: char| c == '\0' || c.is_whitespace());
                let (hash, date) = header.split_once(' ')?;
                let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
                let files = files
                    .split(['\0', '\n'])
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned)
                    .collect();
                Some((hash.to_owned(), date, files))
            })
            .collect(),
    )
}
