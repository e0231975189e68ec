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
    let refuse = refusal(&engineer.id);
    let old = outgoing(config, engineer, new, date).map_err(refuse)?;
    let change = Change {
        engineer,
        old,
        new,
        until: sub_days(date, 1),
    };
    let handover = handover_document(&root, &repository, &change, date, refuse)?;
    let roster = RosterEdit::hand_over(root.join(FILE_NAME), &change, refuse)?;

    let export = match &args.export {
        Some(dir) => Some(plan_export(dir, &repository, &change, &handover)?),
        None => None,
    };

    if args.dry_run {
        return dry_run(&handover, &roster, export.as_ref());
    }

    write_handover(&root, &handover, &roster, refuse)?;
    if let Some(export) = &export {
        export.write()?;
    }
    tell_written(&change, date, export.as_ref());
    let mut out = Output::stdout();
    let written = out.write_str(&format!(
        "{}\n",
        cairn::render::control::escape_line(&handover.relative)
    ));
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// The handover itself: whose, from whom, to whom, and the last day the outgoing
/// manager manages them.
struct Change<'a> {
    engineer: &'a Person,
    old: &'a Person,
    new: &'a Person,
    until: chrono::NaiveDate,
}

/// The handover document to write: its root-relative path (at the layout), its file and
/// its text.
struct Handover {
    relative: String,
    path: std::path::PathBuf,
    text: String,
}

/// A roster's bytes as cairn read them and its edited text: `replace` writes the text
/// only while the file still holds those bytes.
struct RosterEdit {
    path: std::path::PathBuf,
    read: Vec<u8>,
    text: String,
}

/// The error for a refused handover or export, about `argument`: every refusal comes
/// before anything is written, and says so.
fn refusal(argument: &str) -> impl Fn(String) -> Error + Copy + '_ {
    move |message| Error::Argument {
        argument: argument.to_owned(),
        message: format!("{message}; nothing was written"),
    }
}

/// Generates the handover document at the layout's path for `date`, refused when a file
/// is there already.
fn handover_document(
    root: &Path,
    repository: &Repository,
    change: &Change,
    date: chrono::NaiveDate,
    refuse: impl Fn(String) -> Error,
) -> anyhow::Result<Handover> {
    let engineer = change.engineer;
    let relative = super::new::layout_path(
        &repository.config.layout,
        &engineer.id,
        date,
        DocType::Handover,
    )?;
    let path = root.join(&relative);
    if path.exists() {
        return Err(refuse(format!("{relative} exists already")).into());
    }
    let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut templates = Templates::new(root);
    let text = generate::document(
        repository,
        &mut templates,
        &generate::Request {
            doc_type: DocType::Handover,
            engineer,
            manager: change.old,
            date,
            folder,
            to: Some(change.new),
            existing: None,
        },
    )?;
    Ok(Handover {
        relative,
        path,
        text,
    })
}

impl RosterEdit {
    /// Reads the roster at `path` and hands the engineer over in its text, as line edits.
    fn hand_over(
        path: std::path::PathBuf,
        change: &Change,
        refuse: impl Fn(String) -> Error,
    ) -> anyhow::Result<RosterEdit> {
        let read = read_roster(&path)?;
        let text = handed_over(&String::from_utf8_lossy(&read), change).map_err(refuse)?;
        Ok(RosterEdit { path, read, text })
    }
}

/// The roster's `text` with the change made: the engineer's `manager` the new one, and the
/// old one among their `previous_managers` until the day before.
fn handed_over(text: &str, change: &Change) -> Result<String, String> {
    roster::hand_over(
        text,
        &change.engineer.id,
        &change.old.id,
        &change.new.id,
        change.until,
        &rules::names(),
    )
    .map_err(|why| why.to_string())
}

/// Tells what was written besides the document: the copies in `--export`'s folder, and
/// the roster's change with what it means for the open promises.
fn tell_written(change: &Change, date: chrono::NaiveDate, export: Option<&Export>) {
    if let Some(export) = export {
        tell(&format!(
            "cairn: copied {} document{} into {}, private sections removed",
            export.files.len(),
            if export.files.len() == 1 { "" } else { "s" },
            export.dir.display()
        ));
    }
    let (engineer, old, new, until) = (change.engineer, change.old, change.new, change.until);
    tell(&format!(
        "cairn: {FILE_NAME}: {} is managed by {} from {date} ({} until {until}); {}'s open promises to {} pass to {} on {date}",
        engineer.id, new.id, old.id, old.id, engineer.id, new.id
    ));
}

