//! Section-title normalisation (SPEC 2.2), so that `## **Engineer's Commitment** ##` and
//! `Engineer commitment` are the same section, and so are "organisation" and "organization".

/// The normalised form of a section title: case-folded; surrounding whitespace and a closing
/// `#` sequence removed; inline markup characters (`*`, `_`, `` ` ``) removed; a possessive
/// `'s`/`’s` dropped; runs of whitespace collapsed; `isation` spelled `ization`; and, beyond
/// SPEC 2.2, a trailing colon dropped (`## Development goal:`).
///
/// Headings parsed from Markdown have their markup removed by the parser already; the
/// character stripping here is for titles written in `cairn.yaml`. The result is stable:
/// normalising a normalised title changes nothing.
pub fn normalize(title: &str) -> String {
    // Each step can expose work for another (dropping `'s` can leave a trailing colon), so
    // repeat until nothing changes; every step only shortens the title.
    let mut current = step(title);
    loop {
        let next = step(&current);
        if next == current {
            return current;
        }
        current = next;
    }
}

fn step(title: &str) -> String {
    let mut title = title.trim().to_lowercase();
    if title.contains('’') {
        title = title.replace('’', "'");
    }
    title.retain(|c| !matches!(c, '*' | '_' | '`'));
    // A closing `#` sequence and a trailing colon (`## Development goal:`), until neither is left.
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
        .map(|word| {
            let mut word = word;
            while let Some(stripped) = word.strip_suffix("'s") {
                word = stripped;
            }
            word
        })
        .filter(|word| !word.is_empty())
        .collect();
    let joined = words.join(" ");
    if joined.contains("isation") {
        joined.replace("isation", "ization")
    } else {
        joined
    }
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
    use super::normalize;

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
    fn is_idempotent_on_awkward_titles() {
        for title in [
            "c# #",
            "x's's",
            "a*'s",
            "#",
            "  ",
            "Organisation's isation",
            "__init__",
        ] {
            let once = normalize(title);
            assert_eq!(normalize(&once), once, "{title:?}");
        }
    }
}
