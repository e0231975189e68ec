//! Placeholders (docs/format.md): the `TODO`s and `…`s a template or a hurried author leaves,
//! which make a section look written when it is not.

/// The words that stand for text still to be written.
const LINES: &[&str] = &[
    "todo", "tbd", "tbc", "tk", "fixme", "xxx", "...", "…", "?", "-",
];

/// The prefixes that make a line a placeholder whatever follows (`TODO: the goal`).
const PREFIXES: &[&str] = &["todo:", "tbd:", "fixme:"];

/// The words `placeholder-text` reports wherever they stand as words.
pub(crate) const WORDS: &[&str] = &["TODO", "TBD", "TBC", "FIXME", "XXX"];

/// The placeholder a line of text is, if it is one: its text, after list markers and
/// emphasis (already removed by the Markdown parser) and a trailing colon, is one of the
/// placeholder words, or starts with `TODO:`, `TBD:` or `FIXME:` (case-insensitive).
pub fn line(text: &str) -> Option<&str> {
    let trimmed = text.trim();
    let bare = trimmed.strip_suffix(':').unwrap_or(trimmed).trim_end();
    if bare.is_empty() && !trimmed.is_empty() {
        return None;
    }
    if LINES.iter().any(|word| bare.eq_ignore_ascii_case(word)) {
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
/// letter or digit), with their byte offsets, in order. Every word starts with `T`, `F` or
/// `X`: those letters are found many bytes at a time, and only the run of capitals each
/// starts is compared with the words.
pub fn words(text: &str) -> Vec<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut found = Vec::new();
    let mut after = 0;
    for start in memchr::memchr3_iter(b'T', b'F', b'X', bytes) {
        // Inside a run already looked at, or not the start of a run of capitals.
        if start < after || (start > 0 && bytes[start - 1].is_ascii_uppercase()) {
            continue;
        }
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_uppercase())
            .map_or(bytes.len(), |i| start + i);
        after = end;
        if let Some(word) = WORDS.iter().find(|word| **word == &text[start..end]) {
            if bounded(text[..start].chars().next_back()) && bounded(text[end..].chars().next()) {
                found.push((start, *word));
            }
        }
    }
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
        // Bounded by letters of any script, digits, or a longer run of capitals: no word.
        for text in ["TODOS", "XTODO", "TODO1", "éTODO", "TODOé", "ÀTODO"] {
            assert!(words(text).is_empty(), "{text}");
        }
        assert_eq!(words("—TODO—"), [(3, "TODO")]);
        // `words` looks only where a word's first letter is.
        assert!(WORDS.iter().all(|word| word.starts_with(['T', 'F', 'X'])));
    }
}
