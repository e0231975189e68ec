//! YAML errors in a manager's words (docs/format.md, issue "check in real life"). libyaml says
//! "found character that cannot start any token, while scanning for the next token"; a
//! manager needs "indent with spaces, not tabs". The common mistakes get a sentence that
//! says what to do; the parser's own words stay as a second line for everything else.

use super::Error;

/// A common mistake in a manager's words, at the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain {
    /// Where to point, as a byte offset of the text parsed: the line to change, which is
    /// not always where the parser stopped (an unclosed quote is found at the end).
    pub offset: usize,
    /// What is wrong and what to do.
    pub words: String,
}

/// The mistake at the error's position in a manager's words, or `None` when it is not
/// one of the common ones. `text` is what was parsed; positions are byte offsets into it.
/// The causes are tried in order, the most certain first.
pub fn plain_words(error: &Error, text: &str) -> Option<Plain> {
    let place = Place::new(text, error.offset?);
    let message = error.message.as_str();
    let here = |words: String| {
        Some(Plain {
            offset: place.offset,
            words,
        })
    };
    if let Some(words) = bad_character(message, &place) {
        return here(words);
    }
    if let Some(name) = message.strip_prefix("duplicate entry with key ") {
        let name = name.trim_matches('"');
        return here(format!(
            "`{name}` is given twice: keep one of them (a field holds one value)"
        ));
    }
    if let Some(plain) = either_line(message, &place) {
        return Some(plain);
    }
    if message.contains("mapping values are not allowed") {
        return Some(colon_in_value(&place));
    }
    if let Some(words) = unclosed(message) {
        return Some(Plain {
            offset: error.context.unwrap_or(place.offset),
            words: words.to_owned(),
        });
    }
    if message.contains("did not find expected key")
        || message.contains("did not find expected '-'")
        || message.contains("block end")
    {
        return Some(misindented(text, &place));
    }
    None
}

/// Where the parser stopped: the offset, its line and the line above, each with the
/// offset where it starts.
struct Place<'t> {
    offset: usize,
    line_start: usize,
    line: &'t str,
    previous_start: usize,
    previous: &'t str,
    /// The character at the offset.
    at: Option<char>,
}

