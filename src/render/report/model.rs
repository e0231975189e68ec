//! What the report says (docs/guide.md, 5.1), computed once from the status and laid out by
//! every format: the terminal, Markdown and HTML templates, and JSON, which is this very
//! shape. People and managers appear by name; commitment text is its display text with
//! the roster's ids turned into names; nothing here is recomputed by a template.

use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::status::{
    moved, shown, ActiveContract, Dated, DatedKind, Due, DueStatus, Flag, Owed, PersonStatus,
    Skipped, Standing, Status,
};
use crate::config::Config;
use crate::domain::date::add_days;
use crate::domain::vocabulary::{DoneSource, Owner};

/// The report, as every format carries it. `P` is how its people's blocks are held: all
/// at once for a template ([`report`]), or made as they are written for JSON
/// ([`report_streamed`]).
#[derive(Debug, Serialize)]
pub struct Report<P = Vec<PersonView>> {
    /// Always 1: the JSON format's version.
    pub version: u32,
    /// The date of the report.
    pub as_of: NaiveDate,
    /// Documents that could not be used at all.
    pub skipped_documents: usize,
    /// Those documents, each with why ("line 4, the date is not a date").
    pub skipped: Vec<Skipped>,
    /// Documents with check errors, used for what is valid in them.
    pub documents_with_errors: usize,
    /// Whose team it is.
    pub scope: Scope,
    /// The headline numbers.
    pub summary: Summary,
    /// One block per person, by name.
    pub people: P,
    /// People with flags, most flags first.
    pub needs_attention: Vec<Attention>,
    /// What falls due within `due_soon_days`, by date.
    pub coming_up: Vec<ComingUp>,
    /// The managers' own open commitments, by due date.
    pub manager_commitments: Vec<ManagerCommitment>,
    /// The cadence the dates were computed with.
    pub cadence: crate::config::Cadence,
    /// With a capability framework only: each capability and who is developing it, and
    /// who nobody is developing towards their next level (docs/frameworks.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub development_by_capability: Option<super::Development>,
}

/// The managers in scope.
#[derive(Debug, Serialize)]
pub struct Scope {
    /// Each manager, by id and name.
    pub managers: Vec<PersonRef>,
    /// Their names for a title: "Priya Raman", "Grace Mensah and Priya Raman".
    pub title: String,
}

/// A person by id and name.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRef {
    /// Roster id.
    pub id: String,
    /// Name (the id where the roster has none).
    pub name: String,
}

/// The headline numbers, each saying what it counts (docs/guide.md).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Summary {
    /// People in the report.
    pub people: usize,
    /// People whose annual conversation is up to date (status `ok` or `due-soon`).
    pub annual_up_to_date: usize,
    /// People with an active contract that has not expired.
    pub active_contracts: usize,
    /// People whose contract review is overdue.
    pub overdue_reviews: usize,
    /// Overdue commitments of the managers in scope, to anyone: "your promises overdue".
    pub overdue_manager_commitments: usize,
    /// Open commitments owed to people in scope by managers not in scope: a previous
    /// manager's promises, still open, which the present manager never made.
    pub previous_managers_open_commitments: usize,
    /// People away on the report's date.
    pub away: usize,
    /// People who joined less than `review_months` ago.
    pub new: usize,
}

/// One person's block.
#[derive(Debug, Serialize)]
pub struct PersonView {
    /// Roster id (the anchor of the block in HTML).
    pub id: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Option<String>,
    /// The manager's id on the report's date.
    pub manager: Option<String>,
    /// The manager's name.
    pub manager_name: Option<String>,
    /// When the person joined the team.
    pub since: Option<NaiveDate>,
    /// While away: the last day away.
    pub away_until: Option<NaiveDate>,
    /// A new joiner.
    pub new: bool,
    /// For a new joiner, the day they stop being new (`since` + `review_months`).
    pub new_until: Option<NaiveDate>,
    /// The annual conversation.
    pub annual: Due,
    /// Its due date for display, with the written one when time away moved it.
    pub annual_due_shown: Option<String>,
    /// The contract review, with an active contract.
    pub review: Option<Due>,
    /// Its due date for display, with the written one when time away moved it.
    pub review_due_shown: Option<String>,
    /// The active contract.
    pub contract: Option<ContractView>,
    /// Checkpoints passed with no review meeting them.
    pub missed_checkpoints: Vec<NaiveDate>,
    /// Every commitment, by due date.
    pub commitments: Vec<CommitmentView>,
    /// The flags, by name.
    pub flags: Vec<Flag>,
    /// What the block must say in words: a document that could not be read, a missed
    /// follow-up or checkpoint, a summary not shared, each naming its document by type
    /// and date.
    pub notes: Vec<Note>,
}

