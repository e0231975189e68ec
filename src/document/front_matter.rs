//! The typed front matter of a document, with the line of every field (SPEC 2.1).
//!
//! The YAML is parsed by `yaml_serde` (yaml_serde), which rejects alias bombs and nesting
//! deeper than 128 levels with an error that has a location. Each field is then validated
//! on its own, so one bad field never hides the others.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use yaml_serde::Value;

use super::split::UNCLOSED_FRONT_MATTER;
use crate::config::Config;
use crate::date::{is_date_shaped, parse_date};
use crate::diagnostic::{Diagnostic, Position};
use crate::lines::{lines, LineIndex};
use crate::rules::declare_rule;
use crate::suggest;
use crate::yaml::Entry;

declare_rule! {
    /// ## What it does
    /// Reports front matter that is not valid YAML, at the line of the error in the file.
    /// YAML alias bombs (a few lines that expand to billions of values) and nesting deeper
    /// than 128 levels are rejected here too, so no file can exhaust memory or time.
    ///
    /// ## Why is this bad?
    /// cairn cannot tell what the document is, whom it is about or when it happened, so the
    /// conversation would disappear from every report: its agreed follow-up would never
    /// be chased and its commitments never counted, which is the guide's "we talked about
    /// it once" failure, caused by a typo.
    ///
    /// ## Example
    /// ```yaml
    /// ---
    /// type: where-now
    /// engineer: [alice-nguyen
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// ---
    /// type: where-now
    /// engineer: alice-nguyen
    /// ---
    /// ```
    pub static INVALID_YAML = ("invalid-yaml", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports front matter that is a YAML list or a single value instead of `field: value`
    /// lines.
    ///
    /// ## Why is this bad?
    /// Every field cairn reads is named: `type`, `engineer`, `manager`, `date`. A list or a
    /// bare value names nothing, so cairn cannot tell what the document is or whom it is
    /// about, and the conversation would be missing from the report. It usually means the
    /// `field:` names were left out.
    ///
    /// ## Example
    /// ```yaml
    /// ---
    /// - where-now
    /// - alice-nguyen
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// ---
    /// type: where-now
    /// engineer: alice-nguyen
    /// ---
    /// ```
    pub static FRONT_MATTER_NOT_MAPPING = ("front-matter-not-mapping", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a required field that is absent: `type`, `engineer`, `manager` and `date` on
    /// every document; `status`, `start` and `end` on contracts.
    ///
    /// ## Why is this bad?
    /// These fields are what the report counts: a conversation without a date cannot show
    /// when the next one is due, and a contract without its timeframe is, in the guide's
    /// words, "a document, not a contract": it must say over what timeframe the capability
    /// will be developed.
    ///
    /// ## Example
    /// ```yaml
    /// ---
    /// type: contract
    /// engineer: alice-nguyen
    /// manager: sam-okafor
    /// date: 2026-03-01
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// ---
    /// type: contract
    /// engineer: alice-nguyen
    /// manager: sam-okafor
    /// date: 2026-03-01
    /// status: active
    /// start: 2026-03-01
    /// end: 2027-02-28
    /// ---
    /// ```
    pub static MISSING_FIELD = ("missing-field", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a field whose value has the wrong type, is an impossible date
    /// (`2026-02-30`), or lies outside its set of values (`type`, `status`, `trigger`).
    ///
    /// ## Why is this bad?
    /// A wrong value is worse than a missing one: the report would silently count the
    /// conversation on the wrong day, or not at all, and a contract with a status cairn
    /// does not know is neither active nor finished, so nobody is reminded to review it.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2026-02-30
    /// type: career-chat
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// date: 2026-02-28
    /// type: where-now
    /// ```
    pub static INVALID_FIELD = ("invalid-field", Error);
}

declare_rule! {
    /// ## What it does
    /// Warns about a front-matter field cairn does not know, or one that does not belong to
    /// the document's type (a `status` on a conversation, a `trigger` on anything but an
    /// `as-needed` conversation), with a suggestion when it looks like a typo.
    ///
    /// ## Why is this bad?
    /// A misspelt field is a field cairn never reads: `folow_up: 2026-04-10` looks like an
    /// agreed check-in but the report will say the follow-up was never scheduled, which is
    /// exactly the "we talked about it once" failure the field exists to catch.
    ///
    /// ## Example
    /// ```yaml
    /// folow_up: 2026-04-10
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// follow_up: 2026-04-10
    /// ```
    pub static UNKNOWN_FIELD = ("unknown-field", Warning);
}

/// Defines a closed set of names with their spelling in documents.
macro_rules! names {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in documents.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Parses the written form.
            pub fn from_name(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

names! {
    /// What a document is (SPEC 2.1).
    pub enum DocType {
        /// Annual conversation 1: "Where are you now?"
        WhereNow = "where-now",
        /// Annual conversation 2: "Where do you want to go?"
        WhereGoing = "where-going",
        /// Conversation 3: "How do we close the gap?", which produces a contract.
        CloseGap = "close-gap",
        /// The quarterly review against the contract.
        ProgressReview = "progress-review",
        /// A conversation prompted by an event.
        AsNeeded = "as-needed",
        /// The development contract.
        Contract = "contract",
        /// The manager's preparation.
        Prep = "prep",
        /// The engineer's reflection before a conversation.
        Reflection = "reflection",
    }
}

impl DocType {
    /// The five conversation types; `contract`, `prep` and `reflection` are documents.
    pub fn is_conversation(self) -> bool {
        !matches!(
            self,
            DocType::Contract | DocType::Prep | DocType::Reflection
        )
    }
}

names! {
    /// Where a contract stands.
    pub enum ContractStatus {
        /// Being written; not yet agreed.
        Draft = "draft",
        /// Agreed and running.
        Active = "active",
        /// Ran its course.
        Completed = "completed",
        /// Replaced by a newer contract.
        Superseded = "superseded",
        /// Stopped before its end.
        Abandoned = "abandoned",
    }
}

names! {
    /// What prompted an `as-needed` conversation.
    pub enum Trigger {
        /// A promotion.
        Promotion = "promotion",
        /// A change of role.
        RoleChange = "role-change",
        /// A performance concern.
        PerformanceConcern = "performance-concern",
        /// A significant piece of work.
        SignificantWork = "significant-work",
        /// Anything else.
        Other = "other",
    }
}

names! {
    /// A front-matter field cairn knows.
    pub enum Field {
        /// `type`
        Type = "type",
        /// `engineer`
        Engineer = "engineer",
        /// `manager`
        Manager = "manager",
        /// `date`
        Date = "date",
        /// `follow_up`
        FollowUp = "follow_up",
        /// `summary_shared`
        SummaryShared = "summary_shared",
        /// `contract`
        Contract = "contract",
        /// `trigger`
        Trigger = "trigger",
        /// `status`
        Status = "status",
        /// `start`
        Start = "start",
        /// `end`
        End = "end",
        /// `checkpoints`
        Checkpoints = "checkpoints",
        /// `supersedes`
        Supersedes = "supersedes",
        /// `tags`
        Tags = "tags",
    }
}

impl Field {
    /// Whether documents of this type use the field.
    pub fn applies_to(self, doc_type: DocType) -> bool {
        use Field::*;
        match self {
            Type | Engineer | Manager | Date | Tags => true,
            FollowUp | SummaryShared | Contract => doc_type.is_conversation(),
            Trigger => doc_type == DocType::AsNeeded,
            Status | Start | End | Checkpoints | Supersedes => doc_type == DocType::Contract,
        }
    }

    /// Whether documents of this type must have the field.
    pub fn is_required_for(self, doc_type: DocType) -> bool {
        use Field::*;
        match self {
            Type | Engineer | Manager | Date => true,
            Status | Start | End => doc_type == DocType::Contract,
            _ => false,
        }
    }

    /// The types that use the field, for messages.
    fn used_by(self) -> &'static str {
        use Field::*;
        match self {
            FollowUp | SummaryShared | Contract => "conversations",
            Trigger => "as-needed conversations",
            _ => "contracts",
        }
    }
}

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
    /// Free labels.
    pub tags: Vec<String>,
    /// Where each field written is: its key and its value.
    #[schemars(skip)]
    positions: Vec<FieldAt>,
    /// Where each checkpoint is written.
    #[schemars(skip)]
    checkpoint_positions: Vec<(u32, u32)>,
}

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

/// Parses the YAML in `yaml` (a range of `text`) into front matter, reporting every problem.
/// `None` when the YAML cannot be used at all.
pub fn parse(
    path: &str,
    text: &str,
    yaml: Range<usize>,
    index: &LineIndex,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    let source = &text[yaml.clone()];
    let at = |offset: usize| index.position(text, yaml.start + offset);
    let fence = Position::START;
    if let Some(offset) = markdown_heading(source, config) {
        diagnostics.push(Diagnostic::new(
            &UNCLOSED_FRONT_MATTER,
            path,
            at(offset),
            "this line looks like a Markdown heading inside the front matter: add the closing `---` line after the last field",
        ));
        return None;
    }
    let (value, entries) = match crate::yaml::simple(source) {
        Some(found) => found,
        None => match crate::yaml::parse::<Value>(source) {
            Ok(value) => (value, crate::yaml::entries(source)),
            Err(error) => {
                // yaml_serde finds a repeated key only once the mapping is built, and
                // points at the mapping; the parser's events say where the repeat is.
                let repeated = error
                    .message
                    .starts_with("duplicate entry")
                    .then(|| repeated_key(source))
                    .flatten();
                let position = repeated.or(error.offset).map_or(fence, at);
                diagnostics.push(Diagnostic::new(
                    &INVALID_YAML,
                    path,
                    position,
                    format!("front matter is not valid YAML: {}", error.message),
                ));
                return None;
            }
        },
    };
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => Default::default(),
        other => {
            diagnostics.push(Diagnostic::new(
                &FRONT_MATTER_NOT_MAPPING,
                path,
                fence,
                format!(
                    "front matter is {}, not `field: value` lines",
                    describe(&other)
                ),
            ));
            return None;
        }
    };

    // One entry per key (the first, as a mapping keeps): found in constant time, so 60,000
    // keys cost 60,000 look-ups, not 60,000 searches.
    let mut places: HashMap<&str, &Entry> = HashMap::with_capacity(entries.len());
    for entry in &entries {
        places.entry(entry.key.as_str()).or_insert(entry);
    }
    let key_at = |key: &str| places.get(key).map_or(fence, |e| at(e.key_at));
    let value_at = |key: &str| places.get(key).map_or(fence, |e| at(e.value_at));
    let mut front = FrontMatter::default();
    let mut report = |rule, position, message: String| {
        diagnostics.push(Diagnostic::new(rule, path, position, message));
    };

    // `type` decides which other fields belong, so it is read first.
    if let Some(value) = mapping.get("type") {
        match value.as_str().map(|s| (s, DocType::from_name(s))) {
            Some((_, Some(doc_type))) => front.doc_type = Some(doc_type),
            Some((text, None)) => report(
                &INVALID_FIELD,
                value_at("type"),
                format!(
                    "`type` is `{text}`, which is not a document type; use one of {}{}",
                    list(DocType::ALL.iter().map(|t| t.name())),
                    suggest::hint(text, DocType::ALL.iter().map(|t| t.name()))
                ),
            ),
            None => report(
                &INVALID_FIELD,
                value_at("type"),
                format!("`type` must be a document type, found {}", describe(value)),
            ),
        }
    }

    for (key, value) in &mapping {
        let Some(key) = key.as_str() else {
            report(
                &UNKNOWN_FIELD,
                fence,
                format!("front-matter key {} is not a field name", describe(key)),
            );
            continue;
        };
        let Some(field) = Field::from_name(key) else {
            let hint = suggest::hint(key, Field::ALL.iter().map(|f| f.name()));
            report(
                &UNKNOWN_FIELD,
                key_at(key),
                format!("unknown field `{key}`{hint}"),
            );
            continue;
        };
        front.positions.push(FieldAt {
            field,
            key: compact(key_at(key)),
            value: compact(value_at(key)),
        });
        if field == Field::Checkpoints {
            if let Some(entry) = places.get(key) {
                front.checkpoint_positions =
                    entry.items.iter().map(|&item| compact(at(item))).collect();
            }
        }
        if field == Field::Type {
            continue;
        }
        if let Some(doc_type) = front.doc_type {
            if !field.applies_to(doc_type) {
                report(
                    &UNKNOWN_FIELD,
                    key_at(key),
                    format!(
                        "`{key}` is not used by {doc_type} documents, only by {}",
                        field.used_by()
                    ),
                );
                continue;
            }
        }
        if let Err(message) = front.set(field, value) {
            // A bad date in a list is reported at the item.
            let item = value.as_sequence().and_then(|items| {
                let bad = items.iter().position(|item| date(key, item).is_err())?;
                places.get(key)?.items.get(bad).copied()
            });
            let position = match (field, item) {
                (Field::Checkpoints, Some(item)) => at(item),
                _ => value_at(key),
            };
            report(&INVALID_FIELD, position, message);
        }
    }

    for field in Field::ALL {
        let required = front
            .doc_type
            .map_or(field.is_required_for(DocType::Prep), |t| {
                field.is_required_for(t)
            });
        if required && !mapping.contains_key(field.name()) {
            let what = match front.doc_type {
                Some(t) if !field.is_required_for(DocType::Prep) => {
                    format!(" (every {t} needs it)")
                }
                _ => String::new(),
            };
            report(
                &MISSING_FIELD,
                fence,
                format!("missing required field `{}`{what}", field.name()),
            );
        }
    }
    front.positions.shrink_to_fit();
    Some(front)
}

/// The offset of the first top-level key that repeats an earlier one.
fn repeated_key(source: &str) -> Option<usize> {
    let mut seen = std::collections::HashSet::new();
    crate::yaml::entries(source)
        .into_iter()
        .find(|entry| !seen.insert(entry.key.clone()))
        .map(|entry| entry.key_at)
}

impl FrontMatter {
    /// Validates and stores one field's value; the error is the `invalid-field` message.
    fn set(&mut self, field: Field, value: &Value) -> Result<(), String> {
        let name = field.name();
        match field {
            Field::Type => {}
            Field::Engineer => self.engineer = Some(id(name, value)?),
            Field::Manager => self.manager = Some(id(name, value)?),
            Field::Date => self.date = Some(date(name, value)?),
            Field::FollowUp => self.follow_up = Some(date(name, value)?),
            Field::SummaryShared => self.summary_shared = Some(date(name, value)?),
            Field::Start => self.start = Some(date(name, value)?),
            Field::End => self.end = Some(date(name, value)?),
            Field::Contract => self.contract = Some(relative_path(name, value)?),
            Field::Supersedes => self.supersedes = Some(relative_path(name, value)?),
            Field::Trigger => {
                self.trigger = Some(one_of(
                    name,
                    value,
                    Trigger::ALL,
                    Trigger::name,
                    Trigger::from_name,
                )?)
            }
            Field::Status => {
                self.status = Some(one_of(
                    name,
                    value,
                    ContractStatus::ALL,
                    ContractStatus::name,
                    ContractStatus::from_name,
                )?)
            }
            Field::Checkpoints => {
                let Value::Sequence(items) = value else {
                    return Err(format!(
                        "`checkpoints` must be a list of dates, found {}",
                        describe(value)
                    ));
                };
                self.checkpoints = items
                    .iter()
                    .map(|item| date("checkpoints", item))
                    .collect::<Result<_, _>>()?;
            }
            Field::Tags => {
                let Value::Sequence(items) = value else {
                    return Err(format!("`tags` must be a list, found {}", describe(value)));
                };
                self.tags = items
                    .iter()
                    .map(|item| match item {
                        Value::String(s) => Ok(s.clone()),
                        Value::Number(n) => Ok(n.to_string()),
                        Value::Bool(b) => Ok(b.to_string()),
                        other => Err(format!(
                            "every tag must be a word, found {}",
                            describe(other)
                        )),
                    })
                    .collect::<Result<_, _>>()?;
            }
        }
        Ok(())
    }
}

/// The offset of the first line that reads as a Markdown heading: `##`–`######` and a
/// title, or a heading of any level (`#` included) whose title is private. In YAML it
/// would be a comment, so it means the closing fence is missing and the body, private
/// notes included, is being read as front matter.
fn markdown_heading(source: &str, config: &Config) -> Option<usize> {
    lines(source, 0).find_map(|range| {
        let line = &source[range.clone()];
        let hashes = line.bytes().take_while(|b| *b == b'#').count();
        let title = &line[hashes..];
        let spaced = title.is_empty() || title.starts_with([' ', '\t']);
        let heading =
            spaced && ((2..=6).contains(&hashes) || (hashes == 1 && config.is_private(title)));
        heading.then_some(range.start)
    })
}

fn id(name: &str, value: &Value) -> Result<String, String> {
    match value.as_str() {
        Some(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        _ => Err(format!(
            "`{name}` must be a person id from cairn.yaml, found {}",
            describe(value)
        )),
    }
}

fn date(name: &str, value: &Value) -> Result<NaiveDate, String> {
    let Some(text) = value.as_str() else {
        return Err(format!(
            "`{name}` must be a date written YYYY-MM-DD, found {}",
            describe(value)
        ));
    };
    let text = text.trim();
    parse_date(text).ok_or_else(|| {
        if is_date_shaped(text) {
            format!("`{name}` is `{text}`, which is not a calendar date")
        } else {
            format!("`{name}` must be a date written YYYY-MM-DD, found `{text}`")
        }
    })
}

fn relative_path(name: &str, value: &Value) -> Result<String, String> {
    match value.as_str().map(str::trim) {
        Some("") => Err(format!(
            "`{name}` is empty: give the relative path of a contract"
        )),
        Some(path) if path.starts_with('/') || path.contains('\\') || path.contains(':') => {
            Err(format!(
                "`{name}` is `{path}`: write a path relative to this document's folder, with `/`"
            ))
        }
        Some(path) => Ok(path.to_owned()),
        None => Err(format!(
            "`{name}` must be a relative path, found {}",
            describe(value)
        )),
    }
}

fn one_of<T: Copy>(
    name: &str,
    value: &Value,
    all: &[T],
    to_name: fn(T) -> &'static str,
    from_name: fn(&str) -> Option<T>,
) -> Result<T, String> {
    let names = || all.iter().map(|t| to_name(*t));
    match value.as_str() {
        Some(text) => from_name(text).ok_or_else(|| {
            format!(
                "`{name}` is `{text}`; use one of {}{}",
                list(names()),
                suggest::hint(text, names())
            )
        }),
        None => Err(format!(
            "`{name}` must be one of {}, found {}",
            list(names()),
            describe(value)
        )),
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
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
mod tests {
    use super::*;
    use crate::document::split::{split, Split};

    fn parse_text(text: &str) -> (Option<FrontMatter>, Vec<String>) {
        let Split::Found { yaml, .. } = split(text) else {
            panic!()
        };
        let config = Config::parse("people:\n  - id: a\n    name: A\n").unwrap();
        let mut diagnostics = Vec::new();
        let front = parse(
            "x.md",
            text,
            yaml,
            &LineIndex::new(text),
            &config,
            &mut diagnostics,
        );
        let found = diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} {}",
                    d.position.line, d.position.column, d.rule.name, d.message
                )
            })
            .collect();
        (front, found)
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
    }

    #[test]
    fn reports_each_bad_value_at_its_column_and_each_bad_key_at_its_line() {
        let (_, found) = parse_text("---\ntype: where-now\nengineer: 42\ndate: 2026-02-30\nfolow_up: 2026-03-01\nstatus: active\n---\n");
        assert_eq!(found, [
            "3:11 invalid-field `engineer` must be a person id from cairn.yaml, found the number `42`",
            "4:7 invalid-field `date` is `2026-02-30`, which is not a calendar date",
            "5:1 unknown-field unknown field `folow_up` (did you mean `follow_up`?)",
            "6:1 unknown-field `status` is not used by where-now documents, only by contracts",
            "1:1 missing-field missing required field `manager`",
        ]);
    }

    #[test]
    fn positions_come_from_the_parser_not_the_text() {
        // A quoted value spanning lines holds `date:`; the field is the real key below.
        let (front, _) =
            parse_text("---\ntype: prep\ntags: [\"a\n\ndate: x\"]\ndate: 2026-02-30\n---\n");
        assert!(front.is_some());
        let (_, found) =
            parse_text("---\ntype: prep\ntags: [\"a\n\ndate: x\"]\ndate: 2026-02-30\n---\n");
        assert!(
            found[0].starts_with("6:7 invalid-field `date`"),
            "{found:?}"
        );
        // A repeated key is reported where it repeats.
        let (_, found) = parse_text("---\ntype: prep\nengineer: a\ntags: [x]\nengineer: b\n---\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("5:1 invalid-yaml"), "{found:?}");
    }

    #[test]
    fn yaml_errors_point_into_the_file_whatever_the_line_breaks() {
        let (front, found) = parse_text("---\ntype: prep\nengineer: [alice\n---\n");
        assert!(front.is_none());
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("4:1 invalid-yaml"), "{found:?}");
        // U+2028 and NEL are line breaks for YAML, not for Markdown or editors.
        for text in [
            "---\ntype: prep\u{2028}\u{85}\nengineer: [alice\n---\n",
            "---\ntype: prep\r\r\nengineer: [alice\n---\n",
        ] {
            let (_, found) = parse_text(text);
            let expected = if text.contains("\r\r") {
                "5:1 invalid-yaml"
            } else {
                "4:1 invalid-yaml"
            };
            assert!(found[0].starts_with(expected), "{text:?}: {found:?}");
        }
        let (_, found) = parse_text("---\ntype: prep\nnote: a\u{0}b\n---\n");
        assert!(found[0].starts_with("3:8 invalid-yaml"), "{found:?}");
        let (_, found) = parse_text("---\n- a\n---\n");
        assert_eq!(
            found,
            ["1:1 front-matter-not-mapping front matter is a list, not `field: value` lines"]
        );
    }

    #[test]
    fn a_markdown_heading_means_the_closing_fence_is_missing() {
        let (front, found) =
            parse_text("---\ntype: prep\n# a comment\n## Private notes\nWorried: x\n---\n");
        assert!(front.is_none());
        assert_eq!(found, ["4:1 unclosed-front-matter this line looks like a Markdown heading inside the front matter: add the closing `---` line after the last field"]);
        // A level-1 heading is a YAML comment, unless its title is private.
        let (front, found) = parse_text(
            "---\ntype: prep\n# Private notes, manager only\nworried: she has an offer\n---\n",
        );
        assert!(front.is_none());
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("3:1 unclosed-front-matter"),
            "{found:?}"
        );
        assert!(!found[0].contains("offer"));
    }

    #[test]
    fn many_keys_take_linear_work() {
        // 60,000 distinct unknown keys took seconds when each key's line was searched for.
        let keys: String = (0..60_000).map(|i| format!("k{i}: v\n")).collect();
        let (_, found) = parse_text(&format!("---\ntype: prep\n{keys}---\n"));
        assert_eq!(
            found.iter().filter(|f| f.contains("unknown field")).count(),
            60_000
        );
        assert!(found
            .iter()
            .any(|f| f.starts_with("60002:1 unknown-field unknown field `k59999`")));
    }
}
