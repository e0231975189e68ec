//! Sealed private notes against real git repositories, with keys made here: what a
//! commit holds, what a clone without the key sees, and what comes back with it.

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;

/// A fresh age identity: its file and its public key.
fn keypair(dir: &Path, name: &str) -> (PathBuf, String) {
    let identity = age::x25519::Identity::generate();
    let path = dir.join(name);
    use age::secrecy::ExposeSecret;
    std::fs::write(&path, format!("{}\n", identity.to_string().expose_secret())).unwrap();
    (path, identity.to_public().to_string())
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `cairn` with this identity, and a HOME that holds no key of the machine's.
fn cairn(dir: &Path, home: &Path, identity: Option<&Path>) -> assert_cmd::Command {
    let mut command = crate::support::cairn(dir);
    command.env("HOME", home).env_remove("CAIRN_IDENTITY");
    if let Some(identity) = identity {
        command.env("CAIRN_IDENTITY", identity);
    }
    command
}

const DOCUMENT: &str = "---\ntype: where-now\nengineer: al\nmanager: sam\ndate: 2026-05-01\nfollow_up: 2026-06-01\n---\r\n\r\n## What I heard\r\n\r\nPublic words.\r\n\r\n## Private notes\r\n\r\nSECRET she has an offer from Globex.\r\nSecond line without a final break";
const PATH: &str = "people/al/2026-05-01-where-now.md";

struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
    home: PathBuf,
    identity: PathBuf,
}

/// A notes repository in git, sealed to a fresh key, with one document committed sealed.
fn sealed_repo() -> Repo {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let root = dir.path().join("notes");
    std::fs::create_dir_all(root.join("people/al")).unwrap();
    let (identity, public) = keypair(&home, "identity");
    std::fs::write(
        root.join("cairn.yaml"),
        format!("people:\n  - id: sam\n    name: Sam\n  - id: al\n    name: Al\n    manager: sam\nseal:\n  recipients: [\"{public}\"]\n  required: true\n"),
    )
    .unwrap();
    std::fs::write(root.join(PATH), DOCUMENT).unwrap();
    git(&root, &["init", "-q"]);
    git(&root, &["config", "user.email", "sam@example.com"]);
    git(&root, &["config", "user.name", "Sam"]);
    git(&root, &["config", "core.autocrlf", "false"]);
    cairn(&root, &home, Some(&identity))
        .args(["seal", "init"])
        .assert()
        .success();
    // Committing runs the clean filter, which needs the identity for a stable seal.
    let commit = |message: &str| {
        let status = Command::new("git")
            .current_dir(&root)
            .args(["commit", "-qam", message])
            .env("HOME", &home)
            .env("CAIRN_IDENTITY", &identity)
            .status()
            .unwrap();
        assert!(status.success());
    };
    git(&root, &["add", "-A"]);
    commit("notes");
    Repo {
        _dir: dir,
        root,
        home,
        identity,
    }
}

/// A plain clone of the repository, made by someone whose HOME holds no key: the clone's
/// folder and that HOME.
fn clone_elsewhere(repo: &Repo, name: &str, home: &str) -> (PathBuf, PathBuf) {
    let clone = repo.root.parent().unwrap().join(name);
    let elsewhere = repo.root.parent().unwrap().join(home);
    std::fs::create_dir_all(&elsewhere).unwrap();
    let status = Command::new("git")
        .args(["clone", "-q"])
        .arg(&repo.root)
        .arg(&clone)
        .env("HOME", &elsewhere)
        .status()
        .unwrap();
    assert!(status.success());
    (clone, elsewhere)
}

