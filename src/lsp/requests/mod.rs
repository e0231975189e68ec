//! What the server answers about one open document, one file per kind of request:
//! diagnostics and the document's state here ([`Open`]), and [`code_actions`],
//! [`hover`], [`completion`], [`definition`] and [`symbols`]. Every answer reads the
//! buffer's redacted text, so none can quote private notes; a position in private notes
//! answers nothing.

mod code_actions;
mod completion;
mod definition;
mod hover;
mod symbols;

use std::collections::HashMap;
use std::ops::Range;

use gen_lsp_types as lsp;

use super::text::{Encoding, Text};
use super::uri;
use crate::domain::diagnostic::{Diagnostic, Position, Safety, Severity};
use crate::domain::vocabulary::{ContractStatus, DocType, Field, Trigger};
use crate::edit::fix;
use crate::model::document::privacy::Source;
use crate::model::document::split::{split, Split};
use crate::model::document::{Document, FrontMatter};
use crate::model::repository::{relative_link, Destinations, Repository, Target};
use crate::render::templates::Templates;

pub use code_actions::{code_actions, settle_actions};
pub use completion::completion;
pub use definition::definition;
pub use hover::hover;
pub use symbols::symbols;

/// An open document and what the answers need about it.
pub struct Open<'a> {
    /// The URI the client uses for it.
    pub uri: &'a lsp::Uri,
    /// The buffer's text, its private notes redacted: everything an answer reads.
    pub text: &'a Text,
    /// The buffer's text as the editor holds it: only for turning byte offsets into the
    /// client's positions (a private line's characters count as the editor counts them),
    /// and for the fixes, which edit it through the privacy module.
    pub positions: &'a Text,
    /// The document, parsed from the buffer.
    pub document: &'a Document,
    /// The repository, with the open buffers in place.
    pub repository: &'a Repository,
    /// How the client counts characters.
    pub encoding: Encoding,
}

impl Open<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.text.position(offset, Encoding::Utf32).line as usize + 1
    }

    fn is_private(&self, offset: usize) -> bool {
        self.document.is_private_line(self.line_of(offset))
    }

    /// The byte range a finding covers: from its position to the end of its line.
    fn span(&self, position: Position) -> Range<usize> {
        let start = self.text.offset_of(position);
        let line = self.text.line(position.line.saturating_sub(1));
        let end = line.map_or(start, |line| {
            let trimmed = self.text.text[line.clone()].trim_end().len();
            (line.start + trimmed).max(start)
        });
        start..end
    }

    /// A finding as the protocol has it.
    pub fn diagnostic(&self, finding: &Diagnostic) -> lsp::Diagnostic {
        lsp::Diagnostic {
            range: self
                .positions
                .range(self.span(finding.position), self.encoding),
            severity: Some(match finding.severity {
                Severity::Error => lsp::DiagnosticSeverity::Error,
                Severity::Warning => lsp::DiagnosticSeverity::Warning,
            }),
            code: Some(lsp::Code::String(finding.rule.name.to_owned())),
            source: Some("cairn".to_owned()),
            message: lsp::Message::String(finding.message.clone()),
            ..Default::default()
        }
    }
}

/// The quick fixes for the findings on the lines of `range`, and "fix all safe" for the
/// document, limited to the kinds in `only` when the client asks for some.
/// Whether `offset` lies between the front matter's fences.
fn in_front_matter(text: &str, offset: usize) -> bool {
    matches!(split(text), Split::Found { yaml, .. } if yaml.start <= offset && offset <= yaml.end)
}

/// The `key: value` front-matter line under `offset`: the key, the value (without
/// quotes and comment) and its byte range.
fn front_field(text: &Text, offset: usize) -> Option<(&str, &str, Range<usize>)> {
    if !in_front_matter(&text.text, offset) {
        return None;
    }
    let line = text.line(text.position(offset, Encoding::Utf32).line as usize)?;
    let content = &text.text[line.clone()];
    let (key, rest) = content.split_once(':')?;
    if key.starts_with([' ', '\t', '-']) {
        return None;
    }
    let value = rest.split(" #").next().unwrap_or(rest);
    let trimmed = value.trim().trim_matches(['"', '\'']);
    let start = line.start + key.len() + 1 + rest.find(trimmed).unwrap_or(0);
    Some((key.trim(), trimmed, start..start + trimmed.len()))
}

/// The top-level front-matter key the line starting at `line_start` belongs to: its own
/// `key:`, or for an item of a block list (`- a`) or an indented line, the nearest key
/// above it.
fn owning_key(text: &str, yaml: Range<usize>, line_start: usize) -> Option<&str> {
    let mut key = None;
    for line in crate::text::lines::lines(text, yaml.start)
        .take_while(|l| l.start <= line_start && l.start < yaml.end)
    {
        let content = &text[line];
        if content.trim().is_empty() || content.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        key = content.split_once(':').map(|(key, _)| key.trim());
    }
    key
}

/// Whether a character may be part of a capability id (a slug).
fn in_slug(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// Where the capability id being written at `offset` starts, when `offset` is in an
/// entry of the front matter's `capabilities` list, in its flow form (`[a, b]`) or its
/// block form (`- a`): just after `[`, `,` or the item's `-`.
fn capability_slot(text: &str, offset: usize) -> Option<usize> {
    let Split::Found { yaml, .. } = split(text) else {
        return None;
    };
    if offset < yaml.start || offset > yaml.end {
        return None;
    }
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    if owning_key(text, yaml, line_start)? != "capabilities" {
        return None;
    }
    let before = &text[line_start..offset];
    let typed = before.len() - before.trim_end_matches(in_slug).len();
    let from = offset - typed;
    let lead = text[line_start..from].trim_end();
    let item = lead.trim_start() == "-";
    (lead.ends_with(['[', ',']) || item).then_some(from)
}

/// The capability id under `offset` in the front matter's `capabilities` list.
fn capability_at(text: &str, offset: usize) -> Option<&str> {
    let end = text[offset..]
        .find(|c: char| !in_slug(c))
        .map_or(text.len(), |i| offset + i);
    let start = text[..offset].trim_end_matches(in_slug).len();
    let slot = capability_slot(text, start)?;
    (slot == start && start < end).then(|| &text[start..end])
}

/// The `@id` under `offset` in `text`, read as the rules read mentions (not in an e-mail
/// address, a URL path or a package scope).
fn mention_at(text: &str, offset: usize) -> Option<&str> {
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    crate::domain::mention::mentions(&text[start..end])
        .find(|(id, at)| (start + at..=start + at + id.len()).contains(&offset))
        .map(|(id, _)| id)
}

/// A contract's status, for a card or a completion.
fn status(front: &FrontMatter) -> &'static str {
    front.status.map_or("no status", |s| s.name())
}

/// A contract's span, `, START to END`, when both are written.
fn span(front: &FrontMatter) -> String {
    match (front.start, front.end) {
        (Some(start), Some(end)) => format!(", {start} to {end}"),
        _ => String::new(),
    }
}

/// The roster id an `@` mention names: `@manager` and `@engineer` are the document's.
fn person_of<'a>(open: &Open<'a>, id: &'a str) -> Option<&'a str> {
    let front = open.document.front.as_ref();
    match id {
        "manager" => front?.manager.as_deref(),
        "engineer" => front?.engineer.as_deref(),
        id => Some(id),
    }
}
