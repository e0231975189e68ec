//! `cairn report`: the status report, in the format asked for or implied by `-o`.

use std::process::ExitCode;

use crate::cli::{Cli, ReportArgs};
use crate::error::Error;
use crate::report::{self, Format, WriteError};
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
    let mut templates = Templates::new(&root);
    let color = args.output.is_none() && cli.color.enabled();
    let written = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            report::write(
                &status,
                format,
                &mut templates,
                color,
                &mut std::io::BufWriter::new(file),
            )
            .map_err(|e| match e {
                WriteError::Io(source) => Error::Io {
                    path: path.clone(),
                    source,
                },
                WriteError::Template(e) => e,
            })
        }
        None => match report::write(
            &status,
            format,
            &mut templates,
            color,
            &mut std::io::BufWriter::new(std::io::stdout().lock()),
        ) {
            // A closed pipe (`cairn report | head`) is not an error worth a message.
            Err(WriteError::Io(_)) => Ok(()),
            other => other.map_err(|e| match e {
                WriteError::Template(e) => e,
                WriteError::Io(source) => Error::Io {
                    path: "stdout".into(),
                    source,
                },
            }),
        },
    };
    written?;
    Ok(ExitCode::SUCCESS)
}
