//! `cairn check` as a user and a CI pipeline meet it: formats, exit codes, paths, errors.

use crate::support::{cairn, check_json, findings, fixtures, small_repo, write};
use predicates::str::contains;

#[test]
fn example_repo_has_only_the_error_and_the_warning_its_story_needs() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-repo");
    let (report, code) = check_json(&example);
    // Lee Park's where-now of 2026-11-18 was made with `cairn new` and never written up;
    // Mei Chen's April review, written in a hurry, has one due date written day-first.
    assert_eq!(
        findings(&report),
        [
            (
                "people/lee-park/2026-11-18-where-now.md".to_owned(),
                42,
                "notes-not-written".to_owned()
            ),
            (
                "people/mei-chen/2026-04-15-progress-review.md".to_owned(),
                41,
                "invalid-field".to_owned()
            )
        ]
    );
    assert_eq!(
        report["diagnostics"][1]["message"],
        "`due 15/05/2026` is read as 2026-05-15: write it YYYY-MM-DD"
    );
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(report["documents"].as_u64().unwrap() >= 60);
    assert_eq!(code, 1);
    // The fix is safe: it writes the one reading, and leaves only the warning.
    let copy = crate::support::copy_fixture("../../example-repo");
    cairn(copy.path()).args(["check", "--fix"]).assert().code(0);
    let review = std::fs::read_to_string(
        copy.path()
            .join("people/mei-chen/2026-04-15-progress-review.md"),
    )
    .unwrap();
    assert!(
        review.contains("with Owen's input (due 2026-05-15)\n"),
        "{review}"
    );
    let (fixed, code) = check_json(copy.path());
    assert_eq!(
        (fixed["errors"].as_u64(), fixed["warnings"].as_u64(), code),
        (Some(0), Some(1), 0)
    );
}

#[test]
fn finds_the_repository_from_a_subfolder_or_with_repo() {
    let repo = small_repo();
    cairn(&repo.path().join("people/alice-nguyen"))
        .arg("check")
        .assert()
        .code(0)
        .stdout(contains("in 1 document\n"));
    cairn(std::path::Path::new("/"))
        .arg("check")
        .arg("-C")
        .arg(repo.path())
        .assert()
        .code(0);
    cairn(std::path::Path::new("/"))
        .arg("check")
        .arg("--repo")
        .arg(repo.path())
        .assert()
        .code(0);
}

#[test]
fn outside_a_repository_is_exit_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    cairn(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("not inside a notes repository"))
        .stderr(contains("cairn init"));
}

#[test]
fn configuration_errors_are_exit_2_with_file_line_and_key() {
    let cases = [
        (
            "peple:\n  - id: a\n    name: A\n",
            "cairn.yaml:1:1: unknown key `peple` (did you mean `people`?)",
        ),
        (
            "people:\n  - id: Alice\n    name: A\n",
            "cairn.yaml:2:9: person id `Alice` is not a valid id",
        ),
        (
            "people:\n  - id: a\n    name: A\n  - id: a\n    name: B\n",
            "cairn.yaml:4:9: person id `a` appears twice",
        ),
        (
            "people:\n  - id: a\n    name: A\n    manager: b\n",
            "cairn.yaml:4:14: manager `b` of `a` is not in `people`",
        ),
        (
            "cadence:\n  annual_months: 12\n",
            "cairn.yaml:1:1: missing `people`",
        ),
        ("people: [\n", "cairn.yaml:2:1:"),
    ];
    for (config, expected) in cases {
        let repo = tempfile::tempdir().unwrap();
        write(repo.path(), "cairn.yaml", config);
        cairn(repo.path())
            .arg("check")
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(expected));
    }
}

/// SPEC 1.1: every configuration error in one run, a repeated entry's own ones too.
#[test]
fn a_repeated_person_is_checked_all_the_same() {
    let repo = tempfile::tempdir().unwrap();
    write(
        repo.path(),
        "cairn.yaml",
        "people:\n  - id: sam\n    name: Sam\n  - id: ann\n    name: Ann\n  - id: ann\n    name: Ann2\n    manager: nobody\n    previous_managers:\n      - id: ghost\n        until: 2026-01-31\n",
    );
    cairn(repo.path())
        .arg("check")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("cairn.yaml:6:9: person id `ann` appears twice"))
        .stderr(contains(
            "cairn.yaml:8:14: manager `nobody` of `ann` is not in `people`",
        ))
        .stderr(contains(
            "previous manager `ghost` of `ann` is not in `people`",
        ));
}

