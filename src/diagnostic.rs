//! A finding of `cairn check`: which rule, where, and what to do about it.

use serde::Serialize;

use crate::rules::Rule;

/// How serious a finding is. Errors fail `check`; warnings fail it only with `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; does not fail `check` unless `--strict`.
    Warning,
    /// Fails `check`; the report skips the document.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based line and column (in characters) in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The start of a file: where whole-file findings point.
    pub const START: Position = Position { line: 1, column: 1 };

    /// A position at the start of `line`.
    pub fn line(line: usize) -> Position {
        Position { line, column: 1 }
    }
}

/// One finding about one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the repository root, with `/`.
    pub path: String,
    /// Where in the file.
    pub position: Position,
    /// The rule that found it; its severity is the finding's.
    pub rule: &'static Rule,
    /// What is wrong, in one line.
    pub message: String,
    /// Whether the human format may show the source line. A finding about the end of a
    /// file (a section missing at the end) has no line of its own to show, and the last
    /// lines may be private in intent.
    pub show_source: bool,
}

impl Diagnostic {
    /// A finding of `rule` at `position` in `path`.
    pub fn new(
        rule: &'static Rule,
        path: &str,
        position: Position,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.to_owned(),
            position,
            rule,
            message: message.into(),
            show_source: true,
        }
    }

    /// The same finding, shown without a source line.
    pub fn without_source(mut self) -> Diagnostic {
        self.show_source = false;
        self
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity
    }

    /// The order of every output: by path, then position, then rule name; findings that
    /// tie keep the order their rule found them in (a contract's sections in order).
    pub fn sort_key(&self) -> (&str, Position, &str) {
        (&self.path, self.position, self.rule.name)
    }
}
