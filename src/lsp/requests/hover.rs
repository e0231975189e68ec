//! Hover: a finding's rule, a person, a contract, a capability.

use super::*;
use crate::config::Capability;

/// What the cursor is on: a finding's rule, a person, a contract, a capability of the
/// framework in `capabilities` (docs/frameworks.md).
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
    let framework = open.repository.config.framework.as_ref();
    if let Some(capability) =
        capability_at(&open.text.text, offset).and_then(|id| framework?.capability(id))
    {
        parts.push(capability_card(capability));
    }
    match front_field(open.text, offset) {
        Some((key, value, _)) => match key {
            "engineer" | "manager" => parts.extend(person_card(open.repository, value)),
            "contract" | "supersedes" => {
                if let Target::Inside(path) = open.repository.resolve(open.document.folder(), value)
                {
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
    if let Some(goal) = &document.body.goal {
        card.push_str(&format!("\n\n{goal}"));
    }
    Some(card)
}

/// A capability's name and what it looks like at each level the framework describes.
fn capability_card(capability: &Capability) -> String {
    let mut card = format!("**{}** (`{}`)", capability.name, capability.id);
    if let Some(area) = &capability.area {
        card.push_str(&format!(", {area}"));
    }
    for (n, (level, text)) in capability.levels.iter().enumerate() {
        let gap = if n == 0 { "\n\n" } else { "\n" };
        card.push_str(&format!("{gap}- **{level}**: {text}"));
    }
    card
}
