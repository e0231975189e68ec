//! Changes to `cairn.yaml`'s roster as line edits (`cairn handover`): a person's
//! `manager` replaced where it is written, a `previous_managers` entry added, people
//! appended to `people:`. Like the fix engine's front-matter edits, nothing is
//! re-serialised, so comments, order and quoting survive; the result is read back and
//! must say what was meant, or the edit is refused.

use chrono::NaiveDate;

use crate::config::Config;

/// Why the roster could not be edited.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The person's entry is not written as the block cairn can edit line by line.
    #[error("`{0}` is not written as a block (`- id: …` with one key per line) in cairn.yaml, so cairn cannot edit it line by line; change it by hand")]
    NotABlock(String),
    /// The edited file did not read back as intended.
    #[error("the edited cairn.yaml would not say what was meant ({0}); change it by hand")]
    ReadBack(String),
}

/// One line of the text: where it starts and ends (without its line ending), and its text.
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn lines_of(text: &str) -> Vec<Line<'_>> {
    crate::text::lines::lines(text, 0)
        .map(|range| Line {
            start: range.start,
            end: range.end,
            text: &text[range],
        })
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// The line ending the text uses.
fn ending(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The lines of the person `id`'s entry: the index of its `- id:` line, the indent of its
/// keys, and the index after its last line.
fn entry(lines: &[Line], id: &str) -> Option<(usize, usize, usize)> {
    let first = lines.iter().position(|line| {
        let body = line.text.trim_start();
        body.strip_prefix("- ")
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix("id:"))
            .map(|value| value.split(" #").next().unwrap_or("").trim())
            .is_some_and(|value| value.trim_matches(['"', '\'']) == id)
    })?;
    let dash = indent(lines[first].text);
    let key_indent = lines[first].text.find("id:")?;
    let mut end = first + 1;
    let mut last = first + 1;
    while end < lines.len() {
        let text = lines[end].text;
        if !is_blank_or_comment(text) {
            if indent(text) <= dash {
                break;
            }
            last = end + 1;
        }
        end += 1;
    }
    Some((first, key_indent, last))
}

/// The index of the line of `key` among the entry's lines at the key indent.
fn key_line(lines: &[Line], from: usize, to: usize, key_indent: usize, key: &str) -> Option<usize> {
    (from..to).find(|&n| {
        let text = lines[n].text;
        let at = if n == from {
            // The `- id:` line's own key is after the dash.
            text.find("id:")
        } else {
            Some(indent(text))
        };
        at == Some(key_indent) && text[key_indent..].starts_with(&format!("{key}:"))
    })
}

/// `cairn.yaml` with `engineer`'s `manager` changed to `new` and `{id: old, until}` added
/// to their `previous_managers`, as line edits. The result is read back: it must give
/// `new` as the manager from `until` + 1 and `old` on `until`.
pub fn hand_over(
    text: &str,
    engineer: &str,
    old: &str,
    new: &str,
    until: NaiveDate,
    rules: &[&str],
) -> Result<String, Refusal> {
    let lines = lines_of(text);
    let eol = ending(text);
    let not_a_block = || Refusal::NotABlock(engineer.to_owned());
    let (first, key_indent, last) = entry(&lines, engineer).ok_or_else(not_a_block)?;
    let manager = key_line(&lines, first, last, key_indent, "manager").ok_or_else(not_a_block)?;
    let pad = " ".repeat(key_indent);

    // `manager: old   # comment` → `manager: new   # comment`.
    let (value_start, value_end) = value_span(text, &lines[manager], key_indent, "manager");
    let mut edits = vec![(value_start, value_end, new.to_owned())];
    let (insert_at, stint) = match key_line(&lines, first, last, key_indent, "previous_managers") {
        Some(at) => {
            let (insert_at, dash) =
                items_end(text, &lines, at, key_indent, last).ok_or_else(not_a_block)?;
            (
                insert_at,
                format!("{eol}{dash}- id: {old}{eol}{dash}  until: {until}"),
            )
        }
        None => (
            lines[manager].end,
            format!(
                "{eol}{pad}previous_managers:{eol}{pad}  - id: {old}{eol}{pad}    until: {until}"
            ),
        ),
    };
    edits.push((insert_at, insert_at, stint));
    let edited = apply(text, edits);
    read_back(&edited, rules, engineer, old, new, until)?;
    Ok(edited)
}

/// The byte range of the value of `key` on its `line` (the key at `key_indent`), without
/// the spaces around it or a trailing comment.
fn value_span(text: &str, line: &Line, key_indent: usize, key: &str) -> (usize, usize) {
    let value_at = line.start + key_indent + key.len() + 1;
    let rest = &text[value_at..line.end];
    let value_end = rest.find(" #").unwrap_or(rest.len());
    let value = rest[..value_end].trim();
    let value_start = value_at + rest.find(value).unwrap_or(0);
    (value_start, value_start + value.len())
}

/// Where a new item goes in the `previous_managers` list whose key is on line `at` (the
/// key at `key_indent`, the entry ending before line `last`): after its last item, with
/// the indent of its dashes. `None` when a value follows the key on its line (a flow
/// list such as `[]`), which line edits cannot extend.
fn items_end(
    text: &str,
    lines: &[Line],
    at: usize,
    key_indent: usize,
    last: usize,
) -> Option<(usize, String)> {
    let after_key = lines[at].text[key_indent + "previous_managers:".len()..]
        .split(" #")
        .next()
        .unwrap_or("")
        .trim();
    if !after_key.is_empty() {
        return None;
    }
    // Its items: the lines below it that are indented more, or are `- ` at its own
    // indent (YAML allows both).
    let mut end = at + 1;
    let mut last_item = at;
    let mut dash = None;
    while end < last {
        let text = lines[end].text;
        if !is_blank_or_comment(text) {
            let deeper = indent(text) > key_indent;
            let dashed = indent(text) == key_indent && text.trim_start().starts_with("- ");
            if !deeper && !dashed {
                break;
            }
            if text.trim_start().starts_with("- ") && dash.is_none() {
                dash = Some(indent(text));
            }
            last_item = end;
        }
        end += 1;
    }
    let dash = " ".repeat(dash.unwrap_or(key_indent + 2));
    let insert_at = lines.get(last_item).map_or(text.len(), |l| l.end);
    Some((insert_at, dash))
}

