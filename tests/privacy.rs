//! SPEC 2.5 and 6: the text of a private section never reaches any output. A repository
//! of documents whose private sections are titled and structured in every way a manager
//! plausibly writes them, run through every command and format. Every run must succeed and
//! print the public text next to the private one; none may print a private marker.

use std::path::Path;

use crate::support::{run, write, Outcome};

/// How managers title the section: punctuation around the phrase, emoji, case, every
/// level, setext, HTML.
const TITLES: &[&str] = &[
    "## Private notes",
    "## Private notes, manager only",
    "## Private notes.",
    "## (Private notes)",
    "## Private notes—manager only",
    "## Private notes/observations",
    "## [Private notes]",
    "## Private-notes",
    "## Private_notes",
    "## 🔒 Private notes",
    "## PRIVATE NOTES",
    "## private notes:",
    "## **Private** notes",
    "# Private notes",
    "### Private notes",
    "#### Private notes",
    "##### Private notes",
    "###### Private notes",
    "Private notes\n-------------",
    "Private notes, manager only\n===========================",
    // HTML headings, as pasted from a wiki or a document editor.
    "<h2>Private notes</h2>",
    "<H3 id=\"p\"><strong>Private</strong>&nbsp;notes</H3>",
    "<h1 class=\"x\">Private<br>notes, manager only</h1>",
    // Ordinary variants: the word alone makes notes private.
    "## Private",
    "## Notes (private)",
    "## Private note",
    "## Confidential",
    "**Private notes**",
    "_Confidential:_",
    // Hidden, folded and lookalike characters.
    "## Pri\u{200b}vate notes",
    "## Pri\u{ad}vate notes",
    "## Pri&shy;vate notes",
    "## PR\u{130}VATE NOTES",
    "## \u{420}rivate notes",
    "## ＰＲＩＶＡＴＥ",
    // Inside a quote, a list item, a paragraph, a summary.
    "> ## Private notes",
    "- ### Confidential",
    "A line, then <h2>Private notes</h2> inline.",
    "<details><summary>Private</summary>",
    // A link in the heading, a cairn-ignore comment on its line.
    "## [Private notes](SECRET-heading-link.md) <!-- cairn-ignore: SECRET-rule -->",
    // Found by an independent review: a one-line comment, a table cell.
    "<!-- ## Private -->",
    "| a |\n|---|\n| ## Private |",
    "| a |\n|---|\n| **Private** |",
    // Found by the next one: a label with the words after it, a row, HTML bold, a link.
    "**Private:** SECRET-label she has an offer.",
    "**Private** \u{2013} SECRET-dash she has an offer.",
    "| a | b |\n|---|---|\n| **Private** | SECRET-cell |",
    "<p><b>Private</b></p>",
    "<strong>Confidential:</strong> SECRET-strong",
    "[**Private**](#)",
    // And by the check after it: more ways to mark a label up.
    "[**Private**](#): SECRET-link-label she may resign",
    "**Private**\\\nSECRET-hard-break she may resign",
    "**Private**<br>SECRET-br she may resign",
    "- [ ] @manager **Private:** SECRET-task-label ask HR (due 2026-04-01)",
    "<span>**Private:**</span> SECRET-span",
    "<u>Private</u>: SECRET-underline",
    "~~**Private**~~: SECRET-struck",
    "**Private**. SECRET-full-stop",
    // And by the review of the third speed round: nested emphasis, a colon inside the
    // element, a label decorated with an emoji.
    "**_Private_**: SECRET-nested",
    "<u>Private:</u> SECRET-colon-inside",
    "🔒 **Private:** SECRET-emoji-label",
    "**Private**, SECRET-comma she may resign",
    "~~Confidential~~: SECRET-struck-plain",
    "**_Private**_: SECRET-same-order",
    "**Private**\u{ff1a}SECRET-full-width-colon",
];