/// A sentence in a person's block.
#[derive(Debug, Serialize)]
pub struct Note {
    /// What it is about: `unreadable`, `missed-follow-up`, `missed-checkpoint`,
    /// `summary-not-shared`.
    pub kind: &'static str,
    /// The document it is about (root-relative).
    pub path: Arc<str>,
    /// The sentence.
    pub text: String,
}

/// The active contract in a block.
#[derive(Debug, Serialize)]
pub struct ContractView {
    /// Root-relative path.
    pub path: Arc<str>,
    /// The development goal.
    pub goal: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day (moved by time away).
    pub end: Option<NaiveDate>,
    /// Last day as written.
    pub end_written: Option<NaiveDate>,
    /// The last day for display, with the written one when time away moved it.
    pub end_shown: Option<String>,
    /// The first checkpoint on or after the report's date.
    pub next_checkpoint: Option<NaiveDate>,
    /// That checkpoint as written.
    pub next_checkpoint_written: Option<NaiveDate>,
    /// That checkpoint for display.
    pub next_checkpoint_shown: Option<String>,
}

/// A commitment in a block.
#[derive(Debug, Serialize)]
pub struct CommitmentView {
    /// Where it is written (shared with the status, not copied).
    pub path: Arc<str>,
    /// Its line.
    pub line: usize,
    /// Its display text, names for ids (the status's own text where it names nobody).
    pub text: Arc<str>,
    /// Whose.
    pub owner: Owner,
    /// Which manager, for a manager's commitment (id).
    pub manager: Option<String>,
    /// That manager's name.
    pub manager_name: Option<String>,
    /// A manager's commitment made by someone other than the engineer's manager today.
    pub previous_manager: bool,
    /// Due (the engineer's own moved by time away; a manager's never moves).
    pub due: Option<NaiveDate>,
    /// Due as written.
    pub due_written: Option<NaiveDate>,
    /// The due date for display, with the written one when time away moved it.
    pub due_shown: Option<String>,
    /// Done as of the report's date.
    pub done: bool,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// Where that date comes from: `written`, `git` or `uncommitted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on_source: Option<DoneSource>,
    /// The done date for display: "2026-10-20", "2026-10-20 (from git)", or "2026-11-25
    /// (not committed yet)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_shown: Option<String>,
    /// Withdrawn by agreement as of the report's date.
    pub withdrawn: bool,
    /// When it was withdrawn.
    pub withdrawn_on: Option<NaiveDate>,
    /// Why it was withdrawn, names for ids.
    pub withdrawn_reason: Option<String>,
    /// Open and past due.
    pub overdue: bool,
    /// Done after its due date.
    pub late: bool,
    /// For a promise passed on at a handover: "taken over from Sam Okafor on 2026-07-01".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taken_over: Option<TakenOverView>,
}

/// A promise passed on at a handover.
#[derive(Debug, Serialize)]
pub struct TakenOverView {
    /// The manager who made it (id).
    pub from: String,
    /// Their name.
    pub from_name: String,
    /// The handover's date.
    pub on: NaiveDate,
    /// In words: "taken over from Sam Okafor on 2026-07-01".
    pub text: String,
}

impl TakenOverView {
    /// A handover's passing-on for display, with the outgoing manager's name.
    fn new(taken: &crate::analysis::status::TakenOver, names: &Config) -> TakenOverView {
        let from_name = names.name_of(&taken.from);
        TakenOverView {
            text: format!("taken over from {from_name} on {}", taken.on),
            from: taken.from.clone(),
            from_name,
            on: taken.on,
        }
    }
}

/// A person who needs attention.
#[derive(Debug, Serialize)]
pub struct Attention {
    /// Roster id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The flags.
    pub flags: Vec<Flag>,
}

