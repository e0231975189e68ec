//! What needs attention as of a date (SPEC 5): a pure computation over the repository.
//!
//! For each report (a person with a manager): the annual conversation and the contract
//! review, each with its last date, due date and status; the active contract; every
//! commitment with its owner and whether it is overdue; and the flags, from a fixed
//! vocabulary in a fixed order. Rendering is elsewhere (`report`, `calendar`).

use std::collections::{BTreeMap, HashSet};

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::config::{Config, Person};
use crate::date::{add_days, add_months};
use crate::document::Document;
use crate::document::FrontMatter;
use crate::repository::Repository;
use crate::vocabulary::Owner;
use crate::vocabulary::{ContractStatus, DocType};

/// The status of every selected person, as of a date.
#[derive(Debug, Serialize)]
pub struct Status {
    /// Always 1: the JSON format's version.
    pub version: u32,
    /// The date the status is computed for.
    pub as_of: NaiveDate,
    /// Documents left out because `check` finds errors in them.
    pub skipped_documents: usize,
    /// One entry per selected person with a manager, in id order.
    pub people: Vec<PersonStatus>,
    /// Dates on or after `as_of`: follow-ups, due dates, commitments.
    #[serde(skip)]
    pub upcoming: Vec<Upcoming>,
    /// The cadence the dates were computed with.
    #[serde(skip)]
    pub cadence: crate::config::Cadence,
    /// The managers of the people shown: id and name.
    #[serde(skip)]
    pub managers: Vec<(String, String)>,
}

/// One person's status.
#[derive(Debug, Serialize)]
pub struct PersonStatus {
    /// Roster id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The manager's id.
    pub manager: String,
    /// The annual "where now / where going" conversation.
    pub annual: Due,
    /// The review of the active contract; `None` without one.
    pub review: Option<Due>,
    /// The active contract.
    pub contract: Option<ActiveContract>,
    /// Every commitment of the person's conversations and active contract.
    pub commitments: Vec<CommitmentStatus>,
    /// What needs attention, in [`Flag`] order.
    pub flags: Vec<Flag>,
    /// The date of the latest conversation of any type.
    #[serde(skip)]
    pub last_conversation: Option<NaiveDate>,
}

/// When something was last done and when it is due next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The last time it happened.
    pub last: Option<NaiveDate>,
    /// When it is due next; `None` when unknown or nothing is left.
    pub due: Option<NaiveDate>,
    /// Where that leaves it.
    pub status: DueStatus,
}

/// Where a due date stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueStatus {
    /// It never happened.
    Never,
    /// `as_of` is after the due date.
    Overdue,
    /// Due within `due_soon_days`.
    DueSoon,
    /// Nothing to do yet.
    Ok,
}

/// The active contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveContract {
    /// Root-relative path.
    pub path: String,
    /// The text of the Development goal section.
    pub goal: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day.
    pub end: Option<NaiveDate>,
    /// The first checkpoint on or after `as_of`.
    pub next_checkpoint: Option<NaiveDate>,
}

/// A commitment and whether it is late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentStatus {
    /// The document it is written in.
    pub path: String,
    /// Its line there.
    pub line: usize,
    /// Its text.
    pub text: String,
    /// Whose it is.
    pub owner: Owner,
    /// When it is due.
    pub due: Option<NaiveDate>,
    /// Ticked.
    pub done: bool,
    /// Open and due before `as_of`.
    pub overdue: bool,
}

/// What needs attention, in the order SPEC 5 gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// No conversation of any type.
    NeverHadConversation,
    /// Conversations, but no annual one within `annual_months`.
    AnnualOverdue,
    /// No active contract.
    NoActiveContract,
    /// The active contract ended before `as_of`.
    ContractExpired,
    /// The contract's review is overdue.
    ReviewOverdue,
    /// An agreed follow-up passed with no later conversation.
    MissedFollowUp,
    /// A conversation's summary was not shared within `summary_days`.
    SummaryNotShared,
    /// The manager is late on a commitment.
    ManagerCommitmentsOverdue,
    /// The engineer is late on a commitment.
    EngineerCommitmentsOverdue,
    /// The manager is late while the engineer keeps their side: the guide's
    /// "trust-breaking event".
    TrustAtRisk,
}