/// Reads a roster's bytes, to edit and then replace only if unchanged.
fn read_roster(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes the handover document, then the roster. When the roster cannot be written the
/// document is taken back: alone it would disagree with the roster.
fn write_handover(
    root: &Path,
    handover: &Handover,
    roster: &RosterEdit,
    refuse: impl Fn(String) -> Error,
) -> anyhow::Result<()> {
    create_dirs(root, &handover.path)?;
    create_new(&handover.path, &handover.text)?;
    if let Err(error) = replace(&roster.path, &roster.read, &roster.text) {
        let _ = std::fs::remove_file(&handover.path);
        return Err(match error {
            Error::Changed(_) => refuse(format!(
                "{FILE_NAME} changed since cairn read it; run it again"
            ))
            .into(),
            other => other.into(),
        });
    }
    Ok(())
}

/// What `--export DIR` writes, checked before anything is written anywhere.
struct Export {
    dir: std::path::PathBuf,
    /// Root-relative paths and texts, private sections removed.
    files: Vec<(String, String)>,
    people: Vec<NewPerson>,
    roster: RosterEdit,
}

impl Export {
    fn write(&self) -> anyhow::Result<()> {
        for (path, text) in &self.files {
            let target = self.dir.join(path);
            create_dirs(&self.dir, &target)?;
            create_new(&target, text)?;
        }
        replace(&self.roster.path, &self.roster.read, &self.roster.text)?;
        Ok(())
    }
}

/// `--dry-run`: the document, the roster's diff and what `--export` would copy, on
/// stdout; nothing written.
fn dry_run(
    handover: &Handover,
    roster: &RosterEdit,
    export: Option<&Export>,
) -> anyhow::Result<ExitCode> {
    let mut out = Output::stdout();
    let (relative, document) = (&handover.relative, &handover.text);
    let read = String::from_utf8_lossy(&roster.read);
    let diff = similar::TextDiff::from_lines(&*read, roster.text.as_str())
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
    change: &Change,
    handover: &Handover,
) -> anyhow::Result<Export> {
    let argument = format!("--export {}", dir.display());
    let refuse = refusal(&argument);
    if !dir.join(FILE_NAME).is_file() {
        return Err(refuse(format!(
            "is not a notes repository: it has no {FILE_NAME} (run `cairn init` there first)"
        ))
        .into());
    }
    let theirs = super::open(dir)?;
    let sources = sources(repository, change.engineer, handover)?;
    let files = copies(sources, &repository.config);
    refuse_clashes(dir, &files).map_err(refuse)?;
    let people = new_people(&theirs.config, &repository.config, change, &named(&files));
    let roster_path = theirs.root.join(FILE_NAME);
    let read = read_roster(&roster_path)?;
    let text = their_roster(
        String::from_utf8_lossy(&read).into_owned(),
        &theirs.config,
        change,
    )
    .map_err(refuse)?;
    let text = roster::add_people(&text, &people, &rules::names())
        .map_err(|why| refuse(why.to_string()))?;
    Ok(Export {
        dir: theirs.root.clone(),
        files,
        people,
        roster: RosterEdit {
            path: roster_path,
            read,
            text,
        },
    })
}

/// The engineer's documents as they are on disk, and the new handover: root-relative
/// paths and their texts, read the one safe way.
fn sources(
    repository: &Repository,
    engineer: &Person,
    handover: &Handover,
) -> Result<Vec<(String, Source)>, Error> {
    let mut sources: Vec<(String, Source)> = repository
        .documents
        .iter()
        .filter(|d| {
            d.front.as_ref().and_then(|f| f.engineer.as_deref()) == Some(engineer.id.as_str())
        })
        .map(|d| {
            let file = repository.root.join(&d.path);
            Source::read(&file)
                .map(|text| (d.path.clone(), text))
                .map_err(|source| Error::Io { path: file, source })
        })
        .collect::<Result<_, _>>()?;
    sources.push((
        handover.relative.clone(),
        Source::new(handover.text.clone()),
    ));
    Ok(sources)
}

/// The copies of `sources`: private sections removed, and links to files that are not
/// copied turned into their text.
fn copies(sources: Vec<(String, Source)>, config: &Config) -> Vec<(String, String)> {
    let copied: BTreeSet<String> = sources.iter().map(|(path, _)| path.clone()).collect();
    sources
        .into_iter()
        .map(|(path, source)| {
            let redacted = source
                .redact(config.private_phrases())
                .replacing_private(|_, _| String::new());
            let text = unlinked(&redacted, &path, &copied);
            (path, text)
        })
        .collect()
}

/// The ids the copies name, as `manager:` or `to:` or as mentions: the new roster needs
/// them for the copies to check.
fn named(files: &[(String, String)]) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for line in files.iter().flat_map(|(_, text)| text.lines()) {
        if let Some(("manager" | "to", id)) = line
            .split_once(':')
            .map(|(k, v)| (k.trim(), v.split(" #").next().unwrap_or("").trim()))
        {
            named.insert(id.to_owned());
        }
        named.extend(mentions(line).map(|(id, _)| id.to_owned()));
    }
    named
}