/// What managers put inside it: task items, prose, links and mentions, and material that
/// holds headings of its own (a forwarded e-mail, a list, code, HTML), which must not end
/// the section.
const STRUCTURES: &[&str] = &[
    "- [ ] @manager SECRET-task ask HR about matching the Stripe offer (due 2026-06-20)\n\nSECRET-prose: she seems tired.\n",
    "> # Offer: Senior Engineer\n> From: a recruiter\n\n- [ ] @manager SECRET-after-quote counter-offer (due 2026-06-21)\n",
    "- ## A heading in a list item\n\n- [ ] @engineer SECRET-after-list (due 2026-06-22)\n",
    "```\n## Not a heading: code\n```\n\n- [ ] @manager SECRET-after-code (due 2026-06-23)\n",
    "<div>\n\n## A heading in HTML\n\n</div>\n\n- [ ] @manager SECRET-after-html (due 2026-06-24)\n",
    "See [the offer](SECRET-offer.md) and [notes][n] from @secret-recruiter.\n\n[n]: SECRET-notes.md\n\n- [ ] @secret-person SECRET-mention (due 2026-06-25)\n",
    "    ## indented: code\n    SECRET-indented\n\n- [ ] @manager SECRET-after-indented (due 2026-06-26)\n",
    "```\n## An unclosed fence: everything after is code\n- [ ] @manager SECRET-unclosed (due 2026-06-27)\n",
    // A `---` meant as a rule under a paragraph: CommonMark reads a setext heading.
    "SECRET-before-rule she might leave\n---\n- [ ] @manager SECRET-after-rule ask HR (due 2026-06-28)\n",
    // An HTML element left open, then a heading.
    "<p align=\"center\">\n<img src=\"SECRET-photo.png\">\n\n## Not the end of the notes\n\n- [ ] @manager SECRET-after-open-element (due 2026-06-29)\n",
];

/// The markers that must never be printed.
const MARKERS: &[&str] = &["SECRET", "secret-recruiter", "secret-person", "Stripe"];

fn roster() -> String {
    let mut roster = String::from("people:\n  - id: sam-okafor\n    name: Sam Okafor\n");
    for (n, _) in TITLES.iter().enumerate() {
        roster.push_str(&format!(
            "  - id: e{n}\n    name: Engineer {n}\n    manager: sam-okafor\n"
        ));
    }
    roster
}

/// A conversation with a public commitment and a private section.
fn conversation(engineer: usize, structure: usize) -> String {
    format!(
        "---\ntype: as-needed\nengineer: e{engineer}\nmanager: sam-okafor\ndate: 2026-05-{day:02}\nfollow_up: 2026-06-{day:02}\nsummary_shared: 2026-05-{day:02}\n---\n# A conversation\n\n## What we agreed\n\n- [ ] @manager PUBLIC-{engineer}-{structure} book the design review (due 2026-06-{due:02})\n\n{title}\n\n{body}",
        day = structure + 1,
        due = structure + 10,
        title = TITLES[engineer],
        body = STRUCTURES[structure],
    )
}

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cairn.yaml", &roster());
    for engineer in 0..TITLES.len() {
        for structure in 0..STRUCTURES.len() {
            write(
                root,
                &format!(
                    "people/e{engineer}/2026-05-{:02}-as-needed.md",
                    structure + 1
                ),
                &conversation(engineer, structure),
            );
        }
    }
    // A forgotten closing fence, then level-1 private notes read as YAML comments.
    write(
        root,
        "people/e0/2026-04-01-where-now.md",
        "---\ntype: where-now\nengineer: e0\nmanager: sam-okafor\ndate: 2026-04-01\n# Private notes\nworried: SECRET-fence she has an offer\nstatus: SECRET-status\n- [ ] SECRET-fence-task\n",
    );
    // The same, the heading indented, and a `---` the author meant as a separator.
    write(
        root,
        "people/e2/2026-04-02-where-now.md",
        "---\ntype: where-now\nengineer: e2\nmanager: sam-okafor\ndate: 2026-04-02\nfollow_up: after SECRET-follow she hears back\n\n # Private notes\n\nsecret_offer: SECRET-offer-fm\n---\n## What I heard\n\nPUBLIC-indented-fence.\n",
    );
    // A contract whose last required section is missing, after private notes at the end:
    // the finding is at the end of the file and shows no line.
    write(
        root,
        "people/e1/2026-03-01-contract.md",
        "---\ntype: contract\nengineer: e1\nmanager: sam-okafor\ndate: 2026-03-01\nstatus: active\nstart: 2026-03-01\nend: 2027-02-28\n---\n## Development goal\nBuild the capability to lead cross-team initiatives independently, with stakeholders.\n\n## Organisational commitment\n- [ ] PUBLIC-contract introduce e1 to the platform lead (due 2026-06-15)\n\n## Engineer commitment\n- [ ] PUBLIC-contract-engineer write the design (due 2026-06-16)\n\n## Evidence of success\nTwo design reviews run.\n\n## Review cadence\nQuarterly.\n\n## Private notes\nSECRET-end the last lines of the file\n- [ ] @manager SECRET-end-task (due 2026-06-29)\n",
    );
    dir
}

