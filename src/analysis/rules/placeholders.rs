//! `TODO` left in the text.

use super::Context;
use crate::domain::diagnostic::{declare_rule, Diagnostic, Message};
use crate::model::document::{Content, Document, FrontMatter};

declare_rule! {
    /// ## What it does
    /// Warns about `TODO`, `TBD`, `TBC`, `FIXME` or `XXX` standing as a word in a contract
    /// or a conversation, outside private sections, code and HTML comments. (A required
    /// section that holds nothing else is `empty-section`; a conversation whose notes hold
    /// nothing else is `notes-not-written`: this rule stays quiet there.)
    ///
    /// ## Why is this bad?
    /// A placeholder is a promise to come back, and the guide's most common failure is the
    /// conversation that "happens once - and then is never referenced again". A contract
    /// with "TBD" in its evidence of success is not yet an agreement both sides can check
    /// at the next review.
    ///
    /// ## Example
    /// ```markdown
    /// ## Evidence of success
    /// Two design reviews run by Alice; the third TBD.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Evidence of success
    /// Two design reviews run by Alice, and the platform team's sign-off on the design.
    /// ```
    pub static PLACEHOLDER_TEXT = ("placeholder-text", Warning);
}

/// Reports each placeholder word of a contract or a conversation.
pub fn check(document: &Document, front: &FrontMatter, _: &Context, out: &mut Vec<Diagnostic>) {
    let Some(doc_type) = front.doc_type else {
        return;
    };
    if !(doc_type.is_conversation() || doc_type == crate::domain::vocabulary::DocType::Contract) {
        return;
    }
    let unwritten = doc_type.is_conversation() && document.notes_written() == Some(false);
    for placeholder in &document.body.placeholders {
        // Where the section is empty but for placeholders, another rule already says so:
        // `empty-section` for a required one, `notes-not-written` for the notes.
        let said = placeholder
            .section
            .and_then(|at| document.body.sections.get(at))
            .is_some_and(|section| {
                matches!(section.content, Content::Placeholder(_))
                    && (section.required.is_some()
                        || (unwritten && section.role.is_some_and(|r| r.is_notes())))
            });
        if said {
            continue;
        }
        out.push(Diagnostic::new(
            &PLACEHOLDER_TEXT,
            &document.path,
            placeholder.position,
            Message::quoting(
                format!(
                    "`{}` is a placeholder: write what it stands for, or remove it",
                    placeholder.word
                ),
                "placeholder text: write what it stands for, or remove it",
            ),
        ));
    }
}
