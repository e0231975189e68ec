//! Errors that stop a command from doing its job (exit code 2).
//!
//! Findings about documents are not errors: they are [`crate::domain::diagnostic::Diagnostic`]s.

use std::fmt::Write as _;
use std::path::PathBuf;

/// Something that prevents a command from running at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `cairn.yaml` in the starting folder or any folder above it.
    #[error("{} is not inside a notes repository (no cairn.yaml here or in any parent folder)\nhint: run 'cairn init' to create one, or pass --repo DIR", .0.display())]
    NotARepository(PathBuf),

    /// `cairn.yaml` is present but wrong: every problem in it, in file order.
    #[error("{}", config_problems(path, problems))]
    Config {
        /// The configuration file, as found.
        path: PathBuf,
        /// What is wrong, where.
        problems: Vec<ConfigProblem>,
    },

    /// An argument on the command line cannot be used.
    #[error("{argument}: {message}")]
    Argument {
        /// The argument as given.
        argument: String,
        /// What is wrong and what to do.
        message: String,
    },

    /// A template cannot be compiled or rendered.
    #[error("template {name}{}: {source}\nhint: fix or remove {name} in the repository's templates/ folder", line_of(source))]
    Template {
        /// The template's file name.
        name: String,
        /// What minijinja said, with the line.
        source: minijinja::Error,
    },

    /// A data file of a repository's `templates/` (`prompts.yaml`, `flags.yaml`) cannot
    /// be read.
    #[error("templates/{file}:{line}:{column}: {message}\nhint: fix or remove the repository's templates/{file}")]
    Data {
        /// The file's name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },

    /// A file cairn would create exists: nothing was written.
    #[error("{}: already exists; cairn never overwrites a file (nothing was written)", .0.display())]
    Exists(PathBuf),

    /// A file being fixed changed on disk after cairn read it: it was left as it is.
    #[error("{}: changed since cairn read it, so it was left as it is; run the fix again", .0.display())]
    Changed(PathBuf),

    /// An operating-system error on a named file (the cause is printed as the error's
    /// source, once).
    #[error("{}", path.display())]
    Io {
        /// The file or folder, or `standard output`.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },

    /// `git` could not answer what `--changed` or `--since` asked.
    #[error("{0}")]
    Git(String),
}

/// One problem in `cairn.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong and what to do, in a manager's words. A second line, when there is
    /// one, is the YAML parser's own.
    pub message: String,
}

/// ", line N" when a template error knows its line.
fn line_of(error: &minijinja::Error) -> String {
    error
        .line()
        .map(|line| format!(", line {line}"))
        .unwrap_or_default()
}

fn config_problems(path: &std::path::Path, problems: &[ConfigProblem]) -> String {
    let mut out = String::new();
    if problems.len() > 1 {
        let _ = writeln!(
            out,
            "{} has {} problems, each to fix before cairn can read the notes:",
            path.display(),
            problems.len()
        );
    }
    for (n, problem) in problems.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut lines = problem.message.lines();
        let _ = write!(
            out,
            "{}:{}:{}: {}",
            path.display(),
            problem.line,
            problem.column,
            lines.next().unwrap_or("")
        );
        for line in lines {
            let _ = write!(out, "\n  {line}");
        }
    }
    out
}

/// The result type of operations that can stop a command.
pub type Result<T, E = Error> = std::result::Result<T, E>;
