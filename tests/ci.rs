//! `check` in real life (SPEC 3): the repository found from a path, notes in a folder of a
//! larger git repository, `--changed` and `--since` with a real `git`, SARIF valid against
//! its schema, and the CI recipes of `docs/` run as they are written.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{cairn, git, run, write, PREP, ROSTER};

/// A git repository holding the project's own README.md and the notes in `notes/`: Alice's
/// prep, committed on `main`.
fn monorepo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, None, &["init", "-q", "-b", "main"]);
    write(root, "README.md", "# The team's repository\n");
    write(root, "notes/cairn.yaml", ROSTER);
    write(root, "notes/people/alice-nguyen/2026-03-01-prep.md", PREP);
    git(root, None, &["add", "-A"]);
    git(root, None, &["commit", "-q", "-m", "notes"]);
    dir
}

/// A document with one finding: a prep for someone not in the roster.
fn stranger(day: &str) -> String {
    PREP.replace("engineer: alice-nguyen", "engineer: nobody-here")
        .replace("2026-03-01", day)
}

fn rules_and_paths(stdout: &str) -> Vec<(String, String)> {
    let json: serde_json::Value = serde_json::from_str(stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_repository_is_found_from_a_path_given_anywhere() {
    let repo = monorepo();
    let notes = repo.path().join("notes");
    let elsewhere = tempfile::tempdir().unwrap();
    let outcome = run(elsewhere.path(), &["check", notes.to_str().unwrap()]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.stdout, "0 errors, 0 warnings in 1 document\n");
}

#[test]
fn pre_commit_in_a_folder_of_a_larger_repository() {
    let repo = monorepo();
    write(
        repo.path(),
        "notes/people/alice-nguyen/2026-04-01-prep.md",
        &stranger("2026-04-01"),
    );
    // pre-commit runs from the top of the git repository with every changed Markdown file,
    // the project's own README.md first.
    let outcome = run(
        repo.path(),
        &[
            "check",
            "README.md",
            "notes/people/alice-nguyen/2026-04-01-prep.md",
        ],
    );
    assert_eq!(outcome.code, 1, "{}", outcome.all());
    assert!(
        outcome
            .stderr
            .contains("skipped 1 path outside the notes repository"),
        "{}",
        outcome.stderr
    );
    // Human paths are relative to where cairn runs, so an editor there can open them.
    assert!(
        outcome.stdout.starts_with(
            "notes/people/alice-nguyen/2026-04-01-prep.md:3:11: error[unknown-person]"
        ),
        "{}",
        outcome.stdout
    );
    // Only the README.md: nothing of the notes is asked about.
    let readme_only = run(repo.path(), &["check", "README.md"]);
    assert_eq!(readme_only.code, 2, "{}", readme_only.all());
    assert!(readme_only.stderr.contains("not inside a notes repository"));
    assert_eq!(
        run(repo.path(), &["--repo", "notes", "check", "README.md"]).code,
        0
    );
}

#[test]
fn paths_are_printed_where_each_reader_resolves_them() {
    let repo = monorepo();
    write(
        repo.path(),
        "notes/people/alice-nguyen/2026-04-01-prep.md",
        &stranger("2026-04-01"),
    );
    let folder = repo.path().join("notes/people");
    let human = run(&folder, &["check"]);
    assert!(
        human
            .stdout
            .starts_with("alice-nguyen/2026-04-01-prep.md:3:11:"),
        "{}",
        human.stdout
    );
    let from_above = run(repo.path(), &["--repo", "notes", "check"]);
    assert!(
        from_above
            .stdout
            .starts_with("notes/people/alice-nguyen/2026-04-01-prep.md:3:11:"),
        "{}",
        from_above.stdout
    );
    // GitHub resolves annotations from the top of the work tree, wherever cairn runs.
    let github = run(&folder, &["check", "--format", "github"]);
    assert!(
        github.stdout.starts_with(
            "::error file=notes/people/alice-nguyen/2026-04-01-prep.md,line=3,col=11,"
        ),
        "{}",
        github.stdout
    );
    // JSON stays relative to the notes' root.
    let json = run(&folder, &["check", "--format", "json"]);
    assert_eq!(
        rules_and_paths(&json.stdout),
        [(
            "people/alice-nguyen/2026-04-01-prep.md".to_owned(),
            "unknown-person".to_owned()
        )]
    );
}

#[test]
fn changed_reports_what_differs_from_head() {
    let repo = monorepo();
    let notes = repo.path().join("notes");
    // Committed with a finding: not reported by --changed until it changes again.
    write(
        &notes,
        "people/alice-nguyen/2026-01-01-prep.md",
        &stranger("2026-01-01"),
    );
    git(repo.path(), None, &["add", "-A"]);
    git(repo.path(), None, &["commit", "-q", "-m", "old"]);
    let quiet = run(&notes, &["check", "--changed", "--format", "json"]);
    assert_eq!(rules_and_paths(&quiet.stdout), []);
    assert_eq!(quiet.code, 0);
    // An untracked document, a staged one and an unstaged edit.
    write(
        &notes,
        "people/alice-nguyen/2026-05-01-prep.md",
        &stranger("2026-05-01"),
    );
    write(
        &notes,
        "people/alice-nguyen/2026-06-01-prep.md",
        &stranger("2026-06-01"),
    );
    git(
        repo.path(),
        None,
        &["add", "notes/people/alice-nguyen/2026-06-01-prep.md"],
    );
    write(
        &notes,
        "people/alice-nguyen/2026-03-01-prep.md",
        &stranger("2026-03-01"),
    );
    // A renamed document is reported under its new name.
    git(
        repo.path(),
        None,
        &[
            "mv",
            "notes/people/alice-nguyen/2026-01-01-prep.md",
            "notes/people/alice-nguyen/2026-01-02-prep.md",
        ],
    );
    let changed = run(&notes, &["check", "--changed", "--format", "json"]);
    let mut found: Vec<String> = rules_and_paths(&changed.stdout)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "people/alice-nguyen/2026-01-02-prep.md",
            "people/alice-nguyen/2026-03-01-prep.md",
            "people/alice-nguyen/2026-05-01-prep.md",
            "people/alice-nguyen/2026-06-01-prep.md",
        ]
    );
    assert_eq!(changed.code, 1);
    // A changed cairn.yaml: every document is reported.
    git(repo.path(), None, &["add", "-A"]);
    git(repo.path(), None, &["commit", "-q", "-m", "more"]);
    assert_eq!(
        rules_and_paths(&run(&notes, &["check", "--changed", "--format", "json"]).stdout),
        []
    );
    write(&notes, "cairn.yaml", &format!("{ROSTER}# a comment\n"));
    assert_eq!(
        rules_and_paths(&run(&notes, &["check", "--changed", "--format", "json"]).stdout).len(),
        4
    );
}

