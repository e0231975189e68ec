//! Rules about a file as a whole: whether it can be read, and whether it has front matter.

use crate::domain::diagnostic::{declare_rule, Diagnostic, Message, Position};
use crate::model::document::{Document, Problem};

declare_rule! {
    /// ## What it does
    /// Reports a document that cannot be read: its permissions forbid it, it vanished
    /// between the moment cairn listed it and the moment it read it, or it is no longer a
    /// regular file.
    ///
    /// ## Why is this bad?
    /// A conversation cairn cannot read is one it cannot count: its follow-up, its
    /// commitments and its contract would silently drop out of the report, and the engineer
    /// would look like someone nobody has talked to. Saying so is better than leaving it
    /// out in silence.
    ///
    /// ## Example
    /// A document with mode `000`, or a file deleted while `cairn check` runs.
    ///
    /// Use instead: make the file readable (`chmod u+r FILE`), or run the check again.
    pub static UNREADABLE_FILE = ("unreadable-file", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a document that is not valid UTF-8, at the line of the first bad byte.
    ///
    /// ## Why is this bad?
    /// Notes are text that other people and tools read: an editor that saved Latin-1 or a
    /// binary file named `.md` would show garbage in every review and report.
    ///
    /// ## Example
    /// A file saved as Windows-1252 with `é` written as the byte `0xE9`.
    ///
    /// Use instead: save the file as UTF-8 (every modern editor can; `iconv -f
    /// WINDOWS-1252 -t UTF-8` converts it).
    pub static NOT_UTF8 = ("not-utf8", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a document larger than 1 MiB; cairn reads no further than the limit.
    ///
    /// ## Why is this bad?
    /// A career conversation's notes are a few kilobytes. A file this large is a pasted
    /// log, an export or a binary, and reading it would slow every check of the repository.
    ///
    /// ## Example
    /// `people/alice/2026-03-10-where-now.md` of 5 MB.
    ///
    /// Use instead: keep attachments out of the notes repository, or outside `*.md`.
    pub static FILE_TOO_LARGE = ("file-too-large", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a document that does not start with a `---` front-matter fence.
    ///
    /// ## Why is this bad?
    /// Every document says what it is (`type`), whom it is about (`engineer`, `manager`)
    /// and when it happened (`date`) in its front matter; without it cairn cannot count the
    /// conversation, and a forgotten fence would otherwise make a whole conversation vanish
    /// from the report without a word. The guide's first failure is the conversation that
    /// is "never referenced again": a note cairn cannot read is one of those.
    ///
    /// ## Example
    /// ```markdown
    /// # Where are you now? (Alice, March)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// type: where-now
    /// engineer: alice-nguyen
    /// manager: sam-okafor
    /// date: 2026-03-10
    /// follow_up: 2026-04-10
    /// ---
    /// # Where are you now? (Alice, March)
    /// ```
    pub static MISSING_FRONT_MATTER = ("missing-front-matter", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a `---` opening fence with no closing `---` (or `...`) line after it, and a
    /// Markdown heading where the front matter should have ended.
    ///
    /// ## Why is this bad?
    /// Without the closing fence there is no telling where the metadata ends and the notes
    /// begin; treating the whole file as YAML or as text would both be guesses, so cairn
    /// asks for the fence instead.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// type: prep
    /// engineer: alice-nguyen
    ///
    /// ## Where Alice is operating
    /// ```
    ///
    /// Use instead: close the front matter with a `---` line before the body.
    pub static UNCLOSED_FRONT_MATTER = ("unclosed-front-matter", Error);
}

/// The finding for a folder or file the walk could not read.
pub fn unreadable(problem: &crate::model::discover::Unreadable) -> Diagnostic {
    Diagnostic::new(
        &UNREADABLE_FILE,
        &problem.path,
        Position::START,
        Message::quoting(
            format!("cannot read: {}", problem.why),
            "cannot read the file",
        ),
    )
}

/// The findings of the file's own problems.
pub fn check(document: &Document, out: &mut Vec<Diagnostic>) {
    let path = document.path.as_str();
    for problem in &document.problems {
        let (rule, position, message) = match problem {
            Problem::Unreadable(why) => (
                &UNREADABLE_FILE,
                Position::START,
                Message::quoting(format!("cannot read the file: {why}"), "cannot read the file"),
            ),
            Problem::TooLarge(size) => (
                &FILE_TOO_LARGE,
                Position::START,
                Message::public(format!("the file is {size} bytes, over the 1 MiB limit for a notes file; it was not read")),
            ),
            Problem::NotUtf8(position) => (&NOT_UTF8, *position, "the file is not valid UTF-8; save it as UTF-8".into()),
            Problem::Utf16(order) => (&NOT_UTF8, Position::START, Message::public(format!("the file is UTF-16 ({order}); save it as UTF-8"))),
            Problem::MissingFrontMatter { fence_later: true } => (
                &MISSING_FRONT_MATTER,
                Position::START,
                "the front matter must start on the first line: remove what comes before the first `---`".into(),
            ),
            Problem::MissingFrontMatter { fence_later: false } => (
                &MISSING_FRONT_MATTER,
                Position::START,
                "no front matter: a document starts with a `---` line, then `type`, `engineer`, `manager` and `date`, then `---`; if this file is not a career note, add it to `exclude` in cairn.yaml".into(),
            ),
            Problem::UnclosedFrontMatter { heading: None } => (
                &UNCLOSED_FRONT_MATTER,
                Position::START,
                "the front matter is never closed: add a `---` line after its last field".into(),
            ),
            Problem::UnclosedFrontMatter { heading: Some(position) } => (
                &UNCLOSED_FRONT_MATTER,
                *position,
                "this line looks like a Markdown heading inside the front matter: add the closing `---` line after the last field".into(),
            ),
            _ => continue,
        };
        out.push(Diagnostic::new(rule, path, position, message));
    }
}
