//! Whose commitment: a promise a manager made in a conversation stays with that manager
//! after a reorg, and is still owed to an engineer who is away, now reports to someone
//! else, or has left. The manager's own list is every open promise of the managers in
//! scope, to whoever it was made.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{CommitmentStatus, PersonStatus};
use crate::config::Config;
use crate::domain::vocabulary::Owner;

/// An open promise of a manager, and to whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    /// The engineer it was made to (roster id).
    pub to: String,
    /// Their name.
    pub to_name: String,
    /// Where that engineer stands now, seen from the manager who made the promise.
    pub standing: Standing,
    /// The commitment.
    pub commitment: CommitmentStatus,
}

/// Where the engineer a promise was made to stands on `as_of`, seen from its manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Still that manager's report.
    Report,
    /// Now this manager's report (an id).
    ReportOf(String),
    /// Nobody's report now.
    NobodysReport,
    /// Away, until this day.
    Away(NaiveDate),
    /// Left the team on this day.
    Left(NaiveDate),
}

impl Standing {
    /// Where the engineer stands, in a few words with names for ids; `None` for a
    /// manager's own report, which needs no words.
    pub fn describe(&self, names: &crate::config::Config) -> Option<String> {
        match self {
            Standing::Report => None,
            Standing::ReportOf(manager) => Some(format!("now {}'s report", names.name_of(manager))),
            Standing::NobodysReport => Some("nobody's report now".to_owned()),
            Standing::Away(until) => Some(format!("away until {until}")),
            Standing::Left(left) => Some(format!("left {left}")),
        }
    }
}

/// The open manager's commitments to each person with documents (`ids`; only `engineer`
/// when given) made by the `promisers` (every manager when `None`), by due date. `people`
/// are the statuses already computed (in id order); `outside` gives anyone else's.
pub fn owed<'a, 'b>(
    config: &Config,
    people: &[PersonStatus],
    engineer: Option<&str>,
    promisers: Option<&HashSet<&str>>,
    outside: impl Fn(&str) -> Option<&'b PersonStatus>,
    ids: impl Iterator<Item = &'a str>,
    as_of: NaiveDate,
) -> Vec<Owed> {
    let mut found = Vec::new();
    for id in ids.filter(|id| engineer.is_none_or(|e| e == *id)) {
        let status = match people.binary_search_by(|p| p.id.as_str().cmp(id)) {
            Ok(at) => &people[at],
            Err(_) => match outside(id) {
                Some(status) => status,
                None => continue,
            },
        };
        let Some(person) = config.person(id) else {
            continue;
        };
        for c in &status.commitments {
            let theirs = c.owner == Owner::Manager
                && c.is_open()
                && promisers.is_none_or(|m| c.manager.as_deref().is_some_and(|id| m.contains(id)));
            if !theirs {
                continue;
            }
            let standing = match (person.left, person.away_on(as_of)) {
                (Some(left), _) if left < as_of => Standing::Left(left),
                (_, Some(away)) => Standing::Away(away.to),
                _ => match person.manager_on(as_of) {
                    Some(now) if Some(now) == c.manager.as_deref() => Standing::Report,
                    Some(now) => Standing::ReportOf(now.to_owned()),
                    None => Standing::NobodysReport,
                },
            };
            found.push(Owed {
                to: status.id.clone(),
                to_name: status.name.clone(),
                standing,
                commitment: c.clone(),
            });
        }
    }
    // (path, line) is unique: no two orders to keep apart.
    found.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    found
}

/// The order of the list: by due date (none last), then person, path and line.
fn key(owed: &Owed) -> (bool, Option<NaiveDate>, &str, &str, usize) {
    let c = &owed.commitment;
    (c.due.is_none(), c.due, &owed.to, &c.path, c.line)
}
