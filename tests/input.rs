//! Input that tries to break cairn: encodings, YAML bombs, odd files on disk. Each gives
//! the diagnostic SPEC names at the right line, and never stops the other documents.

use crate::support::{cairn, check_json, copy_fixture, findings, fixtures, small_repo, write};

fn found(repo: &std::path::Path) -> Vec<(String, u64, String)> {
    findings(&check_json(repo).0)
}

fn finding(path: &str, line: u64, rule: &str) -> (String, u64, String) {
    (path.to_owned(), line, rule.to_owned())
}

#[test]
fn bom_crlf_and_hostile_yaml_give_the_right_rule_at_the_right_line() {
    let (report, code) = check_json(&fixtures().join("encoding"));
    assert_eq!(code, 1);
    assert_eq!(report["documents"], 10);
    assert_eq!(
        findings(&report),
        [
            // No position is known for an alias bomb: the document's start.
            finding("alias-bomb.md", 1, "invalid-yaml"),
            finding(
                "bom-crlf-contract-missing-section.md",
                29,
                "missing-section"
            ),
            finding("crlf-invalid-yaml.md", 4, "invalid-yaml"),
            finding("crlf-unknown-field.md", 6, "unknown-field"),
            finding("deep-nesting.md", 6, "invalid-yaml"),
            finding("not-utf8.md", 8, "not-utf8"),
        ]
    );
    let columns: Vec<u64> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["column"].as_u64().unwrap())
        .collect();
    assert_eq!(
        columns,
        [1, 1, 10, 1, 132, 25],
        "columns count characters, not the BOM or CR"
    );
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[0].contains("repetition limit exceeded"),
        "{}",
        messages[0]
    );
    assert!(
        messages[4].contains("nesting deeper than 128 levels"),
        "{}",
        messages[4]
    );
}

#[test]
fn human_output_of_the_encoding_fixtures() {
    let output = cairn(&fixtures().join("encoding"))
        .arg("check")
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn a_file_over_one_mebibyte_is_not_read() {
    let repo = small_repo();
    let big = format!("---\ntype: prep\n---\n{}", "x".repeat(1024 * 1024));
    write(repo.path(), "people/alice-nguyen/big.md", &big);
    assert_eq!(
        found(repo.path()),
        [finding("people/alice-nguyen/big.md", 1, "file-too-large")]
    );
}

#[test]
fn hidden_ignored_excluded_and_special_folders_are_not_documents() {
    let repo = small_repo();
    let root = repo.path();
    std::fs::write(
        root.join("cairn.yaml"),
        format!("{}exclude: [\"drafts/**\"]\n", crate::support::ROSTER),
    )
    .unwrap();
    for path in [
        ".hidden/a.md",
        ".b.md",
        "templates/t.md",
        "target/t.md",
        "drafts/d.md",
        "people/README.md",
        "ignored/i.md",
        "notes.txt",
    ] {
        write(root, path, "no front matter");
    }
    write(root, ".gitignore", "ignored/\n");
    // Not a git checkout, and `.gitignore` still applies (SPEC 1.2).
    let (report, code) = check_json(root);
    assert_eq!(findings(&report), []);
    assert_eq!((report["documents"].as_u64(), code), (Some(1), 0));
    // A `templates/` folder below the root is an ordinary folder.
    write(
        root,
        "people/alice-nguyen/templates/x.md",
        "no front matter",
    );
    assert_eq!(
        found(root),
        [finding(
            "people/alice-nguyen/templates/x.md",
            1,
            "missing-front-matter"
        )]
    );
}

#[cfg(unix)]
#[test]
fn links_fifos_and_folders_named_md_are_never_opened() {
    use std::os::unix::fs::symlink;
    let repo = small_repo();
    let root = repo.path();
    symlink("loop-b.md", root.join("loop-a.md")).unwrap();
    symlink("loop-a.md", root.join("loop-b.md")).unwrap();
    symlink("nowhere.md", root.join("dangling.md")).unwrap();
    symlink(".", root.join("people/self")).unwrap();
    symlink(
        "people/alice-nguyen/2026-03-01-prep.md",
        root.join("linked.md"),
    )
    .unwrap();
    std::fs::create_dir(root.join("folder.md")).unwrap();
    let fifo = std::ffi::CString::new(root.join("pipe.md").to_str().unwrap()).unwrap();
    // SAFETY: `fifo` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let (report, code) = check_json(root);
    assert_eq!(
        (findings(&report), report["documents"].as_u64(), code),
        (vec![], Some(1), 0)
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_still_checked() {
    use std::os::unix::ffi::OsStrExt;
    let repo = small_repo();
    let name = std::ffi::OsStr::from_bytes(b"people/caf\xe9.md");
    std::fs::write(repo.path().join(name), "no front matter").unwrap();
    assert_eq!(
        found(repo.path()),
        [finding("people/caf\\xE9.md", 1, "missing-front-matter")]
    );
}

#[test]
fn a_vanished_file_is_unreadable() {
    let config = cairn::config::Config::parse(crate::support::ROSTER).unwrap();
    let missing = std::path::Path::new("/nonexistent/cairn-test/gone.md");
    let document = cairn::document::Document::load(missing, "gone.md".to_owned(), &config);
    let rules: Vec<&str> = document.diagnostics.iter().map(|d| d.rule.name).collect();
    assert_eq!(rules, ["unreadable-file"]);
    assert!(
        document.diagnostics[0].message.contains("No such file"),
        "{}",
        document.diagnostics[0].message
    );
}

#[test]
fn one_broken_document_never_stops_the_others() {
    let repo = copy_fixture("encoding");
    write(repo.path(), "zz-contract.md", "---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-01\nstatus: active\nstart: 2026-03-01\nend: 2027-02-28\n---\n## Development goal\n");
    let rules: Vec<String> = found(repo.path())
        .into_iter()
        .filter(|f| f.0 == "zz-contract.md")
        .map(|f| f.2)
        .collect();
    let mut expected = vec!["empty-section"];
    expected.extend(["missing-section"; 5]);
    assert_eq!(rules, expected);
}
