//! Saying "not this rule here" (SPEC 3): `rules:` in `cairn.yaml` sets a rule's severity
//! or turns it off everywhere; `<!-- cairn-ignore: rule-a, rule-b -->` turns rules off for
//! one document.

use crate::config::Config;
use crate::diagnostic::{declare_rule, Diagnostic, Message, Rule};
use crate::document::Document;
use crate::suggest;

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
    for ignore in &document.ignores {
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

/// Whether the document's `cairn-ignore` comments turn `rule` off.
pub fn ignored(document: &Document, rule: &Rule) -> bool {
    document.ignores.iter().any(|i| &*i.name == rule.name)
}

/// The findings with the severities `rules:` sets, without those of rules turned off.
pub fn apply_rules(config: &Config, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|mut diagnostic| {
            match config.rule_severity(diagnostic.rule.name) {
                Some(None) => return None,
                Some(Some(severity)) => diagnostic.severity = severity,
                None => {}
            }
            Some(diagnostic)
        })
        .collect()
}
