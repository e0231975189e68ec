//! Rules about the order of a document's dates.

use super::Context;
use crate::domain::diagnostic::{declare_rule, Diagnostic, Message};
use crate::domain::vocabulary::{DocType, Field};
use crate::model::document::{Document, FrontMatter};

declare_rule! {
    /// ## What it does
    /// Reports a contract whose `end` is not after its `start`, a checkpoint outside
    /// [`start`, `end`], and a conversation whose `follow_up` or `summary_shared` is before
    /// its own `date`.
    ///
    /// ## Why is this bad?
    /// The guide's contract is "specific, time-bound": what will be developed "over what
    /// timeframe, with what checkpoints". A timeframe that ends before it starts, or a
    /// checkpoint after the end, means the review will never be scheduled when it should.
    /// A follow-up or a shared summary dated before the conversation itself is a typo that
    /// would make the report count a check-in that never happened.
    ///
    /// ## Example
    /// ```yaml
    /// start: 2026-03-01
    /// end: 2026-02-28
    /// checkpoints: [2026-06-01, 2027-06-01]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// start: 2026-03-01
    /// end: 2027-02-28
    /// checkpoints: [2026-06-01, 2026-09-01, 2026-12-01]
    /// ```
    pub static DATE_ORDER = ("date-order", Error);
}

/// Checks a contract's `start`, `end` and `checkpoints`, and a conversation's
/// `follow_up` and `summary_shared`.
pub fn check(document: &Document, front: &FrontMatter, _: &Context, out: &mut Vec<Diagnostic>) {
    if front.is_conversation() {
        let Some(date) = front.date else { return };
        for (field, value) in [
            (Field::FollowUp, front.follow_up),
            (Field::SummaryShared, front.summary_shared),
        ] {
            if let Some(value) = value.filter(|v| *v < date) {
                out.push(Diagnostic::new(
                    &DATE_ORDER,
                    &document.path,
                    front.position(field),
                    Message::quoting(
                        format!("`{field}` is {value}, before the conversation's own date {date}"),
                        format!("`{field}` is before the conversation's own `date`"),
                    ),
                ));
            }
        }
        return;
    }
    if front.doc_type != Some(DocType::Contract) {
        return;
    }
    let (Some(start), Some(end)) = (front.start, front.end) else {
        return;
    };
    if end <= start {
        out.push(Diagnostic::new(
            &DATE_ORDER,
            &document.path,
            front.position(Field::End),
            Message::quoting(
                format!("the contract ends on {end}, which is not after its start on {start}"),
                "the contract's `end` is not after its `start`",
            ),
        ));
        return;
    }
    for (n, checkpoint) in front.checkpoints.iter().enumerate() {
        if *checkpoint < start || *checkpoint > end {
            out.push(Diagnostic::new(
                &DATE_ORDER,
                &document.path,
                front.checkpoint_position(n),
                Message::quoting(
                    format!("checkpoint {checkpoint} lies outside the contract's timeframe {start} to {end}"),
                    format!("checkpoint {} lies outside the contract's timeframe, `start` to `end`", n + 1),
                ),
            ));
        }
    }
}
