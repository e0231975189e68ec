//! One person's status: their documents as of a date, put together (docs/guide.md).

use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;

use super::annual::annual;
use super::commitments::{commitments, CommitmentStatus, Handover};
use super::dates::{Dated, DatedKind, Due, DueStatus};
use super::flags::Flag;
use super::review::{self as review_of, Checkpoint};
use super::skipped::Skipped;
use super::Record;
use crate::config::{Cadence, Config, Person};
use crate::domain::date::{add_days, add_months, sub_days};
use crate::domain::vocabulary::{ContractStatus, DocType, Owner};

/// One person's status as of a date.
#[derive(Debug, Clone)]
pub struct PersonStatus {
    /// Roster id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-text role.
    pub role: Option<String>,
    /// The manager on `as_of`.
    pub manager: Option<String>,
    /// While `as_of` is inside a period away: its last day.
    pub away_until: Option<NaiveDate>,
    /// Joined less than `review_months` before `as_of`.
    pub new: bool,
    /// The annual conversation.
    pub annual: Due,
    /// The review of the active contract; `None` without one.
    pub review: Option<Due>,
    /// The next monthly check-in on the active contract; `None` without one, or with
    /// `checkin_days: 0`.
    pub check_in: Option<Due>,
    /// The active contract.
    pub contract: Option<ActiveContract>,
    /// Every conversation dated on or before `as_of`, oldest first.
    pub conversations: Vec<Conversation>,
    /// Every document dated on or before `as_of`, oldest first.
    pub documents: Vec<DocumentRef>,
    /// Every contract, oldest first, each with its checkpoints and the reviews that met
    /// them.
    pub contracts: Vec<ContractRecord>,
    /// Every commitment of the held conversations and the active contract.
    pub commitments: Vec<CommitmentStatus>,
    /// The commitments of contracts that are not active (drafts, finished ones): their
    /// story, not counted in the flags.
    pub other_commitments: Vec<CommitmentStatus>,
    /// What still needs doing by a date: unmet follow-ups, the annual conversation, the
    /// review, open commitments.
    pub dated: Vec<Dated>,
    /// What needs attention, in [`Flag`] order.
    pub flags: Vec<Flag>,
    /// The person's documents the report could not use: the block says which and why.
    pub unreadable: Vec<Skipped>,
}

/// The active contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveContract {
    /// Root-relative path.
    pub path: Arc<str>,
    /// The text of the Development goal section.
    pub goal: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day, moved by days away since the start (the checkpoints move alike, so none
    /// passes the end).
    pub end: Option<NaiveDate>,
    /// The last day as the contract writes it.
    pub end_written: Option<NaiveDate>,
    /// The contract's date (its name in words: "the contract of 2026-03-01").
    pub date: NaiveDate,
    /// The checkpoints (moved by days away), each with the review that met it.
    pub checkpoints: Vec<Checkpoint>,
    /// The first checkpoint on or after `as_of`.
    pub next_checkpoint: Option<NaiveDate>,
    /// When the contract was shared with the engineer, as of `as_of`.
    pub summary_shared: Option<NaiveDate>,
    /// It was not shared, and `summary_days` after its start have passed.
    pub summary_late: bool,
    /// The capabilities its goal develops, as `capabilities:` names them.
    pub capabilities: Vec<String>,
}

impl ActiveContract {
    /// The capabilities it develops on `as_of`: none before its start or after its end
    /// (moved by time away), when an expired contract still says `active`
    /// (docs/frameworks.md).
    pub fn developing(&self, as_of: NaiveDate) -> &[String] {
        let started = self.start.is_none_or(|start| start <= as_of);
        let running = self.end.is_none_or(|end| as_of <= end);
        if started && running {
            &self.capabilities
        } else {
            &[]
        }
    }

    /// The checkpoints that have passed with no review meeting them.
    pub fn missed(&self, as_of: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        self.checkpoints
            .iter()
            .filter(move |c| c.met_by.is_none() && c.date < as_of)
            .map(|c| c.date)
    }

    /// The checkpoints that have passed with no review meeting them, with their written
    /// dates.
    pub fn missed_checkpoints(&self, as_of: NaiveDate) -> impl Iterator<Item = &Checkpoint> {
        self.checkpoints
            .iter()
            .filter(move |c| c.met_by.is_none() && c.date < as_of)
    }
}

