use super::*;

fn phrases() -> PrivatePhrases {
    PrivatePhrases::default()
}

/// The redacted text of a document with a minimal front matter.
fn redacted(body: &str) -> String {
    let text = format!("---\ntype: prep\n---\n{body}");
    let redacted = redact(&text, &phrases());
    assert_eq!(redacted.text().len(), text.len());
    redacted.text()["---\ntype: prep\n---\n".len()..].to_owned()
}

#[test]
fn private_text_becomes_blanks_and_the_start_shows_only_its_phrase() {
    assert_eq!(
        redacted("## Done\nok\n## Private notes: Dana\nsecret\n## Next\nyes\n"),
        "## Done\nok\n## Private notes      \n      \n## Next\nyes\n"
    );
    assert_eq!(
        redacted("## Confidential — HR\nsecret\n"),
        format!("## confidential{}\n      \n", " ".repeat(7))
    );
    assert_eq!(
        redacted("**Private notes**\nsecret\n"),
        "**Private notes  \n      \n"
    );
}

#[test]
fn where_each_start_ends() {
    // A level-2 start ends at the next level-2 heading, not at a level-1 line of notes.
    assert_eq!(
        redacted("## Private\n# of 1:1s skipped: 4\n### sub\n## Open\n"),
        "## private\n                    \n       \n## Open\n"
    );
    // A level-3 start ends at the next level-3 or level-2 heading.
    assert_eq!(
        redacted("### Private\nx\n### Open\n"),
        "### private\n \n### Open\n"
    );
    // A level-1 start ends only at a level-1 heading.
    assert_eq!(
        redacted("# Private\n## a\n# Open\n"),
        "# private\n    \n# Open\n"
    );
    // A bold line ends at the next heading of level 1 or 2.
    assert_eq!(
        redacted("**Private**\n### a\n# Open\n"),
        "**private  \n     \n# Open\n"
    );
    // A heading in a quote ends nothing; a setext heading ends nothing.
    assert_eq!(
        redacted("## Private\nx\n> ## Quoted\nOpen\n----\n"),
        "## private\n \n           \n    \n    \n"
    );
}

#[test]
fn where_cairn_cannot_tell_it_hides_to_the_end() {
    for body in [
        "```\n## Private notes\n```\n## Open\nx\n",
        "<!-- cairn-ignore: placeholder-text\n## Private notes\nsecret\n## Open\n",
        "    ## Private notes\n\n## Open\n",
    ] {
        let out = redacted(body);
        assert!(!out.contains("Open"), "{body:?} → {out:?}");
    }
    // An HTML element left open in private notes hides the headings inside it.
    let out = redacted("## Private notes\n<div>\n\n## Inside\nsecret\n</div>\n");
    assert!(
        !out.contains("Inside") && !out.contains("secret"),
        "{out:?}"
    );
}

#[test]
fn a_private_heading_in_front_matter_hides_the_rest() {
    let text = "---\ntype: prep\n# Private notes\nsecret: x\n---\n## Open\n";
    let out = redact(text, &phrases());
    assert!(!out.text().contains("secret") && !out.text().contains("Open"));
}

#[test]
fn starts_say_whether_every_reader_sees_them_and_whether_a_fix_keeps_them() {
    let text = "---\ntype: prep\n---\n### Private\nx\n## Open\n**Confidential**\ny\n";
    let out = redact(text, &phrases());
    let starts: Vec<(bool, bool)> = out.starts().iter().map(|s| (s.plain, s.fixable)).collect();
    assert_eq!(starts, [(false, true), (false, true)]);
    let plain = redact("---\na: b\n---\n## Private notes\nx\n", &phrases());
    assert!(plain.starts()[0].plain);
    // `### Private` with a `### Open` after it: as `##` it would hide `### Open` too.
    let keeps = redact("---\na: b\n---\n### Private\nx\n### Open\n", &phrases());
    assert!(!keeps.starts()[0].fixable);
}

#[test]
fn edits_never_touch_private_notes_nor_move_their_boundary() {
    let raw = "---\ntype: prep\n---\n# Private notes\nsecret\n# Limitations\nx\n";
    let source = Source::new(raw.to_owned());
    let at = raw.find("# Limitations").unwrap_or(0);
    let deeper = source.edit(&[(at..at, "#".to_owned())], &phrases());
    assert_eq!(deeper, Err(Refused::PrivacyChanged));
    let secret = raw.find("secret").unwrap_or(0);
    let inside = source.edit(&[(secret..secret + 6, "public".to_owned())], &phrases());
    assert_eq!(inside, Err(Refused::InPrivateNotes));
    let x = raw.rfind('x').unwrap_or(0);
    let fine = source.edit(&[(x..x + 1, "y".to_owned())], &phrases());
    assert!(fine.is_ok());
}

#[test]
fn text_without_private_notes_is_not_copied() {
    let raw = "---\ntype: prep\n---\n## Open\n";
    assert!(matches!(redact(raw, &phrases()).text, Cow::Borrowed(_)));
}

#[test]
fn a_note_is_read_as_every_document_is_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let note = file(
        "note.md",
        b"## What I heard\n\n## Private notes\n\nsecret\n",
    );
    let source = Source::read(&note).unwrap();
    let redacted = source.redact(&phrases());
    assert!(redacted.text().contains("What I heard"));
    assert!(!redacted.text().contains("secret"));
    let large = file("large.md", &vec![b'a'; 1024 * 1024 + 1]);
    let error = Source::read(&large).unwrap_err().to_string();
    assert!(error.contains("over the 1 MiB limit"), "{error}");
    let latin1 = file("latin1.md", b"caf\xe9\n");
    let error = Source::read(&latin1).unwrap_err().to_string();
    assert!(error.contains("not UTF-8"), "{error}");
    assert!(Source::read(dir.path()).is_err(), "a folder is no note");
}
