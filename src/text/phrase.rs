//! Whether a title makes what follows it private notes: the configured phrases, and the
//! words `private` and `confidential` on their own, found generously.
//!
//! A manager writes private notes in a hurry and pastes titles from elsewhere, so a title is
//! matched after every step that could make a private title look public to a program while
//! it reads the same to a person: HTML entities decoded, inline markup and link targets
//! removed, Unicode compatibility forms (NFKC), invisible characters, case (full folding:
//! `İ`, `ß`, ligatures), accents and lookalike letters from other scripts (Unicode's
//! confusable skeletons). Each step comes from a well-kept crate; none is a table of ours.
//! Where a title is in doubt it matches: a false match hides a heading, a missed one leaks.
//!
//! Every heading-like line of every document passes through here, so an ASCII title with
//! nothing to decode takes a fast path that gives the same answer.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use icu_properties::props::{BinaryProperty, DefaultIgnorableCodePoint};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

/// The phrase that is always private, whatever `private_sections` adds.
pub(crate) const DEFAULT_PHRASE: &str = "Private notes";

/// Words that make a title private on their own (`## Private`, `## Notes (private)`,
/// `## Confidential`).
const WORDS: [&str; 2] = ["private", "confidential"];

/// One phrase: as the user wrote it (what a redacted heading shows), and as normalised
/// words to match.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Phrase {
    shown: Box<str>,
    /// The phrase's words after the generous steps.
    words: Vec<String>,
    /// The phrase's words after case folding alone: a title that holds them needs no
    /// `private-heading` warning.
    plain: Vec<String>,
    /// Written in a script without spaces between words: matched anywhere in the title.
    unspaced: bool,
    /// A configured phrase, not one of the lone words.
    configured: bool,
}

/// What made a title private.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched<'a> {
    /// The phrase as configured (or the lone word): what a redacted heading shows.
    pub shown: &'a str,
    /// A configured phrase is in the title after ordinary normalisation alone (case
    /// folded, markup removed): the title says "private notes" plainly to every reader.
    pub plain: bool,
    /// The title holds nothing but the phrase: rewriting it as `## Private notes` loses
    /// no word of the manager's.
    pub whole: bool,
}

/// The phrases whose presence, as whole words, makes a title private.
#[derive(Debug, Clone)]
pub struct PrivatePhrases {
    phrases: Vec<Phrase>,
    /// Which set of phrases this is, for the memo of answers (see [`Memo`]): a clone
    /// keeps it, since its answers are the same.
    id: u64,
}

impl PartialEq for PrivatePhrases {
    fn eq(&self, other: &PrivatePhrases) -> bool {
        self.phrases == other.phrases
    }
}

impl Eq for PrivatePhrases {}

/// The answers already given on this thread, by title, for one set of phrases.
///
/// Every heading-like line of every document asks [`PrivatePhrases::matches`], and a
/// notes repository repeats its titles in every document (the templates' headings), so
/// most questions were asked before. The answer depends on nothing but the title and
/// the phrases, so remembering it changes no answer; it is forgotten when another set
/// of phrases asks, and when the memo is full.
#[derive(Default)]
struct Memo {
    /// The set of phrases the answers are for.
    id: u64,
    /// Each title's answer: the index of the phrase, `plain` and `whole`.
    answers: HashMap<Box<str>, Option<(usize, bool, bool)>>,
}

/// How many titles a thread remembers before it starts again.
const MEMO_SIZE: usize = 4096;

/// The longest title a thread remembers: with [`MEMO_SIZE`], a memo's bound (1 MB).
const MEMO_TITLE_BYTES: usize = 256;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The next id for a new set of phrases.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Default for PrivatePhrases {
    fn default() -> PrivatePhrases {
        PrivatePhrases::new(std::iter::empty())
    }
}

