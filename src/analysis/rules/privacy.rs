//! The rule about how private notes are written.

use super::Context;
use crate::domain::diagnostic::{declare_rule, Change, Diagnostic, Fix, Message, Position};
use crate::model::document::privacy::{Form, PrivateStart};
use crate::model::document::{Document, FrontMatter};
use crate::text::phrase::DEFAULT_PHRASE;

declare_rule! {
    /// ## What it does
    /// Warns when private notes start with anything but a level-2 heading that says so
    /// plainly: a bold line (`**Private notes**`), an HTML heading, a `<summary>`, a
    /// heading of another level or inside a quote or a list, or a title that cairn reads
    /// as private only because it holds the word `private` or `confidential`, or only
    /// once hidden characters, entities, accents or lookalike letters are taken away
    /// (`## Pri&shy;vate`, a Cyrillic `Р`).
    ///
    /// ## Why is this bad?
    /// The guide asks a manager to listen "for what's not said" and to keep what they
    /// notice to themself. cairn hides such notes from every output however they are
    /// written, since a manager writes them in a hurry and where cairn cannot tell, it
    /// hides. But every other reader of the file — a Markdown preview, a colleague's
    /// editor, a script — knows only the plain form, and may show the notes as ordinary
    /// text. Writing `## Private notes` makes the intent plain to every reader.
    ///
    /// The safe fix rewrites the line as `## Private notes` when the start stands alone on
    /// its line and the heading would hide exactly the same lines; otherwise it is yours
    /// to rewrite.
    ///
    /// ## Example
    /// ```markdown
    /// **Private**
    /// She went quiet when the reorg came up.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Private notes
    /// She went quiet when the reorg came up.
    /// ```
    pub static PRIVATE_HEADING = ("private-heading", Warning);
}

declare_rule! {
    /// ## What it does
    /// With `seal.required: true` in `cairn.yaml`, reports a private section whose text
    /// would be committed in plain: any document, unless git seals it on commit (the
    /// `cairn-seal` filter covers it in its work tree, set up by `cairn seal init`), where
    /// the plain working copy is expected.
    ///
    /// ## Why is this bad?
    /// A notes repository is pushed: to a company GitLab that admins read, to a backup, to
    /// a laptop that gets lost. The guide's private notes are what the manager noticed and
    /// keeps to themself; sealed, every commit holds them encrypted to the manager's keys.
    /// In CI, which checks out without the filter, a plain private section means someone
    /// committed it unsealed.
    ///
    /// ## Example
    /// ```markdown
    /// ## Private notes
    /// She went quiet when the reorg came up.
    /// ```
    /// committed from a machine where `cairn seal init` was never run.
    ///
    /// Use instead: run `cairn seal init` in the notes repository, then commit: the
    /// committed file holds
    /// ```markdown
    /// ## Private notes
    /// <!-- cairn:sealed v1 recipients=3f9a1c0e2b7d4a61 -->
    /// -----BEGIN AGE ENCRYPTED FILE-----
    /// …
    /// ```
    pub static PRIVATE_NOT_SEALED = ("private-not-sealed", Error);
}

/// A `private-not-sealed` finding for each private section in plain text that git would
/// commit so.
pub(crate) fn check_sealed(
    document: &Document,
    _front: &FrontMatter,
    context: &Context,
    found: &mut Vec<Diagnostic>,
) {
    if !context.config.seal.required || context.sealed_by_git.contains(&document.path) {
        return;
    }
    for start in document
        .private_starts
        .iter()
        .filter(|s| !s.sealed && !s.empty)
    {
        found.push(Diagnostic::new(
            &PRIVATE_NOT_SEALED,
            &document.path,
            Position::line(start.line),
            Message::public(
                "this private section would be committed in plain text: run `cairn seal init` in this repository, then commit again",
            ),
        ));
    }
}

/// A `private-heading` finding for each start that not every reader sees as private notes.
pub fn check(
    document: &Document,
    _front: &FrontMatter,
    _context: &Context,
    found: &mut Vec<Diagnostic>,
) {
    for start in document.private_starts.iter().filter(|s| !s.plain) {
        let diagnostic = Diagnostic::new(
            &PRIVATE_HEADING,
            &document.path,
            Position::line(start.line),
            // Fixed words and the configured phrase only: nothing the document says.
            Message::public(format!(
                "{} is treated as private notes: write `## {DEFAULT_PHRASE}` so every reader sees it too",
                describe(start)
            )),
        );
        found.push(if start.fixable {
            diagnostic.with_fix(Fix::safe(Change::Heading {
                title: DEFAULT_PHRASE.to_owned(),
            }))
        } else {
            diagnostic
        });
    }
}

/// How the start is written, in a few fixed words: never a word of its title.
fn describe(start: &PrivateStart) -> String {
    match start.form {
        Form::Heading { level, .. } if start.nested => {
            format!("a level-{level} heading inside a quote, a list or a code block")
        }
        Form::Heading { level: 2, .. } => {
            "a heading whose title is not plainly a private phrase of cairn.yaml".to_owned()
        }
        Form::Heading { level, .. } => format!("a level-{level} heading"),
        Form::Other => "a bold line or an HTML heading".to_owned(),
        Form::Sealed => "a sealed block without its heading".to_owned(),
    }
}
