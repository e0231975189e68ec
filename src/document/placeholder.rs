//! Placeholders (SPEC 2.2): the `TODO`s and `…`s a template or a hurried author leaves,
//! which make a section look written when it is not.

/// The words that stand for text still to be written.
const LINES: &[&str] = &[
    "todo", "tbd", "tbc", "tk", "fixme", "xxx", "...", "…", "?", "-",
];

/// The prefixes that make a line a placeholder whatever follows (`TODO: the goal`).
const PREFIXES: &[&str] = &["todo:", "tbd:", "fixme:"];

/// The words `placeholder-text` reports wherever they stand as words.
pub const WORDS: &[&str] = &["TODO", "TBD", "TBC", "FIXME", "XXX"];

/// The placeholder a line of text is, if it is one: its text, after list markers and
/// emphasis (already removed by the Markdown parser) and a trailing colon, is one of the
/// placeholder words, or starts with `TODO:`, `TBD:` or `FIXME:` (case-insensitive).
pub fn line(text: &str) -> Option<&str> {
    let trimmed = text.trim();
    let bare = trimmed.strip_suffix(':').unwrap_or(trimmed).trim_end();
    if bare.is_empty() && !trimmed.is_empty() {
        return None;
    }
    let lower = bare.to_lowercase();
    if LINES.contains(&lower.as_str()) {
        return Some(bare);
    }
    let prefix = PREFIXES.iter().find(|prefix| {
        trimmed
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    })?;
    trimmed.get(..prefix.len() - 1)
}

/// The placeholder words standing as words in `text` (bounded by anything that is not a
/// letter or digit), with their byte offsets.
pub fn words(text: &str) -> Vec<(usize, &'static str)> {
    let mut found: Vec<(usize, &'static str)> = WORDS
        .iter()
        .flat_map(|word| {
            text.match_indices(word).filter_map(move |(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + word.len()..].chars().next();
                let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                (bounded(before) && bounded(after)).then_some((at, *word))
            })
        })
        .collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_lines() {
        for text in [
            "TODO",
            "todo",
            " TBD: ",
            "...",
            "…",
            "?",
            "-",
            "TK",
            "FIXME: write it",
            "Todo: the goal",
            "XXX",
        ] {
            assert!(line(text).is_some(), "{text:?}");
        }
        for text in [
            "",
            "Write the design doc",
            "TODOS",
            "What to do?",
            "to do",
            "TBD soon",
            ":",
        ] {
            assert_eq!(line(text), None, "{text:?}");
        }
        assert_eq!(line("TODO:"), Some("TODO"));
        assert_eq!(line("FIXME: later"), Some("FIXME"));
        assert_eq!(line("[  🚀"), None);
    }

    #[test]
    fn placeholder_words_are_whole_words() {
        let found = words("TODO: ask; see XXX and TBDs or (TBC)");
        assert_eq!(found, [(0, "TODO"), (15, "XXX"), (32, "TBC")]);
        assert!(words("a todo list").is_empty());
    }
}
