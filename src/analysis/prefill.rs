//! What `cairn new` knows before the first word is written (docs/guide.md): the engineer's
//! earlier conversations and latest reflection, the open commitments of both sides, the
//! active contract and its next checkpoint, the previous review, the proposed dates, and
//! for a contract each section's guidance from the guide. A pure computation over the
//! repository: the templates lay it out and compute nothing.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::config::{Capability, Config, Framework, Person};
use crate::domain::date::add_months;

use crate::analysis::status::{self, CommitmentStatus, PersonStatus};
use crate::domain::section_spec::{SectionSpec, CONTRACT_SECTIONS};
use crate::domain::title::normalize;
use crate::domain::vocabulary::{DocType, Owner};
use crate::model::repository::{relative_link, Repository};

/// Everything a document template is given.
#[derive(Debug, Serialize)]
pub struct Context {
    /// The document being made.
    pub doc: NewDocument,
    /// What the repository already knows about the engineer.
    pub history: History,
    /// For contracts: the proposed timeframe and the required sections with guidance.
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
    /// A handover's incoming manager.
    pub to: Option<PersonView>,
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
    /// The file's name without `.md`, to show as the link's text.
    pub label: String,
    /// The title of its conversation in the guide ("Where are you now?"), when it is one.
    pub title: Option<String>,
    /// Its root-relative path.
    #[serde(skip)]
    pub path: String,
    /// Its notes are written (a conversation whose notes are not counts for nothing).
    #[serde(skip)]
    pub written: bool,
    /// Its public notes, quoted, where the new document quotes them (a handover's
    /// *Where they are*); filled by the writer, which reads files.
    pub notes: Option<String>,
}

/// A commitment, linked.
#[derive(Debug, Serialize)]
pub struct CommitmentView {
    /// Whose.
    pub owner: Owner,
    /// Whose, by name: the manager who made it, the engineer, or "Unassigned".
    pub owner_name: String,
    /// What, for display (names for ids, no owner or date phrases).
    pub text: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Done already.
    pub done: bool,
    /// Open past its due date.
    pub overdue: bool,
    /// Where it was agreed, relative to the new document.
    pub link: String,
    /// That document's file name without `.md`.
    pub label: String,
    /// Its line in that document.
    pub line: usize,
    /// For a manager's promise, which manager made it (or took it over).
    pub manager: Option<String>,
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
    /// Every checkpoint (moved by days away), in order.
    pub checkpoints: Vec<NaiveDate>,
    /// When the next progress review is due: the next checkpoint, or, for a contract
    /// without checkpoints, `review_months` after the last review (or the start).
    pub review_due: Option<NaiveDate>,
    /// How often a contract without checkpoints is reviewed.
    pub review_months: u32,
    /// Its commitments, done or not.
    pub commitments: Vec<CommitmentView>,
}

/// The file's name without `.md`, to show as a link's text.
fn label(path: &str) -> String {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md")
        .to_owned()
}

/// The engineer's documents dated on or before `date`, oldest first, each linked from a
/// new document in `folder`.
fn dated_links(
    repository: &Repository,
    engineer: &str,
    date: NaiveDate,
    folder: &str,
) -> Vec<DocumentLink> {
    let mut dated: Vec<DocumentLink> = repository
        .documents
        .iter()
        .filter_map(|document| {
            let front = document.usable()?;
            let (doc_type, day) = (front.doc_type?, front.date?);
            (front.engineer.as_deref() == Some(engineer) && day <= date).then(|| DocumentLink {
                date: day,
                doc_type,
                link: relative_link(folder, &document.path),
                label: label(&document.path),
                title: None,
                path: document.path.clone(),
                written: document.notes_written() != Some(false),
                notes: None,
            })
        })
        .collect();
    dated.sort_by(|a, b| (a.date, &a.link).cmp(&(b.date, &b.link)));
    dated
}

