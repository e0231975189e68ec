//! The commands: each turns parsed arguments into library calls, output and an exit code.

mod calendar;
mod check;
mod commitments;
mod done;
mod explain;
mod export;
mod git;
mod git_dates;
mod handover;
mod history;
mod init;
mod man;
mod new;
mod output;
mod report;
mod retention;
mod seal;
mod share;
mod show;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use std::collections::HashSet;

use cairn::analysis::status::{self, Filter, Status};
use cairn::config::{self, Config};
use cairn::domain::diagnostic::{Diagnostic, Severity};
use cairn::domain::error::{Error, Result};
use cairn::model::repository::Repository;
use cairn::{analysis::rules, text::suggest};

use crate::cli::{Cli, Command, StatusArgs};
pub use output::{tell, Output};

/// Runs the command line; errors mean exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let result = match &cli.command {
        Command::Init(args) => init::run(&cli, args),
        Command::New(args) => new::run(&cli, args),
        Command::Check(args) => check::run(&cli, args),
        Command::Report(args) => report::run(&cli, args),
        Command::Calendar(args) => calendar::run(&cli, args),
        Command::Show(args) => show::run(&cli, args),
        Command::Commitments(args) => commitments::run(&cli, args),
        Command::Done(args) => done::run(&cli, args),
        Command::Seal { action } => seal::run(&cli, action),
        Command::Share(args) => share::run(&cli, args),
        Command::Handover(args) => handover::run(&cli, args),
        Command::Export(args) => export::run(&cli, args),
        Command::Retention(args) => retention::run(&cli, args),
        Command::Explain(args) => explain::run(args),
        Command::Schema { framework } => {
            let schema = if *framework {
                cairn::render::schema::framework()
            } else {
                cairn::render::schema::front_matter()
            };
            let mut out = Output::stdout();
            cairn::render::json::write_pretty(&mut out, &schema)?;
            Ok(out.finish(ExitCode::SUCCESS)?)
        }
        Command::Completions { shell } => {
            let mut out = Output::stdout();
            clap_complete::generate(*shell, &mut Cli::command(), "cairn", &mut out);
            Ok(out.finish(ExitCode::SUCCESS)?)
        }
        Command::Man { command } => man::run(command.as_deref()),
        Command::Lsp => {
            cairn::lsp::serve_stdio().map_err(|error| anyhow::anyhow!(error))?;
            Ok(ExitCode::SUCCESS)
        }
    };
    result.map_err(|error| match error.downcast::<Error>() {
        // `cairn.yaml` as the user would type it from here, so editors can jump to it.
        Ok(Error::Config { path, problems }) => Error::Config {
            path: from_here(&path),
            problems,
        }
        .into(),
        Ok(other) => other.into(),
        Err(other) => other,
    })
}

/// `path` relative to the current folder, when they share more than the file system's
/// root; `path` itself otherwise.
pub fn from_here(path: &Path) -> PathBuf {
    std::env::current_dir()
        .and_then(|dir| dir.canonicalize())
        .ok()
        .and_then(|dir| relative_between(&dir, path))
        .unwrap_or_else(|| path.to_owned())
}

/// The path to `target` from `from` (both absolute), with `..` where needed; `None` when
/// they share nothing but the file system's root.
pub fn relative_between(from: &Path, target: &Path) -> Option<PathBuf> {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common <= 1 {
        return None;
    }
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to[common..] {
        path.push(part);
    }
    Some(path)
}

/// Today's local date: what `--as-of` and `--date` default to.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The root of the notes repository: `--repo`, else the nearest `cairn.yaml` from the
/// current folder upwards, else (for `check PATH…`) from the paths upwards, the first
/// that leads to one (pre-commit may pass a README.md outside the notes first).
pub fn repository_root(cli: &Cli, paths: &[PathBuf]) -> Result<PathBuf> {
    if let Some(dir) = &cli.repo {
        return config::find_root(dir);
    }
    let current = std::env::current_dir().map_err(|source| Error::Io {
        path: PathBuf::from("."),
        source,
    })?;
    let found = config::find_root(&current);
    if matches!(found, Err(Error::NotARepository(_))) {
        // A PATH that does not exist says so, rather than that its folder holds no notes.
        if let Some(missing) = paths.iter().find(|path| path.symlink_metadata().is_err()) {
            return Err(Error::Argument {
                argument: missing.display().to_string(),
                message: "no such file or folder".to_owned(),
            });
        }
        if let Some(root) = paths.iter().find_map(|path| config::find_root(path).ok()) {
            return Ok(root);
        }
    }
    found
}

