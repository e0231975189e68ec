//! The status rules at their boundaries: the day before, on and after each due date.

use super::*;
use crate::config::Config;
use crate::document::Document;
use std::path::PathBuf;

const ROSTER: &str =
    "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn conversation(kind: &str, day: &str, extra: &str) -> String {
    format!("---\ntype: {kind}\nengineer: al\nmanager: sam\ndate: {day}\nfollow_up: 2099-01-01\nsummary_shared: {day}\n{extra}---\n")
}

fn contract(start: &str, end: &str, checkpoints: &str, body: &str) -> String {
    format!(
        "---\ntype: contract\nengineer: al\nmanager: sam\ndate: {start}\nstatus: active\nstart: {start}\nend: {end}\ncheckpoints: [{checkpoints}]\n---\n## Development goal\nBuild the capability to lead cross-team initiatives independently and well.\n{body}"
    )
}

fn status_of(documents: &[(&str, String)], as_of: &str) -> PersonStatus {
    let config = Config::parse(ROSTER, &[]).unwrap();
    let documents = documents
        .iter()
        .map(|(path, text)| Document::parse((*path).to_owned(), text.as_bytes(), &config))
        .collect();
    let repository = Repository::new(PathBuf::from("/nonexistent"), config, documents, Vec::new());
    let mut status = compute(
        &repository,
        &HashSet::new(),
        date(as_of),
        &Filter::default(),
    );
    status.people.remove(0)
}

fn flags(documents: &[(&str, String)], as_of: &str) -> Vec<&'static str> {
    status_of(documents, as_of)
        .flags
        .iter()
        .map(|f| f.name())
        .collect()
}

#[test]
fn months_are_calendar_months_clamped_to_the_month_end() {
    assert_eq!(add_months(date("2026-01-31"), 1), date("2026-02-28"));
    assert_eq!(add_months(date("2024-01-31"), 1), date("2024-02-29"));
    assert_eq!(add_months(date("2026-03-31"), 3), date("2026-06-30"));
    assert_eq!(add_months(date("2025-06-15"), 12), date("2026-06-15"));
}

#[test]
fn due_status_around_the_window_and_the_due_date() {
    let due = Some(date("2026-06-15"));
    let at = |as_of| due_status(Some(date("2025-06-15")), due, date(as_of), 30);
    assert_eq!(at("2026-05-15"), DueStatus::Ok);
    assert_eq!(at("2026-05-16"), DueStatus::DueSoon);
    assert_eq!(at("2026-06-15"), DueStatus::DueSoon);
    assert_eq!(at("2026-06-16"), DueStatus::Overdue);
    assert_eq!(
        due_status(None, None, date("2026-06-16"), 30),
        DueStatus::Never
    );
}

#[test]
fn annual_overdue_the_day_after_twelve_months() {
    let docs = [("a.md", conversation("where-now", "2025-06-15", ""))];
    assert_eq!(flags(&docs, "2026-06-15"), ["no-active-contract"]);
    assert_eq!(
        flags(&docs, "2026-06-16"),
        ["annual-overdue", "no-active-contract"]
    );
    let annual = status_of(&docs, "2026-06-16").annual;
    assert_eq!(
        (annual.last, annual.due, annual.status),
        (
            Some(date("2025-06-15")),
            Some(date("2026-06-15")),
            DueStatus::Overdue
        )
    );
}

#[test]
fn never_had_a_conversation_versus_no_annual_one() {
    let prep = "---\ntype: prep\nengineer: al\nmanager: sam\ndate: 2026-01-01\n---\n".to_owned();
    assert_eq!(
        flags(&[("p.md", prep)], "2026-02-01"),
        ["never-had-conversation", "no-active-contract"]
    );
    let as_needed = conversation("as-needed", "2026-01-01", "");
    assert_eq!(
        flags(&[("n.md", as_needed)], "2026-02-01"),
        ["annual-overdue", "no-active-contract"]
    );
}

#[test]
fn documents_dated_after_as_of_do_not_exist_yet() {
    let docs = [("a.md", conversation("where-now", "2026-06-20", ""))];
    assert_eq!(
        flags(&docs, "2026-06-19"),
        ["never-had-conversation", "no-active-contract"]
    );
    assert_eq!(flags(&docs, "2026-06-20"), ["no-active-contract"]);
}

#[test]
fn a_review_just_before_a_checkpoint_meets_it() {
    let base = [
        ("w.md", conversation("where-now", "2026-01-10", "")),
        (
            "c.md",
            contract("2026-02-01", "2027-01-31", "2026-06-01, 2026-09-01", ""),
        ),
    ];
    let with_review = |day: &str| {
        let mut docs = base.to_vec();
        docs.push(("r.md", conversation("progress-review", day, "")));
        status_of(&docs, "2026-06-10").review.unwrap()
    };
    // 30 days before the checkpoint: met; the next one is due.
    assert_eq!(with_review("2026-05-02").due, Some(date("2026-09-01")));
    // 31 days before: too early to count; the checkpoint is still due, and now overdue.
    let early = with_review("2026-05-01");
    assert_eq!(
        (early.due, early.status),
        (Some(date("2026-06-01")), DueStatus::Overdue)
    );
    // No review: the first checkpoint.
    let none = status_of(&base, "2026-05-20").review.unwrap();
    assert_eq!(
        (none.last, none.due, none.status),
        (None, Some(date("2026-06-01")), DueStatus::DueSoon)
    );
    // The last checkpoint met: nothing is due.
    let after = status_of(
        &[
            base[0].clone(),
            (
                "c.md",
                contract("2026-02-01", "2027-01-31", "2026-03-01", ""),
            ),
            ("r.md", conversation("progress-review", "2026-02-20", "")),
        ],
        "2026-04-01",
    );
    assert_eq!(
        (after.review.unwrap().due, after.review.unwrap().status),
        (None, DueStatus::Ok)
    );
    assert_eq!(after.contract.unwrap().next_checkpoint, None);
}

