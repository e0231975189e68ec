//! SPEC 6's linear time, on the two inputs that once took most of a minute: a
//! `cairn-ignore` comment naming 300,000 words and a roster of 20,000 people in one chain
//! of managers. The counts of work are compared in the unit tests (no clock here); these
//! runs show that the binary finishes on them and says the right things.

use crate::support::{check_json, findings, run, write, ROSTER};

/// The 300,000 names: two letters or digits each (as many as fit in a notes file), a
/// misspelt rule now and then, and one real rule, which is turned off.
fn names() -> Vec<String> {
    let symbols: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    let mut names: Vec<String> = (0..300_000)
        .map(|n| format!("{}{}", symbols[n % 36], symbols[n / 36 % 36]))
        .collect();
    for n in (0..names.len()).step_by(50_000) {
        names[n] = "no-folow-up".to_owned();
    }
    names[1] = "placeholder-text".to_owned();
    names
}

#[test]
fn a_comment_naming_300000_words_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", ROSTER);
    let document = format!(
        "---\ntype: prep\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-01\n---\n# Preparing\n\n<!-- cairn-ignore: {} -->\n\n## Where Alice is operating\nTODO\n",
        names().join(",")
    );
    write(
        dir.path(),
        "people/alice-nguyen/2026-03-01-prep.md",
        &document,
    );
    let (report, code) = check_json(dir.path());
    assert_eq!(code, 0, "warnings only");
    let found = findings(&report);
    // Every name but the one rule is unknown; the placeholder's finding is turned off.
    assert_eq!(found.len(), 299_999);
    assert!(found
        .iter()
        .all(|(_, line, rule)| *line == 9 && rule == "unknown-rule"));
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    let suggested: Vec<&&str> = messages
        .iter()
        .filter(|m| m.contains("(did you mean `no-follow-up`?)"))
        .collect();
    assert_eq!(suggested.len(), 6);
    assert!(suggested.iter().all(|m| m.starts_with("`no-folow-up`")));
    assert_eq!(
        messages[1],
        "`ca` in this cairn-ignore comment is not a rule; 'cairn explain --list' lists them"
    );
}

/// A roster of `length` people, each managed by the one before; `circle`: the first is
/// managed by the last.
fn chain(length: usize, circle: bool) -> String {
    let mut roster = String::from("people:\n");
    for n in 1..=length {
        let manager = match n {
            1 if circle => format!(", manager: p{length}"),
            1 => String::new(),
            n => format!(", manager: p{}", n - 1),
        };
        roster.push_str(&format!("  - {{id: p{n}, name: P{n}{manager}}}\n"));
    }
    roster
}

#[test]
fn a_chain_of_20000_managers_is_read_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cairn.yaml", &chain(20_000, false));
    let checked = run(dir.path(), &["check"]);
    assert_eq!(checked.code, 0, "{}", checked.all());
    let reported = run(
        dir.path(),
        &[
            "report",
            "--as-of",
            "2026-11-25",
            "--under",
            "p1",
            "--format",
            "json",
        ],
    );
    assert_eq!(reported.code, 0, "{}", reported.stderr);
    let report: serde_json::Value = serde_json::from_str(&reported.stdout).unwrap();
    assert_eq!(report["people"].as_array().unwrap().len(), 19_999);
    let under = run(
        dir.path(),
        &[
            "report",
            "--as-of",
            "2026-11-25",
            "--under",
            "p19998",
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&under.stdout).unwrap();
    let ids: Vec<&str> = report["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["p19999", "p20000"]);

    write(dir.path(), "cairn.yaml", &chain(20_000, true));
    let circle = run(dir.path(), &["check"]);
    assert_eq!(circle.code, 2);
    assert!(
        circle.stderr.contains(
            "cairn.yaml:2:33: the managers of `p1` go round in a circle now: someone at the top of the chain has no manager"
        ),
        "{}",
        circle.stderr
    );
}
