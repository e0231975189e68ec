//! The source line the human format shows under a finding.
//!
//! Each file with findings is read once more, only for the human format. A line is cut
//! to a window around the column (so a megabyte-long line costs no more than a short
//! one; the printer escapes its control characters, as every text it shows), and the
//! line comes from the redacted text, as everything else does: a private start's line
//! shows its marker and the phrase that made it private, and no other line of private
//! notes is shown at all.

use std::path::Path;

use crate::domain::diagnostic::Diagnostic;
use crate::model::document::privacy;
use crate::text::phrase::PrivatePhrases;

/// A line longer than this (in characters) is shown as a window around the column.
const MAX_WIDTH: usize = 160;
/// How much of the window lies before the column.
const BEFORE: usize = 60;

/// A source line to show, and where its caret goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The text shown (possibly a window of the line, with `…` at a cut).
    pub text: String,
    /// The 0-based character index of the caret in `text`.
    pub caret: usize,
}

/// One snippet per diagnostic, `None` where no line may or can be shown. The notes are
/// under `root`; `was_read` says of a document's path whether its file was read as text:
/// without its sections there is no knowing which lines are private, so no line of a file
/// that was not (unreadable, not UTF-8) is shown.
pub fn snippets(
    root: &Path,
    phrases: &PrivatePhrases,
    was_read: impl Fn(&str) -> bool,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Snippet>> {
    // Diagnostics come sorted by path: one file is held at a time.
    let mut current: Option<(&str, Option<File>)> = None;
    diagnostics
        .iter()
        .map(|diagnostic| {
            if !diagnostic.show_source || !was_read(&diagnostic.path) {
                return None;
            }
            if current
                .as_ref()
                .is_none_or(|(path, _)| *path != diagnostic.path)
            {
                current = Some((
                    &diagnostic.path,
                    File::read(root, phrases, &diagnostic.path),
                ));
            }
            let file = current.as_ref()?.1.as_ref()?;
            let line = diagnostic.position.line;
            if file
                .hidden
                .get(line.wrapping_sub(1))
                .copied()
                .unwrap_or(true)
            {
                return None;
            }
            let text = file.lines.get(line.wrapping_sub(1))?;
            Some(window(text, diagnostic.position.column.saturating_sub(1)))
        })
        .collect()
}

struct File {
    /// Each line as characters (the printer escapes control characters).
    lines: Vec<Vec<char>>,
    /// Per line: a line of private notes other than a start's own line.
    hidden: Vec<bool>,
}

impl File {
    fn read(root: &Path, phrases: &PrivatePhrases, path: &str) -> Option<File> {
        let source = privacy::Source::read(&root.join(path)).ok()?;
        let redacted = source.redact(phrases);
        let text = redacted.text();
        let mut lines = Vec::new();
        let mut hidden = Vec::new();
        for range in crate::text::lines::lines(text, 0) {
            hidden.push(
                redacted.is_private(range.start)
                    && !redacted
                        .starts()
                        .iter()
                        .any(|s| s.line_start == range.start),
            );
            let line = &text[range];
            let line = if lines.is_empty() {
                line.strip_prefix('\u{feff}').unwrap_or(line)
            } else {
                line
            };
            lines.push(line.chars().collect());
        }
        Some(File { lines, hidden })
    }
}

/// The line, or a window of it around `column` (0-based, in characters).
fn window(chars: &[char], column: usize) -> Snippet {
    if chars.len() <= MAX_WIDTH {
        let caret = column.min(chars.len());
        return Snippet {
            text: chars.iter().collect(),
            caret,
        };
    }
    let column = column.min(chars.len());
    let start = column
        .saturating_sub(BEFORE)
        .min(chars.len().saturating_sub(MAX_WIDTH));
    let end = (start + MAX_WIDTH).min(chars.len());
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push('…');
    }
    Snippet {
        text,
        caret: column - start + usize::from(start > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let line = chars(&("x".repeat(10_000) + "@" + &"y".repeat(10_000)));
        let snippet = window(&line, 10_000);
        assert!(snippet.text.chars().count() <= MAX_WIDTH + 2);
        assert_eq!(snippet.text.chars().nth(snippet.caret), Some('@'));
        assert_eq!(
            window(&chars("short"), 2),
            Snippet {
                text: "short".into(),
                caret: 2
            }
        );
    }
}
