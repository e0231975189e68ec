//! What a task item says besides its text (docs/format.md): who it mentions, when it is due,
//! when it was done, and its text for display with those phrases removed.

use crate::domain::date::{self, Written};

/// Which date a phrase gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWord {
    /// When it is due: `due 2026-03-01`, or Obsidian Tasks' `📅 2026-03-01`.
    Due,
    /// When it was done: `done 2026-03-01`, or `✅ 2026-03-01`.
    Done,
    /// When it was withdrawn by agreement: `withdrawn 2026-03-01: reason`, or `❌ 2026-03-01`.
    Withdrawn,
}

impl DateWord {
    /// The word, as messages name it.
    pub fn name(self) -> &'static str {
        match self {
            DateWord::Due => "due",
            DateWord::Done => "done",
            DateWord::Withdrawn => "withdrawn",
        }
    }

    /// The emoji Obsidian Tasks writes for the same date, so a vault's tasks read as they
    /// are meant.
    fn emoji(self) -> &'static str {
        match self {
            DateWord::Due => "📅",
            DateWord::Done => "✅",
            DateWord::Withdrawn => "❌",
        }
    }
}

/// A date phrase found in an item's text: `due 2026-03-01`, `(done: 2026-03-02)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePhrase {
    /// The phrase, from its word (or opening parenthesis) to the end of the date (or of
    /// the reason, or the closing parenthesis).
    pub range: std::ops::Range<usize>,
    /// Where the date starts.
    pub date_at: usize,
    /// The date as written.
    pub written: Box<str>,
    /// What the date means.
    pub date: Written,
    /// The reason given after the date (`withdrawn 2026-09-01: the project was cancelled`).
    pub reason: Option<Box<str>>,
}

/// The first `word DATE`, `word: DATE` or `(word DATE)` in `text`, case-insensitive, or
/// the word's Obsidian Tasks emoji and a date. The date is read in any format it can be
/// (a date with two readings, or none that is a calendar date, is still a phrase, so the
/// item is never said to have no date when one is written); text that is no date at all
/// (`due next week`) is no phrase.
pub fn phrase(text: &str, word: DateWord) -> Option<DatePhrase> {
    starts(text, word)
        .into_iter()
        .find_map(|start| phrase_at(text, word, start))
}

