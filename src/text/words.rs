//! Whether a text names a phrase: as whole words, whatever the case. A progress review
//! "mentions" a capability this way (docs/frameworks.md).

/// Whether `phrase` appears in `text` as whole words, case-insensitively: neither side of
/// it touches a letter or digit, so `craft` is not in "aircraft" while
/// `technical-leadership` is in "(Technical-Leadership)".
pub(crate) fn contains_words(text: &str, phrase: &str) -> bool {
    let phrase = phrase.trim().to_lowercase();
    if phrase.is_empty() {
        return false;
    }
    let text = text.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(&phrase).any(|(at, found)| {
        !word(text[..at].chars().next_back()) && !word(text[at + found.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::contains_words;

    #[test]
    fn a_phrase_is_found_as_whole_words_in_any_case() {
        assert!(contains_words(
            "We talked about Technical Leadership.",
            "technical leadership"
        ));
        assert!(contains_words(
            "(technical-leadership)",
            "technical-leadership"
        ));
        assert!(contains_words("DELIVERY, at last", "Delivery"));
        assert!(!contains_words("an aircraft", "craft"));
        assert!(!contains_words("crafted", "craft"));
        assert!(contains_words("craft: ok; aircraft", "craft"));
        assert!(!contains_words("anything", "  "));
    }
}
