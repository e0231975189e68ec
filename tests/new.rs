//! `cairn init` and `cairn new` as a manager meets them: every document born from the
//! guide's prompts, pre-filled with history, and nothing ever overwritten.

use std::path::{Path, PathBuf};

use crate::support::{cairn, check_json, findings, write};
use predicates::str::contains;

const TYPES: [&str; 8] = [
    "where-now",
    "where-going",
    "close-gap",
    "progress-review",
    "as-needed",
    "contract",
    "prep",
    "reflection",
];

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-repo")
}

fn fresh() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    cairn(dir.path())
        .args(["init", "notes"])
        .assert()
        .code(0)
        .stdout(contains("created"));
    dir
}

fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    crate::support::files(dir)
        .into_iter()
        .map(|path| (path.clone(), std::fs::read(path).unwrap()))
        .collect()
}

#[test]
fn init_makes_a_repository_that_new_and_check_can_use() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    assert!(notes.join("cairn.yaml").is_file() && notes.join("people").is_dir());
    cairn(&notes)
        .arg("check")
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings in 0 documents\n");
}

#[test]
fn every_type_generated_into_a_fresh_repository_checks_as_spec_says() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    for doc_type in TYPES {
        let output = cairn(&notes)
            .args(["new", doc_type, "alice-nguyen", "--date", "2026-03-10"])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{doc_type}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let path = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            path,
            format!("people/alice-nguyen/2026-03-10-{doc_type}.md\n")
        );
    }
    let (report, _) = check_json(&notes);
    assert_eq!(
        fresh_findings(&report, "2026-03-10"),
        expected_fresh_findings()
    );
    // The contract is a draft: its six empty sections are warnings until it is agreed
    // (`status: active`), and each conversation's notes are still to write.
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 6 + 5);
    cairn(&notes).args(["check", "--strict"]).assert().code(1);
}

/// What a freshly generated document of each type gives: a draft contract only its six
/// `empty-section` warnings, a conversation only `notes-not-written` until its notes
/// are written, prep and reflection nothing.
fn expected_fresh_findings() -> Vec<(String, String)> {
    let mut expected: Vec<(String, String)> = TYPES
        .iter()
        .filter(|t| !matches!(**t, "prep" | "reflection" | "contract"))
        .map(|t| (t.to_string(), "notes-not-written".to_owned()))
        .collect();
    expected.extend((0..6).map(|_| ("contract".to_owned(), "empty-section".to_owned())));
    expected.sort();
    expected
}

