//! Rules about conversations: the guide's "write it down, share it, and schedule the
//! follow-up in the same conversation".

use super::Context;
use crate::domain::diagnostic::{declare_rule, Change, Diagnostic, Fix, Position};
use crate::domain::vocabulary::{DocType, Field};
use crate::model::document::{Document, FrontMatter};

declare_rule! {
    /// ## What it does
    /// Warns about a conversation (`where-now`, `where-going`, `close-gap`,
    /// `progress-review`, `as-needed`) without a `follow_up` date. A `check-in` needs
    /// none: it is five minutes of the monthly 1:1, and next month's check-in is its
    /// follow-up (the report's `no-recent-check-in` watches that cadence).
    ///
    /// ## Why is this bad?
    /// The guide's most common failure is "we talked about it once": an honest conversation
    /// that is never referenced again. Its fix is to "write it down, share it, and schedule
    /// the follow-up in the same conversation". `follow_up` is that scheduled check-in; the
    /// report flags it when it passes with no later conversation.
    ///
    /// ## Example
    /// ```yaml
    /// type: where-going
    /// date: 2026-03-10
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// type: where-going
    /// date: 2026-03-10
    /// follow_up: 2026-04-14
    /// ```
    pub static NO_FOLLOW_UP = ("no-follow-up", Warning);
}

declare_rule! {
    /// ## What it does
    /// Warns about a conversation whose notes are not written: it has a `What I heard` or
    /// `What we agreed` section (or their aliases `Notes`, `Summary`, `Agreed`, `Actions`,
    /// `Next steps`; a check-in's `How it is going` and `What changes`), and every one of
    /// them is empty or holds only placeholders. A
    /// document `cairn new` made before the meeting and nobody filled in.
    ///
    /// ## Why is this bad?
    /// "Write it down, share it, and schedule the follow-up in the same conversation." A
    /// conversation without notes is the guide's "we talked about it once": six months
    /// later nobody remembers what was said or agreed. The report does not count such a
    /// conversation as held, so the annual conversation it stands for still shows as due.
    ///
    /// ## Example
    /// ```markdown
    /// ## What I heard
    /// <!-- The real picture, in your own words. -->
    ///
    /// ## What we agreed
    /// TODO
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## What I heard
    /// Energised by the billing migration; the on-call rota has become a grind.
    ///
    /// ## What we agreed
    /// - [ ] @manager ask about the platform team's design reviews (due 2026-04-15)
    /// ```
    pub static NOTES_NOT_WRITTEN = ("notes-not-written", Warning);
}

/// Checks that a conversation scheduled its follow-up and wrote its notes.
pub fn check(document: &Document, front: &FrontMatter, _: &Context, out: &mut Vec<Diagnostic>) {
    if !front.is_conversation() {
        return;
    }
    // An invalid `follow_up` is reported by `invalid-field`; this rule is for a missing one.
    // A check-in's follow-up is the next check-in, which `checkin_days` already asks for.
    if !front.has(Field::FollowUp) && front.doc_type != Some(DocType::CheckIn) {
        out.push(Diagnostic::new(
            &NO_FOLLOW_UP,
            &document.path,
            Position::START,
            "no `follow_up`: agree the date of the next check-in in the conversation and write it here",
        ).with_fix(Fix::guess(Change::AddFollowUp)));
    }
    if document.notes_written() == Some(false) {
        let first = document
            .body
            .sections
            .iter()
            .find(|s| s.role.is_some_and(|r| r.is_notes()));
        let position = first.map_or(Position::START, |s| s.position);
        // A check-in has no summary to share: its notes are all there is.
        let message = if front.doc_type == Some(DocType::CheckIn) {
            "the notes of this check-in are not written: write how the plan is going and what changes (\"nothing\" is an answer too)"
        } else {
            "the notes of this conversation are not written: write what you heard and what you agreed, then share the summary"
        };
        out.push(Diagnostic::new(
            &NOTES_NOT_WRITTEN,
            &document.path,
            position,
            message,
        ));
    }
}
