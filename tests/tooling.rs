//! Where cairn meets editors, terminals and CI: explain, schema, completions, man page,
//! pre-commit and CI recipes.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{cairn, fixtures};
use predicates::str::contains;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(args: &[&str]) -> String {
    let output = cairn(root()).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn explain_list_names_every_rule_check_can_emit() {
    // Rules, then the report's flags (`flag` where a rule has its severity).
    let listed: BTreeSet<String> = stdout(&["explain", "--list"])
        .lines()
        .filter(|line| line.split_whitespace().nth(1) != Some("flag"))
        .map(|line| line.split_whitespace().next().unwrap().to_owned())
        .collect();
    let registry: BTreeSet<String> = cairn::analysis::rules::ALL
        .iter()
        .map(|r| r.name.to_owned())
        .collect();
    assert_eq!(listed, registry);
    // Everything the fixtures make `check` emit is in the list.
    for entry in std::fs::read_dir(fixtures().join("rules")).unwrap() {
        let (report, _) = crate::support::check_json(&entry.unwrap().path());
        for (_, _, rule) in crate::support::findings(&report) {
            assert!(listed.contains(&rule), "{rule} is emitted but not listed");
        }
    }
}

#[test]
fn every_explanation_says_what_why_and_shows_examples() {
    for rule in cairn::analysis::rules::ALL {
        let text = stdout(&["explain", rule.name]);
        assert!(
            text.starts_with(&format!("# {} ({})\n", rule.name, rule.severity.name())),
            "{text}"
        );
        for part in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead",
        ] {
            assert!(text.contains(part), "{}: no {part}", rule.name);
        }
        let why = text
            .split("## Why is this bad?")
            .nth(1)
            .unwrap()
            .split("## Example")
            .next()
            .unwrap();
        assert!(
            why.split_whitespace().count() >= 25,
            "{}: the why is too thin",
            rule.name
        );
    }
    insta::assert_snapshot!(stdout(&["explain", "no-manager-commitment"]));
}

#[test]
fn explain_an_unknown_rule_is_exit_2_with_a_suggestion() {
    cairn(root())
        .args(["explain", "mising-section"])
        .assert()
        .code(2)
        .stderr(contains(
            "no such rule or report flag (did you mean `missing-section`?)",
        ));
    cairn(root()).arg("explain").assert().code(2);
}

#[test]
fn human_findings_point_to_explain_once_per_rule() {
    let output = cairn(&fixtures().join("rules/no-follow-up"))
        .arg("check")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text.matches("help: run 'cairn explain no-follow-up'")
            .count(),
        1,
        "{text}"
    );
}

fn front_matters(repo: &Path) -> Vec<(String, serde_json::Value)> {
    crate::support::files(repo)
        .into_iter()
        .filter(|path| {
            path.extension().is_some_and(|e| e == "md") && path.file_name().unwrap() != "README.md"
        })
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let cairn::model::document::split::Split::Found { yaml, .. } =
                cairn::model::document::split::split(&text)
            else {
                panic!("{}", path.display())
            };
            (
                path.display().to_string(),
                yaml_serde::from_str(&text[yaml]).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_schema_is_draft_2020_12_and_agrees_with_check() {
    let schema: serde_json::Value = serde_json::from_str(&stdout(&["schema"])).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    let validator = jsonschema::validator_for(&schema).unwrap();

    let documents = front_matters(&root().join("example-repo"));
    assert!(documents.len() >= 25);
    for (path, front) in &documents {
        let errors: Vec<String> = validator
            .iter_errors(front)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }

    let broken = [
        serde_json::json!({"type": "where-now", "engineer": "alice-nguyen", "manager": "sam-okafor"}),
        serde_json::json!({"type": "chat", "engineer": "alice-nguyen", "manager": "sam-okafor", "date": "2026-03-01"}),
        serde_json::json!({"type": "contract", "engineer": "alice-nguyen", "manager": "sam-okafor", "date": "2026-03-01"}),
        serde_json::json!({"type": "prep", "engineer": "Alice", "manager": "sam-okafor", "date": "2026-03-01"}),
        serde_json::json!({"type": "prep", "engineer": "alice", "manager": "sam", "date": "2026-03-01", "folow_up": "2026-04-01"}),
        serde_json::json!({"type": "prep", "engineer": null, "manager": "sam", "date": "2026-03-01"}),
        serde_json::json!({"type": "prep", "engineer": "alice", "manager": "sam", "date": "1 March 2026"}),
    ];
    for front in broken {
        assert!(!validator.is_valid(&front), "accepted {front}");
    }
}

#[test]
fn completions_and_man_page_generate() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(
            script.contains("cairn") && script.contains("explain"),
            "{shell}"
        );
    }
    let man = stdout(&["man"]);
    assert!(man.contains(".TH cairn") && man.contains("check"), "{man}");
    cairn(root()).args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn commands_that_need_no_repository_run_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["explain", "--list"][..],
        &["schema"],
        &["man"],
        &["completions", "bash"],
        &["--version"],
    ] {
        cairn(dir.path()).args(args).assert().code(0);
    }
}

