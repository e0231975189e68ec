//! One file → one [`Document`]: read once, parsed once, kept as metadata.
//!
//! The steps, each in its own module: [`read`] the bytes; [`split`] the front matter from
//! the body; parse the [`front_matter`] into typed fields; parse the [`body`] into sections,
//! commitments and links. Every problem found on the way becomes a diagnostic of the
//! document; the text itself is dropped once parsed.

pub mod body;
pub mod front_matter;
pub mod read;
pub mod split;

use std::ops::RangeInclusive;
use std::path::Path;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};
use crate::lines::LineIndex;
use body::{Commitment, Link, Section};
use front_matter::FrontMatter;
use read::ReadProblem;
use split::Split;

/// Whether the bytes are UTF-16, with a byte-order mark or without one (ASCII text with
/// every other byte zero): its byte order, for the message.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).all(|b| *b == 0);
    let text = |parity: usize| head.iter().skip(parity).step_by(2).all(|b| *b != 0);
    if zeros(1) && text(0) {
        Some("little-endian")
    } else if zeros(0) && text(1) {
        Some("big-endian")
    } else {
        None
    }
}

/// What cairn keeps of one document.
#[derive(Debug, Default)]
pub struct Document {
    /// Path relative to the repository root, with `/`.
    pub path: String,
    /// The front matter, when it was valid YAML mapping (fields may still be missing).
    pub front: Option<FrontMatter>,
    /// Level-2 sections in order.
    pub sections: Vec<Section>,
    /// Task items outside private sections.
    pub commitments: Vec<Commitment>,
    /// Relative links in the body, outside private sections.
    pub links: Vec<Link>,
    /// A contract's Development goal text.
    pub goal: Option<String>,
    /// Lines of private sections: no output may show them.
    pub private_lines: Vec<RangeInclusive<usize>>,
    /// The number of lines.
    pub line_count: usize,
    /// Problems found while reading and parsing this file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// Reads and parses `file`, known to the user as `path` (relative to the root, `/`).
    pub fn load(file: &Path, path: String, config: &Config) -> Document {
        match read::read(file) {
            Ok(bytes) => Document::parse(path, &bytes, config),
            Err(problem) => {
                let (rule, message) = match problem {
                    ReadProblem::Unreadable(why) => (&read::UNREADABLE_FILE, format!("cannot read the file: {why}")),
                    ReadProblem::TooLarge(size) => (
                        &read::FILE_TOO_LARGE,
                        format!("the file is {size} bytes, over the 1 MiB limit for a notes file; it was not read"),
                    ),
                };
                Document::failed(Diagnostic::new(rule, &path, Position::START, message), path)
            }
        }
    }

    /// Parses a document's bytes. Pure: the same bytes and configuration give the same
    /// document, and no input makes it panic.
    pub fn parse(path: String, bytes: &[u8], config: &Config) -> Document {
        if let Some(width) = utf16(bytes) {
            let message = format!("the file is UTF-16 ({width}); save it as UTF-8");
            return Document::failed(
                Diagnostic::new(&read::NOT_UTF8, &path, Position::START, message),
                path,
            );
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let valid = &bytes[..error.valid_up_to()];
                let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let position = Position {
                    line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
                    column: String::from_utf8_lossy(&valid[line_start..])
                        .trim_start_matches('\u{feff}')
                        .chars()
                        .count()
                        + 1,
                };
                let message = "the file is not valid UTF-8; save it as UTF-8";
                return Document::failed(
                    Diagnostic::new(&read::NOT_UTF8, &path, position, message),
                    path,
                );
            }
        };
        let index = LineIndex::new(text);
        let mut document = Document {
            line_count: index.line_count(text),
            ..Document::default()
        };
        match split::split(text) {
            Split::Missing => {
                let message = if text
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with("---")
                {
                    "the front matter must start on the first line: remove what comes before the first `---`"
                } else {
                    "no front matter: a document starts with a `---` line, then `type`, `engineer`, `manager` and `date`, then `---`"
                };
                document.diagnostics.push(Diagnostic::new(
                    &split::MISSING_FRONT_MATTER,
                    &path,
                    Position::START,
                    message,
                ));
            }
            Split::Unclosed => document.diagnostics.push(Diagnostic::new(
                &split::UNCLOSED_FRONT_MATTER,
                &path,
                Position::START,
                "the front matter is never closed: add a `---` line after its last field",
            )),
            Split::Found { yaml, body } => {
                let front = front_matter::parse(
                    &path,
                    text,
                    yaml,
                    &index,
                    config,
                    &mut document.diagnostics,
                );
                if let Some(front) = &front {
                    let context = body::Context {
                        config,
                        doc_type: front.doc_type,
                        engineer: front.engineer.as_deref(),
                        manager: front.manager.as_deref(),
                    };
                    let body = body::parse(text, body, &index, &context);
                    // Kept for the whole run, 100,000 at a time: no spare capacity.
                    document.sections = body.sections.into_boxed_slice().into_vec();
                    document.commitments = body.commitments.into_boxed_slice().into_vec();
                    document.links = body.links.into_boxed_slice().into_vec();
                    document.goal = body.goal;
                    document.private_lines = body.private_lines.into_boxed_slice().into_vec();
                }
                document.front = front;
            }
        }
        document.path = path;
        document
    }

    /// A document that could not be parsed at all: only its diagnostic remains.
    fn failed(diagnostic: Diagnostic, path: String) -> Document {
        Document {
            path,
            diagnostics: vec![diagnostic],
            ..Document::default()
        }
    }

    /// Whether a line lies in a private section.
    pub fn is_private_line(&self, line: usize) -> bool {
        self.private_lines.iter().any(|lines| lines.contains(&line))
    }

    /// The folder of the document, relative to the root (`""` at the root).
    pub fn folder(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(folder, _)| folder)
    }
}
