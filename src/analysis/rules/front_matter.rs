//! Rules about the front matter: valid YAML, a mapping, every required field, each value
//! of its type and set, no field cairn does not know (docs/format.md).

use super::Context;
use crate::domain::date::Written;
use crate::domain::diagnostic::{declare_rule, Change, Diagnostic, Fix, Message, Position, Rule};
use crate::domain::vocabulary::{ContractStatus, DocType, Field, Trigger};
use crate::model::document::{BadDate, Document, Problem, ValueProblem};
use crate::text::suggest;

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
    /// (`2026-02-30`), or lies outside its set of values (`type`, `status`, `trigger`),
    /// and a `contract` that points to a file that is not a contract: another kind of
    /// note, or no note at all (`cairn.yaml`, an attachment, a folder).
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

/// The findings of the front matter's problems, and of due and done dates in task items
/// that are not calendar dates.
pub fn check(document: &Document, context: &Context, out: &mut Vec<Diagnostic>) {
    let path = document.path.as_str();
    for problem in &document.problems {
        let fix = remedy(document, context, problem);
        let Some((rule, position, message)) = finding(problem) else {
            continue;
        };
        let diagnostic = Diagnostic::new(rule, path, position, message);
        out.push(match fix {
            Some(fix) => diagnostic.with_fix(fix),
            None => diagnostic,
        });
    }
    for bad in &document.body.bad_dates {
        out.push(bad_date(bad, path));
    }
}

/// The rule, place and message of a front-matter problem; `None` for a problem another
/// rule reports.
fn finding(problem: &Problem) -> Option<(&'static Rule, Position, Message)> {
    Some(match problem {
        Problem::InvalidYaml {
            position,
            message,
            plain,
        } => (
            &INVALID_YAML,
            *position,
            invalid_yaml(message, plain.as_deref()),
        ),
        Problem::NotMapping { found } => (
            &FRONT_MATTER_NOT_MAPPING,
            Position::START,
            Message::quoting(
                format!("front matter is {found}, not `field: value` lines"),
                "front matter is not `field: value` lines",
            ),
        ),
        Problem::KeyNotText { found } => (
            &UNKNOWN_FIELD,
            Position::START,
            Message::quoting(
                format!("front-matter key {found} is not a field name"),
                "a front-matter key is not a field name",
            ),
        ),
        Problem::MissingField { field, doc_type } => {
            (&MISSING_FIELD, Position::START, missing(*field, *doc_type))
        }
        Problem::InvalidField {
            field,
            position,
            problem,
        } => (
            &INVALID_FIELD,
            *position,
            Message::quoting(invalid(*field, problem), invalid_public(*field, problem)),
        ),
        Problem::UnknownField { key, position } => (&UNKNOWN_FIELD, *position, unknown_field(key)),
        Problem::FieldNotUsed {
            field,
            doc_type,
            position,
        } => (&UNKNOWN_FIELD, *position, not_used(*field, *doc_type)),
        _ => return None,
    })
}

/// Front matter YAML cannot read: in plain words when cairn has them, with what the
/// parser says.
fn invalid_yaml(message: &str, plain: Option<&str>) -> Message {
    Message::quoting(
        match plain {
            Some(words) => format!("{words}\nthe YAML parser says: {message}"),
            None => format!("front matter is not valid YAML: {message}"),
        },
        "front matter is not valid YAML",
    )
}

/// A required field is missing: which type needs it, unless every document does.
fn missing(field: Field, doc_type: Option<DocType>) -> Message {
    let what = match doc_type {
        Some(t) if !field.is_always_required() => format!(" (every {t} needs it)"),
        _ => String::new(),
    };
    Message::quoting(
        format!("missing required field `{field}`{what}"),
        format!("missing required field `{field}`"),
    )
}

/// A key that is no field, with the field it may be meant for.
fn unknown_field(key: &str) -> Message {
    Message::quoting(
        format!(
            "unknown field `{key}`{}",
            suggest::hint(key, Field::ALL.iter().map(|f| f.name()))
        ),
        // The suggestion is a field's name, never the key as written.
        format!(
            "unknown field{}",
            suggest::hint(key, Field::ALL.iter().map(|f| f.name()))
        ),
    )
}

