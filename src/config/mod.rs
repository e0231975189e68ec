//! `cairn.yaml`: the roster over time, the cadence, where documents live, which sections
//! they need, which rules apply (docs/format.md).
//!
//! The file is read as YAML once, then every key is validated by hand, so that **every**
//! problem in the file is reported in one run, each at its line and column (from the
//! parser's marks), in a manager's words, with a "did you mean" for a misspelt key.

mod chain;
pub mod framework;
mod read;
pub mod roster;
pub mod seal;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::domain::diagnostic::{Position, Severity};
use crate::domain::error::{ConfigProblem, Error, Result};
use crate::domain::section_spec::SectionSpec;
use crate::domain::vocabulary::{DocType, SectionRole};
use crate::text::phrase::PrivatePhrases;
pub use framework::{Capability, Framework};
pub use roster::{Away, Person, Stint};

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
    /// Who runs cairn here (a roster id): the report, the calendar and the to-do list
    /// default to everyone below them, so their own manager and peers are never flagged.
    pub me: Option<String>,
    /// Sealed private notes: the keys, and whether plain private text is an error.
    pub seal: seal::Seal,
    exclude: GlobSet,
    /// Folders `exclude` excludes whole (`drafts/**` and `drafts` exclude `drafts`).
    exclude_folders: GlobSet,
    /// The templates folder of the Obsidian vault the repository is, if it is one: its
    /// files are templates, not notes.
    vault_templates: Option<String>,
    private: PrivatePhrases,
    sections: HashMap<DocType, Vec<SectionSpec>>,
    /// Sections that play a part without being required: the default titles of every
    /// role, and the titles and aliases of configured contracts.
    roles: Vec<SectionSpec>,
    /// Severities set by `rules:`; `None` turns a rule off.
    rules: HashMap<String, Option<Severity>>,
    /// The capability framework's file as `framework:` names it, and where that is
    /// written.
    framework_file: Option<(String, Position)>,
    /// The capability framework, once read.
    pub framework: Option<Framework>,
    /// `retention.years_after_leaving`: how many years after a person's `left` their
    /// documents are kept.
    pub retention: Option<u32>,
}

/// How often things are due (docs/format.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Cadence {
    /// A full "where now / where going" conversation at least this often.
    pub annual_months: u32,
    /// A progress review of an active contract at least this often.
    pub review_months: u32,
    /// The written summary is shared within this many days.
    pub summary_days: u32,
    /// The "due soon" window of the report.
    pub due_soon_days: u32,
    /// The monthly "how is your development plan going?": a person with an active
    /// contract has a conversation at least this often; 0 turns it off.
    pub checkin_days: u32,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            annual_months: 12,
            review_months: 3,
            summary_days: 7,
            due_soon_days: 30,
            checkin_days: 35,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        let mut sections = HashMap::new();
        sections.insert(DocType::Contract, SectionSpec::contract_defaults());
        sections.insert(DocType::Handover, SectionSpec::handover_defaults());
        let mut config = Config {
            people: Vec::new(),
            by_id: HashMap::new(),
            cadence: Cadence::default(),
            layout: DEFAULT_LAYOUT.to_owned(),
            me: None,
            exclude: GlobSet::empty(),
            exclude_folders: GlobSet::empty(),
            private: PrivatePhrases::default(),
            vault_templates: None,
            seal: seal::Seal::default(),
            sections,
            roles: Vec::new(),
            rules: HashMap::new(),
            framework_file: None,
            framework: None,
            retention: None,
        };
        config.roles = config.role_specs();
        config
    }
}

impl Config {
    /// Reads and validates `<root>/cairn.yaml`. `rules` are the names of the rules a
    /// `rules:` entry may name.
    pub fn load(root: &Path, rules: &[&str]) -> Result<Config> {
        let path = root.join(FILE_NAME);
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let size = std::fs::metadata(&path).map_err(io)?.len();
        let text = if size > MAX_CONFIG_BYTES {
            Err(vec![ConfigProblem {
                line: 1,
                column: 1,
                message: "cairn.yaml is larger than 1 MiB; is it the right file?".to_owned(),
            }])
        } else {
            Ok(std::fs::read_to_string(&path).map_err(io)?)
        };
        text.and_then(|text| Config::parse(&text, rules))
            .map(|config| config.in_vault(root))
            .map_err(|problems| Error::Config { path, problems })?
            .with_framework(root)
    }

