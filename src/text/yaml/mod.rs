//! The one way cairn reads YAML, for front matter, `cairn.yaml` and `prompts.yaml` alike.
//!
//! Values come from `yaml_serde` (yaml_serde), which rejects alias bombs and nesting deeper
//! than 128 levels. Its scanner takes time quadratic in flow nesting before that limit
//! fires (100,000 `[` took 11 s), so a linear scan refuses such input first; whatever it
//! refuses the parser would refuse too. Positions (of errors and of the top-level keys and
//! values) are byte offsets from the events and marks of libyaml, the parser yaml_serde is
//! built on, so that callers map them through their own line index: a text's line breaks
//! (`\r\r\n`, a lone `\r`, U+2028) never shift a position.
//!
//! Most front matter is `key: value` lines. [`simple`] reads those by hand, a fifth of
//! what the parser costs, and declines everything else. What it answers must be what
//! yaml_serde answers: a differential fuzz target (`fuzz/fuzz_targets/yaml_simple.rs`)
//! and a property test over every scalar form look for a disagreement; none is proved
//! impossible, so a disagreement found is a bug to fix here.

mod events;
mod explain;

use serde::de::DeserializeOwned;

pub use events::{entries, marks, Entry, Marks};
pub use explain::{plain_words, Plain};

/// The parser's own nesting limit.
pub const MAX_DEPTH: usize = 128;

/// A YAML error, at a byte offset of the text parsed when the parser knows one (an alias
/// bomb has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where, as a byte offset into the text given to [`parse`].
    pub offset: Option<usize>,
    /// Where the construct the parser was reading began (the quote or bracket left
    /// open), as a byte offset, when the parser names one.
    pub context: Option<usize>,
    /// What is wrong, without the position.
    pub message: String,
}

/// Parses `text` into `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if let Some(at) = too_deep(text) {
        return Err(Error {
            offset: Some(at),
            context: None,
            message: format!("nesting deeper than {MAX_DEPTH} levels"),
        });
    }
    yaml_serde::from_str(text).map_err(|error| {
        let message = error.to_string();
        // A reader error (a control character) says "at position N", a byte offset of the
        // text, and gives the start of the text as its location.
        let position = message.split_once(" at position ").and_then(|(_, rest)| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        });
        let offset = position
            .or_else(|| error.location().map(|location| location.index()))
            .map(|offset: usize| offset.min(text.len()));
        // "… while scanning a quoted scalar at line 3 column 5": lines of the block, not of
        // the file, so the position leaves the words and becomes an offset.
        let context = message
            .split_once(", while ")
            .and_then(|(_, rest)| rest.split_once(" at line "))
            .and_then(|(_, at)| offset_of(text, at));
        Error {
            offset,
            context,
            message: drop_positions(&message),
        }
    })
}

/// The byte offset of libyaml's `N column M` (both counted from 1, columns in characters).
fn offset_of(text: &str, position: &str) -> Option<usize> {
    let (line, rest) = position.split_once(" column ")?;
    let line: usize = line.parse().ok()?;
    let column: usize = rest
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    // libyaml's line breaks: `\r\n`, `\r`, `\n`, NEL, LS and PS.
    let mut starts = std::iter::once(0).chain(text.char_indices().filter_map(|(i, c)| {
        let end = i + c.len_utf8();
        match c {
            '\r' if text[end..].starts_with('\n') => None,
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(end),
            _ => None,
        }
    }));
    let start = starts.nth(line.checked_sub(1)?)?;
    let offset = text[start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i);
    Some(offset)
}

/// Removes libyaml's " at line N column M" and " at position N" phrases from a message.
fn drop_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        let skipped = skip_position(after);
        if skipped == 0 {
            out.push_str(" at ");
        }
        rest = &after[skipped..];
    }
    out.push_str(rest);
    out
}

/// The length of a leading "line N column M" or "position N", or 0.
fn skip_position(text: &str) -> usize {
    let number = |text: &str| text.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(rest) = text.strip_prefix("line ") {
        let digits = number(rest);
        if digits > 0 {
            let after = &rest[digits..];
            if let Some(column) = after.strip_prefix(" column ") {
                let more = number(column);
                if more > 0 {
                    return 5 + digits + 8 + more;
                }
            }
            return 5 + digits;
        }
    }
    if let Some(rest) = text.strip_prefix("position ") {
        let digits = number(rest);
        if digits > 0 {
            return 9 + digits;
        }
    }
    0
}

