//! What needs a date in the diary, as iCalendar (RFC 5545; docs/guide.md): one all-day event for
//! each follow-up not yet met, each person's annual conversation, contract review and next
//! monthly check-in, each open commitment, on its (moved) day; what is already overdue on the report's date.
//!
//! Every event's UID names what it is, never its date: re-importing the file after a
//! commitment is rescheduled moves its event instead of adding a second one, and an item
//! that becomes overdue keeps the UID it had while upcoming.

use chrono::NaiveDate;
use icalendar::{Alarm, Calendar, Component, EventLike, Trigger};

use crate::config::Config;

use crate::analysis::status::{Dated, DatedKind, DueStatus, PersonStatus, Status};
use crate::domain::vocabulary::Owner;

/// The calendar of a status. `remind` adds an alarm that many days before each event.
pub fn render(status: &Status, config: &Config, remind: Option<u32>) -> String {
    // DTSTAMP is required; the report's date keeps the output the same on every run.
    let stamp = status
        .as_of
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property((
        "PRODID",
        concat!("-//cairn//cairn ", env!("CARGO_PKG_VERSION"), "//EN"),
    ));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    calendar.name("cairn: career conversations");
    for person in &status.people {
        let events = person_events(status, person, config);
        append(&mut calendar, events, stamp, remind);
    }
    append(&mut calendar, owed_elsewhere(status, config), stamp, remind);
    without_controls(&calendar.done().to_string())
}

/// A person's events, as `(uid, date, summary, description)`: each of their dated items,
/// and for someone who never had a conversation, with no date to hang it on, one today.
fn person_events(
    status: &Status,
    person: &PersonStatus,
    names: &Config,
) -> Vec<(String, NaiveDate, String, String)> {
    let mut events: Vec<(String, NaiveDate, String, String)> = Vec::new();
    for dated in &person.dated {
        let (uid, summary) = named(dated, person, names);
        let (date, summary) = if dated.overdue {
            (
                status.as_of,
                format!("{summary}: overdue since {}", dated.date),
            )
        } else {
            (dated.date, summary)
        };
        // A deadline moved by leave says so, with the date the documents wrote.
        let description = match crate::analysis::status::moved(dated.date, dated.written) {
            Some(moved) => format!("From {}; due {} ({moved})", dated.source, dated.date),
            None => format!("From {}", dated.source),
        };
        events.push((uid, date, summary, description));
    }
    // Someone who never had a conversation, with no date to hang it on.
    if person.annual.due.is_none() && person.annual.status == DueStatus::Never {
        events.push((
            format!("annual/{}", person.id),
            status.as_of,
            format!("Career conversation with {}: none held yet", person.name),
            format!("{} has had no career conversation", person.name),
        ));
    }
    events
}

/// The UID and summary of a person's dated item: the UID names what it is, never its
/// date.
fn named(dated: &Dated, person: &PersonStatus, names: &Config) -> (String, String) {
    match dated.kind {
        DatedKind::FollowUp => (
            format!("follow-up/{}/{}", person.id, dated.source),
            format!(
                "Follow-up with {} (agreed in the {} conversation{})",
                person.name,
                dated.text,
                dated.of.map(|d| format!(" of {d}")).unwrap_or_default()
            ),
        ),
        DatedKind::AnnualDue => (
            format!("annual/{}", person.id),
            format!("Annual career conversation with {}", person.name),
        ),
        DatedKind::ReviewDue => (
            format!("review/{}/{}", person.id, dated.source),
            format!("Contract review with {}", person.name),
        ),
        DatedKind::CheckInDue => (
            format!("check-in/{}", person.id),
            format!(
                "Monthly check-in with {} (how is the development plan going?)",
                person.name
            ),
        ),
        DatedKind::Commitment => {
            let whose = match (dated.owner, dated.manager.as_deref()) {
                (Some(Owner::Manager), Some(manager)) => {
                    format!("{}'s commitment to {}", names.name_of(manager), person.name)
                }
                (Some(Owner::Engineer), _) => format!("{}'s commitment", person.name),
                _ => format!("Commitment for {} (no owner)", person.name),
            };
            (
                format!(
                    "commitment/{}/{}/{}",
                    person.id,
                    dated.source,
                    dated.ordinal.unwrap_or(0)
                ),
                format!("{whose}: {}", names.with_names(&dated.text)),
            )
        }
    }
}

/// The events of commitments made to someone outside the calendar's people (a former
/// report, a leaver): a promise stays with whoever made it, so it is still in its
/// manager's diary.
fn owed_elsewhere(status: &Status, names: &Config) -> Vec<(String, NaiveDate, String, String)> {
    let mut owed_elsewhere = Vec::new();
    for owed in &status.manager_commitments {
        let c = &owed.commitment;
        let (Some(due), Some(manager)) = (c.due, c.manager.as_deref()) else {
            continue;
        };
        if status.people.iter().any(|p| p.id == owed.to) {
            continue;
        }
        let standing = owed
            .standing
            .describe(names)
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let summary = format!(
            "{}'s commitment to {}{standing}: {}",
            names.name_of(manager),
            owed.to_name,
            names.with_names(&c.text)
        );
        let (date, summary) = if c.overdue {
            (status.as_of, format!("{summary}: overdue since {due}"))
        } else {
            (due, summary)
        };
        owed_elsewhere.push((
            format!("commitment/{}/{}/{}", owed.to, c.path, c.ordinal),
            date,
            summary,
            format!("From {}", c.path),
        ));
    }
    owed_elsewhere
}

/// Adds each `(uid, date, summary, description)` as an all-day event.
fn append(
    calendar: &mut Calendar,
    events: Vec<(String, chrono::NaiveDate, String, String)>,
    stamp: chrono::DateTime<chrono::Utc>,
    remind: Option<u32>,
) {
    for (uid, date, summary, description) in events {
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{uid}@cairn"))
            .timestamp(stamp)
            // An all-day event: DTEND is exclusive (RFC 5545 3.6.1), so the next day.
            .starts(date)
            .ends(date.succ_opt().unwrap_or(date))
            .summary(&summary)
            .description(&description);
        if let Some(days) = remind {
            let mut alarm = Alarm::display(
                &summary,
                Trigger::before_start(chrono::Duration::days(i64::from(days))),
            );
            // Left to itself the library stamps an alarm with a random UID and the
            // current time: the file would differ on every run.
            alarm.uid(&format!("{uid}/alarm@cairn")).timestamp(stamp);
            event.alarm(alarm);
        }
        calendar.push(event.done());
    }
}

/// The calendar's text without the control characters RFC 5545 forbids in it (all but
/// tab): a note's ESC or BEL would otherwise reach every calendar that imports the file.
/// The line breaks the format itself writes are CRLF pairs, and they stay; any other CR
/// or LF is the library passing on a value's own, and goes.
fn without_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push_str("\r\n");
            chars.next();
        } else if c == '\t' || !c.is_control() {
            out.push(c);
        }
    }
    out
}
