//! What reaches a terminal: a note, a file name or a roster entry that carries control
//! characters (ESC, BEL, CSI) cannot retitle, clear or colour the manager's terminal.
//! Every human-readable output shows them escaped (`\x1b`), JSON escapes them (C1
//! included), HTML and iCalendar drop them; cairn's own colours stay.

use std::path::Path;

use crate::support::{cairn, run, write, Outcome};

/// An OSC that would retitle the window, ended by BEL.
const TITLE: &str = "\u{1b}]0;pwned\u{7}";
/// A C1 CSI that would clear the screen.
const CLEAR: &str = "\u{9b}2J";
/// The same two, as YAML writes them in double quotes (YAML refuses them raw).
const TITLE_YAML: &str = "\\e]0;pwned\\a";
const CLEAR_YAML: &str = "\\x9b2J";

/// A repository whose roster, file names, goal, heading and commitments carry control
/// characters.
fn hostile_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "cairn.yaml",
        &format!(
            "people:
  - id: sam-okafor
    name: \"Sam{TITLE_YAML} Okafor\"
  - id: alice-nguyen
    name: \"Alice{CLEAR_YAML} Nguyen\"
    manager: sam-okafor
    role: \"Engineer\\a\"
"
        ),
    );
    write(
        root,
        "people/alice-nguyen/2026-02-20-contract.md",
        &format!(
            "---
type: contract
engineer: alice-nguyen
manager: sam-okafor
date: 2026-02-20
status: active
start: 2026-03-01
end: 2027-02-28
checkpoints:
  - 2026-06-01
---

## Development goal

Grow into the technical lead{TITLE} of the billing team by running its design reviews.

## Organisational commitment

- [ ] @manager fund the course{CLEAR} she picked (due 2026-03-31)

## Engineer commitment

- [ ] @engineer chair three design reviews{TITLE} (due 2026-10-31)

## Evidence of success

- The billing design reviews{CLEAR} end with a written decision.

## Review cadence

Progress reviews at each checkpoint.

## Limitations

No lead title this year.

## Mis{CLEAR}spelt heading

A TODO{TITLE} left here.
"
        ),
    );
    write(
        root,
        &format!("people/alice-nguyen/2026-04-01-as-needed{CLEAR}.md"),
        &format!(
            "---
type: as-needed
engineer: alice-nguyen
manager: sam-okafor
date: 2026-04-01
topic: \"pay{TITLE_YAML}\"
---

## What we discussed

The move{CLEAR} to the platform team; see [the notes](gone{CLEAR}.md).
"
        ),
    );
    dir
}

/// The control characters in `text` that are not tab or line feed.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\t' && *c != '\n')
        .collect()
}

fn assert_no_raw_controls(what: &str, outcome: &Outcome) {
    assert!(
        raw_controls(&outcome.all()).is_empty(),
        "{what} printed a raw control character: {:?}",
        outcome.all()
    );
}

fn cairn_in(root: &Path, args: &[&str]) -> Outcome {
    let outcome = run(root, args);
    assert_no_raw_controls(&args.join(" "), &outcome);
    outcome
}

