//! The typed front matter of a document, with where every field is (docs/format.md).
//!
//! The YAML is read by [`crate::text::yaml`] (hand-read when simple, else yaml_serde, which
//! rejects alias bombs and deep nesting). Each field is then validated on its own, so one
//! bad field never hides the others; what is wrong is returned as typed [`Problem`]s,
//! which the rules turn into messages.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use yaml_serde::Value;

use super::problem::{Problem, ValueProblem};
use crate::config::Config;
use crate::domain::date::{self as dates, Written};
use crate::domain::diagnostic::Position;
use crate::domain::vocabulary::{ContractStatus, DocType, Field, Trigger};
use crate::text::lines::{lines, LineIndex};
use crate::text::yaml::Entry;

/// The front matter of a cairn document: what it is, whom it is about, and when.
///
/// This type is the one definition of the fields: the parser fills it, and `cairn schema`
/// generates the JSON Schema from it. A field that is absent or invalid is `None` here
/// (its diagnostic was reported when parsing).
#[derive(Debug, Clone, Default, PartialEq, Eq, schemars::JsonSchema)]
#[schemars(title = "cairn document front matter")]
pub struct FrontMatter {
    /// What the document is: one of the five conversations, a development contract, the
    /// manager's preparation or the engineer's reflection.
    #[schemars(rename = "type")]
    pub doc_type: Option<DocType>,
    /// The engineer the document is about: a person id from cairn.yaml.
    #[schemars(with = "Option<PersonId>")]
    pub engineer: Option<String>,
    /// The manager who held the conversation or wrote the document: a person id from cairn.yaml.
    #[schemars(with = "Option<PersonId>")]
    pub manager: Option<String>,
    /// When the conversation happened or the document was written (YYYY-MM-DD).
    pub date: Option<NaiveDate>,
    /// Conversations: the date of the check-in agreed in the conversation.
    pub follow_up: Option<NaiveDate>,
    /// Conversations: when the written summary was shared with the engineer.
    pub summary_shared: Option<NaiveDate>,
    /// Conversations: relative path of the contract this conversation produced or reviews.
    pub contract: Option<String>,
    /// As-needed conversations: the event that prompted it.
    pub trigger: Option<Trigger>,
    /// Contracts: where the contract stands.
    pub status: Option<ContractStatus>,
    /// Contracts: the first day of the contract's timeframe.
    pub start: Option<NaiveDate>,
    /// Contracts: the last day of the contract's timeframe (after `start`).
    pub end: Option<NaiveDate>,
    /// Contracts: review dates within [start, end].
    pub checkpoints: Vec<NaiveDate>,
    /// Contracts: relative path of the contract this one replaces.
    pub supersedes: Option<String>,
    /// Contracts: ids of the capability framework's capabilities the goal develops.
    #[schemars(with = "Vec<CapabilityId>")]
    pub capabilities: Vec<String>,
    /// Handovers: the incoming manager, a person id from cairn.yaml.
    #[schemars(with = "Option<PersonId>")]
    pub to: Option<String>,
    /// Free labels.
    pub tags: Vec<String>,
    /// Where each field written is: its key and its value.
    #[schemars(skip)]
    positions: Vec<FieldAt>,
    /// Where each checkpoint is written.
    #[schemars(skip)]
    checkpoint_positions: Vec<(u32, u32)>,
    /// Where each capability is written.
    #[schemars(skip)]
    capability_positions: Vec<(u32, u32)>,
}

/// A capability id of the framework, for the schema.
#[derive(schemars::JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct CapabilityId(#[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))] String);

/// A person id from cairn.yaml, for the schema.
#[derive(schemars::JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct PersonId(#[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))] String);

/// Where a field's key and value are, compactly (kept for every document of a run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FieldAt {
    field: Field,
    key: (u32, u32),
    value: (u32, u32),
}

fn compact(position: Position) -> (u32, u32) {
    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (narrow(position.line), narrow(position.column))
}

fn wide((line, column): (u32, u32)) -> Position {
    Position {
        line: line as usize,
        column: column as usize,
    }
}

