//! Bodies as managers write them: sections, commitments, placeholders, private notes.

use super::*;
use crate::config::Config;
use crate::domain::vocabulary::Owner;

const ROSTER: &str =
    "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n  - id: 10am\n    name: Ten\n";

fn body_of(doc_type: DocType, text: &str) -> Body {
    body_and_private_lines(doc_type, text).0
}

/// The body, and the lines of its private notes.
fn body_and_private_lines(
    doc_type: DocType,
    text: &str,
) -> (Body, Vec<std::ops::RangeInclusive<usize>>) {
    let config = Config::parse(ROSTER, &[]).unwrap();
    let redacted = crate::model::document::privacy::redact(text, config.private_phrases());
    let index = LineIndex::new(text);
    let context = Context {
        config: &config,
        doc_type: Some(doc_type),
        engineer: Some("al"),
        manager: Some("sam"),
    };
    let body = parse(&redacted, 0..text.len(), &index, &context);
    (body, redacted.private_lines(&index))
}

fn contract(text: &str) -> Body {
    body_of(DocType::Contract, text)
}

#[test]
fn sections_are_top_level_level_two_headings_with_what_a_reader_sees() {
    let body = contract(
        "## Development goal\nBuild it.\n\n## Evidence of success\n<!-- guidance\n- [ ] not an item\n-->\n\n## Review cadence\n    <!-- shown as code -->\n\n> ## Quoted: not a section\n\n## Limitations\nTODO\n\n- ...\n",
    );
    // Required sections are known by their index; their titles are not kept.
    let found: Vec<(Option<usize>, &str, Content)> = body
        .sections
        .iter()
        .map(|s| (s.required, &*s.key, s.content.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(0), "", Content::Filled),
            (Some(3), "", Content::Empty),
            (Some(4), "", Content::Filled),
            (Some(5), "", Content::Placeholder("TODO".into())),
        ]
    );
    // A section that is not required keeps its title: it may be a near miss.
    let near = contract(
        "## Development goal
Build it.

## Limitation
None.
",
    );
    assert_eq!(&*near.sections[1].key, "limitation");
    assert_eq!(body.sections[0].required, Some(0));
    assert_eq!(body.sections[0].role, Some(SectionRole::Goal));
    assert_eq!(body.goal.as_deref(), Some("Build it."));
    assert!(body.commitments.is_empty());
}

#[test]
fn a_goal_that_is_a_placeholder_is_no_goal() {
    let body = contract("## Development goal\nTBD\n");
    assert_eq!(body.goal, None);
    assert_eq!(body.sections[0].content, Content::Placeholder("TBD".into()));
}

#[test]
fn near_headings_are_bold_lines_and_other_levels() {
    let body = contract("# Contract\n\n**Evidence of success**\n\n### Limitations\n\nSome **bold** in a sentence.\n");
    let found: Vec<(&str, NearKind, usize)> = body
        .near_headings
        .iter()
        .map(|h| (&*h.key, h.kind, h.position.line))
        .collect();
    assert_eq!(
        found,
        [
            ("contract", NearKind::Level(1), 1),
            ("evidence of success", NearKind::Bold, 3),
            ("limitations", NearKind::Level(3), 5),
        ]
    );
}

#[test]
fn commitments_with_owners_dates_and_display_text() {
    let body = body_of(
        DocType::WhereNow,
        "## What we agreed\n- [ ] @manager introduce Al to the platform lead (due 2026-03-31)\n- [x] @al write the design, done 2026-04-02 (due: 2026-03-31)\n- [ ] @dana ask about the budget due 2026-09-31\n- [ ] no owner, room @10am\n- [ ] TODO\n  - [ ] @engineer nested (due 2026-05-01)\n- [ ] npm i @types/node, \\@ghost, mail sam@example.com\n",
    );
    type Row<'a> = (&'a str, bool, Option<String>, Option<String>, Owner);
    let found: Vec<Row> = body
        .commitments
        .iter()
        .map(|c| {
            (
                &*c.text,
                c.done,
                c.due.map(|d| d.to_string()),
                c.done_on.map(|d| d.to_string()),
                c.owner,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "introduce Al to the platform lead",
                false,
                Some("2026-03-31".into()),
                None,
                Owner::Manager
            ),
            (
                "write the design",
                true,
                Some("2026-03-31".into()),
                Some("2026-04-02".into()),
                Owner::Engineer
            ),
            (
                "@dana ask about the budget",
                false,
                None,
                None,
                Owner::Unassigned
            ),
            ("no owner, room @10am", false, None, None, Owner::Unassigned),
            (
                "nested",
                false,
                Some("2026-05-01".into()),
                None,
                Owner::Engineer
            ),
            (
                "npm i @types/node, @ghost, mail sam@example.com",
                false,
                None,
                None,
                Owner::Unassigned
            ),
        ]
    );
    // The item's text is where its findings point.
    assert_eq!(
        body.commitments[0].position,
        Position { line: 2, column: 7 }
    );
    assert_eq!(body.commitments[2].first_mention.as_deref(), Some("dana"));
    let unknown: Vec<(&str, usize, usize)> = body
        .commitments
        .iter()
        .flat_map(|c| &c.unknown_mentions)
        .map(|m| (&*m.id, m.position.line, m.position.column))
        .collect();
    assert_eq!(unknown, [("dana", 4, 7)]);
    // `@10am` is someone in this roster, and not the first mention's owner.
    assert_eq!(body.commitments[3].first_mention.as_deref(), Some("10am"));
    let bad: Vec<(usize, usize, &str, &str)> = body
        .bad_dates
        .iter()
        .map(|b| (b.position.line, b.position.column, b.word, &*b.text))
        .collect();
    assert_eq!(bad, [(4, 38, "due", "2026-09-31")]);
}

