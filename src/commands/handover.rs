//! `cairn handover ENGINEER --to NEW`.

use std::process::ExitCode;

use crate::cli::{Cli, HandoverArgs};

/// Runs `cairn handover`.
pub fn run(_cli: &Cli, _args: &HandoverArgs) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
