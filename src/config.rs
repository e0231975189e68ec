//! `cairn.yaml`: the roster, the cadence, where documents live and which sections they need.
//!
//! Every configuration problem is an [`Error::Config`] with the file, line and key, so the
//! command exits with code 2 before looking at any document.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::document::front_matter::DocType;
use crate::error::{Error, Result};
use crate::suggest;
use crate::title::{normalize, PrivatePhrases};

/// The name of the file that marks a notes repository's root.
pub const FILE_NAME: &str = "cairn.yaml";

/// A configuration file larger than this is refused rather than parsed.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The layout `cairn new` writes to when `cairn.yaml` names none.
pub const DEFAULT_LAYOUT: &str = "people/{engineer}/{date}-{type}.md";

/// The loaded, validated configuration of one notes repository.
#[derive(Debug)]
pub struct Config {
    /// Everyone in the roster, in the file's order.
    pub people: Vec<Person>,
    by_id: HashMap<String, usize>,
    /// How often conversations and reviews are due.
    pub cadence: Cadence,
    /// Where `cairn new` writes, with `{engineer}`, `{date}` and `{type}` placeholders.
    pub layout: String,
    exclude: GlobSet,
    private: PrivatePhrases,
    sections: HashMap<DocType, Vec<SectionSpec>>,
    /// Normalised title → role, for contract sections (computed once: asked per section).
    roles: Vec<(String, SectionRole)>,
}

/// One person of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The slug used in front matter and `@` mentions.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The person's manager; a person with a manager is someone's report.
    pub manager: Option<String>,
    /// Free-text role.
    pub role: Option<String>,
    /// When the person joined the team.
    pub since: Option<NaiveDate>,
}

/// How often things are due (SPEC 1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cadence {
    /// A full "where now / where going" conversation at least this often.
    pub annual_months: u32,
    /// A progress review of an active contract at least this often.
    pub review_months: u32,
    /// The written summary is shared within this many days.
    pub summary_days: u32,
    /// The "due soon" window of the report.
    pub due_soon_days: u32,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            annual_months: 12,
            review_months: 3,
            summary_days: 7,
            due_soon_days: 30,
        }
    }
}

/// A required section: its title and the other titles accepted for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSpec {
    /// The title as configured, used in messages.
    pub title: String,
    /// Normalised title and aliases: a heading matches when its normalised title is one of these.
    keys: Vec<String>,
}

impl SectionSpec {
    fn new(title: &str, aliases: &[&str]) -> SectionSpec {
        let keys = std::iter::once(title)
            .chain(aliases.iter().copied())
            .map(normalize)
            .collect();
        SectionSpec {
            title: title.to_owned(),
            keys,
        }
    }

    /// Whether a heading with this normalised title is this section.
    pub fn matches(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }
}

/// The part a contract section plays, which gives meaning to what is inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionRole {
    /// "Development goal": its text is the contract's goal.
    Goal,
    /// "Organisational commitment": its task items are the manager's.
    ManagerCommitment,
    /// "Engineer commitment": its task items are the engineer's.
    EngineerCommitment,
}

/// The default required sections of a contract, with their default aliases (SPEC 2.3).
const CONTRACT_SECTIONS: &[(&str, &[&str])] = &[
    ("Development goal", &[]),
    ("Organisational commitment", &["Manager commitment"]),
    ("Engineer commitment", &["Engineer's commitment"]),
    ("Evidence of success", &[]),
    ("Review cadence", &[]),
    ("Limitations", &["Honest caveat", "Caveats"]),
];

/// The contract sections that give meaning to their content, by canonical title.
const ROLES: &[(&str, SectionRole)] = &[
    ("Development goal", SectionRole::Goal),
    ("Organisational commitment", SectionRole::ManagerCommitment),
    ("Engineer commitment", SectionRole::EngineerCommitment),
];

