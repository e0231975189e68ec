//! `cairn handover ENGINEER --to NEW [--date D] [--dry-run] [--export DIR]`: the
//! outgoing manager writes the handover document and changes the roster, and from D the
//! open promises are the new manager's (the status reads them off the handover).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

use cairn::analysis::rules;
use cairn::config::{Config, Person, FILE_NAME};
use cairn::domain::date::sub_days;
use cairn::domain::error::Error;
use cairn::domain::mention::mentions;
use cairn::domain::vocabulary::DocType;
use cairn::edit::create::{create_new, replace};
use cairn::edit::generate;
use cairn::edit::roster::{self, NewPerson};
use cairn::model::document::privacy::Source;
use cairn::model::repository::{resolve, Repository, Target};
use cairn::render::templates::Templates;

use super::{tell, Output};
use crate::cli::{Cli, HandoverArgs};

/// Runs `cairn handover`.
pub fn run(cli: &Cli, args: &HandoverArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let repository = super::open_on(&root, super::Clock::today())?;
    let config = &repository.config;
    let engineer = config
        .person(&args.engineer)
        .ok_or_else(|| super::unknown_id(config, &args.engineer, &args.engineer))?;
    let new = config
        .person(&args.to)
        .ok_or_else(|| super::unknown_id(config, &format!("--to {}", args.to), &args.to))?;
    let date = args.date.unwrap_or_else(super::today);
    let until = sub_days(date, 1);
    let refuse = |message: String| Error::Argument {
        argument: engineer.id.clone(),
        message: format!("{message}; nothing was written"),
    };
    let old = outgoing(config, engineer, new, date).map_err(refuse)?;

    // The handover document, at the layout.
    let relative = super::new::layout_path(&config.layout, &engineer.id, date, DocType::Handover)?;
    let path = root.join(&relative);
    if path.exists() {
        return Err(refuse(format!("{relative} exists already")).into());
    }
    let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut templates = Templates::new(&root);
    let document = generate::document(
        &repository,
        &mut templates,
        &generate::Request {
            doc_type: DocType::Handover,
            engineer,
            manager: old,
            date,
            folder,
            to: Some(new),
            existing: None,
        },
    )?;

    // The roster change, as line edits.
    let roster_path = root.join(FILE_NAME);
    let roster_bytes = std::fs::read(&roster_path).map_err(|source| Error::Io {
        path: roster_path.clone(),
        source,
    })?;
    let roster_text = String::from_utf8_lossy(&roster_bytes).into_owned();
    let names = rules::names();
    let edited = roster::hand_over(&roster_text, &engineer.id, &old.id, &new.id, until, &names)
        .map_err(|why| refuse(why.to_string()))?;

    let export = match &args.export {
        Some(dir) => Some(plan_export(
            dir,
            &repository,
            engineer,
            old,
            new,
            until,
            (&relative, &document),
        )?),
        None => None,
    };

    if args.dry_run {
        return dry_run(
            &relative,
            &document,
            (&roster_text, &edited),
            export.as_ref(),
        );
    }

    create_dirs(&root, &path)?;
    create_new(&path, &document)?;
    if let Err(error) = replace(&roster_path, &roster_bytes, &edited) {
        // The document alone would disagree with the roster: take it back.
        let _ = std::fs::remove_file(&path);
        return Err(match error {
            Error::Changed(_) => refuse(format!(
                "{FILE_NAME} changed since cairn read it; run it again"
            ))
            .into(),
            other => other.into(),
        });
    }
    if let Some(export) = export {
        export.write()?;
        tell(&format!(
            "cairn: copied {} document{} into {}, private sections removed",
            export.files.len(),
            if export.files.len() == 1 { "" } else { "s" },
            export.dir.display()
        ));
    }
    tell(&format!(
        "cairn: {FILE_NAME}: {} is managed by {} from {date} ({} until {until}); {}'s open promises to {} pass to {} on {date}",
        engineer.id, new.id, old.id, old.id, engineer.id, new.id
    ));
    let mut out = Output::stdout();
    let written = out.write_str(&format!(
        "{}\n",
        cairn::render::control::escape_line(&relative)
    ));
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// What `--export DIR` writes, checked before anything is written anywhere.
struct Export {
    dir: std::path::PathBuf,
    /// Root-relative paths and texts, private sections removed.
    files: Vec<(String, String)>,
    people: Vec<NewPerson>,
    roster: (std::path::PathBuf, Vec<u8>, String),
}

impl Export {
    fn write(&self) -> anyhow::Result<()> {
        for (path, text) in &self.files {
            let target = self.dir.join(path);
            create_dirs(&self.dir, &target)?;
            create_new(&target, text)?;
        }
        let (path, read, text) = &self.roster;
        replace(path, read, text)?;
        Ok(())
    }
}

/// `--dry-run`: the document, the roster's diff and what `--export` would copy, on
/// stdout; nothing written.
fn dry_run(
    relative: &str,
    document: &str,
    (roster, edited): (&str, &str),
    export: Option<&Export>,
) -> anyhow::Result<ExitCode> {
    let mut out = Output::stdout();
    let diff = similar::TextDiff::from_lines(roster, edited)
        .unified_diff()
        .header(FILE_NAME, FILE_NAME)
        .to_string();
    let mut text = format!("# {relative}\n{document}\n# {FILE_NAME}\n{diff}");
    if let Some(export) = export {
        text.push_str(&format!("\n# --export {}\n", export.dir.display()));
        for (path, _) in &export.files {
            text.push_str(&format!("would copy {path}\n"));
        }
        for person in &export.people {
            text.push_str(&format!("would add {} to its {FILE_NAME}\n", person.id));
        }
    }
    let written = out.write_str(&cairn::render::control::escape(&text));
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// The outgoing manager, OLD: the engineer's manager on the day before `date`, and still
/// their `manager` in the roster. Or why there can be no handover on `date` (docs/sharing.md):
/// to themself, before they joined, after they left, to the manager they have, or not
/// after the latest change of manager.
fn outgoing<'a>(
    config: &'a Config,
    engineer: &Person,
    new: &Person,
    date: chrono::NaiveDate,
) -> Result<&'a Person, String> {
    let until = sub_days(date, 1);
    if new.id == engineer.id {
        return Err("cannot be handed over to themself".into());
    }
    // The day before someone joined, nobody managed them: there is nobody to hand over.
    if let Some(since) = engineer.since.filter(|since| *since > until) {
        return Err(format!(
            "joined the team on {since}: a handover on {date} would start before anyone managed them"
        ));
    }
    let Some(old) = engineer.manager_on(until).and_then(|id| config.person(id)) else {
        return Err(format!(
            "has no manager on {until} in cairn.yaml, so nobody hands them over"
        ));
    };
    if engineer.manager.as_deref() != Some(old.id.as_str()) {
        return Err(format!(
            "was managed by {} on {until}, but cairn.yaml's `manager` is {}: a handover starts from the current manager",
            old.id,
            engineer.manager.as_deref().unwrap_or("nobody")
        ));
    }
    if old.id == new.id {
        return Err(format!("is already managed by {}", new.id));
    }
    if let Some(latest) = engineer.previous_managers.iter().map(|s| s.until).max() {
        if until <= latest {
            return Err(format!(
                "--date {date} is not after the latest change of manager in cairn.yaml ({latest} was the last day of the previous one)"
            ));
        }
    }
    if let Some(left) = engineer.left.filter(|left| date > *left) {
        return Err(format!("left the team on {left}"));
    }
    Ok(old)
}