/// A document of the person's, by date and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRef {
    /// Root-relative path.
    pub path: Arc<str>,
    /// Its date.
    pub date: NaiveDate,
    /// Its type.
    pub doc_type: DocType,
}

/// A contract of any status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRecord {
    /// Root-relative path.
    pub path: Arc<str>,
    /// The document's date.
    pub date: NaiveDate,
    /// Where it stands.
    pub status: Option<ContractStatus>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day, moved by days away since the start.
    pub end: Option<NaiveDate>,
    /// The last day as written.
    pub end_written: Option<NaiveDate>,
    /// The development goal.
    pub goal: Option<String>,
    /// Its checkpoints, each with the review that met it.
    pub checkpoints: Vec<Checkpoint>,
}

/// A conversation and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Root-relative path.
    pub path: Arc<str>,
    /// Its date.
    pub date: NaiveDate,
    /// Its type.
    pub doc_type: DocType,
    /// Its manager.
    pub manager: Option<String>,
    /// Its notes are written (or cairn cannot tell): it counts as held.
    pub held: bool,
    /// The agreed follow-up, moved by days away.
    pub follow_up: Option<NaiveDate>,
    /// The follow-up as written.
    pub follow_up_written: Option<NaiveDate>,
    /// Whether a later conversation met the follow-up: `None` without one, and for a
    /// conversation that is not held.
    pub follow_up_met: Option<bool>,
    /// When the summary was shared.
    pub summary_shared: Option<NaiveDate>,
    /// The summary was not shared and its deadline has passed.
    pub summary_late: bool,
}

/// The status of `person` from `records`, their usable documents dated on or before
/// `as_of`; `errors` are the paths of documents with check errors, `unreadable` the
/// person's documents the report could not use.
pub fn status(
    person: &Person,
    records: &[Record],
    errors: &HashSet<&str>,
    unreadable: &[Skipped],
    config: &Config,
    as_of: NaiveDate,
) -> PersonStatus {
    let cadence = &config.cadence;
    let held = held(records);
    let annual = annual(person, &held, cadence, as_of);
    let active = active(records);
    let (review, contract) = active
        .map(|record| active_contract(person, record, &held, cadence, as_of))
        .unzip();
    let check_in = check_in(person, &held, contract.as_ref(), cadence, as_of);
    let handovers = handovers(records);
    let (commitments, other_commitments) =
        all_commitments(person, records, &held, active, &handovers, as_of);
    let conversations = conversations(person, records, &held, config, as_of);
    let (documents, contracts) = record_of(person, records, &held, cadence, as_of);
    let new = new_joiner(person, cadence, as_of);
    let away_until = person.away_on(as_of).map(|away| away.to);
    let facts = Facts {
        person,
        held: &held,
        conversations: &conversations,
        annual: &annual,
        review: review.as_ref(),
        check_in: check_in.as_ref(),
        contract: contract.as_ref(),
        commitments: &commitments,
        handovers: &handovers,
        new,
        errors: any_errors(records, errors, unreadable),
        config,
        as_of,
    };
    PersonStatus {
        id: person.id.clone(),
        name: person.name.clone(),
        role: person.role.clone(),
        manager: person.manager_on(as_of).map(str::to_owned),
        away_until,
        new,
        flags: shown_flags(flags(&facts), new, away_until.is_some()),
        dated: dated(&facts),
        annual,
        review,
        check_in,
        contract,
        conversations,
        documents,
        contracts,
        commitments,
        other_commitments,
        unreadable: unreadable.to_vec(),
    }
}

/// The conversations that count as held: their notes are written, or cairn cannot tell.
fn held<'a>(records: &[Record<'a>]) -> Vec<Record<'a>> {
    records
        .iter()
        .filter(|r| r.doc_type.is_conversation() && r.document.notes_written() != Some(false))
        .cloned()
        .collect()
}

