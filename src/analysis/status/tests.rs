//! The status rules at their boundaries: the day before, on and after each deadline, each
//! edge of time away and of a new joiner's first months, a reorg, a leaver.

use std::path::PathBuf;

use super::*;
use crate::config::Config;
use crate::domain::date::parse_date;
use crate::domain::vocabulary::Owner;
use crate::model::document::Document;

const ROSTER: &str =
    "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n";

fn date(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

fn conversation(kind: &str, day: &str, extra: &str) -> String {
    format!("---\ntype: {kind}\nengineer: al\nmanager: sam\ndate: {day}\nfollow_up: 2099-01-01\nsummary_shared: {day}\n{extra}---\n")
}

/// An active contract, shared with the engineer on its start (so that only the flag a
/// test is about shows).
fn contract(start: &str, end: &str, checkpoints: &str, body: &str) -> String {
    format!(
        "---\ntype: contract\nengineer: al\nmanager: sam\ndate: {start}\nsummary_shared: {start}\nstatus: active\nstart: {start}\nend: {end}\ncheckpoints: [{checkpoints}]\n---\n## Development goal\nBuild the capability to lead cross-team initiatives independently and well.\n{body}"
    )
}

fn repository(roster: &str, documents: &[(&str, String)]) -> Repository {
    let config = Config::parse(roster, &[]).unwrap();
    let documents = documents
        .iter()
        .map(|(path, text)| Document::parse((*path).to_owned(), text.as_bytes(), &config))
        .collect();
    Repository::new(PathBuf::from("/nonexistent"), config, documents, Vec::new())
}

fn status_with(roster: &str, documents: &[(&str, String)], as_of: &str) -> Status {
    let repository = repository(roster, documents);
    compute(
        &repository.config,
        repository.documents,
        &HashSet::new(),
        date(as_of),
        &Filter::default(),
    )
}

fn status_of(documents: &[(&str, String)], as_of: &str) -> PersonStatus {
    status_with(ROSTER, documents, as_of).people.remove(0)
}

fn flags_with(roster: &str, documents: &[(&str, String)], as_of: &str) -> Vec<&'static str> {
    status_with(roster, documents, as_of).people[0]
        .flags
        .iter()
        .map(|f| f.name())
        .collect()
}

fn flags(documents: &[(&str, String)], as_of: &str) -> Vec<&'static str> {
    flags_with(ROSTER, documents, as_of)
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
fn no_active_contract_the_day_after_review_months_from_the_annual_conversation() {
    let docs = [("a.md", conversation("where-now", "2026-01-31", ""))];
    assert_eq!(flags(&docs, "2026-04-30"), Vec::<&str>::new());
    assert_eq!(flags(&docs, "2026-05-01"), ["no-active-contract"]);
}

#[test]
fn documents_dated_after_as_of_do_not_exist_yet() {
    let docs = [("a.md", conversation("where-now", "2026-06-20", ""))];
    assert_eq!(
        flags(&docs, "2026-06-19"),
        ["never-had-conversation", "no-active-contract"]
    );
    assert_eq!(flags(&docs, "2026-06-20"), Vec::<&str>::new());
}

#[test]
fn a_conversation_whose_notes_are_not_written_is_not_held() {
    let unwritten = format!(
        "{}## What I heard\n<!-- later -->\n## What we agreed\nTODO\n",
        conversation("where-now", "2026-03-01", "")
    );
    let status = status_of(&[("a.md", unwritten.clone())], "2026-03-02");
    assert_eq!(status.annual.last, None);
    // It counts for nothing: its follow-up is owed to no one, so neither met nor missed.
    assert_eq!(status.conversations[0].follow_up_met, None);
    assert_eq!(
        status.flags.iter().map(|f| f.name()).collect::<Vec<_>>(),
        [
            "never-had-conversation",
            "no-active-contract",
            "notes-not-written"
        ]
    );
    // Dated after `as_of`, it does not exist yet: no flag.
    assert_eq!(
        flags(&[("a.md", unwritten)], "2026-02-28"),
        ["never-had-conversation", "no-active-contract"]
    );
    // Written, it counts.
    let written = format!(
        "{}## What I heard\nEnergised by the migration.\n## What we agreed\nTODO\n",
        conversation("where-now", "2026-03-01", "")
    );
    assert_eq!(
        status_of(&[("a.md", written)], "2026-03-02").annual.last,
        Some(date("2026-03-01"))
    );
}

