//! Commitments as of a date (docs/format.md, 5): who owns each (and which manager), when it is
//! due, whether it was done by then, and whether it is overdue or was delivered late.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::Record;
use crate::config::Person;
use crate::domain::vocabulary::{DoneSource, Owner};
use crate::model::document::Commitment;

/// A commitment and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentStatus {
    /// The document it is written in (root-relative), shared with the other commitments
    /// of that document.
    pub path: Arc<str>,
    /// Its line there.
    pub line: usize,
    /// Its position among the commitments of its document (0-based).
    #[serde(skip)]
    pub ordinal: usize,
    /// Its text for display, shared with the document's.
    pub text: Arc<str>,
    /// Whose it is.
    pub owner: Owner,
    /// For a manager's commitment, which manager: the document's.
    pub manager: Option<String>,
    /// When it is due: for the engineer's own, moved by days they were away; a manager's
    /// promise does not move, since the manager was not away.
    pub due: Option<NaiveDate>,
    /// The due date as written in the document.
    pub due_written: Option<NaiveDate>,
    /// The date of the document it is written in.
    pub of: Option<NaiveDate>,
    /// Done as of `as_of` (ticked, and the done date, if written, not after it).
    pub done: bool,
    /// When it was done, if the item says or git knows (docs/history.md).
    pub done_on: Option<NaiveDate>,
    /// Where `done_on` comes from: `written`, `git`, or `uncommitted` (ticked in the work
    /// tree, not committed yet, so done on `as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on_source: Option<DoneSource>,
    /// Withdrawn by agreement as of `as_of` (`[-]`, and the withdrawn date, if written,
    /// not after it): neither open nor overdue nor late.
    pub withdrawn: bool,
    /// When it was withdrawn, if the item says.
    pub withdrawn_on: Option<NaiveDate>,
    /// Why it was withdrawn, if the item says.
    pub withdrawn_reason: Option<String>,
    /// Open on `as_of` and due before it.
    pub overdue: bool,
    /// Done after its due date.
    pub late: bool,
    /// For a manager's promise passed on at a handover: from whom, and on which day.
    /// `manager` is then the one who took it over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taken_over: Option<TakenOver>,
}

/// A promise passed on at a handover ("taken over from Sam Okafor on 2026-07-01").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TakenOver {
    /// The manager who made it.
    pub from: String,
    /// The handover's date: the first day with the new manager.
    pub on: NaiveDate,
}

/// A handover of the engineer's: from its date, `from`'s open promises are `to`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// The outgoing manager (the handover's `manager`).
    pub from: String,
    /// The incoming manager (its `to`).
    pub to: String,
    /// Its date.
    pub on: NaiveDate,
}

impl CommitmentStatus {
    /// Neither done nor withdrawn on `as_of`: still owed.
    pub fn is_open(&self) -> bool {
        !self.done && !self.withdrawn
    }
}

/// Passes a manager's promise on through the handovers after which it was still open.
fn pass_on(status: &mut CommitmentStatus, item: &Commitment, handovers: &[Handover]) {
    for handover in handovers {
        // Settled before the handover's day, it was never passed on; a box ticked with no
        // date is done at every date, so it stays with whoever made it.
        let settled_before =
            |settled: bool, on: Option<NaiveDate>| settled && on.is_none_or(|on| on < handover.on);
        let open_then = !settled_before(item.done, item.done_on)
            && !settled_before(item.withdrawn, item.withdrawn_on);
        if open_then && status.manager.as_deref() == Some(handover.from.as_str()) {
            status.manager = Some(handover.to.clone());
            status.taken_over = Some(TakenOver {
                from: handover.from.clone(),
                on: handover.on,
            });
        }
    }
}

/// The commitments of the given documents (held conversations and the active contract),
/// sorted by due date (none last), then path and line.
///
/// A promise stays with whoever made it until a handover passes it on: from a handover's
/// date, every promise of its outgoing manager still open on that day is its incoming
/// manager's (`handovers` oldest first, so a promise handed on twice ends with the last).
pub fn commitments(
    person: &Person,
    records: &[&Record],
    handovers: &[Handover],
    as_of: NaiveDate,
) -> Vec<CommitmentStatus> {
    let mut all = Vec::with_capacity(
        records
            .iter()
            .map(|r| r.document.body.commitments.len())
            .sum(),
    );
    for record in records {
        let path: Arc<str> = Arc::clone(&record.path);
        for (ordinal, item) in record.document.body.commitments.iter().enumerate() {
            let mut status = status_of(person, record, &path, ordinal, item, as_of);
            pass_on(&mut status, item, handovers);
            all.push(status);
        }
    }
    // (path, line) is unique: no two orders to keep apart.
    all.sort_unstable_by(|a, b| {
        (a.due.is_none(), a.due, &a.path, a.line).cmp(&(b.due.is_none(), b.due, &b.path, b.line))
    });
    all
}

/// Where one commitment of a document stands on `as_of`: the `ordinal`th of the record's,
/// written in `path` (shared with the document's other commitments), still with whoever
/// made it.
fn status_of(
    person: &Person,
    record: &Record,
    path: &Arc<str>,
    ordinal: usize,
    c: &Commitment,
    as_of: NaiveDate,
) -> CommitmentStatus {
    let done = c.done && c.done_on.is_none_or(|on| on <= as_of);
    // Before the day it was withdrawn, the promise still stood.
    let withdrawn = c.withdrawn && c.withdrawn_on.is_none_or(|on| on <= as_of);
    // The engineer's clock stops while they are away; the manager's does not.
    let due = match c.owner {
        Owner::Engineer => c.due.map(|due| person.moved(record.date, due)),
        _ => c.due,
    };
    CommitmentStatus {
        path: Arc::clone(path),
        line: c.position.line,
        ordinal,
        text: Arc::clone(&c.text),
        owner: c.owner,
        manager: (c.owner == Owner::Manager)
            .then(|| maker(person, record))
            .flatten(),
        due,
        due_written: c.due,
        taken_over: None,
        of: Some(record.date),
        done,
        done_on: c.done_on.filter(|_| done),
        done_on_source: c.done_on_source.filter(|_| done && c.done_on.is_some()),
        withdrawn,
        withdrawn_on: c.withdrawn_on.filter(|_| withdrawn),
        withdrawn_reason: c
            .withdrawn_reason
            .as_deref()
            .filter(|_| withdrawn)
            .map(str::to_owned),
        overdue: !done && !withdrawn && due.is_some_and(|due| due < as_of),
        // Lateness is against the date written: time away does not excuse it.
        late: done && c.done_on.zip(c.due).is_some_and(|(on, due)| on > due),
    }
}

/// The manager who made a manager's promise in `record`: the document's manager, or, where
/// the document names none, the engineer's manager on its date. A promise stays with them
/// until a handover passes it on.
fn maker(person: &Person, record: &Record) -> Option<String> {
    record
        .front
        .manager
        .clone()
        .or_else(|| person.manager_on(record.date).map(str::to_owned))
}
