//! What the server answers about one open document (SPEC 3.4): diagnostics, code actions,
//! hover, completion, definitions and symbols. Nothing here reads a private section: a
//! position in one answers nothing, and symbols leave them out.

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
use crate::model::repository::{relative_link, Repository, Target};
use crate::render::templates::Templates;

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
pub fn code_actions(
    open: &Open,
    path: &str,
    findings: &[Diagnostic],
    range: lsp::Range,
    only: Option<&[lsp::CodeActionKind]>,
    templates: &mut Templates,
) -> Vec<lsp::CodeAction> {
    let wanted = |kind: &lsp::CodeActionKind| only.is_none_or(|only| only.contains(kind));
    let lines = range.start.line as usize + 1..=range.end.line as usize + 1;
    let source = Source::new(open.positions.text.clone());
    let planned = fix::each_resolving(&source, open.document, findings, open.repository, templates);
    let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(open.uri.clone(), edits)])),
        ..Default::default()
    };
    let mut actions = Vec::new();
    if wanted(&lsp::CodeActionKind::QuickFix) {
        for fix in planned.iter().filter(|p| lines.contains(&p.position.line)) {
            let diagnostics = findings
                .iter()
                .filter(|f| f.rule == fix.rule && f.position == fix.position)
                .map(|f| open.diagnostic(f))
                .collect();
            actions.push(lsp::CodeAction {
                title: format!("{} ({})", fix.title, fix.rule.name),
                kind: Some(lsp::CodeActionKind::QuickFix),
                diagnostics: Some(diagnostics),
                is_preferred: Some(fix.safety == Safety::Safe),
                edit: Some(edit(vec![lsp::TextEdit::new(
                    open.positions.range(fix.edit.range.clone(), open.encoding),
                    fix.edit.text.clone(),
                )])),
                ..Default::default()
            });
        }
    }
    let any_safe = planned.iter().any(|p| p.safety == Safety::Safe);
    if any_safe && wanted(&lsp::CodeActionKind::SourceFixAll) {
        let fixed = fix::fix_text(path, &source, open.repository, templates, false);
        let changes =
            crate::render::diff::changes(&open.positions.text, &fixed.source.into_file_text());
        // The changes of a text whose private notes the fixes kept: none may reach into
        // them (a diff that aligned lines oddly would), or the action is not offered.
        let phrases = open.repository.config.private_phrases();
        let safe = changes
            .iter()
            .all(|(range, _)| source.may_replace(range.clone(), phrases));
        let edits: Vec<lsp::TextEdit> = changes
            .into_iter()
            .map(|(range, text)| {
                lsp::TextEdit::new(open.positions.range(range, open.encoding), text)
            })
            .collect();
        if safe && !edits.is_empty() {
            actions.push(lsp::CodeAction {
                title: format!("Fix all safe problems ({})", fixed.applied.len()),
                kind: Some(lsp::CodeActionKind::SourceFixAll),
                edit: Some(edit(edits)),
                ..Default::default()
            });
        }
    }
    actions
}

/// "Mark done today" and "Withdraw by agreement today" on an open task item of the lines
/// of `range`: the edits `cairn done` makes, through the same module, so a line of
/// private notes is never offered one.
pub fn settle_actions(
    open: &Open,
    path: &str,
    range: lsp::Range,
    only: Option<&[lsp::CodeActionKind]>,
    today: chrono::NaiveDate,
) -> Vec<lsp::CodeAction> {
    let kind = lsp::CodeActionKind::RefactorRewrite;
    if only.is_some_and(|only| !only.contains(&kind)) {
        return Vec::new();
    }
    let lines = range.start.line as usize + 1..=range.end.line as usize + 1;
    let source = Source::new(open.positions.text.clone());
    let phrases = open.repository.config.private_phrases();
    let mut actions = Vec::new();
    for commitment in open
        .document
        .commitments
        .iter()
        .filter(|c| lines.contains(&c.position.line) && !c.done && !c.withdrawn)
    {
        let line = commitment.position.line;
        for (title, how) in [
            (
                format!("Mark done today ({today})"),
                crate::edit::tick::Settlement::Done(today),
            ),
            (
                format!("Withdraw by agreement today ({today}); add the reason after the date"),
                crate::edit::tick::Settlement::Withdrawn(today, String::new()),
            ),
        ] {
            let Ok(settled) =
                crate::edit::tick::settle(&source, path, line, &how, &open.repository.config)
            else {
                continue;
            };
            let changes = crate::render::diff::changes(
                &open.positions.text,
                &settled.source.into_file_text(),
            );
            if !changes
                .iter()
                .all(|(range, _)| source.may_replace(range.clone(), phrases))
            {
                continue;
            }
            let edits = changes
                .into_iter()
                .map(|(range, text)| {
                    lsp::TextEdit::new(open.positions.range(range, open.encoding), text)
                })
                .collect();
            actions.push(lsp::CodeAction {
                title,
                kind: Some(kind.clone()),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(open.uri.clone(), edits)])),
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
    }
    actions
}

