//! A capability framework as a manager meets it: its mistakes told at their lines, a level
//! it lacks, `cairn schema --framework`, and the next level's words in `cairn new`.

use crate::support::{run, write};

const FRAMEWORK: &str = "levels: [engineer, senior-engineer, staff-engineer]
capabilities:
  - id: technical-leadership
    name: Technical leadership
    area: Leadership
    levels:
      senior-engineer: Leads the design of a service within one team.
      staff-engineer: Leads cross-team technical initiatives independently.
  - id: delivery
    name: Delivery
    levels:
      senior-engineer: Delivers what the team commits to, and says early when it cannot.
";

fn repo(level: &str, framework: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cairn.yaml",
        &format!("people:\n  - id: sam\n    name: Sam Okafor\n  - id: al\n    name: Al Ng\n    manager: sam\n{level}framework: capabilities.yaml\n"),
    );
    write(dir.path(), "capabilities.yaml", framework);
    dir
}

#[test]
fn framework_mistakes_are_configuration_errors_with_lines() {
    let broken = "levels: [engineer, senior-engineer]\ncapabilites: []\ncapabilities:\n  - id: delivery\n    name: Delivery\n    levels:\n      senior-enginer: Delivers.\n";
    let out = run(repo("", broken).path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "capabilities.yaml:2:1: unknown key `capabilites` (did you mean `capabilities`?)"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("capabilities.yaml:7:7: `senior-enginer` is not one of the framework's `levels` (did you mean `senior-engineer`?)"), "{}", out.stderr);
}

#[test]
fn a_level_must_be_one_of_the_framework() {
    let out = run(
        repo("    level: senior-enginer\n", FRAMEWORK).path(),
        &["check"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cairn.yaml:7:12: `level` of `al` is `senior-enginer`, which is not a level of the framework `capabilities.yaml` (did you mean `senior-engineer`?)"),
        "{}",
        out.stderr
    );
    let missing = repo("", FRAMEWORK);
    std::fs::remove_file(missing.path().join("capabilities.yaml")).unwrap();
    let out = run(missing.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "cairn.yaml:7:12: `framework` names `capabilities.yaml`, which does not exist"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn the_schema_of_the_framework_file() {
    let out = run(std::path::Path::new("."), &["schema", "--framework"]);
    assert_eq!(out.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        schema["required"],
        serde_json::json!(["levels", "capabilities"])
    );
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn new_contract_and_where_going_quote_the_next_level() {
    let team = repo("    level: senior-engineer\n", FRAMEWORK);
    let contract = run(
        team.path(),
        &["new", "contract", "al", "--date", "2026-03-01", "--stdout"],
    );
    assert_eq!(contract.code, 0, "{}", contract.stderr);
    assert!(contract.stdout.contains("At staff-engineer, the level after senior-engineer:\n  Technical leadership (technical-leadership): Leads cross-team technical initiatives independently.\n"), "{}", contract.stdout);
    // Delivery says nothing of staff-engineer: no line for it.
    assert!(!contract.stdout.contains("Delivery (delivery)"));
    let going = run(
        team.path(),
        &[
            "new",
            "where-going",
            "al",
            "--date",
            "2026-03-01",
            "--stdout",
        ],
    );
    assert!(going
        .stdout
        .contains("### What does staff-engineer look like to you?"));
    // Without a level, the next level is the first one.
    let first = repo("", FRAMEWORK);
    let contract = run(
        first.path(),
        &["new", "contract", "al", "--date", "2026-03-01", "--stdout"],
    );
    assert!(
        !contract.stdout.contains("At engineer"),
        "engineer has no text here"
    );
    let junior = repo("    level: engineer\n", FRAMEWORK);
    let contract = run(
        junior.path(),
        &["new", "contract", "al", "--date", "2026-03-01", "--stdout"],
    );
    assert!(contract.stdout.contains("  Delivery (delivery): Delivers what the team commits to, and says early when it cannot.\n"));
}
