//! Reading `cairn.yaml` key by key, collecting every problem with its position.

use std::collections::HashMap;

use chrono::NaiveDate;
use globset::{GlobBuilder, GlobSetBuilder};
use yaml_serde::{Mapping, Value};

use super::roster::{Away, Person, Stint};
use super::{Cadence, Config};
use crate::domain::date::{is_date_shaped, parse_date};
use crate::domain::diagnostic::Severity;
use crate::domain::error::ConfigProblem;
use crate::domain::section_spec::SectionSpec;
use crate::domain::vocabulary::DocType;
use crate::text::lines::LineIndex;
use crate::text::phrase::PrivatePhrases;
use crate::text::suggest;
use crate::text::yaml::Marks;

/// The top-level keys.
const KEYS: &[&str] = &[
    "people",
    "cadence",
    "layout",
    "me",
    "exclude",
    "private_sections",
    "seal",
    "types",
    "rules",
    "framework",
    "retention",
];

/// The keys of a person.
const PERSON_KEYS: &[&str] = &[
    "id",
    "name",
    "manager",
    "role",
    "since",
    "left",
    "previous_managers",
    "away",
    "seal_to",
    "level",
    "email",
];

/// The keys of `cadence`.
const CADENCE_KEYS: &[&str] = &[
    "annual_months",
    "review_months",
    "summary_days",
    "due_soon_days",
    "checkin_days",
];

/// The problems found so far, and how to place them.
pub(super) struct Problems<'a> {
    text: &'a str,
    /// The length of a byte-order mark before the text parsed.
    bom: usize,
    marks: Marks,
    index: LineIndex,
    found: Vec<(usize, String)>,
}

impl<'a> Problems<'a> {
    /// No problems yet in `full` (a whole file, with its byte-order mark if any).
    pub(super) fn new(full: &'a str) -> Problems<'a> {
        Problems {
            text: full,
            bom: if full.starts_with('\u{feff}') { 3 } else { 0 },
            marks: Marks::default(),
            index: LineIndex::new(full),
            found: Vec::new(),
        }
    }

    /// The text after the byte-order mark: what the YAML parser reads.
    pub(super) fn yaml(&self) -> &'a str {
        &self.text[self.bom..]
    }

    /// A problem at a byte offset of the parsed text.
    pub(super) fn at_offset(&mut self, offset: usize, message: impl Into<String>) {
        self.found.push((offset, message.into()));
    }

    /// Reads the marks of the parsed text, once it parsed.
    pub(super) fn read_marks(&mut self) {
        self.marks = crate::text::yaml::marks(self.yaml());
    }

    /// Whether nothing is wrong so far.
    pub(super) fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Where the value at `path` is, as a line and column of the file.
    pub(super) fn position(&self, path: &str) -> crate::domain::diagnostic::Position {
        self.marks
            .value(path)
            .map(|offset| self.index.position(self.text, offset + self.bom))
            .unwrap_or_default()
    }

    /// A problem at the value at `path` (or at its key with `key`).
    pub(super) fn at(&mut self, path: &str, message: impl Into<String>) {
        let offset = self.marks.value(path).unwrap_or(0);
        self.found.push((offset, message.into()));
    }

    pub(super) fn at_key(&mut self, path: &str, message: impl Into<String>) {
        let offset = self
            .marks
            .key(path)
            .or_else(|| self.marks.value(path))
            .unwrap_or(0);
        self.found.push((offset, message.into()));
    }

    pub(super) fn into_problems(mut self) -> Vec<ConfigProblem> {
        self.found.sort_by_key(|(offset, _)| *offset);
        let full = self.text;
        self.found
            .into_iter()
            .map(|(offset, message)| {
                let position = self.index.position(full, offset + self.bom);
                ConfigProblem {
                    line: position.line,
                    column: position.column,
                    message,
                }
            })
            .collect()
    }
}

/// Reads the text of a `cairn.yaml`.
pub fn read(full: &str, rules: &[&str]) -> Result<Config, Vec<ConfigProblem>> {
    let mut problems = Problems::new(full);
    let Some(top) = top(&mut problems) else {
        return Err(problems.into_problems());
    };
    let mut config = Config::default();
    for key in top.keys() {
        match key.as_str() {
            Some(key) if KEYS.contains(&key) => {}
            Some(key) => problems.at_key(key, unknown("key", key, KEYS, "")),
            None => problems.at("", "every key of cairn.yaml must be a word"),
        }
    }
    people(&top, &mut config, &mut problems);
    settings(&top, rules, &mut config, &mut problems);
    config.roles = config.role_specs();
    if problems.found.is_empty() {
        Ok(config)
    } else {
        Err(problems.into_problems())
    }
}

