//! `cairn report` and `cairn calendar` as a manager and a skip-level meet them.

use std::path::{Path, PathBuf};

use crate::support::{cairn, fixtures, write};
use predicates::str::contains;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-repo")
}

fn team() -> PathBuf {
    fixtures().join("report")
}

fn run(repo: &Path, args: &[&str]) -> (String, String, i32) {
    let output = cairn(repo).args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

fn report_json(repo: &Path, as_of: &str) -> serde_json::Value {
    let (stdout, _, code) = run(repo, &["report", "--format", "json", "--as-of", as_of]);
    assert_eq!(code, 0);
    serde_json::from_str(&stdout).unwrap()
}

fn person<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

#[test]
fn every_format_of_the_example_team() {
    for format in ["terminal", "markdown", "html", "json"] {
        let (stdout, stderr, code) = run(
            &example(),
            &["report", "--as-of", "2026-11-25", "--format", format],
        );
        // Mei's April review writes one due date day-first: read, counted, and said.
        assert_eq!(
            (code, stderr.as_str()),
            (
                0,
                "cairn: 1 document with errors, used for what is valid in them; run 'cairn check' to see them\n"
            )
        );
        insta::assert_snapshot!(format!("example_{format}"), stdout);
    }
}

/// The example's own story (example-repo/README.md), as a skip-level reads it on
/// 2026-11-25: `me` scopes the report to Priya's team, a promise withdrawn by agreement is
/// owed by nobody, a promise to a leaver is still Priya's, leave moves Ines's review and
/// says so, and a due date written day-first is read.
#[test]
fn the_example_tells_its_story() {
    let report = report_json(&example(), "2026-11-25");
    // `me: priya-raman`: her team, and neither Dan, Elena nor Priya herself.
    assert_eq!(report["scope"]["managers"][0]["id"], "priya-raman");
    assert_eq!(report["summary"]["people"], 10);
    for id in [
        "dan-whitfield",
        "elena-ruiz",
        "priya-raman",
        "kenji-watanabe",
    ] {
        assert!(
            !report["people"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["id"] == id),
            "{id}"
        );
    }
    // Elena's write-up for Noor passed to Priya with the handover of 2026-07-01: it is
    // counted with Priya's own, and no promise of a previous manager is left without a keeper.
    assert_eq!(report["summary"]["overdue_manager_commitments"], 8);
    assert_eq!(report["summary"]["previous_managers_open_commitments"], 0);
    let own = report["manager_commitments"].as_array().unwrap();
    assert!(own.iter().all(|c| c["manager"] == "priya-raman"));
    let noor = person(&report, "noor-haddad");
    let write_up = noor["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == "people/noor-haddad/2026-03-18-where-going.md" && c["line"] == 54)
        .unwrap();
    assert_eq!(
        (
            write_up["manager"].as_str(),
            write_up["overdue"].as_bool(),
            write_up["taken_over"]["text"].as_str()
        ),
        (
            Some("priya-raman"),
            Some(true),
            Some("taken over from Elena Ruiz on 2026-07-01")
        )
    );
    // Check-ins keep the on-track people unflagged; Jonas and Mei, neglected, have none.
    for id in ["amara-osei", "ines-carvalho", "rafael-souza"] {
        assert_eq!(person(&report, id)["flags"], serde_json::json!([]), "{id}");
    }
    for id in ["jonas-becker", "mei-chen"] {
        assert!(person(&report, id)["flags"]
            .as_array()
            .unwrap()
            .contains(&"no-recent-check-in".into()));
    }
    assert!(!noor["flags"]
        .as_array()
        .unwrap()
        .contains(&"no-handover".into()));
    // Amara's gateway lead, withdrawn at the September review: in no open list.
    let amara = person(&report, "amara-osei");
    let gateway = amara["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["withdrawn"] == true)
        .unwrap();
    assert_eq!(gateway["withdrawn_on"], "2026-09-03");
    assert_eq!(gateway["overdue"], false);
    assert!(!own
        .iter()
        .any(|c| c["path"] == gateway["path"] && c["line"] == gateway["line"]));
    assert_eq!(amara["flags"], serde_json::json!([]));
    // Kenji left on 2026-08-31; what Priya promised him in his last week is still owed.
    let kenji: Vec<_> = own.iter().filter(|c| c["id"] == "kenji-watanabe").collect();
    assert_eq!(kenji.len(), 1);
    assert_eq!(
        (kenji[0]["due"].as_str(), kenji[0]["standing"].as_str()),
        (Some("2026-12-11"), Some("left 2026-08-31"))
    );
    // Ines's leave moved her review, and the report shows the written date with it.
    let ines = person(&report, "ines-carvalho");
    assert_eq!(
        (
            ines["review"]["due"].as_str(),
            ines["review"]["due_written"].as_str()
        ),
        (Some("2026-12-11"), Some("2026-06-11"))
    );
    let (terminal, _, _) = run(&example(), &["report", "--as-of", "2026-11-25"]);
    assert!(terminal.contains("due 2026-12-11 (written 2026-06-11; moved by 183 days of leave)"));
    assert!(!terminal.contains("payment gateway's move"), "{terminal}");
    // Mei's `(due 15/05/2026)` is read as 2026-05-15: overdue, and the document is counted.
    assert_eq!(report["skipped_documents"], 0);
    assert_eq!(report["documents_with_errors"], 1);
    assert!(own
        .iter()
        .any(|c| c["id"] == "mei-chen" && c["due"] == "2026-05-15" && c["overdue"] == true));
    let mei = person(&report, "mei-chen");
    assert!(mei["flags"]
        .as_array()
        .unwrap()
        .contains(&"document-errors".into()));
}

#[test]
fn every_format_of_the_flag_team() {
    for format in ["terminal", "markdown", "html", "json"] {
        let (stdout, stderr, code) = run(
            &team(),
            &["report", "--as-of", "2026-06-15", "--format", format],
        );
        assert_eq!(code, 0);
        assert_eq!(
            stderr,
            "cairn: 1 document with errors, used for what is valid in them; run 'cairn check' to see them\n"
        );
        insta::assert_snapshot!(format!("team_{format}"), stdout);
    }
}

#[test]
fn each_flag_shows_for_the_person_made_for_it() {
    let report = report_json(&team(), "2026-06-15");
    assert_eq!(report["version"], 1);
    assert_eq!(report["as_of"], "2026-06-15");
    // Kai's contract lacks a section: an error of `check`, but the contract is used.
    assert_eq!(report["skipped_documents"], 0);
    assert_eq!(report["documents_with_errors"], 1);
    let expected: &[(&str, &[&str])] = &[
        ("ana-lima", &[]),
        // Joined on 2026-04-01: new until 2026-07-01, so nothing is flagged yet.
        ("ben-okoro", &[]),
        ("cy-park", &["annual-overdue", "no-active-contract"]),
        ("dee-shah", &["contract-expired", "review-overdue"]),
        ("eli-novak", &["missed-follow-up"]),
        ("fay-olsen", &["summary-not-shared"]),
        (
            "gus-mori",
            &["manager-commitments-overdue", "trust-at-risk"],
        ),
        (
            "hal-reed",
            &[
                "manager-commitments-overdue",
                "engineer-commitments-overdue",
            ],
        ),
        ("ivy-chen", &["engineer-commitments-overdue"]),
        ("jon-wu", &[]),
        (
            "kai-ross",
            &[
                "review-overdue",
                "manager-commitments-overdue",
                "engineer-commitments-overdue",
                "document-errors",
            ],
        ),
        (
            "lou-diaz",
            &["never-had-conversation", "no-active-contract"],
        ),
    ];
    let ids: Vec<&str> = report["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, expected.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    for (id, flags) in expected {
        assert_eq!(
            person(&report, id)["flags"],
            serde_json::json!(flags),
            "{id}"
        );
    }
    // Month arithmetic clamps: a review on 2026-01-31 is next due on 2026-04-30.
    assert_eq!(
        person(&report, "dee-shah")["review"],
        serde_json::json!({"last": "2026-01-31", "due": "2026-04-30", "due_written": "2026-04-30", "status": "overdue"})
    );
    assert_eq!(person(&report, "jon-wu")["annual"]["status"], "due-soon");
    assert_eq!(
        person(&report, "ben-okoro")["review"],
        serde_json::Value::Null
    );
    assert_eq!(
        person(&report, "ben-okoro")["contract"],
        serde_json::Value::Null
    );
    let contract = &person(&report, "ana-lima")["contract"];
    assert_eq!(contract["path"], "people/ana-lima/2026-01-28-contract.md");
    assert!(contract["goal"].as_str().unwrap().len() > 20);
    let commitment = &person(&report, "gus-mori")["commitments"][0];
    assert_eq!(
        crate::support::sorted_keys(commitment),
        [
            "done",
            "done_on",
            "due",
            "due_shown",
            "due_written",
            "late",
            "line",
            "manager",
            "manager_name",
            "overdue",
            "owner",
            "path",
            "previous_manager",
            "text",
            "withdrawn",
            "withdrawn_on",
            "withdrawn_reason"
        ]
    );
    let managers: Vec<(&str, &str)> = person(&report, "gus-mori")["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["owner"].as_str().unwrap(),
                c["manager"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert!(managers.contains(&("manager", "mo-ahmed")), "{managers:?}");
    assert!(managers.contains(&("engineer", "-")), "{managers:?}");
    assert_eq!(person(&report, "ben-okoro")["new"], true);
}

#[test]
fn as_of_in_the_past_shows_the_repository_as_it_stood() {
    let before = report_json(&team(), "2026-06-19");
    assert_eq!(
        person(&before, "lou-diaz")["flags"],
        serde_json::json!(["never-had-conversation", "no-active-contract"])
    );
    let after = report_json(&team(), "2026-06-20");
    assert_eq!(person(&after, "lou-diaz")["annual"]["last"], "2026-06-20");
}

#[test]
fn filters_by_engineer_and_by_manager() {
    let ids = |flag: &str, id: &str| -> Vec<String> {
        let (stdout, _, _) = run(
            &team(),
            &[
                "report",
                "--format",
                "json",
                "--as-of",
                "2026-06-15",
                flag,
                id,
            ],
        );
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        report["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("--manager", "kit-larsen"), ["jon-wu"]);
    assert_eq!(ids("--engineer", "gus-mori"), ["gus-mori"]);
    cairn(&team())
        .args(["report", "--engineer", "gus-mory"])
        .assert()
        .code(2)
        .stderr(contains(
            "--engineer gus-mory: nobody with this id in cairn.yaml (did you mean `gus-mori`?)",
        ));
    cairn(&team())
        .args(["report", "--as-of", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(contains("not a calendar date"));
    cairn(&team())
        .args(["report", "--engineer", "mo-ahmed"])
        .assert()
        .code(2)
        .stderr(contains("has no manager"));
}

#[test]
fn output_file_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("r.html", "<!DOCTYPE html>"),
        (
            "r.md",
            "<!-- generated by cairn -->\n# Career conversations",
        ),
        ("r.json", "{"),
        ("r.txt", "Career conversations"),
    ] {
        let file = dir.path().join(name);
        cairn(&team())
            .args(["report", "--as-of", "2026-06-15", "-o"])
            .arg(&file)
            .assert()
            .code(0)
            .stdout("");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with(starts), "{name}: {}", &text[..40]);
        assert!(!text.contains('\x1b'), "{name} has colour");
    }
    // An explicit --format wins over the extension.
    let file = dir.path().join("r.html");
    cairn(&team())
        .args(["report", "--as-of", "2026-06-15", "--format", "json", "-o"])
        .arg(&file)
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(&file).unwrap().starts_with('{'));
}

#[test]
fn the_html_page_escapes_every_value_and_runs_nothing() {
    let repo = tempfile::tempdir().unwrap();
    write(
        repo.path(),
        "cairn.yaml",
        "people:\n  - id: sam\n    name: Sam\n  - id: eve\n    name: \"<script>alert('x')</script> & <b>Eve</b>\"\n    manager: sam\n",
    );
    write(
        repo.path(),
        "people/eve/2026-03-01-where-now.md",
        "---\ntype: where-now\nengineer: eve\nmanager: sam\ndate: 2026-03-01\nfollow_up: 2026-04-01\n---\n## Agreed\n- [ ] @manager ask about \\<script>alert(1)\\</script> & more (due 2026-03-10)\n",
    );
    let (html, _, code) = run(
        repo.path(),
        &["report", "--as-of", "2026-03-20", "--format", "html"],
    );
    assert_eq!(code, 0);
    let page = scraper::Html::parse_document(&html);
    let select = |css| scraper::Selector::parse(css).unwrap();
    assert_eq!(page.select(&select("script")).count(), 0);
    assert_eq!(page.select(&select("img")).count(), 0);
    assert_eq!(
        page.select(&select("link, iframe, object, embed")).count(),
        0
    );
    assert_eq!(page.select(&select("style")).count(), 1);
    let text: String = page.root_element().text().collect();
    assert!(
        text.contains("<script>alert('x')</script> & <b>Eve</b>"),
        "the name is shown as text"
    );
    assert!(
        text.contains("ask about <script>alert(1)</script> & more"),
        "{html}"
    );
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="));
    for element in page
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, _) in element.value().attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}");
        }
    }
}

#[test]
fn markdown_tables_escape_pipes() {
    let repo = tempfile::tempdir().unwrap();
    write(
        repo.path(),
        "cairn.yaml",
        "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al | Ops\n    manager: sam\n",
    );
    write(
        repo.path(),
        "people/al/2026-03-01-where-now.md",
        "---\ntype: where-now\nengineer: al\nmanager: sam\ndate: 2026-03-01\nfollow_up: 2026-04-01\n---\n## Agreed\n- [ ] @manager split a | b (due 2026-03-10)\n",
    );
    let (markdown, _, _) = run(
        repo.path(),
        &["report", "--as-of", "2026-03-20", "--format", "markdown"],
    );
    assert!(markdown.contains("| Al \\| Ops |"), "{markdown}");
    assert!(markdown.contains("split a \\| b"), "{markdown}");
}

#[test]
fn private_notes_reach_no_format_and_not_the_calendar() {
    let marker = "PRIVATE-MARKER-REPORT";
    assert!(
        std::fs::read_to_string(team().join("people/ana-lima/2026-01-20-where-now.md"))
            .unwrap()
            .contains(marker)
    );
    let mut outputs = Vec::new();
    for format in ["terminal", "markdown", "html", "json"] {
        outputs.push(run(
            &team(),
            &[
                "report",
                "--as-of",
                "2026-06-15",
                "--format",
                format,
                "--color",
                "always",
            ],
        ));
    }
    outputs.push(run(&team(), &["calendar", "--as-of", "2026-01-01"]));
    outputs.push(run(&team(), &["check", "--format", "json"]));
    for (stdout, stderr, _) in outputs {
        assert!(!stdout.contains(marker) && !stderr.contains(marker));
    }
}

#[test]
fn the_calendar_parses_back_with_stable_unique_uids() {
    let (first, _, code) = run(&team(), &["calendar", "--as-of", "2026-06-15"]);
    assert_eq!(code, 0);
    let (second, _, _) = run(&team(), &["calendar", "--as-of", "2026-06-15"]);
    assert_eq!(first, second, "two runs give identical output");
    let calendar: icalendar::Calendar = first.parse().unwrap();
    use icalendar::Component;
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert!(events.len() > 10, "{}", events.len());
    let mut uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    let count = uids.len();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), count, "UIDs are unique");
    for event in &events {
        let start = event.get_start().unwrap();
        let icalendar::DatePerhapsTime::Date(day) = start else {
            panic!("not all-day: {start:?}")
        };
        assert!(day >= chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap());
    }
    assert!(first.contains("DTSTAMP:20260615T000000Z"));
    // A later run keeps the UIDs of the events that are still upcoming.
    let (later, _, _) = run(&team(), &["calendar", "--as-of", "2026-07-01"]);
    let later: icalendar::Calendar = later.parse().unwrap();
    let later_uids: Vec<&str> = later.events().map(|e| e.get_uid().unwrap()).collect();
    let july = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    for event in &events {
        if matches!(event.get_start(), Some(icalendar::DatePerhapsTime::Date(day)) if day >= july) {
            assert!(
                later_uids.contains(&event.get_uid().unwrap()),
                "{:?}",
                event.get_uid()
            );
        }
    }
    insta::assert_snapshot!(first.replace("\r\n", "\n"));
}