impl Config {
    /// Reads and validates `<root>/cairn.yaml`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        let size = std::fs::metadata(&path)
            .map_err(|source| io_error(&path, source))?
            .len();
        if size > MAX_CONFIG_BYTES {
            return Err(config_error(
                1,
                1,
                "cairn.yaml is larger than 1 MiB; is it the right file?",
            ));
        }
        let text = std::fs::read_to_string(&path).map_err(|source| io_error(&path, source))?;
        // Messages name the file as found, which matters with `--repo`.
        Config::parse(&text).map_err(|error| match error {
            Error::Config {
                line,
                column,
                message,
                ..
            } => Error::Config {
                path: path.display().to_string(),
                line,
                column,
                message,
            },
            other => other,
        })
    }

    /// Parses and validates the text of a `cairn.yaml`.
    pub fn parse(text: &str) -> Result<Config> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            return Err(config_error(
                1,
                1,
                "cairn.yaml is empty: it needs a `people` list (run 'cairn init' for an example)",
            ));
        }
        let raw: RawConfig = crate::yaml::parse(text).map_err(|e| yaml_error(e, text))?;
        Config::validate(raw, text)
    }

    fn validate(raw: RawConfig, text: &str) -> Result<Config> {
        let hint = "list the manager and their reports (run 'cairn init' for an example)";
        let Some(people) = raw.people.filter(|p| !p.is_empty()) else {
            let (line, column) = locate(text, "people", "", 0);
            let what = if text.lines().any(|l| l.starts_with("people:")) {
                "`people` is empty"
            } else {
                "missing field `people`"
            };
            return Err(config_error(line, column, &format!("{what}: {hint}")));
        };
        for (key, value, least) in [
            ("annual_months", raw.cadence.annual_months, 1),
            ("review_months", raw.cadence.review_months, 1),
        ] {
            if value < least {
                let (line, column) = locate(text, key, &value.to_string(), 0);
                return Err(config_error(
                    line,
                    column,
                    &format!("`cadence.{key}` must be at least {least}"),
                ));
            }
        }
        let mut by_id = HashMap::new();
        for (index, person) in people.iter().enumerate() {
            // Positions are found only for an error: locating every person eagerly made
            // loading a 10,000-person roster quadratic.
            let here = || locate(text, "id", &person.id, 0);
            if !is_slug(&person.id) {
                let (line, column) = here();
                return Err(config_error(line, column, &format!(
                    "person id `{}` is not a valid id: use lowercase letters, digits and `-`, starting with a letter or digit (e.g. `alice-nguyen`)",
                    person.id
                )));
            }
            if person.name.trim().is_empty() {
                let (line, column) = here();
                return Err(config_error(
                    line,
                    column,
                    &format!("person `{}` has an empty `name`", person.id),
                ));
            }
            if let Some(since) = &person.since {
                if crate::date::parse_date(since).is_none() {
                    let (line, column) = locate(text, "since", since, 0);
                    return Err(config_error(
                        line,
                        column,
                        &format!(
                            "`since` of `{}` is `{since}`: write a calendar date as YYYY-MM-DD",
                            person.id
                        ),
                    ));
                }
            }
            if by_id.insert(person.id.clone(), index).is_some() {
                let (line, column) = locate(text, "id", &person.id, 1);
                return Err(config_error(
                    line,
                    column,
                    &format!(
                        "person id `{}` appears twice in `people`: ids must be unique",
                        person.id
                    ),
                ));
            }
        }
        for person in &people {
            let Some(manager) = &person.manager else {
                continue;
            };
            let here = || locate(text, "manager", manager, 0);
            if manager == &person.id {
                let (line, column) = here();
                return Err(config_error(
                    line,
                    column,
                    &format!("`{}` cannot be their own manager", person.id),
                ));
            }
            if !by_id.contains_key(manager) {
                let (line, column) = here();
                let hint = suggest::hint(manager, people.iter().map(|p| p.id.as_str()));
                return Err(config_error(
                    line,
                    column,
                    &format!(
                        "manager `{manager}` of `{}` is not in `people`{hint}",
                        person.id
                    ),
                ));
            }
        }

        let mut exclude = GlobSetBuilder::new();
        for pattern in &raw.exclude {
            // As in .gitignore: `*` stays within a folder, and a folder's name excludes
            // everything in it.
            let glob = |pattern: &str| GlobBuilder::new(pattern).literal_separator(true).build();
            let inside = glob(&format!("{}/**", pattern.trim_end_matches('/')));
            let glob = glob(pattern).map_err(|e| {
                let (line, column) = locate_value(text, pattern);
                config_error(
                    line,
                    column,
                    &format!(
                        "`exclude` pattern `{pattern}` is not a valid glob: {}",
                        e.kind()
                    ),
                )
            })?;
            exclude.add(glob);
            if let Ok(inside) = inside {
                exclude.add(inside);
            }
        }
        let exclude = exclude
            .build()
            .map_err(|e| config_error(1, 1, &format!("`exclude` patterns cannot be used: {e}")))?;

        let mut sections: HashMap<DocType, Vec<SectionSpec>> = HashMap::new();
        sections.insert(
            DocType::Contract,
            CONTRACT_SECTIONS
                .iter()
                .map(|(title, aliases)| SectionSpec::new(title, aliases))
                .collect(),
        );
        for (doc_type, spec) in raw.types {
            let specs = spec
                .sections
                .iter()
                .map(|s| {
                    let aliases: Vec<&str> = s.aliases.iter().map(String::as_str).collect();
                    SectionSpec::new(&s.title, &aliases)
                })
                .collect();
            sections.insert(doc_type, specs);
        }

        let mut config = Config {
            people: people.into_iter().map(RawPerson::into_person).collect(),
            by_id,
            cadence: raw.cadence,
            layout: raw.layout.unwrap_or_else(|| DEFAULT_LAYOUT.to_owned()),
            exclude,
            private: match &raw.private_sections {
                Some(phrases) => PrivatePhrases::new(phrases.iter().map(String::as_str)),
                None => PrivatePhrases::new(["Private notes"]),
            },
            sections,
            roles: Vec::new(),
        };
        config.roles = config.role_keys();
        Ok(config)
    }

    /// The roster entry for `id`.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.by_id.get(id).map(|&index| &self.people[index])
    }

    /// Whether a path relative to the root (with `/`) is excluded by `exclude`.
    pub fn is_excluded(&self, relative: &str) -> bool {
        self.exclude.is_match(relative)
    }

    /// Whether a heading's title makes it private (SPEC 2.5): it contains a
    /// `private_sections` phrase as whole words, whatever bounds them (`🔒 Private notes`,
    /// `(Private notes)`, `Private-notes, manager only`). With private text, a near miss
    /// errs on the side of hiding.
    pub fn is_private(&self, title: &str) -> bool {
        self.private.matches(title)
    }

    /// The required sections of a document type, in order.
    pub fn required_sections(&self, doc_type: DocType) -> &[SectionSpec] {
        self.sections.get(&doc_type).map_or(&[], Vec::as_slice)
    }

    /// Whether one of the required sections of `doc_type` plays `role`.
    pub fn requires_role(&self, doc_type: DocType, role: SectionRole) -> bool {
        self.required_sections(doc_type)
            .iter()
            .any(|spec| self.contract_role(&normalize(&spec.title)) == Some(role))
    }

    /// The role a contract section with this normalised title plays, if any.
    ///
    /// A configured section whose title is one of the canonical ones lends its aliases; the
    /// canonical titles and default aliases always work too.
    pub fn contract_role(&self, key: &str) -> Option<SectionRole> {
        self.roles
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, role)| *role)
    }

    /// Every normalised title that plays a role, from the rule `contract_role` describes.
    fn role_keys(&self) -> Vec<(String, SectionRole)> {
        let mut keys: Vec<String> = self
            .required_sections(DocType::Contract)
            .iter()
            .flat_map(|spec| spec.keys.iter().cloned())
            .collect();
        keys.extend(CONTRACT_SECTIONS.iter().flat_map(|(title, aliases)| {
            std::iter::once(*title)
                .chain(aliases.iter().copied())
                .map(normalize)
        }));
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter_map(|key| self.role_of(&key).map(|role| (key, role)))
            .collect()
    }

    fn role_of(&self, key: &str) -> Option<SectionRole> {
        let canonical = self
            .required_sections(DocType::Contract)
            .iter()
            .find(|spec| spec.matches(key))
            .map(|spec| normalize(&spec.title));
        ROLES.iter().find_map(|(title, role)| {
            let title = normalize(title);
            let default_aliases = CONTRACT_SECTIONS
                .iter()
                .find(|(t, _)| normalize(t) == title)
                .map_or(&[][..], |(_, aliases)| aliases);
            let matches = canonical.as_deref() == Some(title.as_str())
                || title == key
                || default_aliases.iter().any(|alias| normalize(alias) == key);
            matches.then_some(*role)
        })
    }
}