/// The commitments the status counts (of the held conversations and the active contract),
/// and those of the other contracts (drafts, finished ones), which are only their story.
fn all_commitments(
    person: &Person,
    records: &[Record],
    held: &[Record],
    active: Option<&Record>,
    handovers: &[Handover],
    as_of: NaiveDate,
) -> (Vec<CommitmentStatus>, Vec<CommitmentStatus>) {
    let mut owning: Vec<&Record> = held.iter().collect();
    owning.extend(active);
    let others: Vec<&Record> = records
        .iter()
        .filter(|r| r.doc_type == DocType::Contract)
        .filter(|r| !active.is_some_and(|a| std::ptr::eq(a.document, r.document)))
        .collect();
    (
        commitments(person, &owning, handovers, as_of),
        commitments(person, &others, handovers, as_of),
    )
}

/// Whether the person joined less than `review_months` before `as_of`.
fn new_joiner(person: &Person, cadence: &Cadence, as_of: NaiveDate) -> bool {
    person
        .since
        .is_some_and(|since| since <= as_of && as_of < add_months(since, cadence.review_months))
}

/// Whether any of the person's documents has a check error or could not be used.
fn any_errors(records: &[Record], errors: &HashSet<&str>, unreadable: &[Skipped]) -> bool {
    !unreadable.is_empty()
        || records
            .iter()
            .any(|r| errors.contains(r.document.path.as_str()))
}

/// The flags that show: a new joiner's only those that matter while new, and while away
/// only document errors (the others would be about time the person was not there).
fn shown_flags(mut flags: Vec<Flag>, new: bool, away: bool) -> Vec<Flag> {
    if new || away {
        flags.retain(|f| f.shows_while_new());
        if away {
            flags.retain(|f| *f == Flag::DocumentErrors);
        }
    }
    flags
}

/// The active contract: of two (an error of `check`), the one with the later start.
fn active<'a>(records: &'a [Record<'a>]) -> Option<&'a Record<'a>> {
    records
        .iter()
        .filter(|r| {
            r.doc_type == DocType::Contract && r.front.status == Some(ContractStatus::Active)
        })
        .max_by_key(|r| (r.front.start.unwrap_or(r.date), &r.document.path))
}

/// The active contract's review due date, and the contract as the status shows it.
fn active_contract(
    person: &Person,
    record: &Record,
    held: &[Record],
    cadence: &Cadence,
    as_of: NaiveDate,
) -> (Due, ActiveContract) {
    let (due, checkpoints) = review_of::review(person, record, held, cadence, as_of);
    let next_checkpoint = checkpoints.iter().map(|c| c.date).find(|c| *c >= as_of);
    // The contract is bilateral: the engineer gets it as they get a summary.
    let start = record.front.start.unwrap_or(record.date);
    let deadline = person.moved(start, add_days(start, cadence.summary_days));
    let summary_shared = record.front.summary_shared.filter(|on| *on <= as_of);
    let contract = ActiveContract {
        summary_shared,
        summary_late: summary_shared.is_none() && deadline < as_of,
        path: Arc::clone(&record.path),
        goal: record.document.body.goal.clone(),
        start: record.front.start,
        end: moved_end(person, record),
        end_written: record.front.end,
        date: record.date,
        checkpoints,
        next_checkpoint,
        capabilities: record.front.capabilities.clone(),
    };
    (due, contract)
}

/// The person's record: every document and every contract, in date order.
fn record_of(
    person: &Person,
    records: &[Record],
    held: &[Record],
    cadence: &Cadence,
    as_of: NaiveDate,
) -> (Vec<DocumentRef>, Vec<ContractRecord>) {
    let mut documents: Vec<DocumentRef> = records
        .iter()
        .map(|r| DocumentRef {
            path: Arc::clone(&r.path),
            date: r.date,
            doc_type: r.doc_type,
        })
        .collect();
    documents.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    let mut contracts: Vec<ContractRecord> = records
        .iter()
        .filter(|r| r.doc_type == DocType::Contract)
        .map(|r| ContractRecord {
            path: Arc::clone(&r.path),
            date: r.date,
            status: r.front.status,
            start: r.front.start,
            end: moved_end(person, r),
            end_written: r.front.end,
            goal: r.document.body.goal.clone(),
            checkpoints: review_of::review(person, r, held, cadence, as_of).1,
        })
        .collect();
    contracts.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    (documents, contracts)
}