impl PrivatePhrases {
    /// "Private notes", the phrases of `private_sections` added to it, and the lone words.
    /// A phrase with nothing to match after normalising is left out (the configuration
    /// reports it: see [`is_meaningful`]).
    pub fn new<'a>(configured: impl IntoIterator<Item = &'a str>) -> PrivatePhrases {
        let mut phrases = Vec::new();
        let configured = std::iter::once(DEFAULT_PHRASE).chain(configured);
        for (text, is_configured) in configured
            .map(|p| (p, true))
            .chain(WORDS.iter().map(|w| (*w, false)))
        {
            let words = generous_words(text);
            if words.is_empty() || phrases.iter().any(|p: &Phrase| p.words == words) {
                continue;
            }
            phrases.push(Phrase {
                shown: text.trim().into(),
                unspaced: text.chars().any(unspaced_script),
                plain: plain_words(text),
                words,
                configured: is_configured,
            });
        }
        PrivatePhrases {
            phrases,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// What makes `title` private, if anything does: the first phrase it contains as
    /// whole words after the generous steps.
    pub fn matches(&self, title: &str) -> Option<Matched<'_>> {
        // A long title is rare and would make the memo large: it is not remembered.
        let answer = if title.len() > MEMO_TITLE_BYTES {
            self.compute(title)
        } else {
            self.remembered(title)
        };
        answer.map(|(at, plain, whole)| Matched {
            shown: &self.phrases[at].shown,
            plain,
            whole,
        })
    }

    /// [`PrivatePhrases::compute`], remembered on this thread (see [`Memo`]).
    fn remembered(&self, title: &str) -> Option<(usize, bool, bool)> {
        MEMO.with_borrow_mut(|memo| {
            if memo.id != self.id {
                memo.id = self.id;
                memo.answers.clear();
            }
            if let Some(answer) = memo.answers.get(title) {
                return *answer;
            }
            let answer = self.compute(title);
            if memo.answers.len() >= MEMO_SIZE {
                memo.answers.clear();
            }
            memo.answers.insert(title.into(), answer);
            answer
        })
    }

    /// [`PrivatePhrases::matches`], computed: the index of the phrase found, `plain` and
    /// `whole`.
    fn compute(&self, title: &str) -> Option<(usize, bool, bool)> {
        let plain_title = plain_words(title);
        for variant in [without_markup(title, ""), without_markup(title, " ")] {
            let words = generous_words(&variant);
            if words.is_empty() {
                continue;
            }
            let joined: String = words.concat();
            for (at, phrase) in self.phrases.iter().enumerate() {
                let found = if phrase.unspaced {
                    joined.contains(&phrase.words.concat())
                } else {
                    contains_run(&words, &phrase.words)
                };
                if found {
                    let plain = self
                        .phrases
                        .iter()
                        .filter(|p| p.configured && !p.plain.is_empty())
                        .any(|p| contains_run(&plain_title, &p.plain));
                    return Some((at, plain, words == phrase.words));
                }
            }
        }
        None
    }

    /// Whether `title` is private.
    pub fn is_private(&self, title: &str) -> bool {
        self.matches(title).is_some()
    }
}

/// Whether a configured phrase can match anything: it has a letter or digit left after
/// normalising. An empty or symbol-only phrase would make nothing private.
pub fn is_meaningful(phrase: &str) -> bool {
    !generous_words(phrase).is_empty()
}

/// Whether `needle` occurs in `words` as consecutive words.
fn contains_run(words: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && words.windows(needle.len()).any(|window| window == needle)
}

/// Whether `c` belongs to a script written without spaces between words.
fn unspaced_script(c: char) -> bool {
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Thai
    )
}

/// The words of a title after ordinary normalisation: markup characters removed, case
/// folded.
fn plain_words(title: &str) -> Vec<String> {
    let folded = caseless::default_case_fold_str(&without_markup(title, " "));
    words_of(&folded).map(str::to_owned).collect()
}

/// Runs of letters and digits; anything else bounds them.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of `text` after the generous steps, each as its confusable skeleton.
fn generous_words(text: &str) -> Vec<String> {
    if text.is_ascii() && !text.contains('&') {
        let table = ascii_skeletons();
        return words_of(text)
            .map(|word| {
                word.bytes()
                    .map(|b| table[usize::from(b.to_ascii_lowercase())].as_str())
                    .collect()
            })
            .collect();
    }
    let decoded = html_escape::decode_html_entities(text);
    let compatible: String = decoded
        .nfkc()
        .filter(|c| !DefaultIgnorableCodePoint::for_char(*c))
        .collect();
    let folded = caseless::default_case_fold_str(&compatible);
    let bare: String = folded.nfd().filter(|c| !is_combining_mark(*c)).collect();
    words_of(&bare)
        .map(|word| skeleton_of(word).collect())
        .collect()
}

/// The confusable skeleton of a word, folded again: a skeleton may map to an upper-case
/// prototype.
fn skeleton_of(word: &str) -> impl Iterator<Item = char> + '_ {
    unicode_security::skeleton(word)
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
}

/// The skeleton of each lower-case ASCII character, computed once by the same crate.
fn ascii_skeletons() -> &'static [String; 128] {
    static TABLE: OnceLock<[String; 128]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|b| {
            let c = char::from(u8::try_from(b).unwrap_or(0)).to_ascii_lowercase();
            skeleton_of(c.encode_utf8(&mut [0; 4])).collect()
        })
    })
}

