//! `cairn.yaml` as people write it, right and wrong.

use super::*;

const RULES: &[&str] = &["no-follow-up", "vague-goal"];

fn config(text: &str) -> Config {
    Config::parse(text, RULES).unwrap_or_else(|p| panic!("{p:?}"))
}

/// Every problem as `line:column: message`.
fn problems(text: &str) -> Vec<String> {
    Config::parse(text, RULES)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
        .collect()
}

const ROSTER: &str =
    "people:\n  - id: sam\n    name: Sam\n  - id: alice\n    name: Alice\n    manager: sam\n";

#[test]
fn loads_roster_and_defaults() {
    let config = config(ROSTER);
    assert_eq!(
        config.person("alice").unwrap().manager.as_deref(),
        Some("sam")
    );
    assert_eq!(
        config.person("alice").unwrap().position,
        crate::domain::diagnostic::Position { line: 4, column: 9 }
    );
    assert_eq!(config.cadence, Cadence::default());
    assert_eq!(config.layout, DEFAULT_LAYOUT);
    assert!(config.is_private("Private notes"));
    assert!(config.is_private("🔒 Private notes (manager only)"));
    assert!(!config.is_private("Privately noted"));
    assert_eq!(config.required_sections(DocType::Contract).len(), 6);
    assert!(config.required_sections(DocType::WhereNow).is_empty());
    assert_eq!(config.rule_severity("no-follow-up"), None);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let found = problems(
        "peple: []\npeople:\n  - id: sam\n    name: Sam\n    rol: EM\n  - id: Alice\n    name: Alice\n  - id: bob\n    name: Bob\n    manager: som\ncadence:\n  anual_months: 6\n  review_months: 0\nrules:\n  no-folow-up: error\n  vague-goal: loud\n",
    );
    assert_eq!(
        found,
        [
            "1:1: unknown key `peple` (did you mean `people`?); use one of: people, cadence, layout, me, exclude, private_sections, seal, types, rules, framework, retention",
            "5:5: unknown key `rol` for a person (did you mean `role`?); use one of: id, name, manager, role, since, left, previous_managers, away, seal_to, level, email",
            "6:9: person id `Alice` is not a valid id: use lowercase letters, digits and `-`, starting with a letter or digit (e.g. `alice-nguyen`)",
            "10:14: manager `som` of `bob` is not in `people` (did you mean `sam`?)",
            "12:3: unknown key `anual_months` in `cadence` (did you mean `annual_months`?); use one of: annual_months, review_months, summary_days, due_soon_days, checkin_days",
            "13:18: `cadence.review_months` must be a whole number of months from 1 to 1200",
            "15:3: `no-folow-up` is not a rule (did you mean `no-follow-up`?); 'cairn explain --list' lists them",
            "16:15: `loud` is not a severity; use `error`, `warning` or `off`",
        ]
    );
}

#[test]
fn yaml_mistakes_in_a_managers_words() {
    let found = problems(&format!(
        "{ROSTER}cadence:\n  annual_months: 12\n  - id: bob\n    name: Bob\n"
    ));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("9:3: this line is a list item, but `cadence:` above it"),
        "{found:?}"
    );
    assert!(found[0].contains("\nthe YAML parser says: "), "{found:?}");
    let tab = problems("people:\n\t- id: sam\n");
    assert!(tab[0].contains("indent with spaces, not tabs"), "{tab:?}");
}

#[test]
fn the_roster_over_time_is_checked() {
    let found = problems(
        "people:\n  - id: sam\n    name: Sam\n  - id: dana\n    name: Dana\n  - id: alice\n    name: Alice\n    manager: sam\n    since: 2024-03-01\n    left: 2024-02-01\n    previous_managers:\n      - id: dana\n        until: 2025-04-30\n      - id: dan\n        until: 2025-01-01\n    away:\n      - from: 2024-06-01\n        to: 2024-05-01\n      - from: 2024-07-01\n        to: 2024-07-10\n        reason: sick\n      - from: 2024-07-05\n        to: 2024-07-20\n",
    );
    assert_eq!(
        found,
        [
            "10:11: `left` (2024-02-01) is before `since` (2024-03-01)",
            "14:13: previous manager `dan` of `alice` is not in `people` (did you mean `dana`?)",
            "15:16: the `until` dates of `previous_managers` must increase: list them oldest first",
            "18:13: `to` (2024-05-01) is before `from` (2024-06-01): a period away runs from its first day to its last",
            "19:15: this period away of `alice` lies outside their time on the team (`since` to `left`)",
            "21:9: unknown key `reason` in `away`; use one of: from, to (leave reasons are not recorded: they can be health data)",
            "22:15: this period away of `alice` overlaps the one from 2024-07-01 to 2024-07-10",
            "22:15: this period away of `alice` lies outside their time on the team (`since` to `left`)",
        ]
    );
}

