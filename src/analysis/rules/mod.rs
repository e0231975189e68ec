//! The rules of `cairn check` (docs/rules.md): one registry, read by `check`, `explain`, the
//! configuration's `rules:`, the language server and the tests.
//!
//! Each rule is declared once, with [`declare_rule!`](crate::domain::diagnostic), in the file of
//! this module that finds it: its doc comment is its documentation, in ruff's headings
//! (what it does, why it matters, an example, what to write instead), and its message is
//! written next to it. The document parser only states facts (typed problems, sections,
//! commitments); the rules judge them.

mod capabilities;
mod commitments;
mod contracts;
mod conversations;
mod dates;
mod file;
mod front_matter;
mod goal;
mod headings;
mod index;
mod links;
mod people;
mod placeholders;
mod privacy;
mod sections;
mod suppression;

use std::collections::HashSet;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::domain::diagnostic::{Diagnostic, Rule, Severity};
use crate::domain::vocabulary::ContractStatus;
use crate::model::document::{Document, FrontMatter};
use crate::model::repository::{Destinations, Repository};
pub use index::{check_files, open_for_status, Index};

/// Every rule, in the order of docs/rules.md.
pub static ALL: &[&Rule] = &[
    &file::UNREADABLE_FILE,
    &file::NOT_UTF8,
    &file::FILE_TOO_LARGE,
    &file::MISSING_FRONT_MATTER,
    &file::UNCLOSED_FRONT_MATTER,
    &front_matter::INVALID_YAML,
    &front_matter::FRONT_MATTER_NOT_MAPPING,
    &front_matter::MISSING_FIELD,
    &front_matter::INVALID_FIELD,
    &front_matter::UNKNOWN_FIELD,
    &people::UNKNOWN_PERSON,
    &people::WRONG_MANAGER,
    &dates::DATE_ORDER,
    &links::BROKEN_LINK,
    &sections::MISSING_SECTION,
    &sections::EMPTY_SECTION,
    &sections::DUPLICATE_SECTION,
    &sections::SECTION_ORDER,
    &goal::GOAL_NOT_ONE_SENTENCE,
    &goal::VAGUE_GOAL,
    &commitments::NO_MANAGER_COMMITMENT,
    &commitments::NO_ENGINEER_COMMITMENT,
    &commitments::COMMITMENT_WITHOUT_DUE_DATE,
    &commitments::COMMITMENT_WITHOUT_OWNER,
    &contracts::MULTIPLE_ACTIVE_CONTRACTS,
    &conversations::NO_FOLLOW_UP,
    &links::CONTRACT_ENGINEER_MISMATCH,
    &conversations::NOTES_NOT_WRITTEN,
    &suppression::UNKNOWN_RULE,
    &placeholders::PLACEHOLDER_TEXT,
    &headings::MISSPELT_HEADING,
    &privacy::PRIVATE_HEADING,
    &privacy::PRIVATE_NOT_SEALED,
    &capabilities::UNKNOWN_CAPABILITY,
    &people::HANDOVER_INCOMPLETE,
];

/// The rule with this name.
pub fn by_name(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|rule| rule.name == name)
}

/// The names of every rule, for `cairn.yaml`'s `rules:` and `cairn-ignore` comments.
pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|rule| rule.name).collect()
}

/// What one document is checked against besides itself: the configuration, and which
/// files git seals. No rule of one document reads another document: those that do (the
/// links, two active contracts) run over every document's [`Index`] entry.
pub struct Context<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The documents git seals on commit (with `seal.required` only).
    pub sealed_by_git: &'a HashSet<String>,
}