#[test]
fn a_review_of_another_contract_meets_none_of_this_ones_checkpoints() {
    let base = [
        ("w.md", conversation("where-now", "2026-01-10", "")),
        (
            "c.md",
            contract("2026-02-01", "2027-01-31", "2026-06-01, 2026-09-01", ""),
        ),
    ];
    let review_of = |target: &str| {
        let mut docs = base.to_vec();
        docs.push((
            "r.md",
            conversation(
                "progress-review",
                "2026-05-20",
                &format!("contract: {target}\n"),
            ),
        ));
        status_of(&docs, "2026-06-10").review.unwrap().due
    };
    assert_eq!(
        review_of("c.md"),
        Some(date("2026-09-01")),
        "this contract's"
    );
    assert_eq!(
        review_of("old.md"),
        Some(date("2026-06-01")),
        "another contract's"
    );
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
        status_of(&docs, "2026-06-10")
    };
    // 30 days before the checkpoint: met; the next one is due.
    let met = with_review("2026-05-02");
    assert_eq!(met.review.unwrap().due, Some(date("2026-09-01")));
    assert_eq!(met.contract.unwrap().missed(date("2026-06-10")).count(), 0);
    // 31 days before: too early to count; the checkpoint is still due, and now overdue.
    let early = with_review("2026-05-01");
    let review = early.review.unwrap();
    assert_eq!(
        (review.due, review.status),
        (Some(date("2026-06-01")), DueStatus::Overdue)
    );
    assert_eq!(
        early
            .contract
            .unwrap()
            .missed(date("2026-06-10"))
            .collect::<Vec<_>>(),
        [date("2026-06-01")]
    );
    // No review: the first checkpoint, due soon, then missed the day after.
    let none = status_of(&base, "2026-05-20").review.unwrap();
    assert_eq!(
        (none.last, none.due, none.status),
        (None, Some(date("2026-06-01")), DueStatus::DueSoon)
    );
    assert!(!flags(&base, "2026-06-01").contains(&"review-overdue"));
    assert!(flags(&base, "2026-06-02").contains(&"review-overdue"));
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
    // Three months without a conversation is also three months without a check-in.
    assert_eq!(
        flags(&docs, "2026-05-01"),
        ["review-overdue", "no-recent-check-in"]
    );
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
fn of_two_active_contracts_the_later_start_is_the_active_one() {
    let docs = [
        ("a.md", contract("2025-06-01", "2026-05-31", "", "")),
        ("b.md", contract("2026-02-01", "2027-01-31", "", "")),
    ];
    assert_eq!(
        status_of(&docs, "2026-03-01")
            .contract
            .unwrap()
            .path
            .as_ref(),
        "b.md"
    );
}

#[test]
fn a_follow_up_is_met_only_by_a_later_conversation_near_it() {
    let first = (
        "a.md",
        conversation("where-now", "2026-03-01", "")
            .replace("follow_up: 2099-01-01", "follow_up: 2026-06-01"),
    );
    assert!(!flags(std::slice::from_ref(&first), "2026-06-01").contains(&"missed-follow-up"));
    assert!(flags(std::slice::from_ref(&first), "2026-06-02").contains(&"missed-follow-up"));
    // An as-needed chat five days later does not meet a check-in agreed for three months
    // later; one within `due_soon_days` of it does.
    let chat = |day: &str| ("b.md", conversation("as-needed", day, ""));
    assert!(flags(&[first.clone(), chat("2026-03-06")], "2026-06-02").contains(&"missed-follow-up"));
    assert!(flags(&[first.clone(), chat("2026-05-01")], "2026-06-02").contains(&"missed-follow-up"));
    assert!(
        !flags(&[first.clone(), chat("2026-05-02")], "2026-06-02").contains(&"missed-follow-up")
    );
    let met = status_of(&[first, chat("2026-05-02")], "2026-06-02");
    assert_eq!(met.conversations[0].follow_up_met, Some(true));
    assert!(met
        .dated
        .iter()
        .all(|d| d.kind != DatedKind::FollowUp || &*d.source != "a.md"));
}

