//! Everything cairn holds about one person (`cairn export`, docs/sharing.md), for a
//! subject access request: the person's documents, where other documents mention them,
//! the other people each file names, and an index with each file's SHA-256.
//!
//! Everything here is laid out from texts the caller gives: the documents with their
//! private sections withheld (built from the redacted text), or, with
//! `--include-private` alone, as written.

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::{Config, Person};
use crate::domain::mention::mentions as at_mentions;
use crate::domain::vocabulary::DocType;

/// One exported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Root-relative path in the notes repository; the export writes it under
    /// `documents/`.
    pub path: String,
    /// The text exported.
    pub text: String,
    /// Its type, when its front matter reads.
    pub doc_type: Option<DocType>,
    /// Its date, when its front matter reads.
    pub date: Option<NaiveDate>,
    /// How many private sections were withheld.
    pub withheld: usize,
}

/// A line of another person's document that mentions the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Root-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The line's public text.
    pub text: String,
}

/// The line that stands for a withheld private section, after the public text `before`
/// it. When an HTML comment opened before it is still open, the line closes it first, so
/// the reader sees that something was withheld even where the Markdown is rendered.
pub fn withheld(lines: usize, before: &str) -> String {
    let in_comment = before
        .rfind("<!--")
        .is_some_and(|open| !before[open + 4..].contains("-->"));
    let close = if in_comment { "-->\n" } else { "" };
    format!("{close}[private section withheld: {lines} lines]\n")
}

/// Whether `text` names `person`: their `@id`, their id as a front-matter value, or their
/// name as whole words (case-insensitive).
pub fn names(text: &str, person: &Person) -> bool {
    if at_mentions(text).any(|(id, _)| id == person.id) {
        return true;
    }
    let value = text
        .split_once(':')
        .map(|(key, value)| (key.trim(), value.trim()));
    if matches!(value, Some(("engineer" | "manager" | "to", id)) if id == person.id) {
        return true;
    }
    words(text, &person.name)
}

/// Whether `phrase` stands in `text` as whole words, case-insensitively.
fn words(text: &str, phrase: &str) -> bool {
    let (text, phrase) = (text.to_lowercase(), phrase.to_lowercase());
    if phrase.trim().is_empty() {
        return false;
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(&phrase).any(|(at, found)| {
        boundary(text[..at].chars().next_back())
            && boundary(text[at + found.len()..].chars().next())
    })
}

/// The lines of `documents` (another person's, as root-relative path and public text)
/// that name `person`.
pub fn mentions(person: &Person, documents: &[(String, String)]) -> Vec<Mention> {
    let mut found = Vec::new();
    for (path, text) in documents {
        for (n, line) in text.lines().enumerate() {
            if names(line, person) {
                found.push(Mention {
                    path: path.clone(),
                    line: n + 1,
                    text: line.trim().to_owned(),
                });
            }
        }
    }
    found
}

/// The other roster people an exported text names, by id.
pub fn third_parties<'a>(text: &str, person: &Person, config: &'a Config) -> Vec<&'a Person> {
    config
        .people
        .iter()
        .filter(|other| other.id != person.id)
        .filter(|other| text.lines().any(|line| names(line, other)))
        .collect()
}

/// `mentions.md`.
pub fn mentions_page(person: &Person, found: &[Mention]) -> String {
    let mut out = format!(
        "# Where other documents mention {}\n\nEvery line of another person's document that names {} (`@{}`, or the name as words), with its public text. Review each before anything is sent: these lines are about someone else too.\n\n",
        person.name, person.name, person.id
    );
    if found.is_empty() {
        out.push_str("None.\n");
    }
    for mention in found {
        out.push_str(&format!(
            "- `{}:{}`: {}\n",
            mention.path, mention.line, mention.text
        ));
    }
    out
}

/// `third-parties.md`.
pub fn third_parties_page(person: &Person, files: &[(String, Vec<&Person>)]) -> String {
    let mut out = format!(
        "# Other people named in {}'s documents\n\nPer exported file, the other people of the roster it names, so that what is about them can be redacted before the export is sent.\n\n",
        person.name
    );
    for (path, people) in files {
        let named: Vec<String> = people
            .iter()
            .map(|p| format!("{} (`{}`)", p.name, p.id))
            .collect();
        out.push_str(&format!(
            "- `{path}`: {}\n",
            if named.is_empty() {
                "nobody else".to_owned()
            } else {
                named.join(", ")
            }
        ));
    }
    out
}

