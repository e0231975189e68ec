//! SPEC 5.2: the calendar a manager imports again and again. One PRODID; UIDs that name
//! what an event is, so a rescheduled commitment moves instead of doubling; met follow-ups
//! gone; what is overdue on the report's date, saying since when; reminders on request.

use std::path::Path;

use icalendar::{Component, DatePerhapsTime};

use crate::support::{run, write, ROSTER};

fn calendar(repo: &Path, args: &[&str]) -> (String, icalendar::Calendar) {
    let mut all = vec!["calendar"];
    all.extend_from_slice(args);
    let outcome = run(repo, &all);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let parsed = outcome.stdout.parse().unwrap();
    (outcome.stdout, parsed)
}

/// Every event as (UID, start day, summary).
fn events(calendar: &icalendar::Calendar) -> Vec<(String, String, String)> {
    calendar
        .events()
        .map(|e| {
            let start = match e.get_start() {
                Some(DatePerhapsTime::Date(day)) => day.to_string(),
                other => panic!("not an all-day event: {other:?}"),
            };
            (
                e.get_uid().unwrap().to_owned(),
                start,
                e.get_summary().unwrap().to_owned(),
            )
        })
        .collect()
}

fn where_now(follow_up: &str, items: &str) -> String {
    format!("---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-01\nfollow_up: {follow_up}\nsummary_shared: 2026-03-02\n---\n## What I heard\nShe wants to lead the migration.\n\n## What we agreed\n{items}")
}

fn repo_with(documents: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", ROSTER);
    for (path, text) in documents {
        write(dir.path(), path, text);
    }
    dir
}

const CONVERSATION: &str = "people/alice-nguyen/2026-03-01-where-now.md";

#[test]
fn one_prodid_one_version_and_the_same_file_every_run() {
    let repo = repo_with(&[(
        CONVERSATION,
        where_now("2026-06-01", "- [ ] @manager book it (due 2026-05-01)\n"),
    )]);
    let (text, _) = calendar(repo.path(), &["--as-of", "2026-04-01", "--remind", "3"]);
    let (again, _) = calendar(repo.path(), &["--as-of", "2026-04-01", "--remind", "3"]);
    assert_eq!(text, again);
    assert_eq!(text.matches("\nPRODID:").count(), 1, "{text}");
    assert_eq!(text.matches("\nVERSION:").count(), 1, "{text}");
    assert!(text.contains("PRODID:-//cairn//cairn "), "{text}");
}

#[test]
fn a_rescheduled_commitment_keeps_its_uid_and_moves() {
    let before = repo_with(&[(
        CONVERSATION,
        where_now("2026-06-01", "- [ ] @manager book it (due 2026-05-01)\n"),
    )]);
    let after = repo_with(&[(
        CONVERSATION,
        where_now("2026-06-01", "- [ ] @manager book it (due 2026-05-20)\n"),
    )]);
    let find = |calendar: &icalendar::Calendar| {
        events(calendar)
            .into_iter()
            .find(|(uid, _, _)| uid.starts_with("commitment/"))
            .unwrap()
    };
    let (_, first) = calendar(before.path(), &["--as-of", "2026-04-01"]);
    let (_, second) = calendar(after.path(), &["--as-of", "2026-04-01"]);
    let (uid, day, summary) = find(&first);
    assert_eq!(
        (uid.as_str(), day.as_str()),
        (
            "commitment/alice-nguyen/people/alice-nguyen/2026-03-01-where-now.md/0@cairn",
            "2026-05-01"
        )
    );
    assert_eq!(summary, "Sam Okafor's commitment to Alice Nguyen: book it");
    let (moved_uid, moved_day, _) = find(&second);
    assert_eq!((moved_uid, moved_day.as_str()), (uid, "2026-05-20"));
}

#[test]
fn what_is_overdue_is_on_the_report_date_and_keeps_its_uid() {
    let repo = repo_with(&[(
        CONVERSATION,
        where_now("2026-06-01", "- [ ] @manager book it (due 2026-05-01)\n"),
    )]);
    let uid = "commitment/alice-nguyen/people/alice-nguyen/2026-03-01-where-now.md/0@cairn";
    let on = |as_of: &str| {
        let (_, calendar) = calendar(repo.path(), &["--as-of", as_of]);
        events(&calendar)
            .into_iter()
            .find(|(u, _, _)| u == uid)
            .unwrap()
    };
    // The day it is due, it is upcoming; the day after, overdue on the report's date.
    assert_eq!(on("2026-05-01").1, "2026-05-01");
    let (_, day, summary) = on("2026-05-02");
    assert_eq!(day, "2026-05-02");
    assert!(summary.ends_with(": overdue since 2026-05-01"), "{summary}");
}

#[test]
fn a_follow_up_met_by_a_later_conversation_is_gone() {
    let follow_up = "follow-up/alice-nguyen/people/alice-nguyen/2026-03-01-where-now.md@cairn";
    let alone = repo_with(&[(CONVERSATION, where_now("2026-06-01", ""))]);
    let (_, calendar_before) = calendar(alone.path(), &["--as-of", "2026-05-01"]);
    assert!(events(&calendar_before)
        .iter()
        .any(|(uid, day, _)| uid == follow_up && day == "2026-06-01"));
    let met = repo_with(&[
        (CONVERSATION, where_now("2026-06-01", "")),
        (
            "people/alice-nguyen/2026-05-10-where-going.md",
            where_now("2026-08-01", "")
                .replace("where-now", "where-going")
                .replace("2026-03-01", "2026-05-10"),
        ),
    ]);
    let (_, calendar_after) = calendar(met.path(), &["--as-of", "2026-05-11"]);
    let uids: Vec<String> = events(&calendar_after)
        .into_iter()
        .map(|(uid, _, _)| uid)
        .collect();
    assert!(!uids.iter().any(|uid| uid == follow_up), "{uids:?}");
    assert!(
        uids.iter()
            .any(|uid| uid.contains("2026-05-10-where-going")),
        "{uids:?}"
    );
}

#[test]
fn reminders_come_before_each_event() {
    let repo = repo_with(&[(
        CONVERSATION,
        where_now("2026-06-01", "- [ ] @engineer draft it (due 2026-05-01)\n"),
    )]);
    let (plain, _) = calendar(repo.path(), &["--as-of", "2026-04-01"]);
    assert!(!plain.contains("BEGIN:VALARM"));
    let (text, parsed) = calendar(repo.path(), &["--as-of", "2026-04-01", "--remind", "3"]);
    let count = parsed.events().count();
    assert!(count >= 3, "{text}");
    assert_eq!(text.matches("BEGIN:VALARM").count(), count);
    assert_eq!(
        text.matches("TRIGGER;RELATED=START:-P3D").count()
            + text.matches("TRIGGER;RELATED=START:-PT259200S").count(),
        count,
        "{text}"
    );
}

#[test]
fn someone_who_never_had_a_conversation_is_in_the_diary_today() {
    let repo = repo_with(&[]);
    let (_, calendar) = calendar(repo.path(), &["--as-of", "2026-04-01"]);
    assert_eq!(
        events(&calendar),
        [(
            "annual/alice-nguyen@cairn".to_owned(),
            "2026-04-01".to_owned(),
            "Career conversation with Alice Nguyen: none held yet".to_owned()
        )]
    );
}

#[test]
fn calendar_writes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cairn.ics");
    crate::support::cairn(&crate::support::fixtures().join("report"))
        .args(["calendar", "--as-of", "2026-06-15", "-o"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
    assert!(std::fs::read_to_string(file)
        .unwrap()
        .starts_with("BEGIN:VCALENDAR"));
}