#[test]
fn a_summary_is_late_after_summary_days() {
    let docs = [(
        "a.md",
        conversation("where-now", "2026-03-01", "").replace("summary_shared: 2026-03-01\n", ""),
    )];
    assert!(!flags(&docs, "2026-03-08").contains(&"summary-not-shared"));
    assert!(flags(&docs, "2026-03-09").contains(&"summary-not-shared"));
    // Shared on 2026-03-20: late before that day, not from it on.
    let shared = [(
        "a.md",
        conversation("where-now", "2026-03-01", "")
            .replace("summary_shared: 2026-03-01", "summary_shared: 2026-03-20"),
    )];
    assert!(flags(&shared, "2026-03-19").contains(&"summary-not-shared"));
    assert!(!flags(&shared, "2026-03-20").contains(&"summary-not-shared"));
    assert!(!flags(&shared, "2026-03-21").contains(&"summary-not-shared"));
}

#[test]
fn commitments_are_overdue_the_day_after_their_due_date() {
    let docs = [("a.md", format!("{}## Agreed\n- [ ] @manager book it (due 2026-04-01)\n- [ ] @engineer draft it (due 2026-04-10)\n", conversation("where-now", "2026-03-01", "")))];
    assert_eq!(flags(&docs, "2026-04-01"), Vec::<&str>::new());
    assert_eq!(flags(&docs, "2026-04-02"), ["manager-commitments-overdue"]);
    assert_eq!(
        flags(&docs, "2026-04-11"),
        [
            "manager-commitments-overdue",
            "engineer-commitments-overdue"
        ]
    );
    let commitments = status_of(&docs, "2026-04-02").commitments;
    assert_eq!(commitments[0].line, 10);
    assert_eq!(
        (
            commitments[0].owner,
            commitments[0].manager.as_deref(),
            commitments[0].overdue
        ),
        (Owner::Manager, Some("sam"), true)
    );
    assert_eq!(
        (commitments[1].owner, commitments[1].overdue),
        (Owner::Engineer, false)
    );
}

#[test]
fn a_done_date_decides_when_a_commitment_was_done_and_whether_it_was_late() {
    let docs = [(
        "a.md",
        format!(
            "{}## Agreed\n- [x] @engineer draft it (due 2026-04-10) (done 2026-04-20)\n- [x] @manager book it (due 2026-04-10)\n",
            conversation("where-now", "2026-03-01", "")
        ),
    )];
    let at = |as_of| {
        let c = status_of(&docs, as_of).commitments;
        (c[0].done, c[0].overdue, c[0].late, c[1].done)
    };
    // Before the done date it was open, and overdue after its due date.
    assert_eq!(at("2026-04-10"), (false, false, false, true));
    assert_eq!(at("2026-04-19"), (false, true, false, true));
    // On the done date it is done, and late: done after it was due.
    assert_eq!(at("2026-04-20"), (true, false, true, true));
    assert!(flags(&docs, "2026-04-19").contains(&"engineer-commitments-overdue"));
    assert!(!flags(&docs, "2026-04-20").contains(&"engineer-commitments-overdue"));
}

