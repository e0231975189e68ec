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
    let window = Window::new(status);
    let mut marks = Vec::new();
    conversation_marks(person, status, &window, &mut marks);
    let contract = person.contract.as_ref().and_then(|c| {
        for checkpoint in c.checkpoints.iter().filter(|k| window.inside(k.date)) {
            let missed = checkpoint.met_by.is_none() && checkpoint.date < status.as_of;
            marks.push(Mark {
                x: window.x(checkpoint.date),
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
        let (from, to) = (c.start?, c.end.unwrap_or(window.end));
        (to >= window.start && from <= window.end).then(|| Span {
            x1: window.x(from.max(window.start)),
            x2: window.x(to.min(window.end)),
        })
    });
    commitment_marks(person, &window, &mut marks);
    marks.sort_by(|a, b| (a.date, a.row, &a.label).cmp(&(b.date, b.row, &b.label)));
    Timeline {
        start: Some(window.start),
        end: Some(window.end),
        width: WIDTH,
        today: window.x(status.as_of),
        months: months(&window),
        contract,
        marks,
    }
}

/// The days a timeline shows: twelve months before the report's date to the end of its
/// "coming up" window.
struct Window {
    start: NaiveDate,
    end: NaiveDate,
    /// Its length in days, at least one.
    span: f64,
}

impl Window {
    /// The window of a status.
    fn new(status: &Status) -> Window {
        let end = add_days(status.as_of, status.cadence.due_soon_days);
        let start = status
            .as_of
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(NaiveDate::MIN);
        let span = (end - start).num_days().max(1) as f64;
        Window { start, end, span }
    }

    /// Where `date` is on the drawing, kept inside it.
    fn x(&self, date: NaiveDate) -> f64 {
        ((date - self.start).num_days() as f64 / self.span * WIDTH).clamp(0.0, WIDTH)
    }

    /// Whether `date` is shown.
    fn inside(&self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end
    }
}

/// The marks of conversations (held or not written) and of the follow-ups agreed in
/// them.
fn conversation_marks(
    person: &PersonStatus,
    status: &Status,
    window: &Window,
    marks: &mut Vec<Mark>,
) {
    for c in &person.conversations {
        if window.inside(c.date) {
            marks.push(Mark {
                x: window.x(c.date),
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
            if window.inside(date) {
                let late = !met && date < status.as_of;
                marks.push(Mark {
                    x: window.x(date),
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
}

/// The marks of open commitments on their due dates.
fn commitment_marks(person: &PersonStatus, window: &Window, marks: &mut Vec<Mark>) {
    for c in person.commitments.iter().filter(|c| c.is_open()) {
        if let Some(due) = c.due.filter(|d| window.inside(*d)) {
            let whose = match c.owner {
                Owner::Manager => "manager's",
                Owner::Engineer => "engineer's",
                Owner::Unassigned => "unassigned",
            };
            marks.push(Mark {
                x: window.x(due),
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
}

/// The first day of each month in the window, on the axis: the year on January and on
/// the first month shown, and every other month minor.
fn months(window: &Window) -> Vec<Tick> {
    let (start, end) = (window.start, window.end);
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
                x: window.x(month),
                label,
                minor: months.len() % 2 == 1,
            });
        }
        month = match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    months
}