/// Finds the root of the notes repository: `start` or the nearest parent with a `cairn.yaml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start
        .canonicalize()
        .map_err(|source| io_error(start, source))?;
    start
        .ancestors()
        .find(|dir| dir.join(FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NotARepository(start))
}

/// Whether `id` is a valid person id: `[a-z0-9][a-z0-9-]*`.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a mapping with a `people` list")]
struct RawConfig {
    people: Option<Vec<RawPerson>>,
    #[serde(default)]
    cadence: Cadence,
    layout: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    private_sections: Option<Vec<String>>,
    #[serde(default)]
    types: BTreeMap<DocType, RawTypeSpec>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a person: `id` and `name`, optionally `manager`, `role` and `since`"
)]
struct RawPerson {
    id: String,
    name: String,
    manager: Option<String>,
    role: Option<String>,
    since: Option<String>,
}

impl RawPerson {
    fn into_person(self) -> Person {
        Person {
            id: self.id,
            name: self.name,
            manager: self.manager,
            role: self.role,
            since: self.since.as_deref().and_then(crate::date::parse_date),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a mapping with a `sections` list")]
struct RawTypeSpec {
    sections: Vec<RawSectionSpec>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a section: `title`, optionally `aliases`"
)]
struct RawSectionSpec {
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
}

fn config_error(line: usize, column: usize, message: &str) -> Error {
    Error::Config {
        path: FILE_NAME.to_owned(),
        line,
        column,
        message: message.to_owned(),
    }
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Turns a YAML or shape error into a configuration error at its location, adding a
/// "did you mean" when the problem is an unknown key or value.
fn yaml_error(error: crate::yaml::Error, text: &str) -> Error {
    let mut message = error.message;
    for (marker, what) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        let Some((before, rest)) = message.split_once(marker) else {
            continue;
        };
        let Some((word, expected)) = rest.split_once('`') else {
            continue;
        };
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = suggest::hint(word, known.iter().copied());
        let place = before.trim_end_matches([' ', ':']);
        let place = if place.is_empty() {
            String::new()
        } else {
            format!(" in `{place}`")
        };
        message = format!(
            "unknown {what} `{word}`{place}{hint}; use one of: {}",
            known.join(", ")
        );
        break;
    }
    let position = error
        .offset
        .map_or(crate::diagnostic::Position::START, |offset| {
            crate::lines::LineIndex::new(text).position(text, offset)
        });
    let (line, column) = (position.line, position.column);
    config_error(line, column, &message)
}

/// The line and column of the `nth` (0-based) `key: value` pair in the text, found by
/// reading lines: serde gives no positions for valid values, and roster keys sit one per line.
fn locate(text: &str, key: &str, value: &str, nth: usize) -> (usize, usize) {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '-']).len();
            let rest = line[indent..]
                .strip_prefix(key)?
                .trim_start()
                .strip_prefix(':')?;
            let found = rest
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            (found == value).then_some((index + 1, indent + 1))
        })
        .nth(nth)
        .unwrap_or((1, 1))
}