#[test]
fn an_active_contract_not_shared_in_time_is_flagged() {
    let shared = contract("2026-02-01", "2027-01-31", "", "");
    let unshared = shared.replace("summary_shared: 2026-02-01\n", "");
    let docs = |text: &str| {
        vec![
            ("w.md", conversation("where-now", "2026-01-10", "")),
            ("c.md", text.to_owned()),
        ]
    };
    // `summary_days` (7) after its start, then flagged until it is shared.
    assert!(!flags(&docs(&unshared), "2026-02-08").contains(&"summary-not-shared"));
    assert!(flags(&docs(&unshared), "2026-02-09").contains(&"summary-not-shared"));
    assert!(!flags(&docs(&shared), "2026-02-09").contains(&"summary-not-shared"));
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
fn documents_with_errors_are_used_for_what_is_valid_and_flagged() {
    // An unknown @mention is an error of `check`; the conversation still happened.
    let docs = [(
        "a.md",
        format!(
            "{}## What we agreed\n- [ ] @slack-group ask the platform team (due 2026-05-01)\n",
            conversation("where-now", "2026-01-10", "")
        ),
    )];
    let repository = repository(ROSTER, &docs);
    let errors: HashSet<&str> = ["a.md"].into();
    let status = compute(
        &repository.config,
        repository.documents,
        &errors,
        date("2026-03-01"),
        &Filter::default(),
    );
    assert_eq!(status.skipped_documents(), 0);
    assert_eq!(status.documents_with_errors, 1);
    let person = &status.people[0];
    assert_eq!(person.annual.last, Some(date("2026-01-10")));
    assert_eq!(person.commitments[0].owner, Owner::Unassigned);
    assert_eq!(person.flags, [Flag::DocumentErrors]);
    // A document without a valid date cannot be used at all.
    let broken = [("b.md", conversation("where-now", "2026-02-30", ""))];
    let status = status_with(ROSTER, &broken, "2026-03-01");
    assert_eq!(status.skipped_documents(), 1);
}

const REORG: &str = "people:\n  - id: sam\n    name: Sam\n  - id: dana\n    name: Dana\n  - id: al\n    name: Al\n    manager: sam\n    previous_managers:\n      - id: dana\n        until: 2026-04-30\n";

#[test]
fn after_a_reorg_the_previous_managers_commitments_stay_hers() {
    let docs = [(
        "a.md",
        "---\ntype: where-now\nengineer: al\nmanager: dana\ndate: 2026-03-01\nfollow_up: 2099-01-01\nsummary_shared: 2026-03-01\n---\n## What we agreed\n- [ ] @manager introduce Al to the platform lead (due 2026-04-15)\n".to_owned(),
    )];
    let at = |as_of| status_with(REORG, &docs, as_of);
    let before = at("2026-04-30");
    assert_eq!(before.people[0].manager.as_deref(), Some("dana"));
    assert_eq!(before.managers, [("dana".to_owned(), "Dana".to_owned())]);
    let after = at("2026-05-01");
    assert_eq!(after.people[0].manager.as_deref(), Some("sam"));
    assert_eq!(
        after.people[0].commitments[0].manager.as_deref(),
        Some("dana")
    );
    let by_manager = |id: &str, as_of| {
        let filter = Filter {
            manager: Some(id.to_owned()),
            ..Filter::default()
        };
        let repository = repository(REORG, &docs);
        compute(
            &repository.config,
            repository.documents,
            &HashSet::new(),
            date(as_of),
            &filter,
        )
        .people
        .len()
    };
    assert_eq!(
        (
            by_manager("dana", "2026-04-30"),
            by_manager("sam", "2026-04-30")
        ),
        (1, 0)
    );
    assert_eq!(
        (
            by_manager("dana", "2026-05-01"),
            by_manager("sam", "2026-05-01")
        ),
        (0, 1)
    );
}

#[test]
fn a_leaver_and_a_joiner_are_in_the_report_only_while_on_the_team() {
    let roster = "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n    since: 2026-03-01\n    left: 2026-10-31\n";
    let people = |as_of| status_with(roster, &[], as_of).people.len();
    assert_eq!(people("2026-02-28"), 0);
    assert_eq!(people("2026-03-01"), 1);
    assert_eq!(people("2026-10-31"), 1);
    assert_eq!(people("2026-11-01"), 0);
}

#[test]
fn a_new_joiner_has_no_flags_but_late_commitments_until_review_months() {
    let roster = "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n    since: 2026-03-31\n";
    let person = |as_of| status_with(roster, &[], as_of).people.remove(0);
    // New until `since` + 3 months (2026-06-30): the first annual conversation is due then.
    let new = person("2026-06-29");
    assert!(new.new);
    assert!(new.flags.is_empty());
    assert_eq!(
        (new.annual.due, new.annual.status),
        (Some(date("2026-06-30")), DueStatus::DueSoon)
    );
    let last_day = person("2026-06-30");
    assert!(!last_day.new);
    assert_eq!(last_day.annual.status, DueStatus::DueSoon);
    // The day after, the first annual conversation is overdue, never held.
    let after = person("2026-07-01");
    assert_eq!(after.annual.status, DueStatus::Never);
    assert_eq!(
        after.flags.iter().map(|f| f.name()).collect::<Vec<_>>(),
        ["never-had-conversation", "no-active-contract"]
    );
    // A late commitment shows even for someone new.
    let docs = [(
        "a.md",
        "---\ntype: where-now\nengineer: al\nmanager: sam\ndate: 2026-04-01\nfollow_up: 2026-05-01\n---\n## What we agreed\n- [ ] @manager book the onboarding buddy (due 2026-04-05)\n".to_owned(),
    )];
    assert_eq!(
        flags_with(roster, &docs, "2026-05-10"),
        ["manager-commitments-overdue"]
    );
}

const AWAY: &str = "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n    away:\n      - from: 2026-04-01\n        to: 2026-04-10\n";

#[test]
fn clocks_stop_while_away_and_flags_wait_for_the_return() {
    let docs = [(
        "a.md",
        format!(
            "{}## What we agreed\n- [ ] @manager book it (due 2026-04-05)\n",
            conversation("where-now", "2025-04-05", "")
        ),
    )];
    let person = |as_of| status_with(AWAY, &docs, as_of).people.remove(0);
    // The annual conversation, due 2026-04-05, moves by the 10 days away: 2026-04-15.
    let away = person("2026-04-01");
    assert_eq!(away.away_until, Some(date("2026-04-10")));
    assert!(away.flags.is_empty());
    assert_eq!(away.annual.due, Some(date("2026-04-15")));
    let back = person("2026-04-11");
    assert_eq!(back.away_until, None);
    assert_eq!(back.annual.status, DueStatus::DueSoon);
    assert!(!back.flags.contains(&Flag::AnnualOverdue));
    assert_eq!(person("2026-03-31").away_until, None);
    assert!(person("2026-04-16").flags.contains(&Flag::AnnualOverdue));
    assert!(!person("2026-04-15").flags.contains(&Flag::AnnualOverdue));
    // The manager was not away: their promise stays due on the day written.
    assert_eq!(back.commitments[0].due, Some(date("2026-04-05")));
    assert_eq!(back.commitments[0].due_written, Some(date("2026-04-05")));
    // Document errors still show while away.
    let repository = repository(AWAY, &docs);
    let errors: HashSet<&str> = ["a.md"].into();
    let status = compute(
        &repository.config,
        repository.documents,
        &errors,
        date("2026-04-05"),
        &Filter::default(),
    );
    assert_eq!(status.people[0].flags, [Flag::DocumentErrors]);
}

#[test]
fn under_reaches_every_depth_and_manages_anyone_knows_the_date() {
    let roster = "people:\n  - id: dir\n    name: Dir\n  - id: sam\n    name: Sam\n    manager: dir\n  - id: al\n    name: Al\n    manager: sam\n  - id: bo\n    name: Bo\n    manager: sam\n    left: 2026-01-31\n";
    let repository = repository(roster, &[]);
    let under = |id: &str| Filter {
        under: Some(id.to_owned()),
        ..Filter::default()
    };
    let ids = |filter| {
        compute(
            &repository.config,
            Vec::new(),
            &HashSet::new(),
            date("2026-03-01"),
            &filter,
        )
        .people
        .into_iter()
        .map(|p| p.id)
        .collect::<Vec<_>>()
    };
    assert_eq!(ids(under("dir")), ["al", "sam"]);
    assert_eq!(ids(under("sam")), ["al"]);
    let config = &repository.config;
    assert!(manages_anyone(config, "sam", date("2026-03-01")));
    assert!(!manages_anyone(config, "al", date("2026-03-01")));
}

/// How many times a manager on a date is looked up to report everyone under the top of
/// one chain of `length` people, each managed by the one before.
fn lookups_under_the_top_of_a_chain(length: usize) -> usize {
    let mut roster = String::from("people:\n");
    for n in 0..length {
        roster.push_str(&format!("  - {{id: p{n}, name: P{n}"));
        if n > 0 {
            roster.push_str(&format!(", manager: p{}", n - 1));
        }
        roster.push_str("}\n");
    }
    let repository = repository(&roster, &[]);
    let filter = Filter {
        under: Some("p0".to_owned()),
        ..Filter::default()
    };
    let before = crate::config::roster::MANAGER_LOOKUPS.with(std::cell::Cell::get);
    let status = compute(
        &repository.config,
        Vec::new(),
        &HashSet::new(),
        date("2026-03-01"),
        &filter,
    );
    let after = crate::config::roster::MANAGER_LOOKUPS.with(std::cell::Cell::get);
    assert_eq!(status.people.len(), length - 1);
    after - before
}

#[test]
fn everyone_under_the_top_of_a_long_chain_is_found_in_one_pass() {
    let (small, large) = (
        lookups_under_the_top_of_a_chain(1_000),
        lookups_under_the_top_of_a_chain(2_000),
    );
    // Walking up from each person to the top would be four times the work.
    assert!(large <= 3 * small, "{small} then {large}");
}

#[test]
fn the_next_step_follows_the_guides_cycle() {
    let next = |docs: &[(&str, String)], as_of: &str| {
        let repository = repository(ROSTER, docs);
        let person = super::person(&repository, "al", date(as_of), &HashSet::new()).unwrap();
        let step = next_step(&person);
        (step.doc_type.name(), step.due.map(|d| d.to_string()))
    };
    let step = |kind: &str, day: &str, follow_up: &str| {
        conversation(kind, day, "")
            .replace("follow_up: 2099-01-01", &format!("follow_up: {follow_up}"))
    };
    // Nothing yet: the annual conversation, with no date to give.
    assert_eq!(next(&[], "2026-01-01"), ("where-now", None));
    let mut docs = vec![("a.md", step("where-now", "2026-01-10", "2026-02-10"))];
    assert_eq!(
        next(&docs, "2026-01-20"),
        ("where-going", Some("2026-02-10".into()))
    );
    // Without a follow-up, a month after the previous step.
    docs.push((
        "b.md",
        conversation("where-going", "2026-02-10", "").replace("follow_up: 2099-01-01\n", ""),
    ));
    assert_eq!(
        next(&docs, "2026-02-20"),
        ("close-gap", Some("2026-03-10".into()))
    );
    docs.push(("c.md", step("close-gap", "2026-03-01", "2026-03-15")));
    assert_eq!(
        next(&docs, "2026-03-05"),
        ("contract", Some("2026-03-15".into()))
    );
    docs.push((
        "d.md",
        contract("2026-03-20", "2027-03-19", "2026-06-20, 2026-09-20", ""),
    ));
    assert_eq!(
        next(&docs, "2026-04-01"),
        ("progress-review", Some("2026-06-20".into()))
    );
    // A year on, the annual conversation comes first again.
    assert_eq!(
        next(&docs[..2], "2027-02-11"),
        ("where-now", Some("2027-02-10".into()))
    );
}

const LEAVE: &str = "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n    away:\n      - from: 2026-06-01\n        to: 2026-09-30\n";

#[test]
fn a_managers_promise_does_not_move_with_the_engineers_leave() {
    let doc = conversation("as-needed", "2026-05-20", "trigger: leave\n")
        + "## What we agreed\n- [ ] @manager keep the area stable (due 2026-06-05)\n- [ ] @engineer write the doc (due 2026-06-05)\n";
    for (as_of, late) in [
        ("2026-06-04", false),
        ("2026-06-05", false),
        ("2026-06-06", true),
    ] {
        let status = status_with(LEAVE, &[("a.md", doc.clone())], as_of);
        let promise = &status.manager_commitments[0].commitment;
        assert_eq!(promise.due, Some(date("2026-06-05")));
        assert_eq!(promise.overdue, late, "{as_of}");
        let own = status.people[0]
            .commitments
            .iter()
            .find(|c| c.owner == Owner::Engineer)
            .unwrap();
        assert_eq!(own.due, Some(date("2026-10-05")));
        assert_eq!(own.due_written, Some(date("2026-06-05")));
        assert!(!own.overdue);
    }
}

#[test]
fn a_contracts_end_moves_with_its_checkpoints_and_keeps_the_written_one() {
    let doc = contract("2026-05-01", "2026-07-31", "2026-07-01", "");
    let status = status_with(LEAVE, &[("c.md", doc)], "2026-05-02");
    let contract = status.people[0].contract.clone().unwrap();
    assert_eq!(contract.end_written, Some(date("2026-07-31")));
    assert_eq!(contract.end, Some(date("2026-11-30")));
    assert_eq!(contract.checkpoints[0].written, date("2026-07-01"));
    assert!(contract
        .checkpoints
        .iter()
        .all(|c| Some(c.date) <= contract.end));
    assert_eq!(
        shown(date("2026-10-05"), Some(date("2026-06-05"))),
        "2026-10-05 (written 2026-06-05; moved by 122 days of leave)"
    );
    assert_eq!(
        shown(date("2026-10-05"), Some(date("2026-10-05"))),
        "2026-10-05"
    );
}

#[test]
fn a_skipped_document_belongs_to_its_engineer_or_its_folder() {
    let named =
        "---\ntype: where-now\nengineer: al\n\tfollow_up: 2026-06-01\ndate: 2026-03-13\n---\n";
    let folder = "---\ntype: where-now\ndate: 2026-03-13\n---\n";
    let status = status_with(
        ROSTER,
        &[
            ("notes/x.md", named.to_owned()),
            ("people/al/y.md", folder.to_owned()),
            ("elsewhere/z.md", folder.to_owned()),
        ],
        "2026-04-01",
    );
    assert_eq!(status.skipped_documents(), 3);
    let al = &status.people[0];
    let paths: Vec<&str> = al.unreadable.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["notes/x.md", "people/al/y.md"]);
    assert!(
        al.unreadable[0].reason.starts_with("line 4, "),
        "{:?}",
        al.unreadable
    );
    assert_eq!(al.unreadable[1].reason, "the engineer is missing");
    assert!(al.flags.contains(&Flag::DocumentErrors));
}