fn assert_private(outcome: &Outcome, args: &[&str], public: &[&str]) {
    let all = outcome.all();
    for marker in MARKERS {
        assert!(
            !all.contains(marker),
            "cairn {args:?} printed `{marker}`:\n{all}"
        );
    }
    for text in public {
        assert!(
            all.contains(text),
            "cairn {args:?} did not print `{text}`:\n{all}"
        );
    }
}

fn check(repo: &Path, args: &[&str], code: i32, public: &[&str]) {
    let outcome = run(repo, args);
    assert_eq!(outcome.code, code, "cairn {args:?}:\n{}", outcome.all());
    assert_private(&outcome, args, public);
}

#[test]
fn no_private_text_reaches_any_output() {
    let dir = repository();
    let repo = dir.path();
    let findings = ["unclosed-front-matter", "missing-section"];
    for format in ["human", "json", "github", "sarif"] {
        check(repo, &["check", "--format", format], 1, &findings);
    }
    check(repo, &["check", "people/e0", "people/e1"], 1, &findings);
    check(repo, &["check", "--color", "always"], 1, &findings);

    let every_person = ["PUBLIC-0-0", "PUBLIC-19-7"];
    for format in ["terminal", "markdown", "html", "json"] {
        let args = [
            "report",
            "--as-of",
            "2026-06-10",
            "--format",
            format,
            "--color",
            "always",
        ];
        check(repo, &args, 0, &every_person);
    }
    check(
        repo,
        &["calendar", "--as-of", "2026-06-10"],
        0,
        &every_person,
    );
    for engineer in ["e0", "e13", "e19"] {
        check(
            repo,
            &["report", "--as-of", "2026-06-10", "--engineer", engineer],
            0,
            &["PUBLIC"],
        );
        for format in ["terminal", "markdown", "json"] {
            let args = [
                "show",
                engineer,
                "--as-of",
                "2026-06-10",
                "--format",
                format,
            ];
            check(repo, &args, 0, &["PUBLIC"]);
        }
    }
    for format in ["terminal", "json"] {
        for state in ["--open", "--overdue", "--done"] {
            let args = [
                "commitments",
                "--as-of",
                "2026-06-20",
                state,
                "--format",
                format,
            ];
            let public: &[&str] = if state == "--done" { &[] } else { &["PUBLIC"] };
            check(repo, &args, 0, public);
        }
    }

    for kind in [
        "prep",
        "progress-review",
        "close-gap",
        "as-needed",
        "contract",
    ] {
        for engineer in ["e1", "e7", "e18"] {
            let args = ["new", kind, engineer, "--date", "2026-06-10", "--stdout"];
            let public: &[&str] = if kind == "prep" {
                &["PUBLIC"]
            } else {
                &["---"]
            };
            check(repo, &args, 0, public);
        }
    }
}

