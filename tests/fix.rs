//! `cairn check --fix`, `--unsafe-fixes` and `--diff` as a manager meets them (SPEC 3.3),
//! and the fix engine's promises over every fixture and fuzz seed: fixing twice changes
//! nothing more, no private line changes, nothing fixable is left, the result still reads.

use std::path::Path;

use crate::support::{copy_fixture, fixtures, run, snapshot, write};

#[test]
fn diff_shows_the_safe_fixes_and_writes_nothing() {
    let repo = copy_fixture("rules/missing-section");
    let before = snapshot(repo.path());
    let outcome = run(repo.path(), &["check", "--diff"]);
    assert_eq!(outcome.code, 1, "a file would change: {}", outcome.stderr);
    assert_eq!(snapshot(repo.path()), before, "--diff writes nothing");
    assert!(
        outcome
            .stderr
            .contains("would fix 9 findings in 9 documents"),
        "{}",
        outcome.stderr
    );
    insta::assert_snapshot!(outcome.stdout);
}

#[test]
fn fix_writes_the_fixes_keeps_permissions_and_reports_what_is_left() {
    let repo = copy_fixture("rules/missing-section");
    let file = repo.path().join("fail-typo.md");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let outcome = run(repo.path(), &["check", "--fix"]);
    assert!(
        outcome.stderr.contains("fixed 9 findings in 9 documents"),
        "{}",
        outcome.stderr
    );
    // What is left: the sections inserted empty, for the manager to write.
    assert_eq!(outcome.code, 1, "{}", outcome.stdout);
    assert!(
        outcome.stdout.contains("error[empty-section]"),
        "{}",
        outcome.stdout
    );
    assert!(
        !outcome.stdout.contains("missing-section"),
        "{}",
        outcome.stdout
    );
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("\n## Evidence of success\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "permissions kept");
    }
    // Converged: nothing more to fix, nothing written.
    let before = snapshot(repo.path());
    let again = run(repo.path(), &["check", "--diff"]);
    assert_eq!(
        (again.code, again.stdout.as_str()),
        (0, ""),
        "{}",
        again.stderr
    );
    run(repo.path(), &["check", "--fix"]);
    assert_eq!(snapshot(repo.path()), before);
    // No temporary file left behind.
    assert!(crate::support::files(repo.path())
        .iter()
        .all(|p| !p.to_string_lossy().contains(".cairn-")));
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let repo = crate::support::small_repo();
    let doc = "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafr\ndate: 2026-03-03\n---\n\n## What I heard\n\nEnergised by the migration.\n";
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-03-where-now.md",
        doc,
    );
    let safe = run(repo.path(), &["check", "--diff"]);
    assert_eq!(
        (safe.code, safe.stdout.as_str()),
        (0, ""),
        "guesses are unsafe"
    );
    let guessed = run(repo.path(), &["check", "--diff", "--unsafe-fixes"]);
    assert_eq!(guessed.code, 1);
    assert!(
        guessed
            .stdout
            .contains("-manager: sam-okafr\n+manager: sam-okafor\n"),
        "{}",
        guessed.stdout
    );
    assert!(
        guessed.stdout.contains("+follow_up: 2026-04-03\n"),
        "{}",
        guessed.stdout
    );
    // A misspelt field is renamed only to a field its type uses: `follow_up` is for
    // conversations, so a contract's `folow_up` is left for its author.
    let misspelt = |doc_type: &str| {
        format!("---\ntype: {doc_type}\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-03\nfolow_up: 2026-04-03\n---\n")
    };
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-04-as-needed.md",
        &misspelt("as-needed"),
    );
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-05-contract.md",
        &misspelt("contract"),
    );
    let renamed = run(repo.path(), &["check", "--diff", "--unsafe-fixes"]);
    assert!(
        renamed
            .stdout
            .contains("+++ b/people/alice-nguyen/2026-03-04-as-needed.md")
            && renamed
                .stdout
                .contains("-folow_up: 2026-04-03\n+follow_up: 2026-04-03\n"),
        "{}",
        renamed.stdout
    );
    assert_eq!(
        renamed.stdout.matches("+follow_up: 2026-04-03\n").count(),
        2,
        "the as-needed chat's rename and the where-now's added field, not the contract's: {}",
        renamed.stdout
    );
    let alone = run(repo.path(), &["check", "--unsafe-fixes"]);
    assert_eq!(alone.code, 2);
    assert!(
        alone
            .stderr
            .contains("--unsafe-fixes: goes with --fix or --diff"),
        "{}",
        alone.stderr
    );
}

