//! Rules about the people a document names.

use chrono::NaiveDate;

use super::Context;
use crate::config::{Config, Person};
use crate::domain::date::sub_days;
use crate::domain::diagnostic::{declare_rule, Change, Diagnostic, Fix, Message};
use crate::domain::vocabulary::{DocType, Field};
use crate::model::document::{Document, FrontMatter};
use crate::text::suggest;

declare_rule! {
    /// ## What it does
    /// Reports an `engineer` or `manager` that is not a person id of `cairn.yaml`, and an
    /// `@id` in a task item that is neither `@manager`, `@engineer` nor a roster id.
    ///
    /// ## Why is this bad?
    /// The report is built per person: a document about someone cairn does not know is a
    /// conversation that counts for nobody, and a commitment owned by a misspelt name is a
    /// commitment nobody is reminded of.
    ///
    /// ## Example
    /// ```markdown
    /// engineer: alice-ngyuen
    /// - [ ] @sam book the stretch-assignment kick-off (due 2026-04-01)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// engineer: alice-nguyen
    /// - [ ] @sam-okafor book the stretch-assignment kick-off (due 2026-04-01)
    /// ```
    pub static UNKNOWN_PERSON = ("unknown-person", Error);
}

declare_rule! {
    /// ## What it does
    /// Warns when a document's `manager` is not the engineer's manager in `cairn.yaml` on
    /// the document's date (a reorg is recorded with `previous_managers`, so documents
    /// written before it keep the manager who held the conversation).
    ///
    /// ## Why is this bad?
    /// Commitments marked `@manager` belong to the document's manager. If that is not the
    /// person the roster says manages the engineer, the report will chase the wrong person
    /// for them, and the guide is clear that a manager who does not fulfil their side of a
    /// development contract commits "a trust-breaking event". After a change of manager,
    /// move the old manager to `previous_managers` with the last day (`until`) in
    /// `cairn.yaml`; old documents keep the manager who held the conversation.
    ///
    /// ## Example
    /// ```yaml
    /// engineer: alice-nguyen   # cairn.yaml: manager: sam-okafor
    /// manager: dana-lee
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// engineer: alice-nguyen
    /// manager: sam-okafor
    /// ```
    pub static WRONG_MANAGER = ("wrong-manager", Warning);
}

declare_rule! {
    /// ## What it does
    /// Reports a `handover` whose `manager` was not the engineer's manager in `cairn.yaml`
    /// on the day before its `date`, or whose `to` is not their manager on its `date`.
    ///
    /// ## Why is this bad?
    /// A handover passes the outgoing manager's open promises to the incoming one from its
    /// date. If the roster does not say the same thing, the report chases the wrong person
    /// for them, and the promise the old manager made is the one nobody keeps: the
    /// trust-breaking event the guide warns about. `cairn handover` writes the document
    /// and the roster change together, so they agree.
    ///
    /// ## Example
    /// ```yaml
    /// type: handover
    /// engineer: alice-nguyen     # cairn.yaml still says manager: sam-okafor
    /// manager: sam-okafor
    /// to: dana-reyes
    /// date: 2026-07-01
    /// ```
    ///
    /// Use instead (in cairn.yaml):
    /// ```yaml
    /// - id: alice-nguyen
    ///   manager: dana-reyes
    ///   previous_managers:
    ///     - id: sam-okafor
    ///       until: 2026-06-30
    /// ```
    pub static HANDOVER_INCOMPLETE = ("handover-incomplete", Error);
}

/// Checks `engineer`, `manager` and the `@` mentions of task items against the roster.
pub fn check(
    document: &Document,
    front: &FrontMatter,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let config = &context.config;
    unknown_in_front(document, front, config, out);
    unknown_mentioned(document, config, out);
    let (Some(engineer), Some(manager), Some(date)) = (&front.engineer, &front.manager, front.date)
    else {
        return;
    };
    let Some(person) = config.person(engineer) else {
        return;
    };
    // A handover is written by the outgoing manager, whose last day is the day before it.
    let handover = front.doc_type == Some(DocType::Handover);
    let judged_on = if handover { sub_days(date, 1) } else { date };
    let expected = person.manager_on(judged_on);
    if handover {
        handover_incomplete(document, front, person, manager, date, out);
    }
    if let Some(expected) = expected.filter(|expected| expected != manager) {
        if config.person(manager).is_some() {
            out.push(wrong_manager(
                document, front, person, manager, expected, judged_on,
            ));
        }
    }
}