#[test]
fn every_title_and_structure_is_private_in_the_parse() {
    // The report as JSON lists every commitment cairn counts: exactly the public ones.
    let dir = repository();
    let outcome = run(
        dir.path(),
        &["report", "--as-of", "2026-06-10", "--format", "json"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    let texts: Vec<&str> = report["people"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["commitments"].as_array().unwrap())
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().all(|t| t.contains("PUBLIC")), "{texts:#?}");
    let conversations = texts
        .iter()
        .filter(|t| t.contains("book the design review"));
    assert_eq!(conversations.count(), TITLES.len() * STRUCTURES.len());
}

/// A small repository holding one conversation with `body` after its public part.
fn one_conversation(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cairn.yaml", &roster());
    write(
        root,
        "people/e0/2026-05-01-as-needed.md",
        &format!(
            "---\ntype: as-needed\nengineer: e0\nmanager: sam-okafor\ndate: 2026-05-01\nfollow_up: 2026-06-01\nsummary_shared: 2026-05-01\n---\n## What we agreed\n\n- [ ] @manager PUBLIC-agreed book the review (due 2026-06-10)\n\n{body}"
        ),
    );
    dir
}

#[test]
fn an_unclosed_comment_or_a_directive_never_quotes_private_notes() {
    // An unclosed `cairn-ignore` comment swallows the notes: its rule names are read from
    // the redacted text, so `unknown-rule` can name only what is public.
    let dir = one_conversation(
        "<!-- cairn-ignore: placeholder-text\n\n## Private notes\nSECRET-swallowed she has an offer, SECRET-rule\n- [ ] @manager SECRET-task (due 2026-06-20)\n",
    );
    for format in ["human", "json", "github", "sarif"] {
        let args = ["check", "--format", format];
        let outcome = run(dir.path(), &args);
        assert!(outcome.code <= 1, "{}", outcome.all());
        assert_private(&outcome, &args, &[]);
    }
    let args = ["check", "--diff"];
    assert_private(&run(dir.path(), &args), &args, &[]);
    let args = ["commitments", "--as-of", "2026-06-01", "--open"];
    let outcome = run(dir.path(), &args);
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    assert_private(&outcome, &args, &["PUBLIC-agreed"]);
}

#[test]
fn a_fix_never_changes_which_lines_are_private() {
    // `# Limitations` ends a level-1 private section; as `## Limitations` it would not, so
    // the near-miss fix is refused and the notes stay where they were.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cairn.yaml", &roster());
    let contract = "---\ntype: contract\nengineer: e1\nmanager: sam-okafor\ndate: 2026-03-01\nstatus: active\nstart: 2026-03-01\nend: 2027-02-28\n---\n## Development goal\nBuild the capability to lead cross-team initiatives independently, with stakeholders.\n\n## Organisational commitment\n- [ ] @manager PUBLIC-m introduce e1 to the platform lead (due 2026-06-15)\n\n## Engineer commitment\n- [ ] @engineer PUBLIC-e write the design (due 2026-06-16)\n\n## Evidence of success\nTwo design reviews run.\n\n## Review cadence\nQuarterly.\n\n# Private notes\nSECRET-l1 she may leave\n\n# Limitations\nNo promotion is promised.\n";
    write(root, "people/e1/2026-03-01-contract.md", contract);
    let outcome = run(root, &["check", "--fix"]);
    assert_private(&outcome, &["check", "--fix"], &["missing-section"]);
    let after = std::fs::read_to_string(root.join("people/e1/2026-03-01-contract.md")).unwrap();
    assert!(after.contains("\n# Limitations\n"), "{after}");
    assert_eq!(after.matches("Limitations").count(), 1, "{after}");
    assert!(
        after.contains("SECRET-l1 she may leave"),
        "the notes are kept: {after}"
    );
}

#[test]
fn the_private_heading_fix_keeps_the_notes_and_converges() {
    let dir = one_conversation(
        "**Private**\n\nSECRET-bold she sounded tired.\n\n## Next\n\nPUBLIC-next.\n",
    );
    let file = dir.path().join("people/e0/2026-05-01-as-needed.md");
    let outcome = run(dir.path(), &["check", "--diff"]);
    assert_eq!(outcome.code, 1, "{}", outcome.all());
    assert_private(&outcome, &["check", "--diff"], &["+## Private notes"]);
    let outcome = run(dir.path(), &["check", "--fix"]);
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.contains("## Private notes\n\nSECRET-bold she sounded tired.\n"),
        "{after}"
    );
    let outcome = run(dir.path(), &["check"]);
    assert_eq!(outcome.code, 0, "{}", outcome.all());
    assert!(
        !outcome.all().contains("private-heading"),
        "{}",
        outcome.all()
    );
}

