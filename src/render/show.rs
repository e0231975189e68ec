//! One person's story as of a date (docs/guide.md, `cairn show`): who they are and who managed
//! them when, the next step of the guide's cycle, every document, contract and commitment,
//! and the flags. Laid out by `templates/show.*.j2`, and as JSON this very shape. Private
//! sections never reach it: it is made from the parsed facts only.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::prefill::{capabilities, without_development, CapabilityView};
use crate::analysis::status::{
    self, shown, ContractRecord, DocumentRef, Due, Flag, NextStep, PersonStatus, Skipped,
};
use crate::config::{Away, Config, Person};
use crate::domain::vocabulary::{ContractStatus, DocType};
use crate::model::repository::Repository;
use crate::render::report::CommitmentView;

/// A person's story.
#[derive(Debug, Serialize)]
pub struct Story {
    /// Always 1: the JSON format's version.
    pub version: u32,
    /// The date the story is told as of.
    pub as_of: NaiveDate,
    /// Roster id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Option<String>,
    /// Their level (`level` in the roster), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// With a capability framework: the next level and the capabilities under
    /// development.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub development: Option<Development>,
    /// The manager on `as_of` (id).
    pub manager: Option<String>,
    /// Their name.
    pub manager_name: Option<String>,
    /// Who managed the person before, oldest first.
    pub previous_managers: Vec<Former>,
    /// When they joined the team.
    pub since: Option<NaiveDate>,
    /// Their last day on the team.
    pub left: Option<NaiveDate>,
    /// Their periods away (no reasons: cairn never records them).
    pub away: Vec<Period>,
    /// While away on `as_of`: the last day away.
    pub away_until: Option<NaiveDate>,
    /// A new joiner on `as_of`.
    pub new: bool,
    /// Whether the report covers the person on `as_of`: on the team (joined, not left)
    /// and someone's report.
    pub in_scope: bool,
    /// The next step of the guide's cycle; none for someone not on the team, of whom
    /// nothing is due.
    pub next: Option<Next>,
    /// The oldest summary (or active contract) not yet shared with the engineer: the
    /// guide's "write it down, share it".
    pub next_share: Option<NextShare>,
    /// The annual conversation.
    pub annual: Due,
    /// Its due date for display, with the written one when time away moved it.
    pub annual_due_shown: Option<String>,
    /// The review of the active contract.
    pub review: Option<Due>,
    /// Its due date for display, with the written one when time away moved it.
    pub review_due_shown: Option<String>,
    /// The person's documents that could not be read, and why: the story may be
    /// incomplete because of them.
    pub unreadable: Vec<Skipped>,
    /// Every document, by date.
    pub documents: Vec<DocumentView>,
    /// Every contract, by date.
    pub contracts: Vec<ContractView>,
    /// Every commitment, open and done, by due date.
    pub commitments: Vec<CommitmentView>,
    /// What needs attention (nothing, for someone not on the team).
    pub flags: Vec<Flag>,
}

/// Where the person stands in the capability framework (docs/frameworks.md).
#[derive(Debug, Serialize)]
pub struct Development {
    /// The level after theirs (the first level without one); `None` at the top.
    pub next_level: Option<String>,
    /// Each capability the active contract names, with its next-level text and the
    /// progress reviews that mention it.
    pub capabilities: Vec<CapabilityProgress>,
    /// The active contract (root-relative), which names them.
    pub contract: Option<String>,
    /// They have a level below the top and their active contract names no capability,
    /// or they have none: nobody is working towards their next level on paper.
    pub no_development_on_paper: bool,
}

/// A capability under development and the reviews that mention it.
#[derive(Debug, Serialize)]
pub struct CapabilityProgress {
    /// The capability, with its text at the next level.
    #[serde(flatten)]
    pub capability: CapabilityView,
    /// The progress reviews of the active contract whose public text names it by id or
    /// name, oldest first.
    pub reviews: Vec<ReviewRef>,
}

