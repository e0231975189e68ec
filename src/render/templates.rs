//! Templates: the defaults in the project's `templates/` folder are compiled into the
//! binary, and a notes repository's own `templates/` folder overrides them file by file
//! (as mdBook's themes do).

use std::path::Path;

use minijinja::{escape_formatter, AutoEscape, Environment, Output, State, Value};
use serde::Serialize;

use crate::domain::error::{Error, Result};
use crate::render::control;

/// The terminal report.
pub(crate) const REPORT_TERMINAL: &str = "report.terminal.j2";
/// The Markdown report.
pub(crate) const REPORT_MARKDOWN: &str = "report.md.j2";
/// The HTML report.
pub(crate) const REPORT_HTML: &str = "report.html.j2";
/// One person's story in the terminal.
pub const SHOW_TERMINAL: &str = "show.terminal.j2";
/// One person's story in Markdown.
pub const SHOW_MARKDOWN: &str = "show.md.j2";
/// The to-do list in the terminal.
pub const COMMITMENTS_TERMINAL: &str = "commitments.terminal.j2";

/// The data the document templates iterate over: the guide's prompt lists.
pub(crate) const PROMPTS: &str = "prompts.yaml";

/// What the document templates share, imported by each (`{% import "macros.j2" as m %}`).
pub(crate) const MACROS: &str = "macros.j2";

/// The report's flags in plain words.
pub const FLAGS: &str = "flags.yaml";

/// Each flag's words, by the flag's name.
pub(crate) type FlagWords = std::collections::BTreeMap<String, Words>;

/// A flag in words: a few for lists, a sentence for the legend.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Words {
    /// A few words.
    pub short: String,
    /// One sentence.
    pub meaning: String,
}

/// Every default template and the prompt lists, by file name: compiled into the binary.
pub const DEFAULTS: &[(&str, &str)] = &[
    (
        REPORT_TERMINAL,
        include_str!("../../templates/report.terminal.j2"),
    ),
    (
        REPORT_MARKDOWN,
        include_str!("../../templates/report.md.j2"),
    ),
    (REPORT_HTML, include_str!("../../templates/report.html.j2")),
    (
        SHOW_TERMINAL,
        include_str!("../../templates/show.terminal.j2"),
    ),
    (SHOW_MARKDOWN, include_str!("../../templates/show.md.j2")),
    (
        COMMITMENTS_TERMINAL,
        include_str!("../../templates/commitments.terminal.j2"),
    ),
    (PROMPTS, include_str!("../../templates/prompts.yaml")),
    (MACROS, include_str!("../../templates/macros.j2")),
    (FLAGS, include_str!("../../templates/flags.yaml")),
    (
        "where-now.md.j2",
        include_str!("../../templates/where-now.md.j2"),
    ),
    (
        "where-going.md.j2",
        include_str!("../../templates/where-going.md.j2"),
    ),
    (
        "close-gap.md.j2",
        include_str!("../../templates/close-gap.md.j2"),
    ),
    (
        "progress-review.md.j2",
        include_str!("../../templates/progress-review.md.j2"),
    ),
    (
        "as-needed.md.j2",
        include_str!("../../templates/as-needed.md.j2"),
    ),
    (
        "check-in.md.j2",
        include_str!("../../templates/check-in.md.j2"),
    ),
    (
        "contract.md.j2",
        include_str!("../../templates/contract.md.j2"),
    ),
    ("prep.md.j2", include_str!("../../templates/prep.md.j2")),
    (
        "reflection.md.j2",
        include_str!("../../templates/reflection.md.j2"),
    ),
    (
        "handover.md.j2",
        include_str!("../../templates/handover.md.j2"),
    ),
];

/// A template larger than this in a repository's `templates/` is refused.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Instructions a render may take per item it shows (a person, a commitment), so that a
/// template with an endless loop stops with an error instead of hanging.
const FUEL_PER_ITEM: u64 = 50_000;

/// The auto-escape of every template that is not HTML: text for a terminal, a Markdown
/// report or a new document.
const TEXT: AutoEscape = AutoEscape::Custom(std::borrow::Cow::Borrowed("text"));

/// The templates of one repository, each compiled when first used, so that a broken
/// report template does not stop `cairn new`, nor the reverse.
pub struct Templates {
    env: Environment<'static>,
    overrides: std::path::PathBuf,
}

