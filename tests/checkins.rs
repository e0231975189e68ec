//! The monthly check-in as a manager meets it: `cairn new check-in`, the flag
//! `no-recent-check-in` at the boundaries of `checkin_days`, while away and for a new
//! joiner, and the next check-in in the calendar.

use std::path::Path;

use crate::support::{run, write};

const CONTRACT: &str = "---
type: contract
engineer: al
manager: sam
date: 2026-01-05
status: active
start: 2026-01-05
end: 2026-12-31
checkpoints: [2026-12-01]
summary_shared: 2026-01-05
---

## Development goal

Build the capability to lead cross-team technical initiatives independently within a year.

## Organisational commitment

- [ ] Introduce Al to the platform team's technical lead (due 2026-12-15)

## Engineer commitment

- [ ] Write the design document for the event bus migration (due 2026-12-20)

## Evidence of success

Al has led one initiative across two teams from design to launch.

## Review cadence

At each checkpoint.

## Limitations

There may be no cross-team initiative this year; then a smaller one counts.
";

/// A team of one with an active contract, a where-now and a check-in on 2026-02-01.
fn team(person_extra: &str, cadence: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "cairn.yaml",
        &format!("people:\n  - id: sam\n    name: Sam Okafor\n  - id: al\n    name: Al Ng\n    manager: sam\n{person_extra}{cadence}"),
    );
    write(root, "people/al/2026-01-05-contract.md", CONTRACT);
    write(
        root,
        "people/al/2026-01-04-where-now.md",
        "---\ntype: where-now\nengineer: al\nmanager: sam\ndate: 2026-01-04\nfollow_up: 2026-02-01\nsummary_shared: 2026-01-05\n---\n\n## What I heard\n\nEnergised by the billing work.\n",
    );
    write(
        root,
        "people/al/2026-02-01-check-in.md",
        "---\ntype: check-in\nengineer: al\nmanager: sam\ndate: 2026-02-01\ncontract: 2026-01-05-contract.md\n---\n\n## How it is going\n\nThe design document is half written.\n\n## What changes\n\nNothing.\n",
    );
    dir
}

fn flags(repo: &Path, as_of: &str) -> Vec<String> {
    let out = run(repo, &["report", "--format", "json", "--as-of", as_of]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    report["people"][0]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_flag_comes_the_day_after_checkin_days() {
    let repo = team("", "");
    // 34, 35 and 36 days after the check-in of 2026-02-01.
    assert!(flags(repo.path(), "2026-03-07").is_empty());
    assert!(flags(repo.path(), "2026-03-08").is_empty());
    assert_eq!(flags(repo.path(), "2026-03-09"), ["no-recent-check-in"]);
}

#[test]
fn the_cadence_is_configurable_and_zero_turns_it_off() {
    let every_ten = team("", "cadence:\n  checkin_days: 10\n");
    assert!(flags(every_ten.path(), "2026-02-11").is_empty());
    assert_eq!(
        flags(every_ten.path(), "2026-02-12"),
        ["no-recent-check-in"]
    );
    let off = team("", "cadence:\n  checkin_days: 0\n");
    assert!(flags(off.path(), "2026-06-01").is_empty());
}

#[test]
fn the_clock_stops_while_away() {
    let repo = team(
        "    away:\n      - from: 2026-02-10\n        to: 2026-02-19\n",
        "",
    );
    assert!(
        flags(repo.path(), "2026-02-15").is_empty(),
        "away: no flags"
    );
    assert!(flags(repo.path(), "2026-03-18").is_empty());
    assert_eq!(flags(repo.path(), "2026-03-19"), ["no-recent-check-in"]);
}

#[test]
fn a_new_joiner_is_not_flagged() {
    let repo = team("    since: 2026-01-01\n", "");
    assert!(flags(repo.path(), "2026-03-20").is_empty());
    // Nor called late in the calendar: the event stays on its day, without "overdue".
    let out = run(repo.path(), &["calendar", "--as-of", "2026-03-20"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("UID:check-in/al@cairn"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout
            .contains("check-in on the development plan: overdue"),
        "{}",
        out.stdout
    );
    let unfolded = out.stdout.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:check-in/al@cairn"))
        .unwrap();
    assert!(!event.contains("overdue"), "{event}");
}

#[test]
fn the_calendar_has_the_next_check_in() {
    let repo = team("", "");
    let out = run(repo.path(), &["calendar", "--as-of", "2026-02-20"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("UID:check-in/al@cairn"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("DTSTART;VALUE=DATE:20260308"));
}

#[test]
fn a_new_check_in_goes_through_the_plan_and_passes_check() {
    let repo = team("", "");
    let out = run(
        repo.path(),
        &["new", "check-in", "al", "--date", "2026-03-01", "--stdout"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("new_check_in", out.stdout);
    let written = run(
        repo.path(),
        &["new", "check-in", "al", "--date", "2026-03-01"],
    );
    assert_eq!(written.code, 0);
    let check = run(repo.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    // No follow_up and no shared summary are asked of a check-in: only its notes.
    assert_eq!(rules, ["notes-not-written"]);
}

#[test]
fn explain_tells_the_flag() {
    let out = run(Path::new("."), &["explain", "no-recent-check-in"]);
    assert_eq!(out.code, 0);
    assert!(out
        .stdout
        .contains("Development without tracking is aspiration"));
}
