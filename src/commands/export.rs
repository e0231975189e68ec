//! `cairn export ENGINEER -o DIR`: everything cairn holds about one person, for a subject
//! access request. Nothing in the repository is changed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn::config::{Config, Person};
use cairn::domain::error::Error;
use cairn::edit::seal::{self, Identities, IdentityError};
use cairn::model::document::privacy::Source;
use cairn::model::repository::Repository;
use cairn::render::export::{self, Exported};

use super::tell;
use crate::cli::{Cli, ExportArgs};

/// Runs `cairn export`.
pub fn run(cli: &Cli, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let repository = super::open(&root)?;
    let config = &repository.config;
    let person = config
        .person(&args.engineer)
        .ok_or_else(|| super::unknown_id(config, &args.engineer, &args.engineer))?;
    let out = &args.output;
    refuse_occupied(out)?;
    if args.include_private {
        tell(&format!(
            "cairn: WARNING: --include-private: this export of {} HOLDS PRIVATE NOTES, the manager's own, which cairn otherwise never shows; read them before you send anything",
            person.id
        ));
    }
    let (documents, others) = read(&repository, person, args.include_private)?;
    let files = files(person, &documents, &others, config, args.include_private);
    for (path, text, _) in &files {
        write(out, path, text)?;
    }
    let withheld: usize = documents.iter().map(|d| d.withheld).sum();
    tell(&format!(
        "cairn: exported {} document{} about {} into {} ({withheld} private section{} withheld)",
        documents.len(),
        if documents.len() == 1 { "" } else { "s" },
        person.id,
        out.display(),
        if withheld == 1 { "" } else { "s" },
    ));
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output folder that exists and is not empty (or is not a folder): the
/// export is written only into a folder of its own.
fn refuse_occupied(out: &Path) -> Result<(), Error> {
    let occupied = out
        .read_dir()
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(out.exists());
    if occupied {
        return Err(Error::Argument {
            argument: format!("-o {}", out.display()),
            message: "exists and is not empty: give a new folder; nothing was written".into(),
        });
    }
    Ok(())
}

/// One file of the export: its path in the folder, its text, and which of the person's
/// documents it is, if one.
type File = (String, String, Option<usize>);

/// The export's files, in the order written: the person's documents, the pages of their
/// mentions elsewhere and of the third parties their documents name, the README, and
/// last the index of all of them.
fn files(
    person: &Person,
    documents: &[Exported],
    others: &[PublicText],
    config: &Config,
    include_private: bool,
) -> Vec<File> {
    let mut files: Vec<File> = Vec::new();
    for (n, document) in documents.iter().enumerate() {
        files.push((
            format!("documents/{}", document.path),
            document.text.clone(),
            Some(n),
        ));
    }
    let found = export::mentions(person, others);
    files.push((
        "mentions.md".into(),
        export::mentions_page(person, &found),
        None,
    ));
    let named: Vec<(String, Vec<&Person>)> = documents
        .iter()
        .map(|d| {
            (
                format!("documents/{}", d.path),
                export::third_parties(&d.text, person, config),
            )
        })
        .collect();
    files.push((
        "third-parties.md".into(),
        export::third_parties_page(person, &named),
        None,
    ));
    let withheld = documents.iter().map(|d| d.withheld).sum();
    files.push((
        "README.md".into(),
        export::readme(person, documents.len(), withheld, include_private),
        None,
    ));
    let listed: Vec<(String, &str, Option<&Exported>)> = files
        .iter()
        .map(|(path, text, n)| (path.clone(), text.as_str(), n.map(|n| &documents[n])))
        .collect();
    let index = export::index(person, &listed, include_private);
    files.push(("index.json".into(), index, None));
    files
}

/// A document's root-relative path and its public text.
type PublicText = (String, String);

/// The person's documents as exported, and every other document's public text (path and
/// text) to look for mentions in.
fn read(
    repository: &Repository,
    person: &Person,
    include_private: bool,
) -> anyhow::Result<(Vec<Exported>, Vec<PublicText>)> {
    let config = &repository.config;
    let mut documents = Vec::new();
    let mut others = Vec::new();
    // Read on the first document that needs it: an export without sealed notes needs
    // no identity.
    let identities = std::cell::OnceCell::new();
    for document in &repository.documents {
        let file = repository.root.join(&document.path);
        let source = Source::read(&file).map_err(|source| Error::Io {
            path: file.clone(),
            source,
        })?;
        let redacted = source.redact(config.private_phrases());
        let front = document.front.as_ref();
        let about = front
            .and_then(|f| f.engineer.as_deref())
            .or(document.engineer_named.as_deref());
        if about == Some(person.id.as_str()) {
            let count = redacted.private_line_counts().len();
            let text = if include_private {
                let identities = identities.get_or_init(seal::identities);
                opened(
                    &document.path,
                    source.with_private_notes(),
                    config,
                    identities,
                )?
            } else {
                redacted.replacing_private(export::withheld)
            };
            documents.push(Exported {
                path: document.path.clone(),
                text,
                doc_type: front.and_then(|f| f.doc_type),
                date: front.and_then(|f| f.date),
                withheld: if include_private { 0 } else { count },
            });
        } else {
            others.push((document.path.clone(), redacted.text().to_owned()));
        }
    }
    Ok((documents, others))
}

/// Writes `text` at `relative` under `out`, creating folders; never over a file.
pub fn write(out: &Path, relative: &str, text: &str) -> anyhow::Result<()> {
    let path: PathBuf = out.join(relative);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| Error::Io {
            path: folder.to_owned(),
            source,
        })?;
    }
    cairn::edit::create::create_new(&path, text)?;
    Ok(())
}

/// A document's full text with every sealed block opened by this machine's identity: an
/// export that includes private notes holds them readable, or is not written at all.
fn opened(
    path: &str,
    text: &str,
    config: &Config,
    identities: &Result<Identities, IdentityError>,
) -> anyhow::Result<String> {
    let refuse = |why: String| Error::Argument {
        argument: "--include-private".to_owned(),
        message: format!("{path}: {why}; nothing was written"),
    };
    let none = Identities::new();
    let usable = identities.as_ref().unwrap_or(&none);
    let unsealed = seal::unseal(text, config, usable, &seal::public_keys())
        .map_err(|damaged| refuse(damaged.to_string()))?;
    if unsealed.left > 0 {
        let why = match identities {
            Err(why) => why.to_string(),
            Ok(_) => "no identity of this machine opens them".to_owned(),
        };
        return Err(refuse(format!(
            "{} sealed block{} cannot be opened: {why}",
            unsealed.left,
            if unsealed.left == 1 { "" } else { "s" }
        ))
        .into());
    }
    Ok(unsealed.text)
}
