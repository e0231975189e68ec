//! What needs attention as of a date (docs/guide.md): a pure computation over the repository.
//!
//! For each person in scope: the annual conversation and the contract review (last, due,
//! status), the active contract, every commitment with its owner and state, every dated
//! thing (follow-ups, due dates, checkpoints), and the flags, from a fixed vocabulary in
//! a fixed order. People join, take leave, change manager and leave: every question is
//! asked for `as_of`, clocks stop while a person is away, and a document with errors
//! still counts for what is valid in it. Rendering is elsewhere (`report`, `calendar`,
//! `show`); what people read is computed there from this.

mod annual;
mod commitments;
mod dates;
mod flags;
mod next;
mod owed;
mod person;
mod review;
mod skipped;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::config::{Cadence, Config, Person};
use crate::domain::vocabulary::DocType;
use crate::model::document::{Document, FrontMatter};
use crate::model::repository::Repository;
pub use commitments::{CommitmentStatus, TakenOver};
pub use dates::{due_status, moved, shown, Dated, DatedKind, Due, DueStatus};
pub use flags::Flag;
pub use next::{next_step, NextStep};
pub use owed::{Owed, Standing};
pub use person::{ActiveContract, ContractRecord, Conversation, DocumentRef, PersonStatus};
pub use review::Checkpoint;
pub use skipped::Skipped;

/// The status of every person in scope, as of a date.
#[derive(Debug)]
pub struct Status {
    /// The date the status is computed for.
    pub as_of: NaiveDate,
    /// The cadence the dates were computed with.
    pub cadence: Cadence,
    /// Documents dated on or before `as_of` that could not be used (front matter
    /// unreadable; `type`, `engineer` or `date` missing or invalid), of the people in the
    /// report or of nobody that can be named: each with why and whose, in path order.
    pub skipped: Vec<Skipped>,
    /// Documents dated on or before `as_of` with check errors (used for what is valid),
    /// of the people in the report.
    pub documents_with_errors: usize,
    /// The managers (on `as_of`) of the people in scope, by id: id and name.
    pub managers: Vec<(String, String)>,
    /// One entry per person in scope, in id order.
    pub people: Vec<PersonStatus>,
    /// The managers whose promises this status is about: the `--manager` id, or the
    /// `--under` id and every manager below it, or the manager of the `--engineer`;
    /// `None` with no filter: every manager.
    pub promisers: Option<Vec<String>>,
    /// Every open commitment of those managers, to whoever it was made (a report now
    /// someone else's, someone away, someone who left), by due date.
    pub manager_commitments: Vec<Owed>,
    /// Open commitments owed to people in scope by managers who are not in scope (a
    /// previous manager's promises, still open).
    pub previous_managers_open: usize,
}

impl Status {
    /// How many documents could not be used: [`Status::skipped`]'s number.
    pub fn skipped_documents(&self) -> usize {
        self.skipped.len()
    }
}

/// Which people to include (docs/guide.md, "Who is in the report").
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Only this engineer.
    pub engineer: Option<String>,
    /// Only this manager's direct reports (on `as_of`).
    pub manager: Option<String>,
    /// Everyone below this person, at any depth (on `as_of`).
    pub under: Option<String>,
}

impl<'a> Record<'a> {
    /// The record of a usable document (front matter read; `type`, `engineer` and `date`
    /// valid).
    pub fn of(document: &'a Document) -> Option<Record<'a>> {
        let front = document.usable()?;
        Some(Record {
            document,
            path: Arc::from(document.path.as_str()),
            front,
            date: front.date?,
            doc_type: front.doc_type?,
        })
    }
}

/// A usable document of a person, with its front matter, type and date.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its path, shared by everything the status says of it.
    pub path: Arc<str>,
    /// Its front matter.
    pub front: &'a FrontMatter,
    /// Its date.
    pub date: NaiveDate,
    /// Its type.
    pub doc_type: DocType,
}

