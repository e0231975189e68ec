//! Commitments (docs/format.md): GFM task items outside private sections, with their owner, due
//! date, done date and text for display.

use std::ops::Range;

use chrono::NaiveDate;

use super::{Body, Context};
use crate::domain::date::Written;
use crate::domain::diagnostic::Position;
use crate::domain::vocabulary::{DoneSource, Owner};
use crate::model::document::commitment::{self, DatePhrase, DateWord};
use crate::model::document::placeholder;
use crate::text::lines::LineIndex;

/// A GFM task-list item outside private sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    /// Where the item's text starts (findings about an item point at its text).
    pub position: Position,
    /// Its text for display: markup, the owner's mention and the due and done phrases
    /// removed (docs/format.md).
    pub text: std::sync::Arc<str>,
    /// `[x]`.
    pub done: bool,
    /// `[-]`: withdrawn by agreement, a plan that changed rather than a promise broken.
    pub withdrawn: bool,
    /// When it was withdrawn, if the item says.
    pub withdrawn_on: Option<NaiveDate>,
    /// Why it was withdrawn, if the item says (`withdrawn 2026-09-01: the reason`).
    pub withdrawn_reason: Option<Box<str>>,
    /// The first due date.
    pub due: Option<NaiveDate>,
    /// A due phrase is written, even one whose date is no calendar date (`due 2026-09-31`,
    /// reported as `invalid-field` at the date): the item is not without a due date.
    pub due_written: bool,
    /// When it was done, if the item says (or, for a ticked item that does not, when git
    /// says it was ticked: see `done_on_source`).
    pub done_on: Option<NaiveDate>,
    /// Where `done_on` comes from: written in the item, or dated from git's history.
    pub done_on_source: Option<DoneSource>,
    /// Who it belongs to.
    pub owner: Owner,
    /// The owner comes from the contract section the item sits in (or a near miss of one).
    pub owned_by_section: bool,
    /// When the owner is unassigned because the first mention is someone else: that id.
    pub first_mention: Option<Box<str>>,
    /// Mentions of ids that are not in the roster (nor `manager`/`engineer`).
    pub unknown_mentions: Vec<Mention>,
}

/// An `@` mention in a task item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The word after `@`.
    pub id: Box<str>,
    /// Where the `@` is.
    pub position: Position,
}

/// A due, done or withdrawn date in a task item that is not written `YYYY-MM-DD`: one
/// with one reading (read, and to be rewritten), two readings, or no calendar date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate {
    /// Where the date is.
    pub position: Position,
    /// `due`, `done` or `withdrawn`.
    pub word: &'static str,
    /// The date as written.
    pub text: Box<str>,
    /// What it means.
    pub written: Written,
}

/// A list item being read.
#[derive(Debug)]
struct OpenItem {
    start: usize,
    /// Where the item's own text starts.
    text_start: Option<usize>,
    text: String,
    /// Pieces of `text` that are their source verbatim: (offset in `text`, byte offset in
    /// the file, length), so a position in the text is a position in the file.
    exact: Vec<(usize, usize, usize)>,
    /// Mentions: id, offset in `text`, byte offset in the file.
    mentions: Vec<(Box<str>, usize, usize)>,
    task: Option<bool>,
}

impl OpenItem {
    /// The byte offset in the file of `offset` in the item's text: exact where the text
    /// is its source verbatim, else where the item's own text (or the item) starts.
    fn source_of(&self, offset: usize) -> usize {
        self.exact
            .iter()
            .find(|(from, _, len)| offset >= *from && offset < from + len)
            .map(|(from, start, _)| start + (offset - from))
            .or(self.text_start)
            .unwrap_or(self.start)
    }

    /// Whether the item is withdrawn: not a task item to the parser, but its box written
    /// `[-]` (see [`withdrawn_marker`]).
    fn withdrawn(&self, source: &str) -> bool {
        self.task.is_none()
            && self.text.starts_with("[-]")
            && withdrawn_marker(&source[self.start..])
    }