/// The top-level mapping of the file, with the marks read for placing later problems; or
/// the one problem that stops reading: the file is empty, is not YAML, or is not
/// `key: value` lines.
fn top(problems: &mut Problems) -> Option<Mapping> {
    let text = problems.yaml();
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        problems.found.push((
            0,
            "cairn.yaml is empty: it needs a `people` list (run 'cairn init' for an example)"
                .to_owned(),
        ));
        return None;
    }
    let value: Value = match crate::text::yaml::parse(text) {
        Ok(value) => value,
        Err(error) => {
            let found = match crate::text::yaml::plain_words(&error, text) {
                Some(plain) => (
                    plain.offset,
                    format!("{}\nthe YAML parser says: {}", plain.words, error.message),
                ),
                None => (
                    error.offset.unwrap_or(0),
                    format!("cairn.yaml is not valid YAML: {}", error.message),
                ),
            };
            problems.found.push(found);
            return None;
        }
    };
    problems.read_marks();
    let Value::Mapping(top) = value else {
        problems.at(
            "",
            "cairn.yaml must be `key: value` lines with a `people` list (run 'cairn init' for an example)",
        );
        return None;
    };
    Some(top)
}

/// Every top-level key after `people`, each read by its own function when present.
fn settings(top: &Mapping, rules: &[&str], config: &mut Config, problems: &mut Problems) {
    if let Some(value) = top.get("cadence") {
        config.cadence = cadence(value, problems);
    }
    if let Some(value) = top.get("layout") {
        match value.as_str() {
            Some(layout) if !layout.trim().is_empty() => config.layout = layout.to_owned(),
            _ => problems.at(
                "layout",
                "`layout` must be a path such as \"people/{engineer}/{date}-{type}.md\"",
            ),
        }
    }
    if let Some(value) = top.get("me") {
        me(value, config, problems);
    }
    if let Some(value) = top.get("exclude") {
        exclude(value, config, problems);
    }
    if let Some(value) = top.get("private_sections") {
        private_sections(value, config, problems);
    }
    if let Some(value) = top.get("seal") {
        seal(value, config, problems);
    }
    if let Some(value) = top.get("types") {
        types(value, config, problems);
    }
    if let Some(value) = top.get("rules") {
        severities(value, rules, config, problems);
    }
    if let Some(value) = top.get("framework") {
        framework(value, config, problems);
    }
    if let Some(value) = top.get("retention") {
        config.retention = retention(value, problems);
    }
}

/// `seal`: the keys private notes are sealed to in every commit, and whether a private
/// section committed in plain text is an error.
fn seal(value: &Value, config: &mut Config, problems: &mut Problems) {
    let Some(fields) = value.as_mapping() else {
        problems.at(
            "seal",
            "`seal` holds `recipients:` (a list of public keys) and `required: true` or `false`",
        );
        return;
    };
    const SEAL_KEYS: &[&str] = &["recipients", "required"];
    for key in fields.keys().filter_map(|k| k.as_str()) {
        if !SEAL_KEYS.contains(&key) {
            problems.at_key(
                &format!("seal.{key}"),
                unknown("key", key, SEAL_KEYS, "seal"),
            );
        }
    }
    if let Some(value) = fields.get("recipients") {
        config.seal.recipients = keys(value, "seal.recipients", problems);
    }
    match fields.get("required").map(Value::as_bool) {
        Some(Some(required)) => config.seal.required = required,
        Some(None) => problems.at("seal.required", "`seal.required` is `true` or `false`"),
        None => {}
    }
}

/// A list of public keys (age `age1…` or SSH `ssh-ed25519 …`, `ssh-rsa …`), each checked
/// by the `age` crate: a key that is not one would seal notes nobody can open.
fn keys(value: &Value, path: &str, problems: &mut Problems) -> Vec<String> {
    let Some(items) = strings(value) else {
        problems.at(path, format!("`{path}` must be a list of public keys, such as [\"age1…\"] or [\"ssh-ed25519 AAAA… you@laptop\"]"));
        return Vec::new();
    };
    let mut kept = Vec::new();
    for (n, key) in items.iter().enumerate() {
        match crate::config::seal::recipient(key) {
            Ok(_) => kept.push(key.trim().to_owned()),
            Err(why) => problems.at(&format!("{path}[{n}]"), why),
        }
    }
    kept
}

