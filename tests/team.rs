//! A team over time, as a manager lives it: a reorg, a leave, a leaver, a slip in a file,
//! and a roster that names the manager's own manager and peers. The report, `show`,
//! `commitments` and the calendar must say who promised what, show every moved date with
//! the written one, name every file they could not read, and flag nobody outside `me`'s
//! team.

use std::path::Path;

use crate::support::{cairn, write};

const ROSTER: &str = "people:
  - id: vera-lund
    name: Vera Lund
  - id: sam-okafor
    name: Sam Okafor
    manager: vera-lund
  - id: dana-reyes
    name: Dana Reyes
    manager: vera-lund
  - id: carla-mendes
    name: Carla Mendes
    manager: dana-reyes
    since: 2024-01-01
    previous_managers:
      - id: sam-okafor
        until: 2026-06-30
  - id: dev-patel
    name: Dev Patel
    manager: sam-okafor
    since: 2024-01-01
  - id: lee-park
    name: Lee Park
    manager: sam-okafor
    since: 2024-01-01
    left: 2026-08-28
  - id: ali-khan
    name: Ali Khan
    manager: sam-okafor
    since: 2024-01-01
    away:
      - from: 2026-06-01
        to: 2026-09-30
me: sam-okafor
";

fn conversation(kind: &str, engineer: &str, day: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntype: {kind}\nengineer: {engineer}\nmanager: sam-okafor\ndate: {day}\nsummary_shared: {day}\n{extra}---\n\n## What we agreed\n\n{body}"
    )
}

fn team() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cairn.yaml", ROSTER);
    write(
        root,
        "people/carla-mendes/2026-03-01-where-now.md",
        &conversation(
            "where-now",
            "carla-mendes",
            "2026-03-01",
            "follow_up: 2099-01-01\n",
            "- [ ] @manager find Carla a mentor in platform (due 2026-04-01)\n",
        ),
    );
    write(
        root,
        "people/lee-park/2026-05-01-as-needed.md",
        &conversation(
            "as-needed",
            "lee-park",
            "2026-05-01",
            "trigger: leaving\nfollow_up: 2099-01-01\n",
            "- [ ] @manager write Lee's reference (due 2026-09-15)\n",
        ),
    );
    write(
        root,
        "people/ali-khan/2026-05-20-as-needed.md",
        &conversation(
            "as-needed",
            "ali-khan",
            "2026-05-20",
            "trigger: leave\nfollow_up: 2026-06-05\n",
            "- [ ] @manager keep the ownership area stable (due 2026-06-05)\n- [ ] @engineer write the design doc (due 2026-06-05)\n",
        ),
    );
    write(
        root,
        "people/dev-patel/2026-01-10-where-now.md",
        &conversation(
            "where-now",
            "dev-patel",
            "2026-01-10",
            "follow_up: 2099-01-01\n",
            "- [x] @engineer draft the goal (due 2026-02-01) (done 2026-01-20)\n",
        ),
    );
    // A tab before `follow_up:`: the front matter is no YAML any more.
    write(
        root,
        "people/dev-patel/2026-03-13-where-going.md",
        "---\ntype: where-going\nengineer: dev-patel\nmanager: sam-okafor\n\tfollow_up: 2026-06-01\ndate: 2026-03-13\n---\n\n## What we agreed\n\n- [ ] @manager book the contract review (due 2026-04-01)\n",
    );
    dir
}

