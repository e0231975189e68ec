//! `cairn calendar`: what needs a date in the diary, as iCalendar.

use std::process::ExitCode;

use cairn::render::calendar;

use super::Output;
use crate::cli::{CalendarArgs, Cli};

/// Runs `cairn calendar`.
pub fn run(cli: &Cli, args: &CalendarArgs) -> anyhow::Result<ExitCode> {
    let (_, config, status) = super::status(cli, &args.status)?;
    let mut out = match &args.output {
        Some(path) => Output::file(path)?,
        None => Output::stdout(),
    };
    let written = out.write_str(&calendar::render(&status, &config, args.remind));
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}
