//! What a task item says besides its text (SPEC 2.4): who it mentions, when it is due,
//! when it was done, and its text for display with those phrases removed.

use chrono::NaiveDate;

use crate::date::{is_date_shaped, parse_date};

/// A date phrase found in an item's text: `due 2026-03-01`, `(done: 2026-03-02)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePhrase {
    /// The phrase, from its word (or opening parenthesis) to the end of the date.
    pub range: std::ops::Range<usize>,
    /// Where the date starts.
    pub date_at: usize,
    /// The date, or the text written when it is not a calendar date.
    pub date: Result<NaiveDate, String>,
}

/// The first `word YYYY-MM-DD`, `word: YYYY-MM-DD` or `(word YYYY-MM-DD)` in `text`,
/// case-insensitive, where `word` is `due` or `done`. A date-shaped text that is no
/// calendar date (`due 2026-09-31`) is found, as an error; anything else is no phrase.
pub fn phrase(text: &str, word: &str) -> Option<DatePhrase> {
    // `word` is lower-case ASCII: found in any case without a lower-cased copy of the text.
    let first = word.as_bytes()[0];
    let mut starts = memchr::memchr2_iter(first, first.to_ascii_uppercase(), text.as_bytes())
        .filter(|&at| {
            text.as_bytes()
                .get(at..at + word.len())
                .is_some_and(|found| found.eq_ignore_ascii_case(word.as_bytes()))
        });
    starts.find_map(|at| {
        let before = text[..at].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            return None;
        }
        let after = &text[at + word.len()..];
        let rest = after.strip_prefix(':').unwrap_or(after);
        let date = rest.trim_start_matches([' ', '\t']);
        // The word must be followed by a colon, a space, or both: `due2026-03-01` is a word.
        if date.len() == after.len() {
            return None;
        }
        let candidate = date.get(..10)?;
        // `due 2026-04-011` is not a date.
        if !is_date_shaped(candidate) || date.as_bytes().get(10).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let date_at = text.len() - date.len();
        let mut start = at;
        let mut end = date_at + 10;
        // `(due 2026-03-01)` goes whole.
        if text[..start].ends_with('(') && text[end..].starts_with(')') {
            start -= 1;
            end += 1;
        }
        Some(DatePhrase {
            range: start..end,
            date_at,
            date: parse_date(candidate).ok_or_else(|| candidate.to_owned()),
        })
    })
}

pub use crate::mention::mentions;

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

    fn due(text: &str) -> Option<Result<String, String>> {
        phrase(text, "due").map(|p| p.date.map(|d| d.to_string()))
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
        assert_eq!(due("residue due 2026-04-01"), Some(Ok("2026-04-01".into())));
        let found = phrase("a (due 2026-03-01) b", "due").unwrap();
        assert_eq!(found.range, 2..18);
        assert_eq!(found.date_at, 7);
        let done = phrase("x done: 2026-10-20", "done").unwrap();
        assert_eq!(
            done.date,
            Ok(NaiveDate::from_ymd_opt(2026, 10, 20).unwrap())
        );
    }

    #[test]
    fn display_text_drops_the_owner_and_the_dates() {
        let text =
            "@manager introduce Alice to the platform lead (due 2026-03-31), done 2026-04-02";
        let due = phrase(text, "due").unwrap().range;
        let done = phrase(text, "done").unwrap().range;
        assert_eq!(
            display(text, &[0..8, due, done]),
            "introduce Alice to the platform lead"
        );
        assert_eq!(
            display("mail sam@example.com today", &[]),
            "mail sam@example.com today"
        );
        let text = "Write it — due 2026-01-01";
        let due = phrase(text, "due").unwrap().range;
        assert_eq!(display(text, &[due]), "Write it");
        // Both dates in one pair of brackets: the brackets go with them.
        let text = "Run the design review (due 2026-05-31, done 2026-05-28) with both teams";
        let due = phrase(text, "due").unwrap().range;
        let done = phrase(text, "done").unwrap().range;
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
