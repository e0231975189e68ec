//! The next step in the guide's cycle (docs/guide.md): "where are you now?", "where do you want
//! to go?", "how do we close the gap?", the contract it produces, a progress review at each
//! checkpoint, and the next annual conversation.

use chrono::NaiveDate;
use serde::Serialize;

use super::person::{ContractRecord, Conversation, PersonStatus};
use crate::domain::date::add_months;
use crate::domain::vocabulary::{ContractStatus, DocType};

/// What comes next for a person, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    /// The document to write next (`cairn new <type>`).
    #[serde(rename = "type")]
    pub doc_type: DocType,
    /// When it is due: the previous step's agreed follow-up, else a month after it; a
    /// review at its checkpoint; the annual conversation when it is due.
    pub due: Option<NaiveDate>,
}

/// The next step for `person`, from their conversations and contracts.
pub fn next_step(person: &PersonStatus) -> NextStep {
    // An active contract: a review at each checkpoint, then the next annual conversation.
    if person.contract.is_some() {
        if let Some(due) = person.review.and_then(|r| r.due) {
            return NextStep {
                doc_type: DocType::ProgressReview,
                due: Some(due),
            };
        }
        return annual(person);
    }
    let held: Vec<&Conversation> = person.conversations.iter().filter(|c| c.held).collect();
    let latest = |kind: DocType, after: Option<NaiveDate>| {
        held.iter()
            .rev()
            .find(|c| c.doc_type == kind && after.is_none_or(|a| c.date >= a))
            .copied()
    };
    // The annual cycle starts again when the annual conversation is due.
    let Some(where_now) = latest(DocType::WhereNow, None).filter(|_| {
        !matches!(
            person.annual.status,
            super::DueStatus::Never | super::DueStatus::Overdue
        )
    }) else {
        return annual(person);
    };
    let after = |c: &Conversation| c.follow_up.or(Some(add_months(c.date, 1)));
    let Some(where_going) = latest(DocType::WhereGoing, Some(where_now.date)) else {
        return NextStep {
            doc_type: DocType::WhereGoing,
            due: after(where_now),
        };
    };
    let Some(close_gap) = latest(DocType::CloseGap, Some(where_going.date)) else {
        return NextStep {
            doc_type: DocType::CloseGap,
            due: after(where_going),
        };
    };
    // The cycle starts again with the annual conversation.
    if run_its_course(&person.contracts, close_gap.date) {
        return annual(person);
    }
    // No contract yet, or a draft to agree.
    NextStep {
        doc_type: DocType::Contract,
        due: after(close_gap),
    }
}

/// Whether a contract dated on or after the planning conversation of `planned` has
/// already run its course: completed, superseded or abandoned.
fn run_its_course(contracts: &[ContractRecord], planned: NaiveDate) -> bool {
    contracts.iter().any(|c| {
        c.date >= planned
            && matches!(
                c.status,
                Some(
                    ContractStatus::Completed
                        | ContractStatus::Superseded
                        | ContractStatus::Abandoned
                )
            )
    })
}

/// The annual conversation, when it is due.
fn annual(person: &PersonStatus) -> NextStep {
    NextStep {
        doc_type: DocType::WhereNow,
        due: person.annual.due,
    }
}
