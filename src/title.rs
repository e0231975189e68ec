//! Section titles (SPEC 2.2 and 2.5): the normalised form that required sections are matched
//! by, and the whole-word test that makes a heading private.
//!
//! Both run on every heading of every document, and on heading-like lines of the snippet
//! guard, so both are linear in the title's length whatever it holds.

/// The normalised form of a section title: case-folded; surrounding whitespace and a closing
/// `#` sequence removed; inline markup characters (`*`, `_`, `` ` ``) removed; a possessive
/// `'s`/`’s` dropped; runs of whitespace collapsed; `isation` spelled `ization`; and, beyond
/// SPEC 2.2, a trailing colon dropped (`## Development goal:`).
///
/// Headings parsed from Markdown have their markup removed by the parser already; the
/// character stripping here is for titles written in `cairn.yaml`. The result is stable:
/// normalising a normalised title changes nothing.
pub fn normalize(title: &str) -> String {
    let folded = fold(title);
    // Every word loses its possessive `'s`es; the words are then joined by single spaces.
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        let word = strip_possessives(word);
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    trim_end(&mut out);
    if out.contains("isation") {
        out = out.replace("isation", "ization");
    }
    out
}

/// Removes what a title's end may hide behind other endings: spaces, a trailing colon, a
/// possessive `'s` and a closing `#` sequence. `x's:'s:` loses a colon, which exposes an
/// `'s`, which exposes a colon: each turn removes at least one character and looks only at
/// the end, so the work is linear. Returns the number of turns.
fn trim_end(out: &mut String) -> usize {
    let mut turns = 0;
    loop {
        turns += 1;
        let before = out.len();
        out.truncate(out.trim_end().len());
        if out.ends_with(':') {
            out.pop();
        } else if let Some(stripped) = out.strip_suffix("'s") {
            out.truncate(stripped.len());
        } else {
            out.truncate(strip_closing_hashes(out).len());
        }
        if out.len() == before {
            return turns;
        }
    }
}

/// Lower case, `’` as `'`, markup characters dropped.
fn fold(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    if title.is_ascii() {
        out.extend(
            title
                .bytes()
                .filter(|b| !matches!(b, b'*' | b'_' | b'`'))
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        // The whole string at once: `str::to_lowercase` knows a word-final sigma.
        out.extend(title.to_lowercase().chars().filter_map(|c| match c {
            '*' | '_' | '`' => None,
            '’' => Some('\''),
            c => Some(c),
        }));
    }
    out
}

fn strip_possessives(mut word: &str) -> &str {
    while let Some(stripped) = word.strip_suffix("'s") {
        word = stripped;
    }
    word
}

/// Removes an ATX closing sequence: `#`s at the end preceded by whitespace (or alone).
fn strip_closing_hashes(title: &str) -> &str {
    let stripped = title.trim_end_matches('#');
    if stripped.is_empty() || stripped.ends_with(char::is_whitespace) {
        stripped
    } else {
        title
    }
}

/// The words of a text for private-phrase matching: runs of letters and digits, anything
/// else bounds them (`Private-notes`, `(Private notes)`, `Private notes—manager only`).
fn words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Phrases whose presence, as whole words, makes a heading private (SPEC 2.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivatePhrases {
    /// Each phrase as its lower-case words.
    phrases: Vec<Vec<String>>,
}

impl PrivatePhrases {
    /// The phrases as configured (`private_sections`); a phrase with no letter or digit
    /// can match nothing and is left out.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PrivatePhrases {
        PrivatePhrases {
            phrases: phrases
                .into_iter()
                .map(|phrase| words(phrase).map(fold).collect::<Vec<_>>())
                .filter(|words| !words.is_empty())
                .collect(),
        }
    }

    /// Whether `phrase` can match a title: it has a letter or a digit (the rest only
    /// bounds words).
    pub fn can_match(phrase: &str) -> bool {
        words(phrase).next().is_some()
    }

    /// Whether a heading's title (raw or normalised, with or without its `#`s) contains one
    /// of the phrases as whole words, in any case: `## 🔒 Private notes, manager only`.
    pub fn matches(&self, title: &str) -> bool {
        if self.phrases.is_empty() {
            return false;
        }
        let mut rest = words(title);
        loop {
            let candidate = rest.clone();
            if self.phrases.iter().any(|phrase| {
                let mut candidate = candidate.clone();
                phrase
                    .iter()
                    .all(|word| candidate.next().is_some_and(|w| same_word(w, word)))
            }) {
                return true;
            }
            if rest.next().is_none() {
                return false;
            }
        }
    }
}

/// Whether `word` equals `lower` (already lower case), ignoring case.
fn same_word(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// The `<h1>`–`<h6>` elements of `html`: each level with its title read two ways, tags
/// taken out and tags as spaces (`Pri<b>vate</b> notes`, `Private<br>notes`), entities
/// as spaces (`Private&nbsp;notes`). An element left open runs to the end. Linear: each
/// element's scan starts where the last one ended.
pub fn html_headings(html: &str) -> impl Iterator<Item = (usize, [String; 2])> + '_ {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + lower[from..].find("<h")?;
        from = at + 2;
        let rest = &lower.as_bytes()[from..];
        let Some(digit @ b'1'..=b'6') = rest.first().copied() else {
            continue;
        };
        if !rest
            .get(1)
            .is_none_or(|b| b.is_ascii_whitespace() || b"/>".contains(b))
        {
            continue;
        }
        let close = format!("</h{}", char::from(digit));
        let open_end = lower[from..]
            .find('>')
            .map_or(lower.len(), |n| from + n + 1);
        let end = lower[open_end..]
            .find(&close)
            .map_or(lower.len(), |n| open_end + n);
        let inner = &html[open_end..end];
        from = end;
        let titles = [without_markup(inner, ""), without_markup(inner, " ")];
        return Some((usize::from(digit - b'0'), titles));
    })
}