#[test]
fn a_diff_never_shows_a_private_line() {
    let repo = crate::support::small_repo();
    let secret = "She is interviewing at Globex";
    let contract = format!("---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-20\nstatus: draft\nstart: 2026-04-01\nend: 2027-03-31\n---\n\n## Development goal\n\nLead the platform team's cross-team design reviews from proposal to decision.\n\n## Organisational commitment\n\n- [ ] @manager give Alice the refactor (due 2026-04-15)\n\n## Engineer commitment\n\n- [ ] @engineer write the design (due 2026-06-30)\n\n## Evidence of success\n\nA decision.\n\n## Review cadence\n\nQuarterly.\n\n## Private notes\n\n{secret}.\nMore private text.\n");
    write(
        repo.path(),
        "people/alice-nguyen/2026-03-20-contract.md",
        &contract,
    );
    let outcome = run(repo.path(), &["check", "--diff"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(
        outcome.stdout.contains("+## Limitations\n"),
        "{}",
        outcome.stdout
    );
    assert!(
        !outcome.all().contains(secret) && !outcome.all().contains("More private"),
        "{}",
        outcome.all()
    );
    assert!(
        !outcome.stdout.contains(" ## Private notes"),
        "context stops before the private heading"
    );
    // Fixed: the notes stay last and untouched.
    run(repo.path(), &["check", "--fix"]);
    let after = std::fs::read_to_string(
        repo.path()
            .join("people/alice-nguyen/2026-03-20-contract.md"),
    )
    .unwrap();
    assert!(after.ends_with(&format!(
        "## Private notes\n\n{secret}.\nMore private text.\n"
    )));
    assert!(after.find("## Limitations").unwrap() < after.find("## Private notes").unwrap());
}

/// The documents of every fixture repository and of the example, with their repository.
fn corpus() -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    let mut repos = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("example-repo")];
    let mut stack = vec![fixtures()];
    while let Some(dir) = stack.pop() {
        if dir.join("cairn.yaml").is_file() {
            repos.push(dir.clone());
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for repo in repos {
        for file in crate::support::files(&repo) {
            if file.extension().is_some_and(|e| e == "md") {
                out.push((repo.clone(), file));
            }
        }
    }
    out
}

#[test]
fn fixing_converges_on_every_fuzz_seed() {
    let repo = crate::support::small_repo();
    let config =
        cairn::config::Config::load(repo.path(), &cairn::analysis::rules::names()).unwrap();
    let repository = cairn::model::repository::Repository::open(repo.path(), config);
    let seeds = crate::support::files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds"));
    let path = "people/alice-nguyen/2026-03-03-where-now.md";
    // The seeds in as many shares as there are cores, each with its own templates.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let fixed_some: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = seeds
            .chunks(seeds.len().div_ceil(threads).max(1))
            .map(|share| {
                let repository = &repository;
                scope.spawn(move || {
                    let mut templates = cairn::render::templates::Templates::new(&repository.root);
                    let mut fixed_some = 0;
                    for seed in share {
                        let Ok(text) = std::fs::read_to_string(seed) else {
                            continue;
                        };
                        let fixed = fix_text(path, &text, repository, &mut templates);
                        if fixed == text {
                            continue;
                        }
                        fixed_some += 1;
                        let again = fix_text(path, &fixed, repository, &mut templates);
                        assert_eq!(again, fixed, "{}: a second fix changed it", seed.display());
                        let before = parse(path, &text, &repository.config);
                        let after = parse(path, &fixed, &repository.config);
                        assert!(
                            after.front.is_some() >= before.front.is_some(),
                            "{}: the fix broke the front matter",
                            seed.display()
                        );
                    }
                    fixed_some
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    assert!(
        fixed_some > 10,
        "the seeds hold fixable documents ({fixed_some})"
    );
}

#[test]
fn fixing_converges_keeps_private_lines_and_leaves_nothing_fixable() {
    use cairn::config::Config;
    use cairn::model::document::Document;
    use cairn::model::repository::Repository;
    let mut checked = 0;
    // Each fixture repository is opened once, for all its files.
    let mut opened: std::collections::HashMap<
        std::path::PathBuf,
        Option<(Repository, cairn::render::templates::Templates)>,
    > = std::collections::HashMap::new();
    for (root, file) in corpus() {
        let Some((repository, templates)) = opened
            .entry(root.clone())
            .or_insert_with(|| {
                let config = Config::load(&root, &cairn::analysis::rules::names()).ok()?;
                let templates = cairn::render::templates::Templates::new(&root);
                Some((Repository::open(&root, config), templates))
            })
            .as_mut()
        else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let path = cairn::model::discover::relative_path(file.strip_prefix(&root).unwrap());
        let (fixed, applied) = fix_text_applied(&path, &text, repository, templates);
        if fixed == text {
            continue;
        }
        checked += 1;
        // Twice changes nothing more.
        let again = fix_text(&path, &fixed, repository, templates);
        assert_eq!(again, fixed, "{path}: a second fix changed it");
        // Nothing fixable is left.
        let document = parse(&path, &fixed, &repository.config);
        let left: Vec<_> = cairn::analysis::rules::document_findings(&document, repository)
            .into_iter()
            .filter(|d| d.fix.is_some())
            .map(|d| (d.rule.name, d.position.line))
            .collect();
        // A fix the engine refuses (its place is private or gone) may stay, but then it
        // must be refused again: the text is stable above.
        let before = parse(&path, &text, &repository.config);
        // The private lines are there, unchanged and in order (a start's own line may be
        // rewritten as `## Private notes`).
        let private = |document: &Document, text: &str| -> Vec<String> {
            text.lines()
                .enumerate()
                .filter(|(i, _)| document.is_private_line(i + 1))
                .filter(|(i, _)| !document.private_starts.iter().any(|s| s.line == i + 1))
                .map(|(_, line)| line.to_owned())
                .collect()
        };
        assert_eq!(
            private(&before, &text),
            private(&document, &fixed),
            "{path}: a private line changed"
        );
        // Still reads: no new problem with the file or its front matter.
        assert!(
            document.problems.len() <= before.problems.len()
                && document.front.is_some() >= before.front.is_some(),
            "{path}: the fix broke the front matter: {:?}",
            document.problems
        );
        for rule in &applied {
            assert!(
                !left.iter().any(|(name, _)| name == rule),
                "{path}: {rule} fixed but still fixable: {left:?}"
            );
        }
    }
    assert!(
        checked >= 10,
        "the corpus has fixable documents ({checked})"
    );
}

/// A document read as cairn reads it: redacted first.
fn parse(
    path: &str,
    text: &str,
    config: &cairn::config::Config,
) -> cairn::model::document::Document {
    let redacted = cairn::model::document::privacy::redact(text, config.private_phrases());
    cairn::model::document::Document::parse_text(path.to_owned(), &redacted, config)
}

/// The text after every fix, unsafe ones included, and the rules fixed.
fn fix_text_applied(
    path: &str,
    text: &str,
    repository: &cairn::model::repository::Repository,
    templates: &mut cairn::render::templates::Templates,
) -> (String, Vec<&'static str>) {
    let source = cairn::model::document::privacy::Source::new(text.to_owned());
    let fixed = cairn::edit::fix::fix_text(path, &source, repository, templates, true);
    let rules = fixed.applied.iter().map(|(rule, _)| rule.name).collect();
    (fixed.source.into_file_text(), rules)
}

/// The text after every fix, unsafe ones included.
fn fix_text(
    path: &str,
    text: &str,
    repository: &cairn::model::repository::Repository,
    templates: &mut cairn::render::templates::Templates,
) -> String {
    fix_text_applied(path, text, repository, templates).0
}