/// A progress review, by date and path.
#[derive(Debug, Serialize)]
pub struct ReviewRef {
    /// Its date.
    pub date: NaiveDate,
    /// Root-relative path.
    pub path: String,
}

/// A previous manager.
#[derive(Debug, Serialize)]
pub struct Former {
    /// Roster id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Their last day as manager.
    pub until: NaiveDate,
}

/// A period away.
#[derive(Debug, Serialize)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// The next step, and the command that writes it.
#[derive(Debug, Serialize)]
pub struct Next {
    /// The step.
    #[serde(flatten)]
    pub step: NextStep,
    /// `cairn new <type> <id>`.
    pub command: String,
}

/// A document in the story.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// Its date.
    pub date: NaiveDate,
    /// Its type.
    #[serde(rename = "type")]
    pub doc_type: DocType,
    /// Root-relative path.
    pub path: String,
    /// For a conversation: whether its notes are written (`None`: cairn cannot tell).
    pub notes_written: Option<bool>,
    /// For a conversation: the agreed follow-up (moved by time away).
    pub follow_up: Option<NaiveDate>,
    /// The follow-up as written.
    pub follow_up_written: Option<NaiveDate>,
    /// The follow-up for display, with the written one when time away moved it.
    pub follow_up_shown: Option<String>,
    /// Whether a later conversation met it: `None` without one, and for a conversation
    /// that is not held.
    pub follow_up_met: Option<bool>,
    /// No conversation met it, and its day has passed while the person was on the team.
    pub follow_up_missed: bool,
    /// When the summary was shared.
    pub summary_shared: Option<NaiveDate>,
    /// The summary was due and not shared.
    pub summary_late: bool,
}

/// A contract in the story.
#[derive(Debug, Serialize)]
pub struct ContractView {
    /// Root-relative path.
    pub path: String,
    /// Where it stands.
    pub status: Option<ContractStatus>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day, moved by time away.
    pub end: Option<NaiveDate>,
    /// Last day as written.
    pub end_written: Option<NaiveDate>,
    /// The last day for display, with the written one when time away moved it.
    pub end_shown: Option<String>,
    /// The development goal.
    pub goal: Option<String>,
    /// Its checkpoints, each with the review that met it (its path) or none.
    pub checkpoints: Vec<CheckpointView>,
}

/// A checkpoint and the review that met it.
#[derive(Debug, Serialize)]
pub struct CheckpointView {
    /// The day, moved by time away.
    pub date: NaiveDate,
    /// The day as written.
    pub written: NaiveDate,
    /// The day for display, with the written one when time away moved it.
    pub shown: String,
    /// The review that met it.
    pub met_by: Option<String>,
    /// Passed with no review meeting it, while the person was on the team.
    pub missed: bool,
    /// Falls after the day the person left: nothing was owed.
    pub after_leaving: bool,
}

/// The story of `id` as of `as_of`; `None` when the id is not in the roster. `errors`
/// are the paths of documents with check errors (for the `document-errors` flag).
pub fn story(
    repository: &Repository,
    id: &str,
    as_of: NaiveDate,
    errors: &HashSet<&str>,
) -> Option<Story> {
    let config = &repository.config;
    let roster = config.person(id)?;
    let person = status::person(repository, id, as_of, errors)?;
    let step = status::next_step(&person);
    // Someone who has left, not yet joined or reports to nobody is owed no conversation:
    // no flag, no step, as in the report.
    let in_scope = roster.on_team(as_of) && roster.manager_on(as_of).is_some();
    Some(Story {
        version: 1,
        as_of,
        id: roster.id.clone(),
        name: roster.name.clone(),
        role: roster.role.clone(),
        level: roster.level.clone(),
        development: development(repository, roster, &person, as_of),
        manager_name: person.manager.as_deref().map(|m| config.name_of(m)),
        manager: person.manager.clone(),
        previous_managers: formers(roster, config),
        since: roster.since,
        left: roster.left,
        away: roster.away.iter().map(period).collect(),
        away_until: person.away_until,
        new: person.new,
        in_scope,
        next_share: next_share(&person).filter(|_| in_scope),
        next: in_scope.then(|| Next {
            command: format!("cairn new {} {}", step.doc_type, roster.id),
            step,
        }),
        annual: person.annual,
        annual_due_shown: person
            .annual
            .due
            .map(|d| shown(d, person.annual.due_written)),
        review: person.review,
        review_due_shown: person
            .review
            .and_then(|r| r.due.map(|d| shown(d, r.due_written))),
        unreadable: person.unreadable.clone(),
        documents: documents(&person, roster, as_of),
        contracts: person
            .contracts
            .iter()
            .map(|c| contract(c, roster, as_of))
            .collect(),
        commitments: commitments(&person, config),
        flags: if in_scope {
            person.flags.clone()
        } else {
            Vec::new()
        },
    })
}

