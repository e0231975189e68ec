//! Renders diagnostics for people (`human`), programs (`json`), GitHub Actions (`github`)
//! and code scanning (`sarif`), into any writer (a buffered standard output, a file).
//!
//! Rendering never parses documents: the human format is given the source lines it shows.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer};
use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::domain::diagnostic::{Diagnostic, Severity};
use crate::render::control::{escape, escape_line, escaped_index};
use crate::render::snippet::Snippet;

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
            .filter(|d| d.severity == Severity::Error)
            .count();
        Summary {
            documents,
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// `path:line:col: severity[rule]: message`, the source line with a caret, and a summary.
/// `shown` gives the path to print for a root-relative one (relative to the current
/// folder, so an editor started there can jump to it).
///
/// Everything taken from the repository (path, message, note, source line) has its
/// control characters escaped here, before it is styled: the colours are the only escape
/// sequences this output may carry.
pub fn human(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    snippets: &[Option<Snippet>],
    summary: Summary,
    color: bool,
    shown: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let mut explained = std::collections::HashSet::new();
    for (diagnostic, snippet) in diagnostics.iter().zip(snippets) {
        // The first finding of each rule says where its full explanation is.
        let hint = explained
            .insert(diagnostic.rule.name)
            .then(|| format!("run 'cairn explain {}'", diagnostic.rule.name));
        let position = diagnostic.position;
        let (level, style) = match diagnostic.severity {
            Severity::Error => (Level::ERROR, AnsiColor::BrightRed.on_default().bold()),
            Severity::Warning => (Level::WARNING, AnsiColor::Yellow.on_default().bold()),
        };
        // A message's second line, when it has one, is a note (the YAML parser's words).
        let (message, note) = diagnostic
            .message
            .split_once('\n')
            .unwrap_or((&diagnostic.message, ""));
        writeln!(
            out,
            "{}",
            headline(diagnostic, message, style, color, shown)
        )?;
        let note = escape(note);
        details(
            out,
            &renderer,
            (level, position.line),
            snippet.as_ref(),
            &note,
            hint.as_deref(),
        )?;
        writeln!(out)?;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}, {} in {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.documents, "document")
    )
}

/// A finding's first line, `path:line:col: severity[rule]: message`, the place in bold
/// and the severity in its `style` when `color` is on.
fn headline(
    diagnostic: &Diagnostic,
    message: &str,
    style: Style,
    color: bool,
    shown: &dyn Fn(&str) -> String,
) -> String {
    let paint = |style: Style, text: &str| {
        if color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    };
    let position = diagnostic.position;
    format!(
        "{}: {}: {}",
        paint(
            Style::new().bold(),
            &format!(
                "{}:{}:{}",
                escape_line(&shown(&diagnostic.path)),
                position.line,
                position.column
            )
        ),
        paint(
            style,
            &format!("{}[{}]", diagnostic.severity.name(), diagnostic.rule.name)
        ),
        escape_line(message)
    )
}

/// Writes what follows a finding's first line: the source line with a caret under the
/// place (numbered `line`), its note and its hint, drawn by `renderer` at `level`; or,
/// without a snippet, the note and the hint alone.
fn details(
    out: &mut dyn Write,
    renderer: &Renderer,
    (level, line_number): (Level, usize),
    snippet: Option<&Snippet>,
    note: &str,
    hint: Option<&str>,
) -> io::Result<()> {
    if let Some(Snippet { text: line, caret }) = snippet {
        let caret = escaped_index(line, *caret);
        let line = escape(line);
        let at = line
            .char_indices()
            .nth(caret)
            .map_or(line.len(), |(at, _)| at);
        let end = line[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        let mut group = Group::with_level(level).element(
            annotate_snippets::Snippet::source(&*line)
                .line_start(line_number)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(at..end)),
        );
        if !note.is_empty() {
            group = group.element(Level::NOTE.message(note));
        }
        if let Some(hint) = hint {
            group = group.element(Level::HELP.message(hint));
        }
        writeln!(out, "{}", renderer.render(&[group]))?;
    } else {
        if !note.is_empty() {
            writeln!(out, "  = note: {note}")?;
        }
        if let Some(hint) = hint {
            writeln!(out, "  = help: {hint}")?;
        }
    }
    Ok(())
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

/// The JSON object of docs/rules.md, one per run.
pub fn json(out: &mut dyn Write, diagnostics: &[Diagnostic], summary: Summary) -> io::Result<()> {
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
                severity: d.severity,
                rule: d.rule.name,
                message: &d.message,
            })
            .collect(),
    };
    pretty_json(out, &report)
}

/// GitHub Actions workflow commands, one per finding, which GitHub shows as annotations.
/// `shown` gives the path GitHub resolves (relative to the git work tree). A CI log is
/// read by everyone with access to the pipeline: each finding says its public message,
/// which quotes nothing written in the document.
pub fn github(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    shown: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    for d in diagnostics {
        writeln!(
            out,
            "::{} file={},line={},col={},title={}::{}",
            d.severity.name(),
            escape_property(&shown(&d.path)),
            d.position.line,
            d.position.column,
            escape_property(d.rule.name),
            escape_data(&d.public_message)
        )?;
    }
    Ok(())
}

/// SARIF 2.1.0 (for code scanning): one run, the rules of the registry with their
/// documentation, one result per finding with its region and its public message. No
/// source text and no quotation of the document: alerts are stored off the machine, and
/// no note, private or not, may be among them. `shown` gives the
/// path relative to the git work tree, where code scanning resolves it.
pub fn sarif(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    rules: &[&crate::domain::diagnostic::Rule],
    shown: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    use serde_json::json;
    let level = |severity: Severity| match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let descriptors: Vec<serde_json::Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.name,
                "name": rule.name,
                "shortDescription": {"text": rule.summary()},
                "fullDescription": {"text": rule.summary()},
                "help": {"text": rule.text(), "markdown": rule.text()},
                "defaultConfiguration": {"level": level(rule.severity)},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            json!({
                "ruleId": d.rule.name,
                "ruleIndex": rules.iter().position(|r| r.name == d.rule.name).unwrap_or(0),
                "level": level(d.severity),
                "message": {"text": d.public_message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": shown(&d.path)},
                        "region": {
                            "startLine": d.position.line,
                            "startColumn": d.position.column,
                        },
                    },
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cairn",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    pretty_json(out, &log)
}

/// `value` as indented JSON and a line break, control characters escaped.
fn pretty_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    crate::render::json::write_pretty(out, value)
}

/// Escapes a workflow command's message (GitHub's rules: `%`, CR, LF), and writes any
/// other control character as an escape, so a file name cannot drive the log's terminal.
fn escape_data(text: &str) -> String {
    escape(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
    .into_owned()
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
        assert_eq!(escape_data("a\u{1b}[2Jb\u{9b}"), "a\\x1b[2Jb\\x9b");
    }
}