impl<'t> Place<'t> {
    /// The place of `offset` in `text` (past the end: the end).
    fn new(text: &'t str, offset: usize) -> Place<'t> {
        let offset = offset.min(text.len());
        let (line_start, line) = line_at(text, offset);
        let at = text[offset..].chars().next();
        let previous_start = text[..line_start.saturating_sub(1)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let previous = text[previous_start..line_start.saturating_sub(1)].trim_end_matches('\r');
        Place {
            offset,
            line_start,
            line,
            previous_start,
            previous,
            at,
        }
    }

    /// The error's line and the one above it, each with where it starts: the mistake
    /// is often on the line before the one the parser stopped at.
    fn lines(&self) -> [(&'t str, usize); 2] {
        [
            (self.line, self.line_start),
            (self.previous, self.previous_start),
        ]
    }
}

/// A character YAML does not allow where it stands: a tab that indents, or `@`, a
/// backtick or `%` at the start of a value.
fn bad_character(message: &str, place: &Place) -> Option<String> {
    let at = place.at;
    if message.contains("tab character") || at == Some('\t') || place.line.starts_with('\t') {
        return Some("a tab indents this line: indent with spaces, not tabs".to_owned());
    }
    if message.contains("cannot start any token") {
        let name = match at {
            Some('@') => "`@`",
            Some('`') => "a backtick",
            Some('%') => "`%`",
            _ => "",
        };
        if let Some(c) = at.filter(|_| !name.is_empty()) {
            return Some(format!(
                "a value cannot start with {name} unless it is in quotes: write it as \"{c}…\""
            ));
        }
    }
    None
}

/// A mistake seen on the error's line or the one above it: an apostrophe that ends a
/// single-quoted value early, a line of words with no colon, or `key:value`.
fn either_line(message: &str, place: &Place) -> Option<Plain> {
    // `topic: 'Alice's plan'`: the apostrophe closes the quote, and `s plan'` follows.
    for (candidate, start) in place.lines() {
        if let Some(quote) = early_apostrophe(candidate) {
            return Some(Plain {
                offset: start + quote,
                words: "this apostrophe ends the single-quoted value early: write it twice (`'Alice''s plan'`) or put the value in double quotes".to_owned(),
            });
        }
    }
    if message.contains("could not find expected ':'") {
        // A line of words with no colon is read as the start of a key.
        for (candidate, start) in place.lines() {
            let trimmed = candidate.trim_start();
            if !trimmed.is_empty() && !trimmed.starts_with(['#', '-']) && !trimmed.contains(':') {
                return Some(Plain {
                    offset: start + candidate.len() - trimmed.len(),
                    words: "this line has no colon: each line is `field: value`".to_owned(),
                });
            }
        }
    }
    // `key:value` on this line or the line above: the missing space is the usual cause of
    // "could not find expected ':'".
    for (candidate, start) in place.lines() {
        if let Some(key) = missing_space(candidate) {
            let column = candidate.find(':').unwrap_or(0) + 1;
            return Some(Plain {
                offset: start + column,
                words: format!("add a space after the colon of `{key}:` (`{key}: value`)"),
            });
        }
    }
    None
}

/// "mapping values are not allowed": a line indented under a field that holds a value,
/// or else a value holding `: `.
fn colon_in_value(place: &Place) -> Plain {
    let (line, previous) = (place.line, place.previous);
    // `type: prep` then `  engineer: a`: the second line reads as more of the value.
    let indent = |l: &str| l.len() - l.trim_start().len();
    let holds_value = previous
        .split_once(": ")
        .is_some_and(|(_, value)| !value.trim().is_empty());
    if indent(line) > indent(previous) && holds_value {
        return Plain {
            offset: place.line_start + indent(line),
            words: "this line is indented more than the line above it: fields of one block start in the same column".to_owned(),
        };
    }
    Plain {
        offset: place.offset,
        words:
            "this value holds `: `, which YAML reads as a new field: put the whole value in quotes"
                .to_owned(),
    }
}

/// A quote, list or mapping opened and never closed, which the parser finds only at the
/// end: the words for the place where it was opened.
fn unclosed(message: &str) -> Option<&'static str> {
    if message.contains("while scanning a quoted scalar") {
        return Some(
            "this quote is never closed: every `\"` or `'` that opens a value needs one that closes it on the same line",
        );
    }
    if message.contains("expected ',' or ']'") {
        return Some("this list, opened with `[`, is never closed with `]`");
    }
    if message.contains("expected ',' or '}'") {
        return Some("this mapping, opened with `{`, is never closed with `}`");
    }
    None
}

/// A line not indented like the block it stands in: a list item out of line with the one
/// above, a list item under a key that holds `name: value` lines, or any other line.
fn misindented(text: &str, place: &Place) -> Plain {
    let (line, line_start, previous) = (place.line, place.line_start, place.previous);
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let owner = enclosing_key(&text[..line_start], indent);
    let item = trimmed.starts_with("- ");
    let after_item = previous.trim_start().starts_with("- ");
    Plain {
        offset: line_start + indent,
        words: match (item, owner) {
            (true, _) if after_item => "this list item is not indented like the one above it: start every `-` of one list in the same column".to_owned(),
            (true, Some(owner)) => format!(
                "this line is a list item, but `{owner}:` above it holds `name: value` lines: if the item belongs to another list (a person under `people:`), move it there; otherwise indent it like the lines above"
            ),
            _ => "this line is not indented like the lines around it: line up the fields of one block, with spaces".to_owned(),
        },
    }
}

/// The start of the line holding `offset`, and that line.
fn line_at(text: &str, offset: usize) -> (usize, &str) {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// The key of a `key:value` line (a word, a colon, then no space), if it is one.
fn missing_space(line: &str) -> Option<&str> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let (key, rest) = trimmed.split_once(':')?;
    let word = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let glued = rest.starts_with(|c: char| !c.is_whitespace() && c != '/');
    (word && glued && !rest.starts_with(':')).then_some(key)
}

/// The offset in `line` of an apostrophe that closes a single-quoted value before its end
/// (`key: 'Alice's plan'`), if there is one.
fn early_apostrophe(line: &str) -> Option<usize> {
    let (key, value) = line.split_once(": ")?;
    let value = value.trim_end();
    let inner = value.strip_prefix('\'')?;
    // `''` is an escaped quote, not a closing one.
    let mut i = 0;
    let bytes = inner.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            let closes_early = i + 1 < bytes.len() && !inner[i + 1..].trim_start().starts_with('#');
            return closes_early
                .then_some(key.len() + 2 + (value.len() - value.trim_start().len()) + 1 + i);
        }
        i += 1;
    }
    None
}

