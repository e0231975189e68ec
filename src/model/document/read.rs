//! Reading a file's bytes, safely: only regular files, never more than the size limit,
//! never blocking on a FIFO that appeared between the walk and the read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// A notes file is never this big; larger files are not read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub enum ReadProblem {
    /// Opening or reading failed.
    Unreadable(String),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::Unreadable(why) => f.write_str(why),
            ReadProblem::TooLarge(size) => write!(
                f,
                "the file is {size} bytes, over the 1 MiB limit for a notes file; it was not read"
            ),
        }
    }
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