impl Flag {
    /// The name used in every output.
    pub fn name(self) -> &'static str {
        match self {
            Flag::NeverHadConversation => "never-had-conversation",
            Flag::AnnualOverdue => "annual-overdue",
            Flag::NoActiveContract => "no-active-contract",
            Flag::ContractExpired => "contract-expired",
            Flag::ReviewOverdue => "review-overdue",
            Flag::MissedFollowUp => "missed-follow-up",
            Flag::SummaryNotShared => "summary-not-shared",
            Flag::ManagerCommitmentsOverdue => "manager-commitments-overdue",
            Flag::EngineerCommitmentsOverdue => "engineer-commitments-overdue",
            Flag::TrustAtRisk => "trust-at-risk",
        }
    }
}

/// A date on or after `as_of` worth putting in a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Upcoming {
    /// The day.
    pub date: NaiveDate,
    /// Whose it is (roster id).
    pub person: String,
    /// Their name.
    pub name: String,
    /// What it is.
    pub kind: UpcomingKind,
    /// The document it comes from (the person's id for the annual conversation).
    pub source: String,
    /// A commitment's text, or the conversation type of a follow-up.
    pub detail: String,
    /// A commitment's owner.
    pub owner: Option<Owner>,
}

/// The kinds of upcoming dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UpcomingKind {
    /// A follow-up agreed in a conversation.
    FollowUp,
    /// The annual conversation is due.
    AnnualDue,
    /// The contract review is due.
    ReviewDue,
    /// An open commitment is due.
    Commitment,
}

/// Which people to include.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Only this engineer.
    pub engineer: Option<String>,
    /// Only this manager's reports.
    pub manager: Option<String>,
}

