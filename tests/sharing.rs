//! Beyond the manager's desk: `share`, `handover`, `export` and `retention`, each run over
//! a repository written here, with dates from `--date` and `--as-of`.

use std::path::Path;

use crate::support::{files, run, write};

const ROSTER: &str = "# The team, with a comment to keep.
people:
  - id: sam-okafor
    name: Sam Okafor
    email: sam@example.com
  - id: dana-reyes
    name: Dana Reyes
  - id: alice-nguyen
    name: Alice Nguyen
    manager: sam-okafor   # since 2025
    role: Senior Engineer
    email: alice@example.com
    level: senior-engineer
  - id: bo-li
    name: Bo Li
    manager: sam-okafor
    left: 2026-06-30
retention:
  years_after_leaving: 2
";

/// Every structure that hides private notes, each with its own marker.
const PRIVATE: &str = "
## Private notes

SECRET-HEADING looks tired lately.

**Private**

SECRET-BOLD thinks about leaving.

<h2>Private</h2>

SECRET-HTML

> ## Private
> SECRET-QUOTE

### Confidential

SECRET-CONFIDENTIAL

## Pri\u{200b}vate

SECRET-ZERO-WIDTH

<!-- an unclosed comment
## Private notes
SECRET-UNCLOSED
";

const MARKERS: &[&str] = &[
    "SECRET-HEADING",
    "SECRET-BOLD",
    "SECRET-HTML",
    "SECRET-QUOTE",
    "SECRET-CONFIDENTIAL",
    "SECRET-ZERO-WIDTH",
    "SECRET-UNCLOSED",
];

const WHERE_NOW: &str = "---
type: where-now   # the first conversation
engineer: alice-nguyen
manager: sam-okafor
date: 2026-03-10
follow_up: 2026-04-10
---

# Where now — Alice

## What I heard

PUBLIC-HEARD: she wants to lead the billing design. <!-- COMMENT-GUIDANCE -->

## What we agreed

- [ ] @manager introduce her to the platform lead (due 2026-05-31)
- [ ] @engineer draft the design proposal (due 2026-04-30)
";

/// `cairn handover alice-nguyen --to dana-reyes --date 2026-07-01`, and `more`.
fn hand_over(dir: &Path, more: &[&str]) -> crate::support::Outcome {
    let mut args = vec![
        "handover",
        "alice-nguyen",
        "--to",
        "dana-reyes",
        "--date",
        "2026-07-01",
    ];
    args.extend(more);
    run(dir, &args)
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", ROSTER);
    write(
        dir.path(),
        "people/alice-nguyen/2026-03-10-where-now.md",
        &format!("{WHERE_NOW}{PRIVATE}"),
    );
    dir
}

const NOTE: &str = "people/alice-nguyen/2026-03-10-where-now.md";
const UNCLOSED: &str = "people/alice-nguyen/2026-04-01-as-needed.md";

fn assert_public(text: &str) {
    assert_no_private(text);
    assert!(
        !text.contains("COMMENT-GUIDANCE"),
        "a comment leaked:\n{text}"
    );
}

/// No marker of a private structure: an export keeps the document's comments (it is a
/// copy of the file), never its private notes.
fn assert_no_private(text: &str) {
    for marker in MARKERS {
        assert!(!text.contains(marker), "{marker} leaked:\n{text}");
    }
}

#[test]
fn no_private_text_in_any_share_format() {
    let dir = repo();
    for format in ["markdown", "text", "html", "email"] {
        let out = run(
            dir.path(),
            &["share", NOTE, "--format", format, "--date", "2026-03-12"],
        );
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        assert_public(&out.all());
        let body = if format == "email" {
            let message = mail_parser::MessageParser::default()
                .parse(out.stdout.as_bytes())
                .unwrap();
            message.body_text(0).unwrap().into_owned()
        } else {
            out.stdout.clone()
        };
        assert!(body.contains("PUBLIC-HEARD"), "{format}: {body}");
    }
}

