//! The fix engine (docs/guide.md), one for `check --fix` and the language server.
//!
//! The rule that finds a problem says what would fix it ([`crate::domain::diagnostic::Fix`]);
//! this module turns that into edits of the text. It never re-serialises YAML: a field is
//! a line inserted before the closing fence, a value is replaced where it stands, so
//! comments, order and quoting survive. It never edits a line of a private section. A
//! missing section gets its heading and the guidance `cairn new` would write for it, from
//! the same template. Fixing converges: [`fix_text`] applies what it can, checks again,
//! and stops when nothing is left to fix.

use std::ops::Range;

use crate::analysis::prefill;
use crate::analysis::rules;
use crate::domain::diagnostic::{Change, Diagnostic, Position, Rule, Safety};
use crate::edit::generate;
use crate::model::document::privacy::{Redacted, Source};
use crate::model::document::split::{split, Split};
use crate::model::document::Document;
use crate::model::repository::Repository;
use crate::render::templates::Templates;
use crate::text::lines::{column_offset, lines};

/// A change to a text: the bytes of `range` become `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (empty for an insertion).
    pub range: Range<usize>,
    /// What replaces them.
    pub text: String,
}

/// One finding's fix, ready to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// The rule of the finding it fixes.
    pub rule: &'static Rule,
    /// Safe or unsafe.
    pub safety: Safety,
    /// What it does, in a few words.
    pub title: String,
    /// Where the finding is.
    pub position: Position,
    /// The change the rule asked for.
    pub change: Change,
    /// The edit.
    pub edit: Edit,
}

/// A text after fixing, and what was fixed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text, to be written: what it shows goes through its redaction.
    pub source: Source,
    /// The fixes applied, in order: rule and title.
    pub applied: Vec<(&'static Rule, String)>,
}

impl Fixed {
    /// Takes the text of a pass whose fixes all did what they should, and records them.
    fn accept(&mut self, next: Source, applied: &[usize], planned: &[Planned]) {
        self.applied.extend(
            applied
                .iter()
                .map(|&i| (planned[i].rule, planned[i].title.clone())),
        );
        self.source = next;
    }
}

/// The most passes [`fix_text`] makes: a fix that needs another fix first (a section
/// inserted after a heading that was itself fixed) is done on the next pass.
const MAX_PASSES: usize = 8;

/// The fixes of `diagnostics` (findings about `document`, whose redacted text is `text`) that can
/// be applied, in the order of the findings. A fix whose place is not what its finding
/// saw (the text changed), or that would touch a private section, is left out.
pub fn plan(
    text: &str,
    document: &Document,
    diagnostics: &[Diagnostic],
    repository: &Repository,
    templates: &mut Templates,
) -> Vec<Planned> {
    let source = Lines::new(text, document);
    let mut generated: Option<Option<String>> = None;
    let ours: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.path == document.path && d.fix.is_some())
        .collect();
    let renamed = renamed_fields(&ours, text);
    ours.into_iter()
        .filter_map(|diagnostic| {
            let fix = diagnostic.fix.as_ref()?;
            let added = match &fix.change {
                Change::AddField { field, .. } => Some(*field),
                Change::AddFollowUp => Some("follow_up"),
                _ => None,
            };
            if added.is_some_and(|field| renamed.contains(&field)) {
                return None;
            }
            let edit = match &fix.change {
                Change::InsertSection { title, at_end } => {
                    let new = generated
                        .get_or_insert_with(|| new_document(document, repository, templates));
                    let section = section_lines(new.as_deref(), title);
                    source.insert_section(diagnostic.position.line, *at_end, &section)
                }
                Change::Heading { title } => {
                    source.replace_line(diagnostic.position.line, &format!("## {title}"))
                }
                Change::AddField { field, value } => source.add_field(field, value),
                Change::AddFollowUp => {
                    let date = follow_up(document, repository)?;
                    source.add_field("follow_up", &date.to_string())
                }
                Change::Replace { from, to } => source.replace(diagnostic.position, from, to),
            }?;
            Some(Planned {
                rule: diagnostic.rule,
                safety: fix.safety,
                title: fix.title(),
                position: diagnostic.position,
                change: fix.change.clone(),
                edit,
            })
        })
        .collect()
}

