//! Rules that span the contracts of one engineer.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::diagnostic::{declare_rule, Diagnostic, Message, Position};
use crate::domain::vocabulary::{ContractStatus, DocType, Field};
use crate::model::document::FrontMatter;

declare_rule! {
    /// ## What it does
    /// Reports more than one `active` contract for the same engineer, on each of them. For
    /// `report`, `calendar` and `show`, a contract dated after the day they are asked about
    /// (`--as-of`) does not exist yet: a contract renewed in advance makes no error of the
    /// running one before its date.
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

/// An active contract, as the rule sees it.
pub(crate) struct Active<'a> {
    /// Its root-relative path.
    pub path: &'a str,
    /// Its engineer.
    pub engineer: &'a str,
    /// Where its `status` is written.
    pub position: Position,
    /// Its `date`.
    pub date: Option<NaiveDate>,
}

impl<'a> Active<'a> {
    /// The document at `path` with this front matter, if it is an active contract with an
    /// engineer.
    pub fn of(path: &'a str, front: Option<&'a FrontMatter>) -> Option<Active<'a>> {
        let front = front?;
        match (front.doc_type, front.status, &front.engineer) {
            (Some(DocType::Contract), Some(ContractStatus::Active), Some(engineer)) => {
                Some(Active {
                    path,
                    engineer,
                    position: front.position(Field::Status),
                    date: front.date,
                })
            }
            _ => None,
        }
    }
}

/// Reports every active contract of an engineer who has more than one.
pub fn check<'a>(contracts: impl Iterator<Item = Active<'a>>, out: &mut Vec<Diagnostic>) {
    let mut active: BTreeMap<&str, Vec<Active>> = BTreeMap::new();
    for contract in contracts {
        active.entry(contract.engineer).or_default().push(contract);
    }
    for (engineer, contracts) in active.into_iter().filter(|(_, c)| c.len() > 1) {
        for contract in &contracts {
            let others: Vec<&str> = contracts
                .iter()
                .filter(|other| other.path != contract.path)
                .map(|other| other.path)
                .collect();
            out.push(Diagnostic::new(
                &MULTIPLE_ACTIVE_CONTRACTS,
                contract.path,
                contract.position,
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
