//! The commands: each turns parsed arguments into a library call, output and an exit code.

mod check;
mod explain;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::config;
use crate::error::Result;

/// Runs the command line; errors mean exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Check(args) => check::run(&cli, args),
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
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
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

/// The root of the notes repository: `--repo` or the nearest `cairn.yaml` upwards.
fn repository_root(cli: &Cli) -> Result<PathBuf> {
    let start = match &cli.repo {
        Some(dir) => dir.clone(),
        None => std::env::current_dir().map_err(|source| crate::error::Error::Io {
            path: Path::new(".").to_owned(),
            source,
        })?,
    };
    config::find_root(&start)
}
