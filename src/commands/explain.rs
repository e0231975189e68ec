//! `cairn explain RULE|FLAG` and `cairn explain --list`: the rules' and the report flags'
//! own documentation.

use std::process::ExitCode;

use cairn::analysis::status::Flag;
use cairn::domain::error::Error;
use cairn::{analysis::rules, text::suggest};

use super::Output;
use crate::cli::ExplainArgs;

/// Runs `cairn explain`.
pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let output = match &args.rule {
        Some(name) if !args.list => {
            let name = name.to_lowercase();
            let rule = rules::by_name(&name).map(|rule| rule.explanation());
            let flag = Flag::from_name(&name).map(Flag::explanation);
            // `notes-not-written` is both a rule of `check` and a flag of the report.
            let both: Vec<String> = rule.into_iter().chain(flag).collect();
            if !both.is_empty() {
                both.join("\n")
            } else {
                let known = rules::ALL
                    .iter()
                    .map(|r| r.name)
                    .chain(Flag::ALL.iter().map(|f| f.name()));
                return Err(Error::Argument {
                    argument: args.rule.clone().unwrap_or_default(),
                    message: format!(
                        "no such rule or report flag{}; 'cairn explain --list' lists them",
                        suggest::hint(&name, known)
                    ),
                }
                .into());
            }
        }
        _ => list(),
    };
    let mut out = Output::stdout();
    let written = out.write_str(&output);
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// One line per rule (name, severity, the first sentence of what it does), then one per
/// report flag (name and what it means).
fn list() -> String {
    let width = rules::ALL
        .iter()
        .map(|r| r.name.len())
        .chain(Flag::ALL.iter().map(|f| f.name().len()))
        .max()
        .unwrap_or(0);
    let rules = rules::ALL.iter().map(|rule| {
        format!(
            "{:width$}  {:7}  {}\n",
            rule.name,
            rule.severity.name(),
            rule.summary()
        )
    });
    let flags = Flag::ALL
        .iter()
        .map(|flag| format!("{:width$}  {:7}  {}\n", flag.name(), "flag", flag.summary()));
    rules.chain(flags).collect()
}