    /// Reads the capability framework `framework:` names, relative to `root`, and checks
    /// each person's `level` against it. A problem in the framework file is an error about
    /// that file; a `level` it does not have, or a missing file, is one about `cairn.yaml`.
    pub fn with_framework(mut self, root: &Path) -> Result<Config> {
        let Some((file, at)) = self.framework_file.clone() else {
            return Ok(self);
        };
        let path = root.join(&file);
        let text = read_framework(root, &path, &file, at)?;
        let framework =
            Framework::parse(&text).map_err(|problems| Error::Config { path, problems })?;
        let problems = unknown_levels(&self.people, &framework, &file);
        if !problems.is_empty() {
            return Err(Error::Config {
                path: root.join(FILE_NAME),
                problems,
            });
        }
        self.framework = Some(framework);
        Ok(self)
    }

    /// The configuration of a repository at `root`, which may be an Obsidian vault: the
    /// `folder` of `.obsidian/templates.json` holds templates, not notes. A missing or
    /// unreadable file means no such folder (Obsidian's own default).
    pub fn in_vault(mut self, root: &Path) -> Config {
        let settings = std::fs::read(root.join(".obsidian").join("templates.json")).ok();
        self.vault_templates = settings
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .and_then(|value| value.get("folder")?.as_str().map(str::to_owned))
            .map(|folder| folder.trim_matches('/').replace('\\', "/"))
            .filter(|folder| !folder.is_empty());
        self
    }

    /// The Obsidian vault's templates folder, relative to the root, when there is one.
    pub fn vault_templates(&self) -> Option<&str> {
        self.vault_templates.as_deref()
    }

    /// Parses and validates the text of a `cairn.yaml`; every problem, in file order.
    pub fn parse(text: &str, rules: &[&str]) -> std::result::Result<Config, Vec<ConfigProblem>> {
        read::read(text, rules)
    }

    /// The roster entry for `id`.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.by_id.get(id).map(|&index| &self.people[index])
    }

    /// The name of `id`, or the id when the roster has none (outputs show names).
    pub fn name_of(&self, id: &str) -> String {
        self.person(id)
            .map_or_else(|| id.to_owned(), |person| person.name.clone())
    }

    /// A text with every `@id` of the roster written as the person's name.
    pub fn with_names(&self, text: &str) -> String {
        self.names_in(text).into_owned()
    }

    /// [`Config::with_names`], without a copy of a text that names nobody.
    pub fn names_in<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let mut out = String::new();
        let mut at = 0;
        for (id, offset) in crate::domain::mention::mentions(text) {
            if let Some(person) = self.person(id) {
                out.push_str(&text[at..offset]);
                out.push_str(&person.name);
                at = offset + 1 + id.len();
            }
        }
        if at == 0 {
            return std::borrow::Cow::Borrowed(text);
        }
        out.push_str(&text[at..]);
        std::borrow::Cow::Owned(out)
    }

    /// Whether a path relative to the root (with `/`) is excluded by `exclude`.
    pub fn is_excluded(&self, relative: &str) -> bool {
        self.exclude.is_match(relative)
    }

    /// The folders `exclude` excludes with everything in them: the walk prunes them.
    pub fn excluded_folders(&self) -> &GlobSet {
        &self.exclude_folders
    }

    /// Whether a heading's title makes it private (docs/format.md): it contains a
    /// `private_sections` phrase as whole words, whatever bounds them (`🔒 Private notes`,
    /// `(Private notes)`, `Private-notes, manager only`). With private text, a near miss
    /// errs on the side of hiding.
    pub fn is_private(&self, title: &str) -> bool {
        self.private.is_private(title)
    }

    /// The phrases that make a title private: what the privacy module of the document model
    /// looks for.
    pub fn private_phrases(&self) -> &PrivatePhrases {
        &self.private
    }

    /// The required sections of a document type, in order.
    pub fn required_sections(&self, doc_type: DocType) -> &[SectionSpec] {
        self.sections.get(&doc_type).map_or(&[], Vec::as_slice)
    }

    /// The section spec with `role` for a document type: the required one, else the
    /// default one. `None` when the type is not one whose sections play that role.
    pub fn role_section(&self, doc_type: DocType, role: SectionRole) -> Option<&SectionSpec> {
        let applies = match role {
            SectionRole::Heard | SectionRole::Agreed => doc_type.is_conversation(),
            _ => doc_type == DocType::Contract,
        };
        if !applies {
            return None;
        }
        self.required_sections(doc_type)
            .iter()
            .chain(&self.roles)
            .find(|spec| spec.role == Some(role))
    }

    /// The part a section with this normalised title plays in a document of `doc_type`:
    /// a contract's goal and commitments (by the configured titles and aliases, and the
    /// default ones), a conversation's notes.
    pub fn role(&self, doc_type: DocType, key: &str) -> Option<SectionRole> {
        let contract = doc_type == DocType::Contract;
        let conversation = doc_type.is_conversation();
        self.required_sections(doc_type)
            .iter()
            .chain(&self.roles)
            .filter(|spec| match spec.role {
                Some(role) if role.is_notes() => conversation,
                Some(_) => contract,
                None => false,
            })
            .find(|spec| spec.matches(key))
            .and_then(|spec| spec.role)
    }

    /// Whether one of the required sections of `doc_type` plays `role`.
    pub fn requires_role(&self, doc_type: DocType, role: SectionRole) -> bool {
        self.required_sections(doc_type)
            .iter()
            .any(|spec| spec.role == Some(role))
    }

    /// The severity `rules:` gives a rule: `Some(None)` when it is turned off, `None`
    /// when `cairn.yaml` does not mention it.
    pub fn rule_severity(&self, rule: &str) -> Option<Option<Severity>> {
        self.rules.get(rule).copied()
    }

    /// Every role's section spec that is not required: the defaults, and the configured
    /// contract sections' own titles (a configured title lends its aliases).
    fn role_specs(&self) -> Vec<SectionSpec> {
        use crate::domain::section_spec::ROLES;
        ROLES
            .iter()
            .map(|(role, _, _)| SectionSpec::of_role(*role))
            .collect()
    }
}

