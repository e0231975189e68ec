//! How long notes about a leaver are kept (docs/sharing.md): with
//! `retention.years_after_leaving: N`, every document about a person whose `left` + N
//! years is before the date given is due for deletion. A pure judgement: it deletes
//! nothing.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::date::add_months;
use crate::model::repository::Repository;

/// A document kept past its retention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    /// Root-relative path.
    pub path: String,
    /// Whom it is about.
    pub engineer: String,
    /// Their last day on the team.
    pub left: NaiveDate,
    /// The day it fell due for deletion: `left` plus the years kept.
    pub due: NaiveDate,
}

/// Every document kept past its retention on `as_of`, by path; none without a
/// `retention` in `cairn.yaml`. A document is about its `engineer` (or, when its front
/// matter cannot be read, the engineer a lenient reading finds): a broken file is personal
/// data too.
pub fn overdue(repository: &Repository, as_of: NaiveDate) -> Vec<Overdue> {
    let config = &repository.config;
    let Some(years) = config.retention else {
        return Vec::new();
    };
    let mut found: Vec<Overdue> = repository
        .documents
        .iter()
        .filter_map(|document| {
            let engineer = document
                .front
                .as_ref()
                .and_then(|f| f.engineer.clone())
                .or_else(|| document.engineer_named.clone())?;
            let left = config.person(&engineer)?.left?;
            let due = add_months(left, years.saturating_mul(12));
            (due < as_of).then(|| Overdue {
                path: document.path.clone(),
                engineer,
                left,
                due,
            })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::document::Document;

    fn day(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    #[test]
    fn due_the_day_after_the_anniversary_of_leaving() {
        let config = Config::parse(
            "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n    left: 2026-10-31\nretention:\n  years_after_leaving: 2\n",
            &[],
        )
        .unwrap();
        let text = b"---\ntype: where-now\nengineer: al\nmanager: sam\ndate: 2026-03-01\n---\n";
        let document = Document::parse("people/al/a.md".into(), text, &config);
        let repository = Repository::new(
            std::path::PathBuf::from("."),
            config,
            vec![document],
            Vec::new(),
        );
        assert!(overdue(&repository, day("2028-10-31")).is_empty());
        let found = overdue(&repository, day("2028-11-01"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].due, day("2028-10-31"));
    }
}
