//! `cairn new TYPE ENGINEER`: a document from the guide's prompts, pre-filled with what the
//! repository knows, written where `layout` says and never over an existing file.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use cairn::config::{Config, Person};
use cairn::domain::error::{Error, Result};
use cairn::domain::vocabulary::DocType;
use cairn::edit::create::create_new;
use cairn::edit::generate;
use cairn::model::discover;
use cairn::render::templates::Templates;

use super::Output;
use crate::cli::{Cli, NewArgs};

/// Runs `cairn new`.
pub fn run(cli: &Cli, args: &NewArgs) -> anyhow::Result<ExitCode> {
    if args.doc_type.0 == DocType::Handover {
        return Err(handover_refused(&args.engineer).into());
    }
    let root = super::repository_root(cli, &[])?;
    let repository = super::open_on(&root, super::Clock::today())?;
    let config = &repository.config;
    let engineer = config
        .person(&args.engineer)
        .ok_or_else(|| super::unknown_id(config, &args.engineer, &args.engineer))?;
    let date = args.date.unwrap_or_else(super::today);
    let manager = manager_of(config, engineer, args.manager.as_deref(), date)?;
    let doc_type = args.doc_type.0;
    let relative = read_path(&root, config, &engineer.id, date, doc_type)?;
    let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);

    let mut templates = Templates::new(&root);
    let text = generate::document(
        &repository,
        &mut templates,
        &generate::Request {
            doc_type,
            engineer,
            manager,
            date,
            folder,
            to: None,
            existing: None,
        },
    )?;

    let mut out = Output::stdout();
    if args.stdout {
        let written = out.write_str(&text);
        out.record(written);
        return Ok(out.finish(ExitCode::SUCCESS)?);
    }
    let path = root.join(&relative);
    create_folders_inside(&root, &path)?;
    create_new(&path, &text)?;
    let written = out.write_str(&format!("{}\n", shown(&path).display()));
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// Why `cairn new handover` writes nothing: a handover also changes the roster and passes
/// the promises on, and a document written alone would disagree with cairn.yaml
/// (`handover-incomplete`).
fn handover_refused(engineer: &str) -> Error {
    Error::Argument {
        argument: "handover".into(),
        message: format!(
            "is written by `cairn handover {engineer} --to NEW [--date D]`, which also changes the roster and passes the open promises on; nothing was written"
        ),
    }
}

/// The document's root-relative path at the layout, refused when cairn would never read
/// a document there.
fn read_path(
    root: &Path,
    config: &Config,
    engineer: &str,
    date: NaiveDate,
    doc_type: DocType,
) -> anyhow::Result<String> {
    let relative = layout_path(&config.layout, engineer, date, doc_type)?;
    if let Err(skip) = discover::document_path(root, &relative, config) {
        return Err(Error::Argument {
            argument: format!("layout `{}`", config.layout),
            message: format!(
                "leads to `{relative}`, which cairn never reads ({}); change `layout` in cairn.yaml",
                skip.reason()
            ),
        }
        .into());
    }
    Ok(relative)
}

/// Who writes the document with the engineer on `date`: `--manager`, else their manager
/// on that day. Refused for someone who has left, has no manager then, or would be their
/// own.
fn manager_of<'a>(
    config: &'a Config,
    engineer: &Person,
    given: Option<&str>,
    date: chrono::NaiveDate,
) -> anyhow::Result<&'a Person> {
    let refuse = |message: String| Error::Argument {
        argument: engineer.id.clone(),
        message,
    };
    if let Some(left) = engineer.left.filter(|left| date > *left) {
        return Err(refuse(format!("left the team on {left}; nothing was written")).into());
    }
    let Some(id) = given.or(engineer.manager_on(date)) else {
        return Err(refuse(format!(
            "has no manager on {date} in cairn.yaml; add one there or pass --manager ID"
        ))
        .into());
    };
    let manager = config
        .person(id)
        .ok_or_else(|| super::unknown_id(config, &format!("--manager {id}"), id))?;
    if manager.id == engineer.id {
        return Err(refuse("cannot be their own manager".to_owned()).into());
    }
    Ok(manager)
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
        argument: format!("layout `{layout}`"),
        message: format!(
            "{why} (in cairn.yaml; the default is `{}`)",
            cairn::config::DEFAULT_LAYOUT
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
            argument: path.display().to_string(),
            message: "would be written outside the notes repository (through a symbolic link); nothing was written".to_owned(),
        });
    }
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    if !inside(folder) {
        return Err(Error::Argument {
            argument: path.display().to_string(),
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
        let ok = layout_path(cairn::config::DEFAULT_LAYOUT, "al", date, DocType::Prep).unwrap();
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
