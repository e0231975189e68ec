//! `cairn init [DIR] [--templates]`: a new notes repository, never overwriting anything;
//! with `--templates` inside an existing one, the default templates it lacks.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn::config;
use cairn::domain::error::{Error, Result};
use cairn::edit::create::create_new;
use cairn::render::templates;

use super::Output;
use crate::cli::{Cli, InitArgs};

/// The `cairn.yaml` that `init` writes: an example roster, commented.
const CONFIG: &str = include_str!("../../templates/init/cairn.yaml");

/// Runs `cairn init`.
pub fn run(cli: &Cli, args: &InitArgs) -> anyhow::Result<ExitCode> {
    let dir = &folder(cli, args);
    let config_path = dir.join(config::FILE_NAME);
    let existing = config_path.symlink_metadata().is_ok();
    if existing && !args.templates {
        return Err(Error::Exists(config_path).into());
    }
    let template_files: Vec<(PathBuf, &str)> = if args.templates {
        templates::DEFAULTS
            .iter()
            .map(|(name, text)| (dir.join("templates").join(name), *text))
            .collect()
    } else {
        Vec::new()
    };
    let mut report = String::new();
    if !existing {
        create_repository(dir, &template_files)?;
        report.push_str(&format!("created {}\n", config_path.display()));
    }
    if args.templates {
        create_templates(dir, &template_files, &mut report)?;
    }
    if !existing {
        report.push_str(&format!(
            "created {}\nnext: edit the roster in {}, then 'cairn new reflection <engineer>'\n",
            dir.join("people").display(),
            config_path.display()
        ));
    }
    let mut out = Output::stdout();
    let written = out.write_str(&report);
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// The folder to initialise: DIR, or `-C DIR` as every command's `--repo` when no DIR is
/// given; with `--templates`, the repository a folder inside one belongs to, not a new
/// one nested in it.
fn folder(cli: &Cli, args: &InitArgs) -> PathBuf {
    let given = match &cli.repo {
        Some(repo) if args.dir == Path::new(".") => repo.clone(),
        _ => args.dir.clone(),
    };
    match config::find_root(&given) {
        Ok(root) if args.templates => root,
        _ => given,
    }
}

/// Creates a new repository in `dir`: its `people` folder and its commented
/// `cairn.yaml`. It refuses before writing anything when one of the `templates` to write
/// after it exists, so a refusal leaves the folder as it was.
fn create_repository(dir: &Path, templates: &[(PathBuf, &str)]) -> Result<()> {
    if let Some((path, _)) = templates
        .iter()
        .find(|(path, _)| path.symlink_metadata().is_ok())
    {
        return Err(Error::Exists(path.clone()));
    }
    create_folder(&dir.join("people"))?;
    create_new(&dir.join(config::FILE_NAME), CONFIG)
}

/// Writes the default `templates` the repository lacks, keeping (and reporting) the
/// user's own.
fn create_templates(dir: &Path, templates: &[(PathBuf, &str)], report: &mut String) -> Result<()> {
    create_folder(&dir.join("templates"))?;
    let mut kept = Vec::new();
    for (path, text) in templates {
        if path.symlink_metadata().is_ok() {
            kept.push(super::from_here(path).display().to_string());
            continue;
        }
        create_new(path, text)?;
        report.push_str(&format!("created {}\n", super::from_here(path).display()));
    }
    for path in &kept {
        report.push_str(&format!("kept {path} (yours, unchanged)\n"));
    }
    Ok(())
}

fn create_folder(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