/// `me`: who runs cairn here. It must name someone in the roster, or the default scope
/// of every report would silently be nobody.
fn me(value: &Value, config: &mut Config, problems: &mut Problems) {
    let ids = || config.people.iter().map(|p| p.id.as_str());
    match value.as_str() {
        Some(id) if config.person(id).is_some() => config.me = Some(id.to_owned()),
        Some(id) => problems.at(
            "me",
            format!(
                "`me` names `{id}`, who is not in `people`{}",
                suggest::hint(id, ids())
            ),
        ),
        None => problems.at("me", "`me` must be your own id from `people`"),
    }
}

/// `framework`: the capability framework's file, relative to the root and inside it. The
/// file itself is read when the repository is loaded (it is another file).
fn framework(value: &Value, config: &mut Config, problems: &mut Problems) {
    let shape = "`framework` must be the path of the capability framework's file, relative to this folder, such as `capabilities.yaml`";
    match value.as_str().map(str::trim) {
        Some(file)
            if !file.is_empty()
                && !file.starts_with(['/', '\\'])
                && !file.contains(':')
                && file.split(['/', '\\']).all(|part| part != "..") =>
        {
            config.framework_file = Some((file.to_owned(), problems.position("framework")));
        }
        _ => problems.at("framework", shape),
    }
}

/// The phrases of `private_sections`, added to "Private notes": a list that replaced it
/// would make `## Private notes` public without a word, and a phrase with no letter or
/// digit (`""`, `"🔒"`) matches no title, so it would hide nothing the manager meant to.
fn private_sections(value: &Value, config: &mut Config, problems: &mut Problems) {
    let Some(phrases) = strings(value) else {
        problems.at(
            "private_sections",
            "`private_sections` must be a list of titles, such as [\"Manager only\"]",
        );
        return;
    };
    // "Private notes" is added by `PrivatePhrases::new` itself.
    let mut kept = Vec::new();
    for (n, phrase) in phrases.iter().enumerate() {
        if crate::text::phrase::is_meaningful(phrase) {
            kept.push(phrase);
        } else {
            problems.at(
                &format!("private_sections[{n}]"),
                format!("the `private_sections` phrase {phrase:?} has no letter or digit, so it would make nothing private: write the words of the heading, such as \"Manager only\" (\"Private notes\" is always private)"),
            );
        }
    }
    config.private = PrivatePhrases::new(kept.iter().map(|p| p.as_str()));
}

/// "unknown key `x` in `cadence` (did you mean `y`?); use one of: …"
pub(super) fn unknown(what: &str, word: &str, known: &[&str], place: &str) -> String {
    let hint = suggest::hint(word, known.iter().copied());
    let place = match place {
        "" => String::new(),
        "a person" | "a section" | "a capability" => format!(" for {place}"),
        _ => format!(" in `{place}`"),
    };
    format!(
        "unknown {what} `{word}`{place}{hint}; use one of: {}",
        known.join(", ")
    )
}

pub(super) fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_sequence()?
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect()
}

/// A date value, or a problem at it.
fn date(value: &Value, path: &str, what: &str, problems: &mut Problems) -> Option<NaiveDate> {
    let text = value.as_str().map(str::trim);
    let date = text.and_then(parse_date);
    if date.is_none() {
        let message = match text {
            Some(text) if is_date_shaped(text) => {
                format!("{what} is `{text}`, which is not a calendar date")
            }
            Some(text) => format!("{what} is `{text}`: write a date as YYYY-MM-DD"),
            None => format!("{what} must be a date written YYYY-MM-DD"),
        };
        problems.at(path, message);
    }
    date
}

