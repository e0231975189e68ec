//! SPEC 1.1: `private_sections` adds phrases to "Private notes", which always stays
//! private, and a phrase that could match no heading is a configuration error. A team that
//! lists its own phrase must not find its `## Private notes` printed by every command.

use crate::support::{run, write, ROSTER};

/// A conversation with a public commitment, a section of the team's own phrase and a
/// `## Private notes` section.
const CONVERSATION: &str = "---
type: where-now
engineer: alice-nguyen
manager: sam-okafor
date: 2026-03-03
follow_up: 2026-04-03
summary_shared: 2026-03-04
---
# Where Alice is now

## What I heard

PUBLIC-heard: energised by the migration.

## What we agreed

- [ ] @manager PUBLIC-task book the design review (due 2026-04-15)

## Private notes

- [ ] @manager SECRET-task ask HR about matching the offer (due 2026-04-20)

SECRET-prose: she seems tired.

## Manager only

- [ ] @manager OWN-PHRASE-task call her previous manager (due 2026-04-21)
";

fn repository(private_sections: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cairn.yaml",
        &format!("{ROSTER}private_sections: {private_sections}\n"),
    );
    write(
        dir.path(),
        "people/alice-nguyen/2026-03-03-where-now.md",
        CONVERSATION,
    );
    dir
}

#[test]
fn private_notes_stay_private_beside_the_teams_own_phrase() {
    let dir = repository("[\"Manager only\"]");
    let commands: &[&[&str]] = &[
        &["check"],
        &["check", "--format", "json"],
        &["report", "--format", "json", "--as-of", "2026-03-10"],
        &["report", "--as-of", "2026-03-10"],
        &["show", "alice-nguyen", "--as-of", "2026-03-10"],
        &["commitments", "--as-of", "2026-03-10"],
        &["commitments", "--as-of", "2026-03-10", "--format", "json"],
    ];
    for args in commands {
        let outcome = run(dir.path(), args);
        assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.all());
        for marker in ["SECRET", "OWN-PHRASE"] {
            assert!(
                !outcome.all().contains(marker),
                "{args:?}: {}",
                outcome.all()
            );
        }
        if args[0] != "check" {
            assert!(
                outcome.stdout.contains("PUBLIC-task"),
                "{args:?}: {}",
                outcome.stdout
            );
        }
    }
}

#[test]
fn a_phrase_without_letters_or_digits_is_exit_2_at_its_line() {
    for (phrases, line) in [
        ("[\"🔒\"]", 7),
        ("[\"\"]", 7),
        ("\n  - Manager only\n  - \"🔒\"", 9),
    ] {
        let dir = repository(phrases);
        let outcome = run(dir.path(), &["check"]);
        assert_eq!(outcome.code, 2, "{phrases}: {}", outcome.all());
        assert!(
            outcome.stderr.contains(&format!("cairn.yaml:{line}:")),
            "{phrases}: {}",
            outcome.stderr
        );
        assert!(
            outcome
                .stderr
                .contains("has no letter or digit, so it would make nothing private"),
            "{}",
            outcome.stderr
        );
    }
}