/// `title` with its inline markup removed: HTML tags and emphasis marks replaced by `tag`
/// (read both ways: `Pri<b>vate</b>` and `Private<br>notes`, `Pri**vate**` and
/// `Private_notes`), link and image targets dropped
/// (`[Private notes](x.md)`).
/// Linear: each character is looked at a bounded number of times.
pub(crate) fn without_markup(title: &str, tag: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let bytes = title.as_bytes();
    // A `<` after the last `>` starts no tag: no scan for a `>` that is not there.
    let last_close = title.rfind('>');
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if last_close.is_some_and(|close| close > i)
                && bytes
                    .get(i + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!') =>
            {
                let end = title[i..].find('>').map_or(title.len(), |n| i + n + 1);
                out.push_str(tag);
                i = end;
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                // A link's or image's target: up to the closing parenthesis on this line.
                let end = title[i..]
                    .find([')', '\n'])
                    .map_or(title.len(), |n| i + n + 1);
                out.push(' ');
                i = end;
            }
            b'*' | b'_' | b'`' | b'~' => {
                // Emphasis inside a word (`Pri**vate**`) or between words (`Private_notes`).
                out.push_str(tag);
                i += 1;
            }
            b'[' | b']' => {
                i += 1;
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => {
                i += 1;
            }
            _ => {
                let width = title[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&title[i..i + width]);
                i += width;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private(title: &str) -> bool {
        PrivatePhrases::new(["Notes privées", "Manager only", "私的"]).is_private(title)
    }

    #[test]
    fn the_memo_answers_for_the_phrases_that_ask() {
        // One thread, two sets of phrases, the same titles asked in turn: each set gets
        // its own answer, asked first or again, and a memo filled to the brim forgets
        // without answering wrong.
        let salary = PrivatePhrases::new(["Salary talk"]);
        let plain = PrivatePhrases::default();
        for _ in 0..2 {
            assert_eq!(
                salary.matches("Salary talk").map(|m| m.shown),
                Some("Salary talk")
            );
            assert_eq!(plain.matches("Salary talk"), None);
            assert!(salary
                .matches("Salary talk")
                .is_some_and(|m| m.whole && m.plain));
            assert_eq!(
                plain.matches("## Private").map(|m| m.shown),
                Some("private")
            );
        }
        for n in 0..MEMO_SIZE + 10 {
            assert_eq!(salary.matches(&format!("Title {n}")), None);
        }
        let long = format!("{} Salary talk", "x ".repeat(MEMO_TITLE_BYTES));
        assert!(salary.matches(&long).is_some_and(|m| !m.whole));
        assert_eq!(plain.matches(&long), None);
        assert!(salary.is_private("Salary talk"));
        assert!(salary.clone().is_private("Salary talk"));
        assert_eq!(salary, PrivatePhrases::new(["Salary talk"]));
    }

    #[test]
    fn the_default_phrase_and_the_lone_words_match() {
        for title in [
            "Private notes",
            "🔒 Private notes (manager only)",
            "Private-notes",
            "Private",
            "Notes (private)",
            "Private note",
            "Confidential",
            "**Private** notes",
            "[Private notes](x.md)",
            "Private_notes",
            "Pri**vate** notes",
            "Manager only: Dana",
        ] {
            assert!(private(title), "{title:?}");
        }
        for title in [
            "Privately noted",
            "Notes",
            "Privacy policy",
            "What I heard",
            "",
        ] {
            assert!(!private(title), "{title:?}");
        }
    }

    #[test]
    fn hidden_and_folded_characters_do_not_make_a_title_public() {
        for title in [
            "Pri\u{200b}vate notes",
            "Pri\u{ad}vate notes",
            "Pri&shy;vate notes",
            "Private&nbsp;notes",
            "Pri<b>vate</b> notes",
            "Private<br>notes",
            "PRİVATE NOTES",
            "Notes prive\u{301}es",
            "NOTES PRIVÉES",
            "\u{420}rivate notes",
            "Ｐｒｉｖａｔｅ",
            "CONFIDENTIAL",
            "Pri\u{2060}vate",
            "Private\u{fe0f}",
            "これは私的なメモ",
        ] {
            assert!(private(title), "{title:?}");
        }
    }

    #[test]
    fn plain_says_whether_a_configured_phrase_is_there_without_the_generous_steps() {
        let phrases = PrivatePhrases::new(["Manager only"]);
        let plain = |t: &str| phrases.matches(t).map(|m| m.plain);
        assert_eq!(plain("Private notes"), Some(true));
        assert_eq!(plain("**Private notes** for Dana"), Some(true));
        assert_eq!(plain("MANAGER ONLY"), Some(true));
        assert_eq!(plain("Private"), Some(false));
        assert_eq!(plain("Confidential"), Some(false));
        assert_eq!(plain("Pri\u{200b}vate notes"), Some(false));
        assert_eq!(plain("\u{420}rivate notes"), Some(false));
        assert_eq!(plain("Notes"), None);
    }

    #[test]
    fn the_shown_phrase_comes_from_the_configuration_not_the_title() {
        let phrases = PrivatePhrases::default();
        assert_eq!(
            phrases.matches("PRIVATE NOTES: Dana").map(|m| m.shown),
            Some("Private notes")
        );
        assert_eq!(
            phrases.matches("Confidential — HR").map(|m| m.shown),
            Some("confidential")
        );
    }

    #[test]
    fn meaningless_phrases_are_told() {
        assert!(!is_meaningful(""));
        assert!(!is_meaningful("🔒"));
        assert!(!is_meaningful(" — "));
        assert!(!is_meaningful("\u{200b}"));
        assert!(is_meaningful("Notes privées"));
        assert!(is_meaningful("私的"));
    }

    #[test]
    fn markup_removal_is_linear() {
        let hostile = "<a".repeat(100_000) + ">";
        assert_eq!(without_markup(&hostile, ""), "");
        let open = "](".repeat(100_000);
        assert!(without_markup(&open, "").len() < 10);
    }
}
