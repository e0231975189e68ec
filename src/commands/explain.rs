//! `cairn explain RULE` and `cairn explain --list`: the rules' own documentation.

use std::process::ExitCode;

use cairn::diagnostic::Rule;
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
            explain(rule)
        }
        _ => list(),
    };
    let mut out = Output::stdout();
    let written = out.write_str(&output);
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// The documentation of one rule, as Markdown.
pub fn explain(rule: &Rule) -> String {
    format!(
        "# {} ({})\n\n{}\n",
        rule.name,
        rule.severity.name(),
        documentation(rule).trim_end()
    )
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
                summary(rule)
            )
        })
        .collect()
}

/// The doc comment without the one space `///` leaves at the start of each line.
fn documentation(rule: &Rule) -> String {
    rule.documentation
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first sentence under "What it does".
pub fn summary(rule: &Rule) -> String {
    let documentation = documentation(rule);
    let what = documentation
        .split("## What it does")
        .nth(1)
        .unwrap_or("")
        .split("\n\n")
        .next()
        .unwrap_or("");
    let what = what.split_whitespace().collect::<Vec<_>>().join(" ");
    match what.find(". ") {
        Some(end) => what[..=end].to_owned(),
        None => what,
    }
}
