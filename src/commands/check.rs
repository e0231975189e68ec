//! `cairn check`: lint the repository and exit 0, 1 or 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn::analysis::rules::Index;
use cairn::config::Config;
use cairn::domain::diagnostic::{Diagnostic, Safety};
use cairn::domain::error::{Error, Result};
use cairn::edit::create::replace;
use cairn::model::document::privacy::Source;
use cairn::model::document::Document;
use cairn::model::repository::{Destinations, Repository};
use cairn::render::printer::{self, Summary};
use cairn::render::templates::Templates;
use cairn::{analysis::rules, edit::fix, render::snippet};

use super::{tell, Output};
use crate::cli::{CheckArgs, CheckFormat, Cli};

/// Runs `cairn check`.
pub fn run(cli: &Cli, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &args.paths)?;
    let selected = Selected {
        every: args.paths.is_empty(),
        paths: selection(&root, &args.paths)?,
        changed: changed(&root, args)?,
    };
    let places = Places::new(&root);
    if args.unsafe_fixes && !(args.fix || args.diff) {
        return Err(Error::Argument {
            argument: "--unsafe-fixes".to_owned(),
            message: "goes with --fix or --diff".to_owned(),
        }
        .into());
    }
    // One document at a time: the documents are freed as they are checked.
    let config = Config::load(&root, &rules::names())?;
    let (mut index, mut diagnostics) = rules::check_files(&root, &config);
    if args.fix || args.diff {
        // The whole repository is opened only when there is something to fix.
        let paths = fixable(&diagnostics, &selected, args.unsafe_fixes);
        let fixed = if paths.is_empty() {
            0
        } else {
            fix(&super::open(&root)?, &paths, args, &places)?
        };
        if args.diff {
            return Ok(ExitCode::from(u8::from(fixed > 0)));
        }
        if fixed > 0 {
            (index, diagnostics) = rules::check_files(&root, &config);
        }
    }
    let diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| selected.contains(&d.path))
        .collect();
    let documents = index.paths().filter(|path| selected.contains(path)).count();
    warn_empty(&selected.paths, &index);
    let summary = Summary::new(documents, &diagnostics);
    let failed = summary.errors > 0 || (args.strict && summary.warnings > 0);
    let mut out = Output::stdout();
    let written = match args.format {
        CheckFormat::Human => printer::human(
            &mut out,
            &diagnostics,
            &snippet::snippets(
                &root,
                config.private_phrases(),
                |path| index.was_read(path),
                &diagnostics,
            ),
            summary,
            cli.color.enabled(),
            &|path| places.for_people(path),
        ),
        CheckFormat::Json => printer::json(&mut out, &diagnostics, summary),
        CheckFormat::Github => {
            printer::github(&mut out, &diagnostics, &|path| places.for_github(path))
        }
        CheckFormat::Sarif => printer::sarif(&mut out, &diagnostics, rules::ALL, &|path| {
            places.for_github(path)
        }),
    };
    out.record(written);
    Ok(out.finish(ExitCode::from(u8::from(failed)))?)
}

/// The documents `check` is about: those in the PATHs given (every one with none), and
/// with `--changed` or `--since`, only those git says changed.
struct Selected {
    /// No PATH was given.
    every: bool,
    /// The PATHs given, root-relative (see [`selection`]).
    paths: Vec<String>,
    /// The documents git says changed, sorted (searched by halves); `None` without `--changed` or
    /// `--since`, or when cairn.yaml changed (then all of them).
    changed: Option<Vec<String>>,
}

impl Selected {
    /// Whether the document at `path` is selected.
    fn contains(&self, path: &str) -> bool {
        (self.every || self.paths.iter().any(|s| within(path, s)))
            && self
                .changed
                .as_ref()
                .is_none_or(|c| c.binary_search_by(|p| p.as_str().cmp(path)).is_ok())
    }
}

/// `--changed` and `--since`: the documents git says changed (`None`: cairn.yaml did, so
/// all of them; or neither was given).
fn changed(root: &Path, args: &CheckArgs) -> Result<Option<Vec<String>>> {
    match (args.changed, &args.since) {
        (false, None) => Ok(None),
        (_, since) => super::git::changed(root, since.as_deref()),
    }
}

/// Warns of each PATH given that holds no document: a typo, or a file cairn does not read.
fn warn_empty(selected: &[String], index: &Index) {
    for path in selected {
        if !index.paths().any(|document| within(document, path)) {
            tell(&format!("cairn: warning: {path} holds no document (not *.md, hidden, ignored, excluded or a README.md)"));
        }
    }
}

/// `--fix` and `--diff`: fixes each of `paths` (see [`fixable`]), writes it
/// (unless it changed meanwhile) or prints its diff; says on stderr how many findings were
/// fixed. Returns the number of documents fixed (or that would be).
fn fix(
    repository: &Repository,
    paths: &[&str],
    args: &CheckArgs,
    places: &Places,
) -> anyhow::Result<usize> {
    let mut templates = Templates::new(&repository.root);
    let mut out = Output::stdout();
    let (mut documents, mut findings) = (0, 0);
    for &path in paths {
        let file = repository.root.join(path);
        let bytes = std::fs::read(&file).map_err(|source| Error::Io {
            path: file.clone(),
            source,
        })?;
        let Ok(before) = String::from_utf8(bytes.clone()) else {
            continue;
        };
        let before = Source::new(before);
        let fixed = fix::fix_text(path, &before, repository, &mut templates, args.unsafe_fixes);
        if fixed.source == before {
            continue;
        }
        if args.diff {
            let written = print_diff(&mut out, repository, places, path, &before, &fixed.source);
            out.record(written);
        } else if !write_fixed(&file, &bytes, fixed.source.into_file_text(), places, path)? {
            continue;
        }
        documents += 1;
        findings += fixed.applied.len();
    }
    out.finish(ExitCode::SUCCESS)?;
    if findings > 0 {
        tell_fixed(findings, documents, args.diff);
    }
    Ok(documents)
}

