//! Saying "not this rule here" (docs/guide.md): `rules:` in `cairn.yaml` sets a rule's severity
//! or turns it off everywhere; `<!-- cairn-ignore: rule-a, rule-b -->` turns rules off for
//! one document.

use crate::config::Config;
use crate::domain::diagnostic::{declare_rule, Diagnostic, Message, Rule, Severity};
use crate::model::document::Document;
use crate::text::suggest;

declare_rule! {
    /// ## What it does
    /// Warns about a `<!-- cairn-ignore: … -->` comment that names no rule of cairn.
    ///
    /// ## Why is this bad?
    /// A misspelt name turns nothing off: the finding the comment was meant to silence
    /// still shows, and the comment suggests to the next reader that it was dealt with.
    /// (A misspelt name under `rules:` in `cairn.yaml` is a configuration error.)
    ///
    /// ## Example
    /// ```markdown
    /// <!-- cairn-ignore: no-folow-up -->
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- cairn-ignore: no-follow-up -->
    /// ```
    pub static UNKNOWN_RULE = ("unknown-rule", Warning);
}

/// Warns about every name in the document's `cairn-ignore` comments that is no rule.
pub fn check(document: &Document, out: &mut Vec<Diagnostic>) {
    for ignore in &document.body.ignores {
        if super::by_name(&ignore.name).is_none() {
            out.push(Diagnostic::new(
                &UNKNOWN_RULE,
                &document.path,
                ignore.position,
                Message::quoting(
                    format!(
                        "`{}` in this cairn-ignore comment is not a rule{}; 'cairn explain --list' lists them",
                        ignore.name,
                        suggest::hint(&ignore.name, super::ALL.iter().map(|r| r.name))
                    ),
                    // The suggestion is a rule's name, never the text written.
                    format!(
                        "this cairn-ignore comment names no rule{}; 'cairn explain --list' lists them",
                        suggest::hint(&ignore.name, super::ALL.iter().map(|r| r.name))
                    ),
                ),
            ));
        }
    }
}

/// The rules a document's `cairn-ignore` comments turn off, gathered once: a comment may
/// name hundreds of thousands of words, and every finding of the document asks whether its
/// rule is among them, so asking the words each time would cost their number for each
/// finding. At most one entry per rule of cairn.
#[derive(Debug)]
pub(crate) struct Ignored(Vec<&'static Rule>);

impl Ignored {
    /// The rules `document`'s comments name (names that are no rule turn nothing off).
    pub fn of(document: &Document) -> Ignored {
        let mut rules: Vec<&'static Rule> = Vec::new();
        for ignore in &document.body.ignores {
            if let Some(rule) = super::by_name(&ignore.name) {
                if !rules.iter().any(|r| r.name == rule.name) {
                    rules.push(rule);
                }
            }
        }
        Ignored(rules)
    }

    /// Whether `rule` is turned off.
    pub fn contains(&self, rule: &Rule) -> bool {
        self.0.iter().any(|r| r.name == rule.name)
    }
}

/// The findings with the severities `rules:` sets, without those of rules turned off.
pub(crate) fn apply_rules(config: &Config, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|mut diagnostic| {
            match config.rule_severity(diagnostic.rule.name) {
                Some(None) => return None,
                Some(Some(severity)) => diagnostic.severity = severity,
                None => {}
            }
            if diagnostic.at_most_warning {
                diagnostic.severity = Severity::Warning;
            }
            Some(diagnostic)
        })
        .collect()
}