fn people(top: &Mapping, config: &mut Config, problems: &mut Problems) {
    let hint = "list the manager and their reports (run 'cairn init' for an example)";
    let items = match top.get("people") {
        None => {
            problems.at("", format!("missing `people`: {hint}"));
            return;
        }
        Some(Value::Sequence(items)) if !items.is_empty() => items,
        Some(Value::Sequence(_)) | Some(Value::Null) => {
            problems.at("people", format!("`people` is empty: {hint}"));
            return;
        }
        Some(_) => {
            problems.at(
                "people",
                format!("`people` must be a list, one `- id: …` entry per person: {hint}"),
            );
            return;
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut entries = Vec::new();
    // A second entry with a known id is left out of the roster, but its own mistakes are
    // still reported in this run.
    let mut duplicates = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let path = format!("people[{n}]");
        if let Some((person, stints)) = person(item, &path, problems) {
            if seen.contains_key(&person.id) {
                problems.at(
                    &format!("{path}.id"),
                    format!(
                        "person id `{}` appears twice in `people`: ids must be unique",
                        person.id
                    ),
                );
                duplicates.push((person, n, stints));
                continue;
            }
            seen.insert(person.id.clone(), config.people.len());
            config.people.push(person);
            entries.push((n, stints));
        }
    }
    config.by_id = seen;
    relations(config, &entries, &duplicates, problems);
}

/// One person, checked on their own (and their previous managers' indices in the file).
fn person(item: &Value, path: &str, problems: &mut Problems) -> Option<(Person, Vec<usize>)> {
    let Value::Mapping(fields) = item else {
        problems.at(
            path,
            "each person is a mapping: `- id: alice-nguyen` with `name:` below it",
        );
        return None;
    };
    unknown_person_keys(fields, path, problems);
    let id = person_id(fields, path, problems)?;
    let name = person_name(fields, path, &id, problems);
    let mut word = |key: &str| person_word(fields, path, &id, key, problems);
    let manager = word("manager");
    let role = word("role");
    let level = word("level");
    let email = word("email");
    if let Some(email) = email.as_deref() {
        check_email(email, path, &id, problems);
    }
    let mut day = |key: &str| person_date(fields, path, &id, key, problems);
    let since = day("since");
    let left = day("left");
    let (stint_entries, previous_managers): (Vec<usize>, Vec<Stint>) =
        stints(fields.get("previous_managers"), path, &id, problems)
            .into_iter()
            .unzip();
    let away = periods(fields.get("away"), path, &id, (since, left), problems);
    let seal_to = fields
        .get("seal_to")
        .map(|value| keys(value, &format!("{path}.seal_to"), problems))
        .unwrap_or_default();
    let position = problems.position(&format!("{path}.id"));
    if let (Some(since), Some(left)) = (since, left) {
        check_left_after_since(since, left, path, problems);
    }
    let level_position = level
        .as_ref()
        .map(|_| problems.position(&format!("{path}.level")));
    let person = Person {
        id,
        name,
        manager,
        role,
        level,
        level_position,
        since,
        left,
        previous_managers,
        away,
        seal_to,
        email,
        position,
    };
    Some((person, stint_entries))
}

/// A problem at each key of a person's entry that is not one cairn knows.
fn unknown_person_keys(fields: &Mapping, path: &str, problems: &mut Problems) {
    for key in fields.keys() {
        if let Some(key) = key.as_str().filter(|k| !PERSON_KEYS.contains(k)) {
            problems.at_key(
                &format!("{path}.{key}"),
                unknown("key", key, PERSON_KEYS, "a person"),
            );
        }
    }
}

/// A problem when the `email` of `id` is not an address. Only the address itself: `share
/// --format email` writes the name beside it.
fn check_email(email: &str, path: &str, id: &str, problems: &mut Problems) {
    if !email_address::EmailAddress::is_valid(email) {
        problems.at(
            &format!("{path}.email"),
            format!("`email` of `{id}` does not look like an address (name@example.com)"),
        );
    }
}

/// A problem when a person `left` before they joined (`since`).
fn check_left_after_since(since: NaiveDate, left: NaiveDate, path: &str, problems: &mut Problems) {
    if left < since {
        problems.at(
            &format!("{path}.left"),
            format!("`left` ({left}) is before `since` ({since})"),
        );
    }
}

/// The trimmed text of a person's `key`: `None` when the key is absent, `Some(None)` when
/// its value is not text.
fn text<'v>(fields: &'v Mapping, key: &str) -> Option<Option<&'v str>> {
    fields.get(key).map(|v| v.as_str().map(str::trim))
}

/// A person's `id`, which must be a slug: without one the entry cannot join the roster.
fn person_id(fields: &Mapping, path: &str, problems: &mut Problems) -> Option<String> {
    match text(fields, "id") {
        Some(Some(id)) if super::is_slug(id) => Some(id.to_owned()),
        Some(Some(id)) => {
            problems.at(&format!("{path}.id"), format!(
                "person id `{id}` is not a valid id: use lowercase letters, digits and `-`, starting with a letter or digit (e.g. `alice-nguyen`)"
            ));
            None
        }
        Some(None) => {
            problems.at(
                &format!("{path}.id"),
                "a person's `id` must be a word such as `alice-nguyen`",
            );
            None
        }
        None => {
            problems.at(
                path,
                "this person has no `id`: add `id: alice-nguyen` (lowercase, with `-`)",
            );
            None
        }
    }
}

