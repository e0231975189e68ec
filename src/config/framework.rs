//! The capability framework (docs/frameworks.md): the levels of a career ladder, in order,
//! and what each capability looks like at each of them. The guide's "capability
//! frameworks provide the language for honest assessment": a contract names the
//! capabilities its goal develops, and cairn quotes the framework's words for the
//! engineer's next level where a manager writes.
//!
//! The file is read like `cairn.yaml`: every problem in one run, each at its line, in a
//! manager's words, with a "did you mean" for a misspelt key, level or id.

use std::collections::{BTreeMap, HashSet};

use yaml_serde::Value;

use super::read::{strings, unknown, Problems};
use crate::domain::diagnostic::Position;
use crate::domain::error::ConfigProblem;
use crate::text::suggest;

/// The top-level keys of a framework file.
const KEYS: &[&str] = &["levels", "capabilities"];

/// The keys of a capability.
const CAPABILITY_KEYS: &[&str] = &["id", "name", "area", "levels"];

/// A capability framework: the levels in order and the capabilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    /// The levels, from the first to the top one.
    pub levels: Vec<String>,
    /// The capabilities, in the file's order.
    pub capabilities: Vec<Capability>,
}

/// One capability of the framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capability {
    /// The slug contracts name it by.
    pub id: String,
    /// Its name, for people.
    pub name: String,
    /// The area it belongs to, if the framework groups them.
    pub area: Option<String>,
    /// What it looks like at each level the framework describes, in the levels' order.
    pub levels: Vec<(String, String)>,
    /// Where its `id` is written in the framework file.
    pub position: Position,
}

impl Framework {
    /// The capability with this id.
    pub fn capability(&self, id: &str) -> Option<&Capability> {
        self.capabilities.iter().find(|c| c.id == id)
    }

    /// The level after `level`: without one, the first level (docs/frameworks.md); `None`
    /// at the top, or for a level the framework does not have.
    pub fn next_level(&self, level: Option<&str>) -> Option<&str> {
        let next = match level {
            None => 0,
            Some(level) => self.levels.iter().position(|l| l == level)? + 1,
        };
        self.levels.get(next).map(String::as_str)
    }

    /// Whether `level` is the framework's top level.
    pub fn is_top(&self, level: &str) -> bool {
        self.levels.last().is_some_and(|top| top == level)
    }

    /// Reads and validates the text of a framework file; every problem, in file order.
    pub fn parse(full: &str) -> Result<Framework, Vec<ConfigProblem>> {
        let mut problems = Problems::new(full);
        let text = problems.yaml();
        if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            problems.at_offset(0, "the framework file is empty: it needs `levels:` and `capabilities:` (see docs/frameworks.md)");
            return Err(problems.into_problems());
        }
        let value: Value = match crate::text::yaml::parse(text) {
            Ok(value) => value,
            Err(error) => {
                match crate::text::yaml::plain_words(&error, text) {
                    Some(plain) => problems.at_offset(
                        plain.offset,
                        format!("{}\nthe YAML parser says: {}", plain.words, error.message),
                    ),
                    None => problems.at_offset(
                        error.offset.unwrap_or(0),
                        format!("the framework file is not valid YAML: {}", error.message),
                    ),
                }
                return Err(problems.into_problems());
            }
        };
        problems.read_marks();
        let Value::Mapping(top) = value else {
            problems.at("", "a framework is `levels:` (a list, in order) and `capabilities:` (see docs/frameworks.md)");
            return Err(problems.into_problems());
        };
        for key in top.keys() {
            match key.as_str() {
                Some(key) if KEYS.contains(&key) => {}
                Some(key) => problems.at_key(key, unknown("key", key, KEYS, "")),
                None => problems.at("", "every key of the framework must be a word"),
            }
        }
        let levels = levels(top.get("levels"), &mut problems);
        let capabilities = capabilities(top.get("capabilities"), &levels, &mut problems);
        if problems.is_empty() {
            Ok(Framework {
                levels,
                capabilities,
            })
        } else {
            Err(problems.into_problems())
        }
    }
}

/// The levels: a list of unique slugs, in order.
fn levels(value: Option<&Value>, problems: &mut Problems) -> Vec<String> {
    let shape = "`levels` must be a list of level ids, from the first to the top, such as [engineer, senior-engineer, staff-engineer]";
    let Some(value) = value else {
        problems.at("", format!("missing `levels`: {shape}"));
        return Vec::new();
    };
    let Some(levels) = strings(value).filter(|l| !l.is_empty()) else {
        problems.at("levels", shape);
        return Vec::new();
    };
    let mut seen = HashSet::new();
    for (n, level) in levels.iter().enumerate() {
        if !super::is_slug(level) {
            problems.at(&format!("levels[{n}]"), format!("level `{level}` is not a valid id: use lowercase letters, digits and `-` (e.g. `senior-engineer`)"));
        } else if !seen.insert(level.as_str()) {
            problems.at(
                &format!("levels[{n}]"),
                format!("level `{level}` appears twice in `levels`"),
            );
        }
    }
    levels
}