/// A date within `due_soon_days`.
#[derive(Debug, Serialize)]
pub struct ComingUp {
    /// The day.
    pub date: NaiveDate,
    /// Whose (roster id).
    pub id: String,
    /// Their name.
    pub name: String,
    /// What it is.
    pub kind: DatedKind,
    /// The day as written, before time away moved it.
    pub written: NaiveDate,
    /// What it is, in words, with the written day when it moved.
    pub text: String,
}

/// A manager's open commitment.
#[derive(Debug, Serialize)]
pub struct ManagerCommitment {
    /// Due (a manager's promise does not move with the engineer's leave).
    pub due: Option<NaiveDate>,
    /// Due as written.
    pub due_written: Option<NaiveDate>,
    /// The engineer it is for (roster id).
    pub id: String,
    /// The engineer's name.
    pub name: String,
    /// The manager whose it is (id).
    pub manager: Option<String>,
    /// Their name.
    pub manager_name: Option<String>,
    /// Whether that manager is the engineer's manager on the report's date (after a
    /// reorg, a previous manager's open commitments stay hers, labelled).
    pub manager_is_current: bool,
    /// Where the engineer stands now, when not simply that manager's report: "now Dana
    /// Reyes's report", "away until 2026-12-01", "left 2026-08-28".
    pub standing: Option<String>,
    /// The commitment's text.
    pub text: Arc<str>,
    /// Where it is written.
    pub path: Arc<str>,
    /// Its line.
    pub line: usize,
    /// Past due.
    pub overdue: bool,
    /// For a promise passed on at a handover: "taken over from Sam Okafor on 2026-07-01".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taken_over: Option<TakenOverView>,
}

/// The report of a status: each person's block, who needs attention, what comes up, the
/// managers' own promises, and the numbers over them.
pub fn report(status: &Status, config: &Config) -> Report {
    // Each person's block on every core, in the status's order.
    let people: Vec<PersonView> = status
        .people
        .par_iter()
        .map(|p| person(p, config, status))
        .collect();
    report_with(status, config, people)
}

/// [`report`] with each person's block made as it is serialized, a few hundred at a time
/// on every core, then dropped: the same JSON, without every block held at once (at
/// 100,000 notes, 60 MB).
pub fn report_streamed<'a>(status: &'a Status, config: &'a Config) -> Report<People<'a>> {
    report_with(status, config, People { status, config })
}

/// The people's blocks of a status, made as they are serialized.
pub struct People<'a> {
    status: &'a Status,
    config: &'a Config,
}

/// How many blocks are made at once: enough to keep both cores busy, few enough that
/// they weigh nothing.
const BLOCKS_AT_ONCE: usize = 256;

impl Serialize for People<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.status.people.len()))?;
        for chunk in self.status.people.chunks(BLOCKS_AT_ONCE) {
            let blocks: Vec<PersonView> = chunk
                .par_iter()
                .map(|p| person(p, self.config, self.status))
                .collect();
            for block in &blocks {
                seq.serialize_element(block)?;
            }
        }
        seq.end()
    }
}

/// The report of a status with its people's blocks held as `people`.
fn report_with<P>(status: &Status, config: &Config, people: P) -> Report<P> {
    // Already in order (by due date, person, path and line).
    let manager_commitments: Vec<ManagerCommitment> = status
        .manager_commitments
        .iter()
        .map(|owed| ManagerCommitment::new(owed, config))
        .collect();
    Report {
        version: 1,
        as_of: status.as_of,
        skipped_documents: status.skipped_documents(),
        skipped: status.skipped.clone(),
        documents_with_errors: status.documents_with_errors,
        scope: scope(status),
        summary: summary(status, &manager_commitments),
        people,
        needs_attention: needs_attention(&status.people),
        coming_up: coming_up(status, config),
        manager_commitments,
        cadence: status.cadence,
        development_by_capability: super::development::development(
            &status.people,
            config,
            status.as_of,
        ),
    }
}

/// The managers in scope, by id and name, and their names for a title.
fn scope(status: &Status) -> Scope {
    let managers: Vec<PersonRef> = status
        .managers
        .iter()
        .map(|(id, name)| PersonRef {
            id: id.clone(),
            name: name.clone(),
        })
        .collect();
    Scope {
        title: join_names(managers.iter().map(|m| m.name.as_str())),
        managers,
    }
}