/// Refuses when any copy's path exists in `dir` already: cairn never overwrites.
fn refuse_clashes(dir: &Path, files: &[(String, String)]) -> Result<(), String> {
    let clashes: Vec<&str> = files
        .iter()
        .filter(|(path, _)| dir.join(path).symlink_metadata().is_ok())
        .map(|(path, _)| path.as_str())
        .collect();
    if clashes.is_empty() {
        return Ok(());
    }
    Err(format!(
        "these files exist there already, and cairn never overwrites: {}",
        clashes.join(", ")
    ))
}

/// The entries to add to their roster, `theirs`, for the people it lacks: the new and
/// the old manager and the people the copies name, by name only, then the engineer in
/// full. The people the engineer's entry names come first, so it reads back.
fn new_people(
    theirs: &Config,
    ours: &Config,
    change: &Change,
    named: &BTreeSet<String>,
) -> Vec<NewPerson> {
    let mut people: Vec<NewPerson> = Vec::new();
    let mut add = |person: &Person, full: bool| {
        if theirs.person(&person.id).is_some() || people.iter().any(|p| p.id == person.id) {
            return;
        }
        let mut keys = vec![format!("name: {}", quoted(&person.name))];
        if full {
            keys.extend(engineer_keys(person, change, theirs));
        }
        people.push(NewPerson {
            id: person.id.clone(),
            keys,
        });
    };
    add(change.new, false);
    add(change.old, false);
    for id in named {
        if let Some(person) = ours.person(id).filter(|p| p.id != change.engineer.id) {
            add(person, false);
        }
    }
    add(change.engineer, true);
    people
}

/// The keys of the engineer's entry after the name: role, since, the new manager with the
/// old one among the previous, email, and the level when their framework knows it.
fn engineer_keys(person: &Person, change: &Change, theirs: &Config) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(role) = &person.role {
        keys.push(format!("role: {}", quoted(role)));
    }
    if let Some(since) = person.since {
        keys.push(format!("since: {since}"));
    }
    keys.push(format!("manager: {}", change.new.id));
    keys.push(format!(
        "previous_managers:\n- id: {}\n  until: {}",
        change.old.id, change.until
    ));
    if let Some(email) = &person.email {
        keys.push(format!("email: {email}"));
    }
    // A level their framework lacks would make their roster an error: left out.
    let known = |level: &String| {
        theirs
            .framework
            .as_ref()
            .is_none_or(|framework| framework.levels.contains(level))
    };
    if let Some(level) = person.level.as_ref().filter(|level| known(level)) {
        keys.push(format!("level: {}", quoted(level)));
    }
    keys
}

/// Their roster's `text`, with the engineer handed over there too when it lists them
/// under the old manager, so `check` in DIR agrees with the copied handover; under
/// someone else, a question for its owner.
fn their_roster(text: String, theirs: &Config, change: &Change) -> Result<String, String> {
    let (engineer, old, new) = (change.engineer, change.old, change.new);
    let Some(there) = theirs.person(&engineer.id) else {
        return Ok(text);
    };
    match there.manager.as_deref() {
        Some(manager) if manager == new.id => Ok(text),
        Some(manager) if manager == old.id => handed_over(&text, change),
        manager => Err(format!(
            "{} is in its {FILE_NAME} already, managed by {}: make them {}'s report there first",
            engineer.id,
            manager.unwrap_or("nobody"),
            new.id
        )),
    }
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