/// The framework's words for the engineer at `level`: their next level, what every
/// capability looks like there (those the framework describes), and the capabilities the
/// active contract develops.
fn next_level(
    framework: &Framework,
    level: Option<&str>,
    developed: &[String],
) -> (Option<String>, Vec<CapabilityView>, Vec<CapabilityView>) {
    (
        framework.next_level(level).map(str::to_owned),
        capabilities(framework, level, None)
            .into_iter()
            .filter(|c| c.next_text.is_some())
            .collect(),
        capabilities(framework, level, Some(developed)),
    )
}

/// What the repository knows about the engineer, as of the new document's date.
#[derive(Debug, Default, Serialize)]
pub struct History {
    /// Earlier conversations, oldest first.
    pub conversations: Vec<DocumentLink>,
    /// Open commitments of both sides, by due date.
    pub open_commitments: Vec<CommitmentView>,
    /// How many of those are overdue and the promises of the engineer's manager on the
    /// document's date (not of a previous manager's).
    pub overdue_by_manager: usize,
    /// The active contract.
    pub contract: Option<ContractView>,
    /// The latest progress review of the active contract.
    pub previous_review: Option<DocumentLink>,
    /// The latest "where are you now?" conversation.
    pub latest_where_now: Option<DocumentLink>,
    /// The latest "where do you want to go?" conversation.
    pub latest_where_going: Option<DocumentLink>,
    /// The latest close-gap conversation.
    pub latest_close_gap: Option<DocumentLink>,
    /// The engineer's latest reflection.
    pub latest_reflection: Option<DocumentLink>,
    /// The engineer's level (`level` in the roster).
    pub level: Option<String>,
    /// The framework's level after it (its first level without one); `None` without a
    /// framework or at its top.
    pub next_level: Option<String>,
    /// Every capability of the framework with its text at `next_level`: the language a
    /// new contract's goal and a "where do you want to go?" are phrased in.
    pub next_level_expectations: Vec<CapabilityView>,
    /// The capabilities the active contract develops, each with its next-level text.
    pub capabilities: Vec<CapabilityView>,
    /// The next step of the guide's cycle, as `show` gives it.
    pub next_step: Option<status::NextStep>,
}

/// A capability of the framework, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its area, if the framework groups capabilities.
    pub area: Option<String>,
    /// The engineer's next level.
    pub next_level: Option<String>,
    /// What the capability looks like at that level, when the framework says.
    pub next_text: Option<String>,
}

/// The capabilities `ids` names (all of the framework's with `None`), each with its text
/// at the level after `level` (docs/frameworks.md). Ids the framework lacks are left out:
/// `unknown-capability` reports them.
pub fn capabilities(
    framework: &Framework,
    level: Option<&str>,
    ids: Option<&[String]>,
) -> Vec<CapabilityView> {
    let next = framework.next_level(level);
    let view = |capability: &Capability| CapabilityView {
        id: capability.id.clone(),
        name: capability.name.clone(),
        area: capability.area.clone(),
        next_level: next.map(str::to_owned),
        next_text: next.and_then(|next| {
            capability
                .levels
                .iter()
                .find(|(level, _)| level == next)
                .map(|(_, text)| text.clone())
        }),
    };
    match ids {
        None => framework.capabilities.iter().map(view).collect(),
        Some(ids) => ids
            .iter()
            .filter_map(|id| framework.capability(id))
            .map(view)
            .collect(),
    }
}

/// Whether nobody is working towards the engineer's next level on paper
/// (docs/frameworks.md): they have a `level` below the framework's top one, and their
/// active contract names no capability of the framework, or they have none (`named` is
/// `None`). Without a `level` nobody can say how far there is to go: never.
pub(crate) fn without_development(
    framework: &Framework,
    level: Option<&str>,
    named: Option<&[String]>,
) -> bool {
    let below_top = level.is_some_and(|level| !framework.is_top(level));
    below_top && named.is_none_or(|ids| !ids.iter().any(|id| framework.capability(id).is_some()))
}

