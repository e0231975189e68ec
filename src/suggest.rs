//! "Did you mean" suggestions for misspelt names (config keys, fields, rules).

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(word, candidate),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// The one candidate close to `word`, when exactly one is: a fix may take it, where two
/// plausible ones would make it a coin toss.
pub fn only_one<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut close = candidates
        .into_iter()
        .filter(|candidate| strsim::normalized_damerau_levenshtein(word, candidate) >= 0.6);
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
    }
}
