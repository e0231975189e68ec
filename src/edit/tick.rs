//! A commitment settled in its file (`cairn done`): ticked with the day it was done, or
//! withdrawn by agreement with the day and the reason.
//!
//! The manager's to-do list prints `path:line`; this turns that line's open box into a
//! settled one and writes the date the report needs beside it, so the record says when as
//! well as what. The edit goes through the privacy module's [`Source`], so a line inside
//! private notes is never touched, and the caller writes the result atomically.

use chrono::NaiveDate;

use crate::config::Config;
use crate::model::document::privacy::Source;
use crate::model::document::Document;

/// How a commitment is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// Done on that day: `[x]` and `(done D)`.
    Done(NaiveDate),
    /// Withdrawn by agreement on that day, for that reason: `[-]` and
    /// `(withdrawn D: REASON)`.
    Withdrawn(NaiveDate, String),
}

/// Why a line cannot be settled: nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The file has fewer lines.
    #[error("the file has {0} lines")]
    NoSuchLine(usize),
    /// The line lies in private notes.
    #[error("that line is in private notes, which cairn never edits")]
    Private,
    /// The file is no document cairn can read.
    #[error("the file is not a cairn document (its front matter cannot be read)")]
    NotADocument,
    /// The line holds no task item (or only a placeholder such as `- [ ] TODO`).
    #[error("that line holds no open task item (`- [ ] …`)")]
    NoTaskItem,
    /// The item is ticked already.
    #[error("that commitment is done already")]
    AlreadyDone,
    /// The item is withdrawn already.
    #[error("that commitment is withdrawn already")]
    AlreadyWithdrawn,
    /// A reason the item's text could not hold.
    #[error("the reason must be one line without `)`, so that it reads back whole")]
    BadReason,
}

/// The settled text and its changed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// The whole text, to be written to the file.
    pub source: Source,
    /// The line as it now reads.
    pub line: String,
}

/// Settles the open task item at 1-based `line` of the document `path` (root-relative),
/// whose text is `source`.
pub fn settle(
    source: &Source,
    path: &str,
    line: usize,
    how: &Settlement,
    config: &Config,
) -> Result<Settled, Refusal> {
    let phrases = config.private_phrases();
    if let Settlement::Withdrawn(_, reason) = how {
        if reason.contains([')', '\n', '\r']) {
            return Err(Refusal::BadReason);
        }
    }
    let redacted = source.redact(phrases);
    let document = Document::parse_text(path.to_owned(), &redacted, config);
    let text = redacted.text();
    let range = crate::text::lines::lines(text, 0)
        .nth(line.wrapping_sub(1))
        .filter(|_| line > 0)
        .ok_or(Refusal::NoSuchLine(document.line_count))?;
    settleable(&document, line)?;
    let content = &text[range.clone()];
    let content = content.trim_end_matches(['\r', '\n']);
    let mark = range.start + open_box(content).ok_or(Refusal::NoTaskItem)?;
    let end = range.start + content.trim_end().len();
    let (tick, phrase) = how.written();
    let edited = source
        .edit(
            &[(mark..mark + 1, tick.to_owned()), (end..end, phrase)],
            phrases,
        )
        .map_err(|_| Refusal::Private)?;
    let after = edited.redact(phrases);
    let new_line = crate::text::lines::lines(after.text(), 0)
        .nth(line - 1)
        .map(|range| {
            after.text()[range]
                .trim_end_matches(['\r', '\n'])
                .to_owned()
        })
        .unwrap_or_default();
    Ok(Settled {
        source: edited,
        line: new_line,
    })
}

/// Refuses a `line` that cannot be settled: a private one, in a file that is no
/// document, holding no task item, or one already done or withdrawn.
fn settleable(document: &Document, line: usize) -> Result<(), Refusal> {
    if document.is_private_line(line) {
        return Err(Refusal::Private);
    }
    if document.front.is_none() {
        return Err(Refusal::NotADocument);
    }
    let item = document
        .body
        .commitments
        .iter()
        .find(|c| c.position.line == line)
        .ok_or(Refusal::NoTaskItem)?;
    if item.done {
        return Err(Refusal::AlreadyDone);
    }
    if item.withdrawn {
        return Err(Refusal::AlreadyWithdrawn);
    }
    Ok(())
}

impl Settlement {
    /// What settling writes: the mark in the box, and the words after the item.
    fn written(&self) -> (&'static str, String) {
        match self {
            Settlement::Done(on) => ("x", format!(" (done {on})")),
            Settlement::Withdrawn(on, reason) => match reason.trim() {
                "" => ("-", format!(" (withdrawn {on})")),
                reason => ("-", format!(" (withdrawn {on}: {reason})")),
            },
        }
    }
}

/// The byte offset of the space inside the `[ ]` of a task item's line: after its
/// indentation, block-quote markers and list marker.
fn open_box(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches([' ', '\t', '>']);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(['-', '*', '+', '.', ')'])?;
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.starts_with("[ ]").then(|| line.len() - rest.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::default()
    }

    const NOTE: &str = "---\ntype: where-now\nengineer: alice\nmanager: sam\ndate: 2026-03-01\n---\n\n## What we agreed\n\n- [ ] @manager intro to the platform lead (due 2026-03-31)\n- [x] @engineer draft the proposal\n  1. [ ] nested step due 2026-04-01\n\n## Private notes\n\n- [ ] @manager secret\n";

    fn day(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    #[test]
    fn ticks_and_withdraws_an_open_item() {
        let source = Source::new(NOTE.to_owned());
        let done = settle(
            &source,
            "a.md",
            10,
            &Settlement::Done(day("2026-04-02")),
            &config(),
        )
        .unwrap();
        assert_eq!(
            done.line,
            "- [x] @manager intro to the platform lead (due 2026-03-31) (done 2026-04-02)"
        );
        let withdrawn = settle(
            &source,
            "a.md",
            12,
            &Settlement::Withdrawn(day("2026-04-02"), "the team was merged".into()),
            &config(),
        )
        .unwrap();
        assert_eq!(
            withdrawn.line,
            "  1. [-] nested step due 2026-04-01 (withdrawn 2026-04-02: the team was merged)"
        );
        let text = withdrawn.source.into_file_text();
        let document = Document::parse(String::from("a.md"), text.as_bytes(), &config());
        let item = document
            .body
            .commitments
            .iter()
            .find(|c| c.position.line == 12)
            .unwrap();
        assert!(item.withdrawn);
        assert_eq!(item.withdrawn_on, Some(day("2026-04-02")));
        assert_eq!(
            item.withdrawn_reason.as_deref(),
            Some("the team was merged")
        );
        assert_eq!(&*item.text, "nested step");
    }

    #[test]
    fn refuses_what_is_no_open_item() {
        let source = Source::new(NOTE.to_owned());
        let on = Settlement::Done(day("2026-04-02"));
        let refused = |line| settle(&source, "a.md", line, &on, &config()).unwrap_err();
        assert_eq!(refused(11), Refusal::AlreadyDone);
        assert_eq!(refused(8), Refusal::NoTaskItem);
        assert_eq!(refused(16), Refusal::Private);
        assert_eq!(refused(0), Refusal::NoSuchLine(16));
        assert_eq!(refused(99), Refusal::NoSuchLine(16));
        let bad = Settlement::Withdrawn(day("2026-04-02"), "a (b)".into());
        assert_eq!(
            settle(&source, "a.md", 10, &bad, &config()).unwrap_err(),
            Refusal::BadReason
        );
    }
}