/// A contract's proposed timeframe and sections.
#[derive(Debug, Serialize)]
pub struct ContractPlan {
    /// The date of the document.
    pub start: NaiveDate,
    /// A year later, less a day.
    pub end: NaiveDate,
    /// Every `review_months` from the start, before the end.
    pub checkpoints: Vec<NaiveDate>,
    /// The required sections, in order, each with the guide's guidance.
    pub sections: Vec<PlannedSection>,
}

/// A required section of a contract and what the guide says about it.
#[derive(Debug, Serialize)]
pub struct PlannedSection {
    /// The title as configured.
    pub title: String,
    /// Which of the guide's six parts it is (`development-goal`, `organisational-commitment`,
    /// `engineer-commitment`, `evidence-of-success`, `review-cadence`, `limitations`), by
    /// its title or aliases, configured ones included.
    pub part: Option<String>,
    /// The guide's guidance for it from `prompts.yaml` (`guidance`, `bad`, `good`,
    /// `example`), when the guide describes it.
    pub guide: Option<serde_json::Value>,
}

/// The proposed follow-up of a conversation: a month later for the annual ones,
/// `review_months` later for the others; a progress review proposes the contract's first
/// checkpoint it does not itself meet (a review meets the checkpoints up to
/// `due_soon_days` after it), when there is one.
pub fn follow_up(
    doc_type: DocType,
    date: NaiveDate,
    config: &Config,
    history: &History,
) -> Option<NaiveDate> {
    match doc_type {
        DocType::WhereNow | DocType::WhereGoing => Some(add_months(date, 1)),
        DocType::ProgressReview => {
            let met_until = crate::domain::date::add_days(date, config.cadence.due_soon_days);
            let next = history
                .contract
                .as_ref()
                .and_then(|c| c.checkpoints.iter().copied().find(|c| *c > met_until));
            Some(next.unwrap_or_else(|| add_months(date, config.cadence.review_months)))
        }
        DocType::CloseGap | DocType::AsNeeded => {
            Some(add_months(date, config.cadence.review_months))
        }
        // The monthly check-in is its own follow-up: the cadence asks for the next one.
        DocType::CheckIn
        | DocType::Contract
        | DocType::Prep
        | DocType::Reflection
        | DocType::Handover => None,
    }
}

/// A contract starting on `date`: a year less a day, a checkpoint every `review_months`,
/// and the required sections with the guide's guidance.
pub(crate) fn contract_plan(
    date: NaiveDate,
    config: &Config,
    prompts: &serde_json::Value,
) -> ContractPlan {
    let end = add_months(date, 12)
        .checked_sub_days(Days::new(1))
        .unwrap_or(date);
    let months = config.cadence.review_months.max(1);
    let checkpoints = (1..)
        .map(|n| add_months(date, n * months))
        .take_while(|checkpoint| *checkpoint < end)
        .collect();
    let guides = prompts["contract"]["sections"].as_array();
    let sections = config
        .required_sections(DocType::Contract)
        .iter()
        .map(|spec| PlannedSection {
            title: spec.title.clone(),
            part: part(spec),
            guide: guides
                .and_then(|guides| {
                    guides.iter().find(|g| {
                        g["title"].as_str().is_some_and(|t| {
                            spec.matches(&normalize(t)) || part(spec).is_some_and(|p| p == slug(t))
                        })
                    })
                })
                .cloned(),
        })
        .collect();
    ContractPlan {
        start: date,
        end,
        checkpoints,
        sections,
    }
}

/// Which of the guide's six parts a configured section is.
fn part(spec: &SectionSpec) -> Option<String> {
    CONTRACT_SECTIONS
        .iter()
        .find(|(title, aliases)| {
            std::iter::once(*title)
                .chain(aliases.iter().copied())
                .any(|name| spec.matches(&normalize(name)))
        })
        .map(|(title, _)| slug(title))
}

