//! Notes kept in an Obsidian vault: wikilinks as Obsidian finds them, and the vault's
//! templates folder, which holds templates, not notes.

use crate::support::{run, write};

const ROSTER: &str = "people:\n  - id: sam\n    name: Sam Okafor\n  - id: al\n    name: Al Doe\n    manager: sam\n    since: 2025-01-01\n  - id: bo\n    name: Bo Li\n    manager: sam\n    since: 2025-01-01\n";

fn contract(engineer: &str) -> String {
    format!("---\ntype: contract\nengineer: {engineer}\nmanager: sam\ndate: 2026-04-28\nstatus: active\nstart: 2026-05-01\nend: 2027-04-30\ncheckpoints: [2026-08-01]\n---\n\n## Development goal\n\nBuild the capability to lead cross-team design reviews from proposal to decision.\n\n## Organisational commitment\n\n- [ ] @manager introduce {engineer} to the platform lead (due 2026-06-30)\n\n## Engineer commitment\n\n- [ ] @engineer write the design document (due 2026-07-31)\n\n## Evidence of success\n\nTwo reviews decided.\n\n## Review cadence\n\nAt the checkpoint.\n\n## Limitations\n\nNo promotion is promised.\n")
}

fn vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cairn.yaml", ROSTER);
    // Two contracts of the same file name: a wikilink takes the nearest.
    write(root, "people/al/2026-04-28-contract.md", &contract("al"));
    write(root, "people/bo/2026-04-28-contract.md", &contract("bo"));
    write(
        root,
        "people/al/2026-07-30-progress-review.md",
        "---\ntype: progress-review\nengineer: al\nmanager: sam\ndate: 2026-07-30\nfollow_up: 2026-10-30\nsummary_shared: 2026-07-30\ncontract: \"[[2026-04-28-contract]]\"\n---\n\n## What I heard\n\nOn track: see [[2026-04-28-contract#Limitations|the contract]].\n\n## What we agreed\n\n- [ ] @engineer book the design review (due 2026-08-15)\n\n## Private notes\n\n[[SECRET-private-link]]\n",
    );
    dir
}

#[test]
fn wikilinks_resolve_as_obsidian_finds_them() {
    let dir = vault();
    let outcome = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    // The review's `contract: "[[…]]"` is Al's contract, the nearest of the two: the
    // review meets its checkpoint (a wikilink to Bo's would be contract-engineer-mismatch).
    let outcome = run(
        dir.path(),
        &[
            "report",
            "--as-of",
            "2026-08-10",
            "--format",
            "json",
            "--engineer",
            "al",
        ],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(
        report["people"][0]["review"]["last"], "2026-07-30",
        "{report:#}"
    );
}

#[test]
fn a_wikilink_to_no_file_is_a_broken_link_and_private_ones_are_not_read() {
    let dir = vault();
    write(
        dir.path(),
        "people/al/2026-08-01-as-needed.md",
        "---\ntype: as-needed\nengineer: al\nmanager: sam\ndate: 2026-08-01\nfollow_up: 2026-09-01\nsummary_shared: 2026-08-01\n---\n\n## What I heard\n\nSee [[2026-02-30-nothing]] and [[2026-04-28-contract]], its [[2026-04-28-contract#Limitations]], its [goal](2026-04-28-contract.md#development-goal), and [[2026-04-28-contract#Promotion]].\n",
    );
    let outcome = run(dir.path(), &["check"]);
    assert_eq!(outcome.code, 1, "{}", outcome.all());
    assert!(
        outcome
            .stdout
            .contains("error[broken-link]: the link to `[[2026-02-30-nothing]]`"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome.stdout.contains(
            "the link to `[[2026-04-28-contract#Promotion]]` names no heading of `people/al/2026-04-28-contract.md`"
        ),
        "{}",
        outcome.stdout
    );
    // `#Limitations` and `#development-goal` name headings the contract has.
    assert_eq!(
        outcome.stdout.matches("error[broken-link]").count(),
        2,
        "{}",
        outcome.stdout
    );
    assert!(!outcome.all().contains("SECRET"), "{}", outcome.all());
}

#[test]
fn the_vaults_templates_folder_is_not_checked() {
    let dir = vault();
    let root = dir.path();
    write(
        root,
        ".obsidian/templates.json",
        "{\"folder\": \"Templates/Meetings\"}",
    );
    write(root, "Templates/Meetings/1-1.md", "# {{title}}\n\n- [ ] \n");
    write(
        root,
        "Templates/other.md",
        "no front matter: a note like any other\n",
    );
    let outcome = run(root, &["check"]);
    assert!(
        !outcome.stdout.contains("Meetings"),
        "the templates folder is skipped:\n{}",
        outcome.all()
    );
    assert!(
        outcome.stdout.contains("Templates/other.md")
            && outcome.stdout.contains("missing-front-matter"),
        "a folder beside it is checked:\n{}",
        outcome.all()
    );
    // Without the vault's settings, the same folder is notes.
    std::fs::remove_file(root.join(".obsidian/templates.json")).unwrap();
    let outcome = run(root, &["check"]);
    assert!(
        outcome.stdout.contains("Templates/Meetings/1-1.md"),
        "{}",
        outcome.all()
    );
}
