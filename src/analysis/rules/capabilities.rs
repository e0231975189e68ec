//! The rule about a contract's capabilities: each names a capability of the framework.

use super::Context;
use crate::domain::diagnostic::{declare_rule, Diagnostic, Message};
use crate::model::document::{Document, FrontMatter};
use crate::text::suggest;

declare_rule! {
    /// ## What it does
    /// Reports an entry of a contract's `capabilities` that is not the id of a capability
    /// in the capability framework `cairn.yaml` names with `framework:` (with a "did you
    /// mean"). Without a framework, `capabilities` is free text and nothing is checked.
    ///
    /// ## Why is this bad?
    /// The guide: "Capability frameworks provide the language for honest assessment …
    /// Without the framework, the conversation is vague." A misspelt id links the goal to
    /// nothing: the contract quotes no next-level text, the report's *Development by
    /// capability* leaves the engineer out, and the engineer looks as if nobody is working
    /// towards their next level on paper.
    ///
    /// ## Example
    /// ```yaml
    /// type: contract
    /// capabilities: [technical-leadrship]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// type: contract
    /// capabilities: [technical-leadership]
    /// ```
    pub static UNKNOWN_CAPABILITY = ("unknown-capability", Error);
}

/// Checks each of a contract's `capabilities` against the framework.
pub fn check(
    document: &Document,
    front: &FrontMatter,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let Some(framework) = &context.config.framework else {
        return;
    };
    let ids = || framework.capabilities.iter().map(|c| c.id.as_str());
    for (n, id) in front.capabilities.iter().enumerate() {
        if framework.capability(id).is_some() {
            continue;
        }
        let hint = suggest::hint(id, ids());
        out.push(Diagnostic::new(
            &UNKNOWN_CAPABILITY,
            &document.path,
            front.capability_position(n),
            Message::quoting(
                format!("`{id}` is not a capability of the framework{hint}: use the `id` of one of its capabilities"),
                "this capability is not in the framework: use an `id` of its `capabilities`",
            ),
        ));
    }
}