fn slug(title: &str) -> String {
    normalize(title)
        .replace("ization", "isation")
        .replace(' ', "-")
}

/// The engineer's history as of `date`, with links relative to `folder` (the new
/// document's folder, relative to the root).
pub fn history(repository: &Repository, engineer: &str, date: NaiveDate, folder: &str) -> History {
    let config = &repository.config;
    // A prep shows no flags: the check's findings are not needed.
    let Some(person) = status::person(repository, engineer, date, &HashSet::new()) else {
        return History::default();
    };
    let dated = dated_links(repository, engineer, date, folder);
    // The latest of a type whose notes are written: one that is not counts for nothing.
    let latest = |wanted: DocType| {
        dated
            .iter()
            .rev()
            .find(|d| d.doc_type == wanted && d.written)
            .cloned()
    };
    let view = |c: &CommitmentStatus| commitment_view(c, &person.name, config, folder);
    let open_commitments: Vec<CommitmentView> = person
        .commitments
        .iter()
        .filter(|c| c.is_open())
        .map(view)
        .collect();
    let contract = contract_view(repository, &person, folder, view);
    let previous_review = previous_review(contract.as_ref(), &dated);
    let level = config.person(engineer).and_then(|p| p.level.clone());
    let (next_level, next_level_expectations, capabilities) =
        framework_words(repository, &person, level.as_deref());
    History {
        next_level,
        next_level_expectations,
        capabilities,
        level,
        conversations: dated
            .iter()
            .filter(|d| d.doc_type.is_conversation())
            .cloned()
            .collect(),
        // After a reorg, a previous manager's overdue promises stay hers: not "yours".
        overdue_by_manager: person
            .commitments
            .iter()
            .filter(|c| {
                c.is_open() && c.owner == Owner::Manager && c.overdue && c.manager == person.manager
            })
            .count(),
        open_commitments,
        previous_review,
        latest_where_now: latest(DocType::WhereNow),
        latest_where_going: latest(DocType::WhereGoing),
        latest_close_gap: latest(DocType::CloseGap),
        latest_reflection: latest(DocType::Reflection),
        next_step: Some(status::next_step(&person)),
        contract,
    }
}

/// A commitment of the engineer's (named `engineer`) as the new document shows it: its
/// owner by name, its text with roster names, linked from `folder`.
fn commitment_view(
    c: &CommitmentStatus,
    engineer: &str,
    config: &Config,
    folder: &str,
) -> CommitmentView {
    CommitmentView {
        owner: c.owner,
        owner_name: match (c.owner, c.manager.as_deref()) {
            (Owner::Manager, Some(manager)) => config.name_of(manager),
            (Owner::Engineer, _) => engineer.to_owned(),
            (Owner::Manager, None) => "Manager".to_owned(),
            (Owner::Unassigned, _) => "Unassigned".to_owned(),
        },
        text: config.with_names(&c.text),
        due: c.due,
        done: c.done,
        overdue: c.overdue,
        link: relative_link(folder, &c.path),
        label: label(&c.path),
        line: c.line,
        manager: c.manager.clone(),
    }
}

/// The engineer's active contract, if any, linked from `folder`, with its checkpoints,
/// the review's due date and the commitments written in it (through `view`).
fn contract_view(
    repository: &Repository,
    person: &PersonStatus,
    folder: &str,
    view: impl Fn(&CommitmentStatus) -> CommitmentView,
) -> Option<ContractView> {
    let contract = person.contract.as_ref()?;
    Some(ContractView {
        link: relative_link(folder, &contract.path),
        goal: contract.goal.clone(),
        start: contract.start,
        end: contract.end,
        next_checkpoint: contract.next_checkpoint,
        checkpoints: contract.checkpoints.iter().map(|c| c.date).collect(),
        review_due: person.review.and_then(|review| review.due),
        review_months: repository.config.cadence.review_months,
        commitments: person
            .commitments
            .iter()
            .filter(|c| *c.path == *contract.path)
            .map(view)
            .collect(),
    })
}