/// An optional text field of a person (`manager`, `role`, …): absent is fine, but a value
/// that is empty or not text is a problem.
fn person_word(
    fields: &Mapping,
    path: &str,
    id: &str,
    key: &str,
    problems: &mut Problems,
) -> Option<String> {
    match text(fields, key) {
        Some(Some(value)) if !value.is_empty() => Some(value.to_owned()),
        Some(_) => {
            problems.at(
                &format!("{path}.{key}"),
                format!("`{key}` of `{id}` must be text"),
            );
            None
        }
        None => None,
    }
}

/// An optional date of a person (`since`, `left`), or a problem at it.
fn person_date(
    fields: &Mapping,
    path: &str,
    id: &str,
    key: &str,
    problems: &mut Problems,
) -> Option<NaiveDate> {
    let value = fields.get(key)?;
    date(
        value,
        &format!("{path}.{key}"),
        &format!("`{key}` of `{id}`"),
        problems,
    )
}

/// A person's `name`; when it is missing or empty, a problem and the id in its place, so
/// the rest of the entry is still checked.
fn person_name(fields: &Mapping, path: &str, id: &str, problems: &mut Problems) -> String {
    match text(fields, "name") {
        Some(Some(name)) if !name.is_empty() => name.to_owned(),
        Some(_) => {
            problems.at(
                &format!("{path}.name"),
                format!("person `{id}` has an empty `name`"),
            );
            id.to_owned()
        }
        None => {
            problems.at(
                &format!("{path}.id"),
                format!("person `{id}` has no `name`: add `name: First Last` below the id"),
            );
            id.to_owned()
        }
    }
}

/// The previous managers, with their indices in the file, oldest first.
fn stints(
    value: Option<&Value>,
    path: &str,
    id: &str,
    problems: &mut Problems,
) -> Vec<(usize, Stint)> {
    let Some(value) = value else {
        return Vec::new();
    };
    let here = format!("{path}.previous_managers");
    let Some(items) = value.as_sequence() else {
        problems.at(&here, format!("`previous_managers` of `{id}` must be a list of `- id: …` and `until: YYYY-MM-DD`, oldest first"));
        return Vec::new();
    };
    let mut stints: Vec<(usize, Stint)> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let item_path = format!("{here}[{n}]");
        let Some(fields) = item.as_mapping() else {
            problems.at(
                &item_path,
                "each previous manager is `- id: …` with `until: YYYY-MM-DD`",
            );
            continue;
        };
        let manager = fields.get("id").and_then(Value::as_str).map(str::trim);
        let until = until(fields, &item_path, id, problems);
        if let (Some(until), Some((_, before))) = (until, stints.last()) {
            if until <= before.until {
                problems.at(&format!("{item_path}.until"), "the `until` dates of `previous_managers` must increase: list them oldest first");
            }
        }
        match (manager, until) {
            (Some(manager), Some(until)) if !manager.is_empty() => stints.push((
                n,
                Stint {
                    manager: manager.to_owned(),
                    until,
                },
            )),
            (None, _) | (Some(""), _) => problems.at(
                &item_path,
                format!("a previous manager of `{id}` needs `id:`"),
            ),
            _ => {}
        }
    }
    stints
}

/// The `until` of one previous manager of `id`, their last day as manager, after a word
/// on any key of the entry other than `id` and `until`.
fn until(
    fields: &Mapping,
    item_path: &str,
    id: &str,
    problems: &mut Problems,
) -> Option<NaiveDate> {
    for key in fields.keys().filter_map(Value::as_str) {
        if !["id", "until"].contains(&key) {
            problems.at_key(
                &format!("{item_path}.{key}"),
                unknown("key", key, &["id", "until"], "previous_managers"),
            );
        }
    }
    match fields.get("until") {
        Some(value) => date(value, &format!("{item_path}.until"), "`until`", problems),
        None => {
            problems.at(
                item_path,
                format!("a previous manager of `{id}` needs `until:`, their last day as manager"),
            );
            None
        }
    }
}