/// The people with flags, most flags first, then by id.
fn needs_attention(people: &[PersonStatus]) -> Vec<Attention> {
    let mut needs_attention: Vec<Attention> = people
        .iter()
        .filter(|p| !p.flags.is_empty())
        .map(|p| Attention {
            id: p.id.clone(),
            name: p.name.clone(),
            flags: p.flags.clone(),
        })
        .collect();
    needs_attention.sort_by(|a, b| {
        b.flags
            .len()
            .cmp(&a.flags.len())
            .then_with(|| a.id.cmp(&b.id))
    });
    needs_attention
}

/// Everyone's dated things from the report's date to `due_soon_days` after it, by date,
/// person and kind.
fn coming_up(status: &Status, names: &Config) -> Vec<ComingUp> {
    let until = add_days(status.as_of, status.cadence.due_soon_days);
    let mut coming_up: Vec<ComingUp> = status
        .people
        .iter()
        .flat_map(|p| p.dated.iter().map(move |d| (p, d)))
        .filter(|(_, d)| d.date >= status.as_of && d.date <= until)
        .map(|(p, d)| ComingUp {
            date: d.date,
            id: p.id.clone(),
            name: p.name.clone(),
            kind: d.kind,
            written: d.written,
            text: describe(d, names),
        })
        .collect();
    coming_up.sort_by(|a, b| (a.date, &a.id, a.kind).cmp(&(b.date, &b.id, b.kind)));
    coming_up
}

/// The headline numbers of the status; the managers' overdue promises are counted from
/// `manager_commitments`, those of the managers in scope.
fn summary(status: &Status, manager_commitments: &[ManagerCommitment]) -> Summary {
    Summary {
        people: status.people.len(),
        annual_up_to_date: count(&status.people, |p| {
            matches!(p.annual.status, DueStatus::Ok | DueStatus::DueSoon)
        }),
        active_contracts: count(&status.people, |p| {
            p.contract
                .as_ref()
                .is_some_and(|c| c.end.is_none_or(|end| end >= status.as_of))
        }),
        overdue_reviews: count(&status.people, |p| p.flags.contains(&Flag::ReviewOverdue)),
        overdue_manager_commitments: manager_commitments.iter().filter(|c| c.overdue).count(),
        previous_managers_open_commitments: status.previous_managers_open,
        away: count(&status.people, |p| p.away_until.is_some()),
        new: count(&status.people, |p| p.new),
    }
}

/// How many of `people` `keep` is true of.
fn count(people: &[PersonStatus], keep: impl Fn(&PersonStatus) -> bool) -> usize {
    people.iter().filter(|p| keep(p)).count()
}

/// "A", "A and B", "A, B and C".
pub fn join_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl ManagerCommitment {
    /// A manager's open promise for display: names for ids, and where its engineer stands.
    fn new(owed: &Owed, names: &Config) -> ManagerCommitment {
        let c = &owed.commitment;
        let standing = owed.standing.describe(names);
        ManagerCommitment {
            due: c.due,
            due_written: c.due_written,
            id: owed.to.clone(),
            name: owed.to_name.clone(),
            manager_name: c.manager.as_deref().map(|m| names.name_of(m)),
            manager_is_current: owed.standing == Standing::Report,
            manager: c.manager.clone(),
            standing,
            text: shared_names(&c.text, names),
            path: Arc::clone(&c.path),
            line: c.line,
            overdue: c.overdue,
            taken_over: c.taken_over.as_ref().map(|t| TakenOverView::new(t, names)),
        }
    }
}

/// `text` with names for ids: `text` itself, shared, where it names nobody.
fn shared_names(text: &Arc<str>, names: &Config) -> Arc<str> {
    match names.names_in(text) {
        std::borrow::Cow::Borrowed(_) => Arc::clone(text),
        std::borrow::Cow::Owned(named) => named.into(),
    }
}