/// Computes the status as of `as_of`, ignoring documents dated after it and the documents
/// in `broken` (those with check errors).
pub fn compute(
    repository: &Repository,
    broken: &HashSet<&str>,
    as_of: NaiveDate,
    filter: &Filter,
) -> Status {
    let config = &repository.config;
    let mut skipped = 0;
    let mut by_engineer: BTreeMap<&str, Vec<(&Document, &FrontMatter, NaiveDate)>> =
        BTreeMap::new();
    for document in &repository.documents {
        let front = document.front.as_ref();
        let date = front.and_then(|f| f.date);
        if date.is_some_and(|date| date > as_of) {
            continue;
        }
        if broken.contains(document.path.as_str()) {
            skipped += 1;
            continue;
        }
        if let (Some(front), Some(date), Some(engineer)) =
            (front, date, front.and_then(|f| f.engineer.as_deref()))
        {
            by_engineer
                .entry(engineer)
                .or_default()
                .push((document, front, date));
        }
    }

    let mut people: Vec<&Person> = config
        .people
        .iter()
        .filter(|p| p.manager.is_some())
        .filter(|p| filter.engineer.as_ref().is_none_or(|e| *e == p.id))
        .filter(|p| {
            filter
                .manager
                .as_ref()
                .is_none_or(|m| p.manager.as_ref() == Some(m))
        })
        .collect();
    people.sort_by(|a, b| a.id.cmp(&b.id));

    let mut upcoming = Vec::new();
    let people: Vec<PersonStatus> = people
        .into_iter()
        .map(|person| {
            let documents = by_engineer
                .get(person.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            person_status(person, documents, config, as_of, &mut upcoming)
        })
        .collect();
    upcoming.sort_by(|a, b| {
        (a.date, &a.person, a.kind, &a.source, &a.detail)
            .cmp(&(b.date, &b.person, b.kind, &b.source, &b.detail))
    });
    let mut managers: Vec<(String, String)> = people
        .iter()
        .filter_map(|p: &PersonStatus| {
            config
                .person(&p.manager)
                .map(|m| (m.id.clone(), m.name.clone()))
        })
        .collect();
    managers.sort();
    managers.dedup();
    Status {
        version: 1,
        as_of,
        skipped_documents: skipped,
        people,
        upcoming,
        cadence: config.cadence,
        managers,
    }
}

/// The status of a due date as of a day.
pub fn due_status(
    last: Option<NaiveDate>,
    due: Option<NaiveDate>,
    as_of: NaiveDate,
    due_soon_days: u32,
) -> DueStatus {
    match (last, due) {
        (_, Some(due)) if as_of > due => DueStatus::Overdue,
        (_, Some(due)) if add_days(as_of, due_soon_days) >= due => DueStatus::DueSoon,
        (_, Some(_)) => DueStatus::Ok,
        (None, None) => DueStatus::Never,
        (Some(_), None) => DueStatus::Ok,
    }
}

fn person_status(
    person: &Person,
    documents: &[(&Document, &FrontMatter, NaiveDate)],
    config: &Config,
    as_of: NaiveDate,
    upcoming: &mut Vec<Upcoming>,
) -> PersonStatus {
    let cadence = config.cadence;
    let of_type = |wanted: &'static [DocType]| {
        documents
            .iter()
            .filter(move |(_, f, _)| f.doc_type.is_some_and(|t| wanted.contains(&t)))
    };
    let conversations: Vec<_> = documents
        .iter()
        .filter(|(_, f, _)| f.is_conversation())
        .collect();
    let mut add = |date: NaiveDate, kind, source: &str, detail: String, owner| {
        if date >= as_of {
            upcoming.push(Upcoming {
                date,
                person: person.id.clone(),
                name: person.name.clone(),
                kind,
                source: source.to_owned(),
                detail,
                owner,
            });
        }
    };

    // The annual conversation.
    let last = of_type(&[DocType::WhereNow, DocType::WhereGoing])
        .map(|(_, _, date)| *date)
        .max();
    let due = last.map(|last| add_months(last, cadence.annual_months));
    let annual = Due {
        last,
        due,
        status: due_status(last, due, as_of, cadence.due_soon_days),
    };
    if let Some(due) = due {
        add(
            due,
            UpcomingKind::AnnualDue,
            &person.id,
            String::new(),
            None,
        );
    }

    // The active contract (`check` refuses two, so there is at most one here) and its review.
    let active = of_type(&[DocType::Contract])
        .filter(|(_, f, _)| f.status == Some(ContractStatus::Active))
        .max_by_key(|(d, f, date)| (f.start.unwrap_or(*date), &d.path));
    let contract = active.map(|(document, front, _)| ActiveContract {
        path: document.path.clone(),
        goal: document.goal.clone(),
        start: front.start,
        end: front.end,
        next_checkpoint: sorted(&front.checkpoints).into_iter().find(|c| *c >= as_of),
    });
    let review = active.map(|(document, front, date)| {
        let start = front.start.unwrap_or(*date);
        let last = of_type(&[DocType::ProgressReview])
            .map(|(_, _, d)| *d)
            .filter(|d| *d >= start)
            .max();
        let due = if front.checkpoints.is_empty() {
            Some(add_months(last.unwrap_or(start), cadence.review_months))
        } else {
            // A review held up to `due_soon_days` before a checkpoint meets it.
            let met_until = last.map(|last| add_days(last, cadence.due_soon_days));
            sorted(&front.checkpoints)
                .into_iter()
                .find(|c| met_until.is_none_or(|m| *c > m))
        };
        if let Some(due) = due {
            add(
                due,
                UpcomingKind::ReviewDue,
                &document.path,
                String::new(),
                None,
            );
        }
        Due {
            last,
            due,
            status: due_status(Some(start), due, as_of, cadence.due_soon_days),
        }
    });

    // Commitments of every conversation and of the active contract.
    let mut commitments = Vec::new();
    for (document, _, _) in conversations.iter().copied().chain(active) {
        for commitment in &document.commitments {
            let overdue = !commitment.done && commitment.due.is_some_and(|due| due < as_of);
            if let (false, Some(due)) = (commitment.done, commitment.due) {
                add(
                    due,
                    UpcomingKind::Commitment,
                    &document.path,
                    commitment.text.to_string(),
                    Some(commitment.owner),
                );
            }
            commitments.push(CommitmentStatus {
                path: document.path.clone(),
                line: commitment.position.line,
                text: commitment.text.to_string(),
                owner: commitment.owner,
                due: commitment.due,
                done: commitment.done,
                overdue,
            });
        }
    }
    commitments.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));

    for (document, front, _) in &conversations {
        if let Some(follow_up) = front.follow_up {
            let what = front.doc_type.map_or("", DocType::name).to_owned();
            add(
                follow_up,
                UpcomingKind::FollowUp,
                &document.path,
                what,
                None,
            );
        }
    }

    // The flags, in their fixed order.
    let overdue_by = |owner| commitments.iter().any(|c| c.overdue && c.owner == owner);
    let mut flags = Vec::new();
    let mut flag = |condition: bool, flag: Flag| {
        if condition {
            flags.push(flag);
        }
    };
    flag(conversations.is_empty(), Flag::NeverHadConversation);
    flag(
        !conversations.is_empty() && matches!(annual.status, DueStatus::Never | DueStatus::Overdue),
        Flag::AnnualOverdue,
    );
    flag(contract.is_none(), Flag::NoActiveContract);
    flag(
        contract
            .as_ref()
            .and_then(|c| c.end)
            .is_some_and(|end| end < as_of),
        Flag::ContractExpired,
    );
    flag(
        review.is_some_and(|r| r.status == DueStatus::Overdue),
        Flag::ReviewOverdue,
    );
    flag(
        conversations.iter().any(|(_, front, date)| {
            front.follow_up.is_some_and(|f| f < as_of)
                && !conversations.iter().any(|(_, _, later)| later > date)
        }),
        Flag::MissedFollowUp,
    );
    flag(
        conversations.iter().any(|(_, front, date)| {
            front.summary_shared.is_none() && add_days(*date, cadence.summary_days) < as_of
        }),
        Flag::SummaryNotShared,
    );
    let manager_late = overdue_by(Owner::Manager);
    let engineer_late = overdue_by(Owner::Engineer);
    flag(manager_late, Flag::ManagerCommitmentsOverdue);
    flag(engineer_late, Flag::EngineerCommitmentsOverdue);
    let engineer_delivered = commitments
        .iter()
        .any(|c| c.done && c.owner == Owner::Engineer);
    flag(
        manager_late && !engineer_late && engineer_delivered,
        Flag::TrustAtRisk,
    );

    PersonStatus {
        id: person.id.clone(),
        name: person.name.clone(),
        manager: person.manager.clone().unwrap_or_default(),
        annual,
        review,
        contract,
        commitments,
        flags,
        last_conversation: conversations.iter().map(|(_, _, date)| *date).max(),
    }
}