/// Where `word` or its emoji is written in `text`, in order: (start, end, whether it is
/// the emoji). The word is found in any case, and only where a word starts.
fn starts(text: &str, word: DateWord) -> Vec<(usize, usize, bool)> {
    let spelt = word.name();
    let emoji = word.emoji();
    // The word is lower-case ASCII: found in any case without a lower-cased copy of the text.
    let first = spelt.as_bytes()[0];
    let words = memchr::memchr2_iter(first, first.to_ascii_uppercase(), text.as_bytes())
        .filter(|&at| {
            text.as_bytes()
                .get(at..at + spelt.len())
                .is_some_and(|found| found.eq_ignore_ascii_case(spelt.as_bytes()))
        })
        .filter(|&at| {
            !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
        .map(|at| (at, at + spelt.len(), false));
    let emojis = text
        .match_indices(emoji)
        .map(|(at, _)| (at, at + emoji.len(), true));
    let mut starts: Vec<(usize, usize, bool)> = words.chain(emojis).collect();
    starts.sort_unstable();
    starts
}

/// The phrase of `word` written from `at` to `word_end`, if a date follows it.
fn phrase_at(
    text: &str,
    word: DateWord,
    (at, word_end, is_emoji): (usize, usize, bool),
) -> Option<DatePhrase> {
    let after = &text[word_end..];
    // An emoji may carry the variation selector that asks for its coloured form.
    let after = after.strip_prefix('\u{fe0f}').unwrap_or(after);
    let rest = if is_emoji {
        after
    } else {
        after.strip_prefix(':').unwrap_or(after)
    };
    let date_text = rest.trim_start_matches([' ', '\t']);
    // A word must be followed by a colon, a space, or both: `due2026-03-01` is a word.
    if !is_emoji && date_text.len() == after.len() {
        return None;
    }
    let (length, date) = date::leading(date_text)?;
    let date_at = text.len() - date_text.len();
    let mut start = at;
    let mut end = date_at + length;
    let mut reason = None;
    let opened = text[..start].ends_with('(');
    if word == DateWord::Withdrawn {
        if let Some((said, why_end)) = why(text, end, opened) {
            reason = said;
            end = why_end;
        }
    }
    // `(due 2026-03-01)` goes whole.
    if opened && text[end..].starts_with(')') {
        start -= 1;
        end += 1;
    }
    Some(DatePhrase {
        range: start..end,
        date_at,
        written: text[date_at..date_at + length].into(),
        date,
        reason,
    })
}

/// The reason after a withdrawn date that ends at `end`, and where it ends: `withdrawn
/// 2026-09-01: the project was cancelled` says why, up to the closing bracket (when the
/// phrase was `opened` by one) or the end of the item. `None` without a colon; an empty
/// reason is no reason, though its colon still belongs to the phrase.
fn why(text: &str, end: usize, opened: bool) -> Option<(Option<Box<str>>, usize)> {
    let why = text[end..].trim_start().strip_prefix(':')?;
    let why_at = text.len() - why.len();
    let why_end = if opened {
        why.find(')').map_or(text.len(), |i| why_at + i)
    } else {
        text.len()
    };
    let said = text[why_at..why_end].trim();
    Some(((!said.is_empty()).then(|| said.into()), why_end))
}

pub use crate::domain::mention::mentions;

/// The text of an item for display: without the owner's mention at `owner` (a byte range
/// of `text`) and the due and done phrases, spaces collapsed, and punctuation left
/// dangling at the ends removed.
pub fn display(text: &str, remove: &[std::ops::Range<usize>]) -> String {
    let mut ranges: Vec<_> = remove.to_vec();
    ranges.sort_by_key(|r| r.start);
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        if range.start >= at {
            kept.push_str(&text[at..range.start]);
            kept.push(' ');
            at = range.end;
        }
    }
    kept.push_str(&text[at.min(text.len())..]);
    // One space between words, none before a comma or semicolon.
    let mut joined = String::with_capacity(kept.len());
    for word in kept.split_whitespace() {
        if !joined.is_empty() && !word.starts_with([',', ';']) {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    let joined = without_empty_brackets(&joined);
    joined
        .trim_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c))
        .to_owned()
}

/// `text` without the brackets the removed phrases emptied: `(, )` of `(due …, done …)`.
fn without_empty_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let inside = &rest[open + 1..];
        let empty = inside
            .find(|c: char| !matches!(c, ' ' | ',' | ';' | ':'))
            .filter(|&i| inside[i..].starts_with(')'));
        match empty {
            Some(i) => {
                out.push_str(rest[..open].trim_end());
                rest = &inside[i + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = inside;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn due(text: &str) -> Option<Result<String, String>> {
        phrase(text, DateWord::Due).map(|p| match p.date {
            Written::Exact(d) => Ok(d.to_string()),
            _ => Err(p.written.to_string()),
        })
    }

    #[test]
    fn due_dates_in_the_three_forms() {
        assert_eq!(due("ship it due 2026-03-01"), Some(Ok("2026-03-01".into())));
        assert_eq!(
            due("ship it (Due: 2026-03-01)"),
            Some(Ok("2026-03-01".into()))
        );
        assert_eq!(
            due("ship it (due 2026-03-01)"),
            Some(Ok("2026-03-01".into()))
        );
        assert_eq!(due("overdue 2026-03-01"), None);
        assert_eq!(due("due 2026-09-31"), Some(Err("2026-09-31".into())));
        assert_eq!(due("due2026-03-01"), None);
        assert_eq!(due("due 2026-04-011"), None);
        assert_eq!(due("due next week"), None);
        assert_eq!(due("due 15/04/2026"), Some(Err("15/04/2026".into())));
        assert_eq!(due("due 04/05/2026"), Some(Err("04/05/2026".into())));
        assert_eq!(due("ship 📅 2026-12-10"), Some(Ok("2026-12-10".into())));
        assert_eq!(due("ship 📅2026-12-10"), Some(Ok("2026-12-10".into())));
        assert_eq!(due("residue due 2026-04-01"), Some(Ok("2026-04-01".into())));
        let found = phrase("a (due 2026-03-01) b", DateWord::Due).unwrap();
        assert_eq!(found.range, 2..18);
        assert_eq!(found.date_at, 7);
        let done = phrase("x done: 2026-10-20", DateWord::Done).unwrap();
        assert_eq!(
            done.date,
            Written::Exact(NaiveDate::from_ymd_opt(2026, 10, 20).unwrap())
        );
        let late = phrase("x (due 15/04/2026)", DateWord::Due).unwrap();
        assert_eq!(late.range, 2..18);
        assert_eq!(
            late.date,
            Written::OneReading(NaiveDate::from_ymd_opt(2026, 4, 15).unwrap())
        );
        let done = phrase("x ✅ 2026-12-14", DateWord::Done).unwrap();
        assert_eq!(&*done.written, "2026-12-14");
    }

    #[test]
    fn a_withdrawn_date_with_its_reason() {
        let text = "stretch project (withdrawn 2026-09-01: the Q2 project was cancelled) ok";
        let found = phrase(text, DateWord::Withdrawn).unwrap();
        assert_eq!(
            &text[found.range.clone()],
            "(withdrawn 2026-09-01: the Q2 project was cancelled)"
        );
        assert_eq!(
            found.reason.as_deref(),
            Some("the Q2 project was cancelled")
        );
        assert_eq!(display(text, &[found.range]), "stretch project ok");
        let found = phrase(
            "lead the guild withdrawn 1 Sept 2026: reorg",
            DateWord::Withdrawn,
        )
        .unwrap();
        assert_eq!(found.date.date(), NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(found.reason.as_deref(), Some("reorg"));
        let found = phrase("lead the guild ❌ 2026-09-01", DateWord::Withdrawn).unwrap();
        assert_eq!(found.reason, None);
        assert_eq!(found.range.end, "lead the guild ❌ 2026-09-01".len());
    }

    #[test]
    fn display_text_drops_the_owner_and_the_dates() {
        let text =
            "@manager introduce Alice to the platform lead (due 2026-03-31), done 2026-04-02";
        let due = phrase(text, DateWord::Due).unwrap().range;
        let done = phrase(text, DateWord::Done).unwrap().range;
        assert_eq!(
            display(text, &[0..8, due, done]),
            "introduce Alice to the platform lead"
        );
        assert_eq!(
            display("mail sam@example.com today", &[]),
            "mail sam@example.com today"
        );
        let text = "Write it — due 2026-01-01";
        let due = phrase(text, DateWord::Due).unwrap().range;
        assert_eq!(display(text, &[due]), "Write it");
        // Both dates in one pair of brackets: the brackets go with them.
        let text = "Run the design review (due 2026-05-31, done 2026-05-28) with both teams";
        let due = phrase(text, DateWord::Due).unwrap().range;
        let done = phrase(text, DateWord::Done).unwrap().range;
        assert_eq!(
            display(text, &[due, done]),
            "Run the design review with both teams"
        );
        assert_eq!(
            display("keep (this) and (that, too)", &[]),
            "keep (this) and (that, too)"
        );
    }
}
