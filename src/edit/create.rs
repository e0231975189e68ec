//! Writing files safely, for `init`, `new` and `check --fix`: never overwrite what the user
//! did not ask to change, never leave half a file.
//!
//! The text is written to a temporary file in the target's folder, then moved into place
//! (`tempfile`'s `persist_noclobber` for a new file, which fails atomically when the name
//! exists; `persist` for a file being fixed, keeping its permissions). A new file gets
//! the permissions the user's umask gives any new file.

use std::io::{ErrorKind, Write};
use std::path::Path;

use crate::domain::error::{Error, Result};

/// Creates `path` with `contents`; an existing file is an error and is left untouched.
pub fn create_new(path: &Path, contents: &str) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(Error::Exists(path.to_owned()));
    }
    let file = temporary(path, contents)?;
    file.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == ErrorKind::AlreadyExists {
            Error::Exists(path.to_owned())
        } else {
            io(path, e.error)
        }
    })?;
    Ok(())
}

/// Replaces the file at `path`, which held `read` when it was read, with `contents` at
/// once, keeping its permissions. A file that no longer holds `read` (an editor saved it
/// meanwhile) is left as it is: [`Error::Changed`].
pub fn replace(path: &Path, read: &[u8], contents: &str) -> Result<()> {
    let permissions = std::fs::metadata(path)
        .map_err(|e| io(path, e))?
        .permissions();
    let file = temporary(path, contents)?;
    // Checked last, after the slow part, so that the window for a lost edit is the rename.
    if std::fs::read(path).map_err(|e| io(path, e))? != read {
        return Err(Error::Changed(path.to_owned()));
    }
    file.as_file()
        .set_permissions(permissions)
        .map_err(|e| io(path, e))?;
    file.persist(path).map_err(|e| io(path, e.error))?;
    Ok(())
}

/// A temporary file holding `contents`, synced, in the folder of `path`.
fn temporary(path: &Path, contents: &str) -> Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cairn-").suffix(".tmp");
    // As the user's editor would create it: 0666 less the umask (tempfile's own default,
    // 0600, is for secrets in /tmp; the notes' privacy is the repository's to decide).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(folder).map_err(|e| io(path, e))?;
    file.write_all(contents.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| io(path, e))?;
    Ok(file)
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
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

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_what_the_umask_gives_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |name: &str| {
            let metadata = std::fs::metadata(dir.path().join(name)).unwrap();
            metadata.permissions().mode() & 0o777
        };
        std::fs::write(dir.path().join("by-an-editor.md"), "x").unwrap();
        create_new(&dir.path().join("by-cairn.md"), "x").unwrap();
        assert_eq!(mode("by-cairn.md"), mode("by-an-editor.md"));
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_the_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&path, b"old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "saved by the editor").unwrap();
        let error = replace(&path, b"what cairn read", "fixed").unwrap_err();
        assert!(matches!(error, Error::Changed(_)), "{error}");
        assert!(error.to_string().contains("changed since cairn read it"));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "saved by the editor"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
