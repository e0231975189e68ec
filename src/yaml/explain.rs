//! YAML errors in a manager's words (SPEC 1.1, issue "check in real life"). libyaml says
//! "found character that cannot start any token, while scanning for the next token"; a
//! manager needs "indent with spaces, not tabs". The common mistakes get a sentence that
//! says what to do; the parser's own words stay as a second line for everything else.

use super::Error;

/// A sentence for the mistake at the error's position, or `None` when it is not one of
/// the common ones. `text` is what was parsed; positions are byte offsets into it.
pub fn plain_words(error: &Error, text: &str) -> Option<String> {
    let offset = error.offset?.min(text.len());
    let message = error.message.as_str();
    let (line_start, line) = line_at(text, offset);
    let at = text[offset..].chars().next();
    let number = text[..line_start].matches('\n').count() + 1;
    let previous = text[..line_start.saturating_sub(1)]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim_end_matches('\r');

    if message.contains("tab character") || at == Some('\t') || line.starts_with('\t') {
        return Some("a tab is used to indent this line: indent with spaces, not tabs".to_owned());
    }
    if message.contains("cannot start any token") {
        if let Some(c @ ('@' | '`' | '%')) = at {
            return Some(format!(
                "a value cannot start with `{c}` unless it is in quotes: write it as \"{c}…\""
            ));
        }
    }
    // `key:value` on this line or the line above: the missing space is the usual cause of
    // "could not find expected ':'".
    for (candidate, n) in [(line, number), (previous, number.saturating_sub(1))] {
        if let Some(key) = missing_space(candidate) {
            return Some(format!(
                "line {n}: add a space after the colon of `{key}:` (`{key}: value`)"
            ));
        }
    }
    if message.contains("mapping values are not allowed") {
        // `type: prep` then `  engineer: a`: the second line reads as more of the value.
        let indent = |l: &str| l.len() - l.trim_start().len();
        let holds_value = previous
            .split_once(": ")
            .is_some_and(|(_, value)| !value.trim().is_empty());
        if indent(line) > indent(previous) && holds_value {
            return Some(format!(
                "line {number} is indented more than the line above it: fields of one block start in the same column"
            ));
        }
        return Some(
            "this value holds `: `, which YAML reads as a new field: put the whole value in quotes"
                .to_owned(),
        );
    }
    if message.contains("while scanning a quoted scalar") {
        return Some(
            "a quoted value is never closed: every `\"` or `'` that opens a value needs one that closes it on the same line"
                .to_owned(),
        );
    }
    if message.contains("expected ',' or ']'") {
        return Some("a list opened with `[` is never closed with `]`".to_owned());
    }
    if message.contains("expected ',' or '}'") {
        return Some("a mapping opened with `{` is never closed with `}`".to_owned());
    }
    if message.contains("did not find expected key")
        || message.contains("did not find expected '-'")
        || message.contains("block end")
    {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let owner = enclosing_key(&text[..line_start], indent);
        return Some(match (trimmed.starts_with("- "), owner) {
            (true, Some(owner)) => format!(
                "line {number} is a list item, but `{owner}:` above it holds `name: value` lines: if the item belongs to another list (a person under `people:`), move it there; otherwise indent it like the lines above"
            ),
            _ => format!(
                "line {number} is not indented like the lines around it: line up the fields of one block, with spaces"
            ),
        });
    }
    None
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
    use crate::yaml::parse;

    fn words(text: &str) -> Option<String> {
        let error = parse::<yaml_serde::Value>(text).unwrap_err();
        plain_words(&error, text)
    }

    #[test]
    fn the_common_mistakes_in_plain_words() {
        let tab = words("type: prep\n\tengineer: a\n").unwrap();
        assert!(tab.contains("indent with spaces, not tabs"), "{tab}");
        let at = words("type: prep\nmanager: @sam\n").unwrap();
        assert!(at.contains("cannot start with `@`"), "{at}");
        let colon = words("type: prep\nnote: ask: why\n").unwrap();
        assert!(colon.contains("put the whole value in quotes"), "{colon}");
        let space = words("type:prep\nengineer: a\n").unwrap();
        assert!(
            space.contains("add a space after the colon of `type:`"),
            "{space}"
        );
        let quote = words("type: prep\nnote: \"open\n").unwrap();
        assert!(quote.contains("never closed"), "{quote}");
        let bracket = words("tags: [a, b\nengineer: a\n").unwrap();
        assert!(bracket.contains("never closed with `]`"), "{bracket}");
        let person = words(
            "people:\n  - id: sam\n    name: Sam\ncadence:\n  annual_months: 12\n  - id: bob\n    name: Bob\n",
        )
        .unwrap();
        assert!(
            person.contains("line 6 is a list item, but `cadence:`"),
            "{person}"
        );
        let indent = words("type: prep\n  engineer: a\n").unwrap();
        assert!(
            indent.contains("line 2 is indented more than the line above"),
            "{indent}"
        );
        let outdent = words("people:\n  - id: a\n    name: A\n   role: x\n").unwrap();
        assert!(outdent.contains("not indented like"), "{outdent}");
    }
}
