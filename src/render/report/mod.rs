//! The status report (docs/guide.md) in four formats: terminal, Markdown and HTML through
//! templates, and JSON, the [`Report`] itself. Every format carries the same content,
//! computed once in [`model`]; the templates lay it out.

mod development;
mod model;
mod timeline;

use std::io::Write;

use serde::Serialize;

use crate::analysis::status::Status;
use crate::config::Config;
use crate::model::document::GENERATED_MARKER;
use crate::render::templates::{self, FlagWords, Templates};
pub use development::Development;
pub use model::{join_names, report, report_streamed, CommitmentView, Report};
pub use timeline::Timeline;

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

/// What the templates see: the report, each person's timeline, and the flags in words.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    report: &'a Report,
    /// Each person's last 12 months and coming weeks, for the HTML page only (none for
    /// the other formats: 100,000 documents' worth is not drawn for nothing).
    timelines: Vec<Timeline>,
    /// Each person's anchor in Markdown, by id: GitHub's slug of the block's heading.
    anchors: std::collections::BTreeMap<&'a str, String>,
    /// The flags that appear, each with its words, in the fixed order.
    legend: Vec<Legend<'a>>,
    /// Every flag's few words, by name.
    words: std::collections::BTreeMap<&'a str, &'a str>,
    /// The report spans several managers: say whose each commitment is.
    several_managers: bool,
    color: bool,
}

#[derive(Serialize)]
struct Legend<'a> {
    name: &'a str,
    short: &'a str,
    meaning: &'a str,
}

/// Writes the report of `status` to `out`. `color` applies to the terminal format only.
pub fn write(
    status: &Status,
    config: &Config,
    format: Format,
    templates: &mut Templates,
    color: bool,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let template = match format {
        // Written as each person's block is made: the blocks are never all held at once.
        Format::Json => {
            let report = model::report_streamed(status, config);
            return Ok(crate::render::json::write_pretty(out, &report)?);
        }
        Format::Terminal => templates::REPORT_TERMINAL,
        Format::Markdown => templates::REPORT_MARKDOWN,
        Format::Html => templates::REPORT_HTML,
    };
    let report = report(status, config);
    let words = templates.flag_words()?;
    let timelines = if format == Format::Html {
        status
            .people
            .iter()
            .map(|p| timeline::timeline(p, status))
            .collect()
    } else {
        Vec::new()
    };
    let items = report.people.len()
        + report
            .people
            .iter()
            .map(|p| p.commitments.len())
            .sum::<usize>()
        + timelines.iter().map(|t| t.marks.len()).sum::<usize>();
    let context = context(
        &report,
        timelines,
        &words,
        color && format == Format::Terminal,
    );
    let mut text = templates.render(template, &context, items)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // A Markdown report committed beside the notes is never linted (docs/format.md), even from
    // a template of the repository's own that forgot the marker.
    if format == Format::Markdown && !text.starts_with(GENERATED_MARKER) {
        out.write_all(GENERATED_MARKER.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.write_all(text.as_bytes())?;
    Ok(out.flush()?)
}

fn context<'a>(
    report: &'a Report,
    timelines: Vec<Timeline>,
    words: &'a FlagWords,
    color: bool,
) -> Context<'a> {
    let mut present: Vec<crate::analysis::status::Flag> = report
        .people
        .iter()
        .flat_map(|p| p.flags.iter().copied())
        .collect();
    present.sort_unstable();
    present.dedup();
    let legend = present
        .into_iter()
        .map(|flag| {
            let entry = words.get(flag.name());
            Legend {
                name: flag.name(),
                short: entry.map_or(flag.name(), |e| e.short.as_str()),
                meaning: entry.map_or("", |e| e.meaning.as_str()),
            }
        })
        .collect();
    Context {
        report,
        timelines,
        anchors: report
            .people
            .iter()
            .map(|p| (p.id.as_str(), anchor(&p.name)))
            .collect(),
        legend,
        words: words
            .iter()
            .map(|(name, w)| (name.as_str(), w.short.as_str()))
            .collect(),
        several_managers: report.scope.managers.len() > 1,
        color,
    }
}

/// The anchor GitHub (and most Markdown renderers) give a heading: lower case, spaces as
/// `-`, punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A template failed.
    #[error(transparent)]
    Template(#[from] crate::domain::error::Error),
    /// The output could not be written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