#[test]
fn check_human_escapes_messages_snippets_and_file_names() {
    let repo = hostile_repo();
    let outcome = cairn_in(repo.path(), &["check"]);
    assert_eq!(outcome.code, 1, "{}", outcome.all());
    // A message that quotes a link target, a snippet and a file name.
    assert!(
        outcome.stdout.contains("the link to `gone\\x9b2J.md`"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome.stdout.contains("TODO\\x1b]0;pwned\\x07"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome.stdout.contains("as-needed\\x9b2J.md"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome.stdout.contains("error[broken-link]"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn check_human_in_colour_keeps_only_its_own_escapes() {
    let repo = hostile_repo();
    let output = cairn(repo.path())
        .args(["--color", "always", "check"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\u{1b}["), "no colour: {stdout:?}");
    assert!(
        !stdout.contains('\u{9b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(!stdout.contains("\u{1b}]"), "{stdout:?}");
    assert!(stdout.contains("\\x1b]0;pwned\\x07"), "{stdout:?}");
}

#[test]
fn check_diff_escapes_the_lines_it_shows() {
    let repo = hostile_repo();
    // A bold line where a required section belongs: the fix turns it into a heading,
    // and the diff shows its neighbours.
    let path = "people/alice-nguyen/2026-02-20-contract.md";
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    write(
        repo.path(),
        path,
        &text.replace("## Review cadence", "**Review cadence**"),
    );
    let outcome = cairn_in(repo.path(), &["check", "--diff"]);
    assert_eq!(outcome.code, 1, "{}", outcome.all());
    assert!(
        outcome.stdout.contains("+## Review cadence"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome
            .stdout
            .contains(" - The billing design reviews\\x9b2J end"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn reports_for_people_escape_and_html_drops() {
    let repo = hostile_repo();
    let as_of = ["--as-of", "2026-06-15"];
    for format in ["terminal", "markdown"] {
        let outcome = cairn_in(
            repo.path(),
            &["report", as_of[0], as_of[1], "--format", format],
        );
        assert_eq!(outcome.code, 0, "{}", outcome.all());
        assert!(
            outcome.stdout.contains("Alice\\x9b2J Nguyen"),
            "{format}: {}",
            outcome.stdout
        );
        assert!(
            outcome.stdout.contains("fund the course\\x9b2J she picked"),
            "{format}: {}",
            outcome.stdout
        );
        assert!(
            outcome.stdout.contains("Sam\\x1b]0;pwned\\x07 Okafor"),
            "{}",
            outcome.stdout
        );
    }
    let html = cairn_in(
        repo.path(),
        &["report", as_of[0], as_of[1], "--format", "html"],
    );
    assert_eq!(html.code, 0, "{}", html.all());
    assert!(html.stdout.contains("Alice2J Nguyen"), "{}", html.stdout);

    // A Markdown report written to a file is read in a terminal too.
    let outcome = cairn_in(
        repo.path(),
        &["report", as_of[0], as_of[1], "-o", "report.md"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    let file = std::fs::read_to_string(repo.path().join("report.md")).unwrap();
    assert!(raw_controls(&file).is_empty(), "{file:?}");
    assert!(file.contains("Alice\\x9b2J Nguyen"), "{file}");
}

#[test]
fn report_in_colour_keeps_only_its_own_escapes() {
    let repo = hostile_repo();
    let output = cairn(repo.path())
        .args(["--color", "always", "report", "--as-of", "2026-06-15"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\u{1b}[1m"), "no colour: {stdout:?}");
    assert!(
        !stdout.contains('\u{9b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(!stdout.contains("\u{1b}]"), "{stdout:?}");
    assert!(stdout.contains("Alice\\x9b2J Nguyen"), "{stdout:?}");
}

#[test]
fn json_escapes_c1_too_and_reads_back_the_same() {
    let repo = hostile_repo();
    for args in [
        &["report", "--as-of", "2026-06-15", "--format", "json"][..],
        &[
            "show",
            "alice-nguyen",
            "--as-of",
            "2026-06-15",
            "--format",
            "json",
        ],
        &["commitments", "--as-of", "2026-06-15", "--format", "json"],
        &["check", "--format", "json"],
    ] {
        let outcome = cairn_in(repo.path(), args);
        assert!(
            outcome.stdout.contains("\\u009b"),
            "{args:?}: {}",
            outcome.stdout
        );
        let value: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
        assert!(value.to_string().contains(CLEAR), "{args:?}");
    }
}

#[test]
fn show_and_commitments_escape() {
    let repo = hostile_repo();
    for format in ["terminal", "markdown"] {
        let outcome = cairn_in(
            repo.path(),
            &[
                "show",
                "alice-nguyen",
                "--as-of",
                "2026-06-15",
                "--format",
                format,
            ],
        );
        assert_eq!(outcome.code, 0, "{}", outcome.all());
        assert!(
            outcome.stdout.contains("Alice\\x9b2J Nguyen"),
            "{}",
            outcome.stdout
        );
    }
    let outcome = cairn_in(repo.path(), &["commitments", "--as-of", "2026-06-15"]);
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    assert!(
        outcome.stdout.contains("fund the course\\x9b2J she picked"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome
            .stdout
            .contains("chair three design reviews\\x1b]0;pwned\\x07"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn the_calendar_drops_them() {
    let repo = hostile_repo();
    let outcome = run(repo.path(), &["calendar", "--as-of", "2026-06-15"]);
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    let controls: Vec<char> = outcome
        .stdout
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    assert!(controls.is_empty(), "{:?}", outcome.stdout);
    assert!(
        outcome.stdout.contains("Alice2J Nguyen"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.contains("fund the co"), "{}", outcome.stdout);
}

#[test]
fn new_stdout_escapes_roster_values() {
    let repo = hostile_repo();
    let outcome = cairn_in(
        repo.path(),
        &[
            "new",
            "prep",
            "alice-nguyen",
            "--date",
            "2026-06-15",
            "--stdout",
        ],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    assert!(
        outcome.stdout.contains("Alice\\x9b2J"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn messages_on_stderr_escape_arguments() {
    let repo = hostile_repo();
    let outcome = cairn_in(repo.path(), &["show", "bob\u{1b}]0;pwned\u{7}"]);
    assert_eq!(outcome.code, 2, "{}", outcome.all());
    assert!(
        outcome.stderr.contains("bob\\x1b]0;pwned\\x07"),
        "{}",
        outcome.stderr
    );
    // A usage error quotes the argument too.
    let outcome = cairn_in(repo.path(), &["report", "--format", "x\u{9b}2J"]);
    assert_eq!(outcome.code, 2, "{}", outcome.all());
    assert!(outcome.stderr.contains("x\\x9b2J"), "{}", outcome.stderr);
}

/// A repository where every rule but `unreadable-file` (a test run as root reads any
/// file) fires, each on text marked `MARKER` (or `marker`) as written in the document.
fn marked_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "cairn.yaml",
        "people:
  - id: sam-okafor
    name: Sam Okafor
  - id: ben-ode
    name: Ben Ode
  - id: alice-nguyen
    name: Alice Nguyen
    manager: sam-okafor
  - id: bob-lee
    name: Bob Lee
    manager: sam-okafor
framework: capabilities.yaml
",
    );
    write(
        root,
        "capabilities.yaml",
        "levels: [engineer, senior-engineer]\ncapabilities:\n  - id: delivery\n    name: Delivery\n    levels:\n      senior-engineer: Ships what the team commits to.\n",
    );
    let a = "people/alice-nguyen";
    write(
        root,
        &format!("{a}/2026-02-20-contract.md"),
        "---
type: contract
engineer: alice-nguyen
manager: ben-ode
date: 2026-02-20
status: active
start: 2026-03-01
end: 2026-02-01
MARKERfield: MARKER-value
tags: [\"MARKER tag\"]
---
<!-- cairn-ignore: MARKER-rule -->

## Development goal

MARKER goal here. Markergoal Two.

## Organisational commitment

MARKER prose and no task item.

## Engineer commitment

- [ ] @engineer MARKER item without a date
- [ ] @markerperson MARKER item (due 2026-05-01)
- [ ] @engineer MARKER bad date (due 2026-02-31)

## Limitations

TODO

## Review cadence

MARKER cadence, TBD with [x](MARKER.md).

## Review cadence

MARKER twice.

**Evidence of success**
",
    );
    write(
        root,
        &format!("{a}/2026-03-01-contract.md"),
        "---
type: contract
engineer: alice-nguyen
manager: sam-okafor
date: 2026-03-01
status: active
start: 2026-03-01
end: 2027-02-28
supersedes: MARKER-old.md
---

## Development goal

Grow into the technical lead of the billing team by running its design reviews.

## Organisational commitment

- [ ] @manager MARKER fund the course (due 2026-03-31)

## Engineer commitment

MARKER prose only.

## Evidence of success

MARKER evidence.

## Limitations

MARKER limits.

## Review cadence

MARKER cadence.
",
    );
    write(
        root,
        "people/bob-lee/2026-01-10-contract.md",
        "---
type: contract
engineer: bob-lee
manager: sam-okafor
date: 2026-01-10
status: completed
start: 2026-01-10
end: 2026-12-31
capabilities: [MARKER-capability]
---

## Development goal

Grow into the technical lead of the billing team by running its design reviews.
",
    );
    write(
        root,
        &format!("{a}/2026-04-01-as-needed.md"),
        "---
type: as-needed
engineer: alice-nguyen
manager: sam-okafor
date: 2026-04-01
trigger: MARKER-SICK-LEAVE
summary_shared: 2026-03-01
contract: ../bob-lee/2026-01-10-contract.md
---

## What we discussed

## What we agreed

- [ ] MARKER item with no owner (due 2026-05-01)
",
    );
    write(
        root,
        &format!("{a}/2026-04-03-as-needed.md"),
        "---
type: as-needed
engineer: alice-nguyen
manager: sam-okafor
date: 2026-04-03
follow_up: 2026-05-03
---

## Notes

## What we aggreed

## MARKERheading of my own

**Private: MARKER-private-title**

MARKER private notes.
",
    );
    write(
        root,
        &format!("{a}/2026-04-02-prep.md"),
        "---\ntype: prep\nengineer: MARKER-nobody\nmanager: sam-okafor\n---\nMARKER body\n",
    );
    write(
        root,
        &format!("{a}/2026-04-04-handover.md"),
        "---\ntype: handover\nengineer: alice-nguyen\nmanager: sam-okafor\nto: MARKER-nobody\ndate: 2026-04-04\n---\nMARKER body\n",
    );
    write(
        root,
        &format!("{a}/no-front.md"),
        "MARKER content, no front matter\n",
    );
    write(
        root,
        &format!("{a}/late-front.md"),
        "MARKER first\n---\ntype: prep\n---\n",
    );
    write(
        root,
        &format!("{a}/unclosed.md"),
        "---\ntype: prep\n## MARKERheading\nMARKER text\n",
    );
    write(
        root,
        &format!("{a}/bad-yaml.md"),
        "---\ntype: [MARKER\n---\n",
    );
    write(root, &format!("{a}/list.md"), "---\n- MARKER\n---\n");
    std::fs::write(
        root.join(a).join("latin1.md"),
        b"---\ntype: prep\n---\nMARKER \xff\n",
    )
    .unwrap();
    std::fs::write(root.join(a).join("huge.md"), "MARKER ".repeat(160_000)).unwrap();
    dir
}

#[test]
fn ci_formats_quote_nothing_written_in_a_document() {
    let repo = marked_repo();
    let json = run(repo.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let mut fired: Vec<(String, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut rules: Vec<&str> = fired.iter().map(|(rule, _)| rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let expected: Vec<&str> = cairn::analysis::rules::ALL
        .iter()
        .map(|rule| rule.name)
        // `unreadable-file`: root reads any file. `private-not-sealed` needs sealing set
        // up; its message is one fixed sentence.
        .filter(|name| !["unreadable-file", "private-not-sealed"].contains(name))
        .collect();
    let missing: Vec<&&str> = expected.iter().filter(|r| !rules.contains(r)).collect();
    assert!(missing.is_empty(), "rules that did not fire: {missing:?}");
    // The human and JSON formats may quote the document; the test's markers show they do.
    assert!(json.to_string().contains("MARKER"));

    let sarif = run(repo.path(), &["check", "--format", "sarif"]);
    assert_eq!(sarif.code, 1, "{}", sarif.stderr);
    let github = run(repo.path(), &["check", "--format", "github"]);
    assert_eq!(github.code, 1, "{}", github.stderr);
    for (format, text) in [("sarif", &sarif.stdout), ("github", &github.stdout)] {
        let lower = text.to_lowercase();
        if let Some(at) = lower.find("marker") {
            let start = text[..at].rfind('\n').unwrap_or(0);
            panic!(
                "{format} quotes the document: {}",
                &text[start..(at + 60).min(text.len())]
            );
        }
        // Each finding is still there, by rule and line.
        fired.sort_unstable();
        for (rule, line) in &fired {
            let found = match format {
                "github" => {
                    text.contains(&format!(",line={line},"))
                        && text.contains(&format!("title={rule}::"))
                }
                _ => {
                    text.contains(&format!("\"ruleId\": \"{rule}\""))
                        && text.contains(&format!("\"startLine\": {line}"))
                }
            };
            assert!(found, "{format} lacks {rule} at line {line}");
        }
    }
    let sarif: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        fired.len()
    );
}
