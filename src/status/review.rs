//! The review of the active contract (SPEC 5): a progress review at each checkpoint, or
//! every `review_months` without checkpoints.

use chrono::NaiveDate;

use super::{due_status, Due, Record};
use crate::config::{Cadence, Person};
use crate::date::{add_days, add_months, sub_days};
use crate::repository::leads_to;
use crate::vocabulary::DocType;

/// A checkpoint of the contract and the review that met it, if one did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The checkpoint, moved by days away since the contract's start.
    pub date: NaiveDate,
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
    let due = if checkpoints.is_empty() {
        let from = last.unwrap_or(start);
        Some(person.moved(from, add_months(from, cadence.review_months)))
    } else {
        // A review held up to `due_soon_days` before a checkpoint meets it.
        let met_until = last.map(|last| add_days(last, cadence.due_soon_days));
        checkpoints
            .iter()
            .map(|c| c.date)
            .find(|c| met_until.is_none_or(|m| *c > m))
    };
    let status = due_status(last.is_some(), due, as_of, cadence.due_soon_days, true);
    (Due { last, due, status }, checkpoints)
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
    let mut dates: Vec<NaiveDate> = contract
        .front
        .checkpoints
        .iter()
        .map(|c| person.moved(start, *c))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let mut reviews = reviews.iter().peekable();
    let mut found = Vec::with_capacity(dates.len());
    for (n, date) in dates.iter().enumerate() {
        let window = sub_days(*date, due_soon_days);
        while reviews.peek().is_some_and(|r| r.date < window) {
            reviews.next();
        }
        let next_window = dates.get(n + 1).map(|next| sub_days(*next, due_soon_days));
        let met_by = reviews
            .next_if(|r| next_window.is_none_or(|w| r.date < w))
            .map(|r| r.document.path.clone());
        found.push(Checkpoint {
            date: *date,
            met_by,
        });
    }
    found
}
