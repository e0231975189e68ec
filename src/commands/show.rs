//! `cairn show ENGINEER`: one person's story.

use std::process::ExitCode;

use serde::Serialize;

use cairn::render::show;
use cairn::render::templates::{self, Templates};

use super::Output;
use crate::cli::{Cli, ShowArgs, ShowFormat};

/// What the templates see: the story and the guide's titles.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    story: &'a show::Story,
    prompts: serde_json::Value,
    color: bool,
}

/// Runs `cairn show`.
pub fn run(cli: &Cli, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let as_of = args.as_of.unwrap_or_else(super::today);
    let clock = super::Clock::new(as_of, args.history, args.no_git_dates);
    let repository = super::open_on(&root, clock)?;
    // Only this person's documents can flag their story `document-errors`.
    let diagnostics = cairn::analysis::rules::check_where(&repository, Some(as_of), |document| {
        document.front.as_ref().and_then(|f| f.engineer.as_deref()) == Some(&args.engineer)
    });
    let errors = super::error_paths(&diagnostics);
    let story = show::story(&repository, &args.engineer, as_of, &errors)
        .ok_or_else(|| super::unknown_id(&repository.config, &args.engineer, &args.engineer))?;
    let mut out = Output::stdout();
    let written = match args.format {
        ShowFormat::Json => cairn::render::json::write_pretty(&mut out, &story),
        format => {
            let mut templates = Templates::new(&root);
            let context = Context {
                story: &story,
                prompts: templates.prompts()?,
                color: format == ShowFormat::Terminal && cli.color.enabled(),
            };
            let name = match format {
                ShowFormat::Markdown => templates::SHOW_MARKDOWN,
                _ => templates::SHOW_TERMINAL,
            };
            let items = story.documents.len() + story.commitments.len() + 10;
            let mut text = templates.render(name, &context, items)?;
            if !text.ends_with('\n') {
                text.push('\n');
            }
            out.write_str(&text)
        }
    };
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}
