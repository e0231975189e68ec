//! Rules about commitments: task items with an owner and a due date (docs/format.md).

use super::Context;
use crate::domain::diagnostic::{declare_rule, Diagnostic, Message, Position};
use crate::domain::vocabulary::{ContractStatus, DocType, Owner, SectionRole};
use crate::model::document::{Commitment, Document, FrontMatter};

declare_rule! {
    /// ## What it does
    /// Reports an `active` or `draft` contract with no commitment owned by the manager: no
    /// task item under "Organisational commitment" and none marked `@manager` elsewhere.
    /// When that section is required but missing or empty, `missing-section` or
    /// `empty-section` already says so and this rule stays quiet.
    ///
    /// A `draft` contract is work in progress: this finding is a warning until it becomes
    /// `active` (`--strict` still fails on it). An `abandoned` contract gets none.
    ///
    /// ## Why is this bad?
    /// "The contract is bilateral - it is not just a set of expectations for the
    /// engineer." The manager commits to "a specific stretch assignment, access to a
    /// particular stakeholder, introductions". Written as task items with due dates they
    /// reach the report, because "the manager should also track their own commitments".
    ///
    /// ## Example
    /// ```markdown
    /// ## Organisational commitment
    /// I will support Alice where I can.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Organisational commitment
    /// - [ ] Introduce Alice to the platform team's tech lead (due 2026-03-31)
    /// - [ ] Make Alice the lead of the auth refactor from Q2 (due 2026-04-01)
    /// ```
    pub static NO_MANAGER_COMMITMENT = ("no-manager-commitment", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports an `active` or `draft` contract with no commitment owned by the engineer: no
    /// task item under "Engineer commitment" and none marked `@engineer` elsewhere. When
    /// that section is required but missing or empty, `missing-section` or `empty-section`
    /// already says so and this rule stays quiet.
    ///
    /// A `draft` contract is work in progress: this finding is a warning until it becomes
    /// `active` (`--strict` still fails on it). An `abandoned` contract gets none.
    ///
    /// ## Why is this bad?
    /// The engineer's side is "the specific actions, the stretch they are taking on, the
    /// feedback they will seek" - "not 'try harder'". Without it, growth depends on the
    /// manager alone, and the guide is plain that it "depends on how you engage with it".
    ///
    /// ## Example
    /// ```markdown
    /// ## Engineer commitment
    /// Try harder on design work.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Engineer commitment
    /// - [ ] Produce the auth refactor design document (due 2026-03-31)
    /// - [ ] Facilitate a design review with both teams (due 2026-04-30)
    /// ```
    pub static NO_ENGINEER_COMMITMENT = ("no-engineer-commitment", Error);
}

declare_rule! {
    /// ## What it does
    /// Warns about an open commitment (`- [ ]`) without a due date: `due 2026-03-31`,
    /// `due: 2026-03-31` or `(due 2026-03-31)` anywhere in the item.
    ///
    /// ## Why is this bad?
    /// "Six months later, the engineer is still waiting for the stretch assignment that was
    /// discussed." A commitment without a date is never late, so the report can never say
    /// it is; the guide's own example has one: "by end of Q1".
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] @manager introduce Alice to the platform team's tech lead
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - [ ] @manager introduce Alice to the platform team's tech lead (due 2026-03-31)
    /// ```
    pub static COMMITMENT_WITHOUT_DUE_DATE = ("commitment-without-due-date", Warning);
}

declare_rule! {
    /// ## What it does
    /// Warns about an open commitment outside a contract's commitment sections whose owner
    /// is neither the manager nor the engineer: it names nobody, or its first mention is
    /// someone else (the first `@manager`, `@engineer` or `@person-id` in the item decides).
    ///
    /// ## Why is this bad?
    /// "Here's what I'm hearing from you. I'm going to write up a summary [...] and share
    /// it with you by end of week." Every agreement has someone who does it. An item with
    /// no owner is one both sides believe the other will do, and the report cannot tell
    /// whether the manager is keeping their side.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Share the written summary (due 2026-03-13)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - [ ] @manager share the written summary (due 2026-03-13)
    /// ```
    pub static COMMITMENT_WITHOUT_OWNER = ("commitment-without-owner", Warning);
}