/// The periods away, each checked: `from` ≤ `to`, inside `since`…`left`, no overlap.
fn periods(
    value: Option<&Value>,
    path: &str,
    id: &str,
    (since, left): (Option<NaiveDate>, Option<NaiveDate>),
    problems: &mut Problems,
) -> Vec<Away> {
    let Some(value) = value else {
        return Vec::new();
    };
    let here = format!("{path}.away");
    let Some(items) = value.as_sequence() else {
        problems.at(
            &here,
            format!("`away` of `{id}` must be a list of `- from: YYYY-MM-DD` and `to: YYYY-MM-DD`"),
        );
        return Vec::new();
    };
    let mut periods = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let item_path = format!("{here}[{n}]");
        let Some((from, to)) = period(item, &item_path, id, problems) else {
            continue;
        };
        if let Some(other) = periods
            .iter()
            .find(|p: &&Away| p.from <= to && from <= p.to)
        {
            problems.at(
                &format!("{item_path}.from"),
                format!(
                    "this period away of `{id}` overlaps the one from {} to {}",
                    other.from, other.to
                ),
            );
        }
        if since.is_some_and(|since| from < since) || left.is_some_and(|left| to > left) {
            problems.at(&format!("{item_path}.from"), format!("this period away of `{id}` lies outside their time on the team (`since` to `left`)"));
        }
        periods.push(Away { from, to });
    }
    periods.sort();
    periods
}

/// One period away of `id` on its own: a mapping of `from` and `to` (no reason: that can
/// be health data), with `from` not after `to`.
fn period(
    item: &Value,
    item_path: &str,
    id: &str,
    problems: &mut Problems,
) -> Option<(NaiveDate, NaiveDate)> {
    let Some(fields) = item.as_mapping() else {
        problems.at(
            item_path,
            "each period away is `- from: YYYY-MM-DD` with `to: YYYY-MM-DD`",
        );
        return None;
    };
    for key in fields.keys().filter_map(Value::as_str) {
        if !["from", "to"].contains(&key) {
            let extra = if ["reason", "why", "type", "note"].contains(&key) {
                " (leave reasons are not recorded: they can be health data)"
            } else {
                ""
            };
            problems.at_key(
                &format!("{item_path}.{key}"),
                format!("{}{extra}", unknown("key", key, &["from", "to"], "away")),
            );
        }
    }
    let mut day = |key: &str| match fields.get(key) {
        Some(value) => date(
            value,
            &format!("{item_path}.{key}"),
            &format!("`{key}`"),
            problems,
        ),
        None => {
            problems.at(item_path, format!("a period away of `{id}` needs `{key}:`"));
            None
        }
    };
    let (from, to) = (day("from"), day("to"));
    let (Some(from), Some(to)) = (from, to) else {
        return None;
    };
    if from > to {
        problems.at(&format!("{item_path}.to"), format!("`to` ({to}) is before `from` ({from}): a period away runs from its first day to its last"));
        return None;
    }
    Some((from, to))
}

/// What spans people: managers who exist, no cycle of managers on any date.
///
/// `entries[i]` is the index in the file of `config.people[i]` and of its previous
/// managers (entries that could not be read are left out of the roster); `duplicates`
/// are entries left out for a repeated id, with the same indices, checked all the same.
fn relations(
    config: &Config,
    entries: &[(usize, Vec<usize>)],
    duplicates: &[(Person, usize, Vec<usize>)],
    problems: &mut Problems,
) {
    let ids = || config.people.iter().map(|p| p.id.as_str());
    let kept = config
        .people
        .iter()
        .zip(entries)
        .map(|(p, (n, s))| (p, n, s));
    let left_out = duplicates.iter().map(|(p, n, s)| (p, n, s));
    for (person, n, stints) in kept.chain(left_out) {
        let path = format!("people[{n}]");
        if let Some(manager) = &person.manager {
            if manager == &person.id {
                problems.at(
                    &format!("{path}.manager"),
                    format!("`{}` cannot be their own manager", person.id),
                );
            } else if config.person(manager).is_none() {
                problems.at(
                    &format!("{path}.manager"),
                    format!(
                        "manager `{manager}` of `{}` is not in `people`{}",
                        person.id,
                        suggest::hint(manager, ids())
                    ),
                );
            }
        }
        for (stint, s) in person.previous_managers.iter().zip(stints) {
            let here = format!("{path}.previous_managers[{s}].id");
            if stint.manager == person.id {
                problems.at(
                    &here,
                    format!("`{}` cannot be their own manager", person.id),
                );
            } else if config.person(&stint.manager).is_none() {
                problems.at(
                    &here,
                    format!(
                        "previous manager `{}` of `{}` is not in `people`{}",
                        stint.manager,
                        person.id,
                        suggest::hint(&stint.manager, ids())
                    ),
                );
            }
        }
    }
    if let Some((index, date)) = cycle(config) {
        let person = &config.people[index].id;
        let n = entries[index].0;
        let when = date.map_or_else(|| "now".to_owned(), |date| format!("on {date}"));
        problems.at(&format!("people[{n}].manager"), format!("the managers of `{person}` go round in a circle {when}: someone at the top of the chain has no manager"));
    }
}