#[test]
fn paths_narrow_the_report_but_the_whole_repository_is_read() {
    let repo = fixtures().join("rules/multiple-active-contracts");
    let (report, _) = check_json(&repo);
    assert_eq!(findings(&report).len(), 2);
    // The rule spans documents: asked about one file, it still sees the other.
    let output = cairn(&repo)
        .args([
            "check",
            "--format",
            "json",
            "people/alice-nguyen/fail-contract-a.md",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        findings(&report),
        [(
            "people/alice-nguyen/fail-contract-a.md".to_owned(),
            6,
            "multiple-active-contracts".to_owned()
        )]
    );
    assert_eq!(report["documents"], 1);
    assert_eq!(output.status.code(), Some(1));
    // A folder selects what is below it; a clean file exits 0.
    cairn(&repo)
        .args(["check", "people/ben-adeyemi"])
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings in 2 documents\n");
    cairn(&repo.join("people"))
        .args(["check", "alice-nguyen"])
        .assert()
        .code(1);
    cairn(&repo)
        .args(["check", "no-such-file.md"])
        .assert()
        .code(2)
        .stderr(contains("no-such-file.md: no such file or folder"));
    // A path outside the repository (pre-commit in a repository whose notes are in a
    // subfolder) is left out with a note.
    cairn(&repo)
        .args(["check", "/", "people/ben-adeyemi"])
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings in 2 documents\n")
        .stderr(contains("skipped 1 path outside the notes repository"));
}

#[test]
fn github_format_is_workflow_commands() {
    let output = cairn(&fixtures().join("rules/broken-link"))
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(text);
    for line in text.lines() {
        assert!(
            // Relative to the git work tree, where GitHub resolves annotations.
            line.starts_with(
                "::error file=tests/fixtures/rules/broken-link/people/alice-nguyen/fail-"
            ),
            "{line}"
        );
        assert!(line.contains(",title=broken-link::"), "{line}");
    }
}

#[test]
fn json_is_the_shape_spec_names() {
    let (report, code) = check_json(&fixtures().join("rules/no-follow-up"));
    assert_eq!(code, 0);
    assert_eq!(report["version"], 1);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 5);
    let first = &report["diagnostics"][0];
    assert_eq!(
        crate::support::sorted_keys(first),
        ["column", "line", "message", "path", "rule", "severity"]
    );
    assert_eq!(first["severity"], "warning");
}

#[test]
fn the_same_files_give_the_same_output_twice() {
    let repo = fixtures().join("rules/section-order");
    let first = cairn(&repo).arg("check").output().unwrap();
    let second = cairn(&repo).arg("check").output().unwrap();
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn colour_only_when_asked() {
    let repo = fixtures().join("rules/vague-goal");
    let plain = cairn(&repo).arg("check").output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
    let coloured = cairn(&repo)
        .args(["check", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains('\x1b'));
}

#[test]
fn private_sections_never_reach_the_output() {
    let repo = small_repo();
    let marker = "PRIVATE-MARKER-7c1";
    let doc = format!(
        "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-10\n---\n## Private notes\n\n- [ ] {marker} [link](missing-{marker}.md) @nobody-{marker}\n\nTired. {marker}\n"
    );
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-10-where-now.md",
        &doc,
    );
    for format in ["human", "json", "github"] {
        let output = cairn(repo.path())
            .args(["check", "--format", format])
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!all.contains(marker), "{format}: {all}");
        assert!(all.contains("no-follow-up"), "{format}: {all}");
    }
}

#[test]
fn usage_errors_are_exit_2() {
    let repo = small_repo();
    cairn(repo.path())
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    cairn(repo.path()).arg("chek").assert().code(2);
    cairn(repo.path())
        .arg("--version")
        .assert()
        .code(0)
        .stdout(contains("cairn "));
}

#[test]
fn a_path_that_holds_no_document_is_warned_about() {
    let repo = fixtures().join("rules/missing-front-matter");
    cairn(&repo)
        .args(["check", "drafts/idea.md"])
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings in 0 documents\n")
        .stderr(contains("drafts/idea.md holds no document"));
}

#[test]
fn reviewed_false_positives_stay_fixed() {
    let repo = small_repo();
    let front = "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-10\nfollow_up: 2026-04-10\n---\n";
    let body = "## Agreed\n- [ ] @engineer read https://medium.com/@someauthor/post (due 2026-04-01)\n- [ ] @engineer npm i @types/node, \\@ghost, room @10am (due 2026-04-01)\n  - [ ] @manager nested item (due 2026-04-01)\n\n## Notes\nsee [notes][p]\n\n## Private notes:\n[p]: SECRET-burnout.md\n- [ ] SECRET task\n";
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-10-where-now.md",
        &format!("{front}{body}"),
    );
    let (report, code) = check_json(repo.path());
    assert_eq!((findings(&report), code), (vec![], 0));
}

#[test]
fn an_html_element_left_open_hides_no_section() {
    let repo = small_repo();
    let contract = "---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-20\nstatus: draft\nstart: 2026-04-01\nend: 2027-03-31\n---\n\n## Development goal\n\n<p align=\"center\">\n<img src=\"growth.png\">\n\nLead the platform team's cross-team design reviews from proposal to decision.\n\n## Organisational commitment\n\n- [ ] give Alice the lead on the refactor (due 2026-04-15)\n\n## Engineer commitment\n\n- [ ] write the design document (due 2026-06-30)\n\n## Evidence of success\n\nA decision.\n\n## Review cadence\n\nQuarterly.\n\n## Limitations\n\nNo promotion promised.\n";
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-20-contract.md",
        contract,
    );
    let (report, code) = check_json(repo.path());
    assert_eq!((findings(&report), code), (vec![], 0));
}

