//! What every integration test needs: the real binary, fixture repositories, JSON output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The folder of fixture repositories.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `cairn` with a clean environment: no colour, run from `dir`.
pub fn cairn(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cairn"));
    // The fixtures live in cairn's own git repository: git stops before it, so what a test
    // reads never depends on whether its fixture is committed yet (done dates from git);
    // the tests of git's features make repositories of their own.
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("GIT_CEILING_DIRECTORIES", env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `cairn check --format json` in `repo` and returns the parsed output and exit code.
pub fn check_json(repo: &Path) -> (serde_json::Value, i32) {
    let output = cairn(repo)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text}\n{}", String::from_utf8_lossy(&output.stderr)));
    (value, code)
}

/// `(path, line, rule)` of every diagnostic of a JSON report.
pub fn findings(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A copy of a fixture repository in a temporary folder, to add files to at run time.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join(name), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A small clean repository in a temporary folder: a roster and one prep document.
pub fn small_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", ROSTER);
    write(dir.path(), "people/alice-nguyen/2026-03-01-prep.md", PREP);
    dir
}

/// Writes a file, creating its folders.
pub fn write(root: &Path, path: &str, contents: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// The roster of the small repository.
pub const ROSTER: &str = "people:
  - id: sam-okafor
    name: Sam Okafor
  - id: alice-nguyen
    name: Alice Nguyen
    manager: sam-okafor
";

/// A clean prep document.
pub const PREP: &str = "---
type: prep
engineer: alice-nguyen
manager: sam-okafor
date: 2026-03-01
---
# Preparing for Alice's where-now conversation

## Where Alice is operating
Leading the billing migration; strong on delivery, less certain in design reviews.
";

/// Every file under `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The keys of a JSON object, sorted.
pub fn sorted_keys(value: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort_unstable();
    keys
}

/// What a run of cairn printed and how it exited.
#[derive(Debug)]
pub struct Outcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The exit code.
    pub code: i32,
}

impl Outcome {
    /// Both streams, for assertions about everything cairn printed.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `cairn ARGS` in `repo` (no colour) and returns what it printed.
pub fn run(repo: &Path, args: &[&str]) -> Outcome {
    let output = cairn(repo).args(args).output().unwrap();
    Outcome {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// Every file's bytes under `dir` (a `.git` folder included), by path: what a command
/// that must write nothing is compared against.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Runs git in `dir` with an identity and no user configuration, the author and committer
/// dated `date` (noon UTC) when given; panics if it fails, and returns what it printed.
pub fn git(dir: &Path, date: Option<&str>, args: &[&str]) -> String {
    let mut command = std::process::Command::new("git");
    command
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Sam Okafor",
            "-c",
            "user.email=sam@example.com",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    if let Some(date) = date {
        let stamp = format!("{date}T12:00:00+00:00");
        command
            .env("GIT_AUTHOR_DATE", &stamp)
            .env("GIT_COMMITTER_DATE", &stamp);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
