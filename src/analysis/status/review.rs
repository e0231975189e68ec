//! The review of the active contract (docs/guide.md): a progress review at each checkpoint, or
//! every `review_months` without checkpoints.

use chrono::NaiveDate;

use super::{due_status, Due, Record};
use crate::config::{Cadence, Person};
use crate::domain::date::{add_days, add_months, sub_days};
use crate::domain::vocabulary::DocType;
use crate::model::repository::leads_to;

/// A checkpoint of the contract and the review that met it, if one did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The checkpoint, moved by days away since the contract's start.
    pub date: NaiveDate,
    /// The checkpoint as the contract writes it.
    pub written: NaiveDate,
    /// The path of the progress review that met it.
    pub met_by: Option<String>,
}

/// The review of `contract` as of `as_of`, from the held conversations: its due date and
/// status, and the contract's checkpoints with the review that met each.
pub fn review(
    person: &Person,
    contract: &Record,
    held: &[Record],
    cadence: &Cadence,
    as_of: NaiveDate,
) -> (Due, Vec<Checkpoint>) {
    let start = contract.front.start.unwrap_or(contract.date);
    // A review of this contract: one whose `contract:` leads to it, or, naming none, one
    // held within its span. A review of another contract meets none of its checkpoints.
    let of_this_contract = |r: &&Record| match r.front.contract.as_deref() {
        Some(target) => leads_to(r.document.folder(), target, &contract.document.path),
        None => contract.front.end.is_none_or(|end| r.date <= end),
    };
    let mut reviews: Vec<&Record> = held
        .iter()
        .filter(|r| r.doc_type == DocType::ProgressReview && r.date >= start)
        .filter(of_this_contract)
        .collect();
    reviews.sort_by_key(|r| (r.date, &r.document.path));
    let last = reviews.last().map(|r| r.date);
    let checkpoints = checkpoints(person, contract, &reviews, cadence.due_soon_days);
    let (due, due_written) = if checkpoints.is_empty() {
        let from = last.unwrap_or(start);
        let written = add_months(from, cadence.review_months);
        (Some(person.moved(from, written)), Some(written))
    } else {
        // A review held up to `due_soon_days` before a checkpoint meets it.
        let met_until = last.map(|last| add_days(last, cadence.due_soon_days));
        let next = checkpoints
            .iter()
            .find(|c| met_until.is_none_or(|m| c.date > m));
        (next.map(|c| c.date), next.map(|c| c.written))
    };
    let status = due_status(last.is_some(), due, as_of, cadence.due_soon_days, true);
    (
        Due {
            last,
            due,
            due_written,
            status,
        },
        checkpoints,
    )
}

/// The contract's checkpoints in order, each met by the first review not yet used that is
/// held no more than `due_soon_days` before it (and before the next checkpoint's window).
fn checkpoints(
    person: &Person,
    contract: &Record,
    reviews: &[&Record],
    due_soon_days: u32,
) -> Vec<Checkpoint> {
    let start = contract.front.start.unwrap_or(contract.date);
    let mut dates: Vec<(NaiveDate, NaiveDate)> = contract
        .front
        .checkpoints
        .iter()
        .map(|c| (person.moved(start, *c), *c))
        .collect();
    dates.sort_unstable();
    dates.dedup_by_key(|(moved, _)| *moved);
    let mut reviews = reviews.iter().peekable();
    let mut found = Vec::with_capacity(dates.len());
    for (n, (date, written)) in dates.iter().enumerate() {
        let window = sub_days(*date, due_soon_days);
        while reviews.peek().is_some_and(|r| r.date < window) {
            reviews.next();
        }
        let next_window = dates
            .get(n + 1)
            .map(|(next, _)| sub_days(*next, due_soon_days));
        let met_by = reviews
            .next_if(|r| next_window.is_none_or(|w| r.date < w))
            .map(|r| r.document.path.clone());
        found.push(Checkpoint {
            date: *date,
            written: *written,
            met_by,
        });
    }
    found
}