/// The engineer's documents (and the new handover) for the new manager's repository at
/// `dir`: private sections removed, links to files not copied turned into their text, and
/// the people they name added to its roster when absent. A clash with any file in `dir`
/// is exit 2 with nothing written.
fn plan_export(
    dir: &Path,
    repository: &Repository,
    engineer: &Person,
    old: &Person,
    new: &Person,
    until: chrono::NaiveDate,
    handover: (&str, &str),
) -> anyhow::Result<Export> {
    let config = &repository.config;
    let argument = format!("--export {}", dir.display());
    if !dir.join(FILE_NAME).is_file() {
        return Err(Error::Argument {
            argument,
            message: format!("is not a notes repository: it has no {FILE_NAME} (run `cairn init` there first); nothing was written"),
        }
        .into());
    }
    let theirs = super::open(dir)?;
    let mut sources: Vec<(String, String)> = repository
        .documents
        .iter()
        .filter(|d| {
            d.front.as_ref().and_then(|f| f.engineer.as_deref()) == Some(engineer.id.as_str())
        })
        .map(|d| {
            let file = repository.root.join(&d.path);
            std::fs::read_to_string(&file)
                .map(|text| (d.path.clone(), text))
                .map_err(|source| Error::Io { path: file, source })
        })
        .collect::<Result<_, _>>()?;
    sources.push((handover.0.to_owned(), handover.1.to_owned()));
    let copied: BTreeSet<String> = sources.iter().map(|(path, _)| path.clone()).collect();
    let mut named: BTreeSet<String> = BTreeSet::new();
    let files: Vec<(String, String)> = sources
        .into_iter()
        .map(|(path, raw)| {
            let redacted = Source::new(raw)
                .redact(config.private_phrases())
                .replacing_private(|_, _| String::new());
            let text = unlinked(&redacted, &path, &copied);
            for line in text.lines() {
                if let Some(("manager" | "to", id)) = line
                    .split_once(':')
                    .map(|(k, v)| (k.trim(), v.split(" #").next().unwrap_or("").trim()))
                {
                    named.insert(id.to_owned());
                }
                named.extend(mentions(line).map(|(id, _)| id.to_owned()));
            }
            (path, text)
        })
        .collect();
    let clashes: Vec<&str> = files
        .iter()
        .filter(|(path, _)| dir.join(path).symlink_metadata().is_ok())
        .map(|(path, _)| path.as_str())
        .collect();
    if !clashes.is_empty() {
        return Err(Error::Argument {
            argument,
            message: format!(
                "these files exist there already, and cairn never overwrites: {}; nothing was written",
                clashes.join(", ")
            ),
        }
        .into());
    }
    let mut people = Vec::new();
    let present = |id: &str| theirs.config.person(id).is_some();
    let add = |person: &Person, full: bool, people: &mut Vec<NewPerson>| {
        if present(&person.id) || people.iter().any(|p: &NewPerson| p.id == person.id) {
            return;
        }
        let mut keys = vec![format!("name: {}", quoted(&person.name))];
        if full {
            if let Some(role) = &person.role {
                keys.push(format!("role: {}", quoted(role)));
            }
            if let Some(since) = person.since {
                keys.push(format!("since: {since}"));
            }
            keys.push(format!("manager: {}", new.id));
            keys.push(format!(
                "previous_managers:\n- id: {}\n  until: {until}",
                old.id
            ));
            if let Some(email) = &person.email {
                keys.push(format!("email: {email}"));
            }
            // A level their framework lacks would make their roster an error: left out.
            let known = |level: &String| {
                theirs
                    .config
                    .framework
                    .as_ref()
                    .is_none_or(|framework| framework.levels.contains(level))
            };
            if let Some(level) = person.level.as_ref().filter(|level| known(level)) {
                keys.push(format!("level: {}", quoted(level)));
            }
        }
        people.push(NewPerson {
            id: person.id.clone(),
            keys,
        });
    };
    // The people the engineer's entry names come first, so it reads back.
    add(new, false, &mut people);
    add(old, false, &mut people);
    for id in &named {
        if let Some(person) = config.person(id).filter(|p| p.id != engineer.id) {
            add(person, false, &mut people);
        }
    }
    add(engineer, true, &mut people);
    let roster_path = theirs.root.join(FILE_NAME);
    let read = std::fs::read(&roster_path).map_err(|source| Error::Io {
        path: roster_path.clone(),
        source,
    })?;
    let refuse = |why: String| Error::Argument {
        argument: argument.clone(),
        message: format!("{why}; nothing was written"),
    };
    let mut text = String::from_utf8_lossy(&read).into_owned();
    // The engineer already in their roster: the handover there too, so `check` in DIR
    // agrees with the copied handover; under someone else, a question for its owner.
    if let Some(there) = theirs.config.person(&engineer.id) {
        match there.manager.as_deref() {
            Some(manager) if manager == new.id => {}
            Some(manager) if manager == old.id => {
                text = roster::hand_over(&text, &engineer.id, &old.id, &new.id, until, &rules::names())
                    .map_err(|why| refuse(why.to_string()))?;
            }
            manager => {
                return Err(refuse(format!(
                    "{} is in its {FILE_NAME} already, managed by {}: make them {}'s report there first",
                    engineer.id,
                    manager.unwrap_or("nobody"),
                    new.id
                ))
                .into())
            }
        }
    }
    let text = roster::add_people(&text, &people, &rules::names())
        .map_err(|why| refuse(why.to_string()))?;
    Ok(Export {
        dir: theirs.root.clone(),
        files,
        people,
        roster: (roster_path, read, text),
    })
}