/// Runs git with the identity in the environment, as on the manager's machine.
fn git_with_key(repo: &Repo, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(&repo.root)
        .args(args)
        .env("HOME", &repo.home)
        .env("CAIRN_IDENTITY", &repo.identity)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_commit_holds_the_notes_sealed_and_the_age_tool_opens_them() {
    let repo = sealed_repo();
    let blob = git(&repo.root, &["cat-file", "blob", &format!("HEAD:{PATH}")]);
    assert!(!blob.contains("SECRET"), "{blob}");
    assert!(blob.contains("Public words."), "{blob}");
    assert!(
        blob.contains("## Private notes\r\n<!-- cairn:sealed v1 recipients="),
        "{blob}"
    );
    // The working copy is plain, byte for byte.
    assert_eq!(
        std::fs::read_to_string(repo.root.join(PATH)).unwrap(),
        DOCUMENT
    );
    // The `age` tool opens the block to the exact bytes of the section's body.
    if Command::new("age").arg("--version").output().is_ok() {
        let start = blob.find("-----BEGIN").unwrap();
        let end = blob.find("-----END AGE ENCRYPTED FILE-----").unwrap() + 32;
        let armor = blob[start..end].replace('\r', "");
        let mut child = Command::new("age")
            .args(["-d", "-i"])
            .arg(&repo.identity)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(armor.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            "\r\nSECRET she has an offer from Globex.\r\nSecond line without a final break"
        );
    } else {
        assert!(std::env::var_os("CI").is_none(), "CI installs the age tool");
    }
    // `cairn seal status` agrees.
    cairn(&repo.root, &repo.home, Some(&repo.identity))
        .args(["seal", "status"])
        .assert()
        .success()
        .stdout(predicates::str::contains("HEAD: sealed  index: sealed"));
}

#[test]
fn git_status_stays_clean_and_history_does_not_churn() {
    let repo = sealed_repo();
    let clean = || git_with_key(&repo, &["status", "--porcelain"]);
    assert_eq!(clean(), "");
    // `touch` and a re-stage change nothing.
    let file = repo.root.join(PATH);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text).unwrap();
    git_with_key(&repo, &["add", "-A"]);
    assert_eq!(clean(), "");
    // A public edit: the sealed block of the private section is kept byte for byte.
    let before = git(&repo.root, &["cat-file", "blob", &format!("HEAD:{PATH}")]);
    std::fs::write(
        &file,
        text.replace("Public words.", "Public words, edited."),
    )
    .unwrap();
    git_with_key(&repo, &["commit", "-qam", "public edit"]);
    let after = git(&repo.root, &["cat-file", "blob", &format!("HEAD:{PATH}")]);
    let block = |blob: &str| blob[blob.find("<!-- cairn:sealed").unwrap()..].to_owned();
    assert_eq!(block(&after), block(&before));
    assert_eq!(clean(), "");
    // A branch switch and back.
    git_with_key(&repo, &["checkout", "-q", "-b", "other"]);
    git_with_key(&repo, &["checkout", "-q", "-"]);
    assert_eq!(clean(), "");
    // `git diff` shows plain text on this machine.
    std::fs::write(&file, text.replace("Second line", "Second, changed line")).unwrap();
    let diff = git_with_key(&repo, &["diff"]);
    assert!(diff.contains("+Second, changed line"), "{diff}");
    assert!(!diff.contains("BEGIN AGE"), "{diff}");
}

#[test]
fn a_clone_without_the_key_works_and_holds_nothing_private() {
    let repo = sealed_repo();
    let (clone, elsewhere) = clone_elsewhere(&repo, "clone", "elsewhere");
    let text = std::fs::read_to_string(clone.join(PATH)).unwrap();
    assert!(
        !text.contains("SECRET") && text.contains("BEGIN AGE"),
        "{text}"
    );
    let log = git(&clone, &["log", "-p"]);
    assert!(!log.contains("SECRET"), "{log}");
    // check and report work on the sealed text, with no key.
    cairn(&clone, &elsewhere, None)
        .args(["check"])
        .assert()
        .success();
    cairn(&clone, &elsewhere, None)
        .args(["report", "--as-of", "2026-05-10", "--format", "json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"al\"").and(predicates::str::contains("SECRET").not()));
    // With the key, the clone's working copy comes back byte for byte, CRLF included.
    std::fs::remove_file(clone.join(PATH)).unwrap();
    let exe = env!("CARGO_BIN_EXE_cairn");
    git(
        &clone,
        &[
            "config",
            "filter.cairn-seal.smudge",
            &format!("'{exe}' seal smudge %f"),
        ],
    );
    let status = Command::new("git")
        .current_dir(&clone)
        .args(["checkout", "--", PATH])
        .env("HOME", &elsewhere)
        .env("CAIRN_IDENTITY", &repo.identity)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(clone.join(PATH)).unwrap(), DOCUMENT);
}

