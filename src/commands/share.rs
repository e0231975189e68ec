//! `cairn share PATH`: the engineer's copy of a conversation or a contract, and with
//! `--mark` the day it was shared, written into the document's front matter.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use cairn::analysis::rules;
use cairn::config::{Config, Person};
use cairn::domain::diagnostic::Severity;
use cairn::domain::error::Error;
use cairn::domain::vocabulary::{DocType, Field};
use cairn::edit::create::replace;
use cairn::edit::fix;
use cairn::model::document::privacy::Source;
use cairn::model::document::{Document, FrontMatter, GENERATED_MARKER};
use cairn::model::repository::Repository;
use cairn::render::share;

use super::{tell, Output};
use crate::cli::{Cli, ShareArgs, ShareFormat};

/// Runs `cairn share`.
pub fn run(cli: &Cli, args: &ShareArgs) -> anyhow::Result<ExitCode> {
    let shown = args.path.display().to_string();
    let refused = |message: String| Error::Argument {
        argument: shown.clone(),
        message: format!("{message}; nothing was written"),
    };
    let root = super::repository_root(cli, std::slice::from_ref(&args.path))?;
    let repository = super::open(&root)?;
    let config = &repository.config;
    let super::done::Note {
        file,
        path,
        bytes,
        text,
    } = super::done::read_note(&root, &args.path, refused)?;
    let source = Source::new(text);
    let redacted = source.redact(config.private_phrases());
    let document = Document::parse_text(path.clone(), &redacted, config);
    let front = document
        .usable()
        .ok_or_else(|| refused("its front matter cannot be read; run `cairn check`".into()))?;
    if let Some(why) = not_shared(front.doc_type.unwrap_or(DocType::Prep)) {
        return Err(refused(why).into());
    }
    let engineer = person(config, front.engineer.as_deref(), "engineer").map_err(refused)?;
    let manager = person(config, front.manager.as_deref(), "manager").map_err(refused)?;
    if !args.force {
        if let Some(why) = not_ready(&repository, &document) {
            return Err(refused(why).into());
        }
    }
    let on = args.date.unwrap_or_else(super::today);
    // Decided before anything is written: a refused mark writes no copy either.
    let marked = if args.mark {
        marked(&source, &document, front, on, args.force, config).map_err(refused)?
    } else {
        None
    };

    let copy = share::copy(&document, front, &redacted, engineer, manager, config);
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(format_of))
        .unwrap_or(ShareFormat::Markdown);
    let code = write_copy(args, format, rendered(&copy, format, engineer, manager, on))?;
    if let Some(marked) = marked {
        write_mark(&file, &bytes, marked, shown)?;
        tell(&format!("cairn: {path}: summary_shared: {on}"));
    }
    Ok(code)
}

/// The roster's entry for the note's `field` (its engineer or manager), or why there is
/// no copy without it.
fn person<'a>(config: &'a Config, id: Option<&str>, field: &str) -> Result<&'a Person, String> {
    id.and_then(|id| config.person(id))
        .ok_or_else(|| format!("its `{field}` is not in cairn.yaml; run `cairn check`"))
}

/// The note with `summary_shared: ON` written into its front matter, for `--mark`; none
/// when it says ON already. Refused when it records another day (unless `force`) or its
/// front matter cannot take the field.
fn marked(
    source: &Source,
    document: &Document,
    front: &FrontMatter,
    on: NaiveDate,
    force: bool,
    config: &Config,
) -> Result<Option<Source>, String> {
    match front.summary_shared {
        Some(shared) if shared != on && !force => Err(format!(
            "`summary_shared` already says {shared}; pass --force to record {on} instead"
        )),
        Some(shared) if shared == on => Ok(None),
        _ => fix::set_field(
            source,
            document,
            Field::SummaryShared,
            &on.to_string(),
            config,
        )
        .map(Some)
        .ok_or_else(|| "its front matter cannot take `summary_shared`".into()),
    }
}