impl Templates {
    /// The templates of the repository at `root` (its `templates/` folder overrides).
    pub fn new(root: &Path) -> Templates {
        let mut env = Environment::new();
        // Escape HTML in HTML templates whatever their extension after `.html`; every
        // other template writes text, whose values have their control characters escaped.
        env.set_auto_escape_callback(|name| {
            if name.contains(".html") {
                AutoEscape::Html
            } else {
                TEXT
            }
        });
        env.set_formatter(format_value);
        // A template's imports (`macros.j2`) are found the way the template itself is: the
        // repository's own first, then the default.
        let overrides = root.join("templates");
        let folder = overrides.clone();
        env.set_loader(move |name| match read_override(&folder.join(name), name) {
            Ok(Some(source)) => Ok(Some(source)),
            Ok(None) => Ok(DEFAULTS
                .iter()
                .find(|(default, _)| *default == name)
                .map(|(_, source)| (*source).to_owned())),
            Err(error) => Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                error.to_string(),
            )),
        });
        env.add_filter("pad", pad);
        env.add_filter("cell", cell);
        env.add_filter("paint", paint);
        Templates { env, overrides }
    }

    /// The text of a template or data file: the repository's own, or the default.
    pub fn source(&self, name: &str) -> Result<String> {
        match read_override(&self.overrides.join(name), name)? {
            Some(source) => Ok(source),
            None => DEFAULTS
                .iter()
                .find(|(default, _)| *default == name)
                .map(|(_, source)| (*source).to_owned())
                .ok_or_else(|| Error::Template {
                    name: name.to_owned(),
                    source: minijinja::Error::new(
                        minijinja::ErrorKind::TemplateNotFound,
                        "no such template",
                    ),
                }),
        }
    }

    /// The prompt lists (`prompts.yaml`) as a value for templates.
    pub fn prompts(&self) -> Result<serde_json::Value> {
        self.data(PROMPTS)
    }

    /// The flags in words (`flags.yaml`).
    pub fn flag_words(&self) -> Result<FlagWords> {
        self.data(FLAGS)
    }

    /// A data file of the templates, read as YAML.
    fn data<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T> {
        let source = self.source(name)?;
        crate::text::yaml::parse(&source).map_err(|e| {
            let at = crate::text::lines::LineIndex::new(&source)
                .position(&source, e.offset.unwrap_or(0));
            Error::Data {
                file: name.to_owned(),
                line: at.line,
                column: at.column,
                message: e.message,
            }
        })
    }

    /// Renders `name` with `context`; `items` (people and commitments shown) sizes the
    /// instruction budget.
    pub fn render(&mut self, name: &str, context: impl Serialize, items: usize) -> Result<String> {
        self.env
            .set_fuel(Some(1_000_000 + FUEL_PER_ITEM.saturating_mul(items as u64)));
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(name, e))?;
        template
            .render(minijinja::Value::from(minijinja::value::Serde(context)))
            .map_err(|e| template_error(name, e))
    }
}

fn read_override(path: &Path, name: &str) -> Result<Option<String>> {
    match std::fs::metadata(path) {
        Err(_) => Ok(None),
        Ok(metadata) if metadata.len() > MAX_TEMPLATE_BYTES || !metadata.is_file() => {
            Err(Error::Template {
                name: (*name).to_owned(),
                source: minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    "not a regular file under 1 MiB",
                ),
            })
        }
        Ok(_) => std::fs::read_to_string(path)
            .map(Some)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            }),
    }
}

fn template_error(name: &str, error: minijinja::Error) -> Error {
    Error::Template {
        name: name.to_owned(),
        source: error,
    }
}

/// `value | pad(width)`: left-justified to `width` characters.
fn pad(value: String, width: usize) -> String {
    format!("{value:width$}")
}

/// `value | cell`: safe inside a Markdown table cell or heading: `|` and the HTML
/// characters escaped (a wiki may render raw HTML), lines joined.
fn cell(value: String) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Writes a value into a template's output: the one place every value a template shows
/// passes, so no field can forget that a note may hold control characters. Text gets
/// them escaped (`\x1b`), so that a note cannot retitle, clear or colour the terminal the
/// report is printed on; HTML drops them and escapes the rest as HTML. A safe string
/// (what [`paint`] and a macro return) was formatted value by value already.
fn format_value(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> std::result::Result<(), minijinja::Error> {
    if value.is_safe() {
        return escape_formatter(out, state, value);
    }
    let text = value.to_string();
    match state.auto_escape() {
        AutoEscape::Html => {
            escape_formatter(out, state, &Value::from(control::strip(&text).as_ref()))
        }
        _ => Ok(out.write_str(&control::escape(&text))?),
    }
}

/// `value | paint(style)`: ANSI colour when the context's `color` is true. The colour is
/// cairn's own, so it is marked safe; the value inside it is escaped here, since the
/// formatter does not see it again.
fn paint(state: &State, value: String, style: String) -> Value {
    let enabled = state.lookup("color").is_some_and(|c| c.is_true());
    let code = match style.as_str() {
        "red" => "\x1b[31m",
        "yellow" => "\x1b[33m",
        "green" => "\x1b[32m",
        "bold" => "\x1b[1m",
        _ => "",
    };
    if enabled && !code.is_empty() {
        Value::from_safe_string(format!("{code}{}\x1b[0m", control::escape(&value)))
    } else {
        Value::from(value)
    }
}