/// The latest progress review since the active contract started, if any.
fn previous_review(
    contract: Option<&ContractView>,
    dated: &[DocumentLink],
) -> Option<DocumentLink> {
    let start = contract?.start?;
    dated
        .iter()
        .rev()
        .find(|d| d.doc_type == DocType::ProgressReview && d.date >= start)
        .cloned()
}

/// The framework's words for the engineer at `level` (see `next_level`), with the
/// capabilities their active contract's front matter names; nothing without a framework.
fn framework_words(
    repository: &Repository,
    person: &PersonStatus,
    level: Option<&str>,
) -> (Option<String>, Vec<CapabilityView>, Vec<CapabilityView>) {
    let developed: &[String] = person
        .contract
        .as_ref()
        .and_then(|c| repository.document(&c.path))
        .and_then(|d| d.front.as_ref())
        .map_or(&[], |front| front.capabilities.as_slice());
    match repository.config.framework.as_ref() {
        Some(framework) => next_level(framework, level, developed),
        None => Default::default(),
    }
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
        let prompts = serde_json::json!({"contract": {"sections": [{"title": "Development goal", "guidance": "One sentence."}]}});
        let plan = contract_plan(date("2026-03-01"), &config, &prompts);
        assert_eq!(
            (plan.start, plan.end),
            (date("2026-03-01"), date("2027-02-28"))
        );
        assert_eq!(
            plan.checkpoints,
            [date("2026-06-01"), date("2026-09-01"), date("2026-12-01")]
        );
        assert_eq!(plan.sections.len(), 6);
        assert_eq!(plan.sections[0].part.as_deref(), Some("development-goal"));
        assert_eq!(
            plan.sections[0].guide.as_ref().unwrap()["guidance"],
            "One sentence."
        );
        assert_eq!(
            plan.sections[1].part.as_deref(),
            Some("organisational-commitment")
        );
        assert!(plan.sections[1].guide.is_none());
        let history = History::default();
        let follow = |t| follow_up(t, date("2026-01-31"), &config, &history);
        assert_eq!(follow(DocType::WhereNow), Some(date("2026-02-28")));
        assert_eq!(follow(DocType::ProgressReview), Some(date("2026-04-30")));
        assert_eq!(follow(DocType::Prep), None);
        let with_contract = History {
            contract: Some(ContractView {
                link: String::new(),
                goal: None,
                start: None,
                end: None,
                next_checkpoint: Some(date("2026-03-01")),
                checkpoints: vec![date("2026-03-01"), date("2026-06-01")],
                review_due: Some(date("2026-03-01")),
                review_months: 3,
                commitments: Vec::new(),
            }),
            ..History::default()
        };
        let review = |day| follow_up(DocType::ProgressReview, date(day), &config, &with_contract);
        // A review meets the checkpoints up to `due_soon_days` (30) after it: it proposes
        // the first it does not meet (the day before, on and after the window's end).
        assert_eq!(review("2026-01-29"), Some(date("2026-03-01")));
        assert_eq!(review("2026-01-30"), Some(date("2026-06-01")));
        assert_eq!(review("2026-01-31"), Some(date("2026-06-01")));
        // After the last checkpoint, `review_months` later.
        assert_eq!(review("2026-06-02"), Some(date("2026-09-02")));
    }

    #[test]
    fn configured_sections_find_their_part_by_alias() {
        let config = Config::parse(
            "people:\n  - id: a\n    name: A\ntypes:\n  contract:\n    sections:\n      - title: What I will do\n        aliases: [Manager commitment]\n      - title: Risks\n",
            &[],
        )
        .unwrap();
        let plan = contract_plan(date("2026-03-01"), &config, &serde_json::Value::Null);
        let parts: Vec<Option<&str>> = plan.sections.iter().map(|s| s.part.as_deref()).collect();
        assert_eq!(parts, [Some("organisational-commitment"), None]);
    }
}
