//! Document symbols: the sections and the commitments.

use super::*;
use crate::model::document::{Commitment, Section};

/// The sections (but no private one) and, under each, its commitments.
pub fn symbols(open: &Open) -> Vec<lsp::DocumentSymbol> {
    let text = &open.text.text;
    let document = open.document;
    let sections: Vec<_> = document
        .body
        .sections
        .iter()
        .filter(|s| !document.is_private_line(s.position.line))
        .collect();
    let mut symbols = Vec::new();
    for section in sections {
        let heading = open
            .text
            .line(section.position.line - 1)
            .unwrap_or(section.start..section.start);
        let name = text[heading.clone()]
            .trim()
            .trim_matches('#')
            .trim()
            .to_owned();
        let end = section_end(open, section, heading.end);
        let lines = section.position.line..=open.line_of(end);
        let children: Vec<lsp::DocumentSymbol> = document
            .body
            .commitments
            .iter()
            .filter(|c| lines.contains(&c.position.line))
            .map(|c| commitment_symbol(open, c))
            .collect();
        symbols.push(lsp::DocumentSymbol {
            name: if name.is_empty() {
                section.key.to_string()
            } else {
                name
            },
            kind: lsp::SymbolKind::String,
            range: open.positions.range(heading.start..end, open.encoding),
            selection_range: open.positions.range(heading, open.encoding),
            children: (!children.is_empty()).then_some(children),
            ..default_symbol()
        });
    }
    symbols
}

/// Where a section that starts with the heading ending at `heading_end` ends: before the
/// next section or private section, whichever comes first, or at the end of the file.
fn section_end(open: &Open, section: &Section, heading_end: usize) -> usize {
    let document = open.document;
    let next_private = document
        .private_lines
        .iter()
        .map(|lines| *lines.start())
        .filter(|&line| line > section.position.line)
        .min()
        .and_then(|line| open.text.line(line - 1))
        .map(|line| line.start);
    let next_section = document
        .body
        .sections
        .iter()
        .map(|s| s.start)
        .find(|&start| start > section.start);
    [next_private, next_section]
        .into_iter()
        .flatten()
        .min()
        .map_or(open.text.text.len(), |next| {
            next.saturating_sub(1).max(heading_end)
        })
}

/// A commitment as a symbol inside its section: its text, with its owner, its due date
/// and whether it is done.
fn commitment_symbol(open: &Open, c: &Commitment) -> lsp::DocumentSymbol {
    let at = open.span(c.position);
    let mut detail = format!("@{}", c.owner.name());
    if let Some(due) = c.due {
        detail.push_str(&format!(", due {due}"));
    }
    if c.done {
        detail.push_str(", done");
    }
    let range = open.positions.range(at, open.encoding);
    lsp::DocumentSymbol {
        name: if c.text.is_empty() {
            "(task)".to_owned()
        } else {
            c.text.to_string()
        },
        detail: Some(detail),
        kind: lsp::SymbolKind::Event,
        range,
        selection_range: range,
        ..default_symbol()
    }
}

fn default_symbol() -> lsp::DocumentSymbol {
    lsp::DocumentSymbol::new(
        String::new(),
        None,
        lsp::SymbolKind::String,
        None,
        None,
        lsp::Range::default(),
        lsp::Range::default(),
        None,
    )
}
