//! Front matter as people write it: every field read, every problem at its place.

use super::*;
use crate::model::document::split::{split, Split};

fn parse_text(text: &str) -> (Option<FrontMatter>, Vec<String>) {
    let Split::Found { yaml, .. } = split(text) else {
        panic!("no front matter in {text:?}")
    };
    let config = Config::parse("people:\n  - id: a\n    name: A\n", &[]).unwrap();
    let mut problems = Vec::new();
    let front = parse(text, yaml, &LineIndex::new(text), &config, &mut problems);
    let found = problems.iter().map(describe_problem).collect();
    (front, found)
}

/// `line:column what` for a problem, enough to see each is where it belongs.
fn describe_problem(problem: &Problem) -> String {
    let at = |p: &Position| format!("{}:{}", p.line, p.column);
    match problem {
        Problem::InvalidField {
            field,
            position,
            problem,
        } => {
            format!("{} invalid {field}: {problem:?}", at(position))
        }
        Problem::UnknownField { key, position } => format!("{} unknown {key}", at(position)),
        Problem::FieldNotUsed {
            field, position, ..
        } => format!("{} unused {field}", at(position)),
        Problem::MissingField { field, .. } => format!("missing {field}"),
        Problem::InvalidYaml { position, .. } => format!("{} yaml", at(position)),
        Problem::UnclosedFrontMatter { heading: Some(p) } => format!("{} unclosed", at(p)),
        Problem::NotMapping { found } => format!("not a mapping: {found}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn reads_a_contract() {
    let (front, found) = parse_text("---\ntype: contract\nengineer: alice\nmanager: sam\ndate: 2026-03-01\nstatus: active\nstart: 2026-03-01\nend: 2027-02-28\ncheckpoints: [2026-06-01, 2026-09-01]\ntags: [q1, 2026]\n---\n");
    assert_eq!(found, Vec::<String>::new());
    let front = front.unwrap();
    assert_eq!(front.status, Some(ContractStatus::Active));
    assert_eq!(front.checkpoints.len(), 2);
    assert_eq!(front.tags, ["q1", "2026"]);
    assert_eq!(front.position(Field::End), Position { line: 8, column: 6 });
    assert_eq!(front.key_position(Field::End), Position::line(8));
    assert_eq!(
        front.checkpoint_position(1),
        Position {
            line: 9,
            column: 27
        }
    );
}

#[test]
fn reports_each_bad_value_at_its_column_and_each_bad_key_at_its_line() {
    let (_, found) = parse_text("---\ntype: where-now\nengineer: 42\ndate: 2026-02-30\nfolow_up: 2026-03-01\nstatus: active\n---\n");
    assert_eq!(
        found,
        [
            "3:11 invalid engineer: NotAnId { found: \"the number `42`\" }",
            "4:7 invalid date: NotACalendarDate { text: \"2026-02-30\" }",
            "5:1 unknown folow_up",
            "6:1 unused status",
            "missing manager",
        ]
    );
}

#[test]
fn positions_come_from_the_parser_not_the_text() {
    // A quoted value spanning lines holds `date:`; the field is the real key below.
    let (front, found) =
        parse_text("---\ntype: prep\ntags: [\"a\n\ndate: x\"]\ndate: 2026-02-30\n---\n");
    assert!(front.is_some());
    assert!(found[0].starts_with("6:7 invalid date"), "{found:?}");
    // A repeated key is reported where it repeats.
    let (_, found) = parse_text("---\ntype: prep\nengineer: a\ntags: [x]\nengineer: b\n---\n");
    assert_eq!(found, ["5:1 yaml"]);
}

#[test]
fn yaml_errors_point_into_the_file_whatever_the_line_breaks() {
    // An unclosed list is found at the end, and told where it opened.
    let (front, found) = parse_text("---\ntype: prep\nengineer: [alice\n---\n");
    assert!(front.is_none());
    assert_eq!(found, ["3:11 yaml"]);
    // U+2028 and NEL are line breaks for YAML, not for Markdown or editors.
    let (_, found) = parse_text("---\ntype: prep\u{2028}\u{85}\nengineer: [alice\n---\n");
    assert_eq!(found, ["3:11 yaml"]);
    let (_, found) = parse_text("---\ntype: prep\r\r\nengineer: [alice\n---\n");
    assert_eq!(found, ["4:11 yaml"]);
    let (_, found) = parse_text("---\ntype: prep\nengineer: \"alice\n---\n");
    assert_eq!(found, ["3:11 yaml"]);
    let (_, found) = parse_text("---\ntype: prep\nnote: a\u{0}b\n---\n");
    assert_eq!(found, ["3:8 yaml"]);
    let (_, found) = parse_text("---\n- a\n---\n");
    assert_eq!(found, ["not a mapping: a list"]);
}

#[test]
fn a_markdown_heading_means_the_closing_fence_is_missing() {
    let (front, found) =
        parse_text("---\ntype: prep\n# a comment\n## Private notes\nWorried: x\n---\n");
    assert!(front.is_none());
    assert_eq!(found, ["4:1 unclosed"]);
    // A level-1 heading is a YAML comment, unless its title is private.
    let (front, found) = parse_text(
        "---\ntype: prep\n# Private notes, manager only\nworried: she has an offer\n---\n",
    );
    assert!(front.is_none());
    assert_eq!(found, ["3:1 unclosed"]);
}

#[test]
fn many_keys_take_linear_work() {
    // 60,000 distinct unknown keys took seconds when each key's line was searched for.
    let keys: String = (0..60_000).map(|i| format!("k{i}: v\n")).collect();
    let (_, found) = parse_text(&format!("---\ntype: prep\n{keys}---\n"));
    assert_eq!(
        found.iter().filter(|f| f.contains(" unknown k")).count(),
        60_000
    );
    assert!(found.iter().any(|f| f == "60002:1 unknown k59999"));
}

#[test]
fn a_date_with_one_reading_is_kept_and_reported_two_readings_are_not() {
    let (front, found) = parse_text("---\ntype: contract\nengineer: alice\nmanager: sam\ndate: 2026-3-13\nstatus: active\nstart: 13 March 2026\nend: 04/05/2027\ncheckpoints: [2026-06-01, 15/09/2026]\n---\n");
    let front = front.unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(front.date, day(2026, 3, 13));
    assert_eq!(front.start, day(2026, 3, 13));
    assert_eq!(front.end, None);
    assert_eq!(
        front.checkpoints,
        [day(2026, 6, 1).unwrap(), day(2026, 9, 15).unwrap()]
    );
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[0].starts_with("5:7 invalid date: OtherFormat"),
        "{found:?}"
    );
    assert!(
        found[2].starts_with("8:6 invalid end: TwoReadings"),
        "{found:?}"
    );
    assert!(
        found[3].starts_with("9:27 invalid checkpoints: OtherFormat"),
        "{found:?}"
    );
}