impl FrontMatter {
    /// Where a field's value was written (findings about a value point at it); the start
    /// of the file when the field was not written.
    pub fn position(&self, field: Field) -> Position {
        self.at(field).map_or(Position::START, |at| wide(at.value))
    }

    /// Where a field's key was written; the start of the file when it was not.
    pub fn key_position(&self, field: Field) -> Position {
        self.at(field).map_or(Position::START, |at| wide(at.key))
    }

    /// Where the `n`th checkpoint is written; the `checkpoints` value when unknown.
    pub fn checkpoint_position(&self, n: usize) -> Position {
        self.checkpoint_positions
            .get(n)
            .map_or_else(|| self.position(Field::Checkpoints), |at| wide(*at))
    }

    /// Where the `n`th capability is written; the `capabilities` value when unknown.
    pub fn capability_position(&self, n: usize) -> Position {
        self.capability_positions
            .get(n)
            .map_or_else(|| self.position(Field::Capabilities), |at| wide(*at))
    }

    fn at(&self, field: Field) -> Option<&FieldAt> {
        self.positions.iter().find(|at| at.field == field)
    }

    /// Whether the field was written, valid or not.
    pub fn has(&self, field: Field) -> bool {
        self.at(field).is_some()
    }

    /// Whether the document is a conversation.
    pub fn is_conversation(&self) -> bool {
        self.doc_type.is_some_and(DocType::is_conversation)
    }
}

/// Parses the YAML in `yaml` (a range of `text`) into front matter, adding every problem
/// to `problems`. `None` when the YAML cannot be used at all.
pub fn parse(
    text: &str,
    yaml: Range<usize>,
    index: &LineIndex,
    config: &Config,
    problems: &mut Vec<Problem>,
) -> Option<FrontMatter> {
    let source = &text[yaml.clone()];
    let at = |offset: usize| index.position(text, yaml.start + offset);
    let (mapping, entries) = mapping(source, config, &at, problems)?;
    let places = Places {
        at: &at,
        entries: Entries::new(&entries),
    };
    let mut front = FrontMatter::default();
    // `type` decides which other fields belong, so it is read first.
    if let Some(value) = mapping.get("type") {
        match read_type(value) {
            Ok(doc_type) => front.doc_type = Some(doc_type),
            Err(problem) => problems.push(Problem::InvalidField {
                field: Field::Type,
                position: places.value_at("type"),
                problem,
            }),
        }
    }
    for (key, value) in &mapping {
        read_field(&mut front, key, value, &places, problems);
    }
    missing_fields(&front, problems);
    front.positions.shrink_to_fit();
    Some(front)
}

/// Where the front matter's keys, values and list items are written in the document.
struct Places<'a> {
    /// The position of an offset in the YAML.
    at: &'a dyn Fn(usize) -> Position,
    /// Each entry of the mapping, with its offsets.
    entries: Entries<'a>,
}