#[test]
fn an_impossible_due_date_is_one_finding_not_two() {
    let repo = small_repo();
    let doc = "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-10\nfollow_up: 2026-04-10\n---\n## What we agreed\n- [ ] @engineer write the doc due 2026-09-31\n- [ ] @manager book the room\n";
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-10-where-now.md",
        doc,
    );
    let (report, _) = check_json(repo.path());
    let rules: Vec<(u64, String)> = findings(&report)
        .into_iter()
        .map(|(_, line, rule)| (line, rule))
        .collect();
    assert_eq!(
        rules,
        [
            (9, "invalid-field".to_owned()),
            (10, "commitment-without-due-date".to_owned()),
        ]
    );
}

#[test]
fn a_missing_section_before_private_notes_at_the_end_points_at_their_heading() {
    let repo = small_repo();
    let contract = "---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-20\nstatus: draft\nstart: 2026-04-01\nend: 2027-03-31\n---\n\n## Development goal\n\nLead the platform team's cross-team design reviews from proposal to decision.\n\n## Organisational commitment\n\n- [ ] give Alice the lead on the refactor (due 2026-04-15)\n\n## Engineer commitment\n\n- [ ] write the design document (due 2026-06-30)\n\n## Evidence of success\n\nA decision.\n\n## Review cadence\n\nQuarterly.\n\n## Private notes\n\nNot for anyone.\nStill private.\n";
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-20-contract.md",
        contract,
    );
    let (report, _) = check_json(repo.path());
    assert_eq!(
        findings(&report),
        [(
            "people/alice-nguyen/2026-03-20-contract.md".to_owned(),
            31,
            "missing-section".to_owned()
        )]
    );
}

#[test]
fn rules_in_cairn_yaml_set_a_severity_or_turn_a_rule_off() {
    let repo = crate::support::copy_fixture("rules/no-follow-up");
    let roster = std::fs::read_to_string(repo.path().join("cairn.yaml")).unwrap();
    let with_rules = |rules: &str| {
        std::fs::write(repo.path().join("cairn.yaml"), format!("{roster}{rules}")).unwrap();
    };
    let (report, code) = check_json(repo.path());
    assert_eq!((code, report["errors"].as_u64()), (0, Some(0)));
    let warned = report["warnings"].as_u64().unwrap();
    assert!(warned > 0);

    with_rules("rules:\n  no-follow-up: error\n");
    let (report, code) = check_json(repo.path());
    assert_eq!(code, 1, "an error now");
    assert_eq!(report["errors"].as_u64(), Some(warned));
    assert!(report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == "error" && d["rule"] == "no-follow-up"));

    with_rules("rules:\n  no-follow-up: off\n");
    let (report, code) = check_json(repo.path());
    assert_eq!((code, findings(&report)), (0, vec![]));
    assert!(report["documents"].as_u64().unwrap() > 0, "still checked");

    with_rules("rules:\n  no-folow-up: off\n");
    cairn(repo.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("cairn.yaml:"))
        .stderr(contains("no-folow-up"))
        .stderr(contains("no-follow-up"));
}

#[test]
fn a_cairn_ignore_comment_turns_rules_off_for_its_document_only() {
    let repo = crate::support::copy_fixture("rules/no-follow-up");
    let ignored = std::fs::read_to_string(repo.path().join("fail-where-now.md")).unwrap()
        + "\n<!-- cairn-ignore: no-follow-up -->\n";
    write(repo.path(), "fail-where-now.md", &ignored);
    let (report, code) = check_json(repo.path());
    assert_eq!(code, 0);
    let paths: Vec<String> = findings(&report).into_iter().map(|(p, ..)| p).collect();
    assert!(!paths.is_empty(), "the other documents still warn");
    assert!(
        !paths.contains(&"fail-where-now.md".to_owned()),
        "{paths:?}"
    );
    // A comment inside a private section is not read: cairn does not read those.
    let private = std::fs::read_to_string(repo.path().join("fail-where-going.md")).unwrap()
        + "\n## Private notes\n\n<!-- cairn-ignore: no-follow-up -->\n";
    write(repo.path(), "fail-where-going.md", &private);
    let (report, _) = check_json(repo.path());
    assert!(findings(&report)
        .iter()
        .any(|(path, _, rule)| path == "fail-where-going.md" && rule == "no-follow-up"));
}

#[test]
fn a_path_that_does_not_exist_is_named_wherever_cairn_runs() {
    let dir = tempfile::tempdir().unwrap();
    cairn(dir.path())
        .args(["check", "no/such/notes"])
        .assert()
        .code(2)
        .stderr(contains("no/such/notes: no such file or folder"));
}
