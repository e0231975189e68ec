//! Calendar dates as cairn writes and counts them: `YYYY-MM-DD`, and calendar months
//! clamped to the month's end.
//!
//! Dates are also *read* in the other ways people write them, when the text can mean one
//! day only: a slip such as `2026-3-13` or `13 March 2026` must never hide a conversation
//! from the report. `check` still asks for `YYYY-MM-DD` (and can rewrite it, since there
//! is one reading), while a date with two readings (`04/05/2026`) is read as nothing:
//! guessing would put the conversation on the wrong day without a word.

use chrono::{Days, Months, NaiveDate};

/// What a written date means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `YYYY-MM-DD`, a calendar date: the form cairn writes.
    Exact(NaiveDate),
    /// Another format that can mean this day only (`2026-3-13`, `13/03/2026`,
    /// `13 March 2026`).
    OneReading(NaiveDate),
    /// A day and a month that could be either (`04/05/2026`): the two readings, day first
    /// and month first.
    TwoReadings(NaiveDate, NaiveDate),
    /// Written like a date but no calendar date (`2026-02-30`, `30 February 2026`).
    NotCalendar,
    /// Not a date at all.
    NotADate,
}

impl Written {
    /// The day it is read as, when there is exactly one.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Written::Exact(date) | Written::OneReading(date) => Some(date),
            _ => None,
        }
    }
}

/// Whether `text` is written `YYYY-MM-DD` (digits and two dashes), a date or not.
pub fn is_date_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Parses a `YYYY-MM-DD` calendar date, strictly (`2026-02-30` and `2026-2-3` are not).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    if !is_date_shaped(text) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

/// Reads a whole text (surrounding whitespace ignored) as a date.
pub fn read(text: &str) -> Written {
    let text = text.trim();
    if is_date_shaped(text) {
        return parse_date(text).map_or(Written::NotCalendar, Written::Exact);
    }
    numeric(text)
        .or_else(|| named(text))
        .unwrap_or(Written::NotADate)
}

/// The day a date in another format than `YYYY-MM-DD` means, when it has one reading.
#[cfg(test)]
pub(crate) fn one_reading(text: &str) -> Option<NaiveDate> {
    match read(text) {
        Written::OneReading(date) => Some(date),
        _ => None,
    }
}

/// The date written at the start of `text` (`15/04/2026)` → `15/04/2026`), as its length
/// in bytes and what it means; `None` when no date starts there. A due phrase's date is
/// followed by anything, so the longest prefix that reads as a date wins.
pub fn leading(text: &str) -> Option<(usize, Written)> {
    // Numbers and separators: `2026-3-13`, `13.03.2026` (a full stop after it ends a
    // sentence, not the date).
    let run = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.')))
        .unwrap_or(text.len());
    let numbers = text[..run].trim_end_matches(['.', '-', '/']);
    if !numbers.is_empty() {
        let written = read(numbers);
        if written != Written::NotADate {
            return Some((numbers.len(), written));
        }
    }
    // Month names: up to three words, `13 March 2026`, `March 13, 2026`.
    let mut end = 0;
    let mut words = 0;
    let mut best = None;
    while words < 3 {
        let rest = &text[end..];
        let skipped = rest.len() - rest.trim_start_matches([' ', ',']).len();
        if words > 0 && skipped == 0 {
            break;
        }
        let word_start = end + skipped;
        let word_len = text[word_start..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len() - word_start);
        if word_len == 0 {
            break;
        }
        end = word_start + word_len;
        words += 1;
        if words == 3 {
            best = named(&text[..end])
                .filter(|written| *written != Written::NotADate)
                .map(|written| (end, written));
        }
    }
    best
}

/// `2026-3-13`, `2026/03/13`, `2026.03.13` (year first); `13/03/2026`, `13.03.2026`,
/// `13-03-2026` (day or month first, read when only one of them can be a month).
fn numeric(text: &str) -> Option<Written> {
    let separator = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '-' | '/' | '.') {
        return None;
    }
    let parts: Vec<&str> = text.split(separator).collect();
    let [first, second, third] = parts[..] else {
        return None;
    };
    let digits = |part: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    if let (Some(year), Some(month), Some(day)) = (
        digits(first, 4..=4),
        digits(second, 1..=2),
        digits(third, 1..=2),
    ) {
        let year = i32::try_from(year).ok()?;
        return Some(
            NaiveDate::from_ymd_opt(year, month, day)
                .map_or(Written::NotCalendar, Written::OneReading),
        );
    }
    let (a, b, year) = (
        digits(first, 1..=2)?,
        digits(second, 1..=2)?,
        digits(third, 4..=4)?,
    );
    let year = i32::try_from(year).ok()?;
    let day_first = NaiveDate::from_ymd_opt(year, b, a);
    let month_first = NaiveDate::from_ymd_opt(year, a, b);
    Some(match (day_first, month_first) {
        (Some(x), Some(y)) if x != y => Written::TwoReadings(x, y),
        (Some(date), _) | (None, Some(date)) => Written::OneReading(date),
        (None, None) => Written::NotCalendar,
    })
}