impl Places<'_> {
    /// Where `key` is written; the start of the file when it is not.
    fn key_at(&self, key: &str) -> Position {
        self.entries
            .get(key)
            .map_or(Position::START, |e| (self.at)(e.key_at))
    }

    /// Where `key`'s value is written; the start of the file when it is not.
    fn value_at(&self, key: &str) -> Position {
        self.entries
            .get(key)
            .map_or(Position::START, |e| (self.at)(e.value_at))
    }

    /// Where each item of `key`'s list is written (none when it is not a list).
    fn items(&self, key: &str) -> Vec<(u32, u32)> {
        self.entries
            .get(key)
            .map(|entry| {
                entry
                    .items
                    .iter()
                    .map(|&item| compact((self.at)(item)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where an invalid value is reported: a bad date or capability in a list at its item,
    /// anything else at the value.
    fn invalid_at(&self, field: Field, key: &str, value: &Value) -> Position {
        let item = value.as_sequence().and_then(|items| {
            let bad = match field {
                Field::Capabilities => items.iter().position(|i| capability_id(i).is_none()),
                _ => items.iter().position(|item| date(item).is_err()),
            }?;
            self.entries.get(key)?.items.get(bad).copied()
        });
        match (field, item) {
            (Field::Checkpoints | Field::Capabilities, Some(item)) => (self.at)(item),
            _ => self.value_at(key),
        }
    }
}

/// Reads one entry of the mapping into `front`, with where it is written, adding what is
/// wrong with it to `problems`: a key that is not text or not a field, a field the
/// document's type does not use, a value that is invalid. `type` was read already.
fn read_field(
    front: &mut FrontMatter,
    key: &Value,
    value: &Value,
    places: &Places,
    problems: &mut Vec<Problem>,
) {
    let Some(key) = key.as_str() else {
        problems.push(Problem::KeyNotText {
            found: describe(key),
        });
        return;
    };
    let Some(field) = Field::from_name(key) else {
        problems.push(Problem::UnknownField {
            key: key.to_owned(),
            position: places.key_at(key),
        });
        return;
    };
    front.positions.push(FieldAt {
        field,
        key: compact(places.key_at(key)),
        value: compact(places.value_at(key)),
    });
    match field {
        Field::Checkpoints => front.checkpoint_positions = places.items(key),
        Field::Capabilities => front.capability_positions = places.items(key),
        Field::Type => return,
        _ => {}
    }
    if let Some(doc_type) = front.doc_type.filter(|t| !field.applies_to(*t)) {
        problems.push(Problem::FieldNotUsed {
            field,
            doc_type,
            position: places.key_at(key),
        });
        return;
    }
    if let Err(problem) = front.set(field, value) {
        problems.push(Problem::InvalidField {
            field,
            position: places.invalid_at(field, key, value),
            problem,
        });
    }
}

/// The front matter's YAML as a mapping, with every entry's place; `None`, with the
/// problem said, when it is not one (a Markdown heading where the closing fence should
/// be, YAML that does not parse, a list or a scalar). Empty front matter is an empty
/// mapping.
fn mapping(
    source: &str,
    config: &Config,
    at: &impl Fn(usize) -> Position,
    problems: &mut Vec<Problem>,
) -> Option<(yaml_serde::Mapping, Vec<Entry>)> {
    if let Some(offset) = markdown_heading(source, config) {
        problems.push(Problem::UnclosedFrontMatter {
            heading: Some(at(offset)),
        });
        return None;
    }
    let (value, entries) = match crate::text::yaml::simple(source) {
        Some(found) => found,
        None => match crate::text::yaml::parse::<Value>(source) {
            Ok(value) => (value, crate::text::yaml::entries(source)),
            Err(error) => {
                // yaml_serde finds a repeated key only once the mapping is built, and
                // points at the mapping; the parser's events say where the repeat is.
                let repeated = error
                    .message
                    .starts_with("duplicate entry")
                    .then(|| repeated_key(source))
                    .flatten();
                let plain = crate::text::yaml::plain_words(&error, source);
                let position = repeated
                    .or(plain.as_ref().map(|plain| plain.offset))
                    .or(error.offset)
                    .map_or(Position::START, at);
                problems.push(Problem::InvalidYaml {
                    position,
                    plain: plain.map(|plain| plain.words),
                    message: error.message,
                });
                return None;
            }
        },
    };
    match value {
        Value::Mapping(mapping) => Some((mapping, entries)),
        Value::Null => Some((Default::default(), entries)),
        other => {
            problems.push(Problem::NotMapping {
                found: describe(&other),
            });
            None
        }
    }
}

/// The entries of the front matter by key: the first of a repeated key, as a mapping
/// keeps. Found in constant time when there are many, so 60,000 keys cost 60,000
/// look-ups, not 60,000 searches; the dozen keys of real front matter are found faster by
/// a look along the list.
struct Entries<'a> {
    list: &'a [Entry],
    places: Option<HashMap<&'a str, &'a Entry>>,
}

impl<'a> Entries<'a> {
    fn new(list: &'a [Entry]) -> Entries<'a> {
        let places = (list.len() > 16).then(|| {
            let mut places = HashMap::with_capacity(list.len());
            for entry in list {
                places.entry(entry.key.as_str()).or_insert(entry);
            }
            places
        });
        Entries { list, places }
    }

    fn get(&self, key: &str) -> Option<&'a Entry> {
        match &self.places {
            Some(places) => places.get(key).copied(),
            None => self.list.iter().find(|entry| entry.key == key),
        }
    }
}

/// A capability id in a list: a non-empty string.
fn capability_id(item: &Value) -> Option<&str> {
    item.as_str().map(str::trim).filter(|id| !id.is_empty())
}

/// A `type` value: one of the document types, or what is wrong with it.
fn read_type(value: &Value) -> Result<DocType, ValueProblem> {
    match value.as_str() {
        Some(text) => DocType::from_name(text).ok_or_else(|| ValueProblem::NotOneOf {
            text: text.to_owned(),
        }),
        None => Err(ValueProblem::WrongShape {
            expected: "a document type",
            found: describe(value),
        }),
    }
}

/// Says every field the document's type requires (or, without a type, that every
/// document requires) and the front matter lacks.
fn missing_fields(front: &FrontMatter, problems: &mut Vec<Problem>) {
    for field in Field::ALL {
        let required = front
            .doc_type
            .map_or(field.is_always_required(), |t| field.is_required_for(t));
        if required && !front.has(*field) {
            problems.push(Problem::MissingField {
                field: *field,
                doc_type: front.doc_type,
            });
        }
    }
}

/// The offset of the first top-level key that repeats an earlier one.
fn repeated_key(source: &str) -> Option<usize> {
    let mut seen = std::collections::HashSet::new();
    crate::text::yaml::entries(source)
        .into_iter()
        .find(|entry| !seen.insert(entry.key.clone()))
        .map(|entry| entry.key_at)
}

impl FrontMatter {
    /// Validates and stores one field's value.
    fn set(&mut self, field: Field, value: &Value) -> Result<(), ValueProblem> {
        match field {
            Field::Type => {}
            Field::Engineer => self.engineer = Some(id(value)?),
            Field::Manager => self.manager = Some(id(value)?),
            Field::To => self.to = Some(id(value)?),
            Field::Date => return kept(&mut self.date, date(value)),
            Field::FollowUp => return kept(&mut self.follow_up, date(value)),
            Field::SummaryShared => return kept(&mut self.summary_shared, date(value)),
            Field::Start => return kept(&mut self.start, date(value)),
            Field::End => return kept(&mut self.end, date(value)),
            Field::Contract => self.contract = Some(relative_path(value)?),
            Field::Supersedes => self.supersedes = Some(relative_path(value)?),
            Field::Trigger => self.trigger = Some(one_of(value, Trigger::from_name)?),
            Field::Status => self.status = Some(one_of(value, ContractStatus::from_name)?),
            Field::Checkpoints => return self.set_checkpoints(value),
            Field::Capabilities => return self.set_capabilities(value),
            Field::Tags => self.tags = tags(value)?,
        }
        Ok(())
    }

    /// Stores `checkpoints`: every one that can be read is kept, unless the first one
    /// written otherwise is no date at all; that first one is the finding.
    fn set_checkpoints(&mut self, value: &Value) -> Result<(), ValueProblem> {
        let Value::Sequence(items) = value else {
            return Err(ValueProblem::WrongShape {
                expected: "a list of dates",
                found: describe(value),
            });
        };
        let mut first = None;
        let mut checkpoints = Vec::with_capacity(items.len());
        for item in items {
            let mut read = None;
            if let Err(problem) = kept(&mut read, date(item)) {
                first.get_or_insert(problem);
            }
            checkpoints.extend(read);
        }
        if matches!(first, None | Some(ValueProblem::OtherFormat { .. })) {
            self.checkpoints = checkpoints;
        }
        match first {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Stores `capabilities`. What is valid is used (docs/guide.md): the ids, whatever
    /// else the list holds; the first item that is no id is the problem.
    fn set_capabilities(&mut self, value: &Value) -> Result<(), ValueProblem> {
        let Value::Sequence(items) = value else {
            return Err(ValueProblem::WrongShape {
                expected: "a list of capability ids",
                found: describe(value),
            });
        };
        self.capabilities = items
            .iter()
            .filter_map(capability_id)
            .map(str::to_owned)
            .collect();
        if let Some(bad) = items.iter().find(|item| capability_id(item).is_none()) {
            return Err(ValueProblem::NotAnId {
                found: describe(bad),
            });
        }
        Ok(())
    }
}

/// The `tags`: a list of words (numbers and booleans read as written).
fn tags(value: &Value) -> Result<Vec<String>, ValueProblem> {
    let Value::Sequence(items) = value else {
        return Err(ValueProblem::WrongShape {
            expected: "a list",
            found: describe(value),
        });
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(ValueProblem::BadTag {
                found: describe(other),
            }),
        })
        .collect()
}

/// The offset of the first line that reads as a Markdown heading: `##`–`######` and a
/// title, or a heading of any level (`#` included) whose title is private. In YAML it
/// would be a comment, so it means the closing fence is missing and the body, private
/// notes included, is being read as front matter.
fn markdown_heading(source: &str, config: &Config) -> Option<usize> {
    lines(source, 0).find_map(|range| {
        let line = &source[range.clone()];
        let content = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - content.len();
        let hashes = content.bytes().take_while(|b| *b == b'#').count();
        let title = &content[hashes..];
        let spaced = title.is_empty() || title.starts_with([' ', '\t']);
        // A heading may be indented by up to three spaces; a private title at any depth and
        // level is taken for one (where cairn cannot tell, it hides).
        let private = hashes >= 1 && config.is_private(title);
        let heading = spaced && (private || ((2..=6).contains(&hashes) && indent <= 3));
        heading.then_some(range.start)
    })
}

fn id(value: &Value) -> Result<String, ValueProblem> {
    match value.as_str() {
        Some(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        _ => Err(ValueProblem::NotAnId {
            found: describe(value),
        }),
    }
}

fn date(value: &Value) -> Result<NaiveDate, ValueProblem> {
    let Some(text) = value.as_str() else {
        return Err(ValueProblem::NotADate {
            found: describe(value),
            text: None,
        });
    };
    let text = text.trim();
    let text_owned = || text.to_owned();
    match dates::read(text) {
        Written::Exact(date) => Ok(date),
        Written::OneReading(date) => Err(ValueProblem::OtherFormat {
            text: text_owned(),
            date,
        }),
        Written::TwoReadings(day_first, month_first) => Err(ValueProblem::TwoReadings {
            text: text_owned(),
            readings: (day_first, month_first),
        }),
        Written::NotCalendar => Err(ValueProblem::NotACalendarDate { text: text_owned() }),
        Written::NotADate => Err(ValueProblem::NotADate {
            found: format!("`{text}`"),
            text: Some(text_owned()),
        }),
    }
}

/// Stores a date that was read into `slot`, even one written in another format with one
/// reading (so the report counts the conversation), and passes its problem on.
fn kept(
    slot: &mut Option<NaiveDate>,
    read: Result<NaiveDate, ValueProblem>,
) -> Result<(), ValueProblem> {
    match read {
        Ok(date) => {
            *slot = Some(date);
            Ok(())
        }
        Err(problem) => {
            if let ValueProblem::OtherFormat { date, .. } = &problem {
                let date = *date;
                *slot = Some(date);
            }
            Err(problem)
        }
    }
}

fn relative_path(value: &Value) -> Result<String, ValueProblem> {
    match value.as_str().map(str::trim) {
        Some("") => Err(ValueProblem::EmptyPath),
        Some(path) if path.starts_with('/') || path.contains('\\') || path.contains(':') => {
            Err(ValueProblem::NotRelative {
                path: path.to_owned(),
            })
        }
        Some(path) => Ok(path.to_owned()),
        None => Err(ValueProblem::WrongShape {
            expected: "a relative path",
            found: describe(value),
        }),
    }
}

fn one_of<T>(value: &Value, from_name: fn(&str) -> Option<T>) -> Result<T, ValueProblem> {
    match value.as_str() {
        Some(text) => from_name(text).ok_or_else(|| ValueProblem::NotOneOf {
            text: text.to_owned(),
        }),
        None => Err(ValueProblem::WrongShape {
            expected: "one of its values",
            found: describe(value),
        }),
    }
}

/// A short description of a YAML value for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("`{s}`"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(_) => "a tagged value".to_owned(),
    }
}

#[cfg(test)]
mod tests;
