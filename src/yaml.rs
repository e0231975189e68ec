//! The one way cairn parses YAML, for front matter and `cairn.yaml` alike.
//!
//! `serde_yaml` (yaml_serde) rejects alias bombs and nesting deeper than 128 levels, but
//! its scanner takes time quadratic in flow nesting before that limit fires (100,000 `[`
//! took 11 s). A linear scan refuses such input first; whatever it refuses the parser
//! would refuse too. Errors keep libyaml's context, with line numbers of the file.

use serde::de::DeserializeOwned;

/// The parser's own nesting limit.
pub const MAX_DEPTH: usize = 128;

/// A YAML error, at a 1-based line and column of the file when the parser knows one
/// (an alias bomb has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Line and column in the file.
    pub location: Option<(usize, usize)>,
    /// What is wrong, without the position.
    pub message: String,
}

/// Parses the common front matter (`key: plain scalar` lines, `[a, b]` flow lists and
/// `- item` block lists of plain scalars, full-line comments) by hand, a fifth of what the
/// full parser costs; `None` for anything else, which then goes to [`parse`]. Whatever it
/// answers equals what yaml_serde answers (a property test holds it to that): scalars
/// that YAML could read as anything but a string (numbers, booleans, null, `~`) are
/// declined, not guessed.
pub fn simple(text: &str) -> Option<serde_yaml::Value> {
    use serde_yaml::{Mapping, Value};
    let mut mapping = Mapping::new();
    let mut list: Option<(String, Vec<Value>)> = None;
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(item) = line
            .strip_prefix("  - ")
            .or_else(|| line.strip_prefix("- "))
        {
            list.as_mut()?
                .1
                .push(Value::String(plain(item)?.to_owned()));
            continue;
        }
        if let Some((key, items)) = list.take() {
            insert(&mut mapping, key, block(items))?;
        }
        let (key, value) = line.split_once(':')?;
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        let value = value.strip_prefix(' ').unwrap_or(value);
        if value.trim().is_empty() {
            if !value.is_empty() && value.trim_end() != value {
                return None;
            }
            list = Some((key.to_owned(), Vec::new()));
        } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let items = if inner.trim().is_empty() {
                Vec::new()
            } else {
                inner
                    .split(',')
                    .map(|item| plain(item.trim()).map(|s| Value::String(s.to_owned())))
                    .collect::<Option<_>>()?
            };
            insert(&mut mapping, key.to_owned(), Value::Sequence(items))?;
        } else {
            insert(
                &mut mapping,
                key.to_owned(),
                Value::String(plain(value)?.to_owned()),
            )?;
        }
    }
    if let Some((key, items)) = list {
        insert(&mut mapping, key, block(items))?;
    }
    Some(Value::Mapping(mapping))
}

/// The value of `key:` followed by its block items: `key:` with none under it is null.
fn block(items: Vec<serde_yaml::Value>) -> serde_yaml::Value {
    if items.is_empty() {
        serde_yaml::Value::Null
    } else {
        serde_yaml::Value::Sequence(items)
    }
}

fn insert(mapping: &mut serde_yaml::Mapping, key: String, value: serde_yaml::Value) -> Option<()> {
    // A repeated key is an error for yaml_serde: let it say so.
    mapping
        .insert(serde_yaml::Value::String(key), value)
        .is_none()
        .then_some(())
}

/// A plain scalar that YAML reads as this very string, or `None` when unsure.
fn plain(value: &str) -> Option<&str> {
    let safe = !value.is_empty()
        && value == value.trim()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./ ".contains(&b))
        && value.as_bytes()[0].is_ascii_alphanumeric()
        && !value.contains(" #");
    let lower = value.to_ascii_lowercase();
    let resolved_otherwise = matches!(
        lower.as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) || value.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || value.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    (safe && !resolved_otherwise).then_some(value)
}

/// Parses `text`, whose first line is line `first_line` of its file.
pub fn parse<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, Error> {
    if let Some(at) = too_deep(text) {
        let line = text[..at].matches('\n').count();
        let column = text[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1;
        return Err(Error {
            location: Some((first_line + line, column)),
            message: format!("nesting deeper than {MAX_DEPTH} levels"),
        });
    }
    serde_yaml::from_str(text).map_err(|error| {
        let mut message = error.to_string();
        if let Some(l) = error.location() {
            // The position is reported separately; drop its copy from the message.
            message = message.replacen(
                &format!(" at line {} column {}", l.line(), l.column()),
                "",
                1,
            );
        }
        Error {
            location: error
                .location()
                .map(|l| (first_line + l.line() - 1, l.column())),
            message: relocate(&message, first_line - 1),
        }
    })
}

/// Shifts the line numbers of libyaml's context ("while scanning a quoted scalar at
/// line 3") by `offset`, to lines of the file.
fn relocate(message: &str, offset: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        out.push_str(&rest[..at + 5]);
        rest = &rest[at + 5..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
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

    #[test]
    fn the_simple_reader_agrees_with_yaml_serde_or_declines() {
        let agree = |text: &str| {
            let full: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
            assert_eq!(simple(text), Some(full), "{text:?}");
        };
        agree("type: where-now\nengineer: alice-nguyen\ndate: 2026-03-01\n");
        agree("# comment\ntags: [q1, growth]\ncheckpoints:\n  - 2026-06-01\n  - 2026-09-01\nstatus: active\n");
        agree("a: b\r\nc: d e\r\n");
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
    fn errors_are_in_file_lines_and_keep_their_context() {
        let error = parse::<serde_yaml::Value>("a: 1\nb: \"open\n", 5).unwrap_err();
        assert_eq!(error.location, Some((7, 1)));
        assert_eq!(
            error.message,
            "found unexpected end of stream, while scanning a quoted scalar at line 6 column 4"
        );
        let deep =
            parse::<serde_yaml::Value>(&format!("a: 1\nb: {}", "[".repeat(200)), 2).unwrap_err();
        assert_eq!(deep.location, Some((3, 132)));
    }
}
