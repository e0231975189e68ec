//! `cairn explain RULE` and `cairn explain --list`: the rules' own documentation.

use std::process::ExitCode;

use cairn::error::Error;
use cairn::{rules, suggest};

use super::Output;
use crate::cli::ExplainArgs;

/// Runs `cairn explain`.
pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let output = match &args.rule {
        Some(name) if !args.list => {
            let rule = rules::by_name(&name.to_lowercase()).ok_or_else(|| Error::Argument {
                argument: name.clone(),
                message: format!(
                    "no such rule{}; 'cairn explain --list' lists them",
                    suggest::hint(&name.to_lowercase(), rules::ALL.iter().map(|r| r.name))
                ),
            })?;
            rule.explanation()
        }
        _ => list(),
    };
    let mut out = Output::stdout();
    let written = out.write_str(&output);
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// One line per rule: name, severity, and the first sentence of what it does.
fn list() -> String {
    let width = rules::ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
    rules::ALL
        .iter()
        .map(|rule| {
            format!(
                "{:width$}  {:7}  {}\n",
                rule.name,
                rule.severity.name(),
                rule.summary()
            )
        })
        .collect()
}
