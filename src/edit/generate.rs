//! A new document of the guide's cycle, as `cairn new` writes it: the prompt lists of its
//! type, pre-filled with what the repository knows, laid out by its template. The fix
//! engine takes a missing section's guidance from the same text, so a fixed document
//! reads as a new one would.

use chrono::NaiveDate;

use crate::analysis::prefill::{self, Context, NewDocument};
use crate::config::Person;
use crate::domain::error::Result;
use crate::domain::title::normalize;
use crate::domain::vocabulary::DocType;
use crate::model::document::FrontMatter;
use crate::model::repository::Repository;
use crate::render::templates::Templates;

/// What to write: a type, for whom, by whom, on which day, into which folder (links are
/// relative to it).
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The kind of document.
    pub doc_type: DocType,
    /// The engineer.
    pub engineer: &'a Person,
    /// The manager.
    pub manager: &'a Person,
    /// The document's date.
    pub date: NaiveDate,
    /// The root-relative folder the document goes into.
    pub folder: &'a str,
    /// A handover's incoming manager.
    pub to: Option<&'a Person>,
    /// The front matter of a document being completed (by the fix engine): a contract's
    /// own `start`, `end` and `checkpoints` then stand in for the proposed ones.
    pub existing: Option<&'a FrontMatter>,
}

/// The text of the new document.
pub fn document(
    repository: &Repository,
    templates: &mut Templates,
    request: &Request,
) -> Result<String> {
    let config = &repository.config;
    let prompts = templates.prompts()?;
    let history = prefill::history(
        repository,
        &request.engineer.id,
        request.date,
        request.folder,
    );
    let doc_type = request.doc_type;
    let context = Context {
        doc: NewDocument {
            doc_type,
            date: request.date,
            follow_up: prefill::follow_up(doc_type, request.date, config, &history),
            engineer: request.engineer.into(),
            manager: request.manager.into(),
            to: request.to.map(Into::into),
        },
        history,
        contract: (doc_type == DocType::Contract).then(|| {
            let mut plan = prefill::contract_plan(request.date, config, &prompts);
            if let Some(front) = request.existing {
                plan.start = front.start.unwrap_or(plan.start);
                plan.end = front.end.unwrap_or(plan.end);
                plan.checkpoints = front.checkpoints.clone();
            }
            plan
        }),
        prompts,
    };
    let items = context.history.conversations.len() + context.history.open_commitments.len() + 100;
    templates.render(&format!("{}.md.j2", doc_type.name()), &context, items)
}

/// The lines of the level-2 section titled `title` in a generated document: its heading
/// and what follows up to the next level-1 or level-2 heading, without trailing blank
/// lines. `None` when the document has no such section.
pub fn section<'a>(text: &'a str, title: &str) -> Option<Vec<&'a str>> {
    let wanted = normalize(title);
    let lines: Vec<&str> = text.lines().collect();
    let is_heading = |line: &str| line.starts_with("# ") || line.starts_with("## ");
    let start = lines.iter().position(|line| {
        line.strip_prefix("## ")
            .is_some_and(|heading| normalize(heading) == wanted)
    })?;
    let end = lines[start + 1..]
        .iter()
        .position(|line| is_heading(line))
        .map_or(lines.len(), |at| start + 1 + at);
    let mut section = lines[start..end].to_vec();
    while section.last().is_some_and(|line| line.trim().is_empty()) {
        section.pop();
    }
    Some(section)
}

#[cfg(test)]
mod tests {
    use super::section;

    #[test]
    fn a_section_is_its_heading_and_body_up_to_the_next_heading() {
        let text = "# Title\n\n## Goal\n\n<!-- guidance -->\n\n## Limitations\n\nnone\n";
        assert_eq!(
            section(text, "goal").unwrap(),
            ["## Goal", "", "<!-- guidance -->"]
        );
        assert_eq!(
            section(text, "Limitations").unwrap(),
            ["## Limitations", "", "none"]
        );
        assert_eq!(section(text, "Evidence"), None);
    }
}