/// The capabilities, each checked on its own.
fn capabilities(
    value: Option<&Value>,
    levels: &[String],
    problems: &mut Problems,
) -> Vec<Capability> {
    let Some(items) = capability_list(value, problems) else {
        return Vec::new();
    };
    let mut found: Vec<Capability> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        if let Some(capability) = capability(n, item, &found, levels, problems) {
            found.push(capability);
        }
    }
    found
}

/// The entries of `capabilities`, or none (with the problem) when it is missing, empty
/// or not a list.
fn capability_list<'a>(value: Option<&'a Value>, problems: &mut Problems) -> Option<&'a [Value]> {
    let shape = "`capabilities` must be a list, one `- id: …` entry per capability with `name:` and `levels:`";
    match value {
        None => {
            problems.at("", format!("missing `capabilities`: {shape}"));
            None
        }
        Some(Value::Sequence(items)) if !items.is_empty() => Some(items),
        Some(Value::Sequence(_)) => {
            problems.at(
                "capabilities",
                format!("`capabilities` is empty: a framework needs at least one; {shape}"),
            );
            None
        }
        Some(_) => {
            problems.at("capabilities", shape);
            None
        }
    }
}

/// The `n`th capability entry, checked: its keys, a valid id not among those `found`
/// before it, a name (the id when it has none), its area and what it looks like at each
/// level. `None` when it cannot be used at all (no mapping, no valid or a repeated id).
fn capability(
    n: usize,
    item: &Value,
    found: &[Capability],
    levels: &[String],
    problems: &mut Problems,
) -> Option<Capability> {
    let path = format!("capabilities[{n}]");
    let Some(fields) = item.as_mapping() else {
        problems.at(
            &path,
            "each capability is a mapping: `- id: technical-leadership` with `name:` and `levels:` below it",
        );
        return None;
    };
    for key in fields.keys().filter_map(Value::as_str) {
        if !CAPABILITY_KEYS.contains(&key) {
            problems.at_key(
                &format!("{path}.{key}"),
                unknown("key", key, CAPABILITY_KEYS, "a capability"),
            );
        }
    }
    let text = |key: &str| {
        fields
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    };
    let id = capability_id(text("id"), &path, found, problems)?;
    let name = match text("name") {
        Some(name) => name.to_owned(),
        None => {
            problems.at(
                &format!("{path}.id"),
                format!("capability `{id}` has no `name`: add `name: …` below the id"),
            );
            id.clone()
        }
    };
    if fields.contains_key("area") && text("area").is_none() {
        problems.at(
            &format!("{path}.area"),
            format!("`area` of `{id}` must be text"),
        );
    }
    let described = described(fields.get("levels"), &path, &id, levels, problems);
    Some(Capability {
        position: problems.position(&format!("{path}.id")),
        id,
        name,
        area: text("area").map(str::to_owned),
        levels: described,
    })
}

/// The capability's id when it is a valid one not among those `found` before it; else
/// none, with the problem.
fn capability_id(
    id: Option<&str>,
    path: &str,
    found: &[Capability],
    problems: &mut Problems,
) -> Option<String> {
    let id = match id {
        Some(id) if super::is_slug(id) => id.to_owned(),
        Some(id) => {
            problems.at(&format!("{path}.id"), format!("capability id `{id}` is not a valid id: use lowercase letters, digits and `-` (e.g. `technical-leadership`)"));
            return None;
        }
        None => {
            problems.at(
                path,
                "this capability has no `id`: add `id: technical-leadership` (lowercase, with `-`)",
            );
            return None;
        }
    };
    if found.iter().any(|c| c.id == id) {
        problems.at(
            &format!("{path}.id"),
            format!("capability id `{id}` appears twice: ids must be unique"),
        );
        return None;
    }
    Some(id)
}

