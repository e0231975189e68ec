//! `cairn commitments`: the team's commitments, by due date.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use cairn::analysis::status::{self, Filter};
use cairn::domain::vocabulary::Owner;
use cairn::model::repository::Repository;
use cairn::render::templates::{self, Templates};
use cairn::render::todo::{self, Which};

use super::Output;
use crate::cli::{Cli, CommitmentsArgs, ListFormat, OwnerArg};

#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    todo: &'a todo::Todo,
    color: bool,
}

/// Runs `cairn commitments`.
pub fn run(cli: &Cli, args: &CommitmentsArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let as_of = args.as_of.unwrap_or_else(super::today);
    let clock = super::Clock::new(as_of, args.history, args.no_git_dates);
    let repository = super::open_on(&root, clock)?;
    let config = &repository.config;
    for (flag, id) in [("--engineer", &args.engineer), ("--manager", &args.manager)] {
        if let Some(id) = id.as_deref().filter(|id| config.person(id).is_none()) {
            return Err(super::unknown_id(config, &format!("{flag} {id}"), id).into());
        }
    }
    // With `me` set and no filter, the people below them; `--manager` looks at everyone,
    // since a promise stays with whoever made it, to whichever report it was made.
    let scope = Filter {
        under: if args.engineer.is_none() && args.manager.is_none() {
            super::me(config)?
        } else {
            None
        },
        ..Filter::default()
    };
    let Repository {
        root,
        config,
        documents,
        ..
    } = repository;
    let status = status::compute(&config, documents, &HashSet::new(), as_of, &scope);
    super::tell_skipped(&status, "its commitments are not listed");
    let list = todo::todo(&status, &config, &filter(args));
    let mut out = Output::stdout();
    let written = match args.format {
        ListFormat::Json => cairn::render::json::write_pretty(&mut out, &list),
        ListFormat::Terminal => out.write_str(&terminal(&root, &list, cli.color.enabled())?),
    };
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// The list's filter, from the flags: by owner, by state (open unless a flag asks for
/// overdue, done, withdrawn or all, in that order), by engineer and by manager.
fn filter(args: &CommitmentsArgs) -> todo::Filter {
    todo::Filter {
        owner: args.owner.map(|owner| match owner {
            OwnerArg::Manager => Owner::Manager,
            OwnerArg::Engineer => Owner::Engineer,
            OwnerArg::Unassigned => Owner::Unassigned,
        }),
        which: if args.overdue {
            Which::Overdue
        } else if args.done {
            Which::Done
        } else if args.withdrawn {
            Which::Withdrawn
        } else if args.all {
            Which::All
        } else {
            Which::Open
        },
        engineer: args.engineer.clone(),
        manager: args.manager.clone(),
    }
}

/// The list for a terminal, through the repository's template, ending in a newline.
fn terminal(root: &Path, list: &todo::Todo, color: bool) -> anyhow::Result<String> {
    let mut templates = Templates::new(root);
    let context = Context { todo: list, color };
    let mut text = templates.render(
        templates::COMMITMENTS_TERMINAL,
        &context,
        list.commitments.len() + 10,
    )?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