/// The fields that fixes rename into place in the front matter (`folow_up:` renamed to
/// `follow_up`). A field both added and renamed into place would be there twice: the
/// rename keeps what was written, so the addition goes.
fn renamed_fields<'d>(ours: &[&'d Diagnostic], text: &str) -> Vec<&'d str> {
    ours.iter()
        .filter_map(|d| match d.fix.as_ref().map(|f| &f.change) {
            Some(Change::Replace { to, .. }) if d.position.line <= front_matter_end(text) => {
                Some(to.as_str())
            }
            _ => None,
        })
        .collect()
}

/// The lines of a missing section `title`: as the new document of its type writes it
/// (`new`, when it can be generated), else its heading and a prompt to write it.
fn section_lines(new: Option<&str>, title: &str) -> Vec<String> {
    new.and_then(|new| generate::section(new, title))
        .map(|lines| lines.iter().map(|l| l.to_string()).collect())
        .unwrap_or_else(|| {
            vec![
                format!("## {title}"),
                String::new(),
                "<!-- Write this section in your own words. -->".to_owned(),
            ]
        })
}

/// Applies the planned fixes that do not overlap an earlier one, through the privacy
/// module's editor: a fix that would touch private notes or move their boundary is not
/// applied. Returns the text, the indices of the fixes applied and of those refused for
/// privacy.
pub fn apply(
    source: &Source,
    planned: &[Planned],
    repository: &Repository,
) -> (Source, Vec<usize>, Vec<usize>) {
    let phrases = repository.config.private_phrases();
    let mut order: Vec<usize> = (0..planned.len()).collect();
    order.sort_by_key(|&i| planned[i].edit.range.start);
    let mut at = 0;
    let mut chosen = Vec::new();
    for i in order {
        let edit = &planned[i].edit;
        if edit.range.start < at {
            continue;
        }
        at = edit.range.end;
        chosen.push(i);
    }
    let edits = |chosen: &[usize]| -> Vec<(Range<usize>, String)> {
        chosen
            .iter()
            .map(|&i| (planned[i].edit.range.clone(), planned[i].edit.text.clone()))
            .collect()
    };
    let mut refused = Vec::new();
    if source.edit(&edits(&chosen), phrases).is_err() {
        refused = chosen
            .iter()
            .copied()
            .filter(|&i| source.edit(&edits(&[i]), phrases).is_err())
            .collect();
        chosen.retain(|i| !refused.contains(i));
    }
    match source.edit(&edits(&chosen), phrases) {
        Ok(next) => {
            chosen.sort_unstable();
            (next, chosen, refused)
        }
        Err(_) => (source.clone(), Vec::new(), refused),
    }
}