#[test]
fn the_pre_commit_hook_runs_cairn_check_on_the_changed_markdown() {
    // The CI recipes are run as written against a real git repository in `ci.rs`.
    let hooks: yaml_serde::Value = yaml_serde::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("cairn-check"));
    assert_eq!(hook["entry"].as_str(), Some("cairn check"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(true));
    // Markdown files and cairn.yaml: a commit that only renames a person in the roster is
    // checked too.
    assert_eq!(hook["files"].as_str(), Some("(\\.md|(^|/)cairn\\.yaml)$"));
    assert_eq!(hook["types"][0].as_str(), Some("text"));
    // Given cairn.yaml, check reports every document.
    let repo = crate::support::small_repo();
    let all = cairn(repo.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let given = cairn(repo.path())
        .args(["check", "--format", "json", "cairn.yaml"])
        .output()
        .unwrap();
    let count = |output: &std::process::Output| {
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["documents"].as_u64().unwrap()
    };
    assert!(count(&all) > 0);
    assert_eq!(count(&given), count(&all));
    assert!(
        given.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&given.stderr)
    );
}

#[test]
fn the_ci_recipes_pin_the_version_they_cache() {
    // The cache key names the version installed: an upgrade rebuilds instead of reusing
    // the first binary forever.
    let github = std::fs::read_to_string(root().join("docs/github-actions.yml")).unwrap();
    assert!(
        github.contains("key: cairn-${{ runner.os }}-${{ env.CAIRN_GIT }}-${{ env.CAIRN_REV }}")
    );
    assert!(github.contains("--rev \"$CAIRN_REV\""));
    let gitlab = std::fs::read_to_string(root().join("docs/gitlab-ci.yml")).unwrap();
    assert!(gitlab.contains("key: cairn-$CAIRN_REV"));
    assert!(gitlab.contains("--rev \"$CAIRN_REV\""));
}

#[test]
fn a_schema_modeline_in_front_matter_is_just_a_comment() {
    let repo = crate::support::small_repo();
    let doc = crate::support::PREP.replacen(
        "---\n",
        "---\n# yaml-language-server: $schema=../../.cairn/front-matter.schema.json\n",
        1,
    );
    crate::support::write(repo.path(), "people/alice-nguyen/2026-03-01-prep.md", &doc);
    let (report, code) = crate::support::check_json(repo.path());
    assert_eq!((crate::support::findings(&report), code), (vec![], 0));
}

#[test]
fn each_command_has_a_man_page_and_explain_ignores_case() {
    let page = stdout(&["man", "report"]);
    assert!(
        page.contains(".TH cairn-report") && page.contains("as\\-of"),
        "{page}"
    );
    cairn(root()).args(["man", "nope"]).assert().code(2);
    assert!(stdout(&["explain", "VAGUE-GOAL"]).starts_with("# vague-goal (warning)"));
}

/// The first `sh` fenced block that follows `heading` in `file` (relative to the project's
/// root), so a test runs the commands a page shows as it shows them.
fn doc_block(file: &str, heading: &str) -> String {
    let page = std::fs::read_to_string(root().join(file)).unwrap();
    let after = page
        .split_once(heading)
        .unwrap_or_else(|| panic!("{file}: {heading}"))
        .1;
    let block = after.split_once("```sh\n").unwrap().1;
    block.split_once("```").unwrap().0.to_owned()
}