#[test]
fn a_repository_template_overrides_the_default_and_bad_ones_are_exit_2() {
    let repo = crate::support::copy_fixture("report");
    write(
        repo.path(),
        "templates/report.md.j2",
        "{{ people | length }} people as of {{ as_of }}\n",
    );
    let (stdout, _, code) = run(
        repo.path(),
        &["report", "--as-of", "2026-06-15", "--format", "markdown"],
    );
    // A Markdown report always starts with the marker that keeps it out of `check`.
    assert_eq!(
        (stdout.as_str(), code),
        (
            "<!-- generated by cairn -->\n12 people as of 2026-06-15\n",
            0
        )
    );
    // The other formats keep their defaults.
    let (stdout, _, _) = run(
        repo.path(),
        &["report", "--as-of", "2026-06-15", "--format", "html"],
    );
    assert!(stdout.starts_with("<!DOCTYPE html>"));

    write(
        repo.path(),
        "templates/report.md.j2",
        "{% for p in people %}\n{{ p.name }\n",
    );
    cairn(repo.path())
        .args(["report", "--format", "markdown"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("template report.md.j2"))
        .stderr(contains("line 2"));

    write(
        repo.path(),
        "templates/report.md.j2",
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    );
    cairn(repo.path())
        .args(["report", "--format", "markdown"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(contains("template report.md.j2"));
}

#[test]
fn report_and_calendar_need_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    cairn(dir.path())
        .arg("report")
        .assert()
        .code(2)
        .stderr(contains("cairn init"));
    cairn(dir.path())
        .arg("calendar")
        .assert()
        .code(2)
        .stderr(contains("cairn init"));
}

#[test]
fn private_notes_under_any_heading_level_stay_private() {
    let repo = tempfile::tempdir().unwrap();
    write(repo.path(), "cairn.yaml", crate::support::ROSTER);
    let front = |kind: &str, extra: &str| {
        format!("---\ntype: {kind}\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-01\n{extra}---\n")
    };
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-01-where-now.md",
        &format!("{}# Where now\n## What we agreed\n- [ ] @manager book it (due 2026-04-01)\n### Private notes\n- [ ] @manager SECRET-A (due 2026-04-02)\nSECRET-B prose\n# Private notes\n- [ ] @engineer SECRET-C (due 2026-04-03)\n", front("where-now", "follow_up: 2026-04-01\n")),
    );
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-01-contract.md",
        &format!(
            "{}## Development goal\nBuild the capability to lead cross-team initiatives independently and well.\n### Private notes\nSECRET-D about the goal\n## Organisational commitment\n- [ ] Introduce Alice (due 2026-04-01)\n## Engineer commitment\n- [ ] Write the design (due 2026-04-01)\n## Evidence of success\nA design review.\n## Review cadence\nQuarterly.\n## Limitations\nNo headcount.\n",
            front("contract", "status: active\nstart: 2026-03-01\nend: 2027-02-28\n")
        ),
    );
    let mut outputs = Vec::new();
    for format in ["terminal", "markdown", "html", "json"] {
        outputs.push(run(
            repo.path(),
            &["report", "--as-of", "2026-03-20", "--format", format],
        ));
    }
    outputs.push(run(repo.path(), &["calendar", "--as-of", "2026-03-20"]));
    outputs.push(run(repo.path(), &["check"]));
    outputs.push(run(
        repo.path(),
        &[
            "new",
            "prep",
            "alice-nguyen",
            "--date",
            "2026-03-20",
            "--stdout",
        ],
    ));
    outputs.push(run(
        repo.path(),
        &[
            "new",
            "progress-review",
            "alice-nguyen",
            "--date",
            "2026-03-20",
            "--stdout",
        ],
    ));
    for (stdout, stderr, _) in &outputs {
        assert!(
            !stdout.contains("SECRET") && !stderr.contains("SECRET"),
            "{stdout}{stderr}"
        );
    }
    assert!(
        outputs[0].0.contains("book it"),
        "the open commitment outside is still reported"
    );
}

