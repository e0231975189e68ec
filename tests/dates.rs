//! Dates written in another format are read when they can mean one day only, so one slip
//! never hides a conversation; `check` still asks for YYYY-MM-DD (and fixes it), and a
//! date with two readings is read as nothing. Task items' due, done and withdrawn dates
//! alike, Obsidian Tasks' emoji included.

use std::path::Path;

use crate::support::{check_json, findings, run, write, ROSTER};

fn where_now(date: &str, agreed: &str) -> String {
    format!(
        "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: {date}\nfollow_up: 2026-06-15\nsummary_shared: 2026-03-14\n---\n\n## What I heard\n\nAlice wants to lead the billing work.\n\n## What we agreed\n\n{agreed}\n"
    )
}

fn repo(date: &str, agreed: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", ROSTER);
    write(
        dir.path(),
        "people/alice-nguyen/2026-03-13-where-now.md",
        &where_now(date, agreed),
    );
    dir
}

fn report(repo: &Path, as_of: &str) -> serde_json::Value {
    let outcome = run(repo, &["report", "--as-of", as_of, "--format", "json"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    serde_json::from_str(&outcome.stdout).unwrap()
}

#[test]
fn a_conversation_dated_in_any_format_with_one_reading_is_counted() {
    for date in [
        "2026-3-13",
        "2026/03/13",
        "2026.03.13",
        "13/03/2026",
        "13.03.2026",
        "13 March 2026",
        "\"March 13, 2026\"",
        "13 Mar 2026",
    ] {
        let dir = repo(
            date,
            "- [ ] @manager intro to the platform lead (due 2026-04-01)",
        );
        let json = report(dir.path(), "2026-03-20");
        assert_eq!(json["skipped_documents"], 0, "{date}");
        let alice = &json["people"][0];
        assert_eq!(alice["annual"]["last"], "2026-03-13", "{date}");
        let flags = alice["flags"].as_array().unwrap();
        assert!(
            !flags.contains(&"never-had-conversation".into()),
            "{date}: {flags:?}"
        );
        assert_eq!(alice["commitments"].as_array().unwrap().len(), 1, "{date}");
        // `check` asks for the plain form, at the value, with a safe fix.
        let (json, code) = check_json(dir.path());
        assert_eq!(code, 1, "{date}");
        assert_eq!(
            findings(&json),
            [(
                "people/alice-nguyen/2026-03-13-where-now.md".to_owned(),
                5,
                "invalid-field".to_owned()
            )],
            "{date}"
        );
        let fixed = run(dir.path(), &["check", "--fix"]);
        assert_eq!(fixed.code, 0, "{date}: {}", fixed.all());
        let text = std::fs::read_to_string(
            dir.path()
                .join("people/alice-nguyen/2026-03-13-where-now.md"),
        )
        .unwrap();
        assert!(
            text.contains("\ndate: 2026-03-13\n") || text.contains("\ndate: \"2026-03-13\"\n"),
            "{text}"
        );
    }
}

#[test]
fn a_date_with_two_readings_is_read_as_nothing_and_has_no_fix() {
    let dir = repo("04/05/2026", "- [ ] @manager intro (due 2026-06-01)");
    let outcome = run(dir.path(), &["check"]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stdout.contains("could be 2026-05-04 or 2026-04-05"),
        "{}",
        outcome.stdout
    );
    assert!(!outcome.stdout.contains("fixable"), "{}", outcome.stdout);
    let json = report(dir.path(), "2026-06-20");
    assert_eq!(json["skipped_documents"], 1);
}

#[test]
fn due_dates_in_another_format_are_read_and_two_readings_are_not_called_missing() {
    let dir = repo(
        "2026-03-13",
        "- [ ] @manager intro to the platform lead (due 15/04/2026)\n- [ ] @manager book the design review (due 04/05/2026)\n- [ ] @engineer draft the RFC 📅 2026-04-20\n- [x] @engineer read the billing code ✅ 2026-03-30",
    );
    let outcome = run(dir.path(), &["check"]);
    assert!(
        !outcome.stdout.contains("has no due date"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome
            .stdout
            .contains("`due 15/04/2026` is read as 2026-04-15"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome
            .stdout
            .contains("`due 04/05/2026` could be 2026-05-04 or 2026-04-05"),
        "{}",
        outcome.stdout
    );
    // The day before, on and after the read due date.
    for (as_of, overdue) in [
        ("2026-04-14", false),
        ("2026-04-15", false),
        ("2026-04-16", true),
    ] {
        let json = report(dir.path(), as_of);
        let commitments = json["people"][0]["commitments"].as_array().unwrap();
        let intro = commitments
            .iter()
            .find(|c| c["text"] == "intro to the platform lead")
            .unwrap();
        assert_eq!(intro["due"], "2026-04-15");
        assert_eq!(intro["overdue"], overdue, "{as_of}");
        let design = commitments
            .iter()
            .find(|c| c["text"] == "book the design review")
            .unwrap();
        assert_eq!(design["due"], serde_json::Value::Null);
        let rfc = commitments
            .iter()
            .find(|c| c["text"] == "draft the RFC")
            .unwrap();
        assert_eq!(rfc["due"], "2026-04-20");
        let read = commitments
            .iter()
            .find(|c| c["text"] == "read the billing code")
            .unwrap();
        assert_eq!(read["done_on"], "2026-03-30");
    }
    let fixed = run(dir.path(), &["check", "--fix"]);
    assert_eq!(fixed.code, 1, "{}", fixed.all());
    let text = std::fs::read_to_string(
        dir.path()
            .join("people/alice-nguyen/2026-03-13-where-now.md"),
    )
    .unwrap();
    assert!(text.contains("(due 2026-04-15)"), "{text}");
    assert!(text.contains("(due 04/05/2026)"), "{text}");
}

#[test]
fn a_withdrawn_commitment_is_never_overdue_and_open_before_its_date() {
    let dir = repo(
        "2026-03-13",
        "- [-] @manager give Alice the Q2 stretch project (due 2026-06-30) (withdrawn 2026-09-01: the Q2 project was cancelled)\n- [ ] @engineer write the billing RFC (due 2026-04-30)\n- [-] @manager pair on the roadmap ❌ 2026-05-02",
    );
    let (json, _) = check_json(dir.path());
    assert!(
        !findings(&json)
            .iter()
            .any(|(_, line, _)| *line == 16 || *line == 18),
        "{json}"
    );
    // Before, on and after the withdrawn date.
    for (as_of, withdrawn, overdue) in [
        ("2026-08-31", false, true),
        ("2026-09-01", true, false),
        ("2026-09-02", true, false),
    ] {
        let json = report(dir.path(), as_of);
        let stretch = json["people"][0]["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"] == "give Alice the Q2 stretch project")
            .unwrap()
            .clone();
        assert_eq!(stretch["withdrawn"], withdrawn, "{as_of}");
        assert_eq!(stretch["overdue"], overdue, "{as_of}");
        assert_eq!(stretch["late"], false, "{as_of}");
        let flags = json["people"][0]["flags"].as_array().unwrap();
        assert_eq!(
            flags.contains(&"manager-commitments-overdue".into()),
            overdue,
            "{as_of}: {flags:?}"
        );
        // A withdrawn promise is not listed as open in the person's block, nor among the
        // manager's own, in any format; before its date it is still owed, and listed.
        for format in ["terminal", "markdown", "html"] {
            let outcome = run(
                dir.path(),
                &["report", "--as-of", as_of, "--format", format],
            );
            assert_eq!(
                outcome.stdout.contains("give Alice the Q2 stretch project"),
                !withdrawn,
                "{as_of} {format}: {}",
                outcome.stdout
            );
        }
    }
    let listed = run(
        dir.path(),
        &["commitments", "--withdrawn", "--as-of", "2026-09-02"],
    );
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    insta::assert_snapshot!("withdrawn_commitments", listed.stdout);
    let all = run(
        dir.path(),
        &[
            "commitments",
            "--all",
            "--as-of",
            "2026-09-02",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    let states: Vec<&str> = json["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["overdue", "withdrawn", "withdrawn"]);
    let stretch = &json["commitments"][1];
    assert_eq!(stretch["withdrawn_on"], "2026-09-01");
    assert_eq!(stretch["withdrawn_reason"], "the Q2 project was cancelled");
    // Open ones by default: the withdrawn ones are not owed.
    let open = run(dir.path(), &["commitments", "--as-of", "2026-09-02"]);
    assert!(!open.stdout.contains("stretch"), "{}", open.stdout);
    let show = run(
        dir.path(),
        &["show", "alice-nguyen", "--as-of", "2026-09-02"],
    );
    assert!(
        show.stdout
            .contains("(withdrawn 2026-09-01: the Q2 project was cancelled)"),
        "{}",
        show.stdout
    );
}

#[test]
fn explain_knows_every_report_flag() {
    let outcome = run(Path::new("."), &["explain", "summary-not-shared"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome
        .stdout
        .starts_with("# summary-not-shared (report flag)"));
    for heading in ["## What it means", "## Why it matters", "## What clears it"] {
        assert!(outcome.stdout.contains(heading), "{}", outcome.stdout);
    }
    let list = run(Path::new("."), &["explain", "--list"]);
    for flag in [
        "never-had-conversation",
        "annual-overdue",
        "no-active-contract",
        "contract-expired",
        "review-overdue",
        "missed-follow-up",
        "summary-not-shared",
        "notes-not-written",
        "manager-commitments-overdue",
        "engineer-commitments-overdue",
        "trust-at-risk",
        "document-errors",
    ] {
        assert!(list.stdout.contains(flag), "{flag}");
        let explained = run(Path::new("."), &["explain", flag]);
        assert_eq!(explained.code, 0, "{flag}");
        // `notes-not-written` is a rule and a flag: both are explained.
        assert!(explained.stdout.contains("## What clears it"), "{flag}");
    }
    let unknown = run(Path::new("."), &["explain", "summary-not-share"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("summary-not-shared"),
        "{}",
        unknown.stderr
    );
}