/// Reads the common front matter by hand: `key: plain scalar` lines, `[a, b]` flow lists
/// and `- item` block lists of plain scalars, full-line comments. `None` for anything
/// else, which then goes to [`parse`] and [`entries`].
///
/// It is conservative by construction: a key is lower-case letters and `_` followed by
/// `": "` or the end of the line (`type:prep` is a plain scalar to YAML, not a key); a
/// value is letters, digits and `-_./ `, starts with a letter (or is a `YYYY-MM-DD` date),
/// and is declined when the core schema could read it as anything but a string (`null`,
/// `yes`, `On`, `~`, `.inf`, `0b101`, `1e3`, `nan`).
pub fn simple(text: &str) -> Option<(yaml_serde::Value, Vec<Entry>)> {
    use yaml_serde::{Mapping, Value};
    let mut mapping = Mapping::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut list: Option<(Vec<Value>, usize)> = None;
    // The indentation of the open list's items.
    let mut item_indent: Option<usize> = None;
    for (start, line) in lines_at(text) {
        if for_the_parser(line) {
            return None;
        }
        if blank(line) || line.starts_with('#') {
            continue;
        }
        if let Some(item) = line
            .strip_prefix("  - ")
            .or_else(|| line.strip_prefix("- "))
        {
            let list = list.as_mut()?;
            block_item(
                (line, start),
                item,
                list,
                &mut item_indent,
                entries.last_mut()?,
            )?;
            continue;
        }
        if let Some((items, value_at)) = list.take() {
            finish_block(&mut mapping, &mut entries, items, value_at)?;
        }
        let (key, value) = key_value(line)?;
        let key_len = key.len();
        let value_at = start + key_len + 2;
        entries.push(Entry {
            key: key.to_owned(),
            key_at: start,
            value_at,
            items: Vec::new(),
        });
        let key = Value::String(key.to_owned());
        let value = if value.is_empty() {
            // Block items may follow; with none, the value is null.
            list = Some((Vec::new(), start + key_len + 1));
            continue;
        } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            flow_list(inner, value_at + 1, entries.last_mut()?)?
        } else {
            Value::String(plain(value)?.to_owned())
        };
        insert(&mut mapping, key, value)?;
    }
    if let Some((items, value_at)) = list {
        finish_block(&mut mapping, &mut entries, items, value_at)?;
    }
    Some((Value::Mapping(mapping), entries))
}

/// Each line of `text` without its line ending (`\n` or `\r\n`), with the offset where it
/// starts.
fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, raw| {
        let start = *at;
        *at += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    })
}

/// The longest key the simple reader reads: far below YAML's 1024-character limit on a
/// simple key, far above any field's name.
const MAX_KEY: usize = 64;

/// One `- item` of the block list under the last key, at `start` on `line`, added to
/// `list` (its items, and where its value sits) and to `entry`'s item offsets. `None`
/// when the item is not plain or not indented like the first: YAML reads `  - b` after
/// `- a` as more of the scalar `a`, and `- b` after `  - a` as an error.
fn block_item(
    (line, start): (&str, usize),
    item: &str,
    (items, value_at): &mut (Vec<yaml_serde::Value>, usize),
    item_indent: &mut Option<usize>,
    entry: &mut Entry,
) -> Option<()> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if items.is_empty() {
        *value_at = start + line.find('-').unwrap_or(0);
        *item_indent = Some(indent);
    } else if *item_indent != Some(indent) {
        return None;
    }
    items.push(yaml_serde::Value::String(plain(item)?.to_owned()));
    entry.items.push(start + line.len() - item.len());
    Some(())
}

/// The key and the value of a `key: value` or `key:` line, or `None` for a key the hand
/// reader does not take: not lower-case letters and `_`, longer than YAML allows a simple
/// key (1024 characters; no field is near that long), read by the core schema as
/// something else, or a value that starts with a space or a tab.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let key_len = line
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
        .count();
    let (key, rest) = line.split_at(key_len);
    let value = match rest {
        ":" => "",
        _ => rest.strip_prefix(": ")?,
    };
    if key.is_empty()
        || key.len() > MAX_KEY
        || resolved_otherwise(key)
        || value.starts_with([' ', '\t'])
    {
        return None;
    }
    Some((key, value))
}

