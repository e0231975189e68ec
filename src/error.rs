//! Errors that stop a command from doing its job (exit code 2).
//!
//! Findings about documents are not errors: they are [`crate::diagnostic::Diagnostic`]s.

use std::path::PathBuf;

/// Something that prevents a command from running at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `cairn.yaml` in the starting folder or any folder above it.
    #[error("{} is not inside a notes repository (no cairn.yaml here or in any parent folder)\nhint: run 'cairn init' to create one, or pass --repo DIR", .0.display())]
    NotARepository(PathBuf),

    /// `cairn.yaml` is present but wrong.
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        /// The configuration file, as given to the user.
        path: String,
        /// 1-based line of the offending key or value.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what to do.
        message: String,
    },

    /// A path given on the command line cannot be used.
    #[error("{path}: {message}")]
    Argument {
        /// The argument as given.
        path: String,
        /// What is wrong.
        message: String,
    },

    /// A template cannot be compiled or rendered.
    #[error("template {name}: {message}\nhint: fix or remove {name} in the repository's templates/ folder")]
    Template {
        /// The template's file name.
        name: String,
        /// What minijinja said, with the line.
        message: String,
    },

    /// An operating-system error on a named file. (The cause is printed as the error's
    /// source, once.)
    #[error("{}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The result type of operations that can stop a command.
pub type Result<T, E = Error> = std::result::Result<T, E>;