impl CommitmentView {
    /// A commitment for display: names for ids.
    pub fn new(c: &crate::analysis::status::CommitmentStatus, names: &Config) -> CommitmentView {
        CommitmentView {
            path: Arc::clone(&c.path),
            line: c.line,
            text: shared_names(&c.text, names),
            owner: c.owner,
            manager_name: c.manager.as_deref().map(|m| names.name_of(m)),
            manager: c.manager.clone(),
            previous_manager: false,
            due: c.due,
            due_written: c.due_written,
            due_shown: c.due.map(|due| shown(due, c.due_written)),
            done: c.done,
            done_on: c.done_on,
            done_on_source: c.done_on_source,
            done_shown: c.done_on.map(|on| match c.done_on_source {
                Some(DoneSource::Git) => format!("{on} (from git)"),
                Some(DoneSource::Uncommitted) => format!("{on} (not committed yet)"),
                _ => on.to_string(),
            }),
            withdrawn: c.withdrawn,
            withdrawn_on: c.withdrawn_on,
            withdrawn_reason: c.withdrawn_reason.as_deref().map(|r| names.with_names(r)),
            overdue: c.overdue,
            late: c.late,
            taken_over: c.taken_over.as_ref().map(|t| TakenOverView::new(t, names)),
        }
    }
}

fn person(p: &PersonStatus, names: &Config, status: &Status) -> PersonView {
    PersonView {
        id: p.id.clone(),
        name: p.name.clone(),
        role: p.role.clone(),
        manager_name: p.manager.as_deref().map(|m| names.name_of(m)),
        manager: p.manager.clone(),
        since: names.person(&p.id).and_then(|person| person.since),
        away_until: p.away_until,
        new: p.new,
        new_until: names
            .person(&p.id)
            .and_then(|person| person.since)
            .filter(|_| p.new)
            .map(|since| crate::domain::date::add_months(since, status.cadence.review_months)),
        annual: p.annual,
        annual_due_shown: p.annual.due.map(|due| shown(due, p.annual.due_written)),
        review: p.review,
        review_due_shown: p
            .review
            .and_then(|r| r.due.map(|due| shown(due, r.due_written))),
        contract: p.contract.as_ref().map(|c| {
            let next = c
                .checkpoints
                .iter()
                .find(|k| Some(k.date) == c.next_checkpoint);
            ContractView {
                path: c.path.clone(),
                goal: c.goal.clone(),
                start: c.start,
                end: c.end,
                end_written: c.end_written,
                end_shown: c.end.map(|end| shown(end, c.end_written)),
                next_checkpoint: c.next_checkpoint,
                next_checkpoint_written: next.map(|k| k.written),
                next_checkpoint_shown: next.map(|k| shown(k.date, Some(k.written))),
            }
        }),
        missed_checkpoints: p
            .contract
            .as_ref()
            .map(|c| c.missed(status.as_of).collect())
            .unwrap_or_default(),
        commitments: p
            .commitments
            .iter()
            .map(|c| CommitmentView {
                previous_manager: c.owner == Owner::Manager && c.manager != p.manager,
                ..CommitmentView::new(c, names)
            })
            .collect(),
        flags: p.flags.clone(),
        notes: notes(p, status.as_of),
    }
}

/// What a block says in sentences: each unreadable document, then each missed
/// follow-up, summary not shared and missed checkpoint, naming its document by type and
/// date, so "which as-needed conversation?" never needs asking.
pub fn notes(p: &PersonStatus, as_of: NaiveDate) -> Vec<Note> {
    let mut notes: Vec<Note> = p.unreadable.iter().map(unreadable).collect();
    if p.flags.contains(&Flag::MissedFollowUp) {
        notes.extend(missed_follow_ups(p, as_of));
    }
    if p.flags.contains(&Flag::SummaryNotShared) {
        notes.extend(summaries_not_shared(p));
    }
    if let Some(contract) = &p.contract {
        notes.extend(missed_checkpoints(contract, as_of));
    }
    notes
}

/// A document that could not be read, and what that means for the block.
fn unreadable(s: &Skipped) -> Note {
    Note {
        kind: "unreadable",
        path: s.path.as_str().into(),
        text: format!(
            "{} could not be read: {}; the flags beside it may be wrong because of it; run `cairn check`",
            s.path, s.reason
        ),
    }
}