#[test]
fn items_under_a_contract_section_take_its_owner_and_near_misses_too() {
    let body = contract(
        "## Organisational commitment\n- [ ] introduce Al (due 2026-03-31)\n\n## Engineer's commitments\n- [ ] write the design (due 2026-04-30)\n\n**Organisational commitment**\n- [ ] book the review (due 2026-05-01)\n",
    );
    let owners: Vec<(Owner, bool)> = body
        .commitments
        .iter()
        .map(|c| (c.owner, c.owned_by_section))
        .collect();
    assert_eq!(
        owners,
        [
            (Owner::Manager, true),
            (Owner::Engineer, true),
            (Owner::Manager, true)
        ]
    );
}

#[test]
fn private_notes_hide_what_follows_until_a_top_level_heading() {
    let (body, private_lines) = body_and_private_lines(
        DocType::WhereNow,
        "## What we agreed\n- [ ] @manager public (due 2026-01-01)\n\n## Private notes, manager only\n> # Offer: Senior Engineer\n\n- [ ] @manager secret one TODO\n\n- ## In a list\n\n- [ ] secret two\n\n<div>\n\n## In HTML\n\n</div>\n\n- [ ] secret three [x](secret.md)\n\n## Next\n- [ ] @engineer public two TODO (due 2026-01-02)\n\n### Private-notes\n```\n## code\n- [ ] secret four\n",
    );
    let texts: Vec<&str> = body.commitments.iter().map(|c| &*c.text).collect();
    assert_eq!(texts, ["public", "public two TODO"]);
    assert_eq!(private_lines, [4..=20, 24..=27]);
    assert!(body.links.is_empty());
    let placeholders: Vec<(usize, &str)> = body
        .placeholders
        .iter()
        .map(|p| (p.position.line, p.word))
        .collect();
    assert_eq!(placeholders, [(22, "TODO")]);
    let lines: Vec<usize> = body.sections.iter().map(|s| s.position.line).collect();
    assert_eq!(lines, [1, 21], "`## What we agreed` and `## Next`");
}

#[test]
fn links_defined_in_private_notes_stay_private() {
    let body = body_of(
        DocType::WhereNow,
        "## Notes\nsee [notes][p] and [the contract](2026-01-01-contract.md)\n\n## Private notes:\n[p]: SECRET-burnout.md\n",
    );
    let targets: Vec<&str> = body.links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(targets, ["2026-01-01-contract.md"]);
}

#[test]
fn cairn_ignore_comments_name_rules_where_they_are_written() {
    let body = body_of(
        DocType::WhereNow,
        "## Notes\nText <!-- cairn-ignore: no-follow-up, vague-gaol --> here.\n\n<!-- cairn-ignore: placeholder-text -->\n",
    );
    let found: Vec<(&str, usize, usize)> = body
        .ignores
        .iter()
        .map(|i| (&*i.name, i.position.line, i.position.column))
        .collect();
    assert_eq!(
        found,
        [
            ("no-follow-up", 2, 25),
            ("vague-gaol", 2, 39),
            ("placeholder-text", 4, 20)
        ]
    );
}

#[test]
fn notes_sections_have_their_roles_in_conversations_only() {
    let body = body_of(
        DocType::AsNeeded,
        "## What I heard\nTired.\n\n## Next steps\n- [ ] @engineer rest (due 2026-01-01)\n",
    );
    let roles: Vec<Option<SectionRole>> = body.sections.iter().map(|s| s.role).collect();
    assert_eq!(roles, [Some(SectionRole::Heard), Some(SectionRole::Agreed)]);
    let roles: Vec<Option<SectionRole>> = contract("## What I heard\nx\n")
        .sections
        .iter()
        .map(|s| s.role)
        .collect();
    assert_eq!(roles, [None]);
}

#[test]
fn an_html_heading_with_a_private_title_starts_private_notes() {
    let (body, private_lines) = body_and_private_lines(
        DocType::AsNeeded,
        "## What we agreed\n- [ ] @manager public (due 2026-06-01)\n\n<h2 class=\"x\">Private&nbsp;notes</h2>\n\n- [ ] @manager hidden (due 2026-06-02)\n\n<h2>Next steps</h2>\n\n- [ ] @manager still hidden (due 2026-06-03)\n\n## Later\n- [ ] @manager public again (due 2026-06-04)\n",
    );
    let texts: Vec<&str> = body.commitments.iter().map(|c| &*c.text).collect();
    assert_eq!(texts, ["public", "public again"]);
    // From the HTML heading's line to the line before `## Later`.
    assert_eq!(private_lines, [4..=11]);
}