/// Reads the `edited` roster back: it must parse, and give `engineer` the manager `old`
/// on `until` and `new` the day after.
fn read_back(
    edited: &str,
    rules: &[&str],
    engineer: &str,
    old: &str,
    new: &str,
    until: NaiveDate,
) -> Result<(), Refusal> {
    let config = Config::parse(edited, rules)
        .map_err(|problems| Refusal::ReadBack(first_problem(&problems)))?;
    let person = config
        .person(engineer)
        .ok_or_else(|| Refusal::ReadBack(format!("`{engineer}` is gone")))?;
    let next = crate::domain::date::add_days(until, 1);
    if person.manager_on(until) != Some(old) || person.manager_on(next) != Some(new) {
        return Err(Refusal::ReadBack(format!(
            "`{engineer}` would not be managed by `{old}` on {until} and `{new}` on {next}"
        )));
    }
    Ok(())
}

/// A person to add to a roster, as lines of YAML keys after `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    /// The id.
    pub id: String,
    /// The other keys, in order, as `key: value` (a value may span lines: a list).
    pub keys: Vec<String>,
}

/// `cairn.yaml` with `people` appended at the end of its `people:` list, in the indent of
/// its first entry; read back, every one must be there.
pub fn add_people(text: &str, people: &[NewPerson], rules: &[&str]) -> Result<String, Refusal> {
    if people.is_empty() {
        return Ok(text.to_owned());
    }
    let lines = lines_of(text);
    let eol = ending(text);
    let refused = || Refusal::NotABlock("people".to_owned());
    let top = lines
        .iter()
        .position(|l| l.text.trim_end().starts_with("people:") && indent(l.text) == 0)
        .ok_or_else(refused)?;
    let mut last = top;
    let mut dash = None;
    for (n, line) in lines.iter().enumerate().skip(top + 1) {
        if is_blank_or_comment(line.text) {
            continue;
        }
        let is_item = line.text.trim_start().starts_with("- ");
        if indent(line.text) == 0 && !is_item {
            break;
        }
        if is_item && dash.is_none() {
            dash = Some(indent(line.text));
        }
        last = n;
    }
    if lines[top].text.trim_end() != "people:" {
        return Err(refused());
    }
    let dash = dash.unwrap_or(2);
    let pad = " ".repeat(dash + 2);
    let mut block = String::new();
    for person in people {
        block.push_str(&format!("{eol}{}- id: {}", " ".repeat(dash), person.id));
        for key in &person.keys {
            for (n, part) in key.lines().enumerate() {
                let extra = if n == 0 { "" } else { "  " };
                block.push_str(&format!("{eol}{pad}{extra}{part}"));
            }
        }
    }
    let at = lines[last].end;
    let edited = apply(text, vec![(at, at, block)]);
    let config = Config::parse(&edited, rules)
        .map_err(|problems| Refusal::ReadBack(first_problem(&problems)))?;
    match people.iter().find(|p| config.person(&p.id).is_none()) {
        Some(missing) => Err(Refusal::ReadBack(format!("`{}` is not in it", missing.id))),
        None => Ok(edited),
    }
}

fn first_problem(problems: &[crate::domain::error::ConfigProblem]) -> String {
    problems
        .first()
        .map_or_else(String::new, |problem| problem.message.clone())
}

/// `text` with the edits (byte ranges and replacements, not overlapping) applied.
fn apply(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut out = text.to_owned();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    const ROSTER: &str = "# the team\npeople:\n  - id: sam\n    name: Sam\n  - id: dana\n    name: Dana\n  - id: al\n    name: Al\n    manager: sam   # since March\n    role: Engineer\n# the end\n";

    #[test]
    fn changes_the_manager_and_adds_a_stint_keeping_comments() {
        let edited = hand_over(ROSTER, "al", "sam", "dana", day("2026-06-30"), &[]).unwrap();
        assert!(edited.contains("    manager: dana   # since March\n    previous_managers:\n      - id: sam\n        until: 2026-06-30\n    role: Engineer\n"), "{edited}");
        assert!(edited.starts_with("# the team\n") && edited.ends_with("# the end\n"));
    }

    #[test]
    fn appends_to_previous_managers() {
        let roster = ROSTER.replace(
            "    role: Engineer\n",
            "    previous_managers:\n    - id: dana\n      until: 2025-12-31\n    role: Engineer\n",
        );
        let edited = hand_over(&roster, "al", "sam", "dana", day("2026-06-30"), &[]).unwrap();
        assert!(edited.contains("    - id: dana\n      until: 2025-12-31\n    - id: sam\n      until: 2026-06-30\n    role"), "{edited}");
    }

    #[test]
    fn adds_people_at_the_end_of_the_list() {
        let people = [NewPerson {
            id: "lee".into(),
            keys: vec!["name: Lee".into()],
        }];
        let edited = add_people(ROSTER, &people, &[]).unwrap();
        assert!(
            edited.contains("    role: Engineer\n  - id: lee\n    name: Lee\n# the end\n"),
            "{edited}"
        );
    }
}
