//! SPEC 6's guarantees, tried hard: read-only commands change nothing, and the bad-input
//! catalogue of the reliability issue gives clear answers, never a panic or a hang.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{cairn, check_json, findings, small_repo, write};
use predicates::str::contains;

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::support::files(dir)
        .into_iter()
        .map(|path| {
            (
                path.strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect()
}

#[test]
fn check_report_calendar_show_commitments_explain_and_schema_write_nothing() {
    for (fixture, engineer) in [
        ("../../example-repo", "noor-haddad"),
        ("report", "ana-lima"),
        ("encoding", "alice-nguyen"),
        ("rules/broken-link", "alice-nguyen"),
    ] {
        let repo = crate::support::copy_fixture(fixture);
        let before = snapshot(repo.path());
        let runs: &[&[&str]] = &[
            &["check"],
            &["check", "--format", "json"],
            &["check", "--format", "github", "--strict"],
            &["report", "--as-of", "2026-06-15"],
            &["report", "--as-of", "2026-06-15", "--format", "markdown"],
            &["report", "--as-of", "2026-06-15", "--format", "html"],
            &["report", "--as-of", "2026-06-15", "--format", "json"],
            &["calendar", "--as-of", "2026-06-15"],
            &["calendar", "--as-of", "2026-06-15", "--remind", "2"],
            &["show", engineer, "--as-of", "2026-06-15"],
            &["show", engineer, "--format", "json"],
            &["show", engineer, "--format", "markdown"],
            &["commitments", "--as-of", "2026-06-15"],
            &["commitments", "--done", "--format", "json"],
            &["explain", "--list"],
            &["explain", "missing-section"],
            &["schema"],
        ];
        for args in runs {
            let output = cairn(repo.path()).args(*args).output().unwrap();
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "{fixture} {args:?}"
            );
        }
        assert_eq!(
            snapshot(repo.path()),
            before,
            "{fixture}: something was written or changed"
        );
    }
}

#[test]
fn the_bad_input_catalogue() {
    let repo = small_repo();
    let root = repo.path();
    write(root, "empty.md", "");
    write(root, "fence-only.md", "---");
    write(
        root,
        "no-body.md",
        "---\ntype: prep\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-01\n---",
    );
    write(
        root,
        "brackets.md",
        &format!("---\ntype: prep\ntags: {}\n---\n", "[".repeat(100_000)),
    );
    write(root, "bomb.md", "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n");
    // 5 MB: refused without being read.
    std::fs::write(root.join("huge.md"), vec![b'a'; 5 * 1024 * 1024]).unwrap();
    let (report, code) = check_json(root);
    let found: Vec<(String, String)> = findings(&report)
        .into_iter()
        .map(|(path, _, rule)| (path, rule))
        .collect();
    let expect = |path: &str, rule: &str| (path.to_owned(), rule.to_owned());
    assert_eq!(
        found,
        [
            expect("bomb.md", "invalid-yaml"),
            expect("brackets.md", "invalid-yaml"),
            expect("empty.md", "missing-front-matter"),
            expect("fence-only.md", "unclosed-front-matter"),
            expect("huge.md", "file-too-large"),
        ]
    );
    assert_eq!(
        (report["documents"].as_u64(), code),
        (Some(7), 1),
        "the clean documents were still checked"
    );
}

#[test]
fn broken_document_templates_are_exit_2_naming_the_template() {
    let repo = small_repo();
    write(
        repo.path(),
        "templates/prep.md.j2",
        "---\ntype: prep\n{% if doc.date %}\n",
    );
    cairn(repo.path())
        .args(["new", "prep", "alice-nguyen", "--stdout"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("template prep.md.j2"))
        .stderr(contains("line"));
    write(
        repo.path(),
        "templates/prep.md.j2",
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    );
    cairn(repo.path())
        .args(["new", "prep", "alice-nguyen"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(contains("template prep.md.j2"));
    let preps = std::fs::read_dir(repo.path().join("people/alice-nguyen"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "2026-03-01-prep.md")
        .count();
    assert_eq!(preps, 0, "a failed render writes nothing");
    write(repo.path(), "templates/prompts.yaml", "conversations: [\n");
    cairn(repo.path())
        .args(["new", "reflection", "alice-nguyen"])
        .assert()
        .code(2)
        .stderr(contains("templates/prompts.yaml:2:1: "))
        .stderr(contains(
            "fix or remove the repository's templates/prompts.yaml",
        ));
}

/// A write error on standard output is exit 2 with a message; only a closed pipe ends
/// quietly (SPEC 3). `/dev/full` fails every write.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_exit_2_and_a_closed_pipe_is_quiet() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-repo");
    for args in [
        &["check", "--format", "json"][..],
        &["report", "--as-of", "2026-11-25"],
        &["calendar", "--as-of", "2026-11-25"],
        &["show", "amara-osei", "--as-of", "2026-11-25"],
    ] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_cairn"))
            .current_dir(&example)
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("standard output"), "{args:?}: {stderr}");
    }
    // A reader that stops early (`| head`): no message, the command's own exit code.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cairn"))
        .current_dir(&example)
        .args(["report", "--as-of", "2026-11-25"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    // Only the note the example's story asks for (one document with a day-first due
    // date), never a write error.
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "cairn: 1 document with errors, used for what is valid in them; run 'cairn check' to see them\n"
    );
}