/// What a capability looks like at each level, in the levels' order.
fn described(
    value: Option<&Value>,
    path: &str,
    id: &str,
    levels: &[String],
    problems: &mut Problems,
) -> Vec<(String, String)> {
    let here = format!("{path}.levels");
    let shape = format!("`levels` of `{id}` must map a level to what the capability looks like there, such as `senior-engineer: Leads the design of a service within one team.`");
    let Some(value) = value else {
        problems.at(path, format!("capability `{id}` has no `levels`: {shape}"));
        return Vec::new();
    };
    let Some(fields) = value.as_mapping() else {
        problems.at(&here, shape);
        return Vec::new();
    };
    let mut texts = BTreeMap::new();
    for (key, text) in fields {
        let Some(level) = key.as_str() else { continue };
        let at = format!("{here}.{level}");
        // Without levels (their own error), no level can be checked against them.
        if levels.is_empty() {
            continue;
        }
        let Some(rank) = levels.iter().position(|l| l == level) else {
            let hint = suggest::hint(level, levels.iter().map(String::as_str));
            problems.at_key(
                &at,
                format!(
                    "`{level}` is not one of the framework's `levels`{hint}; use one of: {}",
                    levels.join(", ")
                ),
            );
            continue;
        };
        match text.as_str().map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => {
                texts.insert(rank, (level.to_owned(), text.to_owned()));
            }
            None => problems.at(
                &at,
                format!("what `{id}` looks like at `{level}` must be a sentence of text"),
            ),
        }
    }
    texts.into_values().collect()
}

/// A capability framework for cairn: the levels of a career ladder, in order, and what
/// each capability looks like at each level (`cairn schema --framework` prints this).
#[derive(schemars::JsonSchema)]
#[schemars(title = "cairn capability framework", deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct FrameworkFile {
    /// The levels of the career ladder, from the first to the top one.
    #[schemars(length(min = 1))]
    levels: Vec<Slug>,
    /// The capabilities, each with what it looks like at the levels it describes.
    #[schemars(length(min = 1))]
    capabilities: Vec<CapabilityFile>,
}

/// One capability of the framework file.
#[derive(schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct CapabilityFile {
    /// The id contracts name it by in `capabilities:`.
    id: Slug,
    /// Its name, for people.
    name: String,
    /// The area it belongs to (optional).
    area: Option<String>,
    /// What it looks like at each level: a level id of `levels`, then one sentence.
    levels: BTreeMap<String, String>,
}

/// A lowercase id with `-`.
#[derive(schemars::JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct Slug(#[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))] String);

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "levels: [engineer, senior-engineer, staff-engineer]\ncapabilities:\n  - id: technical-leadership\n    name: Technical leadership\n    area: Leadership\n    levels:\n      staff-engineer: Leads cross-team technical initiatives independently.\n      senior-engineer: Leads the design of a service within one team.\n";

    fn messages(text: &str) -> Vec<String> {
        Framework::parse(text)
            .unwrap_err()
            .iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
            .collect()
    }

    #[test]
    fn a_framework_reads_its_levels_in_order() {
        let framework = Framework::parse(GOOD).unwrap();
        let capability = framework.capability("technical-leadership").unwrap();
        assert_eq!(capability.levels[0].0, "senior-engineer");
        assert_eq!(capability.position.line, 3);
        assert_eq!(framework.next_level(None), Some("engineer"));
        assert_eq!(
            framework.next_level(Some("senior-engineer")),
            Some("staff-engineer")
        );
        assert_eq!(framework.next_level(Some("staff-engineer")), None);
        assert!(framework.is_top("staff-engineer"));
    }

    #[test]
    fn every_mistake_is_told_at_its_line_with_a_suggestion() {
        let text = "levels: [engineer, senior-engineer, engineer]\ncapabilites: []\ncapabilities:\n  - id: delivery\n    name: Delivery\n    levles: {}\n  - id: Delivery\n  - id: craft\n    name: Craft\n    levels:\n      senior-enginer: Writes code others learn from.\n      engineer: ''\n";
        assert_eq!(
            messages(text),
            [
                "1:37: level `engineer` appears twice in `levels`",
                "2:1: unknown key `capabilites` (did you mean `capabilities`?); use one of: levels, capabilities",
                "4:5: capability `delivery` has no `levels`: `levels` of `delivery` must map a level to what the capability looks like there, such as `senior-engineer: Leads the design of a service within one team.`",
                "6:5: unknown key `levles` for a capability (did you mean `levels`?); use one of: id, name, area, levels",
                "7:9: capability id `Delivery` is not a valid id: use lowercase letters, digits and `-` (e.g. `technical-leadership`)",
                "11:7: `senior-enginer` is not one of the framework's `levels` (did you mean `senior-engineer`?); use one of: engineer, senior-engineer, engineer",
                "12:17: what `craft` looks like at `engineer` must be a sentence of text",
            ]
        );
        assert_eq!(
            messages("levels: [a]\n\tcapabilities: []\n").len(),
            1,
            "a tab is one problem, in words"
        );
        assert!(messages("# nothing\n")[0].contains("empty"));
    }
}
