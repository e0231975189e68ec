//! `check --diff`: what the fixes would change, as a unified diff, with no line of a
//! private section in it (docs/guide.md): context stops at a private line, and a hunk whose
//! context would cross one is split there.

use std::io::{self, Write};

use similar::{Algorithm, DiffOp};

use crate::render::control::{escape_line, Escaping};
use crate::text::lines::lines;

/// One line of a hunk: `' '`, `'-'` or `'+'`, its 0-based line in the old and new text,
/// and its text with its line ending.
struct Row<'a> {
    tag: char,
    old: usize,
    new: usize,
    text: &'a str,
}

/// Writes the diff of `before` and `after` (both redacted) for `path`; `hidden` says
/// whether a 1-based line of `before` may not be shown, as context (`false`) or as a line
/// the diff removes (`true`): a private start's own line, redacted, shows only when a fix
/// rewrites it. Nothing is written when they are equal.
///
/// A diff is read on a terminal and has no colour of its own, so every byte of it goes
/// through one writer that escapes control characters: a line of a note cannot act on
/// the terminal, and a line break in a file name cannot forge a line of the diff.
pub fn unified(
    out: &mut dyn Write,
    path: &str,
    before: &str,
    after: &str,
    hidden: &dyn Fn(usize, bool) -> bool,
) -> io::Result<()> {
    let path = escape_line(path);
    let mut out = Escaping::new(out);
    write_diff(&mut out, &path, before, after, hidden)?;
    out.into_inner()?;
    Ok(())
}

fn write_diff(
    out: &mut dyn Write,
    path: &str,
    before: &str,
    after: &str,
    hidden: &dyn Fn(usize, bool) -> bool,
) -> io::Result<()> {
    let old = with_endings(before);
    let new = with_endings(after);
    let diff = similar::TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(&old, &new);
    let mut header = false;
    for group in diff.grouped_ops(3) {
        let mut rows = Vec::new();
        for op in group {
            push_rows(&mut rows, &op, &old, &new);
        }
        // A private line is never shown: the hunk is cut there. Fixes never change one,
        // so only context lines are cut.
        for hunk in rows.split(|row| row.tag != '+' && hidden(row.old + 1, row.tag == '-')) {
            if hunk.iter().all(|row| row.tag == ' ') {
                continue;
            }
            if !header {
                writeln!(out, "--- a/{path}\n+++ b/{path}")?;
                header = true;
            }
            write_hunk(out, hunk)?;
        }
    }
    Ok(())
}

/// The changes from `before` to `after` as whole-line edits of `before`: each a byte
/// range of it and the text that replaces it (for an editor, which applies them at once).
pub fn changes(before: &str, after: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let old = with_endings(before);
    let new = with_endings(after);
    let diff = similar::TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(&old, &new);
    let start_of = |line: usize| old[..line].iter().map(|l| l.len()).sum::<usize>();
    diff.ops()
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| {
            let (_, old_range, new_range) = op.as_tag_tuple();
            let range = start_of(old_range.start)..start_of(old_range.end);
            (range, new[new_range].concat())
        })
        .collect()
}

fn push_rows<'a>(rows: &mut Vec<Row<'a>>, op: &DiffOp, old: &[&'a str], new: &[&'a str]) {
    let (_, old_range, new_range) = op.as_tag_tuple();
    match op {
        DiffOp::Equal { .. } => {
            for (o, n) in old_range.zip(new_range) {
                rows.push(Row {
                    tag: ' ',
                    old: o,
                    new: n,
                    text: old[o],
                });
            }
        }
        _ => {
            for o in old_range.clone() {
                rows.push(Row {
                    tag: '-',
                    old: o,
                    new: new_range.start,
                    text: old[o],
                });
            }
            for n in new_range {
                rows.push(Row {
                    tag: '+',
                    old: old_range.end,
                    new: n,
                    text: new[n],
                });
            }
        }
    }
}

fn write_hunk(out: &mut dyn Write, hunk: &[Row]) -> io::Result<()> {
    let old_count = hunk.iter().filter(|r| r.tag != '+').count();
    let new_count = hunk.iter().filter(|r| r.tag != '-').count();
    // An empty side names the line before it, as diff(1) does.
    let start = |first: usize, count: usize| if count == 0 { first } else { first + 1 };
    let first_old = hunk
        .iter()
        .find(|r| r.tag != '+')
        .map_or(hunk[0].old, |r| r.old);
    let first_new = hunk
        .iter()
        .find(|r| r.tag != '-')
        .map_or(hunk[0].new, |r| r.new);
    writeln!(
        out,
        "@@ -{},{old_count} +{},{new_count} @@",
        start(first_old, old_count),
        start(first_new, new_count)
    )?;
    for row in hunk {
        let text = row.text.trim_end_matches(['\n', '\r']);
        writeln!(out, "{}{text}", row.tag)?;
        if text.len() == row.text.len() {
            writeln!(out, "\\ No newline at end of file")?;
        }
    }
    Ok(())
}

/// The lines of `text`, each with its line ending (`\n`, `\r\n` or a lone `\r`).
fn with_endings(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut starts = lines(text, 0).map(|line| line.start).peekable();
    while let Some(start) = starts.next() {
        let end = starts.peek().copied().unwrap_or(text.len());
        out.push(&text[start..end]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(before: &str, after: &str, private: &[usize]) -> String {
        let mut out = Vec::new();
        unified(&mut out, "a.md", before, after, &|line, _| {
            private.contains(&line)
        })
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_hunk_with_three_lines_of_context() {
        let before = "1\n2\n3\n4\n5\n6\n7\n";
        let after = "1\n2\n3\n4\nnew\n5\n6\n7\n";
        assert_eq!(
            diff(before, after, &[]),
            "--- a/a.md\n+++ b/a.md\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n"
        );
        assert_eq!(diff(before, before, &[]), "");
    }

    #[test]
    fn context_stops_at_a_private_line() {
        let before = "## Private notes\nsecret\n## Next\nkeep\n";
        let after = "## Private notes\nsecret\n## Next\nkeep\nadded\n";
        let shown = diff(before, after, &[1, 2]);
        assert_eq!(
            shown,
            "--- a/a.md\n+++ b/a.md\n@@ -3,2 +3,3 @@\n ## Next\n keep\n+added\n"
        );
        assert!(!shown.contains("secret"));
    }

    #[test]
    fn control_characters_are_escaped() {
        let shown = diff("a\u{1b}]0;x\u{7}\n", "a\u{9b}2J\n", &[]);
        assert_eq!(
            shown,
            "--- a/a.md\n+++ b/a.md\n@@ -1,1 +1,1 @@\n-a\\x1b]0;x\\x07\n+a\\x9b2J\n"
        );
    }

    #[test]
    fn changes_are_whole_lines_of_the_old_text() {
        let before = "a\nb\nc\n";
        let after = "a\nB\nc\nd\n";
        let found = changes(before, after);
        assert_eq!(found, [(2..4, "B\n".to_owned()), (6..6, "d\n".to_owned())]);
    }

    #[test]
    fn a_last_line_without_an_ending_and_crlf() {
        let shown = diff("a\r\nb", "a\r\nb\r\nc\r\n", &[]);
        assert_eq!(
            shown,
            "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n"
        );
    }
}