#[test]
fn rekey_lets_a_new_key_open_the_next_commits_blocks() {
    let repo = sealed_repo();
    let (new_identity, new_public) = keypair(&repo.home, "laptop");
    let config = std::fs::read_to_string(repo.root.join("cairn.yaml")).unwrap();
    let config = config.replace(
        "recipients: [\"",
        &format!("recipients: [\"{new_public}\", \""),
    );
    std::fs::write(repo.root.join("cairn.yaml"), config).unwrap();
    cairn(&repo.root, &repo.home, Some(&repo.identity))
        .args(["seal", "rekey"])
        .assert()
        .success();
    git_with_key(&repo, &["commit", "-qam", "rekey"]);
    let blob = git(&repo.root, &["cat-file", "blob", &format!("HEAD:{PATH}")]);
    // The new key alone opens it.
    let opened = cairn(&repo.root, &repo.home, Some(&new_identity))
        .args(["seal", "smudge", PATH])
        .write_stdin(blob)
        .output()
        .unwrap();
    assert!(opened.status.success());
    assert_eq!(String::from_utf8(opened.stdout).unwrap(), DOCUMENT);
}

#[test]
fn a_passphrase_protected_key_is_said_never_waited_for() {
    let repo = sealed_repo();
    let key = repo.home.join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "a passphrase", "-f"])
        .arg(&key)
        .status();
    if !made.is_ok_and(|s| s.success()) {
        assert!(std::env::var_os("CI").is_none(), "CI has ssh-keygen");
        return;
    }
    let blob = git(&repo.root, &["cat-file", "blob", &format!("HEAD:{PATH}")]);
    let output = cairn(&repo.root, &repo.home, Some(&key))
        .args(["seal", "smudge", PATH])
        .write_stdin(blob.clone())
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), blob);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("protected by a passphrase") && stderr.contains("age-keygen"),
        "{stderr}"
    );
}