/// The `unknown-person` findings of `engineer`, `manager` and `to` when they name nobody
/// in the roster.
fn unknown_in_front(
    document: &Document,
    front: &FrontMatter,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) {
    let ids = || config.people.iter().map(|p| p.id.as_str());
    for (field, id) in [
        (Field::Engineer, &front.engineer),
        (Field::Manager, &front.manager),
        (Field::To, &front.to),
    ] {
        let Some(id) = id else { continue };
        if config.person(id).is_none() {
            out.push(with_guess(
                Diagnostic::new(
                    &UNKNOWN_PERSON,
                    &document.path,
                    front.position(field),
                    Message::quoting(
                        format!(
                            "`{}` is `{id}`, who is not in cairn.yaml's `people`{}",
                            field.name(),
                            suggest::hint(id, ids())
                        ),
                        format!("`{}` is not in cairn.yaml's `people`", field.name()),
                    ),
                ),
                id,
                suggest::only_one(id, ids()),
            ));
        }
    }
}

/// The `unknown-person` findings of `@mentions` in commitments that name nobody in the
/// roster (`@manager` and `@engineer` name the document's own people).
fn unknown_mentioned(document: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
    let ids = || config.people.iter().map(|p| p.id.as_str());
    for mention in document
        .body
        .commitments
        .iter()
        .flat_map(|c| &c.unknown_mentions)
    {
        let id = &*mention.id;
        if id != "manager" && id != "engineer" && config.person(id).is_none() {
            out.push(with_guess(
                Diagnostic::new(
                    &UNKNOWN_PERSON,
                    &document.path,
                    mention.position,
                    Message::quoting(
                        format!(
                            "`@{id}` is not in cairn.yaml's `people`{}; write `@manager`, `@engineer` or a person id",
                            suggest::hint(id, ids())
                        ),
                        "a mention is not in cairn.yaml's `people`; write `@manager`, `@engineer` or a person id",
                    ),
                ),
                id,
                suggest::only_one(id, ids()),
            ));
        }
    }
}

/// The `wrong-manager` finding: the document's `manager` is in the roster, but the roster
/// says `expected` managed the engineer on `date`.
fn wrong_manager(
    document: &Document,
    front: &FrontMatter,
    person: &Person,
    manager: &str,
    expected: &str,
    date: NaiveDate,
) -> Diagnostic {
    let engineer = &person.id;
    let since = if person.previous_managers.is_empty() {
        String::new()
    } else {
        format!(" on {date}")
    };
    Diagnostic::new(
        &WRONG_MANAGER,
        &document.path,
        front.position(Field::Manager),
        Message::quoting(
            format!("`manager` is `{manager}`, but cairn.yaml says `{engineer}` was managed by `{expected}`{since}; if the manager changed, record it with `previous_managers`"),
            "`manager` is not the engineer's manager in cairn.yaml on the document's `date`; if the manager changed, record it with `previous_managers`",
        ),
    )
}

/// A handover that the roster does not agree with: its `manager` was not the engineer's
/// manager on the day before it, or its `to` is not their manager on its date.
fn handover_incomplete(
    document: &Document,
    front: &FrontMatter,
    person: &Person,
    manager: &str,
    date: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    let engineer = &person.id;
    let before = sub_days(date, 1);
    if person.manager_on(before) != Some(manager) {
        out.push(Diagnostic::new(
            &HANDOVER_INCOMPLETE,
            &document.path,
            front.position(Field::Manager),
            Message::quoting(
                format!("`manager` is `{manager}`, but cairn.yaml says `{engineer}` was not managed by `{manager}` on {before}, the day before the handover; record the change with `previous_managers` (or run `cairn handover`)"),
                "`manager` was not the engineer's manager in cairn.yaml on the day before the handover's `date`; record the change with `previous_managers`",
            ),
        ));
    }
    let Some(to) = &front.to else { return };
    if person.manager_on(date) != Some(to.as_str()) {
        out.push(Diagnostic::new(
            &HANDOVER_INCOMPLETE,
            &document.path,
            front.position(Field::To),
            Message::quoting(
                format!("`to` is `{to}`, but cairn.yaml does not say `{engineer}` is managed by `{to}` on {date}; make `{to}` their `manager` from that day (`cairn handover` does it)"),
                "`to` is not the engineer's manager in cairn.yaml on the handover's `date`; change the roster",
            ),
        ));
    }
}

/// The finding with the fix "replace `id` with the one close id", when there is one.
fn with_guess(diagnostic: Diagnostic, id: &str, candidate: Option<&str>) -> Diagnostic {
    match candidate {
        Some(candidate) => diagnostic.with_fix(Fix::guess(Change::Replace {
            from: id.to_owned(),
            to: candidate.to_owned(),
        })),
        None => diagnostic,
    }
}
