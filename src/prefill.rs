//! What `cairn new` knows before the first word is written (SPEC 3.1): the engineer's
//! earlier conversations, the open commitments of both sides, the active contract and its
//! next checkpoint, the previous review, and the proposed dates. A pure computation over
//! the repository; the templates decide how it reads.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::config::{Config, Person};
use crate::date::add_months;
use crate::repository::Repository;
use crate::status::{self, Filter};
use crate::vocabulary::DocType;
use crate::vocabulary::Owner;

/// Everything a document template is given.
#[derive(Debug, Serialize)]
pub struct Context {
    /// The document being made.
    pub doc: NewDocument,
    /// What the repository already knows about the engineer.
    pub history: History,
    /// For contracts: the proposed timeframe and the required sections.
    pub contract: Option<ContractPlan>,
    /// The prompt lists of the guide (`prompts.yaml`).
    pub prompts: serde_json::Value,
}

/// The document being made.
#[derive(Debug, Serialize)]
pub struct NewDocument {
    /// Its type.
    #[serde(rename = "type")]
    pub doc_type: DocType,
    /// Its date.
    pub date: NaiveDate,
    /// The proposed check-in, for conversations.
    pub follow_up: Option<NaiveDate>,
    /// Whom it is about.
    pub engineer: PersonView,
    /// Who holds the conversation.
    pub manager: PersonView,
}

/// A person as templates see them.
#[derive(Debug, Serialize)]
pub struct PersonView {
    /// Roster id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role, if given.
    pub role: Option<String>,
    /// Joined the team.
    pub since: Option<NaiveDate>,
}

impl From<&Person> for PersonView {
    fn from(person: &Person) -> PersonView {
        PersonView {
            id: person.id.clone(),
            name: person.name.clone(),
            role: person.role.clone(),
            since: person.since,
        }
    }
}

/// A dated document, linked from the new one.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentLink {
    /// Its date.
    pub date: NaiveDate,
    /// Its type.
    #[serde(rename = "type")]
    pub doc_type: DocType,
    /// A relative path from the new document's folder.
    pub link: String,
}

/// An open commitment, linked.
#[derive(Debug, Serialize)]
pub struct CommitmentView {
    /// Whose.
    pub owner: Owner,
    /// What.
    pub text: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Done already.
    pub done: bool,
    /// Open past its due date.
    pub overdue: bool,
    /// Where it was agreed.
    pub link: String,
}

/// The active contract.
#[derive(Debug, Serialize)]
pub struct ContractView {
    /// A relative path from the new document's folder.
    pub link: String,
    /// The Development goal.
    pub goal: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day.
    pub end: Option<NaiveDate>,
    /// The next checkpoint on or after the date.
    pub next_checkpoint: Option<NaiveDate>,
    /// Its commitments, done or not.
    pub commitments: Vec<CommitmentView>,
}

/// What the repository knows about the engineer, as of the new document's date.
#[derive(Debug, Default, Serialize)]
pub struct History {
    /// Earlier conversations, oldest first.
    pub conversations: Vec<DocumentLink>,
    /// Open commitments of both sides, by due date.
    pub open_commitments: Vec<CommitmentView>,
    /// The active contract.
    pub contract: Option<ContractView>,
    /// The latest progress review of the active contract.
    pub previous_review: Option<DocumentLink>,
    /// The latest "where are you now?" conversation.
    pub latest_where_now: Option<DocumentLink>,
    /// The latest "where do you want to go?" conversation.
    pub latest_where_going: Option<DocumentLink>,
}

/// A contract's proposed timeframe.
#[derive(Debug, Serialize)]
pub struct ContractPlan {
    /// The date of the document.
    pub start: NaiveDate,
    /// A year later, less a day.
    pub end: NaiveDate,
    /// Every `review_months` from the start, before the end.
    pub checkpoints: Vec<NaiveDate>,
    /// The required sections' titles, in order.
    pub sections: Vec<String>,
}

/// The proposed follow-up of a conversation: `review_months` later for `as-needed`,
/// `close-gap` and `progress-review`, a month later for the annual ones.
pub fn follow_up(doc_type: DocType, date: NaiveDate, config: &Config) -> Option<NaiveDate> {
    match doc_type {
        DocType::WhereNow | DocType::WhereGoing => Some(add_months(date, 1)),
        DocType::CloseGap | DocType::ProgressReview | DocType::AsNeeded => {
            Some(add_months(date, config.cadence.review_months))
        }
        DocType::Contract | DocType::Prep | DocType::Reflection => None,
    }
}

