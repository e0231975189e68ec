//! The status report in four formats: terminal, Markdown and HTML through templates, and
//! JSON (SPEC 5's shape) through serde.

use serde::Serialize;

use crate::error::Result;
use crate::status::{PersonStatus, Status, Summary, Upcoming};
use crate::templates::{self, Templates};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text for a terminal, coloured when it is one.
    Terminal,
    /// Markdown, to commit or paste into a wiki.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// JSON for programs.
    Json,
}

impl Format {
    /// The format a file name implies: `.html`, `.md`, `.json`; anything else is terminal text.
    pub fn from_file_name(name: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            Format::Html
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else if lower.ends_with(".json") {
            Format::Json
        } else {
            Format::Terminal
        }
    }
}

/// What the templates see: the status and what is derived from it for people to read.
#[derive(Serialize)]
struct View<'a> {
    as_of: chrono::NaiveDate,
    skipped_documents: usize,
    cadence: Cadence,
    summary: Summary,
    attention: Vec<&'a PersonStatus>,
    coming_up: Vec<&'a Upcoming>,
    manager_commitments: Vec<ManagerCommitment<'a>>,
    people: &'a [PersonStatus],
    /// The report spans several managers: say whose each commitment is.
    several_managers: bool,
    color: bool,
}

#[derive(Serialize)]
struct Cadence {
    annual_months: u32,
    due_soon_days: u32,
}

#[derive(Serialize)]
struct ManagerCommitment<'a> {
    name: &'a str,
    manager: &'a str,
    person: &'a str,
    text: &'a str,
    due: Option<chrono::NaiveDate>,
    overdue: bool,
    path: &'a str,
    line: usize,
}

/// Writes the report to `out`. `color` applies to the terminal format only. JSON is
/// streamed: at 100,000 documents it is tens of megabytes, never held in memory whole.
pub fn write(
    status: &Status,
    format: Format,
    templates: &mut Templates,
    color: bool,
    out: &mut dyn std::io::Write,
) -> std::result::Result<(), WriteError> {
    let template = match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, status).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            return Ok(out.flush()?);
        }
        Format::Terminal => templates::REPORT_TERMINAL,
        Format::Markdown => templates::REPORT_MARKDOWN,
        Format::Html => templates::REPORT_HTML,
    };
    let text = render(
        status,
        template,
        templates,
        color && format == Format::Terminal,
    )?;
    out.write_all(text.as_bytes())?;
    Ok(out.flush()?)
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A template failed.
    #[error(transparent)]
    Template(#[from] crate::error::Error),
    /// The output could not be written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Renders the report with the template `name`.
fn render(status: &Status, name: &str, templates: &mut Templates, color: bool) -> Result<String> {
    let managers: std::collections::HashMap<&str, &str> = status
        .managers
        .iter()
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    let view = View {
        as_of: status.as_of,
        skipped_documents: status.skipped_documents,
        cadence: Cadence {
            annual_months: status.cadence.annual_months,
            due_soon_days: status.cadence.due_soon_days,
        },
        summary: status.summary(),
        attention: status.needs_attention(),
        coming_up: status.coming_up(),
        manager_commitments: status
            .manager_commitments()
            .into_iter()
            .map(|(person, c)| ManagerCommitment {
                name: &person.name,
                manager: managers
                    .get(person.manager.as_str())
                    .copied()
                    .unwrap_or(person.manager.as_str()),
                person: &person.id,
                text: &c.text,
                due: c.due,
                overdue: c.overdue,
                path: &c.path,
                line: c.line,
            })
            .collect(),
        people: &status.people,
        several_managers: status.managers.len() > 1,
        color,
    };
    let items = status.people.len()
        + status
            .people
            .iter()
            .map(|p| p.commitments.len())
            .sum::<usize>();
    let mut text = templates.render(name, view, items)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