fn run(repo: &Path, args: &[&str]) -> (String, String, i32) {
    let output = cairn(repo).args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

fn json(repo: &Path, args: &[&str]) -> serde_json::Value {
    let (stdout, stderr, code) = run(repo, args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn report(repo: &Path, as_of: &str, more: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--format", "json", "--as-of", as_of];
    args.extend(more);
    json(repo, &args)
}

fn ids(report: &serde_json::Value) -> Vec<&str> {
    report["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect()
}

fn person<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the report"))
}

fn flags(report: &serde_json::Value, id: &str) -> Vec<String> {
    person(report, id)["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_skipped_document_is_named_in_every_format_in_show_and_on_stderr() {
    let repo = team();
    let path = "people/dev-patel/2026-03-13-where-going.md";
    let json = report(repo.path(), "2026-11-25", &[]);
    assert!(flags(&json, "dev-patel").contains(&"document-errors".to_owned()));
    assert_eq!(json["skipped"][0]["path"], path);
    assert!(json["skipped"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("line 5, "));
    for format in ["terminal", "markdown", "html"] {
        let (stdout, stderr, code) = run(
            repo.path(),
            &["report", "--as-of", "2026-11-25", "--format", format],
        );
        assert_eq!(code, 0);
        // HTML escapes the path's slashes, as every value there.
        let shown = if format == "html" {
            path.replace('/', "&#x2f;")
        } else {
            path.to_owned()
        };
        assert!(
            stdout.contains(&format!("{shown} could not be read: line 5")),
            "{format}: {stdout}"
        );
        assert!(stdout.contains("may be wrong because of it"), "{format}");
        assert!(
            stderr.contains(&format!("{path} could not be read")),
            "{stderr}"
        );
    }
    let (story, _, _) = run(repo.path(), &["show", "dev-patel", "--as-of", "2026-11-25"]);
    assert!(
        story.contains(&format!("{path} could not be read")),
        "{story}"
    );
    assert!(story.contains("document-errors"), "{story}");
    let (_, stderr, _) = run(repo.path(), &["commitments", "--as-of", "2026-11-25"]);
    assert!(stderr.contains(path) && stderr.contains("its commitments are not listed"));
}

#[test]
fn a_document_in_a_persons_folder_is_theirs_even_without_an_engineer() {
    let repo = team();
    write(
        repo.path(),
        "people/ali-khan/2026-04-01-notes.md",
        "---\ntype: as-needed\ndate: 2026-04-01\n---\n",
    );
    let json = report(repo.path(), "2026-11-25", &[]);
    assert!(flags(&json, "ali-khan").contains(&"document-errors".to_owned()));
    let (stdout, _, _) = run(repo.path(), &["report", "--as-of", "2026-11-25"]);
    assert!(stdout.contains(
        "people/ali-khan/2026-04-01-notes.md could not be read: the engineer is missing"
    ));
}

#[test]
fn me_is_the_default_scope_and_cairn_me_overrides_it() {
    let repo = team();
    // Sam's own manager and peers are in the roster, and never flagged in his report.
    assert_eq!(
        ids(&report(repo.path(), "2026-07-15", &[])),
        ["ali-khan", "dev-patel", "lee-park"]
    );
    let output = cairn(repo.path())
        .env("CAIRN_ME", "vera-lund")
        .args(["report", "--format", "json", "--as-of", "2026-07-15"])
        .output()
        .unwrap();
    let vera: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        ids(&vera),
        [
            "ali-khan",
            "carla-mendes",
            "dana-reyes",
            "dev-patel",
            "lee-park",
            "sam-okafor"
        ]
    );
    let output = cairn(repo.path())
        .env("CAIRN_ME", "sam-okafr")
        .args(["report", "--as-of", "2026-07-15"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("sam-okafor"));
    write(
        repo.path(),
        "cairn.yaml",
        &ROSTER.replace("me: sam-okafor", "me: sam"),
    );
    let (_, stderr, code) = run(repo.path(), &["report"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`me` names `sam`"), "{stderr}");
}

#[test]
fn a_promise_stays_with_whoever_made_it() {
    let repo = team();
    let sam = report(repo.path(), "2026-11-25", &[]);
    let owed: Vec<(&str, &str)> = sam["manager_commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["standing"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // Carla is Dana's report now and Lee has left; Sam still owes them both.
    assert!(
        owed.contains(&("carla-mendes", "now Dana Reyes's report")),
        "{owed:?}"
    );
    assert!(owed.contains(&("lee-park", "left 2026-08-28")), "{owed:?}");
    assert!(owed.contains(&("ali-khan", "")), "{owed:?}");
    assert_eq!(sam["summary"]["overdue_manager_commitments"], 3);
    assert_eq!(sam["summary"]["previous_managers_open_commitments"], 0);

    // Dana never promised Carla anything: not her lateness, but still Carla's story.
    let dana = report(repo.path(), "2026-11-25", &["--manager", "dana-reyes"]);
    assert_eq!(dana["manager_commitments"].as_array().unwrap().len(), 0);
    assert_eq!(dana["summary"]["overdue_manager_commitments"], 0);
    assert_eq!(dana["summary"]["previous_managers_open_commitments"], 1);
    let carla = &person(&dana, "carla-mendes")["commitments"][0];
    assert_eq!(carla["manager_name"], "Sam Okafor");
    assert_eq!(carla["previous_manager"], true);
    let (text, _, _) = run(
        repo.path(),
        &["report", "--as-of", "2026-11-25", "--manager", "dana-reyes"],
    );
    assert!(text.contains("Sam Okafor (previous manager)"), "{text}");

    let list = json(
        repo.path(),
        &[
            "commitments",
            "--manager",
            "sam-okafor",
            "--as-of",
            "2026-11-25",
            "--format",
            "json",
        ],
    );
    let to: Vec<&str> = list["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        to.contains(&"lee-park") && to.contains(&"carla-mendes"),
        "{to:?}"
    );
}

#[test]
fn leave_moves_the_engineers_dates_and_shows_the_written_one() {
    let repo = team();
    let moved = "2026-10-05 (written 2026-06-05; moved by 122 days of leave)";
    // The follow-up agreed before the leave: missed the day after its moved date.
    for (as_of, missed) in [
        ("2026-10-04", false),
        ("2026-10-05", false),
        ("2026-10-06", true),
    ] {
        let json = report(repo.path(), as_of, &[]);
        assert_eq!(
            flags(&json, "ali-khan").contains(&"missed-follow-up".to_owned()),
            missed,
            "{as_of}"
        );
        let engineer = person(&json, "ali-khan")["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["owner"] == "engineer")
            .unwrap()
            .clone();
        assert_eq!(engineer["due"], "2026-10-05");
        assert_eq!(engineer["due_written"], "2026-06-05");
        assert_eq!(engineer["overdue"], missed, "{as_of}");
    }
    let (text, _, _) = run(repo.path(), &["report", "--as-of", "2026-10-06"]);
    assert!(text.contains(moved), "{text}");
    assert!(
        text.contains("follow-up agreed in the as-needed conversation of 2026-05-20 missed"),
        "{text}"
    );
    // The manager was not away: the promise is due on the day written.
    for (as_of, overdue) in [
        ("2026-06-04", false),
        ("2026-06-05", false),
        ("2026-06-06", true),
    ] {
        let json = report(repo.path(), as_of, &[]);
        let promise = json["manager_commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "ali-khan")
            .unwrap()
            .clone();
        assert_eq!(promise["due"], "2026-06-05");
        assert_eq!(promise["overdue"], overdue, "{as_of}");
    }
    let (calendar, _, _) = run(repo.path(), &["calendar", "--as-of", "2026-09-01"]);
    let unfolded = calendar.replace("\r\n ", "");
    assert!(
        unfolded.contains("written 2026-06-05\\; moved by 122 days of leave"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("as-needed conversation of 2026-05-20"),
        "{unfolded}"
    );
}

#[test]
fn a_conversation_after_the_return_meets_a_follow_up_agreed_before_the_leave() {
    let repo = team();
    // The window opens `due_soon_days` before the written date (2026-06-05), not the
    // moved one (2026-10-05): the day after the conversation already meets it.
    for (day, met) in [
        ("2026-05-20", false),
        ("2026-05-21", true),
        ("2026-10-01", true),
    ] {
        write(
            repo.path(),
            "people/ali-khan/2026-later-as-needed.md",
            &conversation(
                "as-needed",
                "ali-khan",
                day,
                "trigger: x\n",
                "Talked it through.\n",
            ),
        );
        let json = report(repo.path(), "2026-11-25", &[]);
        assert_eq!(
            !flags(&json, "ali-khan").contains(&"missed-follow-up".to_owned()),
            met,
            "{day}"
        );
    }
}

#[test]
fn a_promise_to_someone_who_left_is_in_the_managers_calendar() {
    let repo = team();
    let (calendar, _, code) = run(repo.path(), &["calendar", "--as-of", "2026-11-25"]);
    assert_eq!(code, 0);
    // Unfolded: a long SUMMARY line is folded at 75 octets.
    let calendar = calendar.replace("\r\n ", "");
    assert!(
        calendar.contains("SUMMARY:Sam Okafor's commitment to Lee Park (left 2026-08-28): write Lee's reference: overdue since 2026-09-15"),
        "{calendar}"
    );
    assert!(
        calendar.contains("Sam Okafor's commitment to Carla Mendes (now Dana Reyes's report)"),
        "{calendar}"
    );
}

#[test]
fn a_withdrawn_promise_is_no_open_one_in_the_report() {
    let repo = team();
    write(
        repo.path(),
        "people/dev-patel/2026-02-10-as-needed.md",
        &conversation(
            "as-needed",
            "dev-patel",
            "2026-02-10",
            "trigger: other\nfollow_up: 2099-01-01\n",
            "- [-] @manager sponsor Dev for the Q2 rotation (due 2026-05-01) (withdrawn 2026-04-10: the rotation was cancelled)\n- [ ] @engineer get staging access ❌ 2026-09-05 (due 2026-12-20)\n",
        ),
    );
    for format in ["terminal", "markdown", "html"] {
        let (text, _, code) = run(
            repo.path(),
            &[
                "report",
                "--as-of",
                "2026-11-25",
                "--engineer",
                "dev-patel",
                "--format",
                format,
            ],
        );
        assert_eq!(code, 0);
        assert!(!text.contains("sponsor Dev"), "{format}: {text}");
        // The open item shows, without the withdrawn marker it carries by mistake.
        assert!(text.contains("get staging access"), "{format}: {text}");
        assert!(!text.contains('❌'), "{format}: {text}");
    }
    // Before its withdrawn date it was an open promise.
    let (text, _, _) = run(
        repo.path(),
        &["report", "--as-of", "2026-04-09", "--engineer", "dev-patel"],
    );
    assert!(text.contains("sponsor Dev"), "{text}");
}

#[test]
fn the_counts_of_documents_with_errors_are_of_the_people_in_the_report() {
    let repo = team();
    // Dev's tab slip is Sam's report's; Dana's report sees none of it.
    let sam = report(repo.path(), "2026-11-25", &[]);
    assert_eq!(sam["skipped_documents"], 1);
    let dana = report(repo.path(), "2026-11-25", &["--manager", "dana-reyes"]);
    assert_eq!(dana["skipped_documents"], 0);
}
