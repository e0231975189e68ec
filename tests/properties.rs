//! Properties that must hold for any input, not only the fixtures we thought of.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use cairn::domain::date::add_months;
use cairn::domain::diagnostic::Position;
use cairn::domain::title::normalize;
use cairn::model::document::split::{split, Split};
use cairn::text::lines::LineIndex;

/// The number of cases for a property: `PROPTEST_CASES` when set (a deeper run, say
/// 100000 before a release), else `default`, small enough for every `cargo test`.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(500))]

    /// The splitter never panics, and what it returns are in-bounds ranges on character
    /// boundaries, the YAML before the body, the body running to the end.
    #[test]
    fn the_splitter_returns_sound_ranges_for_any_text(bytes in proptest::collection::vec(any::<u8>(), 0..400), fence in 0usize..3) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let text = match fence {
            0 => text,
            1 => format!("---\n{text}"),
            _ => format!("\u{feff}---\r\n{text}\r\n---\r\n{text}"),
        };
        if let Split::Found { yaml, body } = split(&text) {
            prop_assert!(yaml.start <= yaml.end && yaml.end <= body.start && body.end == text.len());
            prop_assert!(text.is_char_boundary(yaml.start) && text.is_char_boundary(yaml.end) && text.is_char_boundary(body.start));
            let opening = text[..yaml.start].trim_start_matches('\u{feff}').trim_end().trim_end_matches(['\r', ' ', '\t']);
            prop_assert_eq!(opening, "---");
        }
    }

    /// Every line start is column 1 of its line, and a character's column is the number
    /// of characters before it on its line plus one, whatever the line endings and BOM.
    #[test]
    fn positions_are_right_with_any_mix_of_bom_crlf_and_lf(
        lines in proptest::collection::vec("[a-zé€😀 \t]{0,12}", 1..12),
        endings in proptest::collection::vec(prop_oneof![Just("\n"), Just("\r\n")], 12),
        bom in any::<bool>(),
    ) {
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        let mut starts = Vec::new();
        for (line, ending) in lines.iter().zip(&endings) {
            starts.push(text.len());
            text.push_str(line);
            text.push_str(ending);
        }
        let index = LineIndex::new(&text);
        for (number, (line, start)) in lines.iter().zip(&starts).enumerate() {
            let start = if number == 0 && bom { 3 } else { *start };
            for (column, (offset, _)) in line.char_indices().enumerate() {
                prop_assert_eq!(index.position(&text, start + offset), Position { line: number + 1, column: column + 1 });
            }
        }
    }

    /// Calendar months, clamped to the month's end: the month advances by exactly n and
    /// the day is the original day or the month's last.
    #[test]
    fn month_arithmetic_is_calendar_months_clamped(days in 0i64..40_000, months in 0u32..240) {
        let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let later = add_months(date, months);
        let total = date.year() * 12 + date.month0() as i32 + months as i32;
        prop_assert_eq!((later.year(), later.month0() as i32), (total.div_euclid(12), total.rem_euclid(12)));
        let last_day = (28..=31).rev().find(|d| NaiveDate::from_ymd_opt(later.year(), later.month(), *d).is_some()).unwrap();
        prop_assert_eq!(later.day(), date.day().min(last_day));
    }

    /// Normalising a normalised title changes nothing.
    #[test]
    fn title_normalisation_is_idempotent(title in "[a-zA-Z'’*_`# :éİ]{0,24}") {
        let once = normalize(&title);
        prop_assert_eq!(normalize(&once), once);
    }
}

