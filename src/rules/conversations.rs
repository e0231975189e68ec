//! Rules about conversations.

use crate::diagnostic::{Diagnostic, Position};
use crate::document::front_matter::{Field, FrontMatter};
use crate::document::Document;
use crate::repository::Repository;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Warns about a conversation (`where-now`, `where-going`, `close-gap`,
    /// `progress-review`, `as-needed`) without a `follow_up` date.
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

/// Checks that a conversation scheduled its follow-up.
pub fn check(document: &Document, front: &FrontMatter, _: &Repository, out: &mut Vec<Diagnostic>) {
    // An invalid `follow_up` is reported by `invalid-field`; this rule is for a missing one.
    if front.is_conversation() && !front.has(Field::FollowUp) {
        out.push(Diagnostic::new(
            &NO_FOLLOW_UP,
            &document.path,
            Position::START,
            "no `follow_up`: agree the date of the next check-in in the conversation and write it here",
        ));
    }
}