/// The person's handovers, oldest first: each passes its outgoing manager's open promises
/// to the incoming one from its date.
fn handovers(records: &[Record]) -> Vec<Handover> {
    let mut found: Vec<Handover> = records
        .iter()
        .filter(|r| r.doc_type == DocType::Handover)
        .filter_map(|r| {
            Some(Handover {
                from: r.front.manager.clone()?,
                to: r.front.to.clone()?,
                on: r.date,
            })
        })
        .collect();
    found.sort_by(|a, b| (a.on, &a.from).cmp(&(b.on, &b.from)));
    found
}

/// A contract's end, moved by the days away since its start: the clock of a development
/// plan stops while the engineer is away, its checkpoints' and its end's alike.
fn moved_end(person: &Person, record: &Record) -> Option<NaiveDate> {
    let start = record.front.start.unwrap_or(record.date);
    record.front.end.map(|end| person.moved(start, end))
}

/// The next monthly check-in on an active contract (docs/frameworks.md): `checkin_days`
/// after the latest held conversation of any type, moved by the days away since. The
/// clock starts no earlier than the contract's start: a contract agreed after the last
/// conversation is the plan just talked through, and is not late on its first day. None
/// without an active contract.
fn check_in(
    person: &Person,
    held: &[Record],
    contract: Option<&ActiveContract>,
    cadence: &Cadence,
    as_of: NaiveDate,
) -> Option<Due> {
    let contract = contract?;
    if cadence.checkin_days == 0 {
        return None;
    }
    let last = held.iter().map(|r| r.date).max();
    let start = contract.start.unwrap_or(contract.date);
    let from = last.map_or(start, |last| last.max(start));
    let written = add_days(from, cadence.checkin_days);
    let due = person.moved(from, written);
    Some(Due {
        last,
        due: Some(due),
        due_written: Some(written),
        status: super::dates::due_status(true, Some(due), as_of, cadence.due_soon_days, false),
    })
}

/// Every conversation, with its follow-up met or not and its summary late or not.
fn conversations(
    person: &Person,
    records: &[Record],
    held: &[Record],
    config: &Config,
    as_of: NaiveDate,
) -> Vec<Conversation> {
    let soon = config.cadence.due_soon_days;
    let mut found: Vec<Conversation> = records
        .iter()
        .filter(|r| r.doc_type.is_conversation())
        .map(|r| {
            let is_held = held.iter().any(|h| std::ptr::eq(h.document, r.document));
            let written = r.front.follow_up;
            let follow_up = written.map(|f| person.moved(r.date, f));
            // A later held conversation, on or after the follow-up's window opens, meets it.
            // The window opens from the date written, not the moved one: the conversations
            // after a return from leave meet a follow-up agreed before it. Nothing is owed
            // for a conversation that counts for nothing (notes not written).
            let follow_up_met = written.filter(|_| is_held).map(|f| {
                let opens = sub_days(f, soon);
                held.iter()
                    .any(|later| later.date > r.date && later.date >= opens && later.date <= as_of)
            });
            let deadline = person.moved(r.date, add_days(r.date, config.cadence.summary_days));
            // As things stood on `as_of`: a summary shared later was not shared yet.
            let summary_shared = r.front.summary_shared.filter(|shared| *shared <= as_of);
            Conversation {
                path: Arc::clone(&r.path),
                date: r.date,
                doc_type: r.doc_type,
                manager: r.front.manager.clone(),
                held: is_held,
                follow_up,
                follow_up_written: written,
                follow_up_met,
                summary_shared,
                // A check-in has no written summary to share (docs/frameworks.md).
                summary_late: r.doc_type != DocType::CheckIn
                    && summary_shared.is_none()
                    && deadline < as_of,
            }
        })
        .collect();
    found.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    found
}

/// What the flags are computed from.
struct Facts<'a> {
    person: &'a Person,
    held: &'a [Record<'a>],
    conversations: &'a [Conversation],
    annual: &'a Due,
    review: Option<&'a Due>,
    check_in: Option<&'a Due>,
    contract: Option<&'a ActiveContract>,
    commitments: &'a [CommitmentStatus],
    handovers: &'a [Handover],
    errors: bool,
    /// A new joiner: the check-in is not yet owed (docs/frameworks.md).
    new: bool,
    config: &'a Config,
    as_of: NaiveDate,
}