/// The first person (an index into `config.people`) whose chain of managers loops on some
/// date, and that date (`None`: today's managers). Managers change only the day after an
/// `until`, so those days and today's `manager` are all to try.
fn cycle(config: &Config) -> Option<(usize, Option<NaiveDate>)> {
    let mut dates: Vec<NaiveDate> = config
        .people
        .iter()
        .flat_map(|p| p.previous_managers.iter())
        .flat_map(|s| [s.until, s.until.succ_opt().unwrap_or(s.until)])
        .collect();
    dates.push(NaiveDate::MAX);
    dates.sort_unstable();
    dates.dedup();
    let (person, date) = super::chain::first_loop(config, &dates)?;
    Some((person, (date != NaiveDate::MAX).then_some(date)))
}

/// `retention`: how long notes about a leaver are kept.
fn retention(value: &Value, problems: &mut Problems) -> Option<u32> {
    let message =
        "`retention` must hold `years_after_leaving:` with a whole number of years from 0 to 100";
    let Some(fields) = value.as_mapping() else {
        problems.at("retention", message);
        return None;
    };
    for key in fields.keys().filter_map(Value::as_str) {
        if key != "years_after_leaving" {
            problems.at_key(
                &format!("retention.{key}"),
                unknown("key", key, &["years_after_leaving"], "retention"),
            );
        }
    }
    match fields.get("years_after_leaving").map(Value::as_u64) {
        Some(Some(years)) if years <= 100 => u32::try_from(years).ok(),
        Some(_) => {
            problems.at("retention.years_after_leaving", message);
            None
        }
        None => {
            problems.at("retention", message);
            None
        }
    }
}

fn cadence(value: &Value, problems: &mut Problems) -> Cadence {
    let mut cadence = Cadence::default();
    let Some(fields) = value.as_mapping() else {
        problems.at("cadence", "`cadence` must hold `annual_months:`, `review_months:`, `summary_days:`, `due_soon_days:` or `checkin_days:` lines");
        return cadence;
    };
    for (key, value) in fields {
        let Some(key) = key.as_str() else { continue };
        let path = format!("cadence.{key}");
        let slot = match key {
            "annual_months" => &mut cadence.annual_months,
            "review_months" => &mut cadence.review_months,
            "summary_days" => &mut cadence.summary_days,
            "due_soon_days" => &mut cadence.due_soon_days,
            "checkin_days" => &mut cadence.checkin_days,
            _ => {
                problems.at_key(&path, unknown("key", key, CADENCE_KEYS, "cadence"));
                continue;
            }
        };
        let least = u32::from(key.ends_with("_months"));
        match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= least && n <= 1200 => *slot = n,
            _ => problems.at(
                &path,
                format!(
                    "`cadence.{key}` must be a whole number of {} from {least} to 1200",
                    if least == 1 { "months" } else { "days" }
                ),
            ),
        }
    }
    cadence
}

fn exclude(value: &Value, config: &mut Config, problems: &mut Problems) {
    let Some(patterns) = strings(value) else {
        problems.at(
            "exclude",
            "`exclude` must be a list of globs, such as [\"drafts/**\"]",
        );
        return;
    };
    let mut set = GlobSetBuilder::new();
    let mut folders = GlobSetBuilder::new();
    for (n, pattern) in patterns.iter().enumerate() {
        // As in .gitignore: `*` stays within a folder, and a folder's name excludes
        // everything in it.
        let glob = |pattern: &str| GlobBuilder::new(pattern).literal_separator(true).build();
        match glob(pattern) {
            Ok(glob) => {
                set.add(glob.clone());
                folders.add(glob);
                if let Ok(inside) = glob_inside(pattern) {
                    set.add(inside);
                }
                if let Some(folder) = pattern
                    .strip_suffix("/**")
                    .and_then(|p| GlobBuilder::new(p).literal_separator(true).build().ok())
                {
                    folders.add(folder);
                }
            }
            Err(error) => problems.at(
                &format!("exclude[{n}]"),
                format!(
                    "`exclude` pattern `{pattern}` is not a valid glob: {}",
                    error.kind()
                ),
            ),
        }
    }
    match (set.build(), folders.build()) {
        (Ok(set), Ok(folders)) => {
            config.exclude = set;
            config.exclude_folders = folders;
        }
        (Err(error), _) | (_, Err(error)) => problems.at(
            "exclude",
            format!("`exclude` patterns cannot be used: {error}"),
        ),
    }
}

