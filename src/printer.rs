//! Renders diagnostics for people (`human`), programs (`json`) and GitHub Actions (`github`).
//!
//! Rendering never parses documents: the human format is given the source lines it shows.

use std::fmt::Write as _;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer};
use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::snippet::Snippet;

/// Counts for the summary line and the JSON header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Documents checked (or selected by the paths given).
    pub documents: usize,
    /// Findings with severity error.
    pub errors: usize,
    /// Findings with severity warning.
    pub warnings: usize,
}

impl Summary {
    /// Counts the findings.
    pub fn new(documents: usize, diagnostics: &[Diagnostic]) -> Summary {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count();
        Summary {
            documents,
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// `path:line:col: severity[rule]: message`, the source line with a caret, and a summary.
pub fn human(
    diagnostics: &[Diagnostic],
    snippets: &[Option<Snippet>],
    summary: Summary,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let paint = |style: Style, text: &str| {
        if color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    };
    let mut out = String::new();
    let mut explained = std::collections::HashSet::new();
    for (diagnostic, snippet) in diagnostics.iter().zip(snippets) {
        // The first finding of each rule says where its full explanation is.
        let hint = explained
            .insert(diagnostic.rule.name)
            .then(|| format!("run 'cairn explain {}'", diagnostic.rule.name));
        let position = diagnostic.position;
        let (level, style) = match diagnostic.severity() {
            Severity::Error => (Level::ERROR, AnsiColor::BrightRed.on_default().bold()),
            Severity::Warning => (Level::WARNING, AnsiColor::Yellow.on_default().bold()),
        };
        let _ = writeln!(
            out,
            "{}: {}: {}",
            paint(
                Style::new().bold(),
                &format!(
                    "{}:{}:{}",
                    printable(&diagnostic.path),
                    position.line,
                    position.column
                )
            ),
            paint(
                style,
                &format!("{}[{}]", diagnostic.severity().name(), diagnostic.rule.name)
            ),
            printable(&diagnostic.message)
        );
        if let Some(Snippet { text: line, caret }) = snippet {
            let at = line
                .char_indices()
                .nth(*caret)
                .map_or(line.len(), |(at, _)| at);
            let end = line[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let mut group = Group::with_level(level).element(
                annotate_snippets::Snippet::source(line.as_str())
                    .line_start(position.line)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(at..end)),
            );
            if let Some(hint) = &hint {
                group = group.element(Level::HELP.message(hint.as_str()));
            }
            let _ = writeln!(out, "{}", renderer.render(&[group]));
        } else if let Some(hint) = &hint {
            let _ = writeln!(out, "  = help: {hint}");
        }
        out.push('\n');
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "{}, {} in {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.documents, "document")
    );
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    documents: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    severity: Severity,
    rule: &'a str,
    message: &'a str,
}

/// The JSON object of SPEC 4, one per run.
pub fn json(diagnostics: &[Diagnostic], summary: Summary) -> String {
    let report = JsonReport {
        version: 1,
        documents: summary.documents,
        errors: summary.errors,
        warnings: summary.warnings,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                path: &d.path,
                line: d.position.line,
                column: d.position.column,
                severity: d.severity(),
                rule: d.rule.name,
                message: &d.message,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// GitHub Actions workflow commands, one per finding, which GitHub shows as annotations.
pub fn github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},title={}::{}",
            d.severity().name(),
            escape_property(&d.path),
            d.position.line,
            d.position.column,
            escape_property(d.rule.name),
            escape_data(&d.message)
        );
    }
    out
}

/// Text from a file, safe to print on a terminal: control characters are escaped, so a
/// file name or a front-matter key cannot forge a line or colour the terminal.
fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Escapes a workflow command's message (GitHub's rules: `%`, CR, LF), and writes any
/// other control character as an escape, so a file name cannot drive the log's terminal.
fn escape_data(text: &str) -> String {
    printable(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
}

/// Escapes a workflow command's property value: also `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_what_would_break_the_command() {
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(escape_data("a,b: 50%"), "a,b: 50%25");
        assert_eq!(escape_data("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    }
}
