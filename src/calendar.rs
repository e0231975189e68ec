//! The upcoming dates as iCalendar (RFC 5545): one all-day event each, with a UID derived
//! from what the event is, so that re-importing the file updates events instead of
//! duplicating them.

use std::collections::HashMap;

use icalendar::{Calendar, Component, EventLike};

use crate::status::{Status, UpcomingKind};

/// The calendar of every upcoming date of the status (on or after `as_of`).
pub fn render(status: &Status) -> String {
    // DTSTAMP is required; the report's date keeps the output the same on every run.
    let stamp = status
        .as_of
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let mut calendar = Calendar::new();
    calendar.append_property(icalendar::Property::new(
        "PRODID",
        concat!("-//cairn//cairn ", env!("CARGO_PKG_VERSION"), "//EN"),
    ));
    calendar.name("cairn: career conversations");
    let mut seen: HashMap<(UpcomingKind, chrono::NaiveDate, &str), usize> = HashMap::new();
    for upcoming in &status.upcoming {
        let n = seen
            .entry((upcoming.kind, upcoming.date, &upcoming.source))
            .or_default();
        *n += 1;
        let kind = match upcoming.kind {
            UpcomingKind::FollowUp => "follow-up",
            UpcomingKind::AnnualDue => "annual-due",
            UpcomingKind::ReviewDue => "review-due",
            UpcomingKind::Commitment => "commitment",
        };
        let uid = format!("{kind}/{}/{}/{n}@cairn", upcoming.date, upcoming.source);
        let summary = match upcoming.kind {
            UpcomingKind::FollowUp => format!(
                "Follow-up with {} (agreed in the {})",
                upcoming.name, upcoming.detail
            ),
            UpcomingKind::AnnualDue => format!("Annual career conversation due: {}", upcoming.name),
            UpcomingKind::ReviewDue => format!("Contract review due: {}", upcoming.name),
            UpcomingKind::Commitment => {
                let owner = upcoming.owner.map_or("unassigned", |o| match o {
                    crate::vocabulary::Owner::Manager => "manager",
                    crate::vocabulary::Owner::Engineer => "engineer",
                    crate::vocabulary::Owner::Unassigned => "unassigned",
                });
                format!("Due ({owner}, {}): {}", upcoming.name, upcoming.detail)
            }
        };
        calendar.push(
            icalendar::Event::new()
                .uid(&uid)
                .timestamp(stamp)
                // An all-day event: DTEND is exclusive (RFC 5545 3.6.1), so the next day.
                .starts(upcoming.date)
                .ends(upcoming.date.succ_opt().unwrap_or(upcoming.date))
                .summary(&summary)
                .description(&format!("From {}", upcoming.source))
                .done(),
        );
    }
    calendar.done().to_string()
}