/// A field that documents of this type do not use, with the types that do.
fn not_used(field: Field, doc_type: DocType) -> Message {
    Message::quoting(
        format!(
            "`{field}` is not used by {doc_type} documents, only by {}",
            field.used_by()
        ),
        format!(
            "`{field}` is not used by this document's `type`, only by {}",
            field.used_by()
        ),
    )
}

/// The `invalid-field` finding of a due or done date in a task item that is not written
/// YYYY-MM-DD, with the fix when it has one reading.
fn bad_date(bad: &BadDate, path: &str) -> Diagnostic {
    let (word, text) = (bad.word, &bad.text);
    let (message, public, fix) = match bad.written {
        Written::OneReading(date) => (
            format!("`{word} {text}` is read as {date}: write it YYYY-MM-DD"),
            format!("the `{word}` date is not written YYYY-MM-DD, though it has one reading: write it YYYY-MM-DD"),
            Some(Fix::safe(Change::Replace {
                from: text.to_string(),
                to: date.to_string(),
            })),
        ),
        Written::TwoReadings(day_first, month_first) => (
            format!(
                "`{word} {text}` could be {day_first} or {month_first}, so cairn reads no date from it: write it YYYY-MM-DD"
            ),
            format!(
                "the `{word}` date could be either of two dates, so cairn reads no date from it: write it YYYY-MM-DD"
            ),
            None,
        ),
        _ => (
            format!("`{word} {text}` is not a calendar date: write a real date as YYYY-MM-DD"),
            format!("the `{word}` date is not a calendar date: write a real date as YYYY-MM-DD"),
            None,
        ),
    };
    let diagnostic = Diagnostic::new(
        &INVALID_FIELD,
        path,
        bad.position,
        Message::quoting(message, public),
    );
    match fix {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    }
}

/// What fixes a front-matter problem, when there is one reading of it (docs/guide.md): the
/// roster's manager for a missing `manager`, `2026-06-03` for `2026-6-3`, `where-now` for
/// `where_now`; and, as a guess, the one field name close to an unknown one.
fn remedy(document: &Document, context: &Context, problem: &Problem) -> Option<Fix> {
    let front = document.front.as_ref()?;
    match problem {
        Problem::MissingField {
            field: Field::Manager,
            ..
        } => {
            let engineer = context.config.person(front.engineer.as_deref()?)?;
            let manager = engineer.manager_on(front.date?)?;
            Some(Fix::safe(Change::AddField {
                field: Field::Manager.name(),
                value: manager.to_owned(),
            }))
        }
        Problem::InvalidField { problem, field, .. } => {
            let (from, to) = match problem {
                ValueProblem::OtherFormat { text, date } => (text, date.to_string()),
                ValueProblem::NotOneOf { text } => {
                    let loose = text.trim().to_lowercase().replace(['_', ' '], "-");
                    let name = values(*field).into_iter().find(|name| *name == loose)?;
                    (text, name.to_owned())
                }
                _ => return None,
            };
            Some(Fix::safe(Change::Replace {
                from: from.clone(),
                to,
            }))
        }
        Problem::UnknownField { key, .. } => {
            // Only a field this type uses: renaming `folow_up` in a contract would trade
            // one finding for another (`follow_up` is for conversations).
            let free = Field::ALL
                .iter()
                .filter(|field| !front.has(**field))
                .filter(|field| front.doc_type.is_none_or(|t| field.applies_to(t)))
                .map(|field| field.name());
            let to = suggest::only_one(key, free)?;
            Some(Fix::guess(Change::Replace {
                from: key.clone(),
                to: to.to_owned(),
            }))
        }
        _ => None,
    }
}

/// The names a field takes, for messages.
fn values(field: Field) -> Vec<&'static str> {
    match field {
        Field::Type => DocType::ALL.iter().map(|t| t.name()).collect(),
        Field::Status => ContractStatus::ALL.iter().map(|t| t.name()).collect(),
        Field::Trigger => Trigger::ALL.iter().map(|t| t.name()).collect(),
        _ => Vec::new(),
    }
}

