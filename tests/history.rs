//! `--history`: the notes as committed on a day, read from git's objects, on real
//! temporary repositories with dated commits; nothing is written and nothing checked out.

use std::path::Path;
use std::process::Command;

use crate::support::{run, write, ROSTER};

/// Runs git in `dir` with an identity and, when given, the author and committer date.
fn git_on(dir: &Path, date: Option<&str>, args: &[&str]) -> String {
    let mut command = Command::new("git");
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

/// Commits everything in `dir` on `date`.
fn commit(dir: &Path, date: &str) {
    git_on(dir, None, &["add", "-A"]);
    git_on(dir, Some(date), &["commit", "-q", "-m", date]);
}

const PATH: &str = "people/alice-nguyen/2026-03-13-where-now.md";

fn where_now(follow_up: &str, agreed: &str) -> String {
    format!(
        "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-13\nfollow_up: {follow_up}\nsummary_shared: 2026-03-14\n---\n\n## What I heard\n\nAlice wants to lead the billing work.\n\n## What we agreed\n\n{agreed}\n"
    )
}

/// A repository whose notes live in `folder` (empty: the top): Alice's where-now
/// conversation committed on 2026-03-13 with an intro due 2026-04-01, then rewritten on
/// 2026-06-01 (the intro moved to 2026-09-01 and reworded), then the work tree edited
/// again without a commit.
fn rewritten(folder: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git_on(dir.path(), None, &["init", "-q", "-b", "main"]);
    let notes = dir.path().join(folder);
    write(dir.path(), "README.md", "Not notes.\n");
    write(&notes, "cairn.yaml", ROSTER);
    write(
        &notes,
        PATH,
        &where_now(
            "2026-06-15",
            "- [ ] @manager intro to the platform lead (due 2026-04-01)",
        ),
    );
    commit(dir.path(), "2026-03-13");
    write(
        &notes,
        PATH,
        &where_now(
            "2026-10-15",
            "- [ ] @manager intro to the platform and data leads (due 2026-09-01)",
        ),
    );
    commit(dir.path(), "2026-06-01");
    write(
        &notes,
        PATH,
        &where_now(
            "2026-12-15",
            "- [ ] @manager intro to everyone (due 2026-12-01)",
        ),
    );
    dir
}

fn report(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend(args);
    let outcome = run(dir, &all);
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    serde_json::from_str(&outcome.stdout).unwrap()
}

/// The text and due date of Alice's one commitment in a JSON report.
fn intro(json: &serde_json::Value) -> (String, String, bool) {
    let commitments = json["people"][0]["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 1, "{json}");
    let c = &commitments[0];
    (
        c["text"].as_str().unwrap().to_owned(),
        c["due"].as_str().unwrap().to_owned(),
        c["overdue"].as_bool().unwrap(),
    )
}

#[test]
fn the_report_reads_as_it_did_before_and_after_a_rewrite() {
    let dir = rewritten("");
    let today = report(dir.path(), &["--as-of", "2026-05-01"]);
    assert_eq!(
        intro(&today),
        (
            "intro to everyone".to_owned(),
            "2026-12-01".to_owned(),
            false
        )
    );
    let before = report(dir.path(), &["--as-of", "2026-05-01", "--history"]);
    assert_eq!(
        intro(&before),
        (
            "intro to the platform lead".to_owned(),
            "2026-04-01".to_owned(),
            true
        )
    );
    // The commit's own day counts: on 2026-06-01 the rewrite is the record.
    let after = report(dir.path(), &["--as-of", "2026-06-01", "--history"]);
    assert_eq!(
        intro(&after),
        (
            "intro to the platform and data leads".to_owned(),
            "2026-09-01".to_owned(),
            false
        )
    );
    let day_before = report(dir.path(), &["--as-of", "2026-05-31", "--history"]);
    assert_eq!(intro(&day_before).1, "2026-04-01");
}

#[test]
fn notes_in_a_folder_of_the_work_tree_have_their_history() {
    let dir = rewritten("team/notes");
    let notes = dir.path().join("team/notes");
    let before = report(&notes, &["--as-of", "2026-05-01", "--history"]);
    assert_eq!(intro(&before).1, "2026-04-01");
    let after = report(&notes, &["--as-of", "2026-07-01", "--history"]);
    assert_eq!(intro(&after).1, "2026-09-01");
}

#[test]
fn show_commitments_and_calendar_read_the_history_too() {
    let dir = rewritten("");
    let list = run(
        dir.path(),
        &[
            "commitments",
            "--as-of",
            "2026-05-01",
            "--history",
            "--format",
            "json",
        ],
    );
    assert_eq!(list.code, 0, "{}", list.all());
    assert!(
        list.stdout.contains("intro to the platform lead"),
        "{}",
        list.stdout
    );
    assert!(
        !list.stdout.contains("intro to everyone"),
        "{}",
        list.stdout
    );
    let story = run(
        dir.path(),
        &[
            "show",
            "alice-nguyen",
            "--as-of",
            "2026-05-01",
            "--history",
            "--format",
            "json",
        ],
    );
    assert_eq!(story.code, 0, "{}", story.all());
    assert!(
        story.stdout.contains("intro to the platform lead"),
        "{}",
        story.stdout
    );
    let calendar = run(
        dir.path(),
        &["calendar", "--as-of", "2026-05-01", "--history"],
    );
    assert_eq!(calendar.code, 0, "{}", calendar.all());
    assert!(calendar.stdout.contains("20260615"), "{}", calendar.stdout);
    assert!(!calendar.stdout.contains("20261215"), "{}", calendar.stdout);
}

/// Every path under `dir` (the `.git` folder included) with its contents.
fn fingerprint(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    crate::support::files(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

#[test]
fn history_writes_nothing() {
    let dir = rewritten("");
    let before = fingerprint(dir.path());
    for args in [
        vec!["report", "--as-of", "2026-05-01", "--history"],
        vec!["calendar", "--as-of", "2026-05-01", "--history"],
        vec!["commitments", "--as-of", "2026-05-01", "--history"],
        vec!["show", "alice-nguyen", "--as-of", "2026-05-01", "--history"],
    ] {
        let outcome = run(dir.path(), &args);
        assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.all());
    }
    assert_eq!(fingerprint(dir.path()), before);
}

#[test]
fn without_a_history_to_read_the_reason_is_one_line_and_the_exit_is_2() {
    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), "cairn.yaml", ROSTER);
    let outcome = run(plain.path(), &["report", "--history"]);
    assert_eq!(outcome.code, 2, "{}", outcome.all());
    assert!(
        outcome.stderr.contains("not in a git work tree"),
        "{}",
        outcome.stderr
    );
    assert_eq!(
        outcome.stderr.trim_end().lines().count(),
        1,
        "{}",
        outcome.stderr
    );

    git_on(plain.path(), None, &["init", "-q", "-b", "main"]);
    let empty = run(plain.path(), &["report", "--history"]);
    assert_eq!(empty.code, 2, "{}", empty.all());
    assert!(empty.stderr.contains("no commits yet"), "{}", empty.stderr);

    let dir = rewritten("");
    let early = run(
        dir.path(),
        &["show", "alice-nguyen", "--as-of", "2026-03-12", "--history"],
    );
    assert_eq!(early.code, 2, "{}", early.all());
    assert!(
        early.stderr.contains("the history starts on 2026-03-13"),
        "{}",
        early.stderr
    );
    assert_eq!(
        early.stderr.trim_end().lines().count(),
        1,
        "{}",
        early.stderr
    );
}
