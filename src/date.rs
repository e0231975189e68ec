//! Calendar dates as cairn writes and counts them: `YYYY-MM-DD`, strictly, and calendar
//! months clamped to the month's end (SPEC 5).

use chrono::{Days, Months, NaiveDate};

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

/// The one calendar date a loosely written date can mean: year first, then month and day
/// of one or two digits, separated alike by `-`, `/` or `.` (`2026-6-3`, `2026/06/03`).
/// Day-first or month-first dates (`03/06/2026`) have two readings, so none.
pub fn one_reading(text: &str) -> Option<NaiveDate> {
    let separator = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '-' | '/' | '.') {
        return None;
    }
    let parts: Vec<&str> = text.split(separator).collect();
    let [year, month, day] = parts[..] else {
        return None;
    };
    let digits = |part: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(digits(year, 4..=4)?).ok()?,
        digits(month, 1..=2)?,
        digits(day, 1..=2)?,
    )
}

/// `date` plus calendar months, clamped to the month's end (2026-01-31 + 1 = 2026-02-28).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` plus days, saturating at the end of time.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
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

    #[test]
    fn a_loose_date_has_one_reading_only_year_first() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 3);
        assert_eq!(one_reading("2026-6-3"), day);
        assert_eq!(one_reading("2026/06/03"), day);
        assert_eq!(one_reading("2026.6.03"), day);
        for text in [
            "03/06/2026",
            "2026-6/3",
            "2026-02-30",
            "26-6-3",
            "2026-6-3-1",
            "next week",
            "",
        ] {
            assert_eq!(one_reading(text), None, "{text}");
        }
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
