//! Rules that span the contracts of one engineer.

use std::collections::BTreeMap;

use crate::domain::diagnostic::{declare_rule, Diagnostic, Message};
use crate::domain::vocabulary::{ContractStatus, DocType, Field};
use crate::model::repository::Repository;

declare_rule! {
    /// ## What it does
    /// Reports more than one `active` contract for the same engineer, on each of them.
    ///
    /// ## Why is this bad?
    /// A development contract is the one agreement about "what will happen, who will do
    /// what, and what success looks like". Two active ones split the engineer's attention
    /// and leave the report unable to say which checkpoint is next. When a contract is
    /// renewed, mark the old one `superseded` and point the new one's `supersedes` at it.
    ///
    /// ## Example
    /// Two contracts of `alice-nguyen`, both with `status: active`.
    ///
    /// Use instead:
    /// ```yaml
    /// status: superseded   # the older contract
    /// ```
    pub static MULTIPLE_ACTIVE_CONTRACTS = ("multiple-active-contracts", Error);
}

/// Reports every active contract of an engineer who has more than one.
pub fn check(repository: &Repository, out: &mut Vec<Diagnostic>) {
    let mut active: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for document in &repository.documents {
        let Some(front) = &document.front else {
            continue;
        };
        if let (Some(DocType::Contract), Some(ContractStatus::Active), Some(engineer)) =
            (front.doc_type, front.status, &front.engineer)
        {
            active.entry(engineer).or_default().push((document, front));
        }
    }
    for (engineer, contracts) in active.into_iter().filter(|(_, c)| c.len() > 1) {
        for (document, front) in &contracts {
            let others: Vec<&str> = contracts
                .iter()
                .filter(|(other, _)| other.path != document.path)
                .map(|(other, _)| other.path.as_str())
                .collect();
            out.push(Diagnostic::new(
                &MULTIPLE_ACTIVE_CONTRACTS,
                &document.path,
                front.position(Field::Status),
                Message::quoting(
                    format!(
                        "{engineer} has {} active contracts (also {}): keep one active and mark the others `superseded` or `completed`",
                        contracts.len(),
                        others.join(", ")
                    ),
                    format!(
                        "the engineer has {} active contracts: keep one active and mark the others `superseded` or `completed`",
                        contracts.len(),
                    ),
                ),
            ));
        }
    }
}