/// Fixes `text`, the document at root-relative `path`, until no fix of the allowed
/// safety is left (or [`MAX_PASSES`]): safe fixes only, unless `unsafe_fixes`.
pub fn fix_text(
    path: &str,
    source: &Source,
    repository: &Repository,
    templates: &mut Templates,
    unsafe_fixes: bool,
) -> Fixed {
    let mut fixed = Fixed {
        source: source.clone(),
        applied: Vec::new(),
    };
    // Changes that did not make their finding go (a heading inserted into an unclosed code
    // block is no heading): never tried again, so that fixing converges.
    let mut refused: Vec<Change> = Vec::new();
    let phrases = repository.config.private_phrases();
    let read = |source: &Source| findings_of(path, &source.redact(phrases), repository);
    // The text's document and findings: read once, then carried from each accepted pass.
    let mut current = read(&fixed.source);
    for _ in 0..MAX_PASSES {
        let (document, findings) = &current;
        let redacted = fixed.source.redact(phrases);
        let mut planned: Vec<Planned> =
            plan(redacted.text(), document, findings, repository, templates)
                .into_iter()
                .filter(|p| {
                    (unsafe_fixes || p.safety == Safety::Safe) && !refused.contains(&p.change)
                })
                .collect();
        loop {
            let (next, applied, private) = apply(&fixed.source, &planned, repository);
            refused.extend(private.iter().map(|&i| planned[i].change.clone()));
            if applied.is_empty() || next == fixed.source {
                return fixed;
            }
            let (after_document, after) = read(&next);
            let mut unresolved = unresolved(
                findings,
                &after,
                applied.iter().map(|&i| &planned[i].change),
            );
            if broken(document, &after_document) {
                let before = (&fixed.source, document);
                for i in breaking(before, &planned, &applied, repository, &read) {
                    if !unresolved.contains(&planned[i].change) {
                        unresolved.push(planned[i].change.clone());
                    }
                }
            }
            if unresolved.is_empty() {
                fixed.accept(next, &applied, &planned);
                current = (after_document, after);
                break;
            }
            planned.retain(|p| !unresolved.contains(&p.change));
            refused.extend(unresolved);
        }
    }
    fixed
}

/// The applied changes (indices into `planned`) to refuse when together they made the
/// front matter of `source` (read as `document`) unreadable: a fix must never do so (a
/// line added to a `{…}` mapping). Those that do so on their own, or all of them when
/// none does alone.
fn breaking(
    (source, document): (&Source, &Document),
    planned: &[Planned],
    applied: &[usize],
    repository: &Repository,
    read: &impl Fn(&Source) -> (Document, Vec<Diagnostic>),
) -> Vec<usize> {
    let alone_breaks = |i: &usize| {
        let (next, _, _) = apply(source, std::slice::from_ref(&planned[*i]), repository);
        broken(document, &read(&next).0)
    };
    let culprits: Vec<usize> = applied.iter().copied().filter(alone_breaks).collect();
    if culprits.is_empty() {
        applied.to_vec()
    } else {
        culprits
    }
}

/// Whether `after` reads worse than `before`: its front matter lost, or more problems with
/// the file or its YAML.
fn broken(before: &Document, after: &Document) -> bool {
    (before.front.is_some() && after.front.is_none())
        || after.problems.len() > before.problems.len()
}

/// The document at `path` read from `text`, and its findings.
fn findings_of(
    path: &str,
    text: &Redacted,
    repository: &Repository,
) -> (Document, Vec<Diagnostic>) {
    let document = Document::parse_text(path.to_owned(), text, &repository.config);
    let findings = rules::document_findings(&document, repository);
    (document, findings)
}

/// The fixes of [`plan`] that, applied on their own, make their finding go and leave the
/// front matter as readable as it was: the quick fixes an editor offers one by one, held
/// to what [`fix_text`] holds its fixes to.
pub(crate) fn each_resolving(
    source: &Source,
    document: &Document,
    findings: &[Diagnostic],
    repository: &Repository,
    templates: &mut Templates,
) -> Vec<Planned> {
    let phrases = repository.config.private_phrases();
    let text = source.redact(phrases).into_text();
    plan(&text, document, findings, repository, templates)
        .into_iter()
        .filter(|planned| {
            let (next, applied, _) = apply(source, std::slice::from_ref(planned), repository);
            let (after_document, after) =
                findings_of(&document.path, &next.redact(phrases), repository);
            !applied.is_empty()
                && !broken(document, &after_document)
                && unresolved(findings, &after, std::iter::once(&planned.change)).is_empty()
        })
        .collect()
}

/// The applied changes whose findings are still there afterwards: as many findings asking
/// for a change after as before, less those applied, or more.
fn unresolved<'a>(
    before: &[Diagnostic],
    after: &[Diagnostic],
    applied: impl Iterator<Item = &'a Change>,
) -> Vec<Change> {
    let count = |findings: &[Diagnostic], change: &Change| {
        findings
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.change == *change))
            .count()
    };
    let applied: Vec<&Change> = applied.collect();
    let mut unresolved: Vec<Change> = Vec::new();
    for change in &applied {
        let times = applied.iter().filter(|c| **c == *change).count();
        let left = count(after, change);
        if left + times > count(before, change) && !unresolved.contains(change) {
            unresolved.push((*change).clone());
        }
    }
    unresolved
}