/// What the cursor is on: a finding's rule, a person, a contract.
pub fn hover(open: &Open, findings: &[Diagnostic], offset: usize) -> Option<lsp::Hover> {
    if open.is_private(offset) {
        return None;
    }
    let mut parts = Vec::new();
    for finding in findings {
        let span = open.span(finding.position);
        if span.contains(&offset) || span.end == offset {
            parts.push(finding.rule.explanation());
        }
    }
    match front_field(open.text, offset) {
        Some((key, value, _)) => match key {
            "engineer" | "manager" => parts.extend(person_card(open.repository, value)),
            "contract" | "supersedes" => {
                if let Target::Inside(path) = open.repository.resolve(open.document, value) {
                    parts.extend(contract_card(open.repository, &path));
                }
            }
            _ => {}
        },
        None => {
            if let Some(id) = mention_at(&open.text.text, offset).and_then(|id| person_of(open, id))
            {
                parts.extend(person_card(open.repository, id));
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(lsp::Hover::new(
        lsp::Contents::MarkupContent(lsp::MarkupContent::new(
            lsp::MarkupKind::Markdown,
            parts.join("\n\n---\n\n"),
        )),
        None,
    ))
}

/// A person of the roster, for a hover.
fn person_card(repository: &Repository, id: &str) -> Option<String> {
    let config = &repository.config;
    let person = config.person(id)?;
    let mut card = format!("**{}** (`{}`)", person.name, person.id);
    if let Some(role) = &person.role {
        card.push_str(&format!("\n\n{role}"));
    }
    if let Some(manager) = person.manager.as_deref() {
        let name = config.name_of(manager);
        card.push_str(&format!("\n\nManaged by {name} (`{manager}`)"));
    }
    if let Some(since) = person.since {
        card.push_str(&format!(", on the team since {since}"));
    }
    if let Some(left) = person.left {
        card.push_str(&format!("; left on {left}"));
    }
    Some(card)
}

/// A contract's goal and span, for a hover.
fn contract_card(repository: &Repository, path: &str) -> Option<String> {
    let document = repository.document(path)?;
    let front = document.front.as_ref()?;
    if front.doc_type != Some(DocType::Contract) {
        return None;
    }
    let mut card = format!(
        "**Development contract**{} ({})",
        span(front),
        status(front)
    );
    if let Some(goal) = &document.goal {
        card.push_str(&format!("\n\n{goal}"));
    }
    Some(card)
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

/// Completions at `offset`: front-matter keys the type allows and the values of `type`,
/// `status`, `trigger`, `engineer`, `manager`, `contract` and `supersedes`; `@manager`,
/// `@engineer` and roster ids after `@` in the body.
pub fn completion(open: &Open, offset: usize) -> Vec<lsp::CompletionItem> {
    if open.is_private(offset) {
        return Vec::new();
    }
    let text = &open.text.text;
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let replace = |from: usize, label: String, detail: Option<String>, kind| lsp::CompletionItem {
        text_edit: Some(lsp::CompletionItemTextEdit::TextEdit(lsp::TextEdit::new(
            open.positions.range(from..offset, open.encoding),
            label.clone(),
        ))),
        label,
        detail,
        kind: Some(kind),
        ..Default::default()
    };
    let front = open.document.front.as_ref();
    let yaml = match split(text) {
        Split::Found { yaml, .. } if yaml.start <= offset && offset <= yaml.end => Some(yaml),
        _ => None,
    };
    if let Some(yaml) = yaml {
        if let Some((key, value)) = before.split_once(':') {
            let from = offset - value.trim_start().len();
            return values(open, key.trim(), front)
                .into_iter()
                .map(|(label, detail)| replace(from, label, detail, lsp::CompletionItemKind::Value))
                .collect();
        }
        if !before.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
            return Vec::new();
        }
        // While a key is being typed the YAML seldom parses: the keys present and the
        // type come from the lines themselves.
        let mut present = Vec::new();
        let mut doc_type = None;
        for line in crate::text::lines::lines(text, yaml.start).take_while(|l| l.start < yaml.end) {
            if line.start == line_start {
                continue;
            }
            if let Some((key, value)) = text[line].split_once(':') {
                present.push(key.trim());
                if key == "type" {
                    doc_type = DocType::from_name(value.trim());
                }
            }
        }
        return Field::ALL
            .iter()
            .filter(|field| doc_type.is_none_or(|t| field.applies_to(t)))
            .filter(|field| !present.contains(&field.name()))
            .map(|field| {
                let mut item = replace(
                    line_start,
                    format!("{}: ", field.name()),
                    Some(field.used_by().to_owned()),
                    lsp::CompletionItemKind::Property,
                );
                item.label = field.name().to_owned();
                item
            })
            .collect();
    }
    let Some(at) = before.rfind('@') else {
        return Vec::new();
    };
    let partial = &before[at + 1..];
    if !partial
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Vec::new();
    }
    let from = line_start + at + 1;
    // `@manager` and `@engineer` first: the document's own two, named as its front matter
    // names them, so a task item says whose it is without spelling an id.
    let name = |id: Option<&str>| id.map(|id| open.repository.config.name_of(id));
    let roles = [
        ("manager", name(front.and_then(|f| f.manager.as_deref()))),
        ("engineer", name(front.and_then(|f| f.engineer.as_deref()))),
    ];
    roles
        .into_iter()
        .map(|(role, name)| {
            let detail = match name {
                Some(name) => format!("this document's {role}: {name}"),
                None => format!("this document's {role}"),
            };
            replace(
                from,
                role.to_owned(),
                Some(detail),
                lsp::CompletionItemKind::Keyword,
            )
        })
        .chain(open.repository.config.people.iter().map(|p| {
            replace(
                from,
                p.id.clone(),
                Some(p.name.clone()),
                lsp::CompletionItemKind::Reference,
            )
        }))
        .collect()
}

/// The values a front-matter key takes, with a detail for each.
fn values(
    open: &Open,
    key: &str,
    front: Option<&crate::model::document::FrontMatter>,
) -> Vec<(String, Option<String>)> {
    let names = |names: Vec<&str>| names.into_iter().map(|n| (n.to_owned(), None)).collect();
    let config = &open.repository.config;
    match key {
        "type" => names(DocType::ALL.iter().map(|t| t.name()).collect()),
        "status" => names(ContractStatus::ALL.iter().map(|t| t.name()).collect()),
        "trigger" => names(Trigger::ALL.iter().map(|t| t.name()).collect()),
        "engineer" | "manager" => {
            // For `manager`, the engineer's manager on the document's date first.
            let expected = front.and_then(|f| {
                let engineer = config.person(f.engineer.as_deref()?)?;
                engineer.manager_on(f.date?).map(str::to_owned)
            });
            let mut people: Vec<_> = config
                .people
                .iter()
                .map(|p| (p.id.clone(), Some(p.name.clone())))
                .collect();
            if key == "manager" {
                people.sort_by_key(|(id, _)| Some(id) != expected.as_ref());
            }
            people
        }
        "contract" | "supersedes" => {
            let engineer = front.and_then(|f| f.engineer.as_deref());
            open.repository
                .documents
                .iter()
                .filter(|d| d.path != open.document.path)
                .filter_map(|d| {
                    let f = d.front.as_ref()?;
                    (f.doc_type == Some(DocType::Contract) && f.engineer.as_deref() == engineer)
                        .then(|| {
                            (
                                relative_link(open.document.folder(), &d.path),
                                Some(format!("{}{}", status(f), span(f))),
                            )
                        })
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Where what is under the cursor is defined: the file of `contract:`, `supersedes:` or a
/// relative link; the roster line of an `@id`, `engineer:` or `manager:`.
pub fn definition(
    open: &Open,
    offset: usize,
    config_file: Option<(&lsp::Uri, &Text)>,
) -> Option<lsp::Location> {
    if open.is_private(offset) {
        return None;
    }
    let root = &open.repository.root;
    let file = |target: &str| match open.repository.resolve(open.document, target) {
        Target::Inside(path) if open.repository.exists(&path) => Some(lsp::Location::new(
            uri::from_path(&root.join(path)),
            lsp::Range::default(),
        )),
        _ => None,
    };
    let person = |id: &str| {
        let person = open.repository.config.person(id)?;
        let (uri, text) = config_file?;
        let at = text.offset_of(person.position);
        let end = if text.text[at..].starts_with(id) {
            at + id.len()
        } else {
            at
        };
        Some(lsp::Location::new(
            uri.clone(),
            text.range(at..end, open.encoding),
        ))
    };
    if let Some((key, value, _)) = front_field(open.text, offset) {
        return match key {
            "contract" | "supersedes" => file(value),
            "engineer" | "manager" => person(value),
            _ => None,
        };
    }
    if let Some(link) = open
        .document
        .links
        .iter()
        .find(|l| l.span.contains(&offset))
    {
        return file(&link.target);
    }
    let id = mention_at(&open.text.text, offset)?;
    person(person_of(open, id)?)
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

/// The sections (but no private one) and, under each, its commitments.
pub fn symbols(open: &Open) -> Vec<lsp::DocumentSymbol> {
    let text = &open.text.text;
    let document = open.document;
    let sections: Vec<_> = document
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
        // The section runs to the next section or private section, whichever comes first.
        let next_private = document
            .private_lines
            .iter()
            .map(|lines| *lines.start())
            .filter(|&line| line > section.position.line)
            .min()
            .and_then(|line| open.text.line(line - 1))
            .map(|line| line.start);
        let next_section = document
            .sections
            .iter()
            .map(|s| s.start)
            .find(|&start| start > section.start);
        let end = [next_private, next_section]
            .into_iter()
            .flatten()
            .min()
            .map_or(text.len(), |next| next.saturating_sub(1).max(heading.end));
        let lines = section.position.line..=open.line_of(end);
        let children: Vec<lsp::DocumentSymbol> = document
            .commitments
            .iter()
            .filter(|c| lines.contains(&c.position.line))
            .map(|c| {
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
            })
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
