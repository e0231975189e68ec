//! Section specs (docs/format.md, 2.3): the sections a document type requires, the titles each
//! accepts, the part a section plays (a contract's goal and commitments, a conversation's
//! notes), and when a title is a near miss of one.

use crate::domain::title::normalize;
use crate::domain::vocabulary::{DocType, SectionRole};

/// A section: its title, the other titles accepted for it, and the part it plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSpec {
    /// The title as configured, used in messages.
    pub title: String,
    /// Normalised title and aliases: a heading matches when its normalised title is one.
    keys: Vec<String>,
    /// The part the section plays, if any.
    pub role: Option<SectionRole>,
}

/// The default required sections of a contract, with their default aliases (docs/format.md).
pub(crate) const CONTRACT_SECTIONS: &[(&str, &[&str])] = &[
    ("Development goal", &[]),
    ("Organisational commitment", &["Manager commitment"]),
    ("Engineer commitment", &["Engineer's commitment"]),
    ("Evidence of success", &[]),
    ("Review cadence", &[]),
    ("Limitations", &["Honest caveat", "Caveats"]),
];

/// The default required sections of a handover: what the next manager needs to carry the
/// engineer's development on (docs/sharing.md).
pub(crate) const HANDOVER_SECTIONS: &[&str] = &[
    "Where they are",
    "Where they want to go",
    "The development contract",
    "Open promises",
    "What I would do next",
];

/// The sections that give meaning to their content, with their default aliases: the
/// contract's goal and commitments, a conversation's notes (docs/format.md, 2.4).
pub(crate) const ROLES: &[(SectionRole, &str, &[&str])] = &[
    (SectionRole::Goal, "Development goal", &[]),
    (
        SectionRole::ManagerCommitment,
        "Organisational commitment",
        &["Manager commitment"],
    ),
    (
        SectionRole::EngineerCommitment,
        "Engineer commitment",
        &["Engineer's commitment"],
    ),
    // A check-in's two sections are its notes (docs/frameworks.md): how the plan is going
    // is what was heard, what changes is what was agreed.
    (
        SectionRole::Heard,
        "What I heard",
        &["Notes", "Summary", "How it is going"],
    ),
    (
        SectionRole::Agreed,
        "What we agreed",
        &["Agreed", "Actions", "Next steps", "What changes"],
    ),
];

/// The level-2 titles each type's default template writes, beyond its required sections
/// and "Private notes" (whose spelling is the privacy module's affair): the titles a
/// near miss is told against (`## What we aggreed`). A test checks them against the
/// templates, so the two cannot drift apart.
pub fn template_titles(doc_type: DocType) -> &'static [&'static str] {
    const ANNUAL: &[&str] = &[
        "Reading back",
        "Questions",
        "What I heard",
        "What we agreed",
        "Follow-up",
    ];
    match doc_type {
        DocType::WhereNow | DocType::WhereGoing => ANNUAL,
        DocType::AsNeeded => &[
            "What prompted it",
            "Reading back",
            "Questions",
            "What I heard",
            "What we agreed",
            "Follow-up",
        ],
        DocType::CloseGap => &[
            "Read these first",
            "Questions",
            "What I heard",
            "Towards the development contract",
            "What we agreed",
            "Follow-up",
        ],
        DocType::ProgressReview => &[
            "Commitments to review",
            "Questions",
            "What I heard",
            "What we agreed",
            "Follow-up",
        ],
        DocType::Prep => &[
            "Previous career conversations",
            "Open commitments",
            "Development contract",
            "Listening for what's not said",
            "How I want to run it",
        ],
        DocType::CheckIn => &["The plan", "How it is going", "What changes"],
        DocType::Reflection => &["Anything else you want to talk about"],
        DocType::Contract => &[],
        DocType::Handover => HANDOVER_SECTIONS,
    }
}

/// [`template_titles`] as sections, built once.
pub(crate) fn template_sections(doc_type: DocType) -> &'static [SectionSpec] {
    static SECTIONS: std::sync::OnceLock<Vec<(DocType, Vec<SectionSpec>)>> =
        std::sync::OnceLock::new();
    SECTIONS
        .get_or_init(|| {
            DocType::ALL
                .iter()
                .map(|t| {
                    let specs = template_titles(*t)
                        .iter()
                        .map(|title| SectionSpec::new(title, []))
                        .collect();
                    (*t, specs)
                })
                .collect()
        })
        .iter()
        .find(|(t, _)| *t == doc_type)
        .map_or(&[], |(_, specs)| specs.as_slice())
}