#[test]
fn no_module_but_the_privacy_one_reads_raw_text() {
    // The parser takes a `Redacted` text, which only `privacy::redact` builds (its
    // constructor is private: see the compile_fail examples on the privacy module). Here:
    // every file of `src/` that parses or shows a document's text reaches it through that
    // module, never by handing raw text to pulldown-cmark itself.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in crate::support::files(&src) {
        let text = std::fs::read_to_string(&file).unwrap();
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if text.contains("Parser::new") {
            assert!(
                relative.starts_with("model/document/privacy/")
                    || relative == "model/document/body/mod.rs"
                    // The engineer's copy, turned into HTML: its Markdown is built from a
                    // redacted text with the private extents cut out, never from the file.
                    || relative == "render/share.rs",
                "{relative} runs the Markdown parser outside the privacy module and the body parser"
            );
        }
    }
}

#[test]
fn no_private_text_reaches_a_share_an_export_or_a_handover() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "cairn.yaml",
        &format!("{}  - id: dana-reyes\n    name: Dana Reyes\n", roster()),
    );
    for (n, title) in TITLES.iter().enumerate() {
        write(
            root,
            &format!("people/e{n}/2026-03-02-where-now.md"),
            &format!(
                "---\ntype: where-now\nengineer: e{n}\nmanager: sam-okafor\ndate: 2026-03-02\nfollow_up: 2026-04-02\n---\n# Where now\n\n## What I heard\n\nPUBLIC-heard-{n} wants to lead.\n\n## What we agreed\n\n- [ ] @manager PUBLIC-agreed-{n} intro (due 2026-06-01)\n\n{title}\n\n{}",
                STRUCTURES[n % STRUCTURES.len()]
            ),
        );
    }
    for n in 0..TITLES.len() {
        let path = format!("people/e{n}/2026-03-02-where-now.md");
        let public = format!("PUBLIC-heard-{n}");
        for format in ["markdown", "text", "html", "email"] {
            let args = ["share", path.as_str(), "--format", format, "--force"];
            check(root, &args, 0, &[public.as_str()]);
        }
        let engineer = format!("e{n}");
        let args = [
            "handover",
            engineer.as_str(),
            "--to",
            "dana-reyes",
            "--date",
            "2026-07-01",
            "--dry-run",
        ];
        check(root, &args, 0, &[public.as_str()]);
        let out = root.join(format!("export-{n}"));
        let args = ["export", engineer.as_str(), "-o", out.to_str().unwrap()];
        check(root, &args, 0, &[]);
        for file in crate::support::files(&out) {
            let text = std::fs::read_to_string(&file).unwrap();
            for marker in MARKERS {
                assert!(
                    !text.contains(marker),
                    "{}: {marker}\n{text}",
                    file.display()
                );
            }
        }
        let copy = std::fs::read_to_string(out.join("documents").join(&path)).unwrap();
        assert!(copy.contains(&public), "{copy}");
    }
}