/// Computes the status as of `as_of` from the repository's documents, which it takes:
/// they are sorted by engineer, and each engineer's are freed as soon as their status is
/// computed, on every core, so the documents and the whole status are never held at once.
/// `errors` are the paths of documents with check errors (findings whose severity is
/// error).
pub fn compute(
    config: &Config,
    documents: Vec<Document>,
    errors: &HashSet<&str>,
    as_of: NaiveDate,
    filter: &Filter,
) -> Status {
    let Documents {
        mut usable,
        with_errors,
        skipped,
    } = sort_documents(documents, config, errors, as_of);
    let unreadable = unreadable(&skipped);
    let under = filter.under.as_deref().map(|top| under(config, top, as_of));
    let by_engineer = by_engineer(&mut usable, config);
    let engineers: Vec<&str> = by_engineer.keys().copied().collect();
    let in_scope = people_in_scope(config, as_of, filter, under.as_ref());
    let work = work(in_scope, by_engineer, config, filter);
    let (people, outside) = statuses(work, errors, &unreadable, config, as_of);
    // Emptied by `statuses`: the list itself goes before the managers' lists are gathered.
    drop(usable);
    let promisers = promisers(config, filter, as_of, under.as_ref());
    let manager_commitments = owed::owed(
        config,
        &people,
        filter.engineer.as_deref(),
        promisers.as_ref(),
        |id| {
            let at = outside.binary_search_by(|s| s.id.as_str().cmp(id)).ok()?;
            Some(&outside[at])
        },
        engineers.into_iter(),
        as_of,
    );
    let previous_managers_open = previous_managers_open(&people, promisers.as_ref());
    let managers = managers(&people, config);
    let skipped = skipped_in_report(skipped, &people);
    Status {
        as_of,
        cadence: config.cadence,
        documents_with_errors: errors_in_report(&with_errors, &people),
        skipped,
        managers,
        people,
        promisers: promisers.map(sorted),
        manager_commitments,
        previous_managers_open,
    }
}

/// Each engineer's usable documents, by the engineer's id, from the documents sorted by
/// engineer.
fn by_engineer<'c, 'd>(
    usable: &'d mut [Document],
    config: &'c Config,
) -> BTreeMap<&'c str, &'d mut [Document]> {
    usable
        .chunk_by_mut(|a, b| engineer(a) == engineer(b))
        .filter_map(|documents| {
            let person = engineer_of(documents.first()?, config)?;
            Some((person.id.as_str(), documents))
        })
        .collect()
}

/// A person whose status is computed, with their documents, and whether they are in the
/// report.
type Work<'a, 'd> = (&'a Person, &'d mut [Document], bool);

/// Everyone in scope (`in_scope`), then the people outside the report with documents, who
/// may still be owed what was promised them (a former report now someone else's, a
/// leaver); each with their documents.
fn work<'a, 'd>(
    in_scope: Vec<&'a Person>,
    mut by_engineer: BTreeMap<&'a str, &'d mut [Document]>,
    config: &'a Config,
    filter: &Filter,
) -> Vec<Work<'a, 'd>> {
    let mut work: Vec<Work> = in_scope
        .into_iter()
        .map(|person| {
            let documents = by_engineer.remove(person.id.as_str()).unwrap_or_default();
            (person, documents, true)
        })
        .collect();
    work.extend(
        by_engineer
            .into_iter()
            .filter(|(id, _)| filter.engineer.as_deref().is_none_or(|e| e == *id))
            .filter_map(|(id, documents)| Some((config.person(id)?, documents, false))),
    );
    work
}

/// The status of each person of `work`, computed on every core: those in the report in
/// the roster's order, and those outside it in id order. Each person's documents are
/// freed as soon as their status has taken what it needs.
fn statuses(
    work: Vec<Work>,
    errors: &HashSet<&str>,
    unreadable: &HashMap<&str, Vec<Skipped>>,
    config: &Config,
    as_of: NaiveDate,
) -> (Vec<PersonStatus>, Vec<PersonStatus>) {
    let computed: Vec<(PersonStatus, bool)> = work
        .into_par_iter()
        .map(|(person, documents, in_scope)| {
            let records: Vec<Record> = documents.iter().filter_map(Record::of).collect();
            let unreadable = unreadable
                .get(person.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            let status = person::status(person, &records, errors, unreadable, config, as_of);
            drop(records);
            documents
                .iter_mut()
                .for_each(|document| drop(std::mem::take(document)));
            (status, in_scope)
        })
        .collect();
    let (people, outside): (Vec<_>, Vec<_>) = computed.into_iter().partition(|(_, s)| *s);
    let only = |statuses: Vec<(PersonStatus, bool)>| statuses.into_iter().map(|(s, _)| s).collect();
    (only(people), only(outside))
}

/// The people in scope (see [`in_scope`]), in id order.
fn people_in_scope<'a>(
    config: &'a Config,
    as_of: NaiveDate,
    filter: &Filter,
    under: Option<&HashSet<&str>>,
) -> Vec<&'a Person> {
    let mut people: Vec<&Person> = config
        .people
        .iter()
        .filter(|p| in_scope(p, as_of, filter, under))
        .collect();
    people.sort_by(|a, b| a.id.cmp(&b.id));
    people
}