/// Checks the document's commitments, and that an agreed contract has both sides.
pub fn check(
    document: &Document,
    front: &FrontMatter,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    // A withdrawn item is settled by agreement: it owes neither a date nor an owner.
    for commitment in document
        .body
        .commitments
        .iter()
        .filter(|c| !c.done && !c.withdrawn)
    {
        // A due date written but impossible (`due 2026-09-31`) is `invalid-field` at the
        // date; once is enough.
        if !commitment.due_written {
            out.push(Diagnostic::new(
                &COMMITMENT_WITHOUT_DUE_DATE,
                &document.path,
                commitment.position,
                "open commitment has no due date: add `due YYYY-MM-DD` with a real calendar date",
            ));
        }
        if commitment.owner == Owner::Unassigned {
            out.extend(unowned(document, commitment, context));
        }
    }

    let agreed = matches!(
        front.status,
        Some(ContractStatus::Active | ContractStatus::Draft)
    );
    if front.doc_type != Some(DocType::Contract) || !agreed {
        return;
    }
    one_sided(document, front, context, out);
}

/// The `commitment-without-owner` finding of an open commitment that nobody owns, unless
/// its first mention is an id nobody has: `unknown-person` reports that, and once is
/// enough.
fn unowned(document: &Document, commitment: &Commitment, context: &Context) -> Option<Diagnostic> {
    let message: Message = match commitment.first_mention.as_deref() {
        Some(first) if context.config.person(first).is_none() => return None,
        Some(first) => Message::quoting(
            format!(
                "open commitment's first mention is `@{first}`, who is neither this document's manager nor its engineer; start it with `@manager` or `@engineer` so the report can follow it up",
            ),
            "open commitment's first mention is neither this document's manager nor its engineer; start it with `@manager` or `@engineer` so the report can follow it up",
        ),
        None => "open commitment has no owner: start it with `@manager`, `@engineer` or a person id".into(),
    };
    Some(Diagnostic::new(
        &COMMITMENT_WITHOUT_OWNER,
        &document.path,
        commitment.position,
        message,
    ))
}

/// The `no-manager-commitment` and `no-engineer-commitment` findings of an agreed
/// contract in which one side commits to nothing.
fn one_sided(
    document: &Document,
    front: &FrontMatter,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let sides = [
        (
            Owner::Manager,
            SectionRole::ManagerCommitment,
            &NO_MANAGER_COMMITMENT,
            "the manager",
            "@manager",
        ),
        (
            Owner::Engineer,
            SectionRole::EngineerCommitment,
            &NO_ENGINEER_COMMITMENT,
            "the engineer",
            "@engineer",
        ),
    ];
    for (owner, role, rule, who, mention) in sides {
        if document.body.commitments.iter().any(|c| c.owner == owner) {
            continue;
        }
        let section = document.body.sections.iter().find(|s| s.role == Some(role));
        let required = context.config.requires_role(DocType::Contract, role);
        // A missing or empty required section is already reported by the section rules.
        if required && section.is_none_or(|s| s.content.is_empty()) {
            continue;
        }
        let position = section.map_or(Position::START, |s| s.position);
        out.push(Diagnostic::new(
            rule,
            &document.path,
            position,
            Message::quoting(
                format!(
                    "an agreed contract ({}) needs a commitment by {who}: write it as a task item `- [ ] … (due YYYY-MM-DD)` in its section, or mark one `{mention}`",
                    front.status.map_or("", ContractStatus::name)
                ),
                format!(
                    "an agreed contract needs a commitment by {who}: write it as a task item `- [ ] … (due YYYY-MM-DD)` in its section, or mark one `{mention}`",
                ),
            ),
        ));
    }
}