/// A contract reviewed at a far checkpoint, so that only the check-in's clock runs.
fn checked_in(last: &str) -> Vec<(&'static str, String)> {
    vec![
        ("w.md", conversation("where-now", "2026-01-04", "")),
        (
            "c.md",
            contract("2026-01-05", "2026-12-31", "2026-12-01", ""),
        ),
        ("k.md", conversation("check-in", last, "")),
    ]
}

#[test]
fn no_recent_check_in_the_day_after_checkin_days() {
    let docs = checked_in("2026-02-01");
    // 34, 35 and 36 days after the last held conversation.
    assert_eq!(flags(&docs, "2026-03-07"), Vec::<&str>::new());
    assert_eq!(flags(&docs, "2026-03-08"), Vec::<&str>::new());
    assert_eq!(flags(&docs, "2026-03-09"), ["no-recent-check-in"]);
    let check_in = status_of(&docs, "2026-03-09").check_in.unwrap();
    assert_eq!(check_in.last, Some(date("2026-02-01")));
    assert_eq!(check_in.due, Some(date("2026-03-08")));
    // Any conversation counts, not only a check-in.
    let mut met = docs.clone();
    met.push(("a.md", conversation("as-needed", "2026-03-01", "")));
    assert_eq!(flags(&met, "2026-03-09"), Vec::<&str>::new());
}

