//! A capability framework as a manager meets it: its mistakes told at their lines, a level
//! it lacks, `cairn schema --framework`, the next level's words in `cairn new`, the
//! capabilities under development in `cairn show`, and the report's *Development by
//! capability* (fixture `tests/fixtures/frameworks`, as of 2026-06-15).

use serde_json::{json, Value};

use crate::support::{fixtures, run, write};

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

fn json(args: &[&str]) -> Value {
    let out = run(&fixtures().join("frameworks"), args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn ids(people: &Value) -> Vec<&str> {
    people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect()
}

#[test]
fn the_report_has_development_by_capability_in_every_format() {
    for format in ["terminal", "markdown", "html", "json"] {
        let out = run(
            &fixtures().join("frameworks"),
            &["report", "--as-of", "2026-06-15", "--format", format],
        );
        assert_eq!((out.code, out.stderr.as_str()), (0, ""));
        insta::assert_snapshot!(format!("frameworks_report_{format}"), out.stdout);
    }
    let report = json(&["report", "--as-of", "2026-06-15", "--format", "json"]);
    let section = &report["development_by_capability"];
    assert_eq!(
        section["levels"],
        json!(["engineer", "senior-engineer", "staff-engineer"])
    );
    let capabilities = section["capabilities"].as_array().unwrap();
    assert_eq!(capabilities[0]["id"], "technical-leadership");
    assert_eq!(ids(&capabilities[0]["people"]), ["al-ng"]);
    assert_eq!(
        capabilities[1]["people"][0],
        json!({"id": "al-ng", "name": "Al Ng", "level": "engineer", "next_level": "senior-engineer", "next_text": "Delivers what the team commits to, and says early when it cannot."})
    );
    assert_eq!(ids(&capabilities[2]["people"]), Vec::<&str>::new());
    // Bo is at the top level and Cy has no level: neither is listed apart. Di's contract
    // names no capability; Ed has no contract.
    assert_eq!(
        section["no_development_on_paper"],
        json!([
            {"id": "di-ko", "name": "Di Ko", "level": "senior-engineer", "next_level": "staff-engineer", "contract": "people/di-ko/2026-01-28-contract.md"},
            {"id": "ed-ru", "name": "Ed Ru", "level": "engineer", "next_level": "senior-engineer", "contract": null}
        ])
    );
}

#[test]
fn without_a_framework_the_report_has_no_such_section() {
    let out = run(
        &fixtures().join("report"),
        &["report", "--as-of", "2026-06-15", "--format", "json"],
    );
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(report.get("development_by_capability").is_none());
    let text = run(
        &fixtures().join("report"),
        &["report", "--as-of", "2026-06-15"],
    );
    assert!(!text.stdout.contains("Development by capability"));
}

#[test]
fn show_gives_the_next_level_and_the_reviews_that_mention_each_capability() {
    for format in ["terminal", "markdown"] {
        let out = run(
            &fixtures().join("frameworks"),
            &["show", "al-ng", "--as-of", "2026-06-15", "--format", format],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        insta::assert_snapshot!(format!("frameworks_show_al_{format}"), out.stdout);
    }
    let al = json(&["show", "al-ng", "--as-of", "2026-06-15", "--format", "json"]);
    assert_eq!(al["level"], "engineer");
    let development = &al["development"];
    assert_eq!(development["next_level"], "senior-engineer");
    assert_eq!(development["no_development_on_paper"], false);
    // "DELIVERY" in the first review's public text mentions `delivery`, in any case;
    // `technical-leadership` is named only in its private notes, which never count.
    let delivery = &development["capabilities"][0];
    assert_eq!(delivery["id"], "delivery");
    assert_eq!(
        delivery["reviews"],
        json!([{"date": "2026-04-25", "path": "people/al-ng/2026-04-25-progress-review.md"}])
    );
    let leadership = &development["capabilities"][1];
    assert_eq!(leadership["id"], "technical-leadership");
    assert_eq!(
        leadership["next_text"],
        "Leads the design of a service within one team."
    );
    assert_eq!(leadership["reviews"], json!([]));

    // Without a level, the next level is the first one, and nobody is listed apart.
    let cy = json(&["show", "cy-ma", "--as-of", "2026-06-15", "--format", "json"]);
    assert!(cy.get("level").is_none());
    assert_eq!(cy["development"]["next_level"], "engineer");
    assert_eq!(cy["development"]["no_development_on_paper"], false);
    // At the top level there is no next level.
    let bo = json(&["show", "bo-li", "--as-of", "2026-06-15", "--format", "json"]);
    assert_eq!(bo["development"]["next_level"], Value::Null);
    assert_eq!(bo["development"]["no_development_on_paper"], false);
    let di = run(
        &fixtures().join("frameworks"),
        &["show", "di-ko", "--as-of", "2026-06-15"],
    );
    assert!(
        di.stdout.contains(
            "the active contract names no capability: nobody is working towards staff-engineer on paper"
        ),
        "{}",
        di.stdout
    );
}

/// The fixture, copied to a temporary folder, with `files` written over it.
fn fixture_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = crate::support::copy_fixture("frameworks");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

const REVIEW: &str = "---\ntype: progress-review\nengineer: al-ng\nmanager: sam\ndate: 2026-06-12\nfollow_up: 2026-08-01\ncontract: 2026-01-28-contract.md\n---\n\nReviewing the contract. Goal: grow technical leadership.\n\n## What is working\n\n<!-- ask about technical leadership next time -->\n\n## What we agreed\n\n";

#[test]
fn a_review_mentions_what_its_notes_say_not_what_the_template_wrote() {
    // Not written up: it mentions nothing, whatever the text above its headings says.
    let dir = fixture_with(&[("people/al-ng/2026-06-12-progress-review.md", REVIEW)]);
    let reviews = |dir: &std::path::Path| {
        let out = run(
            dir,
            &["show", "al-ng", "--as-of", "2026-06-15", "--format", "json"],
        );
        assert_eq!(out.code, 0, "{}", out.all());
        let json: Value = serde_json::from_str(&out.stdout).unwrap();
        json["development"]["capabilities"][1]["reviews"].clone()
    };
    assert_eq!(reviews(dir.path()), json!([]));
    // Written up, it still does not mention what only the preamble and a comment say...
    let written = REVIEW.replace(
        "## What we agreed\n\n",
        "## What we agreed\n\nKeep going.\n",
    );
    let dir = fixture_with(&[("people/al-ng/2026-06-12-progress-review.md", &written)]);
    assert_eq!(reviews(dir.path()), json!([]));
    // ...and mentions what the manager wrote under a heading.
    let named = written.replace(
        "Keep going.",
        "Keep going with the technical leadership of reviews.",
    );
    let dir = fixture_with(&[("people/al-ng/2026-06-12-progress-review.md", &named)]);
    assert_eq!(
        reviews(dir.path()),
        json!([{"date": "2026-06-12", "path": "people/al-ng/2026-06-12-progress-review.md"}])
    );
}

#[test]
fn an_expired_contract_develops_nothing_on_paper_the_day_after_its_end() {
    let contract =
        std::fs::read_to_string(fixtures().join("frameworks/people/al-ng/2026-01-28-contract.md"))
            .unwrap()
            .replace("end: 2027-01-31", "end: 2026-06-14")
            .replace("  - 2026-08-01\n  - 2026-11-01\n", "");
    let dir = fixture_with(&[("people/al-ng/2026-01-28-contract.md", &contract)]);
    let apart = |as_of: &str| {
        let out = run(
            dir.path(),
            &["report", "--as-of", as_of, "--format", "json"],
        );
        assert_eq!(out.code, 0, "{}", out.all());
        let json: Value = serde_json::from_str(&out.stdout).unwrap();
        let section = &json["development_by_capability"];
        let developing = section["capabilities"].as_array().unwrap().iter().any(|c| {
            c["people"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["id"] == "al-ng")
        });
        let listed_apart = ids(&section["no_development_on_paper"]).contains(&"al-ng");
        (developing, listed_apart)
    };
    assert_eq!(apart("2026-06-13"), (true, false));
    assert_eq!(apart("2026-06-14"), (true, false));
    assert_eq!(apart("2026-06-15"), (false, true));
}

#[test]
fn one_bad_capability_keeps_the_others_and_is_named_at_its_item() {
    let contract =
        std::fs::read_to_string(fixtures().join("frameworks/people/al-ng/2026-01-28-contract.md"))
            .unwrap()
            .replace(
                "capabilities: [delivery, technical-leadership]",
                "capabilities: [delivery, 3]",
            );
    let dir = fixture_with(&[("people/al-ng/2026-01-28-contract.md", &contract)]);
    let check = run(
        dir.path(),
        &["check", "people/al-ng/2026-01-28-contract.md"],
    );
    assert!(
        check.stdout.contains("10:26: error[invalid-field]: `capabilities` must list capability ids of the framework, found the number `3`"),
        "{}",
        check.stdout
    );
    let out = run(
        dir.path(),
        &["show", "al-ng", "--as-of", "2026-06-15", "--format", "json"],
    );
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        json["development"]["capabilities"][0]["id"], "delivery",
        "{json}"
    );
}