/// Whether `id` is one of the people in the report, `people`, which are in id order.
fn in_report(people: &[PersonStatus], id: &str) -> bool {
    people.binary_search_by(|p| p.id.as_str().cmp(id)).is_ok()
}

/// The skipped documents of the people in the report. A skipped document nobody can be
/// named for may be anyone's: it is kept, to be counted and named.
fn skipped_in_report(skipped: Vec<Skipped>, people: &[PersonStatus]) -> Vec<Skipped> {
    skipped
        .into_iter()
        .filter(|d| d.engineer.as_deref().is_none_or(|id| in_report(people, id)))
        .collect()
}

/// How many usable documents with errors (`with_errors`: whose each is) are of the people
/// in the report.
fn errors_in_report(with_errors: &[&str], people: &[PersonStatus]) -> usize {
    with_errors
        .iter()
        .filter(|id| in_report(people, id))
        .count()
}

/// The ids of a set, sorted.
fn sorted(ids: HashSet<&str>) -> Vec<String> {
    let mut ids: Vec<String> = ids.into_iter().map(str::to_owned).collect();
    ids.sort();
    ids
}

/// The documents dated on or before a status's date, sorted by what they can be used for.
struct Documents<'c> {
    /// The usable documents of engineers in the roster, by engineer, each engineer's in
    /// path order.
    usable: Vec<Document>,
    /// Whose each usable document with errors is: the count is of the people in the
    /// report.
    with_errors: Vec<&'c str>,
    /// The documents that could not be used, each with why.
    skipped: Vec<Skipped>,
}

/// Sorts the documents dated on or before `as_of`: a document dated later does not exist
/// yet; one without a date cannot be placed in time. The others are freed here. The
/// usable ones are sorted in place (moving them to a list per engineer would hold each
/// twice at once).
fn sort_documents<'c>(
    mut documents: Vec<Document>,
    config: &'c Config,
    errors: &HashSet<&str>,
    as_of: NaiveDate,
) -> Documents<'c> {
    let mut skipped = Vec::new();
    let mut with_errors = Vec::new();
    documents.retain(|document| {
        let date = document.front.as_ref().and_then(|f| f.date);
        if date.is_some_and(|date| date > as_of) {
            return false;
        }
        match engineer_of(document, config) {
            Some(person) => {
                if errors.contains(document.path.as_str()) {
                    with_errors.push(person.id.as_str());
                }
                true
            }
            None => {
                skipped.push(skipped::skipped(document, config));
                false
            }
        }
    });
    // By engineer (each in the roster now), each engineer's in path order (paths are
    // unique: no stable sort, and none of its buffer of half the documents, is needed).
    documents.sort_unstable_by(|a, b| (engineer(a), &a.path).cmp(&(engineer(b), &b.path)));
    Documents {
        usable: documents,
        with_errors,
        skipped,
    }
}

/// The person in the roster whose status a usable document is part of.
fn engineer_of<'c>(document: &Document, config: &'c Config) -> Option<&'c Person> {
    config.person(engineer(document)?)
}

/// The `engineer` a usable document names.
fn engineer(document: &Document) -> Option<&str> {
    document.usable()?.engineer.as_deref()
}

/// The skipped documents that name their engineer, by engineer.
fn unreadable(skipped: &[Skipped]) -> HashMap<&str, Vec<Skipped>> {
    let mut unreadable: HashMap<&str, Vec<Skipped>> = HashMap::new();
    for document in skipped {
        if let Some(engineer) = document.engineer.as_deref() {
            unreadable
                .entry(engineer)
                .or_default()
                .push(document.clone());
        }
    }
    unreadable
}

/// How many open commitments owed to the people in the report were made by managers
/// whose promises the report is not about (none with no filter).
fn previous_managers_open(people: &[PersonStatus], promisers: Option<&HashSet<&str>>) -> usize {
    people
        .iter()
        .flat_map(|p| &p.commitments)
        .filter(|c| c.is_open() && c.owner == crate::domain::vocabulary::Owner::Manager)
        .filter(|c| {
            promisers.is_some_and(|m| c.manager.as_deref().is_none_or(|id| !m.contains(id)))
        })
        .count()
}

