//! SPEC 5.3: one person's story (`cairn show`) and the manager's to-do list
//! (`cairn commitments`), on the example team, as a manager reads them.

use std::path::PathBuf;

use crate::support::run;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("example-repo")
}

#[test]
fn the_story_of_someone_who_changed_manager() {
    for format in ["terminal", "markdown", "json"] {
        let outcome = run(
            &example(),
            &[
                "show",
                "noor-haddad",
                "--as-of",
                "2026-11-25",
                "--format",
                format,
            ],
        );
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        insta::assert_snapshot!(format!("noor_{format}"), outcome.stdout);
    }
    let json: serde_json::Value = serde_json::from_str(
        &run(
            &example(),
            &[
                "show",
                "noor-haddad",
                "--as-of",
                "2026-11-25",
                "--format",
                "json",
            ],
        )
        .stdout,
    )
    .unwrap();
    assert_eq!(json["manager"], "priya-raman");
    assert_eq!(
        json["previous_managers"],
        serde_json::json!([{"id": "elena-ruiz", "name": "Elena Ruiz", "until": "2026-06-30"}])
    );
    assert_eq!(json["next"]["type"], "progress-review");
    assert_eq!(json["next"]["due"], "2026-12-01");
    assert_eq!(
        json["next"]["command"],
        "cairn new progress-review noor-haddad"
    );
    let elena: Vec<&serde_json::Value> = json["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["taken_over"]["from"] == "elena-ruiz" && c["done"] == false)
        .collect();
    assert_eq!(elena.len(), 1);
    assert_eq!(elena[0]["overdue"], true);
    assert_eq!(elena[0]["manager"], "priya-raman");
}

#[test]
fn the_story_says_what_comes_next_and_what_was_missed() {
    let json = |id: &str| -> serde_json::Value {
        let outcome = run(
            &example(),
            &["show", id, "--as-of", "2026-11-25", "--format", "json"],
        );
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        serde_json::from_str(&outcome.stdout).unwrap()
    };
    // Tomas had his first conversation: the second comes next, at its agreed follow-up.
    let tomas = json("tomas-lindqvist");
    assert_eq!(tomas["next"]["type"], "where-going");
    assert_eq!(tomas["new"], true);
    // Lee's where-now of 2026-11-18 has no notes: the story says so.
    let lee = json("lee-park");
    let unwritten: Vec<&serde_json::Value> = lee["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["notes_written"] == false)
        .collect();
    assert_eq!(unwritten.len(), 1);
    assert_eq!(
        unwritten[0]["path"],
        "people/lee-park/2026-11-18-where-now.md"
    );
    // Jonas's contract: a checkpoint passed with no review.
    let jonas = json("jonas-becker");
    let missed: Vec<&serde_json::Value> = jonas["contracts"][0]["checkpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["missed"] == true)
        .collect();
    assert_eq!(missed.len(), 1, "{jonas:#}");
    // Someone who left still has a story.
    let kenji = json("kenji-watanabe");
    assert_eq!(kenji["left"], "2026-08-31");
}

#[test]
fn nothing_is_due_from_someone_who_has_left_or_not_yet_joined() {
    let story = |id: &str, day: &str| {
        let outcome = run(
            &example(),
            &["show", id, "--as-of", day, "--format", "json"],
        );
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        serde_json::from_str::<serde_json::Value>(&outcome.stdout).unwrap()
    };
    // Kenji Watanabe left on 2026-08-31: on the team that day, not the next.
    for day in ["2026-08-30", "2026-08-31"] {
        let kenji = story("kenji-watanabe", day);
        assert_eq!(kenji["in_scope"], true, "{day}");
        assert!(kenji["next"]["type"].is_string(), "{day}: {kenji}");
    }
    let kenji = story("kenji-watanabe", "2026-09-01");
    assert_eq!(kenji["in_scope"], false);
    assert_eq!(kenji["next"], serde_json::Value::Null);
    assert_eq!(kenji["flags"], serde_json::json!([]));
    assert!(
        !kenji["documents"].as_array().unwrap().is_empty(),
        "the story is still told"
    );
    let terminal = run(
        &example(),
        &["show", "kenji-watanabe", "--as-of", "2026-09-01"],
    );
    assert!(
        terminal
            .stdout
            .contains("Left the team on 2026-08-31: no conversation is due"),
        "{}",
        terminal.stdout
    );
    assert!(!terminal.stdout.contains("Next step") && !terminal.stdout.contains("flags"));
    // Yusuf Demir joins on 2026-11-02.
    assert_eq!(story("yusuf-demir", "2026-11-01")["in_scope"], false);
    assert_eq!(story("yusuf-demir", "2026-11-02")["in_scope"], true);
    // Priya Raman reports to nobody in this repository: the report leaves her out, so does
    // the story's list of what is due.
    let priya = story("priya-raman", "2026-11-25");
    assert_eq!(
        (priya["in_scope"].clone(), priya["next"].clone()),
        (serde_json::json!(false), serde_json::Value::Null)
    );
    let terminal = run(
        &example(),
        &["show", "priya-raman", "--as-of", "2026-11-25"],
    );
    assert!(
        terminal
            .stdout
            .contains("Reports to nobody in cairn.yaml on 2026-11-25"),
        "{}",
        terminal.stdout
    );
    let before = run(
        &example(),
        &["show", "yusuf-demir", "--as-of", "2026-11-01"],
    );
    assert!(
        before
            .stdout
            .contains("Joins the team on 2026-11-02: nothing is due yet."),
        "{}",
        before.stdout
    );
}

/// SPEC 5.3: the story gives the flags of section 5, the same as the report's block.
#[test]
fn the_story_and_the_report_flag_the_same_things() {
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path();
    crate::support::write(
        errors,
        "cairn.yaml",
        "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n",
    );
    // A contract whose Limitations hold only TODO: an error of `check`.
    crate::support::write(
        errors,
        "people/al/2026-03-01-contract.md",
        "---\ntype: contract\nengineer: al\nmanager: sam\ndate: 2026-03-01\nstatus: active\nstart: 2026-03-01\nend: 2027-02-28\n---\n## Development goal\nLead the migration to the new billing platform, end to end.\n\n## Organisational commitment\n- [ ] Pair Al with the platform lead (due 2026-12-15)\n\n## Engineer commitment\n- [ ] Write the migration plan (due 2026-12-20)\n\n## Evidence of success\nThe plan is approved.\n\n## Limitations\nTODO\n\n## Review cadence\nQuarterly.\n",
    );
    for (repo, as_of) in [
        (errors.to_path_buf(), "2026-11-29"),
        (example(), "2026-11-25"),
    ] {
        let report = run(&repo, &["report", "--as-of", as_of, "--format", "json"]);
        assert_eq!(report.code, 0, "{}", report.stderr);
        let report: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
        let people = report["people"].as_array().unwrap();
        assert!(!people.is_empty());
        for person in people {
            let id = person["id"].as_str().unwrap();
            let story = run(&repo, &["show", id, "--as-of", as_of, "--format", "json"]);
            assert_eq!(story.code, 0, "{}", story.stderr);
            let story: serde_json::Value = serde_json::from_str(&story.stdout).unwrap();
            assert_eq!(story["flags"], person["flags"], "{id} as of {as_of}");
        }
        if repo == errors {
            let flags = people[0]["flags"].as_array().unwrap();
            assert!(
                flags.contains(&serde_json::json!("document-errors")),
                "the contract's error is flagged: {flags:?}"
            );
        }
    }
}

/// A leaver misses nothing after the day they left, and someone not yet on the team is
/// not a new joiner yet: the story never contradicts its own headline.
#[test]
fn the_story_of_a_leaver_or_a_joiner_says_nothing_it_denies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    crate::support::write(
        root,
        "cairn.yaml",
        "people:\n  - id: sam\n    name: Sam\n  - id: li\n    name: Li\n    manager: sam\n    left: 2026-09-30\n  - id: bo\n    name: Bo\n    manager: sam\n    left: 2026-10-31\n  - id: cy\n    name: Cy\n    manager: sam\n    since: 2026-12-01\n",
    );
    // The same conversation for both leavers: its follow-up, 2026-10-15, falls after Li
    // left and before Bo did. A contract's checkpoint likewise.
    for who in ["li", "bo"] {
        crate::support::write(
            root,
            &format!("people/{who}/2026-09-05-where-now.md"),
            &format!("---\ntype: where-now\nengineer: {who}\nmanager: sam\ndate: 2026-09-05\nfollow_up: 2026-10-15\nsummary_shared: 2026-09-06\n---\n## What I heard\nWants to lead the platform work.\n"),
        );
        crate::support::write(
            root,
            &format!("people/{who}/2026-07-01-contract.md"),
            &format!("---\ntype: contract\nengineer: {who}\nmanager: sam\ndate: 2026-07-01\nstatus: active\nstart: 2026-07-01\nend: 2027-06-30\ncheckpoints: [2026-10-20]\n---\n## Development goal\nLead the migration to the new billing platform, end to end.\n\n## Organisational commitment\n- [ ] Pair with the platform lead (due 2026-12-15)\n\n## Engineer commitment\n- [ ] Write the migration plan (due 2026-12-20)\n\n## Evidence of success\nThe plan is approved.\n\n## Limitations\nNo budget for new hires.\n\n## Review cadence\nQuarterly.\n"),
        );
    }
    let show = |who: &str, as_of: &str| {
        let outcome = run(root, &["show", who, "--as-of", as_of]);
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        outcome.stdout
    };
    let li = show("li", "2026-11-29");
    assert!(li.contains("Left the team on 2026-09-30"), "{li}");
    assert!(li.contains("follow-up 2026-10-15\n"), "{li}");
    assert!(
        li.contains("checkpoint 2026-10-20: after they left"),
        "{li}"
    );
    assert!(!li.contains("missed"), "{li}");
    let bo = show("bo", "2026-11-29");
    assert!(bo.contains("follow-up 2026-10-15, missed"), "{bo}");
    assert!(bo.contains("checkpoint 2026-10-20: missed"), "{bo}");
    // The day before Cy joins, the day he joins.
    let before = show("cy", "2026-11-30");
    assert!(before.contains("Joins the team on 2026-12-01"), "{before}");
    assert!(!before.contains("new joiner"), "{before}");
    assert!(show("cy", "2026-12-01").contains("new joiner"));
}

#[test]
fn show_refuses_an_unknown_id() {
    let outcome = run(&example(), &["show", "noor-hadad"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("did you mean `noor-haddad`?"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn the_managers_to_do_list() {
    let outcome = run(
        &example(),
        &["commitments", "--as-of", "2026-11-25", "--owner", "manager"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    insta::assert_snapshot!("priya_open", outcome.stdout);
    let list = |args: &[&str]| -> Vec<(String, String, String)> {
        let mut all = vec!["commitments", "--as-of", "2026-11-25", "--format", "json"];
        all.extend_from_slice(args);
        let outcome = run(&example(), &all);
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        let json: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
        json["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_owned(),
                    c["state"].as_str().unwrap().to_owned(),
                    format!("{}:{}", c["path"].as_str().unwrap(), c["line"]),
                )
            })
            .collect()
    };
    // Elena's open commitment passed to Priya with the handover of 2026-07-01.
    let elena = list(&["--manager", "elena-ruiz"]);
    assert_eq!(elena, []);
    assert!(list(&["--manager", "priya-raman"]).contains(&(
        "noor-haddad".to_owned(),
        "overdue".to_owned(),
        "people/noor-haddad/2026-03-18-where-going.md:54".to_owned()
    )));
    // Each state filter keeps only its own.
    assert!(list(&["--overdue"])
        .iter()
        .all(|(_, state, _)| state == "overdue"));
    let done = list(&["--done", "--engineer", "amara-osei"]);
    assert!(!done.is_empty());
    assert!(done
        .iter()
        .all(|(id, state, _)| id == "amara-osei" && state.starts_with("done")));
    assert!(list(&["--owner", "engineer"])
        .iter()
        .all(|(_, state, _)| state == "open" || state == "overdue"));
    // In the terminal, a done item says when it was done (SPEC 5.3), after its place.
    let terminal = run(
        &example(),
        &[
            "commitments",
            "--done",
            "--engineer",
            "noor-haddad",
            "--as-of",
            "2026-11-25",
        ],
    );
    assert_eq!(terminal.code, 0, "{}", terminal.stderr);
    assert!(
        terminal
            .stdout
            .contains("people/noor-haddad/2026-03-18-where-going.md:53  (done 2026-05-21)"),
        "{}",
        terminal.stdout
    );
    // `--open` is the default, and the filters exclude one another.
    assert_eq!(list(&["--open"]), list(&[]));
    assert_eq!(
        run(&example(), &["commitments", "--open", "--done"]).code,
        2
    );
}
