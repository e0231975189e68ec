//! The source line the human format shows under a finding.
//!
//! Each file with findings is read once more, only for the human format. A line is cut
//! to a window around the column (so a megabyte-long line costs no more than a short
//! one; the printer escapes its control characters, as every text it shows), and a
//! line is never shown when it may belong to a private section: the parsed private
//! sections, and, as a second guard that does not trust the parse, every line under a
//! heading-like line whose title is private (this catches private notes swallowed by an
//! unclosed code fence or a forgotten front-matter fence).

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::{read, Problem};
use crate::repository::Repository;

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

/// One snippet per diagnostic, `None` where no line may or can be shown.
pub fn snippets(repository: &Repository, diagnostics: &[Diagnostic]) -> Vec<Option<Snippet>> {
    // Diagnostics come sorted by path: one file is held at a time.
    let mut current: Option<(&str, Option<File>)> = None;
    diagnostics
        .iter()
        .map(|diagnostic| {
            if !diagnostic.show_source || !parsed(repository, &diagnostic.path) {
                return None;
            }
            if current
                .as_ref()
                .is_none_or(|(path, _)| *path != diagnostic.path)
            {
                current = Some((&diagnostic.path, File::read(repository, &diagnostic.path)));
            }
            let file = current.as_ref()?.1.as_ref()?;
            let line = diagnostic.position.line;
            let private = file
                .private
                .get(line.wrapping_sub(1))
                .copied()
                .unwrap_or(true)
                || repository
                    .document(&diagnostic.path)
                    .is_some_and(|d| d.is_private_line(line));
            if private {
                return None;
            }
            let text = file.lines.get(line.wrapping_sub(1))?;
            Some(window(text, diagnostic.position.column.saturating_sub(1)))
        })
        .collect()
}

/// Whether the file was parsed: without its sections there is no knowing which lines are
/// private, so no line of a file that was not (unreadable, not UTF-8) is shown.
fn parsed(repository: &Repository, path: &str) -> bool {
    repository.document(path).is_some_and(|document| {
        !document.problems.iter().any(|problem| {
            matches!(
                problem,
                Problem::Unreadable(_)
                    | Problem::TooLarge(_)
                    | Problem::NotUtf8(_)
                    | Problem::Utf16(_)
            )
        })
    })
}

struct File {
    /// Each line as characters (the printer escapes control characters).
    lines: Vec<Vec<char>>,
    /// Per line: may be private, by the textual scan.
    private: Vec<bool>,
}

impl File {
    fn read(repository: &Repository, path: &str) -> Option<File> {
        let bytes = read::read(&repository.root.join(path)).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let lines: Vec<&str> = crate::lines::lines(text, 0)
            .map(|range| &text[range])
            .collect();
        let private = private_by_text(&lines, &repository.config);
        let lines = lines.iter().map(|line| line.chars().collect()).collect();
        Some(File { lines, private })
    }
}

/// Marks the lines from a heading-like line with a private title (`#…` anywhere, even in a
/// code block, a quote or front matter, a line over a setext underline, or an HTML
/// heading at the start of its line) up to the next heading-like line of level 1 or 2
/// that is not private and starts its line (at most three spaces in, as a heading of the
/// document does).
pub fn private_by_text(lines: &[&str], config: &Config) -> Vec<bool> {
    let mut private = vec![false; lines.len()];
    let mut inside = false;
    for (index, line) in lines.iter().enumerate() {
        // An HTML heading with a private title hides what follows; one without ends
        // nothing (where cairn cannot tell, it hides), as in the section parser.
        if line.trim_start().starts_with('<') {
            let mut headings = crate::title::html_headings(line);
            if headings.any(|(_, titles)| titles.iter().any(|t| config.is_private(t))) {
                inside = true;
            }
        }
        let (level, title, top_level) = match heading_like(line, lines.get(index + 1)) {
            Some(heading) => heading,
            None => {
                private[index] = inside;
                continue;
            }
        };
        if config.is_private(title) {
            inside = true;
        } else if level <= 2 && top_level {
            inside = false;
        }
        private[index] = inside;
    }
    private
}

/// A line that reads as a heading, wherever it stands: its level, its title, and whether
/// it starts its line as a heading of the document does. A quote's or list item's marker
/// in front (`> # Offer`, `- ## x`) makes it a heading that is not at the top level.
fn heading_like<'a>(line: &'a str, next: Option<&&str>) -> Option<(usize, &'a str, bool)> {
    let indent = line.len() - line.trim_start().len();
    let mut rest = line.trim_start();
    let mut nested = false;
    while let Some(after) = rest.strip_prefix('>').or_else(|| {
        rest.strip_prefix(['-', '*', '+'])
            .filter(|a| a.starts_with([' ', '\t']))
    }) {
        rest = after.trim_start();
        nested = true;
    }
    let hashes = rest.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) {
        return Some((hashes, &rest[hashes..], !nested && indent <= 3));
    }
    let underline = next.map(|next| next.trim()).is_some_and(|next| {
        !next.is_empty() && (next.chars().all(|c| c == '=') || next.chars().all(|c| c == '-'))
    });
    (underline && !rest.is_empty()).then_some((2, rest, !nested && indent <= 3))
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

    #[test]
    fn private_headings_hide_what_follows_even_inside_code() {
        let config = Config::parse("people:\n  - id: a\n    name: A\n", &[]).unwrap();
        let lines = [
            "## Goal",
            "~~~",
            "## Private notes",
            "secret",
            "### sub",
            "more",
            "# Next",
            "open",
        ];
        assert_eq!(
            private_by_text(&lines, &config),
            [false, false, true, true, true, true, false, false]
        );
        assert_eq!(
            private_by_text(&["Private notes", "---", "secret"], &config),
            [true, true, true]
        );
        // A heading in a quote or a list item ends nothing; a private title there hides.
        let lines = [
            "## (Private notes), manager only",
            "> # Offer: Senior Engineer",
            "secret",
            "- ## In a list",
            "secret",
            "    ## indented: code",
            "secret",
            "## Next",
            "> ### Private-notes",
            "hidden",
        ];
        assert_eq!(
            private_by_text(&lines, &config),
            [true, true, true, true, true, true, true, false, true, true]
        );
        // An HTML heading: a private one hides, another one ends nothing.
        let lines = [
            "open",
            "<h2 class=\"x\">Private&nbsp;notes</h2>",
            "secret",
            "<h2>Next steps</h2>",
            "secret",
            "## Next",
            "open",
        ];
        assert_eq!(
            private_by_text(&lines, &config),
            [false, true, true, true, true, false, false]
        );
    }
}