#[test]
fn the_skipped_documents_counted_are_the_ones_named() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::write(
        dir.path(),
        "cairn.yaml",
        "people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\n  - id: bo\n    name: Bo\n    manager: sam\n    left: 2025-01-31\n",
    );
    let bad = |engineer: &str| {
        format!("---\ntype: where-now\nengineer: {engineer}\nmanager: sam\ndate: 2024-13-45\n---\n\n## What I heard\n\nx\n")
    };
    crate::support::write(dir.path(), "people/bo/2024-05-01-where-now.md", &bad("bo"));
    let skipped = |dir: &std::path::Path| {
        let out = crate::support::run(
            dir,
            &["report", "--format", "json", "--as-of", "2026-06-01"],
        );
        assert_eq!(out.code, 0, "{}", out.all());
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let named = json["skipped"].as_array().unwrap().len();
        (
            json["skipped_documents"].as_u64().unwrap_or(u64::MAX),
            named,
        )
    };
    // A leaver's is out of the report: neither counted nor named.
    assert_eq!(skipped(dir.path()), (0, 0));
    crate::support::write(dir.path(), "people/al/2024-05-01-where-now.md", &bad("al"));
    assert_eq!(skipped(dir.path()), (1, 1));
}

#[test]
fn report_o_never_writes_over_the_roster_or_a_note() {
    let repo = crate::support::copy_fixture("frameworks");
    let note = "people/al-ng/2026-01-28-contract.md";
    for target in ["cairn.yaml", note] {
        let before = std::fs::read(repo.path().join(target)).unwrap();
        let out = crate::support::run(
            repo.path(),
            &["report", "--as-of", "2026-06-15", "-o", target],
        );
        assert_eq!(out.code, 2, "{target}: {}", out.all());
        assert!(
            out.stderr.contains("cairn never overwrites your notes"),
            "{}",
            out.stderr
        );
        assert_eq!(std::fs::read(repo.path().join(target)).unwrap(), before);
    }
    // Its own Markdown report, it replaces, however long.
    for _ in 0..2 {
        let out = crate::support::run(
            repo.path(),
            &["report", "--as-of", "2026-06-15", "-o", "report.md"],
        );
        assert_eq!(out.code, 0, "{}", out.all());
    }
    let long = format!(
        "{}\n{}",
        cairn::model::document::GENERATED_MARKER,
        "a line of an old report\n".repeat(60_000)
    );
    crate::support::write(repo.path(), "long.md", &long);
    let out = crate::support::run(
        repo.path(),
        &["report", "--as-of", "2026-06-15", "-o", "long.md"],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(std::fs::read_to_string(repo.path().join("long.md"))
        .unwrap()
        .contains("Career conversations"));
    // What it cannot read, it cannot tell it wrote: it leaves it alone.
    std::fs::create_dir(repo.path().join("old.md")).unwrap();
    let out = crate::support::run(
        repo.path(),
        &["report", "--as-of", "2026-06-15", "-o", "old.md"],
    );
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("cannot be read"), "{}", out.stderr);
    assert!(repo.path().join("old.md").is_dir());
}