fn glob_inside(pattern: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(&format!("{}/**", pattern.trim_end_matches('/')))
        .literal_separator(true)
        .build()
}

fn types(value: &Value, config: &mut Config, problems: &mut Problems) {
    let names: Vec<&str> = DocType::ALL.iter().map(|t| t.name()).collect();
    let Some(fields) = value.as_mapping() else {
        problems.at(
            "types",
            "`types` must map a document type to its `sections:`",
        );
        return;
    };
    for (key, spec) in fields {
        let Some(name) = key.as_str() else { continue };
        let path = format!("types.{name}");
        let Some(doc_type) = DocType::from_name(name) else {
            problems.at_key(&path, unknown("document type", name, &names, "types"));
            continue;
        };
        let Some(sections) = sections(spec, &path, problems) else {
            problems.at(&path, format!("`types.{name}` must hold `sections:`, a list of `- title: …` (with optional `aliases: […]`)"));
            continue;
        };
        let specs = sections
            .iter()
            .enumerate()
            .filter_map(|(n, section)| {
                section_spec(section, &format!("{path}.sections[{n}]"), problems)
            })
            .collect();
        config.sections.insert(doc_type, specs);
    }
}

/// The `sections:` list of one document type at `path`, after a word on any other key.
fn sections<'v>(spec: &'v Value, path: &str, problems: &mut Problems) -> Option<&'v Vec<Value>> {
    spec.as_mapping().and_then(|m| {
        if let Some(extra) = m
            .keys()
            .filter_map(Value::as_str)
            .find(|k| *k != "sections")
        {
            problems.at_key(
                &format!("{path}.{extra}"),
                unknown("key", extra, &["sections"], path),
            );
        }
        m.get("sections")?.as_sequence()
    })
}

/// One section of a document type, its `title` and optional `aliases`, at `here`.
fn section_spec(section: &Value, here: &str, problems: &mut Problems) -> Option<SectionSpec> {
    let title = section
        .get("title")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty());
    let aliases = match section.get("aliases") {
        None => Some(Vec::new()),
        Some(value) => strings(value),
    };
    if let Some(extra) = section.as_mapping().and_then(|m| {
        m.keys()
            .filter_map(Value::as_str)
            .find(|k| !["title", "aliases"].contains(k))
            .map(str::to_owned)
    }) {
        problems.at_key(
            &format!("{here}.{extra}"),
            unknown("key", &extra, &["title", "aliases"], "a section"),
        );
    }
    match (title, aliases) {
        (Some(title), Some(aliases)) => {
            Some(SectionSpec::new(title, aliases.iter().map(String::as_str)))
        }
        (None, _) => {
            problems.at(here, "each section needs a `title:`");
            None
        }
        (_, None) => {
            problems.at(
                &format!("{here}.aliases"),
                "`aliases` must be a list of titles",
            );
            None
        }
    }
}

fn severities(value: &Value, rules: &[&str], config: &mut Config, problems: &mut Problems) {
    let Some(fields) = value.as_mapping() else {
        problems.at(
            "rules",
            "`rules` must map a rule's name to `error`, `warning` or `off`",
        );
        return;
    };
    for (key, level) in fields {
        let Some(name) = key.as_str() else { continue };
        let path = format!("rules.{name}");
        if !rules.contains(&name) {
            problems.at_key(
                &path,
                format!(
                    "`{name}` is not a rule{}; 'cairn explain --list' lists them",
                    suggest::hint(name, rules.iter().copied())
                ),
            );
            continue;
        }
        let severity = match level.as_str() {
            Some("error") => Some(Severity::Error),
            Some("warning") => Some(Severity::Warning),
            Some("off") => None,
            _ => {
                let shown = level
                    .as_str()
                    .map_or_else(|| "that".to_owned(), |s| format!("`{s}`"));
                problems.at(
                    &path,
                    format!(
                        "{shown} is not a severity{}; use `error`, `warning` or `off`",
                        suggest::hint(level.as_str().unwrap_or(""), ["error", "warning", "off"])
                    ),
                );
                continue;
            }
        };
        config.rules.insert(name.to_owned(), severity);
    }
}
