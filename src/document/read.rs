//! Reading a file's bytes, safely: only regular files, never more than the size limit,
//! never blocking on a FIFO that appeared between the walk and the read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::rules::declare_rule;

/// A notes file is never this big; larger files are not read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

declare_rule! {
    /// ## What it does
    /// Reports a document that cannot be read: its permissions forbid it, it vanished
    /// between the moment cairn listed it and the moment it read it, or it is no longer a
    /// regular file.
    ///
    /// ## Why is this bad?
    /// A conversation cairn cannot read is one it cannot count: its follow-up, its
    /// commitments and its contract would silently drop out of the report, and the engineer
    /// would look like someone nobody has talked to. Saying so is better than leaving it
    /// out in silence.
    ///
    /// ## Example
    /// A document with mode `000`, or a file deleted while `cairn check` runs.
    ///
    /// Use instead: make the file readable (`chmod u+r FILE`), or run the check again.
    pub static UNREADABLE_FILE = ("unreadable-file", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a document that is not valid UTF-8, at the line of the first bad byte.
    ///
    /// ## Why is this bad?
    /// Notes are text that other people and tools read: an editor that saved Latin-1 or a
    /// binary file named `.md` would show garbage in every review and report.
    ///
    /// ## Example
    /// A file saved as Windows-1252 with `é` written as the byte `0xE9`.
    ///
    /// Use instead: save the file as UTF-8 (every modern editor can; `iconv -f
    /// WINDOWS-1252 -t UTF-8` converts it).
    pub static NOT_UTF8 = ("not-utf8", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a document larger than 1 MiB; cairn reads no further than the limit.
    ///
    /// ## Why is this bad?
    /// A career conversation's notes are a few kilobytes. A file this large is a pasted
    /// log, an export or a binary, and reading it would slow every check of the repository.
    ///
    /// ## Example
    /// `people/alice/2026-03-10-where-now.md` of 5 MB.
    ///
    /// Use instead: keep attachments out of the notes repository, or outside `*.md`.
    pub static FILE_TOO_LARGE = ("file-too-large", Error);
}

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub enum ReadProblem {
    /// Opening or reading failed.
    Unreadable(String),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, ReadProblem> {
    let file = open(path).map_err(|e| ReadProblem::Unreadable(e.to_string()))?;
    let metadata = file
        .metadata()
        .map_err(|e| ReadProblem::Unreadable(e.to_string()))?;
    if !metadata.is_file() {
        return Err(ReadProblem::Unreadable(
            "it is not a regular file".to_owned(),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The file may grow after `metadata`: read one byte past the limit to notice.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadProblem::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens without blocking: a FIFO swapped in after the walk must not hang the run.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}
