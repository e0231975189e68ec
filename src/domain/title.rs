//! Section titles (docs/format.md): the normalised form that required sections are matched by.
//!
//! Both run on every heading of every document, and on heading-like lines of the snippet
//! guard, so both are linear in the title's length whatever it holds.

/// The normalised form of a section title: case-folded; surrounding whitespace and a closing
/// `#` sequence removed; inline markup characters (`*`, `_`, `` ` ``) removed; a possessive
/// `'s`/`’s` dropped; runs of whitespace collapsed; `isation` spelled `ization`; and, beyond
/// docs/format.md, a trailing colon dropped (`## Development goal:`).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition docs/format.md gives, applied step by step until nothing changes: slow on
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
}