impl<'a> Context<'a> {
    /// The context of the repository's documents.
    pub fn of(repository: &'a Repository) -> Context<'a> {
        Context {
            config: &repository.config,
            sealed_by_git: &repository.sealed_by_git,
        }
    }
}

/// A check of one document with front matter.
type DocumentCheck = fn(&Document, &FrontMatter, &Context, &mut Vec<Diagnostic>);

/// The per-document checks, run on every document whose front matter could be read.
const DOCUMENT_CHECKS: &[DocumentCheck] = &[
    people::check,
    dates::check,
    sections::check,
    goal::check,
    commitments::check,
    conversations::check,
    placeholders::check,
    headings::check,
    privacy::check,
    privacy::check_sealed,
    capabilities::check,
];

/// Every finding in the repository, sorted by path, position and rule, each with the
/// severity `cairn.yaml` gives its rule; findings of rules turned off (by `rules:` or a
/// `cairn-ignore` comment in the document) are left out.
pub fn check(repository: &Repository) -> Vec<Diagnostic> {
    check_as_of(repository, None)
}

/// [`check`] as of a date: a document dated after `as_of` does not exist yet (docs/guide.md),
/// so it makes no other contract one of two active ones. What a status reads (`report`,
/// `calendar`, `show`): a contract renewed in advance flags nobody before its date.
pub fn check_as_of(repository: &Repository, as_of: Option<NaiveDate>) -> Vec<Diagnostic> {
    let unreadable = repository.unreadable.iter().map(file::unreadable).collect();
    let mut diagnostics = check_where(repository, as_of, |_| true);
    diagnostics.extend(suppression::apply_rules(&repository.config, unreadable));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}

/// The findings of the documents `keep` selects, those of rules that span documents
/// included, with the severities of `rules:`, unsorted: one person's story needs their
/// documents checked, not everyone's.
pub fn check_where(
    repository: &Repository,
    as_of: Option<NaiveDate>,
    keep: impl Fn(&Document) -> bool + Sync,
) -> Vec<Diagnostic> {
    let context = Context::of(repository);
    let found: Vec<Diagnostic> = repository
        .documents
        .par_iter()
        .filter(|document| keep(document))
        .flat_map_iter(|document| check_document(document, &context, repository))
        .collect();
    let mut found = suppression::apply_rules(&repository.config, found);
    found.extend(
        spanning(repository, as_of)
            .into_iter()
            .filter(|d| repository.document(&d.path).is_some_and(&keep)),
    );
    found
}

/// The findings of rules that span documents (two active contracts of one engineer),
/// among the documents dated on or before `as_of` (all with `None`), with the severities
/// of `rules:` and each document's `cairn-ignore` applied.
pub fn spanning(repository: &Repository, as_of: Option<NaiveDate>) -> Vec<Diagnostic> {
    let active = repository.documents.iter().filter_map(|document| {
        let active = contracts::Active::of(&document.path, document.front.as_ref())?;
        let ignored = suppression::Ignored::of(document);
        Some((
            active,
            ignored.contains(&contracts::MULTIPLE_ACTIVE_CONTRACTS),
        ))
    });
    spanning_among(active, &repository.config, as_of)
}

/// `multiple-active-contracts` among the `active` contracts dated on or before `as_of`,
/// each with whether its document's `cairn-ignore` turns the rule off, with the
/// severities of `rules:`: what [`spanning`] and the index ask alike.
fn spanning_among<'a>(
    active: impl Iterator<Item = (contracts::Active<'a>, bool)>,
    config: &Config,
    as_of: Option<NaiveDate>,
) -> Vec<Diagnostic> {
    let mut quiet: HashSet<&str> = HashSet::new();
    let counted = active
        .filter(|(contract, _)| exists_on(contract.date, as_of))
        .map(|(contract, ignored)| {
            if ignored {
                quiet.insert(contract.path);
            }
            contract
        });
    let mut found = Vec::new();
    contracts::check(counted, &mut found);
    found.retain(|d| !quiet.contains(d.path.as_str()));
    suppression::apply_rules(config, found)
}

/// Whether a document dated `date` exists on `as_of` (every document does with `None`; one
/// without a date always).
fn exists_on(date: Option<NaiveDate>, as_of: Option<NaiveDate>) -> bool {
    date.zip(as_of).is_none_or(|(date, as_of)| date <= as_of)
}

/// The findings of one document, before `rules:` severities: what cross-document rules
/// find about it is added by [`check`].
fn check_document(
    document: &Document,
    context: &Context,
    to: &impl Destinations,
) -> Vec<Diagnostic> {
    let ignored = suppression::Ignored::of(document);
    let mut found = check_alone(document, context, &ignored);
    if let Some(outgoing) = links::Outgoing::of(document) {
        found.extend(check_links(&document.path, &outgoing, &ignored, to));
    }
    found
}

/// The findings of one document that need no other document, before `rules:` severities
/// and without those its `cairn-ignore` comments turn off (`ignored`, gathered once per
/// document: a comment may name many words).
fn check_alone(
    document: &Document,
    context: &Context,
    ignored: &suppression::Ignored,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    file::check(document, &mut found);
    front_matter::check(document, context, &mut found);
    if let Some(front) = &document.front {
        for check in DOCUMENT_CHECKS {
            check(document, front, context, &mut found);
        }
    }
    suppression::check(document, &mut found);
    found.retain(|d| !ignored.contains(d.rule));
    work_in_progress(document, &mut found);
    found
}

/// The findings of the links of the document at `path` (`broken-link`,
/// `contract-engineer-mismatch`, a `contract` that is no contract), before `rules:`
/// severities and without those its `cairn-ignore` comments turn off.
fn check_links(
    path: &str,
    outgoing: &links::Outgoing,
    ignored: &suppression::Ignored,
    to: &impl Destinations,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    links::check(path, outgoing, to, &mut found);
    found.retain(|d| !ignored.contains(d.rule));
    found
}

/// The rules about a contract's sections and commitments, which a draft is still being
/// written against and an abandoned contract will never meet.
const SECTION_RULES: &[&Rule] = &[
    &sections::MISSING_SECTION,
    &sections::EMPTY_SECTION,
    &commitments::NO_MANAGER_COMMITMENT,
    &commitments::NO_ENGINEER_COMMITMENT,
    &placeholders::PLACEHOLDER_TEXT,
];

/// A draft contract's section findings are warnings (`--strict` still fails on them); an
/// abandoned contract gets none: nobody will finish it, and CI should not fail on it.
fn work_in_progress(document: &Document, found: &mut Vec<Diagnostic>) {
    let Some(status) = document.front.as_ref().and_then(|f| f.status) else {
        return;
    };
    let is_section_rule = |d: &Diagnostic| SECTION_RULES.iter().any(|r| std::ptr::eq(*r, d.rule));
    match status {
        ContractStatus::Draft => {
            for diagnostic in found.iter_mut().filter(|d| is_section_rule(d)) {
                diagnostic.severity = Severity::Warning;
                diagnostic.at_most_warning = true;
            }
        }
        ContractStatus::Abandoned => found.retain(|d| !is_section_rule(d)),
        _ => {}
    }
}

/// The findings of one document with the severities of `rules:`, without those of rules
/// turned off: what the fix engine and the language server work from. Rules that span
/// documents are left to [`check`].
pub fn document_findings(document: &Document, repository: &Repository) -> Vec<Diagnostic> {
    let found = check_document(document, &Context::of(repository), repository);
    let mut found = suppression::apply_rules(&repository.config, found);
    found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    found
}

/// The effective severity of a rule in this repository (`None`: turned off).
pub fn severity(repository: &Repository, rule: &Rule) -> Option<Severity> {
    repository
        .config
        .rule_severity(rule.name)
        .unwrap_or(Some(rule.severity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_named_once_and_documented() {
        let mut names = names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert_eq!(ALL.len(), 35, "the rules of docs/rules.md");
        for rule in ALL {
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead",
            ] {
                assert!(
                    rule.documentation.contains(heading),
                    "{} lacks {heading}",
                    rule.name
                );
            }
        }
    }
}
