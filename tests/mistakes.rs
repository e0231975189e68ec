//! A catalogue of the YAML mistakes people really make, in front matter
//! (`tests/fixtures/yaml-mistakes/*.md`) and in `cairn.yaml`
//! (`tests/fixtures/yaml-mistakes/cairn-yaml/*.yaml`): each gets a sentence a manager can
//! act on, at the line to change, and the table of them in `docs/format.md` says what cairn
//! prints.

use std::path::Path;

use crate::support::{check_json, fixtures, run};

fn catalogue() -> std::path::PathBuf {
    fixtures().join("yaml-mistakes")
}

/// The notes format's page, which holds the table of mistakes.
fn format_page() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md")).unwrap()
}

/// The document and the first line of each finding's message: the plain words, without
/// the parser's second line.
fn messages() -> Vec<(String, String)> {
    let (report, code) = check_json(&catalogue());
    assert_eq!(code, 1, "every mistake is an error");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            (
                d["path"].as_str().unwrap().to_owned(),
                message.lines().next().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn each_front_matter_mistake_gets_one_plain_finding() {
    let (report, _) = check_json(&catalogue());
    let documents = std::fs::read_dir(catalogue())
        .unwrap()
        .filter(|entry| entry.as_ref().unwrap().path().extension() == Some("md".as_ref()))
        .count();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), documents, "one finding per mistake");
    for diagnostic in diagnostics {
        let message = diagnostic["message"].as_str().unwrap();
        assert!(
            !message.starts_with("front matter is not valid YAML"),
            "{}: only the parser's words: {message}",
            diagnostic["path"]
        );
    }
}

#[test]
fn front_matter_mistakes_as_a_manager_reads_them() {
    let outcome = run(&catalogue(), &["check"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    insta::assert_snapshot!(outcome.stdout);
}

#[test]
fn cairn_yaml_mistakes_all_in_one_run_in_plain_words() {
    let mut cases: Vec<_> = std::fs::read_dir(catalogue().join("cairn-yaml"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 4);
    let mut all = String::new();
    for case in cases {
        let repo = tempfile::tempdir().unwrap();
        std::fs::copy(&case, repo.path().join("cairn.yaml")).unwrap();
        let outcome = run(repo.path(), &["check"]);
        assert_eq!(outcome.code, 2, "{}", outcome.stderr);
        assert!(
            outcome.stderr.starts_with("cairn: error: cairn.yaml"),
            "a path relative to where cairn runs: {}",
            outcome.stderr
        );
        assert!(
            !outcome.stderr.contains("is not valid YAML"),
            "only the parser's words: {}",
            outcome.stderr
        );
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        all.push_str(&format!("== {name}\n{}\n", outcome.stderr));
    }
    // Three typos are three problems in one run, not three runs.
    assert!(
        all.contains("cairn.yaml has 4 problems"),
        "every problem at once: {all}"
    );
    insta::assert_snapshot!(all);
}

#[test]
fn the_format_page_table_shows_what_cairn_says_for_each_mistake() {
    let page = format_page();
    let table = page
        .split_once("## Common YAML mistakes")
        .expect("docs/format.md has the table of YAML mistakes")
        .1;
    let table = table.split("\n#").next().unwrap();
    // The roster's classic: a person added at the end of the file, under `cadence:`.
    let repo = tempfile::tempdir().unwrap();
    std::fs::copy(
        catalogue().join("cairn-yaml/person-after-cadence.yaml"),
        repo.path().join("cairn.yaml"),
    )
    .unwrap();
    let stderr = run(repo.path(), &["check"]).stderr;
    let (_, words) = stderr.lines().next().unwrap().split_once(":9:3: ").unwrap();
    let roster = ("cairn.yaml".to_owned(), words.to_owned());
    for (path, message) in messages().into_iter().chain([roster]) {
        assert!(
            table.contains(&format!("| {message} |")),
            "the table of docs/format.md lacks what cairn says for {path}: {message}"
        );
    }
}
