//! Where a command's results go: standard output or the one file `-o` names, through a
//! buffer. A closed pipe (`cairn check | head`) ends the command quietly; any other write
//! error is exit code 2 with a message, never a truncated file and a success. Messages
//! for the user go to standard error through [`tell`].

use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn::domain::error::{Error, Result};
use cairn::model::document::privacy::is_generated_file;
use cairn::render::control;

/// A buffered destination for a command's results.
pub struct Output {
    target: Target,
    /// The first write error, kept until [`Output::finish`] reports it.
    failed: Option<io::Error>,
}

enum Target {
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file beside the named one, moved into place when all is written.
    File {
        path: PathBuf,
        file: BufWriter<tempfile::NamedTempFile>,
    },
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            target: Target::Stdout(BufWriter::new(io::stdout())),
            failed: None,
        }
    }

    /// The file at `path`, replaced once everything is written (the user named it). Never
    /// `cairn.yaml` or a note: an existing Markdown file is replaced only when cairn wrote
    /// it (its first line the generated marker).
    pub fn file(path: &Path) -> Result<Output> {
        if let Some(why) = a_managers_file(path) {
            return Err(Error::Argument {
                argument: format!("-o {}", path.display()),
                message: format!("{why}; nothing was written"),
            });
        }
        let folder = match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        let file = tempfile::Builder::new()
            .prefix(".cairn-")
            .tempfile_in(folder)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
        Ok(Output {
            target: Target::File {
                path: path.to_owned(),
                file: BufWriter::new(file),
            },
            failed: None,
        })
    }

    /// Writes text.
    pub fn write_str(&mut self, text: &str) -> io::Result<()> {
        self.write_all(text.as_bytes())
    }

    /// Where the output goes, for messages.
    fn name(&self) -> PathBuf {
        match &self.target {
            Target::Stdout(_) => PathBuf::from("standard output"),
            Target::File { path, .. } => path.clone(),
        }
    }

    /// Flushes (and for a file, moves it into place), then gives `code`: the same when
    /// standard output was closed by its reader, an error for any other failure to write.
    pub fn finish(mut self, code: ExitCode) -> Result<ExitCode> {
        let name = self.name();
        let flushed = self.flush();
        let failed = self.failed.take().or(flushed.err());
        match failed {
            Some(error) if error.kind() == ErrorKind::BrokenPipe => return Ok(code),
            Some(source) => return Err(Error::Io { path: name, source }),
            None => {}
        }
        if let Target::File { path, file } = self.target {
            let file = file.into_inner().map_err(|e| Error::Io {
                path: path.clone(),
                source: e.into_error(),
            })?;
            file.persist(&path).map_err(|e| Error::Io {
                path,
                source: e.error,
            })?;
        }
        Ok(code)
    }

    /// Takes the result of a renderer: a write error is kept for [`Output::finish`].
    pub fn record(&mut self, result: io::Result<()>) {
        if let Err(error) = result {
            self.failed.get_or_insert(error);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(error) = &self.failed {
            return Err(io::Error::new(error.kind(), error.to_string()));
        }
        let written = match &mut self.target {
            Target::Stdout(out) => out.write(buf),
            Target::File { file, .. } => file.write(buf),
        };
        if let Err(error) = &written {
            self.failed
                .get_or_insert_with(|| io::Error::new(error.kind(), error.to_string()));
        }
        written
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout(out) => out.flush(),
            Target::File { file, .. } => file.flush(),
        }
    }
}

/// Why `path` is a file of the manager's that `-o` must not replace, if it is one: the
/// roster, or an existing Markdown file cairn did not write, or cannot tell it wrote (one
/// it cannot read).
fn a_managers_file(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let markdown = name.ends_with(".md") || name.ends_with(".markdown");
    if name != cairn::config::FILE_NAME && !markdown {
        return None;
    }
    if path
        .symlink_metadata()
        .is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
    {
        return None;
    }
    match is_generated_file(path) {
        Ok(true) => None,
        Ok(false) => Some(
            "exists and was not written by cairn: cairn never overwrites your notes; give a new file name",
        ),
        Err(_) => Some(
            "exists and cannot be read to tell whether cairn wrote it: cairn never overwrites your notes; give a new file name",
        ),
    }
}

/// Writes a message and a line break on standard error, its control characters escaped:
/// a message may quote a file name, a value of `cairn.yaml` or an argument, and none of
/// them may act on the terminal. Every message of the binary goes through here (clippy
/// refuses `eprintln!`), so none can forget it.
pub fn tell(message: &str) {
    // Nothing is left to tell anyone when standard error itself cannot be written.
    let _ = writeln!(io::stderr().lock(), "{}", control::escape(message));
}
