//! `cairn retention`: the documents kept past `retention.years_after_leaving`, with the
//! commands that remove them from the work tree and from history. It deletes nothing.

use std::process::ExitCode;

use chrono::NaiveDate;

use cairn::analysis::retention;
use cairn::render::control::escape_line;
use cairn::render::json::pretty_string;

use super::{tell, Output};
use crate::cli::{Cli, ListFormat, RetentionArgs};

/// Runs `cairn retention`: exit code 1 when any document is kept past its retention, so
/// CI can run it on a schedule.
pub fn run(cli: &Cli, args: &RetentionArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let repository = super::open(&root)?;
    let as_of = args.as_of.unwrap_or_else(super::today);
    let Some(years) = repository.config.retention else {
        tell("cairn: cairn.yaml sets no `retention.years_after_leaving`: nothing is due for deletion");
        // A pipeline reading JSON gets JSON either way.
        if matches!(args.format, ListFormat::Json) {
            let json = serde_json::json!({"version": 1, "as_of": as_of, "years_after_leaving": null, "documents": []});
            Output::stdout().write_str(&pretty_string(&json))?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let overdue = retention::overdue(&repository, as_of);
    let mut out = Output::stdout();
    let text = match args.format {
        ListFormat::Json => {
            let json = serde_json::json!({
                "version": 1,
                "as_of": as_of,
                "years_after_leaving": years,
                "documents": overdue,
            });
            // Escaped as every JSON of cairn's (`\u009b`), and so still JSON.
            pretty_string(&json)
        }
        ListFormat::Terminal => terminal(&overdue, years, as_of),
    };
    let written = out.write_str(&text);
    out.record(written);
    let code = if overdue.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    Ok(out.finish(code)?)
}

/// The overdue documents for a terminal, each with the commands that remove it from the
/// work tree and from history, then what those commands do; or that none is overdue.
/// Paths are file names and ids come from the roster: a control character in one must
/// not act on the terminal, nor a line break in one forge a line of its own.
fn terminal(overdue: &[retention::Overdue], years: u32, as_of: NaiveDate) -> String {
    let mut text = String::new();
    for document in overdue {
        let quoted = shell_quoted(&document.path);
        text.push_str(&format!(
            "{}: due for deletion since {} ({} left on {}, kept {years} year{})\n  git rm {quoted}\n  git filter-repo --invert-paths --path {quoted}\n",
            escape_line(&document.path),
            document.due,
            escape_line(&document.engineer),
            document.left,
            if years == 1 { "" } else { "s" },
        ));
    }
    if overdue.is_empty() {
        text.push_str(&format!(
            "No document is kept past its retention on {as_of}.\n"
        ));
    } else {
        text.push_str(&format!(
            "\n{} document{} kept past retention on {as_of}. `git rm` removes a file from the work tree; git keeps it in history until `git filter-repo` rewrites it (every clone must then be replaced).\n",
            overdue.len(),
            if overdue.len() == 1 { "" } else { "s" }
        ));
    }
    text
}

/// A path quoted for a POSIX shell.
fn shell_quoted(path: &str) -> String {
    format!("'{}'", escape_line(path).replace('\'', r"'\''"))
}
