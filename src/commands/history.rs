//! `--history`: the notes as committed on a day, read from git's objects. The last commit
//! on the first-parent line of `HEAD` whose committer date is on or before the day gives
//! `cairn.yaml` and every document; nothing is checked out or written, and the documents
//! go through the same parsing (and so the same redaction of private notes) as files do.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use rayon::prelude::*;

use cairn::analysis::rules;
use cairn::config::{self, Config};
use cairn::domain::error::{Error, Result};
use cairn::model::discover;
use cairn::model::document::Document;
use cairn::model::repository::Repository;

use super::git::git;

/// The repository at `root` as committed on `as_of`, and that commit.
pub fn open(root: &Path, as_of: NaiveDate) -> Result<(Repository, String)> {
    let (top, prefix) = work_tree(root)?;
    let commit = commit_on(&top, as_of)?;
    let listing = listing(&top, &commit, &prefix)?;
    let files = blobs(&listing);
    let config = config_at(root, &top, &files, &prefix)?.ok_or_else(|| {
        Error::Git(format!(
            "{} was not committed by {as_of} (commit {})",
            config::FILE_NAME,
            short(&commit)
        ))
    })?;
    let documents = documents_at(root, &top, &files, &prefix, &config)?;
    let repository = Repository::new(root.to_owned(), config, documents, Vec::new());
    Ok((repository, commit))
}

/// `git ls-tree` of the notes folder (`prefix`) in `commit`: `MODE TYPE ID\tPATH` for
/// each file, NUL-separated, with its path from the work tree's top.
fn listing(top: &Path, commit: &str, prefix: &str) -> Result<String> {
    let mut pathspec = vec!["ls-tree", "-r", "-z", commit];
    let folder = format!("{prefix}/");
    if !prefix.is_empty() {
        pathspec.extend(["--", folder.as_str()]);
    }
    git(top, &pathspec)
}

/// The files of an `ls-tree` listing, each path (from the work tree's top) with its
/// blob's id. The blobs are read by id in one batch (a name like `commit:path` would make
/// git walk the tree once per file).
fn blobs(listing: &str) -> Vec<(&str, &str)> {
    listing
        .split('\0')
        .filter_map(|entry| {
            let (meta, path) = entry.split_once('\t')?;
            let mut fields = meta.split(' ');
            let (_, kind, id) = (fields.next()?, fields.next()?, fields.next()?);
            (kind == "blob").then_some((path, id))
        })
        .collect()
}

/// The committed `cairn.yaml` among `files`, read as the work tree's would be (with the
/// framework it names); `None` when it was not committed.
fn config_at(
    root: &Path,
    top: &Path,
    files: &[(&str, &str)],
    prefix: &str,
) -> Result<Option<Config>> {
    let config_path = if prefix.is_empty() {
        config::FILE_NAME.to_owned()
    } else {
        format!("{prefix}/{}", config::FILE_NAME)
    };
    let config_id = files
        .iter()
        .find(|(path, _)| *path == config_path)
        .map(|(_, id)| (*id).to_owned());
    let Some(config_blob) = objects(top, &config_id.into_iter().collect::<Vec<_>>())?
        .pop()
        .flatten()
    else {
        return Ok(None);
    };
    let config_text = String::from_utf8_lossy(&config_blob);
    let config = Config::parse(&config_text, &rules::names())
        .map(|config| config.in_vault(root))
        .map_err(|problems| Error::Config {
            path: root.join(config::FILE_NAME),
            problems,
        })?
        .with_framework(root)?;
    Ok(Some(config))
}

/// The documents among `files` (those the work tree's discovery would take), read from
/// their blobs and parsed on every core.
fn documents_at(
    root: &Path,
    top: &Path,
    files: &[(&str, &str)],
    prefix: &str,
    config: &Config,
) -> Result<Vec<Document>> {
    let folder = format!("{prefix}/");
    let (relatives, ids): (Vec<String>, Vec<String>) = files
        .iter()
        .filter_map(|(path, id)| {
            let relative = if prefix.is_empty() {
                Some(*path)
            } else {
                path.strip_prefix(&folder)
            }?;
            discover::document_path(root, relative, config)
                .is_ok()
                .then(|| (relative.to_owned(), (*id).to_owned()))
        })
        .unzip();
    let blobs = objects(top, &ids)?;
    Ok(relatives
        .into_par_iter()
        .zip(blobs)
        .filter_map(|(relative, blob)| blob.map(|bytes| Document::parse(relative, &bytes, config)))
        .collect())
}

