//! Splits a document into its YAML front matter and its Markdown body, as byte ranges.
//!
//! A hand-written splitter rather than gray_matter: byte ranges keep every line number
//! right, a byte-order mark and CRLF are accepted, an unclosed fence is reported instead of
//! silently becoming body text, and the YAML is never handed to a parser without limits.

use std::ops::Range;

use crate::text::lines::{line_after, lines};

/// Where the front matter and the body of a document are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// The text does not start with a `---` line.
    Missing,
    /// An opening `---` line with no closing one.
    Unclosed,
    /// Both fences found.
    Found {
        /// The YAML between the fences.
        yaml: Range<usize>,
        /// Everything after the closing fence's line.
        body: Range<usize>,
    },
}

/// Finds the front matter: the text (after an optional byte-order mark) starts with a line
/// that is `---` (trailing spaces allowed), and the next line that is `---` or `...` (as
/// YAML and Pandoc allow) closes it. Lines end at `\n`, `\r\n` or a lone `\r`.
pub fn split(text: &str) -> Split {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines(text, start);
    match lines.next() {
        Some(first) if fence(&text[first.clone()]) == "---" => {}
        _ => return Split::Missing,
    }
    let yaml_start = line_after(text, start);
    for line in lines {
        if matches!(fence(&text[line.clone()]), "---" | "...") {
            return Split::Found {
                yaml: yaml_start..line.start,
                body: line_after(text, line.start)..text.len(),
            };
        }
    }
    Split::Unclosed
}

/// A line without the spaces and tabs at its end.
fn fence(line: &str) -> &str {
    line.trim_end_matches([' ', '\t'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (&str, &str) {
        match split(text) {
            Split::Found { yaml, body } => (&text[yaml], &text[body]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn finds_front_matter_with_lf_crlf_and_bom() {
        assert_eq!(found("---\na: 1\n---\nbody\n"), ("a: 1\n", "body\n"));
        assert_eq!(found("---\r\na: 1\r\n---\r\nbody"), ("a: 1\r\n", "body"));
        assert_eq!(found("\u{feff}---\na: 1\n---"), ("a: 1\n", ""));
        assert_eq!(found("--- \n---\n"), ("", ""));
        assert_eq!(
            found("---\na: 1\n---\nx\n---\ny\n"),
            ("a: 1\n", "x\n---\ny\n")
        );
        assert_eq!(found("---\ra: 1\r---\rbody"), ("a: 1\r", "body"));
        assert_eq!(found("---\na: 1\n...\nbody"), ("a: 1\n", "body"));
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split(""), Split::Missing);
        assert_eq!(split("# Title\n---\n"), Split::Missing);
        assert_eq!(split("\n---\na: 1\n---\n"), Split::Missing);
        assert_eq!(split("----\n"), Split::Missing);
        assert_eq!(split("---"), Split::Unclosed);
        assert_eq!(split("---\na: 1\n"), Split::Unclosed);
    }
}
