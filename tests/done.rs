//! `cairn done PATH:LINE`: a commitment ticked with its date, or withdrawn by agreement,
//! from the to-do list's own `path:line`; refused, with nothing written, when the line is
//! no open task item, lies in private notes, or the file changed.

use std::path::Path;

use crate::support::{run, write, ROSTER};

const PATH: &str = "people/alice-nguyen/2026-03-13-where-now.md";

const NOTE: &str = "---
type: where-now
engineer: alice-nguyen
manager: sam-okafor
date: 2026-03-13
follow_up: 2026-06-15
summary_shared: 2026-03-14
---

## What I heard

Alice wants to lead the billing work.

## What we agreed

- [ ] @manager intro to the platform lead (due 2026-04-15)
- [x] @engineer read the billing code (done 2026-03-30)
- [ ] @engineer write the billing RFC (due 2026-04-30)

## Private notes

- [ ] @manager ask HR about the band
";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", ROSTER);
    write(dir.path(), PATH, NOTE);
    dir
}

fn text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(PATH)).unwrap()
}

#[test]
fn the_to_do_list_gives_the_line_done_takes() {
    let dir = repo();
    let listed = run(dir.path(), &["commitments", "--as-of", "2026-04-01"]);
    assert!(
        listed.stdout.contains(&format!("{PATH}:16")),
        "{}",
        listed.stdout
    );
    let done = run(
        dir.path(),
        &["done", &format!("{PATH}:16"), "--date", "2026-04-10"],
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(
        done.stdout,
        "- [x] @manager intro to the platform lead (due 2026-04-15) (done 2026-04-10)\n"
    );
    assert!(text(dir.path()).contains(
        "\n- [x] @manager intro to the platform lead (due 2026-04-15) (done 2026-04-10)\n"
    ));
    // Before the day it was done it was still open; from that day it is done.
    for (as_of, state) in [
        ("2026-04-09", "open"),
        ("2026-04-10", "done"),
        ("2026-04-11", "done"),
    ] {
        let all = run(
            dir.path(),
            &["commitments", "--all", "--as-of", as_of, "--format", "json"],
        );
        let json: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
        let intro = json["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["line"] == 16)
            .unwrap()
            .clone();
        assert_eq!(intro["state"], state, "{as_of}");
    }
}

#[test]
fn a_withdrawn_promise_is_written_with_its_day_and_reason() {
    let dir = repo();
    let done = run(
        dir.path(),
        &[
            "done",
            &format!("{PATH}:18"),
            "--date",
            "2026-04-20",
            "--withdraw",
            "the billing work moved to another team",
        ],
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(
        done.stdout,
        "- [-] @engineer write the billing RFC (due 2026-04-30) (withdrawn 2026-04-20: the billing work moved to another team)\n"
    );
    for (as_of, state) in [
        ("2026-04-19", "open"),
        ("2026-04-20", "withdrawn"),
        ("2026-05-01", "withdrawn"),
    ] {
        let all = run(
            dir.path(),
            &["commitments", "--all", "--as-of", as_of, "--format", "json"],
        );
        let json: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
        let rfc = json["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["line"] == 18)
            .unwrap()
            .clone();
        assert_eq!(rfc["state"], state, "{as_of}");
        assert_eq!(rfc["overdue"], false, "{as_of}");
    }
    let check = run(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
}

#[test]
fn done_refuses_and_writes_nothing() {
    let dir = repo();
    for (line, why) in [
        (17, "done already"),
        (14, "no open task item"),
        (22, "private notes"),
        (99, "lines"),
    ] {
        let outcome = run(
            dir.path(),
            &["done", &format!("{PATH}:{line}"), "--date", "2026-04-10"],
        );
        assert_eq!(outcome.code, 2, "{line}");
        assert!(outcome.stderr.contains(why), "{line}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("nothing was written"),
            "{line}: {}",
            outcome.stderr
        );
        assert!(outcome.stdout.is_empty(), "{line}");
        assert_eq!(text(dir.path()), NOTE, "{line}");
    }
    for item in [
        "nowhere.md:3",
        PATH,
        "people/alice-nguyen/2026-03-13-where-now.md:x",
    ] {
        let outcome = run(dir.path(), &["done", item]);
        assert_eq!(outcome.code, 2, "{item}");
        assert_eq!(text(dir.path()), NOTE, "{item}");
    }
}

#[cfg(unix)]
#[test]
fn done_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo();
    let file = dir.path().join(PATH);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let done = run(dir.path(), &["done", &format!("{PATH}:16")]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let today = chrono::Local::now().date_naive().to_string();
    assert!(text(dir.path()).contains(&format!("(done {today})")));
}

#[test]
fn the_new_line_reaches_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", ROSTER);
    write(
        dir.path(),
        PATH,
        &NOTE.replace(
            "intro to the platform lead",
            "intro \u{1b}]0;pwned\u{7} to the lead",
        ),
    );
    let line = NOTE.lines().position(|l| l.contains("intro to")).unwrap() + 1;
    let out = run(
        dir.path(),
        &["done", &format!("{PATH}:{line}"), "--date", "2026-04-10"],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'),
        "{:?}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("intro \\x1b]0;pwned\\x07 to the lead (due 2026-04-15) (done 2026-04-10)"),
        "{:?}",
        out.stdout
    );
    // The file itself keeps what was written.
    assert!(text(dir.path()).contains("intro \u{1b}]0;pwned\u{7} to the lead"));
}
