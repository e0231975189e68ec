//! What changed, by asking `git` (`check --changed` and `--since REV`): the documents that
//! differ from `HEAD` in the index or the work tree, plus untracked ones; or those changed
//! since the merge base of a revision. cairn runs the `git` command rather than reading
//! the repository itself, so it sees exactly what the user's git sees.

use std::path::Path;
use std::process::Command;

use cairn::domain::error::{Error, Result};

/// The paths (relative to `root`, the notes repository, with `/`) that changed, or `None`
/// when `cairn.yaml` changed and so every document must be reported.
pub fn changed(root: &Path, since: Option<&str>) -> Result<Option<Vec<String>>> {
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    let top = Path::new(top.trim_end_matches(['\n', '\r']));
    let top = top.canonicalize().unwrap_or_else(|_| top.to_owned());
    let paths = match since {
        None => uncommitted(root)?,
        Some(revision) => changed_since(root, revision)?,
    };
    Ok(inside_notes(root, &top, paths))
}

/// The paths (relative to the work tree's top) that differ from `HEAD` in the index or the
/// work tree, or are untracked; deleted ones left out.
fn uncommitted(root: &Path) -> Result<Vec<String>> {
    // `status` gives staged, unstaged and untracked changes, renames as "R new\0old".
    let listing = git(
        root,
        &[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--find-renames",
        ],
    )?;
    let mut paths = Vec::new();
    let mut fields = listing.split('\0');
    while let Some(entry) = fields.next() {
        if entry.len() < 4 {
            continue;
        }
        let (code, path) = entry.split_at(3);
        if code.starts_with('R') || code.starts_with('C') {
            fields.next();
        }
        if !code.contains('D') {
            paths.push(path.to_owned());
        }
    }
    Ok(paths)
}

/// The paths (relative to the work tree's top) changed since the merge base of `revision`
/// and `HEAD`, deleted ones left out, and the untracked ones.
fn changed_since(root: &Path, revision: &str) -> Result<Vec<String>> {
    let base = git(root, &["merge-base", revision, "HEAD"]).map_err(|_| {
        Error::Git(format!(
            "cannot find `{revision}` in this repository's history: check the name, and in CI fetch the history (e.g. `fetch-depth: 0` in actions/checkout)"
        ))
    })?;
    let base = base.trim();
    let diff = git(
        root,
        &[
            "diff",
            "--name-only",
            "-z",
            "--find-renames",
            "--diff-filter=d",
            base,
        ],
    )?;
    let untracked = git(root, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok([diff, untracked]
        .iter()
        .flat_map(|listing| listing.split('\0'))
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect())
}

/// The `paths` (relative to the work tree's `top`) that lie inside the notes at `root`,
/// made relative to it, sorted and once each; or `None` when one is `cairn.yaml`. The
/// notes may live in a folder of the work tree.
fn inside_notes(root: &Path, top: &Path, paths: Vec<String>) -> Option<Vec<String>> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let prefix = root.strip_prefix(top).unwrap_or(Path::new(""));
    let prefix = cairn::model::discover::relative_path(prefix);
    let mut inside = Vec::new();
    for path in paths {
        let relative = if prefix.is_empty() {
            Some(path.as_str())
        } else {
            path.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_prefix('/'))
        };
        match relative {
            Some(cairn::config::FILE_NAME) => return None,
            Some(relative) => inside.push(relative.to_owned()),
            None => {}
        }
    }
    inside.sort();
    inside.dedup();
    Some(inside)
}

/// Runs `git` in `dir` and returns what it printed; a missing git, a folder outside a work
/// tree or a failing command is an error with a one-line reason.
pub(super) fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Git(format!("cannot run git ({e}): this needs the git command")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().next().unwrap_or("git failed").trim();
        let reason = reason.strip_prefix("fatal: ").unwrap_or(reason);
        return Err(Error::Git(format!(
            "git {}: {reason}",
            args.first().unwrap_or(&"")
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
