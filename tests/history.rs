//! `--history`: the notes as committed on a day, read from git's objects, on real
//! temporary repositories with dated commits; nothing is written and nothing checked out.

use std::path::Path;

use crate::support::{git, run, snapshot, write, ROSTER};

/// Commits everything in `dir` on `date`.
fn commit(dir: &Path, date: &str) {
    git(dir, None, &["add", "-A"]);
    git(dir, Some(date), &["commit", "-q", "-m", date]);
}

const PATH: &str = "people/alice-nguyen/2026-03-13-where-now.md";

/// An empty git repository with the roster, not yet committed.
fn git_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), None, &["init", "-q", "-b", "main"]);
    write(dir.path(), "cairn.yaml", ROSTER);
    dir
}

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
    git(dir.path(), None, &["init", "-q", "-b", "main"]);
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

#[test]
fn history_writes_nothing() {
    let dir = rewritten("");
    let before = snapshot(dir.path());
    for args in [
        vec!["report", "--as-of", "2026-05-01", "--history"],
        vec!["calendar", "--as-of", "2026-05-01", "--history"],
        vec!["commitments", "--as-of", "2026-05-01", "--history"],
        vec!["show", "alice-nguyen", "--as-of", "2026-05-01", "--history"],
    ] {
        let outcome = run(dir.path(), &args);
        assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.all());
    }
    assert_eq!(snapshot(dir.path()), before);
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

    git(plain.path(), None, &["init", "-q", "-b", "main"]);
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

/// Alice's commitments as `commitments --all --format json` lists them on `as_of`, by
/// text: (state, done_on, done_on_source).
fn states(dir: &Path, as_of: &str, more: &[&str]) -> Vec<(String, String, String, String)> {
    let mut args = vec!["commitments", "--all", "--format", "json", "--as-of", as_of];
    args.extend(more);
    let out = run(dir, &args);
    assert_eq!(out.code, 0, "{}", out.all());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let field = |c: &serde_json::Value, key: &str| c[key].as_str().unwrap_or("-").to_owned();
    json["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                field(c, "text"),
                field(c, "state"),
                field(c, "done_on"),
                field(c, "done_on_source"),
            )
        })
        .collect()
}

fn state_of(all: &[(String, String, String, String)], text: &str) -> (String, String, String) {
    let (_, state, on, source) = all
        .iter()
        .find(|c| c.0.contains(text))
        .unwrap_or_else(|| panic!("{text} in {all:?}"));
    (state.clone(), on.clone(), source.clone())
}

/// Alice's where-now, committed on 2026-03-13: an intro due 2026-04-01 (open), a draft
/// already ticked when first written, and notes due 2026-05-01 (open). The intro is
/// ticked in a commit of 2026-04-02, a day late; the notes are ticked in the work tree
/// and not committed.
fn ticked() -> tempfile::TempDir {
    let dir = git_repository();
    let agreed = |intro: &str, notes: &str| {
        where_now(
            "2026-06-15",
            &format!("- [{intro}] @manager intro to the platform lead (due 2026-04-01)\n- [x] @engineer draft the proposal (due 2026-03-20)\n- [{notes}] @engineer send the notes (due 2026-05-01)"),
        )
    };
    write(dir.path(), PATH, &agreed(" ", " "));
    commit(dir.path(), "2026-03-13");
    write(dir.path(), PATH, &agreed("x", " "));
    commit(dir.path(), "2026-04-02");
    write(dir.path(), PATH, &agreed("x", "x"));
    dir
}

