//! Input that tries to break cairn: encodings, YAML bombs, odd files on disk. Each gives
//! the diagnostic SPEC names at the right line, and never stops the other documents.

use crate::support::{
    cairn, check_json, copy_fixture, findings, fixtures, small_repo, write, PREP,
};

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
        [1, 1, 3, 1, 132, 25],
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
    let config = cairn::config::Config::parse(crate::support::ROSTER, &[]).unwrap();
    let missing = std::path::Path::new("/nonexistent/cairn-test/gone.md");
    let document = cairn::model::document::Document::load(missing, "gone.md".to_owned(), &config);
    assert!(
        matches!(
            document.problems.as_slice(),
            [cairn::model::document::Problem::Unreadable(_)]
        ),
        "{:?}",
        document.problems
    );
    assert!(document.front.is_none());
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

/// A completed contract with every required section filled; `extra` ends Limitations.
fn contract(extra: &str) -> String {
    format!("---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-01\nstatus: completed\nstart: 2026-03-01\nend: 2027-02-28\n---\n## Development goal\nBuild the capability to lead cross-team technical initiatives independently.\n\n## Organisational commitment\n- [x] Introduce Alice to the platform lead (due 2026-03-31)\n\n## Engineer commitment\n- [x] Write the design (due 2026-04-30)\n\n## Evidence of success\nTwo design reviews.\n\n## Review cadence\nQuarterly.\n\n## Limitations\n{extra}")
}

#[test]
fn line_endings_and_fences_other_editors_write_point_at_the_right_line() {
    let repo = small_repo();
    let root = repo.path();
    // Old Mac line endings: a lone CR ends each line, as CommonMark says.
    write(
        root,
        "people/alice-nguyen/cr.md",
        &PREP
            .replace('\n', "\r")
            .replace("date: 2026-03-01", "date: 2026-03-01\rfolow_up: x"),
    );
    // Jekyll and Pandoc close front matter with `...`.
    write(
        root,
        "people/alice-nguyen/dots.md",
        &PREP
            .replacen("---\n# ", "...\n# ", 1)
            .replace("date: 2026-03-01", "date: 2026-03-01\nfolow_up: x"),
    );
    // A double conversion leaves `\r\r\n`: two line breaks for CommonMark and editors.
    write(
        root,
        "people/alice-nguyen/crcrlf.md",
        "---\r\r\ntype: prep\r\r\nengineer: [alice\r\r\n---\r\r\n",
    );
    // UTF-16 saved without a byte-order mark.
    let utf16: Vec<u8> = "---\ntype: prep\n---\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(root.join("people/alice-nguyen/utf16.md"), utf16).unwrap();
    let (report, _) = check_json(root);
    let found: Vec<(String, u64, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let at = |path: &str, line, column, rule: &str| {
        (
            format!("people/alice-nguyen/{path}"),
            line,
            column,
            rule.to_owned(),
        )
    };
    assert_eq!(
        found,
        [
            at("cr.md", 6, 1, "unknown-field"),
            at("crcrlf.md", 5, 11, "invalid-yaml"), // where the list opens
            at("dots.md", 6, 1, "unknown-field"),
            at("utf16.md", 1, 1, "not-utf8"),
        ]
    );
    let utf16 = &report["diagnostics"][3]["message"];
    assert_eq!(
        utf16,
        "the file is UTF-16 (little-endian); save it as UTF-8"
    );
}

#[test]
fn sections_are_judged_by_what_a_reader_sees() {
    let repo = small_repo();
    let root = repo.path();
    // Visible code that holds a comment is content.
    write(
        root,
        "people/alice-nguyen/code.md",
        &contract("    <!-- shown as code -->\n"),
    );
    // A comment spanning lines, with list items inside, is not.
    write(
        root,
        "people/alice-nguyen/comment.md",
        &contract("<!--\nguidance\n- [ ] not an item\n-->\n"),
    );
    // A required section three times.
    write(
        root,
        "people/alice-nguyen/thrice.md",
        &contract("None.\n\n## Limitations\nAgain.\n\n## Limitations\nAnd again.\n"),
    );
    let (report, _) = check_json(root);
    let messages: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let path = |name: &str| format!("people/alice-nguyen/{name}");
    assert_eq!(
        messages,
        [
            (
                path("comment.md"),
                "required section \"Limitations\" is empty".to_owned()
            ),
            (
                path("thrice.md"),
                "section \"Limitations\" appears twice (first at line 25); merge them".to_owned()
            ),
            (
                path("thrice.md"),
                "section \"Limitations\" appears a 3rd time (first at line 25); merge them"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn file_names_cannot_write_to_the_terminal_or_forge_a_line() {
    let repo = small_repo();
    let name = "people/alice-nguyen/\u{1b}[2Jclear\nfake.md:1:1: error.md";
    write(repo.path(), name, "no front matter");
    let output = cairn(repo.path()).arg("check").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains("people/alice-nguyen/\\x1b[2Jclear\\x0afake.md:1:1: error.md:1:1: error[missing-front-matter]"),
        "{text}"
    );
    let github = cairn(repo.path())
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    let github = String::from_utf8(github.stdout).unwrap();
    assert!(!github.contains('\u{1b}'), "{github:?}");
    assert_eq!(github.lines().count(), 1, "{github}");
}