/// Every page of the documentation: the README, CONTRIBUTING.md and `docs/*.md`.
fn documentation() -> String {
    let mut pages = vec![root().join("README.md"), root().join("CONTRIBUTING.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
        .iter()
        .map(|page| std::fs::read_to_string(page).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readme_is_a_front_page_that_opens_with_the_two_set_up_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.len() < 12 * 1024,
        "README.md is {} bytes: the front page stays under 12 KB, the rest lives in docs/",
        readme.len()
    );
    // The title, one sentence on what cairn is, then the two commands in one block: the
    // main job on the example, as of the day its story was written, and the tests.
    let mut paragraphs = readme.split("\n\n");
    assert_eq!(paragraphs.next(), Some("# cairn"));
    let sentence = paragraphs.next().unwrap();
    assert!(
        sentence.starts_with("cairn ")
            && sentence.ends_with('.')
            && !sentence.contains('\n')
            && sentence.matches(". ").count() == 0,
        "one sentence on what cairn is: {sentence}"
    );
    assert_eq!(
        paragraphs.next(),
        Some(
            "```sh\ncargo run --release -- report --repo example-repo --as-of 2026-11-25\n\
             cargo test\n```"
        )
    );
    // Each page it links to is there (docs/rules.md is generated).
    for page in [
        "docs/guide.md",
        "docs/format.md",
        "docs/integrations.md",
        "docs/design.md",
        "CONTRIBUTING.md",
        "docs/rules.md",
    ] {
        assert!(readme.contains(&format!("]({page}")), "README links {page}");
        if page != "docs/rules.md" {
            assert!(root().join(page).is_file(), "{page}");
        }
    }
}

#[test]
fn the_readme_quick_start_runs_as_written_on_a_fresh_init() {
    let dir = tempfile::tempdir().unwrap();
    let mut here = dir.path().to_owned();
    let mut ran = 0;
    for line in doc_block("README.md", "## Quick start for a manager").lines() {
        let command = line.split(" #").next().unwrap().trim();
        if command.starts_with('$') || command.is_empty() {
            continue; // the editor
        }
        for part in command.split("&&").map(str::trim) {
            if let Some(folder) = part.strip_prefix("cd ") {
                here = here.join(folder);
                continue;
            }
            let args: Vec<&str> = part.split_whitespace().skip(1).collect();
            let mut cmd = cairn(&here);
            cmd.args(&args);
            if args.first() == Some(&"new") {
                cmd.args(["--date", "2026-03-02"]);
            }
            let output = cmd.output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.code() != Some(2) && !stderr.contains("error:"),
                "`{part}` failed: {stderr}"
            );
            ran += 1;
        }
    }
    assert!(ran >= 5, "the quick start has its commands");
}

#[test]
fn the_man_page_is_a_manual_and_names_every_check_option() {
    let page = stdout(&["man"]);
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        ".SH FILES",
        ".SH EXIT STATUS",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
        ".SH SEE ALSO",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(page.contains("cairn\\-ignore") && page.contains("NO_COLOR"));
    let check = stdout(&["man", "check"]);
    let help = stdout(&["check", "--help"]);
    let docs = documentation();
    for option in [
        "--changed",
        "--since",
        "--strict",
        "sarif",
        "github",
        "--fix",
        "--unsafe-fixes",
        "--diff",
    ] {
        assert!(check.contains(&option.replace('-', "\\-")), "man: {option}");
        assert!(help.contains(option), "--help: {option}");
        assert!(docs.contains(option), "the documentation: {option}");
    }
    assert!(check.contains(env!("CARGO_PKG_VERSION")), "the version");
}

/// GitHub's anchor for a heading: lower case, letters, digits, `-` and `_` kept, spaces
/// made `-`, everything else dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown page's headings, outside fenced code.
fn anchors(page: &str) -> Vec<String> {
    let mut fenced = false;
    let mut found = Vec::new();
    for line in page.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            found.push(anchor(line.trim_start_matches('#')));
        }
    }
    found
}

/// A page without its fenced blocks and code spans: the text whose links are links.
fn prose(page: &str) -> String {
    let mut fenced = false;
    let mut kept = String::new();
    for line in page.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            kept.extend(line.split('`').step_by(2));
            kept.push('\n');
        }
    }
    kept
}

#[test]
fn every_relative_link_of_the_documentation_leads_somewhere() {
    let mut pages = vec!["README.md".to_owned(), "CONTRIBUTING.md".to_owned()];
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(format!(
                "docs/{}",
                path.file_name().unwrap().to_str().unwrap()
            ));
        }
    }
    for page in &pages {
        let text = prose(&std::fs::read_to_string(root().join(page)).unwrap());
        let folder = root().join(page).parent().unwrap().to_owned();
        let targets = text
            .split("](")
            .skip(1)
            .chain(text.split("src=\"").skip(1))
            .map(|rest| rest.split([')', '"']).next().unwrap());
        for target in targets {
            if target.contains("://") || target.contains(' ') || target.starts_with('<') {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let path = if file.is_empty() {
                root().join(page)
            } else {
                folder.join(file)
            };
            // docs/rules.md is generated from the rule registry, by its own code.
            if path.ends_with("docs/rules.md") && !path.exists() {
                continue;
            }
            assert!(path.exists(), "{page}: {target} leads nowhere");
            if !fragment.is_empty() {
                let linked = std::fs::read_to_string(&path).unwrap();
                assert!(
                    anchors(&linked).iter().any(|a| a == fragment),
                    "{page}: {target}: no such heading"
                );
            }
        }
    }
}

/// The terminal pictures of the guide (`$ cairn …` in a fenced block) are what cairn
/// prints on the example repository: every line shown, in order (a `…` line stands for
/// lines left out).
#[test]
fn the_guides_pictures_are_what_cairn_prints() {
    let guide = std::fs::read_to_string(root().join("docs/guide.md")).unwrap();
    let example = root().join("example-repo");
    let mut pictures = 0;
    for block in guide.split("```\n$ cairn ").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let (command, shown) = block.split_once('\n').unwrap();
        let args: Vec<&str> = command.split_whitespace().collect();
        let out = crate::support::run(&example, &args);
        let printed: Vec<&str> = out.stdout.lines().collect();
        let mut at = 0;
        for line in shown
            .lines()
            .filter(|l| !l.trim().is_empty() && l.trim() != "…")
        {
            at = printed[at..]
                .iter()
                .position(|p| *p == line)
                .map(|n| at + n + 1)
                .unwrap_or_else(|| {
                    panic!(
                        "docs/guide.md shows for `cairn {command}`:\n{line}\nbut cairn prints:\n{}",
                        out.stdout
                    )
                });
        }
        pictures += 1;
    }
    assert!(pictures >= 2, "{pictures} pictures");
}
