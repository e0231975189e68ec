//! Creating files safely, for `init` and `new`: never overwrite, never leave half a file.
//!
//! The text is written to a temporary file in the target folder, then hard-linked to its
//! name. `link` fails when the name exists, atomically, so two processes racing for the
//! same path cannot both win and nothing is ever replaced; the temporary name is then
//! removed. Where the file system has no hard links, `create_new` is the fallback (still
//! never overwriting, though a crash could leave a partial file).

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Creates `path` with `contents`; an existing file is an error and is left untouched.
pub fn create_new(path: &Path, contents: &str) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if path.symlink_metadata().is_ok() {
        return Err(exists(path));
    }
    let temporary = (0..100)
        .map(|n| folder.join(format!(".{name}.{}.{n}.cairn-tmp", std::process::id())))
        .find_map(|candidate| {
            let file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&candidate)
                .ok()?;
            Some((candidate, file))
        });
    let Some((temporary, mut file)) = temporary else {
        return fallback(path, contents);
    };
    let written = file
        .write_all(contents.as_bytes())
        .and_then(|()| file.sync_all());
    drop(file);
    let linked = written.and_then(|()| std::fs::hard_link(&temporary, path));
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(exists(path)),
        Err(e) if e.kind() == ErrorKind::Unsupported || e.raw_os_error() == Some(libc_eperm()) => {
            fallback(path, contents)
        }
        Err(e) => Err(io(e)),
    }
}

fn fallback(path: &Path, contents: &str) -> Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == ErrorKind::AlreadyExists {
                exists(path)
            } else {
                Error::Io {
                    path: path.to_owned(),
                    source: e,
                }
            }
        })?;
    file.write_all(contents.as_bytes())
        .map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
}

fn exists(path: &Path) -> Error {
    Error::Argument {
        path: path.display().to_string(),
        message: "already exists; cairn never overwrites a file (nothing was written)".to_owned(),
    }
}

/// EPERM: what `link` returns on file systems without hard links.
fn libc_eperm() -> i32 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        create_new(&path, "first").unwrap();
        let error = create_new(&path, "second").unwrap_err().to_string();
        assert!(error.contains("already exists"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