#[test]
fn since_reports_what_a_branch_changed() {
    let repo = monorepo();
    let notes = repo.path().join("notes");
    git(repo.path(), None, &["checkout", "-q", "-b", "feature"]);
    write(
        &notes,
        "people/alice-nguyen/2026-05-01-prep.md",
        &stranger("2026-05-01"),
    );
    git(repo.path(), None, &["add", "-A"]);
    git(repo.path(), None, &["commit", "-q", "-m", "feature"]);
    // Meanwhile, main gets a document with a finding of its own: not the branch's.
    git(repo.path(), None, &["checkout", "-q", "main"]);
    write(
        &notes,
        "people/alice-nguyen/2026-06-01-prep.md",
        &stranger("2026-06-01"),
    );
    git(repo.path(), None, &["add", "-A"]);
    git(repo.path(), None, &["commit", "-q", "-m", "main"]);
    git(repo.path(), None, &["checkout", "-q", "feature"]);
    let since = run(&notes, &["check", "--since", "main", "--format", "json"]);
    assert_eq!(
        rules_and_paths(&since.stdout),
        [(
            "people/alice-nguyen/2026-05-01-prep.md".to_owned(),
            "unknown-person".to_owned()
        )]
    );
    let bad = run(&notes, &["check", "--since", "origin/main"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("fetch-depth: 0"), "{}", bad.stderr);
    let no_git = tempfile::tempdir().unwrap();
    write(no_git.path(), "cairn.yaml", ROSTER);
    let outside = run(no_git.path(), &["check", "--changed"]);
    assert_eq!(outside.code, 2);
    assert_eq!(outside.stderr.lines().count(), 1, "{}", outside.stderr);
}

#[test]
fn sarif_is_valid_and_holds_no_source_text() {
    let fixture = crate::support::fixtures().join("rules/broken-link");
    let outcome = run(&fixture, &["check", "--format", "sarif"]);
    assert_eq!(outcome.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    // The published schema (vendored from serde-sarif 0.8) has one pattern that is not a
    // valid regular expression, a stray `]` in `run.language`; the validator checks the
    // schema itself first, so that pattern is mended here, leaving the file as published.
    let schema = include_str!("schemas/sarif-2.1.0.json").replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        cairn::analysis::rules::ALL.len()
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 8);
    assert!(results
        .iter()
        .all(|r| r["ruleId"] == "broken-link" && r["level"] == "error"));
    // No snippet, no region text: nothing from the files themselves but paths and lines.
    assert!(!outcome.stdout.contains("\"snippet\""));
    assert!(!outcome.stdout.contains("contextRegion"));
}

/// The lines of a recipe that run cairn, as a shell would (the installed binary's
/// location replaced by the one under test).
fn recipe_commands(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    text.lines()
        .map(str::trim)
        .filter_map(|line| line.strip_prefix("- ").or(line.strip_prefix("run: ")))
        .map(|line| line.strip_prefix("run: ").unwrap_or(line))
        .filter(|line| line.contains("cairn check"))
        .map(|line| line.replace(".cargo/bin/cairn", "cairn"))
        .collect()
}

fn shell(dir: &Path, line: &str) -> i32 {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_cairn"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .current_dir(dir)
        .args(["-c", line])
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap()
        .code()
        .unwrap_or(-1)
}

#[test]
fn the_ci_recipes_run_as_written() {
    let repo = monorepo();
    let notes = repo.path().join("notes");
    // GitLab: the artifact is written before the failing check, and exists after it.
    let gitlab = recipe_commands("docs/gitlab-ci.yml");
    assert_eq!(gitlab.len(), 2, "{gitlab:?}");
    assert!(
        gitlab[0].contains("--format json > cairn-check.json"),
        "the artifact first: {gitlab:?}"
    );
    write(
        &notes,
        "people/alice-nguyen/2026-04-01-prep.md",
        &stranger("2026-04-01"),
    );
    let codes: Vec<i32> = gitlab.iter().map(|line| shell(&notes, line)).collect();
    assert_eq!(codes, [0, 1], "{gitlab:?}");
    let artifact: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(notes.join("cairn-check.json")).unwrap())
            .unwrap();
    assert_eq!(artifact["errors"], 1);
    std::fs::remove_file(notes.join("cairn-check.json")).unwrap();

    // GitHub: annotations on a pull request against its base, all of it on a push, and
    // SARIF for code scanning.
    let github = recipe_commands("docs/github-actions.yml");
    assert_eq!(github.len(), 3, "{github:?}");
    git(repo.path(), None, &["checkout", "-q", "-b", "pull-request"]);
    git(repo.path(), None, &["add", "-A"]);
    git(
        repo.path(),
        None,
        &["commit", "-q", "-m", "a prep with a stranger"],
    );
    git(
        repo.path(),
        None,
        &["update-ref", "refs/remotes/origin/main", "main"],
    );
    let pull_request = github[0].replace("${{ github.base_ref }}", "main");
    assert_eq!(shell(&notes, &pull_request), 1);
    assert_eq!(shell(&notes, &github[1]), 1);
    assert_eq!(
        shell(&notes, &github[2]),
        0,
        "SARIF is uploaded even with findings"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(notes.join("cairn.sarif")).unwrap()).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "notes/people/alice-nguyen/2026-04-01-prep.md"
    );
    assert_eq!(
        cairn(&notes)
            .args([
                "check",
                "--format",
                "github",
                "--strict",
                "--since",
                "origin/main"
            ])
            .output()
            .unwrap()
            .status
            .code(),
        Some(1)
    );
}
