//! Rules about a contract's Development goal.

use super::Context;
use crate::domain::diagnostic::{declare_rule, Diagnostic, Message};
use crate::domain::vocabulary::{DocType, SectionRole};
use crate::model::document::{Document, FrontMatter};

/// Fewer words than this is too vague to be a development goal.
const MIN_GOAL_WORDS: usize = 8;

declare_rule! {
    /// ## What it does
    /// Warns when a contract's Development goal is more than one sentence (a sentence ends
    /// at `.`, `!` or `?` followed by a capital letter, or at a paragraph break).
    ///
    /// ## Why is this bad?
    /// The guide defines the development goal as "a one-sentence statement of the
    /// capability to be developed, connected to where the engineer wants to go". A goal
    /// that needs a paragraph is usually several goals, or a plan written where the goal
    /// should be; the mechanisms belong in the commitments.
    ///
    /// ## Example
    /// ```markdown
    /// ## Development goal
    /// Lead cross-team work. Also get better at stakeholder management.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Development goal
    /// Build the capability to lead cross-team technical initiatives independently,
    /// including stakeholder management and dependency coordination.
    /// ```
    pub static GOAL_NOT_ONE_SENTENCE = ("goal-not-one-sentence", Warning);
}

declare_rule! {
    /// ## What it does
    /// Warns when a contract's Development goal has fewer than 8 words.
    ///
    /// ## Why is this bad?
    /// "Not 'improve communication skills' but 'build the capability to lead cross-team
    /// technical initiatives independently, including stakeholder management and
    /// dependency coordination.'" A short goal cannot say which capability, for what, and
    /// nobody can tell at the next checkpoint whether it is being met.
    ///
    /// ## Example
    /// ```markdown
    /// ## Development goal
    /// Improve communication skills.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Development goal
    /// Build the capability to present technical trade-offs to non-engineering
    /// stakeholders and get a decision in one meeting.
    /// ```
    pub static VAGUE_GOAL = ("vague-goal", Warning);
}

/// Checks the goal of a contract.
pub fn check(document: &Document, front: &FrontMatter, _: &Context, out: &mut Vec<Diagnostic>) {
    if front.doc_type != Some(DocType::Contract) {
        return;
    }
    let Some(goal) = &document.body.goal else {
        return;
    };
    let Some(section) = document
        .body
        .sections
        .iter()
        .find(|s| s.role == Some(SectionRole::Goal))
    else {
        return;
    };
    let sentences = sentence_count(goal);
    if sentences > 1 {
        out.push(Diagnostic::new(
            &GOAL_NOT_ONE_SENTENCE,
            &document.path,
            section.position,
            Message::public(format!(
                "the development goal is {sentences} sentences; state the capability in one"
            )),
        ));
    }
    let words = goal
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if words < MIN_GOAL_WORDS {
        out.push(Diagnostic::new(
            &VAGUE_GOAL,
            &document.path,
            section.position,
            Message::public(format!(
                "the development goal has {words} word{}; say which capability, for what (at least {MIN_GOAL_WORDS} words)",
                if words == 1 { "" } else { "s" }
            )),
        ));
    }
}

/// Words whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "etc", "vs", "cf", "approx", "no",
];

/// Counts sentences: paragraphs (and list items), split further where `.`, `!` or `?` is
/// followed by whitespace and a capital letter, unless the full stop ends an abbreviation
/// ("Dr. Smith", "e.g. Auth").
pub(crate) fn sentence_count(text: &str) -> usize {
    text.split("\n\n")
        .filter(|paragraph| !paragraph.trim().is_empty())
        .map(|paragraph| {
            let words: Vec<&str> = paragraph.split_whitespace().collect();
            1 + words
                .windows(2)
                .filter(|pair| {
                    let (word, next) = (pair[0], pair[1]);
                    let bare = word
                        .trim_end_matches('.')
                        .trim_start_matches(['(', '"'])
                        .to_lowercase();
                    let abbreviation =
                        word.ends_with('.') && ABBREVIATIONS.contains(&bare.as_str());
                    word.ends_with(['.', '!', '?'])
                        && !abbreviation
                        && next.starts_with(char::is_uppercase)
                })
                .count()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::sentence_count;

    #[test]
    fn counts_sentences_like_a_reader() {
        assert_eq!(
            sentence_count("Build the capability to lead, e.g. the auth refactor."),
            1
        );
        assert_eq!(
            sentence_count("Lead cross-team work. Also manage stakeholders."),
            2
        );
        assert_eq!(sentence_count("One idea\n\nAnother idea"), 2);
        assert_eq!(sentence_count("Ship v2.0 of the API! Then rest?"), 2);
        assert_eq!(
            sentence_count("Follow Dr. Smith's plan, e.g. Auth first."),
            1
        );
    }
}
