//! One person's last twelve months and coming weeks, as data for a drawing (docs/guide.md):
//! where each mark goes is computed here; the HTML template only draws it, and lists the
//! same events as text for screen readers.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::analysis::status::{PersonStatus, Status};
use crate::domain::date::add_days;
use crate::domain::vocabulary::Owner;

/// The drawing's width in SVG units; the page scales it to the screen.
const WIDTH: f64 = 600.0;

/// A person's timeline.
#[derive(Debug, Default, Serialize)]
pub struct Timeline {
    /// The first day shown (12 months before the report's date).
    pub start: Option<NaiveDate>,
    /// The last day shown (the end of the "coming up" window).
    pub end: Option<NaiveDate>,
    /// The width of the drawing.
    pub width: f64,
    /// Where the report's date is.
    pub today: f64,
    /// The first day of each month shown, with its short name.
    pub months: Vec<Tick>,
    /// The active contract's span, clipped to the window.
    pub contract: Option<Span>,
    /// Every event, left to right.
    pub marks: Vec<Mark>,
}

/// A month on the axis.
#[derive(Debug, Serialize)]
pub struct Tick {
    /// Where it is.
    pub x: f64,
    /// "Jan", with the year for January and for the first month shown.
    pub label: String,
    /// Every other month after the first: a narrow screen shows only the others.
    pub minor: bool,
}

/// A span of time.
#[derive(Debug, Serialize)]
pub struct Span {
    /// Where it starts.
    pub x1: f64,
    /// Where it ends.
    pub x2: f64,
}

/// An event on the timeline.
#[derive(Debug, Serialize)]
pub struct Mark {
    /// Where it is.
    pub x: f64,
    /// Its day.
    pub date: NaiveDate,
    /// Its row: 0 conversations, 1 the contract, 2 follow-ups and commitments.
    pub row: u8,
    /// What it is, for styling: a conversation type, `unwritten`, `checkpoint`,
    /// `follow-up`, `commitment`.
    pub kind: String,
    /// Late: an overdue commitment, a missed follow-up or checkpoint.
    pub late: bool,
    /// What it is, in words (the text equivalent and the hover text).
    pub label: String,
}

/// The timeline of one person in a status.
pub fn timeline(person: &PersonStatus, status: &Status) -> Timeline {
    let end = add_days(status.as_of, status.cadence.due_soon_days);
    let start = status
        .as_of
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    let span = (end - start).num_days().max(1) as f64;
    let x = |date: NaiveDate| ((date - start).num_days() as f64 / span * WIDTH).clamp(0.0, WIDTH);
    let inside = |date: NaiveDate| date >= start && date <= end;
    let mut marks = Vec::new();
    for c in &person.conversations {
        if inside(c.date) {
            marks.push(Mark {
                x: x(c.date),
                date: c.date,
                row: 0,
                kind: if c.held {
                    c.doc_type.name().to_owned()
                } else {
                    "unwritten".to_owned()
                },
                late: false,
                label: if c.held {
                    format!("{} conversation", c.doc_type)
                } else {
                    format!("{} conversation, notes not written", c.doc_type)
                },
            });
        }
        if let (true, Some(date), Some(met)) = (c.held, c.follow_up, c.follow_up_met) {
            if inside(date) {
                let late = !met && date < status.as_of;
                marks.push(Mark {
                    x: x(date),
                    date,
                    row: 2,
                    kind: "follow-up".to_owned(),
                    late,
                    label: match (met, late) {
                        (true, _) => format!("follow-up of the {} conversation, met", c.doc_type),
                        (false, true) => {
                            format!("follow-up of the {} conversation, missed", c.doc_type)
                        }
                        (false, false) => format!("follow-up of the {} conversation", c.doc_type),
                    },
                });
            }
        }
    }
    let contract = person.contract.as_ref().and_then(|c| {
        for checkpoint in c.checkpoints.iter().filter(|k| inside(k.date)) {
            let missed = checkpoint.met_by.is_none() && checkpoint.date < status.as_of;
            marks.push(Mark {
                x: x(checkpoint.date),
                date: checkpoint.date,
                row: 1,
                kind: "checkpoint".to_owned(),
                late: missed,
                label: if missed {
                    "contract checkpoint, missed".to_owned()
                } else if checkpoint.met_by.is_some() {
                    "contract checkpoint, reviewed".to_owned()
                } else {
                    "contract checkpoint".to_owned()
                },
            });
        }
        let (from, to) = (c.start?, c.end.unwrap_or(end));
        (to >= start && from <= end).then(|| Span {
            x1: x(from.max(start)),
            x2: x(to.min(end)),
        })
    });
    for c in person.commitments.iter().filter(|c| c.is_open()) {
        if let Some(due) = c.due.filter(|d| inside(*d)) {
            let whose = match c.owner {
                Owner::Manager => "manager's",
                Owner::Engineer => "engineer's",
                Owner::Unassigned => "unassigned",
            };
            marks.push(Mark {
                x: x(due),
                date: due,
                row: 2,
                kind: "commitment".to_owned(),
                late: c.overdue,
                label: format!(
                    "{whose} commitment due{}: {}",
                    if c.overdue { ", overdue" } else { "" },
                    c.text
                ),
            });
        }
    }
    marks.sort_by(|a, b| (a.date, a.row, &a.label).cmp(&(b.date, b.row, &b.label)));
    let mut months = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    while month <= end {
        if month >= start {
            let label = if month.month() == 1 || months.is_empty() {
                month.format("%b %Y").to_string()
            } else {
                month.format("%b").to_string()
            };
            months.push(Tick {
                x: x(month),
                label,
                minor: months.len() % 2 == 1,
            });
        }
        month = match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    Timeline {
        start: Some(start),
        end: Some(end),
        width: WIDTH,
        today: x(status.as_of),
        months,
        contract,
        marks,
    }
}