/// The follow-up of each held conversation whose date passed unmet.
fn missed_follow_ups(p: &PersonStatus, as_of: NaiveDate) -> impl Iterator<Item = Note> + '_ {
    p.conversations
        .iter()
        .filter(|c| c.held)
        .filter_map(move |c| {
            let missed = c.follow_up_met == Some(false) && c.follow_up.is_some_and(|f| f < as_of);
            let due = c.follow_up.filter(|_| missed)?;
            Some(Note {
                kind: "missed-follow-up",
                path: c.path.clone(),
                text: format!(
                    "follow-up agreed in the {} conversation of {} missed: due {}",
                    c.doc_type.name(),
                    c.date,
                    shown(due, c.follow_up_written)
                ),
            })
        })
}

/// Each held conversation's summary that is late being shared, then the active contract's.
fn summaries_not_shared(p: &PersonStatus) -> impl Iterator<Item = Note> + '_ {
    let conversations = p
        .conversations
        .iter()
        .filter(|c| c.held && c.summary_late)
        .map(|c| Note {
            kind: "summary-not-shared",
            path: c.path.clone(),
            text: format!(
                "summary of the {} conversation of {} not shared",
                c.doc_type.name(),
                c.date
            ),
        });
    let contract = p.contract.iter().filter(|c| c.summary_late).map(|c| Note {
        kind: "summary-not-shared",
        path: c.path.clone(),
        text: format!("the contract of {} not shared", c.date),
    });
    conversations.chain(contract)
}

/// The active contract's checkpoints passed with no review meeting them.
fn missed_checkpoints(
    contract: &ActiveContract,
    as_of: NaiveDate,
) -> impl Iterator<Item = Note> + '_ {
    contract.missed_checkpoints(as_of).map(|k| Note {
        kind: "missed-checkpoint",
        path: contract.path.clone(),
        text: format!(
            "checkpoint {} of the contract of {} missed: no review met it",
            shown(k.date, Some(k.written)),
            contract.date
        ),
    })
}

/// A dated thing in words, for "Coming up", with the written day when time away moved it.
fn describe(dated: &Dated, names: &Config) -> String {
    let words = what(dated, names);
    match moved(dated.date, dated.written) {
        Some(moved) => format!("{words} ({moved})"),
        None => words,
    }
}

/// A dated thing in words, without its date.
pub fn what(dated: &Dated, names: &Config) -> String {
    let of = dated.of.map(|d| format!(" of {d}")).unwrap_or_default();
    match dated.kind {
        DatedKind::FollowUp => {
            format!("follow-up agreed in the {} conversation{of}", dated.text)
        }
        DatedKind::AnnualDue => "annual career conversation due".to_owned(),
        DatedKind::ReviewDue => format!("review of the contract{of} due"),
        DatedKind::CheckInDue => "monthly check-in on the development plan due".to_owned(),
        DatedKind::Commitment => {
            let whose = match (dated.owner, dated.manager.as_deref()) {
                (Some(Owner::Manager), Some(manager)) => names.name_of(manager),
                (Some(Owner::Engineer), _) => "engineer".to_owned(),
                (Some(Owner::Manager), None) => "manager".to_owned(),
                _ => "unassigned".to_owned(),
            };
            format!("{whose}: {}", names.with_names(&dated.text))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::status::{self, Filter};

    #[test]
    fn the_streamed_json_is_the_whole_reports() {
        // More people than are made at once, and a number that does not divide evenly.
        let mut roster = String::from("people:\n  - {id: boss, name: Boss}\n");
        for n in 0..(2 * BLOCKS_AT_ONCE + 7) {
            roster.push_str(&format!(
                "  - {{id: p{n:04}, name: P {n}, manager: boss}}\n"
            ));
        }
        let config = Config::parse(&roster, &[]).unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let status = status::compute(
            &config,
            Vec::new(),
            &Default::default(),
            as_of,
            &Filter::default(),
        );
        assert_eq!(status.people.len(), 2 * BLOCKS_AT_ONCE + 7);
        let whole = crate::render::json::pretty_string(&report(&status, &config));
        let streamed = crate::render::json::pretty_string(&report_streamed(&status, &config));
        assert!(whole.contains("\"id\": \"p0518\""), "every block is there");
        assert_eq!(streamed, whole);
    }
}
