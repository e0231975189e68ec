//! `cairn report`: the status report, in the format asked for or implied by `-o`.

use std::process::ExitCode;

use crate::cli::{Cli, ReportArgs};
use crate::report::{self, Format};
use crate::templates::Templates;

/// Runs `cairn report`.
pub fn run(cli: &Cli, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let (root, status) = super::status(cli, &args.status)?;
    let format = args
        .format
        .or_else(|| {
            args.output
                .as_ref()
                .map(|file| Format::from_file_name(&file.to_string_lossy()))
        })
        .unwrap_or(Format::Terminal);
    let mut templates = Templates::load(&root)?;
    let color = args.output.is_none() && cli.color.enabled();
    let text = report::render(&status, format, &mut templates, color)?;
    Ok(super::emit(args.output.as_deref(), &text)?)
}
