//! The manager's to-do list (docs/guide.md, `cairn commitments`): the commitments of the people
//! in scope, filtered by owner and state, by due date, each with where it is written
//! (`path:line`, so an editor jumps to its checkbox).

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::status::{CommitmentStatus, Status};
use crate::config::Config;
use crate::domain::vocabulary::{names, Owner};
use crate::render::report::CommitmentView;

names! {
    /// Where a commitment stands.
    pub enum State {
        /// Open, not yet due.
        Open = "open",
        /// Open and past due.
        Overdue = "overdue",
        /// Done, on time (or without a done date).
        Done = "done",
        /// Done after its due date.
        Late = "done-late",
        /// Withdrawn by agreement: neither owed nor broken.
        Withdrawn = "withdrawn",
    }
}

names! {
    /// Which commitments to list.
    pub enum Which {
        /// Open ones, overdue or not (the default).
        Open = "open",
        /// Open and past due.
        Overdue = "overdue",
        /// Done ones.
        Done = "done",
        /// Withdrawn ones.
        Withdrawn = "withdrawn",
        /// Every one, whatever its state.
        All = "all",
    }
}

/// What to list.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Only commitments of this owner.
    pub owner: Option<Owner>,
    /// Only commitments in this state.
    pub which: Which,
    /// Only the commitments made to this engineer.
    pub engineer: Option<String>,
    /// Only the commitments of this manager (the manager who made them, even after a
    /// reorg).
    pub manager: Option<String>,
}

impl Filter {
    /// Whether the commitment `c`, made to the engineer `id`, is listed: of the owner, the
    /// engineer and the manager asked for (a manager's own promises only), in the state
    /// asked for.
    fn selects(&self, id: &str, c: &CommitmentStatus) -> bool {
        self.engineer.as_deref().is_none_or(|e| e == id)
            && self.owner.is_none_or(|o| o == c.owner)
            && self
                .manager
                .as_ref()
                .is_none_or(|m| c.owner == Owner::Manager && c.manager.as_ref() == Some(m))
            && match self.which {
                Which::Open => c.is_open(),
                Which::Overdue => c.overdue,
                Which::Done => c.done,
                Which::Withdrawn => c.withdrawn,
                Which::All => true,
            }
    }
}

impl State {
    /// Where the commitment `c` stands: withdrawn before anything else, and done late
    /// apart from done on time.
    fn of(c: &CommitmentStatus) -> State {
        match (c.done, c.late, c.overdue) {
            _ if c.withdrawn => State::Withdrawn,
            (true, true, _) => State::Late,
            (true, false, _) => State::Done,
            (false, _, true) => State::Overdue,
            (false, _, false) => State::Open,
        }
    }
}

/// The list.
#[derive(Debug, Serialize)]
pub struct Todo {
    /// Always 1: the JSON format's version.
    pub version: u32,
    /// The date of the list.
    pub as_of: NaiveDate,
    /// The commitments, by due date (none last).
    pub commitments: Vec<Item>,
}

/// A commitment in the list.
#[derive(Debug, Serialize)]
pub struct Item {
    /// The engineer it concerns (roster id).
    pub id: String,
    /// Their name.
    pub name: String,
    /// Where it stands.
    pub state: State,
    /// The commitment.
    #[serde(flatten)]
    pub commitment: CommitmentView,
}

/// The commitments of the people in `status` that `filter` selects.
pub fn todo(status: &Status, config: &Config, filter: &Filter) -> Todo {
    let in_scope = |id: &str| {
        status
            .people
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .is_ok()
    };
    // The people in scope, then whoever else a manager's open promise was made to: a
    // former report now someone else's, someone who left. Both are still owed.
    let scoped = status.people.iter().flat_map(|p| {
        p.commitments
            .iter()
            .map(move |c| (p.id.as_str(), p.name.as_str(), p.manager.as_deref(), c))
    });
    let elsewhere = status
        .manager_commitments
        .iter()
        .filter(|o| !in_scope(&o.to))
        .map(|o| (o.to.as_str(), o.to_name.as_str(), None, &o.commitment));
    let mut commitments: Vec<Item> = scoped
        .chain(elsewhere)
        .filter(|(id, .., c)| filter.selects(id, c))
        .map(|(id, name, manager, c)| Item {
            id: id.to_owned(),
            name: name.to_owned(),
            state: State::of(c),
            commitment: CommitmentView {
                previous_manager: c.owner == Owner::Manager
                    && manager.is_some()
                    && c.manager.as_deref() != manager,
                ..CommitmentView::new(c, config)
            },
        })
        .collect();
    commitments.sort_by(|a, b| {
        let (a, b) = ((&a.commitment, &a.id), (&b.commitment, &b.id));
        (a.0.due.is_none(), a.0.due, a.1, &a.0.path, a.0.line).cmp(&(
            b.0.due.is_none(),
            b.0.due,
            b.1,
            &b.0.path,
            b.0.line,
        ))
    });
    Todo {
        version: 1,
        as_of: status.as_of,
        commitments,
    }
}