#[test]
fn flags_come_in_the_vocabularys_order() {
    // Al's manager changed on 2026-04-30 with no handover, and no conversation since
    // 2026-02-01: both flags, in the order of the flag table.
    let found = flags_with(REORG, &checked_in("2026-02-01"), "2026-06-01");
    let at = |flag: &str| found.iter().position(|f| *f == flag);
    assert!(
        at("no-recent-check-in").is_some() && at("no-handover").is_some(),
        "{found:?}"
    );
    assert!(at("no-recent-check-in") < at("no-handover"), "{found:?}");
    let order: Vec<&str> = Flag::ALL.iter().map(|f| f.name()).collect();
    let mut sorted = found.clone();
    sorted.sort_by_key(|f| order.iter().position(|o| o == f));
    assert_eq!(found, sorted);
}

#[test]
fn a_check_in_whose_notes_are_empty_is_not_held() {
    let mut docs = checked_in("2026-02-01");
    let empty = "## How it is going\n\n## What changes\nTODO\n";
    docs.push(("k2.md", conversation("check-in", "2026-03-01", "") + empty));
    assert_eq!(
        flags(&docs, "2026-03-09"),
        ["no-recent-check-in", "notes-not-written"]
    );
}

#[test]
fn no_recent_check_in_follows_the_cadence_and_stops_while_away() {
    let docs = checked_in("2026-02-01");
    let every = |days: u32| format!("{ROSTER}cadence:\n  checkin_days: {days}\n");
    assert_eq!(
        flags_with(&every(0), &docs, "2026-06-01"),
        Vec::<&str>::new()
    );
    assert_eq!(
        flags_with(&every(10), &docs, "2026-02-11"),
        Vec::<&str>::new()
    );
    assert_eq!(
        flags_with(&every(10), &docs, "2026-02-12"),
        ["no-recent-check-in"]
    );
    // Ten days away in the clock's interval move the deadline by ten days; while away,
    // nobody is flagged.
    let away = format!("{ROSTER}    away:\n      - from: 2026-02-10\n        to: 2026-02-19\n");
    assert_eq!(flags_with(&away, &docs, "2026-02-15"), Vec::<&str>::new());
    assert_eq!(flags_with(&away, &docs, "2026-03-18"), Vec::<&str>::new());
    assert_eq!(
        flags_with(&away, &docs, "2026-03-19"),
        ["no-recent-check-in"]
    );
    let moved = status_with(&away, &docs, "2026-03-19").people[0]
        .check_in
        .unwrap();
    assert_eq!(
        (moved.due, moved.due_written),
        (Some(date("2026-03-18")), Some(date("2026-03-08")))
    );
}

