//! `cairn new TYPE ENGINEER`: a document from the guide's prompts, pre-filled with what the
//! repository knows, written where `layout` says and never over an existing file.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{Cli, NewArgs};
use crate::config::Config;
use crate::create::create_new;
use crate::document::front_matter::DocType;
use crate::error::{Error, Result};
use crate::prefill::{self, Context, NewDocument};
use crate::repository::Repository;
use crate::templates::Templates;

/// Runs `cairn new`.
pub fn run(cli: &Cli, args: &NewArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli)?;
    let repository = Repository::open(&root)?;
    let config = &repository.config;
    let engineer = config
        .person(&args.engineer)
        .ok_or_else(|| super::unknown_id(config, &args.engineer, &args.engineer))?;
    let manager_id = args
        .manager
        .as_ref()
        .or(engineer.manager.as_ref())
        .ok_or_else(|| Error::Argument {
            path: engineer.id.clone(),
            message: "has no manager in cairn.yaml; add one there or pass --manager ID".to_owned(),
        })?;
    let manager = config
        .person(manager_id)
        .ok_or_else(|| super::unknown_id(config, &format!("--manager {manager_id}"), manager_id))?;
    if manager.id == engineer.id {
        return Err(Error::Argument {
            path: manager.id.clone(),
            message: "cannot be their own manager".to_owned(),
        }
        .into());
    }
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let doc_type = args.doc_type;
    let relative = layout_path(&config.layout, &engineer.id, date, doc_type)?;
    if let Some(why) = unread(&relative, config) {
        return Err(Error::Argument {
            path: format!("layout `{}`", config.layout),
            message: format!("leads to `{relative}`, which cairn never reads ({why}); change `layout` in cairn.yaml"),
        }
        .into());
    }
    let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);

    let mut templates = Templates::new(&root);
    let context = Context {
        doc: NewDocument {
            doc_type,
            date,
            follow_up: prefill::follow_up(doc_type, date, config),
            engineer: engineer.into(),
            manager: manager.into(),
        },
        history: prefill::history(&repository, &engineer.id, date, folder),
        contract: (doc_type == DocType::Contract).then(|| prefill::contract_plan(date, config)),
        prompts: templates.prompts()?,
    };
    let items = context.history.conversations.len() + context.history.open_commitments.len() + 100;
    let text = templates.render(&format!("{}.md.j2", doc_type.name()), &context, items)?;

    if args.stdout {
        super::print(&text);
        return Ok(ExitCode::SUCCESS);
    }
    let path = root.join(&relative);
    create_folders_inside(&root, &path)?;
    create_new(&path, &text)?;
    super::print(&format!("{}\n", shown(&path).display()));
    Ok(ExitCode::SUCCESS)
}

/// The document's path from the layout, relative to the root: it must stay inside the
/// repository and name a Markdown file.
pub fn layout_path(
    layout: &str,
    engineer: &str,
    date: NaiveDate,
    doc_type: DocType,
) -> Result<String> {
    let path = layout
        .replace("{engineer}", engineer)
        .replace("{date}", &date.to_string())
        .replace("{type}", doc_type.name());
    let refuse = |why: &str| Error::Argument {
        path: format!("layout `{layout}`"),
        message: format!(
            "{why} (in cairn.yaml; the default is `{}`)",
            crate::config::DEFAULT_LAYOUT
        ),
    };
    if path.contains(['{', '}']) {
        return Err(refuse(
            "has a placeholder other than {engineer}, {date} and {type}",
        ));
    }
    if !path.ends_with(".md") {
        return Err(refuse("must name a `.md` file"));
    }
    let parts = Path::new(&path).components();
    if parts.clone().any(|c| !matches!(c, Component::Normal(_))) || path.contains('\\') {
        return Err(refuse(
            "must be a relative path inside the repository, without `..`",
        ));
    }
    Ok(path)
}

/// Why cairn would never read a document at this root-relative path, if it would not.
fn unread(path: &str, config: &Config) -> Option<&'static str> {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.iter().any(|p| p.starts_with('.')) {
        Some("hidden files and folders are skipped")
    } else if matches!(parts.first(), Some(&"templates" | &"target")) && parts.len() > 1 {
        Some("the templates/ and target/ folders are skipped")
    } else if parts.last() == Some(&"README.md") {
        Some("README.md files are skipped")
    } else if config.is_excluded(path) {
        Some("`exclude` matches it")
    } else {
        None
    }
}

/// Creates the folders of `path`, refusing when an existing one leads outside `root`
/// (through a symbolic link) before anything is created there.
fn create_folders_inside(root: &Path, path: &Path) -> Result<()> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io { path, source }
    };
    let root = root.canonicalize().map_err(io(root))?;
    let folder = path.parent().unwrap_or(&root);
    let existing = folder.ancestors().find(|a| a.exists()).unwrap_or(&root);
    let inside = |dir: &Path| dir.canonicalize().is_ok_and(|d| d.starts_with(&root));
    if !inside(existing) {
        return Err(Error::Argument {
            path: path.display().to_string(),
            message: "would be written outside the notes repository (through a symbolic link); nothing was written".to_owned(),
        });
    }
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    if !inside(folder) {
        return Err(Error::Argument {
            path: path.display().to_string(),
            message: "would be written outside the notes repository; nothing was written"
                .to_owned(),
        });
    }
    Ok(())
}

/// The path relative to the current folder when it lies below it, else as it is.
fn shown(path: &Path) -> PathBuf {
    let current = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    let absolute = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    current
        .and_then(|current| absolute.strip_prefix(current).ok().map(Path::to_path_buf))
        .unwrap_or(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_stay_inside_the_repository() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let ok = layout_path(crate::config::DEFAULT_LAYOUT, "al", date, DocType::Prep).unwrap();
        assert_eq!(ok, "people/al/2026-03-01-prep.md");
        for bad in [
            "../{engineer}.md",
            "/tmp/{engineer}.md",
            "people/{name}.md",
            "people/{engineer}.txt",
            "a\\..\\b.md",
        ] {
            assert!(
                layout_path(bad, "al", date, DocType::Prep).is_err(),
                "{bad}"
            );
        }
    }
}
