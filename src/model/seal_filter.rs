//! Which documents git seals on commit: those the `cairn-seal` filter covers in their
//! work tree (`git check-attr` says `filter: cairn-seal`) when the local git config has
//! the filter's `clean` command. There, a plain private section in the working copy is
//! expected; anywhere else it would be committed plain.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The documents git seals on commit, of those found at `files`: with `seal.required`
/// only (otherwise no rule asks).
pub fn sealed_by_git(
    root: &Path,
    config: &crate::config::Config,
    files: &[crate::model::discover::FoundFile],
) -> HashSet<String> {
    if !config.seal.required {
        return HashSet::new();
    }
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    covered(root, &paths)
}

/// The root-relative paths (of `paths`) that the sealing filter covers. Outside git, or
/// without the filter, none: a private section there would be committed plain.
pub fn covered(root: &Path, paths: &[&str]) -> HashSet<String> {
    let configured = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["config", "--get", "filter.cairn-seal.clean"])
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.is_empty());
    if !configured || paths.is_empty() {
        return HashSet::new();
    }
    let Ok(mut child) = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["check-attr", "-z", "--stdin", "filter"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return HashSet::new();
    };
    if let Some(mut stdin) = child.stdin.take() {
        let mut input = Vec::new();
        for path in paths {
            input.extend_from_slice(path.as_bytes());
            input.push(0);
        }
        // A failed write leaves the answer empty: nothing is taken as covered.
        let _ = stdin.write_all(&input);
    }
    let Ok(output) = child.wait_with_output() else {
        return HashSet::new();
    };
    // `-z` output: path NUL attribute NUL value NUL, for each path.
    let fields: Vec<&[u8]> = output.stdout.split(|b| *b == 0).collect();
    fields
        .chunks(3)
        .filter(|chunk| chunk.len() == 3 && chunk[2] == b"cairn-seal")
        .map(|chunk| String::from_utf8_lossy(chunk[0]).into_owned())
        .collect()
}
