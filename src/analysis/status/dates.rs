//! Due dates and where they stand (docs/guide.md, "Dates"), and the dated things a person has to
//! do: what the report's "Coming up" and the calendar are made of.

use chrono::NaiveDate;

use crate::domain::date::add_days;
use crate::domain::vocabulary::{names, Owner};

names! {
    /// Where a due date stands.
    pub enum DueStatus {
        /// It never happened, and it is due (or nothing says when).
        Never = "never",
        /// `as_of` is after the due date.
        Overdue = "overdue",
        /// Due within `due_soon_days`.
        DueSoon = "due-soon",
        /// Nothing to do yet.
        Ok = "ok",
    }
}

/// When something was last done and when it is due next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Due {
    /// The last time it happened.
    pub last: Option<NaiveDate>,
    /// When it is due next (moved by time away); `None` when unknown or nothing is left.
    pub due: Option<NaiveDate>,
    /// The same deadline before time away moved it: what the documents and the cadence
    /// say, shown beside a moved `due` so a manager can see why it is later.
    pub due_written: Option<NaiveDate>,
    /// Where that leaves it.
    pub status: DueStatus,
}

/// The status of a due date as of a day: `never` when it never happened and it is due (or
/// nothing says when; with `none_is_ok`, nothing due is `ok`), `overdue` after the due
/// date, `due-soon` within `due_soon_days` of it, else `ok`.
pub fn due_status(
    happened: bool,
    due: Option<NaiveDate>,
    as_of: NaiveDate,
    due_soon_days: u32,
    none_is_ok: bool,
) -> DueStatus {
    match due {
        None if happened || none_is_ok => DueStatus::Ok,
        None => DueStatus::Never,
        Some(due) if as_of > due && !happened => DueStatus::Never,
        Some(due) if as_of > due => DueStatus::Overdue,
        Some(due) if add_days(as_of, due_soon_days) >= due => DueStatus::DueSoon,
        Some(_) => DueStatus::Ok,
    }
}

names! {
    /// What a dated thing is.
    pub enum DatedKind {
        /// The check-in agreed in a conversation.
        FollowUp = "follow-up",
        /// The annual conversation is due.
        AnnualDue = "annual-due",
        /// The active contract's review is due.
        ReviewDue = "review-due",
        /// The monthly check-in on the active contract is due.
        CheckInDue = "check-in-due",
        /// An open commitment is due.
        Commitment = "commitment",
    }
}

/// A date for display: the date itself, or, when time away moved it, with the date as
/// written and by how much ("2026-10-05 (written 2026-06-05; moved by 122 days of leave)"),
/// so nobody wonders why a promise seems to have been kept late or a review forgotten.
pub fn shown(date: NaiveDate, written: Option<NaiveDate>) -> String {
    match written.and_then(|written| moved(date, written)) {
        Some(words) => format!("{date} ({words})"),
        None => date.to_string(),
    }
}

/// "written 2026-06-05; moved by 122 days of leave", or `None` when the date did not move.
pub fn moved(date: NaiveDate, written: NaiveDate) -> Option<String> {
    let days = (date - written).num_days();
    let plural = if days == 1 { "" } else { "s" };
    (days != 0).then(|| format!("written {written}; moved by {days} day{plural} of leave"))
}

/// Something a person (or their manager) has to do by a date: the moved deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// The day, moved by the days the person was away.
    pub date: NaiveDate,
    /// The day as written (or as the cadence gives it) before time away moved it.
    pub written: NaiveDate,
    /// The date of the conversation a follow-up was agreed in, or of the document
    /// holding a commitment: so the words can say which one ("of 2026-05-20").
    pub of: Option<NaiveDate>,
    /// What it is.
    pub kind: DatedKind,
    /// What it comes from: the conversation of a follow-up, the contract of a review, the
    /// document of a commitment (root-relative), or the person's id for the annual
    /// conversation.
    pub source: std::sync::Arc<str>,
    /// A commitment's position among the commitments of its document (0-based).
    pub ordinal: Option<usize>,
    /// A commitment's display text, or the type of the conversation of a follow-up.
    pub text: std::sync::Arc<str>,
    /// A commitment's owner.
    pub owner: Option<Owner>,
    /// The manager it falls to: the document's manager for a manager's commitment.
    pub manager: Option<String>,
    /// Its day has passed (`as_of` is after it).
    pub overdue: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;

    #[test]
    fn due_status_around_the_window_and_the_due_date() {
        let date = |s| parse_date(s).unwrap();
        let due = Some(date("2026-06-15"));
        let at = |as_of| due_status(true, due, date(as_of), 30, false);
        assert_eq!(at("2026-05-15"), DueStatus::Ok);
        assert_eq!(at("2026-05-16"), DueStatus::DueSoon);
        assert_eq!(at("2026-06-15"), DueStatus::DueSoon);
        assert_eq!(at("2026-06-16"), DueStatus::Overdue);
        assert_eq!(
            due_status(false, due, date("2026-06-16"), 30, false),
            DueStatus::Never
        );
        assert_eq!(
            due_status(false, due, date("2026-06-15"), 30, false),
            DueStatus::DueSoon
        );
        assert_eq!(
            due_status(false, None, date("2026-06-16"), 30, false),
            DueStatus::Never
        );
        assert_eq!(
            due_status(false, None, date("2026-06-16"), 30, true),
            DueStatus::Ok
        );
        assert_eq!(
            due_status(true, None, date("2026-06-16"), 30, false),
            DueStatus::Ok
        );
    }
}