/// A contract starting on `date`: a year less a day, a checkpoint every `review_months`.
pub fn contract_plan(date: NaiveDate, config: &Config) -> ContractPlan {
    let end = add_months(date, 12)
        .checked_sub_days(Days::new(1))
        .unwrap_or(date);
    let months = config.cadence.review_months.max(1);
    let checkpoints = (1..)
        .map(|n| add_months(date, n * months))
        .take_while(|checkpoint| *checkpoint < end)
        .collect();
    ContractPlan {
        start: date,
        end,
        checkpoints,
        sections: config
            .required_sections(DocType::Contract)
            .iter()
            .map(|s| s.title.clone())
            .collect(),
    }
}

/// The engineer's history as of `date`, with links relative to `folder` (the new
/// document's folder, relative to the root).
pub fn history(repository: &Repository, engineer: &str, date: NaiveDate, folder: &str) -> History {
    let filter = Filter {
        engineer: Some(engineer.to_owned()),
        manager: None,
    };
    let status = status::compute(repository, &HashSet::new(), date, &filter);
    let Some(person) = status.people.first() else {
        return History::default();
    };
    let link = |path: &str| relative_link(folder, path);

    let mut dated: Vec<DocumentLink> = repository
        .documents
        .iter()
        .filter_map(|document| {
            let front = document.front.as_ref()?;
            let (Some(doc_type), Some(day)) = (front.doc_type, front.date) else {
                return None;
            };
            (front.engineer.as_deref() == Some(engineer) && day <= date).then(|| DocumentLink {
                date: day,
                doc_type,
                link: link(&document.path),
            })
        })
        .collect();
    dated.sort_by(|a, b| (a.date, &a.link).cmp(&(b.date, &b.link)));
    let latest = |wanted: DocType| dated.iter().rev().find(|d| d.doc_type == wanted).cloned();

    let view = |c: &status::CommitmentStatus| CommitmentView {
        owner: c.owner,
        text: c.text.clone(),
        due: c.due,
        done: c.done,
        overdue: c.overdue,
        link: link(&c.path),
    };
    let mut open_commitments: Vec<CommitmentView> = person
        .commitments
        .iter()
        .filter(|c| !c.done)
        .map(view)
        .collect();
    open_commitments.sort_by_key(|c| (c.due.is_none(), c.due));

    let contract = person.contract.as_ref().map(|contract| ContractView {
        link: link(&contract.path),
        goal: contract.goal.clone(),
        start: contract.start,
        end: contract.end,
        next_checkpoint: contract.next_checkpoint,
        commitments: person
            .commitments
            .iter()
            .filter(|c| c.path == contract.path)
            .map(view)
            .collect(),
    });
    let previous_review = contract.as_ref().and_then(|c| {
        let start = c.start?;
        dated
            .iter()
            .rev()
            .find(|d| d.doc_type == DocType::ProgressReview && d.date >= start)
            .cloned()
    });

    History {
        conversations: dated
            .iter()
            .filter(|d| d.doc_type.is_conversation())
            .cloned()
            .collect(),
        open_commitments,
        previous_review,
        latest_where_now: latest(DocType::WhereNow),
        latest_where_going: latest(DocType::WhereGoing),
        contract,
    }
}

/// The path to `target` (root-relative) from `folder` (root-relative), with `/`.
pub fn relative_link(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn links_are_relative_to_the_new_document() {
        assert_eq!(
            relative_link("people/al", "people/al/2026-01-01-prep.md"),
            "2026-01-01-prep.md"
        );
        assert_eq!(relative_link("people/al", "people/bo/x.md"), "../bo/x.md");
        assert_eq!(relative_link("", "people/al/x.md"), "people/al/x.md");
        assert_eq!(relative_link("a/b", "c.md"), "../../c.md");
    }

    #[test]
    fn proposed_dates_follow_the_cadence() {
        let config = Config::parse("people:\n  - id: a\n    name: A\n", &[]).unwrap();
        let plan = contract_plan(date("2026-03-01"), &config);
        assert_eq!(
            (plan.start, plan.end),
            (date("2026-03-01"), date("2027-02-28"))
        );
        assert_eq!(
            plan.checkpoints,
            [date("2026-06-01"), date("2026-09-01"), date("2026-12-01")]
        );
        assert_eq!(plan.sections.len(), 6);
        assert_eq!(
            follow_up(DocType::WhereNow, date("2026-01-31"), &config),
            Some(date("2026-02-28"))
        );
        assert_eq!(
            follow_up(DocType::ProgressReview, date("2026-01-31"), &config),
            Some(date("2026-04-30"))
        );
        assert_eq!(follow_up(DocType::Prep, date("2026-01-31"), &config), None);
    }
}