/// The key of the nearest line above, less indented than `indent`, that ends with `:`.
fn enclosing_key(before: &str, indent: usize) -> Option<&str> {
    before
        .lines()
        .rev()
        .find_map(|line| {
            let trimmed = line.trim_start();
            let own = line.len() - trimmed.len();
            if trimmed.is_empty() || trimmed.starts_with('#') || own >= indent {
                return None;
            }
            Some(trimmed.trim_end().strip_suffix(':').unwrap_or(""))
        })
        .filter(|key| !key.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::yaml::parse;

    /// The words, and the line and column (from 1) they point at.
    fn words(text: &str) -> (String, usize, usize) {
        let error = parse::<yaml_serde::Value>(text).unwrap_err();
        let plain = plain_words(&error, text).expect("a common mistake");
        let before = &text[..plain.offset];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        (plain.words, line, column)
    }

    #[test]
    fn the_common_mistakes_in_plain_words_where_to_fix_them() {
        let (tab, ..) = words("type: prep\n\tengineer: a\n");
        assert!(tab.contains("indent with spaces, not tabs"), "{tab}");
        let (at, line, column) = words("type: prep\nmanager: @sam\n");
        assert!(at.contains("cannot start with `@`"), "{at}");
        assert_eq!((line, column), (2, 10));
        let (colon, ..) = words("type: prep\nnote: ask: why\n");
        assert!(colon.contains("put the whole value in quotes"), "{colon}");
        let (space, line, column) = words("type:prep\nengineer: a\n");
        assert!(space.contains("after the colon of `type:`"), "{space}");
        assert_eq!((line, column), (1, 6));
        let (quote, line, column) = words("type: prep\nnote: \"open\nengineer: a\n");
        assert!(quote.contains("this quote is never closed"), "{quote}");
        assert_eq!((line, column), (2, 7));
        let (bracket, line, column) = words("tags: [a, b\nengineer: a\n");
        assert!(bracket.contains("never closed with `]`"), "{bracket}");
        assert_eq!((line, column), (1, 7));
        let (brace, line, column) = words("a: x\nb: {c: d\ne: f\n");
        assert!(brace.contains("never closed with `}`"), "{brace}");
        assert_eq!((line, column), (2, 4));
        let (person, line, _) = words(
            "people:\n  - id: sam\n    name: Sam\ncadence:\n  annual_months: 12\n  - id: bob\n    name: Bob\n",
        );
        assert!(person.contains("list item, but `cadence:`"), "{person}");
        assert_eq!(line, 6);
        let (indent, line, column) = words("type: prep\n  engineer: a\n");
        assert!(
            indent.contains("indented more than the line above"),
            "{indent}"
        );
        assert_eq!((line, column), (2, 3));
        let (outdent, line, column) = words("people:\n  - id: a\n    name: A\n   role: x\n");
        assert!(outdent.contains("not indented like"), "{outdent}");
        assert_eq!((line, column), (4, 4));
    }

    #[test]
    fn a_context_position_after_a_multi_byte_character_or_a_lone_cr() {
        let text = "é: \"x\ry: [a\n";
        let error = parse::<yaml_serde::Value>(text).unwrap_err();
        let plain = plain_words(&error, text).expect("a common mistake");
        assert_eq!(&text[plain.offset..plain.offset + 1], "\"", "{plain:?}");
    }
}