/// The selected documents with a finding `check` may fix (a safe fix, or any with
/// `--unsafe-fixes`), each once, in the findings' order (which is by path).
fn fixable<'d>(
    diagnostics: &'d [Diagnostic],
    selected: &Selected,
    unsafe_fixes: bool,
) -> Vec<&'d str> {
    let allowed = |d: &Diagnostic| {
        d.fix
            .as_ref()
            .is_some_and(|f| unsafe_fixes || f.safety == Safety::Safe)
    };
    let mut paths: Vec<&str> = diagnostics
        .iter()
        .filter(|d| selected.contains(&d.path) && allowed(d))
        .map(|d| d.path.as_str())
        .collect();
    paths.dedup();
    paths
}

/// `--diff`: the diff of one document's fix. It shows the redacted texts: what a fix
/// changes is never private, and a private start's line shows only its marker and phrase.
fn print_diff(
    out: &mut Output,
    repository: &Repository,
    places: &Places,
    path: &str,
    before: &Source,
    after: &Source,
) -> std::io::Result<()> {
    let phrases = repository.config.private_phrases();
    let old = before.redact(phrases);
    let new = after.redact(phrases);
    let document = Document::parse_text(path.to_owned(), &old, &repository.config);
    cairn::render::diff::unified(
        out,
        &places.for_people(path),
        old.text(),
        new.text(),
        // A private start's own line shows, redacted, when a fix rewrites it.
        &|line, removed| {
            document.is_private_line(line)
                && !(removed && document.private_starts.iter().any(|s| s.line == line))
        },
    )
}

/// `--fix`: writes one document's fixed `text` over the `bytes` read from `file`; false,
/// with a warning, when the file changed since it was read (the fix is not written).
fn write_fixed(
    file: &Path,
    bytes: &[u8],
    text: String,
    places: &Places,
    path: &str,
) -> Result<bool> {
    match replace(file, bytes, &text) {
        Ok(()) => Ok(true),
        Err(Error::Changed(_)) => {
            let shown = Error::Changed(PathBuf::from(places.for_people(path)));
            tell(&format!("cairn: warning: {shown}"));
            Ok(false)
        }
        Err(error) => Err(error),
    }
}

/// Says on stderr how many findings in how many documents were fixed (or would be).
fn tell_fixed(findings: usize, documents: usize, diff: bool) {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    tell(&format!(
        "cairn: {} {} in {}",
        if diff { "would fix" } else { "fixed" },
        plural(findings, "finding"),
        plural(documents, "document")
    ));
}

/// The root-relative paths of the PATHs given: a PATH that does not exist is an error; one
/// outside the repository is left out with a note (pre-commit passes every changed file of
/// a git repository whose notes live in a subfolder).
fn selection(root: &Path, paths: &[PathBuf]) -> Result<Vec<String>> {
    let mut selected = Vec::new();
    let mut outside = 0;
    for given in paths {
        let shown = given.display().to_string();
        let absolute = given.canonicalize().map_err(|e| Error::Argument {
            argument: shown.clone(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file or folder".to_owned()
            } else {
                format!("cannot check it: {e}")
            },
        })?;
        match absolute.strip_prefix(root) {
            // A changed cairn.yaml changes what every document means: all are reported.
            Ok(relative) if relative == Path::new(cairn::config::FILE_NAME) => {
                selected.push(String::new());
            }
            Ok(relative) => selected.push(cairn::model::discover::relative_path(relative)),
            Err(_) => outside += 1,
        }
    }
    if outside > 0 {
        tell(&format!(
            "cairn: note: skipped {outside} path{} outside the notes repository at {}",
            if outside == 1 { "" } else { "s" },
            root.display()
        ));
    }
    Ok(selected)
}

/// Whether `path` is `selected` or lies in the folder `selected`.
fn within(path: &str, selected: &str) -> bool {
    selected.is_empty()
        || path == selected
        || path
            .strip_prefix(selected)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// How paths are printed: relative to the current folder for people, relative to the
/// git work tree for GitHub and SARIF (where annotations are resolved), relative to the
/// repository's root for JSON.
struct Places {
    root: PathBuf,
    /// The current folder, when it shares more than the file system's root with the
    /// repository.
    current: Option<PathBuf>,
    /// The repository root, relative to the git work tree's root (empty outside git).
    in_work_tree: String,
}

impl Places {
    fn new(root: &Path) -> Places {
        let current = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .ok()
            .filter(|current| super::relative_between(current, root).is_some());
        let in_work_tree = root
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .and_then(|top| root.strip_prefix(top).ok())
            .map(cairn::model::discover::relative_path)
            .unwrap_or_default();
        Places {
            root: root.to_owned(),
            current,
            in_work_tree,
        }
    }

    fn for_people(&self, path: &str) -> String {
        self.current
            .as_deref()
            .and_then(|current| super::relative_between(current, &self.root.join(path)))
            .map_or_else(|| path.to_owned(), |p| p.display().to_string())
    }

    fn for_github(&self, path: &str) -> String {
        if self.in_work_tree.is_empty() {
            path.to_owned()
        } else {
            format!("{}/{path}", self.in_work_tree)
        }
    }
}
