//! "Did you mean" suggestions for misspelt names (config keys, fields, rules).

/// How alike a typo and what was meant are at least (1 is the same word).
const CLOSE: f64 = 0.6;

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub(crate) fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let length = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|candidate| Some((closeness(word, length, candidate)?, candidate)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// How alike `word` (of `length` characters) and `candidate` are, when they are close.
///
/// Comparing two words letter by letter costs the product of their lengths; a word whose
/// length alone keeps it from being close (the distance is at least the difference of
/// the lengths) is not compared, so a "word" of a megabyte, or hundreds of thousands of
/// them, against short candidates costs no more than reading them.
fn closeness(word: &str, length: usize, candidate: &str) -> Option<f64> {
    let other = candidate.chars().count();
    let longest = length.max(other);
    if longest > 0 {
        // The same arithmetic as the score's, with the smallest distance possible: no
        // larger than the score, so nothing close is left out.
        let best = 1.0 - (length.abs_diff(other) as f64) / (longest as f64);
        if best < CLOSE {
            return None;
        }
    }
    let score = strsim::normalized_damerau_levenshtein(word, candidate);
    (score >= CLOSE).then_some(score)
}

/// The one candidate close to `word`, when exactly one is: a fix may take it, where two
/// plausible ones would make it a coin toss.
pub(crate) fn only_one<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let length = word.chars().count();
    let mut close = candidates
        .into_iter()
        .filter(|candidate| closeness(word, length, candidate).is_some());
    let first = close.next()?;
    close.next().is_none().then_some(first)
}

/// `" (did you mean `x`?)"`, or nothing when no candidate is close.
pub fn hint<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    did_you_mean(word, candidates)
        .map(|candidate| format!(" (did you mean `{candidate}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["follow_up", "summary_shared", "engineer"];
        assert_eq!(did_you_mean("folow_up", fields), Some("follow_up"));
        assert_eq!(did_you_mean("enginer", fields), Some("engineer"));
        assert_eq!(did_you_mean("colour", fields), None);
        assert_eq!(did_you_mean("som", ["sam", "alice"]), Some("sam"));
        assert_eq!(did_you_mean("", ["", "a"]), Some(""));
    }

    #[test]
    fn leaving_out_words_of_far_lengths_changes_no_answer() {
        let candidates = [
            "",
            "a",
            "ab",
            "off",
            "error",
            "warning",
            "no-follow-up",
            "vague-goal",
            "placeholder-text",
            "multiple-active-contracts",
            "é",
            "ü-ü",
        ];
        let words = [
            "",
            "a",
            "b",
            "of",
            "eror",
            "warnin",
            "no-folow-up",
            "vage-goal",
            "placeholder",
            "multiple-active",
            "e",
            "üü",
            "no-follow-up-please",
            "x".repeat(40).as_str(),
        ]
        .map(str::to_owned);
        for word in &words {
            let full = candidates
                .iter()
                .map(|c| (strsim::normalized_damerau_levenshtein(word, c), *c))
                .filter(|(score, _)| *score >= CLOSE)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, c)| c);
            assert_eq!(did_you_mean(word, candidates), full, "{word}");
        }
    }
}