/// A value quoted for YAML when it needs it.
fn quoted(value: &str) -> String {
    if value.contains([
        ':', '#', '"', '\'', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`',
    ]) {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_owned()
    }
}

/// `text` (the document at `path`) with Markdown links and wikilinks to files not among
/// `copied` turned into their text: in the new repository they would be broken.
fn unlinked(text: &str, path: &str, copied: &BTreeSet<String>) -> String {
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let kept = |target: &str| {
        let target = target.split('#').next().unwrap_or("");
        target.is_empty()
            || target.contains("://")
            || target.starts_with("mailto:")
            || matches!(resolve(folder, target), Target::Inside(inside) if copied.contains(&inside))
            || copied.iter().any(|c| {
                c.rsplit('/')
                    .next()
                    .is_some_and(|name| name.trim_end_matches(".md") == target)
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        if let Some(inner) = after.strip_prefix("[[") {
            if let Some(close) = inner.find("]]") {
                let link = &inner[..close];
                let (target, label) = link.split_once('|').unwrap_or((link, link));
                if kept(target.trim()) {
                    out.push_str(&after[..close + 4]);
                } else {
                    out.push_str(label.split('#').next().unwrap_or(label));
                }
                rest = &inner[close + 2..];
                continue;
            }
        } else if let Some(close) = after.find("](") {
            let label = &after[1..close];
            if !label.contains(['\n', ']']) {
                if let Some(end) = after[close + 2..].find(')') {
                    let target = &after[close + 2..close + 2 + end];
                    if kept(target.trim()) {
                        out.push_str(&after[..close + 3 + end]);
                    } else {
                        out.push_str(label);
                    }
                    rest = &after[close + 3 + end..];
                    continue;
                }
            }
        }
        out.push('[');
        rest = &after[1..];
    }
    out.push_str(rest);
    out
}

/// Creates the folders of `path` below `root`.
fn create_dirs(root: &Path, path: &Path) -> anyhow::Result<()> {
    if let Some(folder) = path.parent().filter(|f| f.starts_with(root)) {
        std::fs::create_dir_all(folder).map_err(|source| Error::Io {
            path: folder.to_owned(),
            source,
        })?;
    }
    Ok(())
}
