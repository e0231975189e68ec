//! Rules about the order of a contract's dates.

use crate::diagnostic::Diagnostic;
use crate::document::front_matter::{DocType, Field, FrontMatter};
use crate::document::Document;
use crate::repository::Repository;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a contract whose `end` is not after its `start`, or a checkpoint outside
    /// [`start`, `end`].
    ///
    /// ## Why is this bad?
    /// The guide's contract is "specific, time-bound": what will be developed "over what
    /// timeframe, with what checkpoints". A timeframe that ends before it starts, or a
    /// checkpoint after the end, means the review will never be scheduled when it should.
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

/// Checks a contract's `start`, `end` and `checkpoints`.
pub fn check(document: &Document, front: &FrontMatter, _: &Repository, out: &mut Vec<Diagnostic>) {
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
            format!("the contract ends on {end}, which is not after its start on {start}"),
        ));
        return;
    }
    for (n, checkpoint) in front.checkpoints.iter().enumerate() {
        if *checkpoint < start || *checkpoint > end {
            out.push(Diagnostic::new(
                &DATE_ORDER,
                &document.path,
                front.checkpoint_position(n),
                format!("checkpoint {checkpoint} lies outside the contract's timeframe {start} to {end}"),
            ));
        }
    }
}
