//! A finding of `cairn check`: which rule, where, and what to do about it; and the rule
//! itself (name, default severity, documentation), declared next to the code that finds it.

use crate::domain::vocabulary::names;

names! {
    /// How serious a finding is. Errors fail `check`; warnings fail it only with `--strict`.
    pub enum Severity {
        /// Worth fixing; does not fail `check` unless `--strict`.
        Warning = "warning",
        /// Fails `check`; the report still uses what is valid in the document.
        Error = "error",
    }
}

/// A rule: its name, its default severity and its documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The kebab-case name, as in `severity[name]`.
    pub name: &'static str,
    /// The severity of every finding, unless `cairn.yaml`'s `rules:` says otherwise.
    pub severity: Severity,
    /// The rule's doc comment: what it checks, why, and examples.
    pub documentation: &'static str,
}

impl Rule {
    /// The documentation as Markdown: the doc comment without the space `///` leaves.
    pub fn text(&self) -> String {
        self.documentation
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first sentence under "What it does", on one line.
    pub fn summary(&self) -> String {
        let text = self.text();
        let what = text
            .split("## What it does")
            .nth(1)
            .unwrap_or("")
            .split("\n\n")
            .next()
            .unwrap_or("");
        let what = what.split_whitespace().collect::<Vec<_>>().join(" ");
        match what.find(". ") {
            Some(end) => what[..=end].to_owned(),
            None => what,
        }
    }

    /// What `cairn explain RULE` prints: a title with the severity, then the text.
    pub fn explanation(&self) -> String {
        format!(
            "# {} ({})\n\n{}\n",
            self.name,
            self.severity.name(),
            self.text().trim_end()
        )
    }
}

/// Declares a rule as a `static` [`Rule`] whose documentation is its own doc comment.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis static $name:ident = ($id:literal, $severity:ident);) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::domain::diagnostic::Rule = $crate::domain::diagnostic::Rule {
            name: $id,
            severity: $crate::domain::diagnostic::Severity::$severity,
            documentation: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

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

/// What a finding says: in full, and for systems off the machine.
///
/// CI logs and code-scanning alerts are read by everyone with access to the pipeline, so
/// what they show may name the rule, the field, the section title the rule expects and
/// the line, but quote nothing written in a note: no front-matter value, heading, item,
/// mention, link target or file content. A rule says both at once, so that none can have
/// a finding without the second. A `&'static str` is both (it cannot hold a document's
/// text); a built `String` must say which it is, [`Message::quoting`] or
/// [`Message::public`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// May quote the document.
    pub full: String,
    /// Quotes nothing written in the document.
    pub public: String,
}

impl Message {
    /// A message that quotes the document, and its words for systems off the machine.
    pub fn quoting(full: impl Into<String>, public: impl Into<String>) -> Message {
        Message {
            full: full.into(),
            public: public.into(),
        }
    }

    /// A message built only from fixed words, rule and field names, configured section
    /// titles and numbers: the same everywhere.
    pub fn public(text: impl Into<String>) -> Message {
        let text = text.into();
        Message {
            full: text.clone(),
            public: text,
        }
    }
}

impl From<&'static str> for Message {
    fn from(text: &'static str) -> Message {
        Message::public(text)
    }
}

/// One finding about one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the repository root, with `/`.
    pub path: String,
    /// Where in the file.
    pub position: Position,
    /// The rule that found it.
    pub rule: &'static Rule,
    /// The finding's severity: the rule's, or what `cairn.yaml`'s `rules:` sets.
    pub severity: Severity,
    /// What is wrong, in one line; it may quote the document (the human and JSON formats
    /// show it on the manager's own machine).
    pub message: String,
    /// What is wrong, quoting nothing written in the document: only fixed words, rule and
    /// field names, configured section titles and numbers. The formats that leave the
    /// machine (SARIF, GitHub annotations) show this one.
    pub public_message: String,
    /// Whether the human format may show the source line. A finding about the end of a
    /// file (a section missing at the end) has no line of its own to show, and the last
    /// lines may be private in intent.
    pub show_source: bool,
    /// What would fix it, when the rule knows (docs/guide.md).
    pub fix: Option<Fix>,
    /// A warning at most, whatever `rules:` says: a finding about a draft's sections,
    /// which is work in progress.
    pub at_most_warning: bool,
}

names! {
    /// Whether a fix may be applied without a person looking at it (docs/guide.md).
    pub enum Safety {
        /// One reading only: `check --fix` applies it.
        Safe = "safe",
        /// A guess, or it invents an agreement: only with `--unsafe-fixes`.
        Unsafe = "unsafe",
    }
}

/// What would fix a finding, said as data by the rule that found it; the fix engine
/// turns it into edits of the file's lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Safe or unsafe.
    pub safety: Safety,
    /// The change.
    pub change: Change,
}

/// A change to a document, anchored at its finding's position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Insert the required section `## title`, with the template's guidance, before the
    /// finding's line, or at the end of the file.
    InsertSection {
        /// The section's title.
        title: String,
        /// At the end of the file, rather than before the finding's line.
        at_end: bool,
    },
    /// Make the finding's line (a bold line, a heading of another level, a misspelt
    /// title) the level-2 heading `## title`.
    Heading {
        /// The section's title.
        title: String,
    },
    /// Add `field: value` as the last line of the front matter.
    AddField {
        /// The field's name.
        field: &'static str,
        /// Its value, as written in YAML.
        value: String,
    },
    /// Add the `follow_up` that `cairn new` would propose.
    AddFollowUp,
    /// Replace `from`, at or after the finding's column on its line, with `to`.
    Replace {
        /// The text as written.
        from: String,
        /// What to write instead.
        to: String,
    },
}

impl Fix {
    /// A safe fix.
    pub fn safe(change: Change) -> Fix {
        Fix {
            safety: Safety::Safe,
            change,
        }
    }

    /// An unsafe fix.
    pub fn guess(change: Change) -> Fix {
        Fix {
            safety: Safety::Unsafe,
            change,
        }
    }

    /// What the fix does, for a code action's title and `check --fix`'s report.
    pub fn title(&self) -> String {
        match &self.change {
            Change::InsertSection { title, .. } => format!("Insert the section `## {title}`"),
            Change::Heading { title } => format!("Make this line `## {title}`"),
            Change::AddField { field, value } => format!("Add `{field}: {value}`"),
            Change::AddFollowUp => "Add the proposed `follow_up`".to_owned(),
            Change::Replace { from, to } => format!("Replace `{from}` with `{to}`"),
        }
    }
}

impl Diagnostic {
    /// A finding of `rule` at `position` in `path`, with the rule's severity.
    pub fn new(
        rule: &'static Rule,
        path: &str,
        position: Position,
        message: impl Into<Message>,
    ) -> Diagnostic {
        let Message { full, public } = message.into();
        Diagnostic {
            path: path.to_owned(),
            position,
            rule,
            severity: rule.severity,
            message: full,
            public_message: public,
            show_source: true,
            fix: None,
            at_most_warning: false,
        }
    }

    /// The same finding, with what would fix it.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// The same finding, shown without a source line.
    pub fn without_source(mut self) -> Diagnostic {
        self.show_source = false;
        self
    }

    /// The order of every output: by path, then position, then rule name; findings that
    /// tie keep the order their rule found them in (a contract's sections in order).
    pub fn sort_key(&self) -> (&str, Position, &str) {
        (&self.path, self.position, self.rule.name)
    }
}
