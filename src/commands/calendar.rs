//! `cairn calendar`: upcoming dates as iCalendar.

use std::process::ExitCode;

use crate::calendar;
use crate::cli::{CalendarArgs, Cli};

/// Runs `cairn calendar`.
pub fn run(cli: &Cli, args: &CalendarArgs) -> anyhow::Result<ExitCode> {
    let (_, status) = super::status(cli, &args.status)?;
    Ok(super::emit(
        args.output.as_deref(),
        &calendar::render(&status),
    )?)
}
