//! Documents the report cannot use, named with the reason and the person they belong to:
//! a skipped file must never make a person's block say less without saying why.

use serde::Serialize;

use crate::config::Config;
use crate::domain::vocabulary::Field;
use crate::model::document::{Document, Problem, ValueProblem};

/// A document the report could not use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Root-relative path.
    pub path: String,
    /// Why, in a manager's words ("line 4, the date is not a date").
    pub reason: String,
    /// Whose it is: the engineer its front matter names (read leniently), else a folder
    /// of its path named by a roster id; `None` when neither says.
    #[serde(skip)]
    pub engineer: Option<String>,
}

/// The skipped document `document`: why it cannot be used, and whose it is.
pub fn skipped(document: &Document, config: &Config) -> Skipped {
    let in_roster = |id: &&str| config.person(id).is_some();
    let written = document
        .front
        .as_ref()
        .and_then(|f| f.engineer.as_deref())
        .or(document.engineer_named.as_deref());
    let engineer = written.filter(in_roster).or_else(|| {
        // The layout's `{engineer}` folder: the deepest folder named by a roster id.
        let folders = document.folder().split('/');
        folders.rev().find(in_roster)
    });
    Skipped {
        path: document.path.clone(),
        reason: reason(document, written.filter(|id| !in_roster(id))),
        engineer: engineer.map(str::to_owned),
    }
}

/// Why a document cannot be used: the first of its problems that makes it so, or an
/// engineer who is not in the roster (`stranger`).
fn reason(document: &Document, stranger: Option<&str>) -> String {
    let fields = [Field::Type, Field::Engineer, Field::Date];
    let found = document.problems.iter().find_map(|problem| {
        Some(match problem {
            Problem::Unreadable(why) => format!("the file cannot be opened ({why})"),
            Problem::TooLarge(_) => "the file is too large to be notes".to_owned(),
            Problem::NotUtf8(at) => format!("line {}, the file is not UTF-8 text", at.line),
            Problem::Utf16(order) => format!("the file is UTF-16 ({order}), not UTF-8"),
            Problem::MissingFrontMatter { .. } => {
                "it does not start with a `---` line of front matter".to_owned()
            }
            Problem::UnclosedFrontMatter { .. } => {
                "its front matter has no closing `---` line".to_owned()
            }
            Problem::InvalidYaml {
                position, plain, ..
            } => {
                let words = plain.as_deref().and_then(|p| p.lines().next()).map_or_else(
                    || "the front matter is not valid YAML".to_owned(),
                    plain_words,
                );
                format!("line {}, {words}", position.line)
            }
            Problem::NotMapping { .. } | Problem::KeyNotText { .. } => {
                "its front matter is not `key: value` lines".to_owned()
            }
            Problem::MissingField { field, .. } if fields.contains(field) => {
                format!("the {} is missing", field.name())
            }
            Problem::InvalidField {
                field,
                position,
                problem,
            } if fields.contains(field) => {
                let what = match (field, problem) {
                    (Field::Date, _) => "the date is not a date",
                    (Field::Type, ValueProblem::NotOneOf { .. }) => {
                        "the type is not one of cairn's document types"
                    }
                    (Field::Engineer, _) => "the engineer is not a roster id",
                    _ => "the type cannot be read",
                };
                format!("line {}, {what}", position.line)
            }
            _ => return None,
        })
    });
    found
        .or_else(|| stranger.map(|id| format!("the engineer `{id}` is not in cairn.yaml")))
        .unwrap_or_else(|| "its type, engineer or date cannot be read".to_owned())
}

/// The first words of a YAML message in lower case, to follow "line N, ".
fn plain_words(words: &str) -> String {
    let words = words.trim().trim_end_matches('.');
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