/// The (type, rule) of every finding in documents dated `date`.
fn fresh_findings(report: &serde_json::Value, date: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = findings(report)
        .into_iter()
        .filter(|(path, _, _)| path.contains(date))
        .map(|(path, _, rule)| {
            let kind = path.rsplit_once(&format!("{date}-")).map_or("", |(_, k)| k);
            (kind.trim_end_matches(".md").to_owned(), rule)
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_guides_questions_are_in_the_documents() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    let show = |doc_type: &str| {
        let output = cairn(&notes)
            .args([
                "new",
                doc_type,
                "alice-nguyen",
                "--date",
                "2026-03-10",
                "--stdout",
            ])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(show("where-now").contains("What are you learning right now? What has become routine?"));
    assert!(show("where-going").contains(
        "If you had complete freedom to design your next two years, what would you prioritise?"
    ));
    assert!(show("close-gap").contains("What do you need from me specifically?"));
    assert!(show("reflection").contains("What does success look like for you in two years' time?"));
    assert!(show("prep").contains("Know the organisation's constraints"));
    let contract = show("contract");
    // The guide's example of a goal too vague to act on, and the better one.
    assert!(
        contract.contains("Not: \"Improve communication skills.\""),
        "{contract}"
    );
    assert!(
        contract.contains("status: draft")
            && contract.contains("start: 2026-03-10")
            && contract.contains("end: 2027-03-09")
    );
    assert!(
        contract.contains("2026-06-10")
            && contract.contains("2026-09-10")
            && contract.contains("2026-12-10")
    );
    assert!(show("where-now").contains("follow_up: 2026-04-10"));
    assert!(show("progress-review").contains("follow_up: 2026-06-10"));
    assert!(show("where-now").contains("If we fixed everything you're frustrated about"));
}

#[test]
fn generated_documents_of_the_example_team() {
    // Jonas has history: conversations, a contract with late commitments, a review.
    for doc_type in TYPES {
        let output = cairn(&example())
            .args([
                "new",
                doc_type,
                "jonas-becker",
                "--date",
                "2026-11-25",
                "--stdout",
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).unwrap();
        // One fact, one record: no task item is pre-filled, not even inside a comment,
        // for a manager uncommenting one would make a second record of what cairn tracks.
        let task = text.lines().find(|line| {
            let line = line
                .trim_start()
                .trim_start_matches(['-', '*', '+'])
                .trim_start();
            line.starts_with("[ ]") || line.starts_with("[x]")
        });
        assert_eq!(task, None, "{doc_type}");
        insta::assert_snapshot!(format!("jonas_{doc_type}"), text);
    }
}

#[test]
fn prep_reads_back_history_and_open_commitments() {
    let output = cairn(&example())
        .args([
            "new",
            "prep",
            "jonas-becker",
            "--date",
            "2026-11-25",
            "--stdout",
        ])
        .output()
        .unwrap();
    let prep = String::from_utf8(output.stdout).unwrap();
    for earlier in [
        "2026-01-21-where-now.md",
        "2026-02-04-where-going.md",
        "2026-02-11-close-gap.md",
        "2026-08-12-progress-review.md",
    ] {
        assert!(
            prep.contains(&format!("]({earlier})")),
            "no link to {earlier}"
        );
    }
    assert!(prep.contains("Secure a rotating seat for Jonas on the architecture review group"));
    assert!(prep.contains("2026-06-30"));
    assert!(prep.contains("Build the capability to shape cross-team architecture decisions"));
    // A pre-filled prep is still a clean document.
    let review = cairn(&example())
        .args([
            "new",
            "progress-review",
            "jonas-becker",
            "--date",
            "2026-11-25",
            "--stdout",
        ])
        .output()
        .unwrap();
    let review = String::from_utf8(review.stdout).unwrap();
    assert!(review.contains("contract: 2026-02-16-contract.md"));
    assert!(review.contains("2026-08-12"), "the previous review's date");
    let close_gap = cairn(&example())
        .args([
            "new",
            "close-gap",
            "jonas-becker",
            "--date",
            "2026-11-25",
            "--stdout",
        ])
        .output()
        .unwrap();
    let close_gap = String::from_utf8(close_gap.stdout).unwrap();
    assert!(
        close_gap.contains("2026-01-21-where-now.md")
            && close_gap.contains("2026-02-04-where-going.md")
    );
}

#[test]
fn prefilled_documents_of_the_example_team_check_clean() {
    let repo = crate::support::copy_fixture("../../example-repo");
    for doc_type in TYPES {
        cairn(repo.path())
            .args(["new", doc_type, "jonas-becker", "--date", "2026-11-26"])
            .assert()
            .code(0);
    }
    let (report, _) = check_json(repo.path());
    assert_eq!(
        fresh_findings(&report, "2026-11-26"),
        expected_fresh_findings()
    );
}

#[test]
fn refusals_are_exit_2_and_write_nothing() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    cairn(&notes)
        .args(["new", "prep", "alice-nguyen", "--date", "2026-03-10"])
        .assert()
        .code(0);
    let before = files_under(dir.path());
    cairn(&notes)
        .args(["new", "prep", "alice-nguyen", "--date", "2026-03-10"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("already exists"));
    cairn(&notes)
        .args(["new", "prep", "alice-ngyuen"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `alice-nguyen`?"))
        .stderr(contains("known ids: sam-okafor, alice-nguyen"));
    cairn(&notes)
        .args(["new", "prep", "alice-nguyen", "--manager", "nobody"])
        .assert()
        .code(2)
        .stderr(contains("nobody"));
    cairn(&notes)
        .args(["new", "prep", "sam-okafor"])
        .assert()
        .code(2)
        .stderr(contains("has no manager"));
    cairn(&notes)
        .args(["new", "chat", "alice-nguyen"])
        .assert()
        .code(2);
    cairn(dir.path())
        .args(["init", "notes"])
        .assert()
        .code(2)
        .stderr(contains("already exists"));
    assert_eq!(
        files_under(dir.path()),
        before,
        "nothing was written or changed"
    );
}

#[test]
fn layouts_and_links_that_leave_the_repository_are_refused() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    let config = std::fs::read_to_string(notes.join("cairn.yaml")).unwrap();
    std::fs::write(
        notes.join("cairn.yaml"),
        format!("{config}layout: \"../{{engineer}}.md\"\n"),
    )
    .unwrap();
    let before = files_under(dir.path());
    cairn(&notes)
        .args(["new", "prep", "alice-nguyen"])
        .assert()
        .code(2)
        .stderr(contains("inside the repository"));
    assert_eq!(files_under(dir.path()), before);

    #[cfg(unix)]
    {
        std::fs::write(
            notes.join("cairn.yaml"),
            format!("{config}layout: \"out/{{engineer}}.md\"\n"),
        )
        .unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), notes.join("out")).unwrap();
        cairn(&notes)
            .args(["new", "prep", "alice-nguyen"])
            .assert()
            .code(2)
            .stderr(contains("outside the notes repository"));
        assert_eq!(
            std::fs::read_dir(outside.path()).unwrap().count(),
            0,
            "nothing written through the link"
        );
    }
}

#[test]
fn init_templates_copies_every_default_and_the_repository_uses_them() {
    let dir = tempfile::tempdir().unwrap();
    cairn(dir.path())
        .args(["init", "--templates"])
        .assert()
        .code(0);
    for (name, text) in cairn::render::templates::DEFAULTS {
        assert_eq!(
            std::fs::read_to_string(dir.path().join("templates").join(name)).unwrap(),
            *text,
            "{name}"
        );
    }
    write(dir.path(), "templates/reflection.md.j2", "---\ntype: reflection\nengineer: {{ doc.engineer.id }}\nmanager: {{ doc.manager.id }}\ndate: {{ doc.date }}\n---\nOur own reflection for {{ doc.engineer.name }}.\n");
    let output = cairn(dir.path())
        .args([
            "new",
            "reflection",
            "alice-nguyen",
            "--date",
            "2026-03-10",
            "--stdout",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(output.stdout)
        .unwrap()
        .contains("Our own reflection for Alice Nguyen."));
    // Running it again refuses: the templates exist.
    std::fs::remove_file(dir.path().join("cairn.yaml")).unwrap();
    cairn(dir.path())
        .args(["init", "--templates"])
        .assert()
        .code(2)
        .stderr(contains("already exists"));
    assert!(
        !dir.path().join("cairn.yaml").exists(),
        "a refusal writes nothing"
    );
}

#[test]
fn two_processes_racing_for_one_path_one_wins_and_the_file_is_whole() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    for round in 0..5 {
        let date = format!("2026-03-1{round}");
        // Rendered first: afterwards the history includes the new document itself.
        let expected = cairn(&notes)
            .args([
                "new",
                "where-now",
                "alice-nguyen",
                "--date",
                &date,
                "--stdout",
            ])
            .output()
            .unwrap()
            .stdout;
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_cairn"))
                .current_dir(&notes)
                .args(["new", "where-now", "alice-nguyen", "--date", &date])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (spawn(), spawn());
        let codes = [a.wait().unwrap().code(), b.wait().unwrap().code()];
        let mut sorted = codes;
        sorted.sort();
        assert_eq!(sorted, [Some(0), Some(2)], "round {round}: {codes:?}");
        let written =
            std::fs::read_to_string(notes.join(format!("people/alice-nguyen/{date}-where-now.md")))
                .unwrap();
        assert!(
            written == String::from_utf8(expected).unwrap(),
            "round {round}: the file is not whole"
        );
    }
    let leftovers: Vec<_> = files_under(&notes)
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains("cairn-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn layouts_that_cairn_would_never_read_and_self_management_are_refused() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    let config = std::fs::read_to_string(notes.join("cairn.yaml")).unwrap();
    for layout in [
        "people/{engineer}/.{date}.md",
        "templates/{date}-{type}.md",
        "people/{engineer}/README.md",
    ] {
        std::fs::write(
            notes.join("cairn.yaml"),
            format!("{config}layout: \"{layout}\"\n"),
        )
        .unwrap();
        cairn(&notes)
            .args(["new", "prep", "alice-nguyen"])
            .assert()
            .code(2)
            .stderr(contains("cairn never reads"));
    }
    std::fs::write(notes.join("cairn.yaml"), &config).unwrap();
    cairn(&notes)
        .args(["new", "prep", "alice-nguyen", "--manager", "alice-nguyen"])
        .assert()
        .code(2)
        .stderr(contains("cannot be their own manager"));
    cairn(&notes)
        .args(["new", "prep", "alice-nguyen", "--date", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(contains("not a calendar date"));
}

#[test]
fn init_templates_inside_a_repository_copies_only_what_it_lacks() {
    let dir = fresh();
    let notes = dir.path().join("notes");
    write(&notes, "templates/prep.md.j2", "our own prep\n");
    write(&notes, "people/alice-nguyen/.keep", "");
    let output = cairn(&notes.join("people/alice-nguyen"))
        .args(["init", "--templates"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let said = String::from_utf8(output.stdout).unwrap();
    assert!(
        said.contains("kept ../../templates/prep.md.j2 (yours, unchanged)"),
        "{said}"
    );
    assert!(
        said.contains("created ../../templates/contract.md.j2"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(notes.join("templates/prep.md.j2")).unwrap(),
        "our own prep\n"
    );
    for (name, _) in cairn::render::templates::DEFAULTS {
        assert!(notes.join("templates").join(name).is_file(), "{name}");
    }
    assert!(
        !notes.join("people/alice-nguyen/cairn.yaml").exists(),
        "no repository nested in the one it was run in"
    );
    // Without --templates, an existing cairn.yaml is a refusal.
    cairn(&notes)
        .arg("init")
        .assert()
        .code(2)
        .stderr(contains("already exists"));
}

#[test]
fn init_with_repo_creates_or_completes_that_folder() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here");
    std::fs::create_dir(&here).unwrap();
    cairn(&here)
        .args(["-C", "../notes", "init"])
        .assert()
        .code(0);
    assert!(dir.path().join("notes/cairn.yaml").is_file());
    cairn(&here)
        .args(["-C", "../notes", "init", "--templates"])
        .assert()
        .code(0)
        .stdout(contains("created ../notes/templates/contract.md.j2"));
    assert_eq!(
        std::fs::read_dir(&here).unwrap().count(),
        0,
        "nothing written here"
    );
}

#[test]
fn a_prep_counts_only_its_own_managers_overdue_promises_as_yours() {
    let prep = |engineer: &str| {
        let output = cairn(&example())
            .args(["new", "prep", engineer, "--date", "2026-11-25", "--stdout"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stdout).unwrap()
    };
    // Noor's only overdue manager's promise was Elena's, her manager before the reorg: her
    // handover of 2026-07-01 passed it to Priya, so Priya's prep calls it hers.
    let noor = prep("noor-haddad");
    assert!(
        noor.contains("**OVERDUE** · Priya Raman: write up Noor's part"),
        "{noor}"
    );
    assert!(noor.contains("1 of yours is overdue"), "{noor}");
    // Jonas's manager has overdue promises of her own.
    assert!(prep("jonas-becker").contains("4 of yours are overdue"));
}