/// `html` with each tag replaced by `tag` and each entity by a space. A `<` or `&` that
/// starts neither (`a < b`, `R&D`) is text.
fn without_markup(html: &str, tag: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // A `<` after the last `>` starts no tag: no scan for a `>` that is not there.
    let last_close = html.rfind('>');
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let markup = if rest[at..].starts_with('<') {
            let offset = html.len() - rest.len() + at;
            (last_close.is_some_and(|close| close > offset)
                && after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'))
            .then(|| after.find('>'))
            .flatten()
            .map(|n| (n, tag))
        } else {
            let name = after
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
                .count();
            (name > 0 && after[name..].starts_with(';')).then_some((name, " "))
        };
        match markup {
            Some((n, with)) => {
                out.push_str(with);
                rest = &after[n + 1..];
            }
            None => {
                out.push_str(&rest[at..at + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition SPEC 2.2 gives, applied step by step until nothing changes: slow on
    /// hostile titles, kept here as the reference the linear version must equal.
    fn reference(title: &str) -> String {
        fn step(title: &str) -> String {
            let mut title = title.trim().to_lowercase();
            title = title.replace('’', "'");
            title.retain(|c| !matches!(c, '*' | '_' | '`'));
            let mut title = title.trim();
            loop {
                let stripped = strip_closing_hashes(title)
                    .trim_end()
                    .trim_end_matches(':')
                    .trim_end();
                if stripped == title {
                    break;
                }
                title = stripped;
            }
            let words: Vec<&str> = title
                .split_whitespace()
                .map(strip_possessives)
                .filter(|word| !word.is_empty())
                .collect();
            words.join(" ").replace("isation", "ization")
        }
        let mut current = step(title);
        loop {
            let next = step(&current);
            if next == current {
                return current;
            }
            current = next;
        }
    }

    #[test]
    fn folds_the_forms_spec_names() {
        assert_eq!(normalize("  Development   Goal  "), "development goal");
        assert_eq!(normalize("**Goal**"), "goal");
        assert_eq!(normalize("Engineer's commitment"), "engineer commitment");
        assert_eq!(normalize("Engineer’s Commitment"), "engineer commitment");
        assert_eq!(
            normalize("Organisational commitment"),
            normalize("Organizational Commitment")
        );
        assert_eq!(normalize("Limitations ##"), "limitations");
        assert_eq!(normalize("C#"), "c#");
        assert_eq!(normalize("Development goal:"), "development goal");
    }

    #[test]
    fn equals_the_reference_on_awkward_titles() {
        for title in [
            "c# #",
            "x's's",
            "a*'s",
            "#",
            "  ",
            "Organisation's isation",
            "__init__",
            ":’s",
            "x's:'s:'s:",
            "a #'s",
            "a : :",
            "a 's #",
            "İstanbul's",
            "a's b's:",
        ] {
            let once = normalize(title);
            assert_eq!(once, reference(title), "{title:?}");
            assert_eq!(normalize(&once), once, "{title:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_the_reference_on_any_title(title in "[a-zA-Z'’*_`# :éİΣ]{0,24}") {
            proptest::prop_assert_eq!(normalize(&title), reference(&title));
        }
    }

    #[test]
    fn hostile_titles_take_linear_work() {
        // 120 KB of `'s:` took seconds when each pass over the whole title removed one
        // unit. Now each turn removes at least one character at the end, and the number of
        // turns grows with the length, no faster.
        for units in [1_000, 10_000, 40_000] {
            let mut title = format!("x{}", "'s:".repeat(units));
            let length = title.len();
            let turns = trim_end(&mut title);
            assert_eq!(title, "x");
            assert!(turns <= length, "{turns} turns for {length} bytes");
        }
        assert_eq!(normalize(&format!("x{}", "'s:".repeat(40_000))), "x");
    }

    #[test]
    fn private_phrases_are_whole_words_whatever_bounds_them() {
        let private = PrivatePhrases::new(["Private notes"]);
        for title in [
            "Private notes",
            "## Private notes",
            "PRIVATE NOTES",
            "Private notes, manager only",
            "Private notes.",
            "(Private notes)",
            "Private notes—manager only",
            "Private notes/observations",
            "[Private notes]",
            "Private-notes",
            "Private_notes",
            "🔒 Private notes",
            "**Private** notes:",
            "Private  notes",
            "My private notes (do not share)",
        ] {
            assert!(private.matches(title), "{title:?}");
        }
        for title in [
            "Privately noted",
            "Private",
            "Notes",
            "private notesx",
            "Privatenotes",
        ] {
            assert!(!private.matches(title), "{title:?}");
        }
        assert!(!PrivatePhrases::new(["—"]).matches("anything"));
        let several = PrivatePhrases::new(["Private notes", "Manager only"]);
        assert!(several.matches("Manager-only thoughts"));
    }

    #[test]
    fn html_headings_are_read_with_and_without_their_markup() {
        let found: Vec<(usize, [String; 2])> =
            html_headings("<p>x</p><H3 id=p>Pri<b>vate</b>&nbsp;notes</H3><h2>open").collect();
        assert_eq!(
            found,
            [
                (
                    3,
                    ["Private notes".to_owned(), "Pri vate  notes".to_owned()]
                ),
                (2, ["open".to_owned(), "open".to_owned()]),
            ]
        );
        // `<hr>`, `<header>` and `<h7>` are no headings; `<` and `&` that start no markup
        // are text.
        assert_eq!(html_headings("<hr><header>a</header><h7>b</h7>").count(), 0);
        assert_eq!(
            without_markup("R&D < Private notes &amp; more", ""),
            "R&D < Private notes   more"
        );
    }

    #[test]
    fn html_headings_stay_linear_on_hostile_input() {
        // Quadratic scans would take minutes here (200,000 candidates, each to the end).
        let open = "<h1 ".repeat(200_000);
        assert_eq!(html_headings(&open).count(), 1);
        let tags = format!("<h2>{}</h2>", "<a".repeat(200_000));
        assert_eq!(html_headings(&tags).count(), 1);
        let entities = format!("<h2>{}</h2>", "&a".repeat(200_000));
        assert_eq!(html_headings(&entities).count(), 1);
    }
}