/// The copy in `format`. An email draft without an address for its `To:` or `From:` is
/// still written, and the missing header told.
fn rendered(
    copy: &share::Copy,
    format: ShareFormat,
    engineer: &Person,
    manager: &Person,
    on: NaiveDate,
) -> String {
    match format {
        ShareFormat::Markdown => copy.markdown(),
        ShareFormat::Text => copy.text(),
        ShareFormat::Html => copy.html(),
        ShareFormat::Email => {
            for (who, person, address) in [
                ("To", engineer, &copy.engineer_email),
                ("From", manager, &copy.manager_email),
            ] {
                if address.is_none() {
                    tell(&format!(
                        "cairn: {} has no `email` in cairn.yaml; the draft has no {who}: header",
                        person.id
                    ));
                }
            }
            copy.email(on)
        }
    }
}

/// Writes the copy to `-o FILE` when it may be written there, else to stdout.
fn write_copy(args: &ShareArgs, format: ShareFormat, text: String) -> anyhow::Result<ExitCode> {
    let mut out = match &args.output {
        Some(path) => {
            may_write(path, args.format.is_some(), args.force).map_err(|why| Error::Argument {
                argument: format!("-o {}", path.display()),
                message: format!("{why}; nothing was written"),
            })?;
            Output::file(path)?
        }
        None => Output::stdout(),
    };
    // A Markdown copy written beside the notes is never checked as one (docs/format.md),
    // and the next share may replace it.
    let text = match (format, &args.output) {
        (ShareFormat::Markdown, Some(_)) => format!("{GENERATED_MARKER}\n{text}"),
        _ => text,
    };
    let written = out.write_str(&text);
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// Writes `--mark`'s edit into the note at `file`, after the copy, and only while it
/// holds the `bytes` cairn read.
fn write_mark(file: &Path, bytes: &[u8], marked: Source, shown: String) -> anyhow::Result<()> {
    match replace(file, bytes, &marked.into_file_text()) {
        Ok(()) => Ok(()),
        Err(Error::Changed(_)) => Err(Error::Argument {
            argument: shown,
            message: "the file changed since cairn read it (was it being edited?); `summary_shared` was not written: run it again".into(),
        }
        .into()),
        Err(error) => Err(error.into()),
    }
}

/// Why a document of this type is never shared, if it is not.
fn not_shared(doc_type: DocType) -> Option<String> {
    match doc_type {
        _ if doc_type.is_shared() => None,
        DocType::CheckIn => Some("a check-in is five minutes of the monthly 1:1: there is no summary to share; share the conversation or the contract it is about".to_owned()),
        _ => Some(format!("a {doc_type} is yours alone: share the conversation or the contract it led to")),
    }
}

/// Why the document is not ready to share (without `--force`): its notes are not
/// written, or it has check errors.
fn not_ready(repository: &Repository, document: &Document) -> Option<String> {
    if document.notes_written() == Some(false) {
        return Some("its notes are not written: write what you heard and what you agreed first (or --force)".into());
    }
    let path = &document.path;
    let errors = rules::check_where(repository, None, |d| d.path == *path)
        .iter()
        .filter(|d| d.path == *path && d.severity == Severity::Error)
        .count();
    (errors > 0).then(|| {
        format!(
            "it has {errors} check error{}: run `cairn check {path}` and correct {} first (or --force)",
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" }
        )
    })
}

/// Whether `-o FILE` may be written, beyond what every `-o` refuses (the roster, a
/// note: see `Output::file`): the format must be known, from `--format` or the file's
/// extension, and another existing file is replaced only with `--force`.
fn may_write(path: &Path, format_given: bool, force: bool) -> Result<(), String> {
    if !format_given && format_of(path).is_none() {
        return Err("cairn cannot tell the format from this file's name: end it in .md, .txt, .html or .eml, or give --format".into());
    }
    let markdown = format_of(path) == Some(ShareFormat::Markdown);
    if path.exists() && !markdown && !force {
        return Err("exists: give a new file name, or --force to replace it with the copy".into());
    }
    Ok(())
}

/// The format an output file's extension asks for.
fn format_of(path: &Path) -> Option<ShareFormat> {
    match path.extension()?.to_str()? {
        "md" | "markdown" => Some(ShareFormat::Markdown),
        "txt" => Some(ShareFormat::Text),
        "html" | "htm" => Some(ShareFormat::Html),
        "eml" => Some(ShareFormat::Email),
        _ => None,
    }
}