/// The repository at `root`: its configuration (every problem of `cairn.yaml` in one
/// error), then its documents.
pub fn open(root: &Path) -> Result<Repository> {
    let config = Config::load(root, &rules::names())?;
    Ok(Repository::open(root, config))
}

/// How a dated command reads the notes (docs/history.md).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The day.
    pub as_of: chrono::NaiveDate,
    /// `--history`: the notes as committed on `as_of`.
    pub history: bool,
    /// Done dates from git for ticked items without one (off with `--no-git-dates`).
    pub git_dates: bool,
}

impl Clock {
    /// The clock a dated command's flags ask for.
    pub fn new(as_of: chrono::NaiveDate, history: bool, no_git_dates: bool) -> Clock {
        Clock {
            as_of,
            history,
            git_dates: !no_git_dates,
        }
    }

    /// Today's files, ticks dated from git: what a command that writes a document
    /// (`new`, `handover`) reads, so the promises it lists are open or done as
    /// `commitments` says.
    pub fn today() -> Clock {
        Clock::new(today(), false, false)
    }
}

/// The repository at `root`: as its files read now, or with `history` as committed on
/// `as_of`; ticked items without a done date dated from git unless told not to.
pub fn open_on(root: &Path, clock: Clock) -> Result<Repository> {
    if clock.history {
        let (mut repository, commit) = history::open(root, clock.as_of)?;
        if clock.git_dates {
            git_dates::apply(&mut repository, Some(&commit), clock.as_of);
        }
        return Ok(repository);
    }
    let (repository, ()) = now_dated(root, clock, || Ok((open(root)?, ())))?;
    Ok(repository)
}

/// The repository `open` reads now, with what else it gives, its ticks dated from git
/// (unless `clock` says not to). git's log is read while the documents are parsed: it
/// needs none of them.
fn now_dated<T>(
    root: &Path,
    clock: Clock,
    open: impl FnOnce() -> Result<(Repository, T)>,
) -> Result<(Repository, T)> {
    if !clock.git_dates {
        return open();
    }
    std::thread::scope(|scope| {
        let history = scope.spawn(|| git_dates::read(root, None));
        let (mut repository, more) = open()?;
        let history = history.join().ok().flatten();
        git_dates::apply_read(&mut repository, history, None, clock.as_of);
        Ok((repository, more))
    })
}

/// [`open_on`], checked: every finding of `check`, each document checked as it is read and
/// then keeping only what a status reads of it (under `--history`, the commit's documents
/// are opened whole and checked after). For `report` and `calendar`, which need the
/// documents with errors and then only the status. `refuse` sees the configuration
/// before any document is read (under `--history`, the commit's, once it is opened).
fn open_checked_on(
    root: &Path,
    clock: Clock,
    refuse: impl FnOnce(&Config) -> Result<()>,
) -> Result<(Repository, Vec<Diagnostic>)> {
    if clock.history {
        let repository = open_on(root, clock)?;
        refuse(&repository.config)?;
        let diagnostics = rules::check_as_of(&repository, Some(clock.as_of));
        return Ok((repository, diagnostics));
    }
    let config = Config::load(root, &rules::names())?;
    refuse(&config)?;
    now_dated(root, clock, || {
        Ok(rules::open_for_status(root, config, clock.as_of))
    })
}