#[test]
fn no_recent_check_in_spares_new_joiners_and_people_without_a_contract() {
    let docs = checked_in("2026-02-01");
    let new = format!("{ROSTER}    since: 2026-01-01\n");
    assert_eq!(flags_with(&new, &docs, "2026-03-20"), Vec::<&str>::new());
    let without = [("k.md", conversation("check-in", "2026-02-01", ""))];
    assert!(!flags(&without, "2026-06-01").contains(&"no-recent-check-in"));
    // A contract agreed after the last conversation starts the clock itself.
    let later = [
        ("w.md", conversation("where-now", "2026-01-10", "")),
        (
            "c.md",
            contract("2026-02-20", "2026-12-31", "2026-12-01", ""),
        ),
    ];
    assert_eq!(flags(&later, "2026-03-27"), Vec::<&str>::new());
    assert_eq!(flags(&later, "2026-03-28"), ["no-recent-check-in"]);
}

#[test]
fn the_next_check_in_is_a_dated_thing_for_the_calendar() {
    let person = status_of(&checked_in("2026-02-01"), "2026-02-20");
    let due: Vec<_> = person
        .dated
        .iter()
        .filter(|d| d.kind == DatedKind::CheckInDue)
        .map(|d| d.date)
        .collect();
    assert_eq!(due, [date("2026-03-08")]);
}
