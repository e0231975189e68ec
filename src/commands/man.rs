//! `cairn man [COMMAND]`: a real manual (docs/integrations.md): the options and commands from the
//! command-line definition, and the sections a manual has (files, exit status,
//! environment, examples) from `docs/man.roff`.

use std::process::ExitCode;

use clap::CommandFactory;

use cairn::analysis::rules;
use cairn::analysis::status::Flag;
use cairn::domain::error::Error;

use super::Output;
use crate::cli::Cli;

/// The sections beyond the flag list, in roff.
const SECTIONS: &str = include_str!("../../docs/man.roff");

/// The RULES and REPORT FLAGS sections, from the same definitions as `cairn explain` and
/// docs/rules.md: each name with the first sentence of its documentation.
fn rules_and_flags() -> String {
    let escape = |text: &str| text.replace('\\', "\\e").replace('-', "\\-");
    let mut out = String::from(".SH RULES\n");
    for rule in rules::ALL {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR ({})\n{}\n",
            escape(rule.name),
            rule.severity.name(),
            escape(&rule.summary())
        ));
    }
    out.push_str(".SH REPORT FLAGS\n");
    for flag in Flag::ALL {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(flag.name()),
            escape(flag.summary())
        ));
    }
    out
}

/// Runs `cairn man`.
pub fn run(command: Option<&str>) -> anyhow::Result<ExitCode> {
    let cli = Cli::command().version(env!("CARGO_PKG_VERSION"));
    let mut page = Vec::new();
    match command {
        None => {
            let man = clap_mangen::Man::new(cli);
            man.render_title(&mut page)?;
            man.render_name_section(&mut page)?;
            man.render_synopsis_section(&mut page)?;
            // DESCRIPTION comes before the options, the other sections after the commands.
            let (description, rest) = SECTIONS.split_once(".SH FILES").unwrap_or((SECTIONS, ""));
            page.extend_from_slice(description.as_bytes());
            man.render_options_section(&mut page)?;
            man.render_subcommands_section(&mut page)?;
            page.extend_from_slice(rules_and_flags().as_bytes());
            page.extend_from_slice(b".SH FILES");
            page.extend_from_slice(rest.as_bytes());
            man.render_version_section(&mut page)?;
        }
        Some(name) => {
            let sub = cli
                .find_subcommand(name)
                .cloned()
                .ok_or_else(|| Error::Argument {
                    argument: name.to_owned(),
                    message: "no such command; 'cairn --help' lists them".to_owned(),
                })?;
            let full = format!("cairn-{name}");
            let man = clap_mangen::Man::new(
                sub.name(full.clone())
                    .bin_name(format!("cairn {name}"))
                    .version(env!("CARGO_PKG_VERSION")),
            );
            man.render(&mut page)?;
            page.extend_from_slice(b".SH SEE ALSO\n\\fBcairn\\fR(1)\n");
        }
    }
    let mut out = Output::stdout();
    let written = std::io::Write::write_all(&mut out, &page);
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}
