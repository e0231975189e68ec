//! The roster over time (docs/format.md): who is on the team, who manages whom on a given day,
//! who is away. People join, take leave, change manager and leave; every question the
//! rules and the report ask about a person is asked for a date.

use chrono::NaiveDate;

use crate::domain::date::add_days;
use crate::domain::diagnostic::Position;

/// One person of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The slug used in front matter and `@` mentions.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The person's manager now; a person with a manager is someone's report.
    pub manager: Option<String>,
    /// Free-text role.
    pub role: Option<String>,
    /// Their level: a level of the capability framework when there is one, else free
    /// text.
    pub level: Option<String>,
    /// Where `level` is written in `cairn.yaml`.
    pub level_position: Option<Position>,
    /// When the person joined the team; cadence clocks start here.
    pub since: Option<NaiveDate>,
    /// The last day on the team.
    pub left: Option<NaiveDate>,
    /// Who managed the person before `manager`, oldest first.
    pub previous_managers: Vec<Stint>,
    /// Leave: periods when the person's clocks stop.
    pub away: Vec<Away>,
    /// More public keys that open this person's documents' sealed notes (after a
    /// handover, the new manager's), beside the repository's.
    pub seal_to: Vec<String>,
    /// Where `cairn share --format email` addresses them.
    pub email: Option<String>,
    /// Where the person's `id` is written in `cairn.yaml`.
    pub position: Position,
}

/// A previous manager and the last day they managed the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stint {
    /// The previous manager's id.
    pub manager: String,
    /// Their last day as the person's manager.
    pub until: NaiveDate,
}

/// A period of leave, both days included. Its reason is never recorded: it can be health
/// data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Away {
    /// The first day away.
    pub from: NaiveDate,
    /// The last day away.
    pub to: NaiveDate,
}

#[cfg(test)]
thread_local! {
    /// How many times [`Person::manager_on`] was asked on this thread: the tests compare
    /// it for long chains of managers of doubling lengths.
    pub static MANAGER_LOOKUPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Person {
    /// The manager on `date`: the previous manager with the earliest `until` on or after
    /// the date, else `manager` (docs/format.md).
    pub fn manager_on(&self, date: NaiveDate) -> Option<&str> {
        #[cfg(test)]
        MANAGER_LOOKUPS.with(|n| n.set(n.get() + 1));
        self.previous_managers
            .iter()
            .find(|stint| stint.until >= date)
            .map(|stint| stint.manager.as_str())
            .or(self.manager.as_deref())
    }

    /// Whether the person is on the team on `date`: on or after `since`, on or before
    /// `left`.
    pub fn on_team(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= date) && self.left.is_none_or(|left| date <= left)
    }

    /// The period of leave holding `date`, if any.
    pub fn away_on(&self, date: NaiveDate) -> Option<Away> {
        self.away
            .iter()
            .copied()
            .find(|away| away.from <= date && date <= away.to)
    }

    /// The number of days away in `(after, until]`.
    pub fn away_days(&self, after: NaiveDate, until: NaiveDate) -> u32 {
        self.away
            .iter()
            .map(|away| {
                let from = away.from.max(add_days(after, 1));
                let to = away.to.min(until);
                u32::try_from((to - from).num_days() + 1).unwrap_or(0)
            })
            .sum()
    }

    /// A deadline whose clock started on `started`, moved later by the days away in
    /// (`started`, deadline], repeated until the moved deadline takes in no new days away
    /// (docs/guide.md: clocks stop while away).
    pub fn moved(&self, started: NaiveDate, deadline: NaiveDate) -> NaiveDate {
        if self.away.is_empty() {
            return deadline;
        }
        let mut counted = 0;
        loop {
            let moved = add_days(deadline, counted);
            let days = self.away_days(started, moved);
            if days == counted {
                return moved;
            }
            counted = days;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn alice() -> Person {
        Person {
            id: "alice".into(),
            name: "Alice".into(),
            manager: Some("sam".into()),
            role: None,
            level: None,
            level_position: None,
            since: Some(date("2024-03-01")),
            left: Some(date("2026-10-31")),
            previous_managers: vec![
                Stint {
                    manager: "dana".into(),
                    until: date("2025-04-30"),
                },
                Stint {
                    manager: "lee".into(),
                    until: date("2026-04-30"),
                },
            ],
            away: vec![Away {
                from: date("2026-01-10"),
                to: date("2026-01-19"),
            }],
            seal_to: Vec::new(),
            email: None,
            position: Position::START,
        }
    }

    #[test]
    fn the_manager_on_a_date() {
        let alice = alice();
        assert_eq!(alice.manager_on(date("2024-06-01")), Some("dana"));
        assert_eq!(alice.manager_on(date("2025-04-30")), Some("dana"));
        assert_eq!(alice.manager_on(date("2025-05-01")), Some("lee"));
        assert_eq!(alice.manager_on(date("2026-04-30")), Some("lee"));
        assert_eq!(alice.manager_on(date("2026-05-01")), Some("sam"));
    }

    #[test]
    fn on_the_team_from_since_to_left() {
        let alice = alice();
        assert!(!alice.on_team(date("2024-02-29")));
        assert!(alice.on_team(date("2024-03-01")));
        assert!(alice.on_team(date("2026-10-31")));
        assert!(!alice.on_team(date("2026-11-01")));
    }

    #[test]
    fn deadlines_move_by_the_days_away_until_none_is_new() {
        let alice = alice();
        assert_eq!(alice.away_on(date("2026-01-09")), None);
        assert!(alice.away_on(date("2026-01-10")).is_some());
        assert!(alice.away_on(date("2026-01-19")).is_some());
        assert_eq!(alice.away_on(date("2026-01-20")), None);
        // Clock started before the leave, deadline inside it: 10 days later, which
        // takes in no more leave.
        assert_eq!(
            alice.moved(date("2026-01-01"), date("2026-01-12")),
            date("2026-01-22")
        );
        // A deadline the day before the leave starts does not move.
        assert_eq!(
            alice.moved(date("2026-01-01"), date("2026-01-09")),
            date("2026-01-09")
        );
        // On its first day it moves by one, which takes in another, and so on: ten in all.
        assert_eq!(
            alice.moved(date("2026-01-01"), date("2026-01-10")),
            date("2026-01-20")
        );
        // A clock that starts after the leave never moves.
        assert_eq!(
            alice.moved(date("2026-01-20"), date("2026-02-20")),
            date("2026-02-20")
        );
        // A clock started on the leave's last day: the leave is not inside (started, d].
        assert_eq!(
            alice.moved(date("2026-01-19"), date("2026-01-25")),
            date("2026-01-25")
        );
        assert_eq!(alice.away_days(date("2026-01-01"), date("2026-12-31")), 10);
    }
}