/// A front-matter line as people and fuzzers write them: `key: scalar`, `key:scalar` (no
/// space: a plain scalar to YAML), `key: [a, b]`, `key:` with block items, comments, and
/// every form of YAML scalar that could resolve to something other than a string.
fn front_matter_line() -> impl Strategy<Value = String> {
    // Keys too may be words YAML resolves (`true: x` has a boolean key: the fuzz target's
    // fourth find).
    let key = prop_oneof![
        "[a-z_]{1,8}",
        Just("Key".to_owned()),
        Just("a b".to_owned()),
        prop::sample::select(vec![
            "true", "false", "null", "yes", "no", "on", "off", "y", "n"
        ])
        .prop_map(str::to_owned),
        // Longer than the 1024 characters YAML allows a simple key (the fifth find).
        Just("k".repeat(1100)),
    ];
    let scalar = prop_oneof![
        "[a-zA-Z0-9 ._/-]{1,12}",
        "[a-zA-Z][a-zA-Z0-9_-]{0,8}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9]{1,4}",
        prop::sample::select(vec![
            "true",
            "True",
            "TRUE",
            "false",
            "No",
            "no",
            "yes",
            "Yes",
            "on",
            "On",
            "ON",
            "off",
            "y",
            "n",
            "Y",
            "N",
            "~",
            "null",
            "Null",
            "NULL",
            "0x1F",
            "0o17",
            "0b101",
            "1e3",
            "1E3",
            "12_000",
            ".inf",
            "-.inf",
            "+.inf",
            ".Inf",
            ".nan",
            ".NaN",
            "nan",
            "NaN",
            "inf",
            "infinity",
            "+1",
            "-1",
            ".5",
            "5.",
            "1.5",
            "0",
            "00",
            "2026-13-45",
            "2026-02-30",
            "2026-3-1",
            "'quoted'",
            "\"double\"",
            "a # comment",
            "a: b",
            "@at",
            "`tick`",
            "!tag x",
            "&anchor x",
            "*alias",
            "|",
            ">",
            "[x",
            "{a: b}",
            "- item",
            "a\tb",
            " leading",
            "trailing ",
            "#x",
            "x#y",
        ])
        .prop_map(str::to_owned),
    ];
    let separator = prop::sample::select(vec![": ", ":", ":  ", ": \t"]);
    prop_oneof![
        (key.clone(), separator, scalar.clone()).prop_map(|(k, s, v)| format!("{k}{s}{v}")),
        (key.clone(), proptest::collection::vec(scalar.clone(), 0..4))
            .prop_map(|(k, v)| format!("{k}: [{}]", v.join(", "))),
        // Block lists indented by 0 or 2, the items of one list alike or not (what the
        // differential fuzz target found: YAML reads `  - b` after `- a` as more of `a`).
        (
            key,
            proptest::collection::vec((scalar, prop::sample::select(vec!["", "  "])), 0..3)
        )
            .prop_map(|(k, v)| {
                let items: String = v
                    .iter()
                    .map(|(i, indent)| format!("\n{indent}- {i}"))
                    .collect();
                format!("{k}:{items}")
            }),
        Just("# a comment".to_owned()),
        Just(String::new()),
        // A tab on a blank line, and control characters in a comment: YAML refuses both.
        Just("\t".to_owned()),
        Just(" \t ".to_owned()),
        Just("# form\u{c}feed \0 nul".to_owned()),
        Just("# \u{1b}[2J".to_owned()),
        // Spaces Unicode knows and YAML does not (U+3000, U+00A0): text to YAML, on a line
        // of their own or inside a flow list.
        Just("\u{3000}".to_owned()),
        Just(" \u{a0}".to_owned()),
        Just("tags: [\u{3000}a, b]".to_owned()),
        Just("tags: [\u{3000}]".to_owned()),
    ]
}

proptest! {
    #![proptest_config(cases(1000))]

    /// The hand-written reader of simple front matter answers only what yaml_serde answers,
    /// and puts every key and value where libyaml's events put them.
    #[test]
    fn the_simple_front_matter_reader_agrees_with_yaml_serde(lines in proptest::collection::vec(front_matter_line(), 0..8), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        if let Some((simple, entries)) = cairn::text::yaml::simple(&text) {
            let full: Result<yaml_serde::Value, _> = yaml_serde::from_str(&text);
            prop_assert!(full.is_ok(), "yaml_serde refused what the simple reader read: {text:?}");
            let full = full.unwrap();
            let full = if full.is_null() { yaml_serde::Value::Mapping(Default::default()) } else { full };
            prop_assert_eq!(simple, full, "{:?}", text);
            prop_assert_eq!(entries, cairn::text::yaml::entries(&text), "{:?}", text);
        }
    }
}