/// Refuses a filter of `report` or `calendar` that names nobody in the roster, an
/// engineer the report does not cover on `as_of`, or a manager of nobody that day.
fn check_filters(config: &Config, args: &StatusArgs, as_of: chrono::NaiveDate) -> Result<()> {
    for (flag, id) in [
        ("--engineer", &args.engineer),
        ("--manager", &args.manager),
        ("--under", &args.under),
    ] {
        if let Some(id) = id.as_deref().filter(|id| config.person(id).is_none()) {
            return Err(unknown_id(config, &format!("{flag} {id}"), id));
        }
    }
    if let Some(person) = args.engineer.as_deref().and_then(|id| config.person(id)) {
        if person.manager_on(as_of).is_none() || !person.on_team(as_of) {
            return Err(Error::Argument {
                argument: format!("--engineer {}", person.id),
                message: format!("has no manager or is not on the team on {as_of}; the report covers people with a manager"),
            });
        }
    }
    for (flag, id) in [("--manager", &args.manager), ("--under", &args.under)] {
        if let Some(id) = id
            .as_deref()
            .filter(|id| !status::manages_anyone(config, id, as_of))
        {
            return Err(Error::Argument {
                argument: format!("{flag} {id}"),
                message: format!("{id} manages nobody on {as_of}"),
            });
        }
    }
    Ok(())
}

/// Opens the repository and computes the status for `report` and `calendar`: the root,
/// the configuration and the status. Documents with check errors are used for what is
/// valid, and counted on stderr. The documents themselves are freed here, each engineer's
/// once their status is computed: the status keeps what it needs, and a report built
/// beside them would need twice the memory.
pub fn status(cli: &Cli, args: &StatusArgs) -> Result<(PathBuf, Config, Status)> {
    let root = repository_root(cli, &[])?;
    let as_of = args.as_of.unwrap_or_else(today);
    let clock = Clock::new(as_of, args.history, args.no_git_dates);
    // A mistyped filter is refused before the notes are read.
    let (repository, diagnostics) =
        open_checked_on(&root, clock, |config| check_filters(config, args, as_of))?;
    let config = &repository.config;
    let errors = error_paths(&diagnostics);
    let mut filter = Filter {
        engineer: args.engineer.clone(),
        manager: args.manager.clone(),
        under: args.under.clone(),
    };
    if filter.engineer.is_none() && filter.manager.is_none() && filter.under.is_none() {
        filter.under = me(config)?;
    }
    let Repository {
        root,
        config,
        documents,
        ..
    } = repository;
    let status = status::compute(&config, documents, &errors, as_of, &filter);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if status.documents_with_errors > 0 {
        tell(&format!(
            "cairn: {} document{} with errors, used for what is valid in them; run 'cairn check' to see them",
            status.documents_with_errors,
            plural(status.documents_with_errors)
        ));
    }
    tell_skipped(
        &status,
        "the flags of its person may be wrong because of it",
    );
    Ok((root, config, status))
}

/// Who runs cairn: `CAIRN_ME` when set, else `me` in `cairn.yaml`. Either must name
/// someone in the roster: a mistyped id would otherwise quietly change whose team is shown.
pub fn me(config: &Config) -> Result<Option<String>> {
    match std::env::var("CAIRN_ME") {
        Ok(id) if !id.trim().is_empty() => {
            let id = id.trim();
            if config.person(id).is_none() {
                return Err(unknown_id(config, &format!("CAIRN_ME={id}"), id));
            }
            Ok(Some(id.to_owned()))
        }
        _ => Ok(config.me.clone()),
    }
}

/// Names on stderr each document that could not be read, and why, with what follows
/// from it (`consequence`): a skipped file must never pass unnoticed.
pub fn tell_skipped(status: &Status, consequence: &str) {
    for skipped in &status.skipped {
        tell(&format!(
            "cairn: {} could not be read: {}; {consequence}; run 'cairn check'",
            skipped.path, skipped.reason
        ));
    }
}

/// The paths of the documents with check errors: a person's block (or story) with one
/// is flagged `document-errors`.
pub fn error_paths(diagnostics: &[Diagnostic]) -> HashSet<&str> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.as_str())
        .collect()
}

/// An id that is not in the roster, named as the user wrote it (`shown`), with the
/// closest id and, for a roster small enough to read, all of them.
pub fn unknown_id(config: &Config, shown: &str, id: &str) -> Error {
    let ids = || config.people.iter().map(|p| p.id.as_str());
    let known = if config.people.len() <= 20 {
        format!("; known ids: {}", ids().collect::<Vec<_>>().join(", "))
    } else {
        String::new()
    };
    Error::Argument {
        argument: shown.to_owned(),
        message: format!(
            "nobody with this id in cairn.yaml{}{known}",
            suggest::hint(id, ids())
        ),
    }
}