/// `13 March 2026`, `13 Mar 2026`, `13th March 2026`, `March 13, 2026`, `Mar 13 2026`.
fn named(text: &str) -> Option<Written> {
    let words: Vec<&str> = text
        .split([' ', ','])
        .filter(|word| !word.is_empty())
        .collect();
    let [first, second, third] = words[..] else {
        return None;
    };
    let (day, month) = match (month(first), month(second)) {
        (None, Some(month)) => (day(first)?, month),
        (Some(month), None) => (day(second)?, month),
        _ => return None,
    };
    if third.len() != 4 || !third.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = third.parse().ok()?;
    Some(
        NaiveDate::from_ymd_opt(year, month, day).map_or(Written::NotCalendar, Written::OneReading),
    )
}

/// A day of the month: `13`, `3`, `13th`, `1st`.
fn day(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    (!number.is_empty() && number.len() <= 2 && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| number.parse().ok())
        .flatten()
}

/// An English month, in full or as its usual abbreviation (`Sept` too), any case.
fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_ascii_lowercase();
    let lower = lower.strip_suffix('.').unwrap_or(&lower);
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|name| *name == lower || (lower.len() == 3 && name.starts_with(lower)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `date` plus calendar months, clamped to the month's end (2026-01-31 + 1 = 2026-02-28).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` plus days, saturating at the end of time.
pub(crate) fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` less days, saturating at the start of time.
pub fn sub_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_form_with_one_reading_is_read() {
        let march_13 = Written::OneReading(day(2026, 3, 13));
        for text in [
            "2026-3-13",
            "2026/03/13",
            "2026.03.13",
            "2026/3/13",
            "13/03/2026",
            "13.03.2026",
            "13-03-2026",
            "13/3/2026",
            "03/13/2026",
            "13 March 2026",
            "March 13, 2026",
            "March 13 2026",
            "13 Mar 2026",
            "13th March 2026",
            "mar 13th, 2026",
            " 13 MARCH 2026 ",
        ] {
            assert_eq!(read(text), march_13, "{text}");
            assert_eq!(one_reading(text), Some(day(2026, 3, 13)), "{text}");
        }
        assert_eq!(read("2026-03-13"), Written::Exact(day(2026, 3, 13)));
        assert_eq!(one_reading("2026-03-13"), None);
        assert_eq!(read("1 Sept 2026"), Written::OneReading(day(2026, 9, 1)));
        // The same day either way round is one reading.
        assert_eq!(read("04/04/2026"), Written::OneReading(day(2026, 4, 4)));
    }

    #[test]
    fn a_day_and_month_that_could_be_either_are_two_readings() {
        assert_eq!(
            read("04/05/2026"),
            Written::TwoReadings(day(2026, 5, 4), day(2026, 4, 5))
        );
        assert_eq!(
            read("4.5.2026"),
            Written::TwoReadings(day(2026, 5, 4), day(2026, 4, 5))
        );
        assert_eq!(read("04/05/2026").date(), None);
    }

    #[test]
    fn what_is_no_date_is_read_as_nothing() {
        for text in ["2026-02-30", "2026-2-30", "31/02/2026", "30 February 2026"] {
            assert_eq!(read(text), Written::NotCalendar, "{text}");
        }
        for text in [
            "2026-6/3",
            "26-6-3",
            "13/03/26",
            "2026-6-3-1",
            "13 Marchy 2026",
            "March 2026",
            "next week",
            "",
        ] {
            assert_eq!(read(text), Written::NotADate, "{text}");
        }
    }

    #[test]
    fn a_date_at_the_start_of_a_phrase() {
        assert_eq!(
            leading("15/04/2026) rest"),
            Some((10, Written::OneReading(day(2026, 4, 15))))
        );
        assert_eq!(
            leading("2026-3-13."),
            Some((9, Written::OneReading(day(2026, 3, 13))))
        );
        assert_eq!(
            leading("04/05/2026, then"),
            Some((10, Written::TwoReadings(day(2026, 5, 4), day(2026, 4, 5))))
        );
        assert_eq!(
            leading("13 March 2026: the reason"),
            Some((13, Written::OneReading(day(2026, 3, 13))))
        );
        assert_eq!(
            leading("March 13, 2026)"),
            Some((14, Written::OneReading(day(2026, 3, 13))))
        );
        assert_eq!(leading("2026-04-011"), None);
        assert_eq!(
            leading("3 May 2026"),
            Some((10, Written::OneReading(day(2026, 5, 3))))
        );
        assert_eq!(leading("2026-09-31 x"), Some((10, Written::NotCalendar)));
        assert_eq!(leading("next week"), None);
        assert_eq!(leading("2026 sometime"), None);
        assert_eq!(leading("13 March"), None);
    }

    #[test]
    fn strict_dates() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-28").is_none());
        assert!(parse_date("２０２６-02-28").is_none());
        assert!(is_date_shaped("2026-02-30"));
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        let date = |s| parse_date(s).unwrap();
        assert_eq!(add_months(date("2026-01-31"), 1), date("2026-02-28"));
        assert_eq!(add_months(date("2024-01-31"), 1), date("2024-02-29"));
        assert_eq!(add_days(date("2026-12-31"), 1), date("2027-01-01"));
        assert_eq!(sub_days(date("2026-03-01"), 1), date("2026-02-28"));
    }
}
