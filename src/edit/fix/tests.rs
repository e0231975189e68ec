use std::path::PathBuf;

use super::*;
use crate::analysis::rules;
use crate::config::Config;

const ROSTER: &str = "people:\n  - id: sam-okafor\n    name: Sam Okafor\n  - id: alice-nguyen\n    name: Alice Nguyen\n    manager: sam-okafor\n";

const CONTRACT: &str = "---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-20\nstatus: draft\nstart: 2026-04-01\nend: 2027-03-31\n---\n\n## Development goal\n\nLead the platform team's cross-team design reviews from proposal to decision.\n\n## Organisational commitment\n\n- [ ] @manager give Alice the lead on the refactor (due 2026-04-15)\n\n## Engineer commitment\n\n- [ ] @engineer write the design document (due 2026-06-30)\n\n## Evidence of success\n\nThe design review ended in a decision.\n\n## Review cadence\n\nQuarterly.\n\n## Limitations\n\nNo promotion promised.\n";

const WHERE_NOW: &str = "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-03\n# agreed in the room\nfollow_up: 2026-04-03\n---\n\n## What I heard\n\nEnergised by the migration.\n";

/// The document at `path` read from `text`, as the engine reads it.
fn parse(path: &str, text: &str, config: &Config) -> Document {
    let redacted = crate::model::document::privacy::redact(text, config.private_phrases());
    Document::parse_text(path.to_owned(), &redacted, config)
}

/// A repository holding one document at `path`.
fn repository(path: &str, text: &str) -> Repository {
    let config = Config::parse(ROSTER, &rules::names()).unwrap();
    let document = parse(path, text, &config);
    Repository::new(
        PathBuf::from("/nonexistent"),
        config,
        vec![document],
        Vec::new(),
    )
}

/// The text after fixing, and the rules fixed.
fn fixed(text: &str, unsafe_fixes: bool) -> (String, Vec<&'static str>) {
    let path = "people/alice-nguyen/doc.md";
    let repo = repository(path, text);
    let mut templates = Templates::new(&repo.root);
    let fixed = fix_text(
        path,
        &Source::new(text.to_owned()),
        &repo,
        &mut templates,
        unsafe_fixes,
    );
    let rules = fixed.applied.iter().map(|(rule, _)| rule.name).collect();
    (fixed.source.into_file_text(), rules)
}

/// The rules whose findings remain in `text`.
fn remaining(text: &str) -> Vec<&'static str> {
    let path = "people/alice-nguyen/doc.md";
    let repo = repository(path, text);
    let document = parse(path, text, &repo.config);
    rules::document_findings(&document, &repo)
        .iter()
        .map(|d| d.rule.name)
        .collect()
}

/// Fixing again changes nothing more.
fn assert_converged(text: &str, unsafe_fixes: bool) {
    assert_eq!(
        fixed(text, unsafe_fixes).0,
        text,
        "a second fix changed the text"
    );
}

#[test]
fn a_missing_section_is_inserted_where_it_belongs_with_the_templates_guidance() {
    let text = CONTRACT.replace(
        "## Evidence of success\n\nThe design review ended in a decision.\n\n",
        "",
    );
    let (after, rules) = fixed(&text, false);
    assert_eq!(rules, ["missing-section"]);
    let inserted = after
        .split_once("## Evidence of success\n\n<!--\n")
        .expect("heading and guidance")
        .1;
    assert!(
        inserted.split_once("-->\n\n## Review cadence").is_some(),
        "before the next section, with a blank line: {after}"
    );
    // Only the insertion: the text before and after it is byte for byte what it was.
    let (head, _) = text.split_once("## Review cadence").unwrap();
    assert!(after.starts_with(head));
    assert!(after.ends_with(text.split_once(head).unwrap().1));
    assert_eq!(remaining(&after), ["empty-section"], "by design");
    assert_converged(&after, false);
}

#[test]
fn a_section_missing_at_the_end_goes_before_private_notes_that_end_the_file() {
    let text = CONTRACT.replace(
        "## Limitations\n\nNo promotion promised.\n",
        "## Private notes\n\nShe asked about the Berlin office.\n",
    );
    let (after, _) = fixed(&text, false);
    let limitations = after.find("## Limitations").expect("inserted");
    let private = after.find("## Private notes").unwrap();
    assert!(limitations < private, "{after}");
    assert!(after.ends_with("## Private notes\n\nShe asked about the Berlin office.\n"));
    assert_converged(&after, false);
}

#[test]
fn a_near_miss_becomes_the_heading_it_meant() {
    for near in [
        "**Evidence of success**",
        "### Evidence of success",
        "## Evidence of sucess",
    ] {
        let text = CONTRACT.replace("## Evidence of success", near);
        let (after, rules) = fixed(&text, false);
        assert_eq!(after, CONTRACT, "{near}");
        assert_eq!(rules, ["missing-section"]);
    }
}

#[test]
fn a_missing_manager_is_a_line_before_the_closing_fence_and_comments_stay() {
    let text = WHERE_NOW
        .replace("manager: sam-okafor\n", "")
        .replace("\n", "\r\n");
    let (after, rules) = fixed(&text, false);
    assert_eq!(rules, ["missing-field"]);
    assert!(
        after.contains(
            "# agreed in the room\r\nfollow_up: 2026-04-03\r\nmanager: sam-okafor\r\n---\r\n"
        ),
        "{after:?}"
    );
    assert!(remaining(&after).is_empty());
}