#[test]
fn without_checkpoints_a_review_is_due_review_months_after_the_last_or_the_start() {
    let docs = [
        ("w.md", conversation("where-now", "2026-01-10", "")),
        ("c.md", contract("2026-01-31", "2027-01-30", "", "")),
    ];
    let review = status_of(&docs, "2026-04-30").review.unwrap();
    assert_eq!(
        (review.due, review.status),
        (Some(date("2026-04-30")), DueStatus::DueSoon)
    );
    assert_eq!(flags(&docs, "2026-05-01"), ["review-overdue"]);
}

#[test]
fn contract_expired_the_day_after_its_end() {
    let docs = [
        ("w.md", conversation("where-now", "2026-01-10", "")),
        ("r.md", conversation("progress-review", "2026-05-01", "")),
        ("c.md", contract("2025-06-01", "2026-05-31", "", "")),
    ];
    assert!(!flags(&docs, "2026-05-31").contains(&"contract-expired"));
    assert!(flags(&docs, "2026-06-01").contains(&"contract-expired"));
}

#[test]
fn a_follow_up_is_missed_only_after_its_day_and_without_a_later_conversation() {
    let first = (
        "a.md",
        conversation("where-now", "2026-03-01", "")
            .replace("follow_up: 2099-01-01", "follow_up: 2026-05-01"),
    );
    assert!(!flags(std::slice::from_ref(&first), "2026-05-01").contains(&"missed-follow-up"));
    assert!(flags(std::slice::from_ref(&first), "2026-05-02").contains(&"missed-follow-up"));
    let later = ("b.md", conversation("as-needed", "2026-04-20", ""));
    assert!(!flags(&[first, later], "2026-05-02").contains(&"missed-follow-up"));
}

#[test]
fn a_summary_is_late_after_summary_days() {
    let docs = [(
        "a.md",
        conversation("where-now", "2026-03-01", "").replace("summary_shared: 2026-03-01\n", ""),
    )];
    assert!(!flags(&docs, "2026-03-08").contains(&"summary-not-shared"));
    assert!(flags(&docs, "2026-03-09").contains(&"summary-not-shared"));
}

#[test]
fn commitments_are_overdue_the_day_after_their_due_date() {
    let docs = [("a.md", format!("{}## Agreed\n- [ ] @manager book it (due 2026-04-01)\n- [ ] @engineer draft it (due 2026-04-10)\n", conversation("where-now", "2026-03-01", "")))];
    assert_eq!(flags(&docs, "2026-04-01"), ["no-active-contract"]);
    assert_eq!(
        flags(&docs, "2026-04-02"),
        ["no-active-contract", "manager-commitments-overdue"]
    );
    assert_eq!(
        flags(&docs, "2026-04-11"),
        [
            "no-active-contract",
            "manager-commitments-overdue",
            "engineer-commitments-overdue"
        ]
    );
    let commitments = status_of(&docs, "2026-04-02").commitments;
    assert_eq!(commitments[0].line, 10);
    assert_eq!(
        (commitments[0].owner, commitments[0].overdue),
        (Owner::Manager, true)
    );
    assert_eq!(
        (commitments[1].owner, commitments[1].overdue),
        (Owner::Engineer, false)
    );
}

#[test]
fn trust_is_at_risk_only_when_the_engineer_has_delivered() {
    let with = |engineer_item: &str| {
        let body = format!("## Organisational commitment\n- [ ] Introduce Al (due 2026-04-01)\n## Engineer commitment\n{engineer_item}\n");
        vec![
            ("w.md", conversation("where-now", "2026-01-10", "")),
            ("r.md", conversation("progress-review", "2026-04-01", "")),
            ("c.md", contract("2026-02-01", "2027-01-31", "", &body)),
        ]
    };
    assert_eq!(
        flags(
            &with("- [x] Write the design (due 2026-03-01)"),
            "2026-04-10"
        ),
        ["manager-commitments-overdue", "trust-at-risk"]
    );
    assert_eq!(
        flags(
            &with("- [ ] Write the design (due 2026-05-01)"),
            "2026-04-10"
        ),
        ["manager-commitments-overdue"]
    );
    assert_eq!(
        flags(
            &with("- [x] Start (due 2026-03-01)\n- [ ] Write the design (due 2026-04-05)"),
            "2026-04-10"
        ),
        [
            "manager-commitments-overdue",
            "engineer-commitments-overdue"
        ]
    );
}

#[test]
fn broken_documents_are_skipped_and_counted() {
    let config = Config::parse(ROSTER, &[]).unwrap();
    let docs = vec![
        Document::parse(
            "a.md".into(),
            conversation("where-now", "2026-01-10", "").as_bytes(),
            &config,
        ),
        Document::parse(
            "b.md".into(),
            conversation("where-going", "2026-02-10", "").as_bytes(),
            &config,
        ),
    ];
    let repository = Repository::new(PathBuf::from("/nonexistent"), config, docs, Vec::new());
    let broken: HashSet<&str> = ["b.md"].into();
    let status = compute(&repository, &broken, date("2026-03-01"), &Filter::default());
    assert_eq!(status.skipped_documents, 1);
    assert_eq!(status.people[0].annual.last, Some(date("2026-01-10")));
}