/// A period away in the roster, as shown.
fn period(away: &Away) -> Period {
    Period {
        from: away.from,
        to: away.to,
    }
}

/// The person's previous managers, with their names, in the roster's order.
fn formers(roster: &Person, config: &Config) -> Vec<Former> {
    roster
        .previous_managers
        .iter()
        .map(|stint| Former {
            id: stint.manager.clone(),
            name: config.name_of(&stint.manager),
            until: stint.until,
        })
        .collect()
}

/// Every commitment of the person's, of every contract too, by due date (none last); a
/// manager's promise made by someone other than today's manager says so.
fn commitments(person: &PersonStatus, config: &Config) -> Vec<CommitmentView> {
    let mut commitments: Vec<CommitmentView> = person
        .commitments
        .iter()
        .chain(&person.other_commitments)
        .map(|c| CommitmentView {
            previous_manager: c.owner == crate::domain::vocabulary::Owner::Manager
                && c.manager != person.manager,
            ..CommitmentView::new(c, config)
        })
        .collect();
    commitments.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.path, a.line).cmp(&(b.due.is_none(), b.due, &b.path, b.line))
    });
    commitments
}

/// A contract in the story, each checkpoint with the review that met it, or missed
/// while the person was on the team.
fn contract(c: &ContractRecord, roster: &Person, as_of: NaiveDate) -> ContractView {
    ContractView {
        path: c.path.to_string(),
        status: c.status,
        start: c.start,
        end: c.end,
        end_written: c.end_written,
        end_shown: c.end.map(|end| shown(end, c.end_written)),
        goal: c.goal.clone(),
        checkpoints: c
            .checkpoints
            .iter()
            .map(|k| CheckpointView {
                date: k.date,
                written: k.written,
                shown: shown(k.date, Some(k.written)),
                missed: k.met_by.is_none() && passed_on_team(roster, k.date, as_of),
                after_leaving: roster.left.is_some_and(|left| k.date > left),
                met_by: k.met_by.clone(),
            })
            .collect(),
    }
}

/// The person's next level and the capabilities their active contract develops, each
/// with the progress reviews since the contract's start that mention it; `None` without
/// a framework.
fn development(
    repository: &Repository,
    roster: &Person,
    person: &PersonStatus,
    as_of: NaiveDate,
) -> Option<Development> {
    let framework = repository.config.framework.as_ref()?;
    let level = roster.level.as_deref();
    let contract = person.contract.as_ref();
    let named = contract.map(|c| c.developing(as_of));
    let since = contract.map(|c| c.start.unwrap_or(c.date));
    let reviews: Vec<(&DocumentRef, &[String])> = person
        .documents
        .iter()
        .filter(|d| d.doc_type == DocType::ProgressReview && since.is_some_and(|s| d.date >= s))
        .filter_map(|d| {
            // A review not written up counts for nothing (docs/guide.md).
            let document = repository.document(&d.path)?;
            if document.notes_written() == Some(false) {
                return None;
            }
            let mentions = &document.body.capability_mentions;
            Some((d, mentions.as_slice()))
        })
        .collect();
    Some(Development {
        next_level: framework.next_level(level).map(str::to_owned),
        capabilities: capabilities(framework, level, Some(named.unwrap_or_default()))
            .into_iter()
            .map(|capability| CapabilityProgress {
                reviews: reviews
                    .iter()
                    .filter(|(_, mentions)| mentions.contains(&capability.id))
                    .map(|(d, _)| ReviewRef {
                        date: d.date,
                        path: d.path.to_string(),
                    })
                    .collect(),
                capability,
            })
            .collect(),
        contract: contract.map(|c| c.path.to_string()),
        no_development_on_paper: without_development(framework, level, named),
    })
}