#[test]
fn the_email_is_a_draft_addressed_from_the_roster() {
    let dir = repo();
    let out = run(
        dir.path(),
        &["share", NOTE, "--format", "email", "--date", "2026-03-12"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let message = mail_parser::MessageParser::default()
        .parse(out.stdout.as_bytes())
        .unwrap();
    let address = |list: Option<&mail_parser::Address>| {
        list.and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_owned)
    };
    assert_eq!(address(message.to()).as_deref(), Some("alice@example.com"));
    assert_eq!(address(message.from()).as_deref(), Some("sam@example.com"));
    assert_eq!(
        message.subject(),
        Some("Our where-are-you-now conversation, 10 March 2026")
    );
    assert_eq!(message.text_body_count(), 1);
    assert_eq!(message.html_body_count(), 1);
    assert!(message.body_html(0).unwrap().contains("PUBLIC-HEARD"));
    assert!(message
        .header_raw("X-Unsent")
        .is_some_and(|v| v.trim() == "1"));
    assert_eq!(
        message.date().map(|d| d.to_rfc3339()).unwrap()[..10],
        *"2026-03-12"
    );
    assert!(out.stdout.contains("multipart/alternative"));
    // The same copy is the same draft, byte for byte.
    let again = run(
        dir.path(),
        &["share", NOTE, "--format", "email", "--date", "2026-03-12"],
    );
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn a_missing_address_leaves_its_header_out_and_says_so() {
    let dir = repo();
    let roster = ROSTER.replace("    email: alice@example.com\n", "");
    write(dir.path(), "cairn.yaml", &roster);
    let out = run(
        dir.path(),
        &["share", NOTE, "--format", "email", "--date", "2026-03-12"],
    );
    assert_eq!(out.code, 0);
    assert!(!out.stdout.contains("\nTo:"));
    assert!(
        out.stderr.contains("alice-nguyen has no `email`"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_email_that_is_no_address_is_a_configuration_error() {
    let dir = repo();
    write(
        dir.path(),
        "cairn.yaml",
        &ROSTER.replace("alice@example.com", "alice at example"),
    );
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("does not look like an address"),
        "{}",
        out.stderr
    );
}

#[test]
fn share_refuses_what_is_the_managers_alone() {
    let dir = repo();
    write(
        dir.path(),
        "people/alice-nguyen/2026-03-01-prep.md",
        crate::support::PREP,
    );
    let out = run(
        dir.path(),
        &["share", "people/alice-nguyen/2026-03-01-prep.md"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("yours alone"), "{}", out.stderr);
    // Notes not written: refused unless --force.
    write(
        dir.path(),
        "people/alice-nguyen/2026-04-01-as-needed.md",
        "---\ntype: as-needed\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-04-01\nfollow_up: 2026-05-01\n---\n\n## What I heard\n\n## What we agreed\n",
    );
    let path = "people/alice-nguyen/2026-04-01-as-needed.md";
    assert_eq!(run(dir.path(), &["share", path]).code, 2);
    assert_eq!(run(dir.path(), &["share", path, "--force"]).code, 0);
}

#[test]
fn mark_records_the_day_keeps_comments_and_clears_the_flag() {
    let dir = repo();
    let flags = |dir: &Path| {
        let out = run(
            dir,
            &[
                "report",
                "--as-of",
                "2026-03-25",
                "--format",
                "json",
                "--engineer",
                "alice-nguyen",
            ],
        );
        out.stdout
    };
    assert!(flags(dir.path()).contains("summary-not-shared"));
    let copy = dir.path().join("copy.html");
    let out = run(
        dir.path(),
        &[
            "share",
            NOTE,
            "--mark",
            "--date",
            "2026-03-12",
            "-o",
            copy.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::read_to_string(&copy)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let text = std::fs::read_to_string(dir.path().join(NOTE)).unwrap();
    assert!(text.starts_with("---\ntype: where-now   # the first conversation\n"));
    assert!(
        text.contains("follow_up: 2026-04-10\nsummary_shared: 2026-03-12\n---\n"),
        "{text}"
    );
    assert!(
        text.contains("SECRET-HEADING"),
        "the private notes stay in the file"
    );
    assert!(!flags(dir.path()).contains("summary-not-shared"));
    // Another date is refused without --force, and nothing changes.
    let out = run(
        dir.path(),
        &["share", NOTE, "--mark", "--date", "2026-03-13"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(dir.path().join(NOTE)).unwrap(),
        text
    );
    let out = run(
        dir.path(),
        &["share", NOTE, "--mark", "--date", "2026-03-13", "--force"],
    );
    assert_eq!(out.code, 0);
    assert!(std::fs::read_to_string(dir.path().join(NOTE))
        .unwrap()
        .contains("summary_shared: 2026-03-13\n"));
}

#[test]
fn a_contract_takes_summary_shared_and_is_flagged_until_shared() {
    let dir = repo();
    let contract = "---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-20\nstatus: active\nstart: 2026-03-20\nend: 2027-03-19\n---\n\n## Development goal\n\nLead the design of the billing service's next version end to end.\n\n## Organisational commitment\n\n- [ ] Introduce her to the platform lead (due 2026-05-31)\n\n## Engineer commitment\n\n- [ ] Draft the design proposal (due 2026-04-30)\n\n## Evidence of success\n\nThe design is accepted.\n\n## Review cadence\n\nQuarterly.\n\n## Limitations\n\nA plan, not a promise.\n";
    let path = "people/alice-nguyen/2026-03-20-contract.md";
    write(dir.path(), path, contract);
    let json = |dir: &Path| {
        run(
            dir,
            &[
                "report",
                "--as-of",
                "2026-04-05",
                "--format",
                "json",
                "--engineer",
                "alice-nguyen",
            ],
        )
        .stdout
    };
    assert!(json(dir.path()).contains("the contract of 2026-03-20 not shared"));
    let out = run(
        dir.path(),
        &["share", path, "--mark", "--date", "2026-03-21"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .contains("Our development contract, 20 March 2026 – 19 March 2027"));
    let check = run(dir.path(), &["check"]);
    assert!(!check.all().contains("unknown-field"), "{}", check.all());
    assert!(!json(dir.path()).contains("the contract of 2026-03-20 not shared"));
}

#[test]
fn handover_edits_the_roster_keeping_comments_and_writes_the_document() {
    let dir = repo();
    let dry = hand_over(dir.path(), &["--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("+    previous_managers:"),
        "{}",
        dry.stdout
    );
    assert_public(&dry.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
        ROSTER
    );
    let out = hand_over(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let roster = std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap();
    assert!(roster.starts_with("# The team, with a comment to keep.\n"));
    assert!(roster.contains("    manager: dana-reyes   # since 2025\n    previous_managers:\n      - id: sam-okafor\n        until: 2026-06-30\n"), "{roster}");
    let document = std::fs::read_to_string(
        dir.path()
            .join("people/alice-nguyen/2026-07-01-handover.md"),
    )
    .unwrap();
    assert!(document.contains("to: dana-reyes"));
    assert_public(&document);
    // *Where they are* quotes the where-now's public notes; its promise stays a plain
    // bullet there, so it keeps one record: the document it was made in.
    assert!(
        document.contains("> PUBLIC-HEARD: she wants to lead the billing design."),
        "{document}"
    );
    assert!(document.contains("> **What I heard**"), "{document}");
    assert!(
        document.contains("> - @manager introduce her to the platform lead"),
        "{document}"
    );
    let open = |dir: &Path| {
        let out = run(
            dir,
            &["commitments", "--as-of", "2026-07-02", "--format", "json"],
        );
        assert_eq!(out.code, 0, "{}", out.all());
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json["commitments"].as_array().unwrap().len()
    };
    assert_eq!(open(dir.path()), 2);
    let check = run(dir.path(), &["check"]);
    assert!(
        !check.all().contains("handover-incomplete"),
        "{}",
        check.all()
    );
    assert!(!check.all().contains("unknown-field"), "{}", check.all());
}

#[test]
fn handover_refuses_impossible_dates_and_people() {
    let dir = repo();
    let refused = |args: &[&str]| {
        let mut all = vec!["handover", "alice-nguyen"];
        all.extend(args);
        let out = run(dir.path(), &all);
        assert_eq!(out.code, 2, "{args:?}: {}", out.all());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
            ROSTER
        );
        assert!(!dir
            .path()
            .join("people/alice-nguyen/2026-07-01-handover.md")
            .exists());
    };
    refused(&["--to", "nobody", "--date", "2026-07-01"]);
    refused(&["--to", "alice-nguyen", "--date", "2026-07-01"]);
    refused(&["--to", "sam-okafor", "--date", "2026-07-01"]);
    let after = hand_over(dir.path(), &[]);
    assert_eq!(after.code, 0);
    // Before the latest change of manager, or back to back on it: refused.
    let roster = std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap();
    for date in ["2026-05-01", "2026-07-01"] {
        let out = run(
            dir.path(),
            &[
                "handover",
                "alice-nguyen",
                "--to",
                "sam-okafor",
                "--date",
                date,
            ],
        );
        assert_eq!(out.code, 2, "{date}: {}", out.all());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
            roster
        );
    }
    // After someone left.
    let out = run(
        dir.path(),
        &[
            "handover",
            "bo-li",
            "--to",
            "dana-reyes",
            "--date",
            "2026-08-01",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.all());
    // `cairn new handover` points to the command.
    let out = run(
        dir.path(),
        &["new", "handover", "alice-nguyen", "--date", "2026-08-01"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cairn handover alice-nguyen --to"),
        "{}",
        out.stderr
    );
}

/// Whose the open promise of 2026-03-10 is, as of `as_of`.
fn promise_manager(dir: &Path, as_of: &str) -> serde_json::Value {
    let out = run(
        dir,
        &[
            "commitments",
            "--as-of",
            as_of,
            "--format",
            "json",
            "--owner",
            "manager",
            "--engineer",
            "alice-nguyen",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    let items = json
        .as_array()
        .cloned()
        .or_else(|| json["commitments"].as_array().cloned())
        .unwrap();
    let promise = items
        .iter()
        .find(|c| c["text"].as_str().unwrap_or("").contains("platform lead"))
        .cloned()
        .unwrap_or_else(|| panic!("{json}"));
    promise
}

#[test]
fn promises_pass_on_from_the_handovers_date() {
    let dir = repo();
    let out = hand_over(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let before = promise_manager(dir.path(), "2026-06-30");
    assert_eq!(before["manager"], "sam-okafor", "{before}");
    assert!(before.get("taken_over").is_none_or(|t| t.is_null()));
    for day in ["2026-07-01", "2026-07-02"] {
        let after = promise_manager(dir.path(), day);
        assert_eq!(after["manager"], "dana-reyes", "{day}: {after}");
        assert_eq!(after["taken_over"]["from"], "sam-okafor");
        assert_eq!(after["taken_over"]["on"], "2026-07-01");
    }
    // The report's list of the manager's own promises says whose it was, in every format.
    let report = |format: &str| {
        let out = run(
            dir.path(),
            &[
                "report",
                "--as-of",
                "2026-07-02",
                "--manager",
                "dana-reyes",
                "--format",
                format,
            ],
        );
        assert_eq!(out.code, 0, "{}", out.all());
        out.stdout
    };
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let promise = json["manager_commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap_or("").contains("platform lead"))
        .cloned()
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(promise["taken_over"]["from"], "sam-okafor", "{promise}");
    for format in ["terminal", "markdown", "html"] {
        let text = report(format);
        let line = text
            .lines()
            .find(|l| {
                l.contains("introduce her to the platform lead") && !l.contains("Alice Nguyen</b>")
            })
            .unwrap_or_else(|| panic!("{format}: {text}"));
        assert!(
            text.matches("taken over from Sam Okafor on 2026-07-01")
                .count()
                >= 2,
            "{format}: {line}\n{text}"
        );
    }
}

#[test]
fn a_change_of_manager_without_a_handover_is_flagged() {
    let dir = repo();
    let roster = ROSTER.replace(
        "    manager: sam-okafor   # since 2025\n",
        "    manager: dana-reyes\n    previous_managers:\n      - id: sam-okafor\n        until: 2026-06-30\n",
    );
    write(dir.path(), "cairn.yaml", &roster);
    let flags = |as_of: &str| {
        run(
            dir.path(),
            &[
                "report",
                "--as-of",
                as_of,
                "--format",
                "json",
                "--engineer",
                "alice-nguyen",
            ],
        )
        .stdout
    };
    assert!(!flags("2026-07-05").contains("no-handover"));
    assert!(flags("2026-07-20").contains("no-handover"));
    let explained = run(dir.path(), &["explain", "no-handover"]);
    assert_eq!(explained.code, 0);
    assert!(explained.stdout.contains("cairn handover"));
}

#[test]
fn handover_export_copies_without_private_notes_and_never_overwrites() {
    let dir = repo();
    let theirs = tempfile::tempdir().unwrap();
    write(
        theirs.path(),
        "cairn.yaml",
        "# Dana's notes\npeople:\n  - id: dana-reyes\n    name: Dana Reyes\n",
    );
    let export = theirs.path().to_str().unwrap();
    let out = hand_over(dir.path(), &["--export", export]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let copied = std::fs::read_to_string(theirs.path().join(NOTE)).unwrap();
    assert!(copied.contains("PUBLIC-HEARD"));
    assert_no_private(&copied);
    for file in files(theirs.path()) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("SECRET-"), "{}: {text}", file.display());
    }
    let roster = std::fs::read_to_string(theirs.path().join("cairn.yaml")).unwrap();
    assert!(roster.starts_with("# Dana's notes\n"));
    assert!(roster.contains("- id: alice-nguyen"), "{roster}");
    assert!(roster.contains("level: senior-engineer"), "{roster}");
    let check = run(theirs.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());

    // A clash: exit 2, nothing written in either repository.
    let dir = repo();
    let before = std::fs::read_to_string(theirs.path().join("cairn.yaml")).unwrap();
    let out = hand_over(dir.path(), &["--export", export]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains(NOTE), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
        ROSTER
    );
    assert!(!dir
        .path()
        .join("people/alice-nguyen/2026-07-01-handover.md")
        .exists());
    assert_eq!(
        std::fs::read_to_string(theirs.path().join("cairn.yaml")).unwrap(),
        before
    );
}

#[test]
fn export_withholds_private_notes_and_its_hashes_match() {
    let dir = repo();
    write(
        dir.path(),
        "people/bo-li/2026-03-01-where-now.md",
        "---\ntype: where-now\nengineer: bo-li\nmanager: sam-okafor\ndate: 2026-03-01\nfollow_up: 2026-04-01\n---\n\n## What I heard\n\nBo paired with Alice Nguyen on the migration.\n\n## What we agreed\n\n- [ ] @engineer ask @alice-nguyen for a review (due 2026-04-01)\n",
    );
    write(
        dir.path(),
        UNCLOSED,
        "---\ntype: as-needed\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-04-01\n---\n\n## What we talked about\n\nPUBLIC-ASIDE on the on-call rota.\n\n<!-- a note to self, never closed\n\n## Private notes\n\nSECRET-HEADING she asked about a transfer.\n",
    );
    let out_dir = dir.path().join("sar");
    let out = run(
        dir.path(),
        &["export", "alice-nguyen", "-o", out_dir.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    for file in files(&out_dir) {
        assert_no_private(&std::fs::read_to_string(&file).unwrap());
    }
    let copied = std::fs::read_to_string(out_dir.join("documents").join(NOTE)).unwrap();
    assert!(copied.contains("PUBLIC-HEARD"));
    assert!(copied.contains("[private section withheld: "), "{copied}");
    // A private section under a comment left open in the public text: the withheld line
    // closes it first, so a reader of the rendered page still sees it.
    let unclosed = std::fs::read_to_string(out_dir.join("documents").join(UNCLOSED)).unwrap();
    assert!(
        unclosed.contains(
            "<!-- a note to self, never closed\n\n-->\n[private section withheld: 3 lines]\n"
        ),
        "{unclosed}"
    );
    assert!(unclosed.contains("PUBLIC-ASIDE"), "{unclosed}");
    let mentions = std::fs::read_to_string(out_dir.join("mentions.md")).unwrap();
    assert!(
        mentions.contains("people/bo-li/2026-03-01-where-now.md:11"),
        "{mentions}"
    );
    let third = std::fs::read_to_string(out_dir.join("third-parties.md")).unwrap();
    assert!(third.contains("Sam Okafor"), "{third}");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("index.json")).unwrap())
            .unwrap();
    let entries = index["files"].as_array().unwrap();
    assert!(entries.len() >= 4);
    for entry in entries {
        let bytes = std::fs::read(out_dir.join(entry["path"].as_str().unwrap())).unwrap();
        assert_eq!(
            entry["sha256"],
            cairn::render::export::sha256(&bytes),
            "{entry}"
        );
    }
    assert!(entries
        .iter()
        .any(|e| e["private_sections_withheld"].as_u64() > Some(0)));
    // An existing folder with files is refused.
    let again = run(
        dir.path(),
        &["export", "alice-nguyen", "-o", out_dir.to_str().unwrap()],
    );
    assert_eq!(again.code, 2);
    // --include-private holds them, and says so.
    let all = dir.path().join("all");
    let out = run(
        dir.path(),
        &[
            "export",
            "alice-nguyen",
            "-o",
            all.to_str().unwrap(),
            "--include-private",
        ],
    );
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("PRIVATE NOTES"), "{}", out.stderr);
    assert!(std::fs::read_to_string(all.join("documents").join(NOTE))
        .unwrap()
        .contains("SECRET-HEADING"));
}

#[test]
fn retention_exits_1_when_a_document_is_kept_too_long() {
    let dir = repo();
    write(
        dir.path(),
        "people/bo-li/2026-03-01-where-now.md",
        "---\ntype: where-now\nengineer: bo-li\nmanager: sam-okafor\ndate: 2026-03-01\nfollow_up: 2026-04-01\n---\n\n## What I heard\n\nFine.\n",
    );
    let on_the_day = run(dir.path(), &["retention", "--as-of", "2028-06-30"]);
    assert_eq!(on_the_day.code, 0, "{}", on_the_day.all());
    let after = run(dir.path(), &["retention", "--as-of", "2028-07-01"]);
    assert_eq!(after.code, 1, "{}", after.all());
    assert!(after
        .stdout
        .contains("git rm 'people/bo-li/2026-03-01-where-now.md'"));
    assert!(after
        .stdout
        .contains("git filter-repo --invert-paths --path 'people/bo-li/2026-03-01-where-now.md'"));
    let json = run(
        dir.path(),
        &["retention", "--as-of", "2028-07-01", "--format", "json"],
    );
    assert_eq!(json.code, 1);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["documents"][0]["due"], "2028-06-30");
}

#[test]
fn retention_json_stays_json_with_a_control_character_in_a_file_name() {
    let dir = repo();
    let path = "people/bo-li/2026-03-01-where-now-\u{9b}.md";
    write(
        dir.path(),
        path,
        "---\ntype: where-now\nengineer: bo-li\nmanager: sam-okafor\ndate: 2026-03-01\nfollow_up: 2026-04-01\n---\n\n## What I heard\n\nFine.\n",
    );
    let json = run(
        dir.path(),
        &["retention", "--as-of", "2028-07-01", "--format", "json"],
    );
    assert_eq!(json.code, 1, "{}", json.all());
    assert!(!json.stdout.contains('\u{9b}') && json.stdout.contains("\\u009b"));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["documents"][0]["path"], path);
    let terminal = run(dir.path(), &["retention", "--as-of", "2028-07-01"]);
    assert!(!terminal.stdout.contains('\u{9b}'), "{}", terminal.stdout);
    assert!(
        terminal.stdout.contains("where-now-\\x9b.md"),
        "{}",
        terminal.stdout
    );
}

#[test]
fn retention_keeps_a_line_break_in_a_file_name_on_its_line() {
    let dir = repo();
    let path = "people/bo-li/2026-03-01-x\nFORGED.md: due for deletion since 1999-01-01 (ok.md";
    write(
        dir.path(),
        path,
        "---\ntype: where-now\nengineer: bo-li\nmanager: sam-okafor\ndate: 2026-03-01\nfollow_up: 2026-04-01\n---\n\n## What I heard\n\nFine.\n",
    );
    let terminal = run(dir.path(), &["retention", "--as-of", "2028-07-01"]);
    assert_eq!(terminal.code, 1, "{}", terminal.all());
    assert!(
        terminal.stdout.contains("2026-03-01-x\\x0aFORGED.md"),
        "{}",
        terminal.stdout
    );
    assert!(
        !terminal
            .stdout
            .lines()
            .any(|line| line.starts_with("FORGED.md")),
        "{}",
        terminal.stdout
    );
}

#[test]
fn show_names_the_next_thing_to_share_and_the_promises_taken_over() {
    let dir = repo();
    let out = run(
        dir.path(),
        &["show", "alice-nguyen", "--as-of", "2026-03-25"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("share the where-now summary of 2026-03-10")
            && out.stdout.contains(&format!("cairn share {NOTE}")),
        "{}",
        out.stdout
    );
    assert_eq!(
        run(
            dir.path(),
            &["share", NOTE, "--mark", "--date", "2026-03-12"]
        )
        .code,
        0
    );
    assert_eq!(hand_over(dir.path(), &[]).code, 0);
    let out = run(
        dir.path(),
        &["show", "alice-nguyen", "--as-of", "2026-07-02"],
    );
    assert!(!out.stdout.contains("Next to share"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("taken over from Sam Okafor on 2026-07-01"),
        "{}",
        out.stdout
    );
}

#[test]
fn handover_refuses_a_date_before_the_engineer_joined() {
    let dir = repo();
    let roster = ROSTER.replacen(
        "    manager: sam-okafor   # since 2025\n",
        "    manager: sam-okafor   # since 2025\n    since: 2025-03-01\n",
        1,
    );
    std::fs::write(dir.path().join("cairn.yaml"), &roster).unwrap();
    let attempt = |date: &str| {
        run(
            dir.path(),
            &[
                "handover",
                "alice-nguyen",
                "--to",
                "dana-reyes",
                "--date",
                date,
                "--dry-run",
            ],
        )
    };
    // The day before she joined, nobody managed her.
    let before = attempt("2025-03-01");
    assert_eq!(before.code, 2, "{}", before.all());
    assert!(
        before.all().contains("joined the team on 2025-03-01"),
        "{}",
        before.all()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
        roster
    );
    // From her second day, Sam managed her the day before: a handover is possible.
    assert_eq!(attempt("2025-03-02").code, 0);
}

#[test]
fn handover_quotes_the_latest_written_notes_with_no_task_item_and_links_that_lead() {
    let dir = repo();
    // A later where-now in another folder, its items in every list form and a link.
    write(
        dir.path(),
        "people/alice-nguyen/older/2026-05-01-where-now.md",
        "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-05-01\nfollow_up: 2026-06-01\n---\n\n## What I heard\n\nPUBLIC-LATER she wants the billing design; see [March](../2026-03-10-where-now.md), [again](<../2026-03-10-where-now.md> \"March\") and [the notes][n].\n\n[n]: ../2026-03-10-where-now.md\n\n## What we agreed\n\n1. [ ] @manager ordered (due 2026-09-01)\n2) [ ] @manager paren (due 2026-09-01)\n> - [ ] @manager quoted (due 2026-09-01)\n- [ ]\t@manager tab (due 2026-09-01)\n",
    );
    // A still later one whose notes were never written: it counts for nothing.
    write(
        dir.path(),
        "people/alice-nguyen/2026-06-01-where-now.md",
        "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-06-01\nfollow_up: 2026-07-01\n---\n\n## What I heard\n\n## What we agreed\n",
    );
    let count = |dir: &Path| {
        let out = run(
            dir,
            &[
                "commitments",
                "--all",
                "--as-of",
                "2026-07-02",
                "--format",
                "json",
            ],
        );
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json["commitments"].as_array().unwrap().len()
    };
    let before = count(dir.path());
    let out = hand_over(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.all());
    let handover = "people/alice-nguyen/2026-07-01-handover.md";
    let document = std::fs::read_to_string(dir.path().join(handover)).unwrap();
    assert!(document.contains("> PUBLIC-LATER"), "{document}");
    assert!(
        document.contains("[again](<2026-03-10-where-now.md> \"March\")"),
        "{document}"
    );
    assert!(
        document.contains("> [n]: 2026-03-10-where-now.md"),
        "{document}"
    );
    assert!(
        document.contains("[March](2026-03-10-where-now.md)"),
        "{document}"
    );
    for item in [
        "> 1. @manager ordered",
        "> 2) @manager paren",
        "> > - @manager quoted",
        "> - @manager tab",
    ] {
        assert!(document.contains(item), "{item}: {document}");
    }
    assert_eq!(count(dir.path()), before);
    let check = run(dir.path(), &["check", handover]);
    assert_eq!(check.code, 0, "{}", check.all());
}

#[test]
fn handover_export_leaves_out_a_level_their_framework_lacks_and_needs_a_roster() {
    let dir = repo();
    let theirs = tempfile::tempdir().unwrap();
    let export = theirs.path().to_str().unwrap().to_owned();
    let args = ["--export", export.as_str()];
    // No cairn.yaml there: said plainly, nothing written.
    let out = hand_over(dir.path(), &args);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("is not a notes repository"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
        ROSTER
    );
    write(
        theirs.path(),
        "cairn.yaml",
        "framework: ladder.yaml\npeople:\n  - id: dana-reyes\n    name: Dana Reyes\n",
    );
    write(
        theirs.path(),
        "ladder.yaml",
        "levels: [l1, l2]\ncapabilities:\n  - id: delivery\n    name: Delivery\n    levels:\n      l2: Ships.\n",
    );
    let out = hand_over(dir.path(), &args);
    assert_eq!(out.code, 0, "{}", out.all());
    let roster = std::fs::read_to_string(theirs.path().join("cairn.yaml")).unwrap();
    assert!(
        roster.contains("- id: alice-nguyen") && !roster.contains("level:"),
        "{roster}"
    );
    let check = run(theirs.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
}

#[test]
fn retention_without_a_period_still_answers_json() {
    let dir = repo();
    let roster = ROSTER.replace("retention:\n  years_after_leaving: 2\n", "");
    write(dir.path(), "cairn.yaml", &roster);
    let out = run(
        dir.path(),
        &["retention", "--format", "json", "--as-of", "2030-01-01"],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["documents"], serde_json::json!([]));
    assert!(out
        .stderr
        .contains("sets no `retention.years_after_leaving`"));
}

#[test]
fn share_never_writes_over_a_note_and_its_markdown_copy_is_not_checked() {
    let dir = repo();
    let before = std::fs::read_to_string(dir.path().join(NOTE)).unwrap();
    let out = run(dir.path(), &["share", NOTE, "-o", NOTE]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("cairn never overwrites your notes"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(NOTE)).unwrap(),
        before
    );
    // A copy inside the repository is marked as cairn's, so check passes it by and the
    // next share replaces it.
    let copy = "people/alice-nguyen/copy.md";
    for _ in 0..2 {
        let out = run(dir.path(), &["share", NOTE, "-o", copy]);
        assert_eq!(out.code, 0, "{}", out.all());
    }
    let text = std::fs::read_to_string(dir.path().join(copy)).unwrap();
    assert!(text.starts_with("<!-- generated by cairn -->\n") && text.contains("PUBLIC-HEARD"));
    let check = run(dir.path(), &["check", copy]);
    assert!(!check.all().contains("copy.md:"), "{}", check.all());
    // Nor over the roster, nor any file it did not write unless told.
    for target in ["cairn.yaml", "cairn.yml"] {
        let out = run(dir.path(), &["share", NOTE, "-o", target]);
        assert_eq!(out.code, 2, "{target}: {}", out.all());
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
        ROSTER
    );
    write(dir.path(), "notes.txt", "mine\n");
    let out = run(dir.path(), &["share", NOTE, "-o", "notes.txt"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine\n"
    );
    let out = run(dir.path(), &["share", NOTE, "-o", "notes.txt", "--force"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(std::fs::read_to_string(dir.path().join("notes.txt"))
        .unwrap()
        .contains("PUBLIC-HEARD"));
}

#[test]
fn handover_export_hands_over_in_their_roster_too_when_the_engineer_is_there() {
    let dir = repo();
    let theirs = tempfile::tempdir().unwrap();
    let export = theirs.path().to_str().unwrap().to_owned();
    let roster = "people:\n  - id: sam-okafor\n    name: Sam Okafor\n  - id: dana-reyes\n    name: Dana Reyes\n  - id: alice-nguyen   # kept here too\n    name: Alice Nguyen\n    manager: sam-okafor\n";
    write(theirs.path(), "cairn.yaml", roster);
    let out = hand_over(dir.path(), &["--export", export.as_str()]);
    assert_eq!(out.code, 0, "{}", out.all());
    let edited = std::fs::read_to_string(theirs.path().join("cairn.yaml")).unwrap();
    assert!(
        edited.contains("  - id: alice-nguyen   # kept here too\n    name: Alice Nguyen\n    manager: dana-reyes\n    previous_managers:\n      - id: sam-okafor\n        until: 2026-06-30\n"),
        "{edited}"
    );
    let check = run(theirs.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());

    // Under a third manager there: refused, nothing written anywhere.
    let dir = repo();
    let theirs = tempfile::tempdir().unwrap();
    let export = theirs.path().to_str().unwrap().to_owned();
    let elsewhere = roster
        .replace("manager: sam-okafor", "manager: dana-reyes")
        .replace(
            "  - id: alice-nguyen",
            "  - id: lee\n    name: Lee\n  - id: alice-nguyen",
        );
    let elsewhere = elsewhere.replace("manager: dana-reyes", "manager: lee");
    write(theirs.path(), "cairn.yaml", &elsewhere);
    let out = hand_over(dir.path(), &["--export", export.as_str()]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("managed by lee"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(theirs.path().join("cairn.yaml")).unwrap(),
        elsewhere
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cairn.yaml")).unwrap(),
        ROSTER
    );
}
