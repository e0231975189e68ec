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
use crate::model::repository::{relative_link, resolve, Repository, Target};
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
    let mut history = prefill::history(
        repository,
        &request.engineer.id,
        request.date,
        request.folder,
    );
    let doc_type = request.doc_type;
    if doc_type == DocType::Handover {
        for link in [
            &mut history.latest_where_now,
            &mut history.latest_where_going,
        ]
        .into_iter()
        .flatten()
        {
            link.notes = quoted_notes(repository, &link.path, request.folder);
        }
    }
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

/// The public notes of the document at `path`, as a Markdown quote a handover can carry:
/// read through the privacy module (private sections removed, heading and all; HTML
/// comments removed), headings made bold lines and checkboxes plain bullets, so the quote
/// adds no section and no commitment to the document that quotes it (a promise has one
/// record: the document it was made in). `None` when the file cannot be read or holds
/// nothing public.
fn quoted_notes(repository: &Repository, path: &str, folder: &str) -> Option<String> {
    let source = crate::model::document::privacy::Source::read(&repository.root.join(path)).ok()?;
    let redacted = source.redact(repository.config.private_phrases());
    let public = crate::render::share::public_body(&redacted);
    let from = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let public = rebased(&public, from, folder);
    let quoted: Vec<String> = public
        .lines()
        .map(|line| {
            let line = match line.trim_start_matches('#') {
                title if title.len() < line.len() && title.starts_with(' ') => {
                    format!("**{}**", title.trim())
                }
                _ => plain_bullet(line),
            };
            if line.is_empty() {
                ">".to_owned()
            } else {
                format!("> {line}")
            }
        })
        .collect();
    (!public.is_empty()).then(|| quoted.join("\n"))
}

/// `text`, written in a document in `from`, with its relative links (`[a](b)`,
/// `![a](b)`, `[a](<b> "title")`, and reference definitions `[r]: b`) made relative to
/// `to`, so they lead where they led when quoted in a document elsewhere. Links with a
/// scheme, anchors alone and root-relative ones are kept.
fn rebased(text: &str, from: &str, to: &str) -> String {
    if from == to {
        return text.to_owned();
    }
    let rebase = |target: &str| -> Option<String> {
        let (path, anchor) = target
            .split_once('#')
            .map_or((target, None), |(p, a)| (p, Some(a)));
        let relative = !path.is_empty()
            && !path.contains("://")
            && !path.starts_with('/')
            && !path.starts_with("mailto:");
        let Target::Inside(inside) = relative.then(|| resolve(from, path))? else {
            return None;
        };
        let mut link = relative_link(to, &inside);
        if let Some(anchor) = anchor {
            link.push('#');
            link.push_str(anchor);
        }
        Some(link)
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        // A reference definition: `[r]: target "title"`.
        let definition = line
            .trim_start()
            .strip_prefix('[')
            .and_then(|rest| rest.split_once("]:"))
            .filter(|(label, _)| !label.contains(']'));
        if let Some((_, rest)) = definition {
            let at = line.len() - rest.trim_start().len();
            let target = destination(&line[at..]);
            match rebase(&line[at + target.start..at + target.end]) {
                Some(link) => {
                    out.push_str(&line[..at + target.start]);
                    out.push_str(&link);
                    out.push_str(&line[at + target.end..]);
                }
                None => out.push_str(line),
            }
            continue;
        }
        let mut rest = line;
        while let Some(close) = rest.find("](") {
            let (before, after) = rest.split_at(close + 2);
            out.push_str(before);
            let target = destination(after);
            out.push_str(&after[..target.start]);
            let written = &after[target.clone()];
            match rebase(written) {
                Some(link) => out.push_str(&link),
                None => out.push_str(written),
            }
            rest = &after[target.end..];
        }
        out.push_str(rest);
    }
    out
}

/// Where a link's destination stands at the start of `text`: inside `<…>`, or up to the
/// first space or `)`.
fn destination(text: &str) -> std::ops::Range<usize> {
    if let Some(end) = text.strip_prefix('<').and_then(|inner| inner.find('>')) {
        return 1..end + 1;
    }
    0..text.find([' ', ')', '\t', '\n']).unwrap_or(text.len())
}

/// A task item's line as a plain bullet (`- [ ] x` → `- x`, `1. [x] x` → `1. x`, in
/// quotes and nested lists too); other lines as they are.
fn plain_bullet(line: &str) -> String {
    let mut at = 0;
    // Past every container marker: spaces, `>`, `-`/`*`/`+` or `1.`/`1)` and a space.
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        at += rest.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix('>') {
            at += trimmed.len() - after.len();
            continue;
        }
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let marker = if (1..=9).contains(&digits) {
            trimmed[digits..].strip_prefix(['.', ')'])
        } else {
            trimmed.strip_prefix(['-', '*', '+'])
        };
        match marker.filter(|after| after.starts_with([' ', '\t'])) {
            Some(after) => at += trimmed.len() - after.len(),
            None => break,
        }
    }
    let rest = &line[at..];
    let mut chars = rest.char_indices();
    match (chars.next(), chars.next(), chars.next(), chars.next()) {
        (Some((_, '[')), Some(_), Some((close, ']')), after)
            if after.is_none_or(|(_, c)| c == ' ' || c == '\t') =>
        {
            let tail = rest[close + 1..].trim_start_matches([' ', '\t']);
            format!("{}{tail}", &line[..at])
        }
        _ => line.to_owned(),
    }
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