/// What to share next, in words and as a command.
#[derive(Debug, Serialize)]
pub struct NextShare {
    /// The document (root-relative).
    pub path: String,
    /// Its type.
    #[serde(rename = "type")]
    pub doc_type: DocType,
    /// Its date.
    pub date: NaiveDate,
    /// "share the close-gap summary of 2026-05-04".
    pub text: String,
    /// `cairn share PATH`.
    pub command: String,
}

/// The oldest held conversation without `summary_shared`, or the active contract without
/// it, whichever is older.
fn next_share(person: &PersonStatus) -> Option<NextShare> {
    let conversations = person
        .conversations
        .iter()
        // A check-in has no summary to share: its notes are all there is.
        .filter(|c| c.held && c.summary_shared.is_none() && c.doc_type.is_shared())
        .map(|c| (c.date, &*c.path, c.doc_type));
    let contract = person
        .contract
        .as_ref()
        .filter(|c| c.summary_shared.is_none())
        .map(|c| (c.date, &*c.path, DocType::Contract));
    let (date, path, doc_type) = conversations
        .chain(contract)
        .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))?;
    let what = if doc_type == DocType::Contract {
        "the contract".to_owned()
    } else {
        format!("the {doc_type} summary")
    };
    Some(NextShare {
        path: path.to_owned(),
        doc_type,
        date,
        text: format!("share {what} of {date}"),
        command: format!("cairn share {path}"),
    })
}

/// Whether a day's deadline passed while `roster` was on the team: before `as_of`, and not
/// after the day they left (a leaver misses nothing afterwards).
fn passed_on_team(roster: &Person, day: NaiveDate, as_of: NaiveDate) -> bool {
    day < as_of && roster.left.is_none_or(|left| day <= left)
}

fn documents(person: &PersonStatus, roster: &Person, as_of: NaiveDate) -> Vec<DocumentView> {
    person
        .documents
        .iter()
        .map(|d| {
            let conversation = person.conversations.iter().find(|c| c.path == d.path);
            let contract = person.contract.as_ref().filter(|c| c.path == d.path);
            DocumentView {
                date: d.date,
                doc_type: d.doc_type,
                path: d.path.to_string(),
                notes_written: conversation.map(|c| c.held),
                follow_up: conversation.and_then(|c| c.follow_up),
                follow_up_written: conversation.and_then(|c| c.follow_up_written),
                follow_up_shown: conversation
                    .and_then(|c| c.follow_up.map(|f| shown(f, c.follow_up_written))),
                follow_up_met: conversation.and_then(|c| c.follow_up_met),
                follow_up_missed: conversation.is_some_and(|c| {
                    c.follow_up_met == Some(false)
                        && c.follow_up
                            .is_some_and(|f| passed_on_team(roster, f, as_of))
                }),
                summary_shared: conversation
                    .and_then(|c| c.summary_shared)
                    .or(contract.and_then(|c| c.summary_shared)),
                summary_late: conversation.is_some_and(|c| c.summary_late)
                    || contract.is_some_and(|c| c.summary_late),
            }
        })
        .collect()
}