/// Finds the root of the notes repository: `start` or the nearest parent with a
/// `cairn.yaml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start.canonicalize().map_err(|source| Error::Io {
        path: start.to_owned(),
        source,
    })?;
    let folder = if start.is_file() {
        start.parent().map_or(start.clone(), Path::to_path_buf)
    } else {
        start.clone()
    };
    folder
        .ancestors()
        .find(|dir| dir.join(FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NotARepository(start))
}

/// Whether `id` is a valid person id: `[a-z0-9][a-z0-9-]*`.
pub(crate) fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The text of the framework file at `path` (`file` as `cairn.yaml` names it, at `at`):
/// too large, a folder or missing is a problem in `cairn.yaml`, at the `framework` line.
fn read_framework(root: &Path, path: &Path, file: &str, at: Position) -> Result<String> {
    let problem = |message: String| Error::Config {
        path: root.join(FILE_NAME),
        problems: vec![ConfigProblem {
            line: at.line,
            column: at.column,
            message,
        }],
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_CONFIG_BYTES => Err(problem(format!(
            "the framework file `{file}` is larger than 1 MiB; is it the right file?"
        ))),
        Ok(meta) if !meta.is_file() => Err(problem(format!(
            "`framework` names `{file}`, which is a folder, not a file: name the framework's YAML file (see docs/frameworks.md)"
        ))),
        Ok(_) => std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        }),
        Err(_) => Err(problem(format!(
            "`framework` names `{file}`, which does not exist: create it (see docs/frameworks.md) or remove the line"
        ))),
    }
}

/// A problem at each person's `level` that the framework (from `file`) does not have,
/// with the levels it has.
fn unknown_levels(people: &[Person], framework: &Framework, file: &str) -> Vec<ConfigProblem> {
    people
        .iter()
        .filter_map(|person| {
            let level = person.level.as_deref()?;
            if framework.levels.iter().any(|l| l == level) {
                return None;
            }
            let at = person.level_position.unwrap_or_default();
            let hint = crate::text::suggest::hint(level, framework.levels.iter().map(String::as_str));
            Some(ConfigProblem {
                line: at.line,
                column: at.column,
                message: format!(
                    "`level` of `{}` is `{level}`, which is not a level of the framework `{file}`{hint}; use one of: {}",
                    person.id,
                    framework.levels.join(", ")
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