/// The flags, in their fixed order (docs/guide.md's table).
fn flags(facts: &Facts) -> Vec<Flag> {
    let any_held = !facts.held.is_empty();
    let manager_late = late(facts, Owner::Manager);
    let engineer_late = late(facts, Owner::Engineer);
    let conditions = [
        (Flag::NeverHadConversation, !any_held),
        (
            Flag::AnnualOverdue,
            any_held && matches!(facts.annual.status, DueStatus::Never | DueStatus::Overdue),
        ),
        (
            Flag::NoActiveContract,
            facts.contract.is_none() && contract_overdue(facts),
        ),
        (Flag::ContractExpired, contract_expired(facts)),
        (Flag::ReviewOverdue, review_overdue(facts)),
        (Flag::MissedFollowUp, missed_follow_up(facts)),
        (Flag::SummaryNotShared, summary_not_shared(facts)),
        (
            Flag::NoRecentCheckIn,
            facts
                .check_in
                .is_some_and(|c| c.status == DueStatus::Overdue),
        ),
        (Flag::NoHandover, no_handover(facts)),
        (
            Flag::NotesNotWritten,
            facts.conversations.iter().any(|c| !c.held),
        ),
        (Flag::ManagerCommitmentsOverdue, manager_late),
        (Flag::EngineerCommitmentsOverdue, engineer_late),
        (
            Flag::TrustAtRisk,
            manager_late && !engineer_late && engineer_delivered(facts),
        ),
        (Flag::DocumentErrors, facts.errors),
    ];
    let mut flags: Vec<Flag> = conditions
        .into_iter()
        .filter(|(_, holds)| *holds)
        .map(|(flag, _)| flag)
        .collect();
    // The order is the vocabulary's, declared once in `flags.rs`, whatever the order of
    // the conditions above.
    flags.sort_unstable();
    flags
}

/// Whether the active contract's end (moved by time away) has passed.
fn contract_expired(facts: &Facts) -> bool {
    facts
        .contract
        .and_then(|c| c.end)
        .is_some_and(|end| end < facts.as_of)
}

/// Whether the active contract's review is overdue, or has a due date and was never held.
fn review_overdue(facts: &Facts) -> bool {
    facts.review.is_some_and(|r| {
        r.status == DueStatus::Overdue || (r.status == DueStatus::Never && r.due.is_some())
    })
}

/// Whether a held conversation's summary, or the active contract, is late being shared.
fn summary_not_shared(facts: &Facts) -> bool {
    facts.conversations.iter().any(|c| c.held && c.summary_late)
        || facts.contract.is_some_and(|c| c.summary_late)
}

/// Whether the engineer has delivered a commitment of theirs.
fn engineer_delivered(facts: &Facts) -> bool {
    facts
        .commitments
        .iter()
        .any(|c| c.done && c.owner == Owner::Engineer)
}

/// Whether a commitment of `owner`'s is overdue.
fn late(facts: &Facts, owner: Owner) -> bool {
    facts
        .commitments
        .iter()
        .any(|c| c.overdue && c.owner == owner)
}

/// Whether a contract is due and missing: the third conversation should have produced a
/// contract `review_months` after the last annual one (a deadline that stops while away,
/// as the others do), and with no annual conversation one is due already.
fn contract_overdue(facts: &Facts) -> bool {
    let last_annual = facts
        .held
        .iter()
        .filter(|r| r.doc_type.is_annual())
        .map(|r| r.date)
        .max();
    last_annual.is_none_or(|last| {
        facts.as_of
            > facts
                .person
                .moved(last, add_months(last, facts.config.cadence.review_months))
    })
}

/// Whether a held conversation's follow-up date has passed without being met.
fn missed_follow_up(facts: &Facts) -> bool {
    facts.conversations.iter().any(|c| {
        c.held && c.follow_up_met == Some(false) && c.follow_up.is_some_and(|f| f < facts.as_of)
    })
}

