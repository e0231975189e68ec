//! `cairn init [DIR] [--templates]`: a new notes repository, never overwriting anything.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::InitArgs;
use crate::config;
use crate::create::create_new;
use crate::error::{Error, Result};
use crate::templates;

/// The `cairn.yaml` that `init` writes: an example roster, commented.
const CONFIG: &str = include_str!("../../templates/init/cairn.yaml");

/// Runs `cairn init`.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    let mut files: Vec<(PathBuf, &str)> = vec![(dir.join(config::FILE_NAME), CONFIG)];
    if args.templates {
        files.extend(
            templates::DEFAULTS
                .iter()
                .map(|(name, text)| (dir.join("templates").join(name), *text)),
        );
    }
    // Refuse before writing anything, so a refusal leaves the folder as it was.
    if let Some((existing, _)) = files
        .iter()
        .find(|(path, _)| path.symlink_metadata().is_ok())
    {
        return Err(Error::Argument {
            path: existing.display().to_string(),
            message: "already exists; cairn init never overwrites a file (nothing was written)"
                .to_owned(),
        }
        .into());
    }
    create_folder(&dir.join("people"))?;
    if args.templates {
        create_folder(&dir.join("templates"))?;
    }
    let mut created = String::new();
    for (path, text) in &files {
        create_new(path, text)?;
        created.push_str(&format!("created {}\n", path.display()));
    }
    created.push_str(&format!(
        "created {}\nnext: edit the roster in {}, then 'cairn new reflection <engineer>'\n",
        dir.join("people").display(),
        dir.join(config::FILE_NAME).display()
    ));
    super::print(&created);
    Ok(ExitCode::SUCCESS)
}

fn create_folder(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