/// The current managers of the people in the report, as id and name, sorted, each once.
fn managers(people: &[PersonStatus], config: &Config) -> Vec<(String, String)> {
    let mut managers: Vec<(String, String)> = people
        .iter()
        .filter_map(|p| p.manager.as_deref())
        .filter_map(|id| config.person(id))
        .map(|m| (m.id.clone(), m.name.clone()))
        .collect();
    managers.sort();
    managers.dedup();
    managers
}

/// The managers whose promises the report is about: the `--manager` id; the `--under`
/// id and everyone below it; the manager of the `--engineer`; with no filter, `None`:
/// every manager.
fn promisers<'a>(
    config: &'a Config,
    filter: &'a Filter,
    as_of: NaiveDate,
    under: Option<&HashSet<&'a str>>,
) -> Option<HashSet<&'a str>> {
    if let Some(manager) = filter.manager.as_deref() {
        return Some(HashSet::from([manager]));
    }
    if let (Some(top), Some(under)) = (filter.under.as_deref(), under) {
        let mut all = under.clone();
        all.insert(top);
        return Some(all);
    }
    let engineer = config.person(filter.engineer.as_deref()?)?;
    Some(engineer.manager_on(as_of).into_iter().collect())
}

/// The status of one person as of `as_of`, whether or not a report would show them (for
/// `cairn new` and `cairn show`); `None` when the id is not in the roster. `errors` are
/// the paths of documents with check errors, as for [`compute`].
pub fn person(
    repository: &Repository,
    id: &str,
    as_of: NaiveDate,
    errors: &HashSet<&str>,
) -> Option<PersonStatus> {
    let config = &repository.config;
    let person = config.person(id)?;
    let unreadable: Vec<Skipped> = repository
        .documents
        .iter()
        .filter(|d| {
            d.usable().is_none_or(|f| {
                f.engineer
                    .as_deref()
                    .is_none_or(|e| config.person(e).is_none())
            })
        })
        .filter(|d| {
            d.front
                .as_ref()
                .and_then(|f| f.date)
                .is_none_or(|date| date <= as_of)
        })
        .map(|d| skipped::skipped(d, config))
        .filter(|s| s.engineer.as_deref() == Some(id))
        .collect();
    let records: Vec<Record> = repository
        .documents
        .iter()
        .filter(|document| {
            document.usable().is_some_and(|front| {
                front.engineer.as_deref() == Some(id) && front.date.is_some_and(|d| d <= as_of)
            })
        })
        .filter_map(Record::of)
        .collect();
    Some(person::status(
        person,
        &records,
        errors,
        &unreadable,
        config,
        as_of,
    ))
}

/// Whether a person is in the report: on the team on `as_of`, with a manager on that
/// day, and selected by the filter (`under`: everyone below `filter.under`, found once).
fn in_scope(
    person: &Person,
    as_of: NaiveDate,
    filter: &Filter,
    under: Option<&HashSet<&str>>,
) -> bool {
    let Some(manager) = person.manager_on(as_of) else {
        return false;
    };
    person.on_team(as_of)
        && filter.engineer.as_ref().is_none_or(|e| *e == person.id)
        && filter.manager.as_ref().is_none_or(|m| m == manager)
        && under.is_none_or(|under| under.contains(person.id.as_str()))
}

/// Everyone below `top` in the chains of managers on `as_of`, at any depth. The roster is
/// read once, from `top` down: asking of each person whether `top` is above them would
/// walk a chain of thousands once for each person in it.
pub fn under<'a>(config: &'a Config, top: &str, as_of: NaiveDate) -> HashSet<&'a str> {
    let mut reports: HashMap<&str, Vec<&str>> = HashMap::new();
    for person in &config.people {
        if let Some(manager) = person.manager_on(as_of) {
            reports.entry(manager).or_default().push(&person.id);
        }
    }
    let mut found = HashSet::new();
    // A circle of managers (refused in `cairn.yaml`) ends here too: each person is
    // added once.
    let mut next = vec![top];
    while let Some(manager) = next.pop() {
        for &report in reports.get(manager).into_iter().flatten() {
            if found.insert(report) {
                next.push(report);
            }
        }
    }
    found
}

/// Whether `id` manages anyone on the team on `as_of` (for `--manager`).
pub fn manages_anyone(config: &Config, id: &str, as_of: NaiveDate) -> bool {
    config
        .people
        .iter()
        .any(|p| p.on_team(as_of) && p.manager_on(as_of) == Some(id))
}

#[cfg(test)]
mod tests;