/// Whether a line holds what only YAML's parser can judge: a lone `\r` or another break
/// besides `\n`, a control character (refused anywhere, in a comment too), or a tab in a
/// blank line (an error where YAML looks for indentation).
fn for_the_parser(line: &str) -> bool {
    // Only a line with a `\r` or a byte outside ASCII can hold another break.
    (line.bytes().any(|b| b == b'\r' || b >= 0x80)
        && line.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']))
        || (!line
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) || b == b'\t')
            && !line.chars().all(printable))
        || (blank(line) && line.contains('\t'))
}

/// The items of a one-line `[a, b]` list, whose inside starts at `offset`, with the
/// offset of each item recorded on its `entry`; `None` when an item is not plain.
fn flow_list(inner: &str, mut offset: usize, entry: &mut Entry) -> Option<yaml_serde::Value> {
    let mut items = Vec::new();
    if !blank(inner) {
        for item in inner.split(',') {
            let trimmed = item.trim_matches([' ', '\t']);
            items.push(yaml_serde::Value::String(plain(trimmed)?.to_owned()));
            let lead = item.len() - item.trim_start_matches([' ', '\t']).len();
            entry.items.push(offset + lead);
            offset += item.len() + 1;
        }
    }
    Some(yaml_serde::Value::Sequence(items))
}

/// Ends `key:` and the block items under it: with none, the value is null and it sits
/// where the line ends.
fn finish_block(
    mapping: &mut yaml_serde::Mapping,
    entries: &mut [Entry],
    items: Vec<yaml_serde::Value>,
    value_at: usize,
) -> Option<()> {
    let entry = entries.last_mut()?;
    entry.value_at = value_at;
    let value = if items.is_empty() {
        yaml_serde::Value::Null
    } else {
        yaml_serde::Value::Sequence(items)
    };
    insert(mapping, yaml_serde::Value::String(entry.key.clone()), value)
}

fn insert(
    mapping: &mut yaml_serde::Mapping,
    key: yaml_serde::Value,
    value: yaml_serde::Value,
) -> Option<()> {
    // A repeated key is an error for yaml_serde: let it say so.
    mapping.insert(key, value).is_none().then_some(())
}