fn sorted(dates: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut dates = dates.to_vec();
    dates.sort_unstable();
    dates
}

/// The headline numbers of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// People in the report.
    pub people: usize,
    /// People with a conversation within the last `annual_months`.
    pub recent_conversation: usize,
    /// People with an active contract.
    pub active_contract: usize,
    /// People whose review is overdue.
    pub overdue_reviews: usize,
    /// Overdue commitments owned by the manager.
    pub overdue_manager_commitments: usize,
}

impl Status {
    /// The headline numbers.
    pub fn summary(&self) -> Summary {
        let since = self
            .as_of
            .checked_sub_months(Months::new(self.cadence.annual_months))
            .unwrap_or(NaiveDate::MIN);
        let count =
            |keep: &dyn Fn(&PersonStatus) -> bool| self.people.iter().filter(|p| keep(p)).count();
        Summary {
            people: self.people.len(),
            recent_conversation: count(&|p| p.last_conversation.is_some_and(|d| d >= since)),
            active_contract: count(&|p| p.contract.is_some()),
            overdue_reviews: count(&|p| p.review.is_some_and(|r| r.status == DueStatus::Overdue)),
            overdue_manager_commitments: self
                .people
                .iter()
                .flat_map(|p| &p.commitments)
                .filter(|c| c.overdue && c.owner == Owner::Manager)
                .count(),
        }
    }

    /// People with flags, most flags first, then by id.
    pub fn needs_attention(&self) -> Vec<&PersonStatus> {
        let mut people: Vec<&PersonStatus> =
            self.people.iter().filter(|p| !p.flags.is_empty()).collect();
        people.sort_by(|a, b| {
            b.flags
                .len()
                .cmp(&a.flags.len())
                .then_with(|| a.id.cmp(&b.id))
        });
        people
    }

    /// Upcoming dates within `due_soon_days` of `as_of`.
    pub fn coming_up(&self) -> Vec<&Upcoming> {
        let until = add_days(self.as_of, self.cadence.due_soon_days);
        self.upcoming.iter().filter(|u| u.date <= until).collect()
    }

    /// The managers' open commitments, by due date (undated last), with whose they are.
    pub fn manager_commitments(&self) -> Vec<(&PersonStatus, &CommitmentStatus)> {
        let mut open: Vec<_> = self
            .people
            .iter()
            .flat_map(|p| p.commitments.iter().map(move |c| (p, c)))
            .filter(|(_, c)| !c.done && c.owner == Owner::Manager)
            .collect();
        open.sort_by(|a, b| {
            (a.1.due.is_none(), a.1.due, &a.0.id, &a.1.path, a.1.line).cmp(&(
                b.1.due.is_none(),
                b.1.due,
                &b.0.id,
                &b.1.path,
                b.1.line,
            ))
        });
        open
    }
}

#[cfg(test)]
mod tests;
