//! `cairn done PATH:LINE [--date D] [--withdraw REASON]`: settles a commitment in its file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn::domain::error::Error;
use cairn::edit::create::replace;
use cairn::edit::tick::{self, Settlement};
use cairn::model::document::privacy::Source;

use super::Output;
use crate::cli::{Cli, DoneArgs};

/// Runs `cairn done`.
pub fn run(cli: &Cli, args: &DoneArgs) -> anyhow::Result<ExitCode> {
    let refused = |message: String| Error::Argument {
        argument: args.item.clone(),
        message: format!("{message}; nothing was written"),
    };
    let (given, line) = args
        .item
        .rsplit_once(':')
        .and_then(|(path, line)| Some((PathBuf::from(path), line.parse::<usize>().ok()?)))
        .filter(|(path, line)| !path.as_os_str().is_empty() && *line > 0)
        .ok_or_else(|| {
            refused("give the task item as PATH:LINE, as `cairn commitments` prints it".into())
        })?;
    let root = super::repository_root(cli, std::slice::from_ref(&given))?;
    let repository = super::open(&root)?;
    let Note {
        file,
        path,
        bytes,
        text,
    } = read_note(&root, &given, refused)?;
    let on = args.date.unwrap_or_else(super::today);
    let how = match &args.withdraw {
        Some(reason) => Settlement::Withdrawn(on, reason.clone()),
        None => Settlement::Done(on),
    };
    let settled = tick::settle(&Source::new(text), &path, line, &how, &repository.config)
        .map_err(|why| refused(why.to_string()))?;
    match replace(&file, &bytes, &settled.source.into_file_text()) {
        Ok(()) => {}
        Err(Error::Changed(_)) => {
            return Err(refused(
                "the file changed since cairn read it (was it being edited?); run it again".into(),
            )
            .into())
        }
        Err(error) => return Err(error.into()),
    }
    let mut out = Output::stdout();
    let written = out.write_str(&cairn::render::control::escape(&format!(
        "{}\n",
        settled.line
    )));
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// A note a command edits in place: its file, its path from the root, the bytes read
/// (so the write can tell whether it changed meanwhile) and its text.
pub(crate) struct Note {
    pub(crate) file: PathBuf,
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) text: String,
}

/// Reads the note `given` names: relative to the current folder when it exists from there
/// (an editor's path), else to the repository's root (what `cairn commitments` prints).
/// `refused` says why not when it is no file inside the repository or no UTF-8 text.
pub(crate) fn read_note(
    root: &Path,
    given: &Path,
    refused: impl Fn(String) -> Error,
) -> anyhow::Result<Note> {
    let (file, path) = [given.to_owned(), root.join(given)]
        .into_iter()
        .find_map(|candidate| {
            let absolute = candidate.canonicalize().ok()?;
            let relative = absolute.strip_prefix(root).ok()?;
            absolute.is_file().then(|| {
                let path = cairn::model::discover::relative_path(relative);
                (absolute.clone(), path)
            })
        })
        .ok_or_else(|| refused("no such document in the notes repository".into()))?;
    let bytes = std::fs::read(&file).map_err(|source| Error::Io {
        path: file.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| refused("the file is not UTF-8 text".into()))?;
    Ok(Note {
        file,
        path,
        bytes,
        text,
    })
}
