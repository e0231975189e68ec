//! The commands: each turns parsed arguments into a library call, output and an exit code.

mod check;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::config;
use crate::error::Result;

/// Runs the command line; errors mean exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Check(args) => check::run(&cli, args),
    }
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