    /// The item's mentions that name someone: `@10am` is a time unless someone's id is
    /// `10am`.
    fn mentions(&self, context: &Context) -> Vec<&(Box<str>, usize, usize)> {
        self.mentions
            .iter()
            .filter(|(id, _, _)| {
                !id.starts_with(|c: char| c.is_ascii_digit()) || context.config.person(id).is_some()
            })
            .collect()
    }
}

/// Who owns a commitment whose first mention is `@id`: `@manager`, `@engineer`, or the
/// document's own manager or engineer by id; anyone else leaves it unassigned.
fn owner_named(id: &str, context: &Context) -> Owner {
    match id {
        "manager" => Owner::Manager,
        "engineer" => Owner::Engineer,
        id if Some(id) == context.manager => Owner::Manager,
        id if Some(id) == context.engineer => Owner::Engineer,
        _ => Owner::Unassigned,
    }
}

/// The mentions that name nobody in the roster (`@manager` and `@engineer` name the
/// document's own people), where they are in the file.
fn unknown(
    mentions: &[&(Box<str>, usize, usize)],
    context: &Context,
    text: &str,
    index: &LineIndex,
) -> Vec<Mention> {
    let known =
        |id: &str| id == "manager" || id == "engineer" || context.config.person(id).is_some();
    mentions
        .iter()
        .filter(|(id, _, _)| !known(id))
        .map(|(id, _, source)| Mention {
            id: id.clone(),
            position: index.position(text, *source),
        })
        .collect()
}

/// Whether the list item whose marker starts `source` is written `[-]` (Obsidian Tasks'
/// "cancelled"): CommonMark's task lists know only `[ ]` and `[x]`, so the parser gives
/// `[-]` as text, and it is recognised here from the item's own line.
fn withdrawn_marker(source: &str) -> bool {
    let rest = source.trim_start_matches(|c: char| c.is_ascii_digit());
    let Some(rest) = rest.strip_prefix(['-', '*', '+', '.', ')']) else {
        return false;
    };
    let content = rest.trim_start_matches([' ', '\t']);
    content.len() < rest.len()
        && content
            .strip_prefix("[-]")
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', '\r', '\n']))
}

/// What the due, done and withdrawn phrases of a task item say.
struct Phrases {
    due: Option<NaiveDate>,
    /// A due phrase is written, whether or not its date is a calendar date.
    due_written: bool,
    done_on: Option<NaiveDate>,
    /// Only for a `[-]` item.
    withdrawn_on: Option<NaiveDate>,
    /// Only for a `[-]` item.
    withdrawn_reason: Option<Box<str>>,
}

impl Phrases {
    /// Reads the phrases of an item's `text` (`withdrawn`: its box is `[-]`). Each phrase
    /// found is added to `remove`, as no part of the text for display, and each date not
    /// written `YYYY-MM-DD` to the body's bad dates, at its place (`at`).
    fn read(
        text: &str,
        withdrawn: bool,
        at: &dyn Fn(usize) -> Position,
        remove: &mut Vec<Range<usize>>,
        body: &mut Body,
    ) -> Phrases {
        let mut date = |phrase: &Option<DatePhrase>, word: DateWord| {
            let phrase = phrase.as_ref()?;
            remove.push(phrase.range.clone());
            if !matches!(phrase.date, Written::Exact(_)) {
                body.bad_dates.push(BadDate {
                    position: at(phrase.date_at),
                    word: word.name(),
                    text: phrase.written.clone(),
                    written: phrase.date,
                });
            }
            phrase.date.date()
        };
        let due = commitment::phrase(text, DateWord::Due);
        let done = commitment::phrase(text, DateWord::Done);
        // A withdrawn phrase on a box that is not `[-]` says nothing about the promise,
        // but it is no part of its text either.
        let withdrawal = commitment::phrase(text, DateWord::Withdrawn);
        Phrases {
            due_written: due.is_some(),
            due: date(&due, DateWord::Due),
            done_on: date(&done, DateWord::Done),
            withdrawn_on: date(&withdrawal, DateWord::Withdrawn).filter(|_| withdrawn),
            withdrawn_reason: withdrawal.filter(|_| withdrawn).and_then(|w| w.reason),
        }
    }
}