/// An entry of `index.json`.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    path: &'a str,
    #[serde(rename = "type")]
    doc_type: Option<DocType>,
    date: Option<NaiveDate>,
    sha256: String,
    private_sections_withheld: usize,
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `index.json`: each exported file (`files`: the path in the export, its text, and the
/// document it came from, if one) with its SHA-256.
pub fn index(
    person: &Person,
    files: &[(String, &str, Option<&Exported>)],
    private: bool,
) -> String {
    let entries: Vec<Entry> = files
        .iter()
        .map(|(path, text, document)| Entry {
            path,
            doc_type: document.and_then(|d| d.doc_type),
            date: document.and_then(|d| d.date),
            sha256: sha256(text.as_bytes()),
            private_sections_withheld: document.map_or(0, |d| d.withheld),
        })
        .collect();
    let json = serde_json::json!({
        "version": 1,
        "person": {"id": person.id, "name": person.name},
        "private_sections_included": private,
        "files": entries,
    });
    // Escaped as every JSON of cairn's: a C1 character in a name reaches no terminal.
    super::json::pretty_string(&json)
}

/// `README.md`: what the export holds, what it withholds and why, and what to review.
pub fn readme(person: &Person, documents: usize, withheld: usize, private: bool) -> String {
    let held = if private {
        "**This export includes the private sections** (`--include-private`): the manager's own notes, which cairn otherwise never shows. Read them before sending anything.".to_owned()
    } else {
        format!("{withheld} private section(s) are withheld: each is replaced by one line `[private section withheld: N lines]`. They are the manager's notes to themself; under a subject access request they may still be personal data, so decide with whoever answers the request whether to include them (`cairn export --include-private`).")
    };
    format!(
        "# What cairn holds about {name}\n\nWritten by `cairn export {id}`, for a subject access request.\n\n- `documents/`: the {documents} document(s) about {name}, at their paths in the notes repository.\n- `mentions.md`: the lines of other people's documents that name {name}.\n- `third-parties.md`: per file, the other people it names, to redact before sending.\n- `index.json`: every file with its SHA-256, type and date, and how many private sections were withheld.\n\n{held}\n\nBefore sending: read `mentions.md` (those lines are about other people too) and redact what `third-parties.md` lists where it is not about {name}.\n",
        name = person.name,
        id = person.id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> Person {
        Person {
            id: "alice".into(),
            name: "Alice Nguyen".into(),
            manager: None,
            role: None,
            since: None,
            left: None,
            previous_managers: Vec::new(),
            away: Vec::new(),
            email: None,
            level: None,
            level_position: None,
            seal_to: Vec::new(),
            position: crate::domain::diagnostic::Position::START,
        }
    }

    #[test]
    fn the_index_escapes_a_control_character_in_a_name() {
        let mut person = alice();
        person.name = "Eli \u{9b}[31mPark\u{7f}".into();
        let index = index(&person, &[("README.md".into(), "hello", None)], false);
        assert!(index.contains("Eli \\u009b[31mPark\\u007f"), "{index}");
        assert!(
            !index.chars().any(|c| c.is_control() && c != '\n'),
            "{index}"
        );
        let read: serde_json::Value = serde_json::from_str(&index).unwrap();
        assert_eq!(read["person"]["name"], person.name);
        assert_eq!(read["files"][0]["path"], "README.md");
    }

    #[test]
    fn a_person_is_named_by_id_value_or_name_as_words() {
        let alice = alice();
        assert!(names("- [ ] @alice review the doc", &alice));
        assert!(names("manager: alice", &alice));
        assert!(names("Paired with alice nguyen on it", &alice));
        assert!(!names("Alice Nguyenova joined", &alice));
        assert!(!names("@alicia", &alice));
    }

    #[test]
    fn hashes_are_sha256_in_hex() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