/// Whether the person's manager changed more than `summary_days` ago, within the last
/// `annual_months`, with no handover dated within `summary_days` of the change, either
/// side: the new manager has nothing to carry on from.
fn no_handover(facts: &Facts) -> bool {
    let cadence = &facts.config.cadence;
    facts.person.previous_managers.iter().any(|stint| {
        let changed = add_days(stint.until, 1);
        let told = add_days(changed, cadence.summary_days) < facts.as_of
            && facts.as_of <= add_months(changed, cadence.annual_months);
        told && !facts
            .handovers
            .iter()
            .any(|h| (h.on - changed).num_days().unsigned_abs() <= u64::from(cadence.summary_days))
    })
}

/// What still needs doing by a date, with moved deadlines: the follow-up of each held
/// conversation not yet met, the annual conversation, the review, the next check-in, each
/// open commitment.
fn dated(facts: &Facts) -> Vec<Dated> {
    let Facts {
        person,
        annual,
        review,
        check_in,
        contract,
        conversations,
        commitments,
        as_of,
        ..
    } = *facts;
    let mut dated = Vec::with_capacity(conversations.len() + 2 + commitments.len());
    let id: Arc<str> = Arc::from(person.id.as_str());
    dated.extend(follow_ups(conversations, as_of));
    if let Some(due) = annual.due {
        dated.push(Dated {
            written: annual.due_written.unwrap_or(due),
            ..item(due, DatedKind::AnnualDue, &id, as_of)
        });
    }
    if let (Some(review), Some(contract)) = (review, contract) {
        if let Some(due) = review.due {
            dated.push(Dated {
                written: review.due_written.unwrap_or(due),
                of: Some(contract.date),
                ..item(due, DatedKind::ReviewDue, &contract.path, as_of)
            });
        }
    }
    if let Some(due) = check_in.and_then(|c| c.due) {
        // A new joiner is not late for a check-in: the report raises no flag, and the
        // calendar says no "overdue".
        dated.push(Dated {
            written: check_in.and_then(|c| c.due_written).unwrap_or(due),
            overdue: due < as_of && !facts.new,
            ..item(due, DatedKind::CheckInDue, &id, as_of)
        });
    }
    dated.extend(open_commitments(commitments, as_of));
    // (kind, source, ordinal) is unique: no two orders to keep apart.
    dated.sort_unstable_by(|a, b| {
        (a.date, a.kind, &a.source, a.ordinal).cmp(&(b.date, b.kind, &b.source, b.ordinal))
    });
    dated
}

/// A dated item with only its date, kind and source; overdue when the date is before
/// `as_of`.
fn item(date: NaiveDate, kind: DatedKind, source: &Arc<str>, as_of: NaiveDate) -> Dated {
    Dated {
        date,
        written: date,
        of: None,
        kind,
        source: Arc::clone(source),
        ordinal: None,
        text: "".into(),
        owner: None,
        manager: None,
        overdue: date < as_of,
    }
}

/// The follow-up of each held conversation, not yet met.
fn follow_ups(
    conversations: &[Conversation],
    as_of: NaiveDate,
) -> impl Iterator<Item = Dated> + '_ {
    conversations.iter().filter_map(move |c| {
        let (true, Some(date), Some(false)) = (c.held, c.follow_up, c.follow_up_met) else {
            return None;
        };
        Some(Dated {
            text: c.doc_type.name().into(),
            manager: c.manager.clone(),
            written: c.follow_up_written.unwrap_or(date),
            of: Some(c.date),
            ..item(date, DatedKind::FollowUp, &c.path, as_of)
        })
    })
}

/// Each open commitment with a due date.
fn open_commitments(
    commitments: &[CommitmentStatus],
    as_of: NaiveDate,
) -> impl Iterator<Item = Dated> + '_ {
    commitments
        .iter()
        .filter(|c| c.is_open())
        .filter_map(move |c| {
            let due = c.due?;
            Some(Dated {
                written: c.due_written.unwrap_or(due),
                of: c.of,
                ordinal: Some(c.ordinal),
                text: c.text.clone(),
                owner: Some(c.owner),
                manager: c.manager.clone(),
                ..item(due, DatedKind::Commitment, &c.path, as_of)
            })
        })
}