/// The list items open around the current event, innermost last.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    open: Vec<OpenItem>,
}

impl Collector {
    /// A list item starts at byte `start` (its marker).
    pub fn start(&mut self, start: usize) {
        self.open.push(OpenItem {
            start,
            text_start: None,
            text: String::new(),
            exact: Vec::new(),
            mentions: Vec::new(),
            task: None,
        });
    }

    /// The innermost item is a task item.
    pub fn task(&mut self, done: bool) {
        if let Some(item) = self.open.last_mut() {
            item.task = Some(done);
        }
    }

    /// Text of the innermost item; `source` is the event's byte offset, whether the text
    /// is its source verbatim, and whether a backslash escapes its first character, for
    /// text that may hold mentions.
    pub fn text(&mut self, t: &str, source: Option<(usize, bool, bool)>) {
        let Some(item) = self.open.last_mut() else {
            return;
        };
        let offset = item.text.len();
        if let Some((start, exact, escaped)) = source {
            if item.text_start.is_none() && !t.trim().is_empty() {
                item.text_start = Some(start);
            }
            if exact {
                item.exact.push((offset, start, t.len()));
                // Only text that is its source verbatim, and not an escaped `\@`.
                for (id, at) in commitment::mentions(t) {
                    if !(escaped && at == 0) {
                        item.mentions.push((id.into(), offset + at, start + at));
                    }
                }
            }
        }
        item.text.push_str(t);
    }

    /// A paragraph of the innermost item ended.
    pub fn paragraph_end(&mut self) {
        if let Some(item) = self.open.last_mut() {
            item.text.push(' ');
        }
    }

    /// The innermost item ends inside private notes: it is nobody's commitment.
    pub fn drop_last(&mut self) {
        self.open.pop();
    }

    /// The innermost item ends: a task item becomes a commitment, unless its text is a
    /// placeholder (`- [ ] TODO`). `section_owner` is the owner the section gives.
    pub fn end(
        &mut self,
        section_owner: Option<Owner>,
        context: &Context,
        text: &str,
        index: &LineIndex,
        body: &mut Body,
    ) {
        let Some(item) = self.open.pop() else {
            return;
        };
        let withdrawn = item.withdrawn(text);
        let Some(done) = item.task.or(withdrawn.then_some(false)) else {
            return;
        };
        // The `[-]` that pulldown-cmark left in the text is the box, not words.
        let skip = if withdrawn { 3 } else { 0 };
        let words = &item.text[skip..];
        if words.trim().is_empty() || placeholder::line(words).is_some() {
            return;
        }
        let at = |offset: usize| index.position(text, item.source_of(offset));
        let mentions = item.mentions(context);
        let first = mentions.first();
        let mention_owner = first.map(|(id, _, _)| owner_named(id, context));
        let owner = section_owner.or(mention_owner).unwrap_or(Owner::Unassigned);
        let mut remove = Vec::new();
        remove.push(0..skip);
        if let (Some((id, offset, _)), Some(Owner::Manager | Owner::Engineer)) =
            (first, mention_owner)
        {
            remove.push(*offset..offset + 1 + id.len());
        }
        let phrases = Phrases::read(&item.text, withdrawn, &at, &mut remove, body);
        body.commitments.push(Commitment {
            position: at(skip + (words.len() - words.trim_start().len())),
            text: commitment::display(&item.text, &remove).into(),
            done,
            withdrawn,
            withdrawn_on: phrases.withdrawn_on,
            withdrawn_reason: phrases.withdrawn_reason,
            due: phrases.due,
            due_written: phrases.due_written,
            done_on: phrases.done_on,
            done_on_source: phrases.done_on.map(|_| DoneSource::Written),
            owner,
            owned_by_section: section_owner.is_some(),
            first_mention: match (owner, first) {
                (Owner::Unassigned, Some((id, _, _))) => Some(id.clone()),
                _ => None,
            },
            unknown_mentions: unknown(&mentions, context, text, index),
        });
    }
}