/// The document `cairn new` would write for this one's type, engineer, manager and date:
/// where a missing section's guidance comes from.
fn new_document(
    document: &Document,
    repository: &Repository,
    templates: &mut Templates,
) -> Option<String> {
    let front = document.front.as_ref()?;
    let config = &repository.config;
    let engineer = config.person(front.engineer.as_deref()?)?;
    let date = front.date?;
    // A `manager` missing or misspelt (being fixed in the same run) is the roster's.
    let manager = front
        .manager
        .as_deref()
        .and_then(|id| config.person(id))
        .or_else(|| config.person(engineer.manager_on(date)?))?;
    let request = generate::Request {
        doc_type: front.doc_type?,
        engineer,
        manager,
        date,
        folder: document.folder(),
        to: front.to.as_deref().and_then(|id| config.person(id)),
        existing: Some(front),
    };
    generate::document(repository, templates, &request).ok()
}

/// The `follow_up` `cairn new` proposes for this conversation.
fn follow_up(document: &Document, repository: &Repository) -> Option<chrono::NaiveDate> {
    let front = document.front.as_ref()?;
    let engineer = front.engineer.as_deref()?;
    let date = front.date?;
    let history = prefill::history(repository, engineer, date, document.folder());
    prefill::follow_up(front.doc_type?, date, &repository.config, &history)
}

/// The text with `field: value` in its front matter, by a line edit as every fix makes
/// (`cairn share --mark` records `summary_shared` so): the value replaced where it is
/// written, or a line added before the closing fence. Comments, order and quoting of
/// every other line survive. `None` when the front matter cannot take it, or the edit
/// would touch private notes.
pub fn set_field(
    source: &Source,
    document: &Document,
    field: crate::domain::vocabulary::Field,
    value: &str,
    config: &crate::config::Config,
) -> Option<Source> {
    let phrases = config.private_phrases();
    let redacted = source.redact(phrases);
    let lines = Lines::new(redacted.text(), document);
    let front = document.front.as_ref()?;
    let edit = if front.has(field) {
        let position = front.position(field);
        let range = lines.lines.get(position.line.checked_sub(1)?)?.clone();
        let text = &lines.text[range.clone()];
        let column = column_offset(text, position.line == 1, position.column)?;
        // The value runs to a comment or the end of the line.
        let rest = &text[column..];
        let end = rest.find(" #").unwrap_or(rest.len());
        let written = rest[..end].trim_end();
        let start = range.start + column;
        Edit {
            range: start..start + written.len(),
            text: value.to_owned(),
        }
    } else {
        lines.add_field(field.name(), value)?
    };
    source.edit(&[(edit.range, edit.text)], phrases).ok()
}

/// The 1-based line of the front matter's closing fence (0 without front matter).
fn front_matter_end(text: &str) -> usize {
    match split(text) {
        Split::Found { yaml, .. } => lines(&text[..yaml.end], 0).count() + 1,
        _ => 0,
    }
}