#[test]
fn plain_private_text_is_an_error_only_where_git_would_commit_it_plain() {
    let repo = sealed_repo();
    // The manager's machine: the filter seals on commit, the plain copy is expected.
    cairn(&repo.root, &repo.home, Some(&repo.identity))
        .args(["check"])
        .assert()
        .success();
    // The same notes copied outside git: a private section there would be committed plain.
    let copy = repo.root.parent().unwrap().join("copy");
    std::fs::create_dir_all(copy.join("people/al")).unwrap();
    std::fs::copy(repo.root.join("cairn.yaml"), copy.join("cairn.yaml")).unwrap();
    std::fs::copy(repo.root.join(PATH), copy.join(PATH)).unwrap();
    cairn(&copy, &repo.home, None)
        .args(["check"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[private-not-sealed]"));
}

#[test]
fn init_in_a_fresh_clone_opens_the_working_files() {
    let repo = sealed_repo();
    let clone = repo.root.parent().unwrap().join("laptop");
    let status = Command::new("git")
        .args(["clone", "-q"])
        .arg(&repo.root)
        .arg(&clone)
        .env("HOME", &repo.home)
        .status()
        .unwrap();
    assert!(status.success());
    git(&clone, &["config", "core.autocrlf", "false"]);
    assert!(std::fs::read_to_string(clone.join(PATH))
        .unwrap()
        .contains("BEGIN AGE"));
    cairn(&clone, &repo.home, Some(&repo.identity))
        .args(["seal", "init"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(clone.join(PATH)).unwrap(), DOCUMENT);
    let status = Command::new("git")
        .current_dir(&clone)
        .args(["status", "--porcelain"])
        .env("HOME", &repo.home)
        .env("CAIRN_IDENTITY", &repo.identity)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
}

#[test]
fn a_line_written_under_a_sealed_block_is_caught_and_sealed() {
    let repo = sealed_repo();
    // A clone without the key, nor the filter: the manager writes under the sealed block.
    let (clone, elsewhere) = clone_elsewhere(&repo, "nokey", "elsewhere2");
    let file = clone.join(PATH);
    let sealed = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{sealed}NEW-SECRET written on the train\r\n"),
    )
    .unwrap();
    // check sees plain private text that would be committed so.
    cairn(&clone, &elsewhere, None)
        .args(["check"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[private-not-sealed]"));
    // The filter, had it run, seals the new line in a block of its own.
    let cleaned = cairn(&clone, &elsewhere, None)
        .args(["seal", "clean", PATH])
        .write_stdin(std::fs::read(&file).unwrap())
        .output()
        .unwrap();
    assert!(cleaned.status.success());
    let cleaned = String::from_utf8(cleaned.stdout).unwrap();
    assert!(!cleaned.contains("NEW-SECRET"), "{cleaned}");
    assert_eq!(cleaned.matches("cairn:sealed").count(), 2);
}

#[test]
fn a_damaged_block_stops_the_checkout_with_a_message() {
    let repo = sealed_repo();
    let blob = git(&repo.root, &["cat-file", "blob", &format!("HEAD:{PATH}")]);
    let line = blob
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .nth(3)
        .unwrap()
        .to_owned();
    // The armor is ASCII: one character of it changed.
    let mut flipped = line.clone();
    flipped.replace_range(10..11, if &line[10..11] == "A" { "B" } else { "A" });
    let damaged = blob.replacen(&line, &flipped, 1);
    let output = cairn(&repo.root, &repo.home, Some(&repo.identity))
        .args(["seal", "smudge", PATH])
        .write_stdin(damaged)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(PATH) && stderr.contains("changed or damaged"),
        "{stderr}"
    );
}

#[test]
fn export_include_private_opens_sealed_notes_or_writes_nothing() {
    let repo = sealed_repo();
    let (clone, elsewhere) = clone_elsewhere(&repo, "sar-clone", "sar-home");
    assert!(std::fs::read_to_string(clone.join(PATH))
        .unwrap()
        .contains("BEGIN AGE"));
    // Without a key, the export that promises private notes is refused, and nothing is
    // written.
    let refused = clone.join("refused");
    cairn(&clone, &elsewhere, None)
        .args(["export", "al", "--include-private", "-o"])
        .arg(&refused)
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains(PATH)
                .and(predicates::str::contains("1 sealed block cannot be opened")),
        );
    assert!(!refused.exists());
    // Without --include-private the sealed block is withheld like any private section.
    let public = clone.join("public");
    cairn(&clone, &elsewhere, None)
        .args(["export", "al", "-o"])
        .arg(&public)
        .assert()
        .success();
    let text = std::fs::read_to_string(public.join("documents").join(PATH)).unwrap();
    assert!(text.contains("Public words.") && text.contains("[private section withheld"));
    assert!(
        !text.contains("BEGIN AGE") && !text.contains("SECRET"),
        "{text}"
    );
    // With the key, the export holds the notes opened, CRLF and all.
    let all = clone.join("all");
    cairn(&clone, &elsewhere, Some(&repo.identity))
        .args(["export", "al", "--include-private", "-o"])
        .arg(&all)
        .assert()
        .success();
    let text = std::fs::read_to_string(all.join("documents").join(PATH)).unwrap();
    assert!(
        text.contains("SECRET she has an offer from Globex.\r\n"),
        "{text}"
    );
    assert!(!text.contains("BEGIN AGE"), "{text}");
}