#[test]
fn a_value_with_one_reading_is_rewritten_in_place() {
    let text = WHERE_NOW
        .replace("date: 2026-03-03", "date: \"2026-3-3\"  # the day")
        .replace("type: where-now", "type: Where_Now");
    let (after, rules) = fixed(&text, false);
    assert_eq!(rules, ["invalid-field", "invalid-field"]);
    assert!(
        after.contains("date: \"2026-03-03\"  # the day\n"),
        "{after}"
    );
    assert!(after.contains("type: where-now\n"), "{after}");
    // Two readings (day first or month first): left alone.
    let text = WHERE_NOW.replace("date: 2026-03-03", "date: 03/04/2026");
    assert_eq!(fixed(&text, true).0, text);
}

#[test]
fn guesses_only_with_unsafe_fixes() {
    let text = WHERE_NOW
        .replace("manager: sam-okafor", "manager: sam-okafr")
        .replace("follow_up: 2026-04-03", "folow_up: 2026-04-03");
    let (after, rules) = fixed(&text, false);
    assert_eq!((after.as_str(), rules), (text.as_str(), vec![]));
    let (after, rules) = fixed(&text, true);
    assert_eq!(rules, ["unknown-person", "unknown-field"]);
    assert_eq!(after, WHERE_NOW);
}

#[test]
fn no_follow_up_gets_the_date_new_would_propose() {
    let text = WHERE_NOW.replace("follow_up: 2026-04-03\n", "");
    assert_eq!(
        fixed(&text, false).0,
        text,
        "it invents an agreement: unsafe"
    );
    let (after, rules) = fixed(&text, true);
    assert_eq!(rules, ["no-follow-up"]);
    assert!(
        after.contains("# agreed in the room\nfollow_up: 2026-04-03\n---\n"),
        "{after}"
    );
}

#[test]
fn a_private_section_is_never_edited() {
    // An unknown person in a private section is not even a finding; a Replace aimed
    // at a private line is refused by the engine.
    let text = format!("{WHERE_NOW}\n## Private notes\n\n- [ ] @sam-okafr ask\n");
    let path = "people/alice-nguyen/doc.md";
    let repo = repository(path, &text);
    let document = parse(path, &text, &repo.config);
    let line = text.lines().position(|l| l.contains("@sam-okafr")).unwrap() + 1;
    let aimed = Diagnostic::new(
        rules::by_name("unknown-person").unwrap(),
        path,
        Position { line, column: 1 },
        "test",
    )
    .with_fix(crate::domain::diagnostic::Fix::guess(Change::Replace {
        from: "sam-okafr".to_owned(),
        to: "sam-okafor".to_owned(),
    }));
    let mut templates = Templates::new(&repo.root);
    assert!(plan(&text, &document, &[aimed], &repo, &mut templates).is_empty());
}

#[test]
fn a_stale_fix_is_left_out() {
    let text = WHERE_NOW.replace("manager: sam-okafor", "manager: sam-okafr");
    let path = "people/alice-nguyen/doc.md";
    let repo = repository(path, &text);
    let document = parse(path, &text, &repo.config);
    let findings = rules::document_findings(&document, &repo);
    let mut templates = Templates::new(&repo.root);
    // The same findings against a text where the value was already changed.
    let changed = text.replace("sam-okafr", "dana");
    assert!(plan(&changed, &document, &findings, &repo, &mut templates).is_empty());
}

#[test]
fn overlapping_edits_apply_the_first_only() {
    let edit = |range: Range<usize>, text: &str| Planned {
        rule: rules::by_name("unknown-person").unwrap(),
        safety: Safety::Safe,
        title: String::new(),
        position: Position::START,
        change: Change::AddFollowUp,
        edit: Edit {
            range,
            text: text.to_owned(),
        },
    };
    let repo = repository("a.md", "abcdef");
    let (source, applied, refused) = apply(
        &Source::new("abcdef".to_owned()),
        &[edit(1..3, "X"), edit(2..4, "Y"), edit(4..4, "+")],
        &repo,
    );
    assert_eq!(
        (source.into_file_text().as_str(), applied, refused),
        ("aXd+ef", vec![0, 2], vec![])
    );
}

#[test]
fn front_matter_written_as_one_flow_mapping_is_never_broken() {
    let text = "---\n{type: where-now, engineer: alice-nguyen, date: 2026-06-03, follow_up: 2026-07-03}\n---\n\n## What I heard\n\nEnergised.\n";
    // Missing `manager` has a safe fix, but not as a line after a `{…}` mapping: the
    // front matter would no longer read. Refused by `--fix` and never offered as a quick
    // fix.
    assert_eq!(fixed(text, true).0, text);
    let path = "people/alice-nguyen/doc.md";
    let repo = repository(path, text);
    let document = parse(path, text, &repo.config);
    let findings = rules::document_findings(&document, &repo);
    assert!(findings.iter().any(|d| d.rule.name == "missing-field"));
    let mut templates = Templates::new(&repo.root);
    let offered = each_resolving(
        &Source::new(text.to_owned()),
        &document,
        &findings,
        &repo,
        &mut templates,
    );
    assert!(offered.is_empty(), "{offered:?}");
}

#[test]
fn the_inserted_guidance_speaks_of_this_contract_and_survives_a_missing_manager() {
    // No checkpoints in this contract: the guidance does not invent any.
    let text = CONTRACT.replace("## Review cadence\n\nQuarterly.\n\n", "");
    let (after, _) = fixed(&text, false);
    assert!(after.contains("## Review cadence\n\n<!--\n"), "{after}");
    assert!(
        !after.contains("The checkpoints in the front matter"),
        "{after}"
    );
    // With `manager` missing too, the section still gets the template's guidance.
    let text = text.replace("manager: sam-okafor\n", "");
    let (after, rules) = fixed(&text, false);
    assert_eq!(rules, ["missing-field", "missing-section"]);
    assert!(after.contains("When will progress be assessed?"), "{after}");
}