/// The `invalid-field` message.
fn invalid(field: Field, problem: &ValueProblem) -> String {
    match problem {
        ValueProblem::NotADate { found, .. } => {
            format!("`{field}` must be a date written YYYY-MM-DD, found {found}")
        }
        ValueProblem::NotACalendarDate { text } => {
            format!("`{field}` is `{text}`, which is not a calendar date")
        }
        ValueProblem::OtherFormat { text, date } => {
            format!("`{field}` is `{text}`, read as {date}: write it YYYY-MM-DD")
        }
        ValueProblem::TwoReadings { text, readings } => {
            format!(
                "`{field}` is `{text}`, which could be {} or {}, so it is read as no date: write it YYYY-MM-DD",
                readings.0, readings.1
            )
        }
        ValueProblem::NotAnId { found } if field == Field::Capabilities => {
            format!("`{field}` must list capability ids of the framework, found {found}")
        }
        ValueProblem::NotAnId { found } => {
            format!("`{field}` must be a person id from cairn.yaml, found {found}")
        }
        ValueProblem::NotOneOf { text } => {
            let names = values(field);
            let what = if field == Field::Type {
                ", which is not a document type;"
            } else {
                ";"
            };
            format!(
                "`{field}` is `{text}`{what} use one of {}{}",
                names.join(", "),
                suggest::hint(text, names.iter().copied())
            )
        }
        ValueProblem::WrongShape { expected, found } => {
            let expected = match (*expected, field) {
                ("one of its values", _) => format!("one of {}", values(field).join(", ")),
                (expected, _) => expected.to_owned(),
            };
            // `-2026-07-01` on its own line is text, not an item: the space is missing.
            let dash = if expected.starts_with("a list") && found.starts_with("`-") {
                ": put a space after each item's `-` (`- 2026-07-01`)"
            } else {
                ""
            };
            format!("`{field}` must be {expected}, found {found}{dash}")
        }
        ValueProblem::NotRelative { path } => {
            format!(
                "`{field}` is `{path}`: write a path relative to this document's folder, with `/`"
            )
        }
        ValueProblem::EmptyPath => {
            format!("`{field}` is empty: give the relative path of a contract")
        }
        ValueProblem::BadTag { found } => format!("every tag must be a word, found {found}"),
    }
}

/// What [`invalid`] says, without the value as written.
fn invalid_public(field: Field, problem: &ValueProblem) -> String {
    match problem {
        ValueProblem::NotADate { .. } => format!("`{field}` must be a date written YYYY-MM-DD"),
        ValueProblem::NotACalendarDate { .. } => format!("`{field}` is not a calendar date"),
        ValueProblem::OtherFormat { .. } => {
            format!("`{field}` is not written YYYY-MM-DD, though it has one reading: write it YYYY-MM-DD")
        }
        ValueProblem::TwoReadings { .. } => format!(
            "`{field}` could be either of two dates, so it is read as no date: write it YYYY-MM-DD"
        ),
        ValueProblem::NotAnId { .. } if field == Field::Capabilities => {
            format!("`{field}` must list capability ids of the framework")
        }
        ValueProblem::NotAnId { .. } => {
            format!("`{field}` must be a person id from cairn.yaml")
        }
        ValueProblem::NotOneOf { .. } => {
            format!("`{field}` must be one of {}", values(field).join(", "))
        }
        ValueProblem::WrongShape { expected, .. } => match *expected {
            "one of its values" => format!("`{field}` must be one of {}", values(field).join(", ")),
            expected => format!("`{field}` must be {expected}"),
        },
        ValueProblem::NotRelative { .. } => {
            format!("`{field}` must be a path relative to this document's folder, with `/`")
        }
        ValueProblem::EmptyPath => {
            format!("`{field}` is empty: give the relative path of a contract")
        }
        ValueProblem::BadTag { .. } => "every tag must be a word".to_owned(),
    }
}