/// A contract renewed in advance: the new one, dated 2026-09-10 and already `active`, does
/// not exist before its date, so the running contract is not "one of two active" until then.
#[test]
fn a_contract_dated_later_makes_no_error_before_its_date() {
    let repo = tempfile::tempdir().unwrap();
    let fixture = fixtures().join("rules/multiple-active-contracts");
    std::fs::copy(fixture.join("cairn.yaml"), repo.path().join("cairn.yaml")).unwrap();
    let contract =
        std::fs::read_to_string(fixture.join("people/alice-nguyen/pass-draft.md")).unwrap();
    let dated = |date: &str| {
        contract
            .replace("date: 2026-03-25", &format!("date: {date}"))
            .replace("status: draft", "status: active")
    };
    write(
        repo.path(),
        "people/alice-nguyen/2026-01-10-contract.md",
        &dated("2026-01-10"),
    );
    write(
        repo.path(),
        "people/alice-nguyen/2026-09-10-contract.md",
        &dated("2026-09-10"),
    );
    let flagged = |as_of: &str| {
        let report = report_json(repo.path(), as_of);
        let flags = person(&report, "alice-nguyen")["flags"].clone();
        let errors = report["documents_with_errors"].as_u64().unwrap();
        let (story, _, code) = run(
            repo.path(),
            &["show", "alice-nguyen", "--format", "json", "--as-of", as_of],
        );
        assert_eq!(code, 0);
        let story: serde_json::Value = serde_json::from_str(&story).unwrap();
        let in_story = story["flags"].to_string().contains("document-errors");
        assert_eq!(
            in_story,
            flags.to_string().contains("document-errors"),
            "{as_of}"
        );
        (flags.to_string().contains("document-errors"), errors)
    };
    assert_eq!(flagged("2026-09-09"), (false, 0));
    assert_eq!(flagged("2026-09-10"), (true, 2));
    assert_eq!(flagged("2026-09-11"), (true, 2));
    // `check` has no date: both contracts are active now.
    let (found, _, code) = run(repo.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        found.matches("multiple-active-contracts").count(),
        2,
        "{found}"
    );
}
