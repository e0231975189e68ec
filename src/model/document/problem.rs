//! What can be wrong with a document's file and front matter, as facts. The rules that
//! turn them into findings (with their messages and documentation) live in `rules/`.

use crate::domain::diagnostic::Position;
use crate::domain::vocabulary::{DocType, Field};

/// A problem found while reading and parsing a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read: what the system said.
    Unreadable(String),
    /// The file is larger than the limit: its size in bytes.
    TooLarge(u64),
    /// The file is not UTF-8: where the first bad byte is.
    NotUtf8(Position),
    /// The file is UTF-16, in this byte order.
    Utf16(&'static str),
    /// The file does not start with a `---` line.
    MissingFrontMatter {
        /// A `---` line comes, but not on the first line.
        fence_later: bool,
    },
    /// The front matter has no closing fence.
    UnclosedFrontMatter {
        /// A Markdown heading where the front matter should have ended.
        heading: Option<Position>,
    },
    /// The front matter is not YAML.
    InvalidYaml {
        /// Where the parser stopped.
        position: Position,
        /// The parser's words.
        message: String,
        /// The mistake in a manager's words, when it is a common one.
        plain: Option<String>,
    },
    /// The front matter is a list or a scalar: what it is.
    NotMapping {
        /// A description of the value.
        found: String,
    },
    /// A key that is not text (a list, a number in braces).
    KeyNotText {
        /// A description of the key.
        found: String,
    },
    /// A required field is absent.
    MissingField {
        /// The field.
        field: Field,
        /// The document's type, when known.
        doc_type: Option<DocType>,
    },
    /// A field's value is wrong.
    InvalidField {
        /// The field.
        field: Field,
        /// Where its value is.
        position: Position,
        /// What is wrong with it.
        problem: ValueProblem,
    },
    /// A key that is no field.
    UnknownField {
        /// The key as written.
        key: String,
        /// Where it is.
        position: Position,
    },
    /// A field that the document's type does not use.
    FieldNotUsed {
        /// The field.
        field: Field,
        /// The document's type.
        doc_type: DocType,
        /// Where its key is.
        position: Position,
    },
}

impl Problem {
    /// Whether the file's text was never read (unreadable, too large, in another
    /// encoding): nothing is known of its sections, nor which of its lines are private.
    pub fn is_unread(&self) -> bool {
        matches!(
            self,
            Problem::Unreadable(_) | Problem::TooLarge(_) | Problem::NotUtf8(_) | Problem::Utf16(_)
        )
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// Not a date written `YYYY-MM-DD`: what was found.
    NotADate {
        /// A description of the value.
        found: String,
        /// The value as written, when it is text.
        text: Option<String>,
    },
    /// Written like a date, but no calendar date (`2026-02-30`).
    NotACalendarDate {
        /// The date as written.
        text: String,
    },
    /// A date in another format than `YYYY-MM-DD` that can mean one day only: it is read
    /// as that day (the field is set), and `check` asks for it to be written plainly.
    OtherFormat {
        /// The date as written.
        text: String,
        /// The day it means.
        date: chrono::NaiveDate,
    },
    /// A date that could be either of two days (`04/05/2026`): read as nothing.
    TwoReadings {
        /// The date as written.
        text: String,
        /// Day first, then month first.
        readings: (chrono::NaiveDate, chrono::NaiveDate),
    },
    /// Not a person id: what was found.
    NotAnId {
        /// A description of the value.
        found: String,
    },
    /// Text that is none of the field's values.
    NotOneOf {
        /// The text.
        text: String,
    },
    /// A value of the wrong shape.
    WrongShape {
        /// What the field takes.
        expected: &'static str,
        /// A description of the value.
        found: String,
    },
    /// A path that is absolute, uses `\` or has a scheme.
    NotRelative {
        /// The path.
        path: String,
    },
    /// An empty path.
    EmptyPath,
    /// A tag that is not a word.
    BadTag {
        /// A description of the tag.
        found: String,
    },
}