/// Whether `line` holds only YAML's white space (spaces and tabs; not the other spaces
/// Unicode knows, such as U+3000, which are text to YAML).
fn blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Whether YAML allows `c` in a document (its printable set, tab included).
fn printable(c: char) -> bool {
    matches!(c, '\t' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// A plain scalar that YAML reads as this very string, or `None` when unsure.
fn plain(value: &str) -> Option<&str> {
    let first = *value.as_bytes().first()?;
    let safe = value == value.trim()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./ ".contains(&b))
        && !value.contains(" #");
    // Anything starting with a digit may be a number in some notation (`0b101`, `1_000`,
    // `0o17`, `1e3`); only the date shape is known to stay a string.
    let starts_well = first.is_ascii_alphabetic() || crate::domain::date::is_date_shaped(value);
    (safe && starts_well && !resolved_otherwise(value)).then_some(value)
}

/// Whether YAML (1.1 or 1.2) or a number parser could make anything but a string of a
/// plain word, in any case: a boolean, null, or a float's `inf`/`nan` (a date shape is
/// never a number). As a value or as a key: `true: x` has a boolean key.
fn resolved_otherwise(word: &str) -> bool {
    [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan",
    ]
    .iter()
    .any(|known| word.eq_ignore_ascii_case(known))
}

/// The offset where `[`/`{` nesting passes [`MAX_DEPTH`], reading as YAML's scanner does:
/// comments are skipped, and a quote starts a quoted scalar only where a scalar can start
/// (after indentation, `- `, `: `, `? `, `[`, `{` or `,`).
fn too_deep(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let blank = |at: usize| bytes.get(at).is_none_or(|b| b" \t\r\n".contains(b));
    let mut depth = 0usize;
    let mut scalar_may_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => scalar_may_start = true,
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || blank(i - 1) => {
                i = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            quote @ (b'"' | b'\'') if scalar_may_start => {
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' if quote == b'"' => i += 1,
                        b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
                        b if b == quote => break,
                        _ => {}
                    }
                    i += 1;
                }
                scalar_may_start = false;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
                scalar_may_start = true;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                scalar_may_start = false;
            }
            b',' => scalar_may_start = true,
            b':' | b'-' | b'?' if blank(i + 1) => scalar_may_start = true,
            _ => scalar_may_start = false,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> yaml_serde::Value {
        let value: yaml_serde::Value = yaml_serde::from_str(text).unwrap();
        if value.is_null() {
            yaml_serde::Value::Mapping(Default::default())
        } else {
            value
        }
    }

    #[test]
    fn the_simple_reader_agrees_with_yaml_serde_or_declines() {
        let agree = |text: &str| {
            let (value, entries) = simple(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(value, full(text), "{text:?}");
            assert_eq!(entries, super::entries(text), "{text:?}");
        };
        agree("type: where-now\nengineer: alice-nguyen\ndate: 2026-03-01\n");
        agree("# comment\ntags: [q1, growth]\ncheckpoints:\n  - 2026-06-01\n  - 2026-09-01\nstatus: active\n");
        agree("a: b\r\nc: d e\r\n");
        agree("empty:\nnext: x\n");
        agree("");
        for declined in [
            "n: 42\n",
            "b: true\n",
            "x: ~\n",
            "q: \"quoted\"\n",
            "k: a: b\n",
            "a: 1\na: 2\n",
            "x: [a, [b]]\n",
            "- a\n",
            "key: v # c\n",
            "Key: v\n",
            "type:prep\n",
            "n: 0b101\n",
            "n: 1_000\n",
            "n: 2026-03-01x\n",
            "f: nan\n",
            "f: .inf\n",
            "b: On\n",
            "b: NO\n",
            "a: b\rc: d\n",
            "a:  b\n",
            // Found by the differential fuzz target: a control character in a comment.
            "## Engineer\u{c}\0\0er commitm13-03--2\n",
            "a: b\u{7f}\n",
            "# \u{1b}[2J\na: b\n",
            "\t\n",
            "a: b\n\t\nc: d\n",
            " \t \n",
            "k:\n- a\n  - b\n",
            "k:\n  - a\n- b\n",
            "\u{3000}",
            "a: b\n\u{3000}\n",
            "tags: [\u{3000}a]\n",
            "tags: [\u{3000}]\n",
            "true: x\n",
            &format!("{}: x\n", "k".repeat(1100)),
            "null: x\n",
            "n: x\n",
        ] {
            assert_eq!(simple(declined), None, "{declined:?}");
        }
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        assert_eq!(
            too_deep(&format!("a: {}", "[".repeat(100_000))),
            Some(3 + MAX_DEPTH)
        );
        assert_eq!(
            too_deep(&format!("a: {}{}", "[".repeat(128), "]".repeat(128))),
            None
        );
        assert_eq!(too_deep(&format!("a: \"{}\"", "[".repeat(500))), None);
        assert_eq!(too_deep(&format!("a: '{}'", "{".repeat(500))), None);
        assert_eq!(too_deep(&format!("- 'it''s {}'", "[".repeat(500))), None);
        // A quote in a comment or inside a plain scalar does not hide what follows.
        assert!(too_deep(&format!("# note: \"quoted\nx: {}", "[".repeat(1000))).is_some());
        assert!(too_deep(&format!("a: it is 'quoted\nx: {}", "[".repeat(1000))).is_some());
        assert!(too_deep(&format!("a: it's {}", "[".repeat(1000))).is_some());
    }

    #[test]
    fn errors_are_byte_offsets_without_the_parsers_line_numbers() {
        let text = "a: 1\nb: \"open\n";
        let error = parse::<yaml_serde::Value>(text).unwrap_err();
        assert_eq!(error.offset, Some(text.len()));
        assert_eq!(
            error.message,
            "found unexpected end of stream, while scanning a quoted scalar"
        );
        let deep =
            parse::<yaml_serde::Value>(&format!("a: 1\nb: {}", "[".repeat(200))).unwrap_err();
        assert_eq!(deep.offset, Some(8 + MAX_DEPTH));
        // Line breaks YAML counts and cairn does not (U+2028) shift no offset.
        let text = "a: 1\u{2028}\nb: [\n";
        let error = parse::<yaml_serde::Value>(text).unwrap_err();
        assert_eq!(error.offset, Some(text.len()));
    }

    #[test]
    fn positions_are_dropped_from_messages() {
        assert_eq!(
            drop_positions("did not find expected key at line 3 column 1, while parsing a block mapping at line 1 column 1"),
            "did not find expected key, while parsing a block mapping"
        );
        assert_eq!(
            drop_positions("control characters are not allowed at position 122"),
            "control characters are not allowed"
        );
        assert_eq!(drop_positions("look at this"), "look at this");
    }
}