/// The top of the git work tree holding `root`, and the notes folder's path inside it
/// (empty at the top, else with `/` and no trailing one).
pub fn work_tree(root: &Path) -> Result<(PathBuf, String)> {
    let inside = git(root, &["rev-parse", "--is-inside-work-tree"]).map_err(|_| not_git())?;
    if inside.trim() != "true" {
        return Err(not_git());
    }
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let top = top.canonicalize().unwrap_or(top);
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let prefix = canonical.strip_prefix(&top).unwrap_or(Path::new(""));
    Ok((top.clone(), discover::relative_path(prefix)))
}

fn not_git() -> Error {
    Error::Git(
        "the notes are not in a git work tree, so they have no history: run `git init` and commit them".to_owned(),
    )
}

/// The commits of the first-parent line of `HEAD`, newest first, with their committer
/// dates (in each commit's own time zone).
pub fn first_parent_line(top: &Path, path: Option<&str>) -> Result<Vec<(String, NaiveDate)>> {
    let mut args = vec!["log", "--first-parent", "--format=%H %cs", "HEAD"];
    if let Some(path) = path {
        args.extend(["--", path]);
    }
    let log = git(top, &args).map_err(|error| match error {
        Error::Git(reason)
            if reason.contains("HEAD") || reason.contains("does not have any commits") =>
        {
            Error::Git(
                "the git repository has no commits yet, so the notes have no history".to_owned(),
            )
        }
        other => other,
    })?;
    Ok(log
        .lines()
        .filter_map(|line| {
            let (hash, date) = line.split_once(' ')?;
            let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
            Some((hash.to_owned(), date))
        })
        .collect())
}

/// The last commit of the first-parent line on or before `as_of`.
fn commit_on(top: &Path, as_of: NaiveDate) -> Result<String> {
    let line = first_parent_line(top, None)?;
    if let Some((hash, _)) = line.iter().find(|(_, date)| *date <= as_of) {
        return Ok(hash.clone());
    }
    match line.iter().map(|(_, date)| *date).min() {
        Some(first) => Err(Error::Git(format!(
            "no commit on or before {as_of}: the history starts on {first}"
        ))),
        None => Err(Error::Git(
            "the git repository has no commits yet, so the notes have no history".to_owned(),
        )),
    }
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// The contents of git objects named as `git cat-file --batch` takes them, in order;
/// `None` for a missing one or one that is not a blob.
pub fn objects(top: &Path, names: &[String]) -> Result<Vec<Option<Vec<u8>>>> {
    let mut found = Vec::with_capacity(names.len());
    each_object(top, names, |_, object| found.push(object))?;
    Ok(found)
}

/// Hands each git object named as `git cat-file --batch` takes them to `take`, with its
/// index in `names`, as soon as git gives it: whoever takes them can work while git reads
/// the next. `None` for a missing one or one that is not a blob.
pub fn each_object(
    top: &Path,
    names: &[String],
    mut take: impl FnMut(usize, Option<Vec<u8>>),
) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::Git(format!("cannot run git ({e}): this needs the git command")))?;
    let broken = |e: std::io::Error| Error::Git(format!("git cat-file: {e}"));
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Error::Git("git cat-file: no input".to_owned()))?;
    let input: String = names.iter().map(|name| format!("{name}\n")).collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| Error::Git("git cat-file: no output".to_owned()))?;
    let mut reader = BufReader::new(stdout);
    for index in 0..names.len() {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(broken)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, kind, size] => {
                let size: usize = size.parse().map_err(|_| {
                    Error::Git(format!("git cat-file: unexpected `{}`", header.trim()))
                })?;
                let mut bytes = vec![0; size + 1];
                reader.read_exact(&mut bytes).map_err(broken)?;
                bytes.pop();
                take(index, (*kind == "blob").then_some(bytes));
            }
            _ => take(index, None),
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}