impl SectionSpec {
    /// A section with a title and aliases; its role is the one whose title or default
    /// aliases it matches, if any (a configured "Manager commitment" is the manager's).
    pub fn new<'a>(title: &'a str, aliases: impl IntoIterator<Item = &'a str>) -> SectionSpec {
        let keys: Vec<String> = std::iter::once(title)
            .chain(aliases)
            .map(normalize)
            .collect();
        let role = ROLES.iter().find_map(|(role, canonical, defaults)| {
            let mut names = std::iter::once(*canonical).chain(defaults.iter().copied());
            names
                .any(|name| keys.contains(&normalize(name)))
                .then_some(*role)
        });
        SectionSpec {
            title: title.to_owned(),
            keys,
            role,
        }
    }

    /// The section that plays `role`, with its default title and aliases.
    pub fn of_role(role: SectionRole) -> SectionSpec {
        let (_, title, aliases) = ROLES
            .iter()
            .find(|(r, _, _)| *r == role)
            .copied()
            .unwrap_or((role, "", &[]));
        SectionSpec::new(title, aliases.iter().copied())
    }

    /// The default required sections of a contract.
    pub fn contract_defaults() -> Vec<SectionSpec> {
        CONTRACT_SECTIONS
            .iter()
            .map(|(title, aliases)| SectionSpec::new(title, aliases.iter().copied()))
            .collect()
    }

    /// The default required sections of a handover.
    pub fn handover_defaults() -> Vec<SectionSpec> {
        HANDOVER_SECTIONS
            .iter()
            .map(|title| SectionSpec::new(title, []))
            .collect()
    }

    /// Whether a heading with this normalised title is this section.
    pub fn matches(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }

    /// The normalised title and aliases.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Whether a normalised title that does not match is a near miss of this section: it
    /// differs only in plural (`engineer commitments`) or by a small edit
    /// (`organisational comittment`), so the author meant this section (docs/format.md).
    pub fn is_near(&self, key: &str) -> bool {
        !self.matches(key) && self.keys.iter().any(|k| near(key, k))
    }
}

/// Whether two different normalised titles are one section written two ways.
fn near(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    fn singular(word: &str) -> &str {
        match word.strip_suffix('s') {
            Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
            _ => word,
        }
    }
    let words = |text| str::split(text, ' ');
    if words(a).count() == words(b).count()
        && words(a)
            .zip(words(b))
            .all(|(x, y)| singular(x) == singular(y))
    {
        return true;
    }
    // One typo in a short title, two in a longer one: never a different short word. (The
    // optimal string alignment distance: a swap of two letters is one typo, and unlike
    // Damerau-Levenshtein it needs no table of the alphabet.) The edit distance is at
    // least the difference in length, which rules most titles out before it is computed.
    let (length_a, length_b) = (a.chars().count(), b.chars().count());
    let allowed = if length_b >= 12 { 2 } else { 1 };
    length_b >= 6
        && length_a.abs_diff(length_b) <= allowed
        && edits_at_least(a, b) <= allowed
        && strsim::osa_distance(a, b) <= allowed
}

/// A lower bound on the edits between two texts, cheap next to the distance itself, which
/// most titles never need: an edit changes by at most two the letters they do not have
/// in common (counted with repeats; a swap of two letters changes nothing). Counted for
/// ASCII texts only; with any other character, 0.
fn edits_at_least(a: &str, b: &str) -> usize {
    if !(a.is_ascii() && b.is_ascii()) {
        return 0;
    }
    let mut counts = [0i32; 128];
    for byte in a.bytes() {
        counts[usize::from(byte)] += 1;
    }
    for byte in b.bytes() {
        counts[usize::from(byte)] -= 1;
    }
    let apart: u32 = counts.iter().map(|count| count.unsigned_abs()).sum();
    (apart as usize).div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_titles_are_the_headings_the_templates_write() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for doc_type in DocType::ALL {
            let Ok(template) = std::fs::read_to_string(dir.join(format!("{doc_type}.md.j2")))
            else {
                continue;
            };
            let written: Vec<&str> = template
                .lines()
                .filter_map(|line| line.strip_prefix("## "))
                .filter(|title| !title.contains("{{") && *title != "Private notes")
                .collect();
            assert_eq!(written, template_titles(*doc_type), "{doc_type}");
        }
    }

    #[test]
    fn roles_come_from_titles_and_default_aliases() {
        let specs = SectionSpec::contract_defaults();
        let roles: Vec<Option<SectionRole>> = specs.iter().map(|s| s.role).collect();
        assert_eq!(
            roles,
            [
                Some(SectionRole::Goal),
                Some(SectionRole::ManagerCommitment),
                Some(SectionRole::EngineerCommitment),
                None,
                None,
                None
            ]
        );
        let configured = SectionSpec::new("Manager commitment", ["What I will do"]);
        assert_eq!(configured.role, Some(SectionRole::ManagerCommitment));
        assert!(configured.matches("what i will do"));
        assert_eq!(
            SectionSpec::of_role(SectionRole::Agreed).title,
            "What we agreed"
        );
        assert!(SectionSpec::of_role(SectionRole::Heard).matches("summary"));
    }

    #[test]
    fn the_bound_on_edits_is_never_above_the_distance() {
        for (a, b) in [
            ("commitment", "comnitment"),
            ("commitment", "committment"),
            ("commitment", "comimtment"),
            ("engineer commitments", "engineer comitment"),
            ("goal", "plan"),
            ("équipe", "equipe"),
            ("", "abc"),
        ] {
            assert!(
                edits_at_least(a, b) <= strsim::osa_distance(a, b),
                "{a} / {b}"
            );
        }
        assert_eq!(edits_at_least("goal", "plan"), 2);
        assert_eq!(edits_at_least("équipe", "equipe"), 0);
    }

    #[test]
    fn near_misses_are_plurals_and_small_typos() {
        let engineer = SectionSpec::new("Engineer commitment", ["Engineer's commitment"]);
        assert!(engineer.is_near("engineer commitments"));
        assert!(engineer.is_near("engineers commitments"));
        assert!(engineer.is_near("enginer commitment"));
        assert!(!engineer.is_near("engineer commitment"));
        assert!(!engineer.is_near("manager commitment"));
        let goal = SectionSpec::new("Limitations", []);
        assert!(goal.is_near("limitation"));
        assert!(goal.is_near("limitatons"));
        assert!(!goal.is_near("notes"));
        assert!(!SectionSpec::new("Goal", []).is_near("gold"));
    }
}