#[test]
fn a_tick_is_dated_by_the_commit_that_ticked_it_the_day_before_on_and_after() {
    let dir = ticked();
    // The day before the tick: still open (not yet overdue: due that day).
    let before = states(dir.path(), "2026-04-01", &[]);
    assert_eq!(state_of(&before, "intro").0, "open", "{before:?}");
    // On the day and after: done on the commit's day, a day late.
    for day in ["2026-04-02", "2026-04-03"] {
        let after = states(dir.path(), day, &[]);
        assert_eq!(
            state_of(&after, "intro"),
            ("done-late".into(), "2026-04-02".into(), "git".into()),
            "{day}: {after:?}"
        );
    }
    // Written already ticked: git knows it was done by then, not when: undated, done.
    let all = states(dir.path(), "2026-06-01", &[]);
    assert_eq!(
        state_of(&all, "draft"),
        ("done".into(), "-".into(), "-".into())
    );
    // Ticked in the work tree, not committed: done on the day of the list.
    assert_eq!(
        state_of(&all, "send the notes"),
        (
            "done-late".into(),
            "2026-06-01".into(),
            "uncommitted".into()
        )
    );
    // --no-git-dates: every tick undated, done at every date, as before.
    let off = states(dir.path(), "2026-04-01", &["--no-git-dates"]);
    assert_eq!(
        state_of(&off, "intro"),
        ("done".into(), "-".into(), "-".into())
    );
    // People read it in the terminal, in show and in the report's JSON.
    let terminal = run(
        dir.path(),
        &["commitments", "--all", "--as-of", "2026-04-03"],
    );
    assert!(
        terminal.stdout.contains("(done 2026-04-02 (from git))"),
        "{}",
        terminal.stdout
    );
    let show = run(
        dir.path(),
        &["show", "alice-nguyen", "--as-of", "2026-04-03"],
    );
    assert_eq!(show.code, 0, "{}", show.all());
    assert!(
        show.stdout.contains("(done 2026-04-02 (from git))"),
        "{}",
        show.stdout
    );
    let json = report(dir.path(), &["--as-of", "2026-04-03"]);
    let intro = json["people"][0]["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("intro"))
        .cloned()
        .unwrap();
    assert_eq!(intro["done_on_source"], "git", "{intro}");
    assert_eq!(intro["late"], true, "{intro}");
}

#[test]
fn with_history_the_tick_is_dated_from_the_commit_read() {
    let dir = ticked();
    let then = states(dir.path(), "2026-04-05", &["--history"]);
    assert_eq!(
        state_of(&then, "intro"),
        ("done-late".into(), "2026-04-02".into(), "git".into())
    );
    // The notes were not ticked in any commit by then: open, and overdue later.
    let later = states(dir.path(), "2026-05-05", &["--history"]);
    assert_eq!(state_of(&later, "send the notes").0, "overdue", "{later:?}");
}

#[test]
fn a_tick_undone_and_done_again_is_dated_by_the_tick_that_stands() {
    let dir = ticked();
    let text = std::fs::read_to_string(dir.path().join(PATH)).unwrap();
    let open = text.replace("- [x] @manager intro", "- [ ] @manager intro");
    write(dir.path(), PATH, &open);
    commit(dir.path(), "2026-04-10");
    write(dir.path(), PATH, &text);
    commit(dir.path(), "2026-04-20");
    let all = states(dir.path(), "2026-06-01", &[]);
    assert_eq!(
        state_of(&all, "intro"),
        ("done-late".into(), "2026-04-20".into(), "git".into())
    );
    assert_eq!(state_of(&all, "send the notes").2, "git", "{all:?}");
}

#[test]
fn outside_a_git_work_tree_ticks_stay_undated() {
    let dir = ticked();
    std::fs::remove_dir_all(dir.path().join(".git")).unwrap();
    let all = states(dir.path(), "2026-04-01", &[]);
    assert_eq!(
        state_of(&all, "intro"),
        ("done".into(), "-".into(), "-".into())
    );
}

#[test]
fn a_renamed_file_keeps_its_ticks_dates_and_twin_items_keep_their_own() {
    let dir = git_repository();
    let old = "people/alice-nguyen/notes.md";
    let agreed = |manager: &str, engineer: &str| {
        where_now(
            "2026-06-15",
            &format!("- [{manager}] @manager follow up (due 2026-04-01)\n- [{engineer}] @engineer follow up (due 2026-04-01)"),
        )
    };
    write(dir.path(), old, &agreed(" ", " "));
    commit(dir.path(), "2026-03-13");
    write(dir.path(), old, &agreed("x", " "));
    commit(dir.path(), "2026-03-20");
    // Renamed to the layout's name, then the engineer's twin item ticked, late.
    git(dir.path(), None, &["mv", old, PATH]);
    commit(dir.path(), "2026-04-10");
    write(dir.path(), PATH, &agreed("x", "x"));
    commit(dir.path(), "2026-04-20");
    let out = run(
        dir.path(),
        &[
            "commitments",
            "--all",
            "--format",
            "json",
            "--as-of",
            "2026-06-01",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let by_owner = |owner: &str| {
        json["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["owner"] == owner)
            .cloned()
            .unwrap_or_else(|| panic!("{json}"))
    };
    let manager = by_owner("manager");
    assert_eq!(manager["done_on"], "2026-03-20", "{manager}");
    assert_eq!(manager["done_on_source"], "git");
    assert_eq!(manager["state"], "done");
    let engineer = by_owner("engineer");
    assert_eq!(engineer["done_on"], "2026-04-20", "{engineer}");
    assert_eq!(engineer["state"], "done-late");
    // The day before the engineer's tick it was overdue.
    let before = states(dir.path(), "2026-04-19", &[]);
    assert!(before.iter().any(|c| c.1 == "overdue"), "{before:?}");
}

#[test]
fn a_handover_lists_a_promise_git_says_was_ticked_after_its_date() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), None, &["init", "-q", "-b", "main"]);
    write(
        dir.path(),
        "cairn.yaml",
        &format!("{ROSTER}  - id: dana-reyes\n    name: Dana Reyes\n"),
    );
    let agreed = |box_: &str| {
        where_now(
            "2026-06-15",
            &format!("- [{box_}] @manager ticked in git after the handover (due 2026-08-01)"),
        )
    };
    write(dir.path(), PATH, &agreed(" "));
    commit(dir.path(), "2026-03-13");
    write(dir.path(), PATH, &agreed("x"));
    commit(dir.path(), "2026-07-15");
    let out = run(
        dir.path(),
        &[
            "handover",
            "alice-nguyen",
            "--to",
            "dana-reyes",
            "--date",
            "2026-07-01",
            "--dry-run",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let promises = out.stdout.split("## Open promises").nth(1).unwrap_or("");
    assert!(
        promises.contains("ticked in git after the handover"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_note_git_has_never_held_keeps_its_ticks_undated() {
    let dir = ticked();
    // A new note, not yet added to git.
    let item = where_now(
        "2026-06-15",
        "- [x] @manager untracked promise (due 2026-04-01)",
    )
    .replace("2026-03-13", "2026-03-20");
    write(
        dir.path(),
        "people/alice-nguyen/2026-03-20-where-now.md",
        &item,
    );
    let all = states(dir.path(), "2026-06-01", &[]);
    assert_eq!(
        state_of(&all, "untracked promise"),
        ("done".into(), "-".into(), "-".into()),
        "{all:?}"
    );
    // A tracked note's uncommitted tick is still done on the day.
    assert_eq!(state_of(&all, "send the notes").2, "uncommitted");
}