#[test]
fn a_circle_of_managers_is_refused() {
    let found = problems(
        "people:\n  - id: a\n    name: A\n    manager: b\n  - id: b\n    name: B\n    previous_managers:\n      - id: a\n        until: 2026-01-31\n",
    );
    assert_eq!(
        found,
        ["4:14: the managers of `a` go round in a circle on 2026-01-31: someone at the top of the chain has no manager"]
    );
}

#[test]
fn roles_come_from_configured_titles_and_the_defaults() {
    let config = config(&format!(
        "{ROSTER}types:\n  contract:\n    sections:\n      - title: Development goal\n      - title: Organisational commitment\n        aliases: [\"What I will do\"]\nrules:\n  no-follow-up: off\n  vague-goal: error\n"
    ));
    let role = |key| config.role(DocType::Contract, key);
    assert_eq!(role("what i will do"), Some(SectionRole::ManagerCommitment));
    assert_eq!(
        role("manager commitment"),
        Some(SectionRole::ManagerCommitment)
    );
    assert_eq!(
        role("engineer commitment"),
        Some(SectionRole::EngineerCommitment)
    );
    assert_eq!(role("development goal"), Some(SectionRole::Goal));
    assert_eq!(role("limitations"), None);
    assert_eq!(role("what i heard"), None);
    assert_eq!(
        config.role(DocType::WhereNow, "what i heard"),
        Some(SectionRole::Heard)
    );
    assert_eq!(
        config.role(DocType::WhereNow, "next steps"),
        Some(SectionRole::Agreed)
    );
    assert_eq!(config.role(DocType::Prep, "notes"), None);
    assert_eq!(config.required_sections(DocType::Contract).len(), 2);
    assert_eq!(config.rule_severity("no-follow-up"), Some(None));
    assert_eq!(
        config.rule_severity("vague-goal"),
        Some(Some(Severity::Error))
    );
}

#[test]
fn empty_and_shapeless_files_say_what_to_write() {
    assert!(problems("# nothing\n")[0].contains("empty"));
    assert!(problems("cadence:\n  annual_months: 6\n")[0].contains("missing `people`"));
    assert!(problems("people: alice\n")[0].starts_with("1:9: `people` must be a list"));
    assert!(problems(&format!("{ROSTER}exclude: [\"a/[\"]\n"))[0].contains("not a valid glob"));
    assert_eq!(
        problems("\u{feff}people:\n  - id: Sam\n    name: Sam\n"),
        ["2:9: person id `Sam` is not a valid id: use lowercase letters, digits and `-`, starting with a letter or digit (e.g. `alice-nguyen`)"]
    );
}

#[test]
fn private_sections_add_to_private_notes() {
    let config = config(&format!(
        "{ROSTER}private_sections: [\"Manager only\", \"Notes privées\"]\n"
    ));
    assert!(config.is_private("Private notes"));
    assert!(config.is_private("## 🔒 Manager only"));
    assert!(config.is_private("Notes privées"));
    assert!(!config.is_private("What we agreed"));
    // An empty list is the default alone.
    let config = self::config(&format!("{ROSTER}private_sections: []\n"));
    assert!(config.is_private("Private notes"));
    assert!(!config.is_private("Manager only"));
}

#[test]
fn a_phrase_that_can_match_nothing_is_a_problem_at_its_line() {
    let found = problems(&format!(
        "{ROSTER}private_sections:\n  - \"🔒\"\n  - Manager only\n  - \"\"\n  - \" -- \"\ncadence:\n  anual_months: 6\n"
    ));
    let phrase = |line: usize, shown: &str| {
        format!("{line}:5: the `private_sections` phrase {shown} has no letter or digit, so it would make nothing private: write the words of the heading, such as \"Manager only\" (\"Private notes\" is always private)")
    };
    assert_eq!(
        found,
        [
            phrase(8, "\"🔒\""),
            phrase(10, "\"\""),
            phrase(11, "\" -- \""),
            "13:3: unknown key `anual_months` in `cadence` (did you mean `annual_months`?); use one of: annual_months, review_months, summary_days, due_soon_days, checkin_days".to_owned(),
        ]
    );
}