/// A text, its lines and what of it may not be edited.
struct Lines<'a> {
    text: &'a str,
    document: &'a Document,
    /// Each line's text, without its line ending.
    lines: Vec<Range<usize>>,
    /// The line ending the text uses, for the lines a fix adds.
    ending: &'static str,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, document: &'a Document) -> Lines<'a> {
        let ending = match text.find(['\n', '\r']) {
            Some(at) if text[at..].starts_with("\r\n") => "\r\n",
            Some(at) if text[at..].starts_with('\r') => "\r",
            _ => "\n",
        };
        Lines {
            text,
            document,
            lines: lines(text, 0).collect(),
            ending,
        }
    }

    /// The byte where 1-based `line` starts (the end of the text past the last line).
    fn start_of(&self, line: usize) -> usize {
        self.lines
            .get(line.saturating_sub(1))
            .map_or(self.text.len(), |l| l.start)
    }

    fn line_text(&self, line: usize) -> Option<&'a str> {
        self.lines
            .get(line.checked_sub(1)?)
            .map(|r| &self.text[r.clone()])
    }

    fn is_private(&self, line: usize) -> bool {
        self.document.is_private_line(line)
    }

    /// `lines` as text, each with the text's line ending.
    fn joined(&self, lines: &[String]) -> String {
        lines
            .iter()
            .map(|line| format!("{line}{}", self.ending))
            .collect()
    }

    /// The section's lines before 1-based `line` (its heading), or at the end of the
    /// file: before a private section that ends the file, so that the notes stay last and
    /// nothing is added inside them.
    fn insert_section(&self, line: usize, at_end: bool, section: &[String]) -> Option<Edit> {
        let count = self.lines.len();
        let before = if at_end {
            let mut before = count + 1;
            if let Some(private) = self
                .document
                .private_lines
                .iter()
                .find(|lines| *lines.end() >= count)
            {
                before = *private.start();
            }
            before
        } else {
            line
        };
        // Inside a private section (not at its heading): never.
        if self.is_private(before) && !self.is_private_heading(before) {
            return None;
        }
        let previous_blank = self
            .line_text(before.saturating_sub(1))
            .is_none_or(|l| l.trim().is_empty());
        let mut block = Vec::new();
        if !previous_blank {
            block.push(String::new());
        }
        block.extend(section.iter().cloned());
        let at = self.start_of(before);
        let mut text = String::new();
        if before > count {
            // At the end: finish the last line first, when it has no line ending.
            if !self.text.is_empty() && !self.text.ends_with(['\n', '\r']) {
                text.push_str(self.ending);
            }
        } else {
            block.push(String::new());
        }
        text.push_str(&self.joined(&block));
        Some(Edit {
            range: at..at,
            text,
        })
    }

    fn is_private_heading(&self, line: usize) -> bool {
        self.document
            .private_lines
            .iter()
            .any(|lines| *lines.start() == line)
    }

    /// Line `line` (1-based) replaced by `new`, keeping its line ending.
    fn replace_line(&self, line: usize, new: &str) -> Option<Edit> {
        // A private start's own line may be rewritten when that hides the same lines
        // (the privacy module checks it again when the edit is applied).
        let fixable_start = self
            .document
            .private_starts
            .iter()
            .any(|s| s.line == line && s.fixable);
        if self.is_private(line) && !fixable_start {
            return None;
        }
        let range = self.lines.get(line.checked_sub(1)?)?.clone();
        Some(Edit {
            range,
            text: new.to_owned(),
        })
    }

    /// `field: value` as the front matter's last line.
    fn add_field(&self, field: &str, value: &str) -> Option<Edit> {
        let Split::Found { yaml, .. } = split(self.text) else {
            return None;
        };
        // (After `{type: where-now, …}` on one line, the line is no field of it: the
        // front matter no longer reads, and the fix is refused for that, as any would be.)
        // The closing fence starts where the YAML ends; a last YAML line without a line
        // ending cannot happen (the fence is on a line of its own).
        Some(Edit {
            range: yaml.end..yaml.end,
            text: format!("{field}: {value}{}", self.ending),
        })
    }

    /// `from`, at or after the finding's column on its line, replaced by `to`.
    fn replace(&self, position: Position, from: &str, to: &str) -> Option<Edit> {
        if self.is_private(position.line) || from.is_empty() {
            return None;
        }
        let line = self.lines.get(position.line.checked_sub(1)?)?.clone();
        let text = &self.text[line.clone()];
        let column = column_offset(text, position.line == 1, position.column).unwrap_or(text.len());
        let found = text[column..].find(from)? + column;
        let start = line.start + found;
        Some(Edit {
            range: start..start + from.len(),
            text: to.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests;