/// The line and column of the first occurrence of `value` in the text.
fn locate_value(text: &str, value: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(index, line)| line.find(value).map(|col| (index + 1, col + 1)))
        .unwrap_or((1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        Config::parse(text).unwrap_err().to_string()
    }

    const ROSTER: &str =
        "people:\n  - id: sam\n    name: Sam\n  - id: alice\n    name: Alice\n    manager: sam\n";

    #[test]
    fn loads_roster_and_defaults() {
        let config = Config::parse(ROSTER).unwrap();
        assert_eq!(
            config.person("alice").unwrap().manager.as_deref(),
            Some("sam")
        );
        assert_eq!(config.cadence, Cadence::default());
        assert_eq!(config.layout, DEFAULT_LAYOUT);
        assert!(config.is_private("private notes"));
        assert!(config.is_private("🔒 private notes"));
        assert!(config.is_private("private notes (manager only)"));
        assert!(!config.is_private("privately noted"));
        assert_eq!(config.required_sections(DocType::Contract).len(), 6);
        assert!(config.required_sections(DocType::WhereNow).is_empty());
    }

    #[test]
    fn unknown_key_suggests_the_known_one() {
        let message = error_of("peple:\n  - id: sam\n    name: Sam\n");
        assert!(
            message.starts_with("cairn.yaml:1:1: unknown key `peple`"),
            "{message}"
        );
        assert!(message.contains("did you mean `people`?"), "{message}");
        let message = error_of(&format!("{ROSTER}cadence:\n  anual_months: 6\n"));
        assert!(
            message.contains(":8:3: unknown key `anual_months`"),
            "{message}"
        );
        assert!(
            message.contains("did you mean `annual_months`?"),
            "{message}"
        );
    }

    #[test]
    fn roster_errors_name_the_line() {
        assert!(error_of("people:\n  - id: Sam\n    name: Sam\n")
            .starts_with("cairn.yaml:2:5: person id `Sam`"));
        let duplicate =
            error_of("people:\n  - id: sam\n    name: Sam\n  - id: sam\n    name: Sam\n");
        assert!(
            duplicate.starts_with("cairn.yaml:4:5:") && duplicate.contains("twice"),
            "{duplicate}"
        );
        let nobody = error_of("people:\n  - id: sam\n    name: Sam\n    manager: som\n");
        assert!(
            nobody.starts_with("cairn.yaml:4:5: manager `som`")
                && nobody.contains("did you mean `sam`?"),
            "{nobody}"
        );
        assert!(error_of("cadence:\n  annual_months: 6\n").contains("missing field `people`"));
        assert!(error_of("people: alice\n")
            .starts_with("cairn.yaml:1:9: people: invalid type: string \"alice\", expected"));
        assert!(error_of("# nothing\n").contains("empty"));
        assert!(error_of(&format!("{ROSTER}exclude: [\"a/[\"]\n")).contains("not a valid glob"));
    }

    #[test]
    fn configured_aliases_give_roles() {
        let config = Config::parse(&format!(
            "{ROSTER}types:\n  contract:\n    sections:\n      - title: Development goal\n      - title: Organisational commitment\n        aliases: [\"What I will do\"]\n"
        ))
        .unwrap();
        assert_eq!(
            config.contract_role("what i will do"),
            Some(SectionRole::ManagerCommitment)
        );
        assert_eq!(
            config.contract_role("manager commitment"),
            Some(SectionRole::ManagerCommitment)
        );
        assert_eq!(
            config.contract_role("engineer commitment"),
            Some(SectionRole::EngineerCommitment)
        );
        assert_eq!(
            config.contract_role("development goal"),
            Some(SectionRole::Goal)
        );
        assert_eq!(config.contract_role("limitations"), None);
        assert_eq!(config.required_sections(DocType::Contract).len(), 2);
    }
}
