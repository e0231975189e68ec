//! The commands: each turns parsed arguments into a library call, output and an exit code.

mod calendar;
mod check;
mod explain;
mod init;
mod new;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use std::collections::HashSet;

use crate::cli::{Cli, Command, StatusArgs};
use crate::config;
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::repository::Repository;
use crate::rules;
use crate::status::{self, Filter, Status};
use crate::suggest;

/// Runs the command line; errors mean exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(&cli, args),
        Command::Check(args) => check::run(&cli, args),
        Command::Report(args) => report::run(&cli, args),
        Command::Calendar(args) => calendar::run(&cli, args),
        Command::Explain(args) => explain::run(args),
        Command::Schema => {
            let schema = serde_json::to_string_pretty(&crate::schema::front_matter())?;
            print(&format!("{schema}\n"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "cairn", &mut out);
            print(&String::from_utf8_lossy(&out));
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { command } => {
            let cli = Cli::command();
            let page = match command {
                None => cli,
                Some(name) => {
                    let sub =
                        cli.find_subcommand(name)
                            .cloned()
                            .ok_or_else(|| Error::Argument {
                                path: name.clone(),
                                message: "no such command; 'cairn --help' lists them".to_owned(),
                            })?;
                    let full = format!("cairn-{name}");
                    sub.name(full.clone()).bin_name(full)
                }
            };
            let mut out = Vec::new();
            clap_mangen::Man::new(page).render(&mut out)?;
            print(&String::from_utf8_lossy(&out));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes a command's result to stdout. A closed pipe (`cairn check | head`) is not an
/// error worth a message.
fn print(output: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Opens the repository and computes the status for `report` and `calendar`. Documents
/// with check errors are skipped, and counted on stderr.
fn status(cli: &Cli, args: &StatusArgs) -> Result<(PathBuf, Status)> {
    let root = repository_root(cli)?;
    let repository = Repository::open(&root)?;
    let diagnostics = rules::check(&repository);
    let broken: HashSet<&str> = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| d.path.as_str())
        .collect();
    for (flag, id) in [("--engineer", &args.engineer), ("--manager", &args.manager)] {
        if let Some(id) = id
            .as_deref()
            .filter(|id| repository.config.person(id).is_none())
        {
            return Err(unknown_id(&repository.config, &format!("{flag} {id}"), id));
        }
    }
    if let Some(person) = args
        .engineer
        .as_deref()
        .and_then(|id| repository.config.person(id))
    {
        if person.manager.is_none() {
            return Err(Error::Argument {
                path: format!("--engineer {}", person.id),
                message: "has no manager in cairn.yaml; the report covers people with a manager"
                    .to_owned(),
            });
        }
    }
    let filter = Filter {
        engineer: args.engineer.clone(),
        manager: args.manager.clone(),
    };
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let status = status::compute(&repository, &broken, as_of, &filter);
    if status.skipped_documents > 0 {
        eprintln!(
            "cairn: skipped {} document{} with errors; run 'cairn check' to see them",
            status.skipped_documents,
            if status.skipped_documents == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    Ok((root, status))
}

/// An id that is not in the roster, named as the user wrote it (`shown`), with the
/// closest id and, for a roster small enough to read, all of them.
fn unknown_id(config: &crate::config::Config, shown: &str, id: &str) -> Error {
    let ids = || config.people.iter().map(|p| p.id.as_str());
    let known = if config.people.len() <= 20 {
        format!("; known ids: {}", ids().collect::<Vec<_>>().join(", "))
    } else {
        String::new()
    };
    Error::Argument {
        path: shown.to_owned(),
        message: format!(
            "nobody with this id in cairn.yaml{}{known}",
            suggest::hint(id, ids())
        ),
    }
}

/// Writes the output to `file`, or to stdout.
fn emit(file: Option<&Path>, output: &str) -> Result<ExitCode> {
    match file {
        Some(path) => std::fs::write(path, output).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?,
        None => print(output),
    }
    Ok(ExitCode::SUCCESS)
}

/// The root of the notes repository: `--repo` or the nearest `cairn.yaml` upwards.
fn repository_root(cli: &Cli) -> Result<PathBuf> {
    let start = match &cli.repo {
        Some(dir) => dir.clone(),
        None => std::env::current_dir().map_err(|source| Error::Io {
            path: Path::new(".").to_owned(),
            source,
        })?,
    };
    config::find_root(&start)
}
