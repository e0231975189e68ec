//! The rule about headings that misspell a section the template writes.

use super::Context;
use crate::domain::diagnostic::{declare_rule, Change, Diagnostic, Fix, Message};
use crate::model::document::{Document, FrontMatter};

declare_rule! {
    /// ## What it does
    /// Warns when a level-2 heading is a near miss of a section that the document type's
    /// template writes (`## What we aggreed`, `## What I herd`), or when such a title is
    /// written as a line of bold text (`**What we agreed**`). cairn reads it as the section
    /// it meant, so your notes still count; the safe fix writes the heading properly.
    ///
    /// ## Why is this bad?
    /// The guide's remedy for the conversation that "happens once … and then is never
    /// referenced again" is to write it down, share it and follow it up. cairn can only
    /// tell that the notes are written, and whose each agreed action is, when it can find
    /// the sections that hold them. Other tools and readers cannot guess what a misspelt
    /// heading meant.
    ///
    /// ## Example
    /// ```markdown
    /// ## What we aggreed
    /// - [ ] @manager introduce Alice to the platform lead (due 2026-06-30)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## What we agreed
    /// - [ ] @manager introduce Alice to the platform lead (due 2026-06-30)
    /// ```
    pub static MISSPELT_HEADING = ("misspelt-heading", Warning);
}

/// A `misspelt-heading` finding for each misspelt heading or bold title.
pub fn check(
    document: &Document,
    _front: &FrontMatter,
    _context: &Context,
    found: &mut Vec<Diagnostic>,
) {
    for misspelt in &document.body.misspelt {
        let title = misspelt.title;
        // The titles are the template's own words: nothing here quotes the document.
        let message = if misspelt.bold {
            format!(
                "line {} is bold text, not a heading: write `## {title}`",
                misspelt.position.line
            )
        } else {
            format!("did you mean `## {title}`?")
        };
        found.push(
            Diagnostic::new(
                &MISSPELT_HEADING,
                &document.path,
                misspelt.position,
                Message::public(message),
            )
            .with_fix(Fix::safe(Change::Heading {
                title: title.to_owned(),
            })),
        );
    }
}
