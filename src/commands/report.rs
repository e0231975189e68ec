//! `cairn report`: the status report, in the format asked for or implied by `-o`.

use std::process::ExitCode;

use cairn::render::report::{self, Format, WriteError};
use cairn::render::templates::Templates;

use super::Output;
use crate::cli::{Cli, ReportArgs};

/// Runs `cairn report`.
pub fn run(cli: &Cli, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let (root, config, status) = super::status(cli, &args.status)?;
    let format = args
        .format
        .map(Format::from)
        .or_else(|| {
            args.output
                .as_ref()
                .map(|file| Format::from_file_name(&file.to_string_lossy()))
        })
        .unwrap_or(Format::Terminal);
    let mut templates = Templates::new(&root);
    let color = args.output.is_none() && cli.color.enabled();
    let mut out = match &args.output {
        Some(path) => Output::file(path)?,
        None => Output::stdout(),
    };
    match report::write(&status, &config, format, &mut templates, color, &mut out) {
        Err(WriteError::Template(error)) => return Err(error.into()),
        Err(WriteError::Io(error)) => out.record(Err(error)),
        Ok(()) => {}
    }
    Ok(out.finish(ExitCode::SUCCESS)?)
}
