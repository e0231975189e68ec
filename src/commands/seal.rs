//! `cairn seal`: the git filter that seals private notes in every commit (`clean`), opens
//! them in the working tree (`smudge`) and in `git diff` (`textconv`), and the commands
//! that set it up (`init`), report on it (`status`) and seal again to new keys (`rekey`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn::config::{self, Config};
use cairn::domain::error::{Error, Result};
use cairn::edit::seal::{self, IdentityError};
use cairn::model::discover;
use cairn::model::document::privacy::{self, Source};
use cairn::model::document::Document;

use super::git::git;
use super::tell;
use crate::cli::{Cli, SealAction};

/// Runs `cairn seal …`.
pub fn run(cli: &Cli, action: &SealAction) -> anyhow::Result<ExitCode> {
    match action {
        SealAction::Clean { path } => filter(path, Direction::Clean),
        SealAction::Smudge { path } => filter(path, Direction::Smudge),
        SealAction::Textconv { path } => textconv(path),
        SealAction::Init => init(cli),
        SealAction::Status => status(cli),
        SealAction::Rekey => rekey(cli),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Clean,
    Smudge,
}

/// The notes repository holding the file git names (relative to the folder git runs
/// the filter in), its configuration, and the file's path relative to its root; `None`
/// when the file is no document of one.
fn notes_of(path: &Path) -> Result<Option<(PathBuf, Config, String)>> {
    let file = std::env::current_dir()
        .map_err(|source| Error::Io {
            path: PathBuf::from("."),
            source,
        })?
        .join(path);
    let Some(folder) = file.parent() else {
        return Ok(None);
    };
    let Ok(root) = config::find_root(folder) else {
        return Ok(None);
    };
    let config = Config::load(&root, &cairn::analysis::rules::names())?;
    let root_canon = root.canonicalize().unwrap_or_else(|_| root.clone());
    let folder_canon = folder.canonicalize().unwrap_or_else(|_| folder.to_owned());
    let Some(name) = file.file_name() else {
        return Ok(None);
    };
    let Ok(relative) = folder_canon
        .join(name)
        .strip_prefix(&root_canon)
        .map(Path::to_path_buf)
    else {
        return Ok(None);
    };
    let relative = discover::relative_path(&relative);
    if discover::document_path(&root, &relative, &config).is_err() {
        return Ok(None);
    }
    Ok(Some((root, config, relative)))
}

/// `clean` and `smudge`: stdin to stdout. A file that is no document, or not UTF-8,
/// passes through unchanged. An error goes to stderr with the path and exits 1, so git
/// stops rather than commit plain private text.
fn filter(path: &Path, direction: Direction) -> anyhow::Result<ExitCode> {
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input)?;
    let output = match (std::str::from_utf8(&input), notes_of(path)) {
        (Ok(text), Ok(Some((_, config, _)))) => match direction {
            Direction::Clean => match clean(text, path, &config) {
                Ok(sealed) => sealed.into_bytes(),
                Err(why) => {
                    tell(&format!("cairn: seal clean {}: {why}", path.display()));
                    return Ok(ExitCode::from(1));
                }
            },
            Direction::Smudge => match opened(text, &config) {
                Ok(opened) => opened.into_bytes(),
                Err(why) => {
                    tell(&format!("cairn: seal smudge {}: {why}", path.display()));
                    return Ok(ExitCode::from(1));
                }
            },
        },
        (_, Err(error)) if direction == Direction::Clean => {
            tell(&format!("cairn: seal clean {}: {error}", path.display()));
            return Ok(ExitCode::from(1));
        }
        _ => input,
    };
    std::io::stdout().write_all(&output)?;
    Ok(ExitCode::SUCCESS)
}

/// The text with its private notes sealed to its document's keys, reusing what the index
/// holds for an unchanged section.
fn clean(text: &str, path: &Path, config: &Config) -> std::result::Result<String, String> {
    let redacted = privacy::redact(text, config.private_phrases());
    let document = Document::parse_text(String::new(), &redacted, config);
    let engineer = document.front.as_ref().and_then(|f| f.engineer.as_deref());
    let keys = seal::keys_of(config, engineer);
    let index = std::env::current_dir()
        .ok()
        .and_then(|dir| git(&dir, &["cat-file", "blob", &format!(":{}", path.display())]).ok());
    let identities = seal::identities().unwrap_or_default();
    seal::seal(text, config, &keys, index.as_deref(), &identities).map_err(|e| e.to_string())
}

/// The text with every sealed block this machine opens opened. A key that cannot be used
/// (one with a passphrase) is said on stderr; the text passes through all the same. A
/// block a key here should open and cannot (changed or damaged) is an error.
fn opened(text: &str, config: &Config) -> std::result::Result<String, String> {
    match seal::identities() {
        Ok(identities) => seal::unseal(text, config, &identities, &seal::public_keys())
            .map(|unsealed| unsealed.text)
            .map_err(|e| e.to_string()),
        Err(IdentityError::None) => Ok(text.to_owned()),
        Err(why) => {
            if text.contains(privacy::SEALED_MARKER) {
                tell(&format!("cairn: {why}"));
            }
            Ok(text.to_owned())
        }
    }
}

/// `textconv`: the file git gives (a temporary copy) with its sealed notes opened, for
/// `git diff` and `git log -p`. A sealed block is private on its own, so the notes'
/// configuration is needed only for the phrases of its headings.
fn textconv(path: &Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(path)?;
    let output = match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let config = std::env::current_dir()
                .ok()
                .and_then(|dir| config::find_root(&dir).ok())
                .and_then(|root| Config::load(&root, &cairn::analysis::rules::names()).ok())
                .unwrap_or_default();
            match opened(text, &config) {
                Ok(opened) => opened.into_bytes(),
                Err(why) => {
                    tell(&format!("cairn: seal textconv {}: {why}", path.display()));
                    return Ok(ExitCode::from(1));
                }
            }
        }
        Err(_) => bytes,
    };
    std::io::stdout().write_all(&output)?;
    Ok(ExitCode::SUCCESS)
}

/// The root of the git work tree holding `root`.
fn work_tree(root: &Path) -> Result<PathBuf> {
    git(root, &["rev-parse", "--show-toplevel"])
        .map(|top| PathBuf::from(top.trim()))
        .map_err(|_| Error::Git(format!("{} is not in a git work tree: sealing works on what git commits; run `git init` first", root.display())))
}

/// `init`: the attributes, the filter in the local git config with this binary's path,
/// and the documents re-staged so the index holds them sealed.
fn init(cli: &Cli) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let config = Config::load(&root, &cairn::analysis::rules::names())?;
    work_tree(&root)?;
    if config.seal.recipients.is_empty() {
        return Err(Error::Argument {
            argument: "seal init".to_owned(),
            message: "cairn.yaml lists no `seal.recipients`: add your public key first (`age-keygen` prints one, or use the line of ~/.ssh/id_ed25519.pub)".to_owned(),
        }
        .into());
    }
    add_attributes(&root)?;
    configure_filter(&root)?;
    git(&root, &["add", "--", ".gitattributes"])?;
    git(&root, &["add", "--renormalize", "--", "."])?;
    check_out_sealed(&root)?;
    let mut out = super::Output::stdout();
    let written = out.write_str(&cairn::render::control::escape(&format!(
        "The private notes under {} are sealed in every commit from now on.\n\
         The index now holds them sealed: commit to seal what is already committed.\n\
         Your working copy stays plain; `git diff` shows it plain on this machine.\n",
        root.display()
    )));
    out.record(written);
    Ok(out.finish(ExitCode::SUCCESS)?)
}

/// Adds the line that sends every document through the filter to `.gitattributes`,
/// unless it is there already.
fn add_attributes(root: &Path) -> anyhow::Result<()> {
    let attributes = root.join(".gitattributes");
    let line = "*.md filter=cairn-seal diff=cairn-seal";
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    if existing.lines().any(|l| l.trim() == line) {
        return Ok(());
    }
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    if existing.is_empty() && !attributes.exists() {
        cairn::edit::create::create_new(&attributes, &text)?;
    } else {
        cairn::edit::create::replace(&attributes, existing.as_bytes(), &text)?;
    }
    Ok(())
}

/// Sets the filter and the diff's text conversion in the local git config, running this
/// binary by its path (quoted for the shell git runs it with).
fn configure_filter(root: &Path) -> anyhow::Result<()> {
    let exe = std::env::current_exe()?;
    let exe = format!("'{}'", exe.display().to_string().replace('\'', "'\\''"));
    for (key, value) in [
        ("filter.cairn-seal.clean", format!("{exe} seal clean %f")),
        ("filter.cairn-seal.smudge", format!("{exe} seal smudge %f")),
        ("filter.cairn-seal.required", "true".to_owned()),
        ("diff.cairn-seal.textconv", format!("{exe} seal textconv")),
    ] {
        git(root, &["config", "--local", key, &value])?;
    }
    Ok(())
}

/// Checks out again, now through the filter, each document that is sealed in the working
/// tree with no change of its own, so it opens on this machine: a fresh clone checked its
/// files out before the filter existed.
fn check_out_sealed(root: &Path) -> anyhow::Result<()> {
    let repository = super::open(root)?;
    for document in &repository.documents {
        let file = root.join(&document.path);
        let sealed =
            std::fs::read_to_string(&file).is_ok_and(|text| text.contains(privacy::SEALED_MARKER));
        let unchanged = git(root, &["diff", "--quiet", "--", &document.path]).is_ok();
        if sealed && unchanged && std::fs::remove_file(&file).is_ok() {
            git(root, &["checkout", "--", &document.path])?;
        }
    }
    Ok(())
}

/// What a committed text holds of private notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No private notes, or only empty ones.
    None,
    /// Every private section sealed to the current keys.
    Sealed,
    /// Sealed, but to other keys than the current ones.
    Stale,
    /// A private section in plain text.
    Plain,
}

impl State {
    fn word(self) -> &'static str {
        match self {
            State::None => "no private notes",
            State::Sealed => "sealed",
            State::Stale => "sealed to old keys",
            State::Plain => "PLAIN",
        }
    }
}

/// What `text` holds, for a document sealed to `keys`.
fn state(text: &str, config: &Config, keys: &[String]) -> State {
    let redacted = privacy::redact(text, config.private_phrases());
    let current = cairn::config::seal::tag(keys.iter().map(String::as_str));
    let bodies = seal::bodies(&Source::new(text.to_owned()), config);
    let mut state = State::None;
    for (start, body) in redacted.starts().iter().zip(&bodies) {
        if start.empty {
            continue;
        }
        if !start.sealed {
            return State::Plain;
        }
        state = if seal::block_tag(body) == Some(current.as_str()) && state != State::Stale {
            State::Sealed
        } else {
            State::Stale
        };
    }
    state
}

/// `status`: per document, HEAD and the index. Exit 1 when any is plain or stale.
fn status(cli: &Cli) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let repository = super::open(&root)?;
    let top = work_tree(&root)?;
    let prefix = root
        .canonicalize()?
        .strip_prefix(top.canonicalize()?)
        .map(discover::relative_path)
        .unwrap_or_default();
    let mut out = super::Output::stdout();
    let mut failed = false;
    let mut text = String::new();
    for document in &repository.documents {
        let engineer = document.front.as_ref().and_then(|f| f.engineer.as_deref());
        let keys = seal::keys_of(&repository.config, engineer);
        let in_git = if prefix.is_empty() {
            document.path.clone()
        } else {
            format!("{prefix}/{}", document.path)
        };
        let states: Vec<String> = ["HEAD:", ":"]
            .iter()
            .map(
                |at| match git(&top, &["cat-file", "blob", &format!("{at}{in_git}")]) {
                    Ok(committed) => {
                        let state = state(&committed, &repository.config, &keys);
                        failed |= matches!(state, State::Plain | State::Stale);
                        state.word().to_owned()
                    }
                    Err(_) => "not there".to_owned(),
                },
            )
            .collect();
        text.push_str(&format!(
            "{}  HEAD: {}  index: {}\n",
            document.path, states[0], states[1]
        ));
    }
    let written = out.write_str(&cairn::render::control::escape(&text));
    out.record(written);
    let code = ExitCode::from(u8::from(failed));
    Ok(out.finish(code)?)
}

/// `rekey`: re-stages every document, so the clean filter seals each private section to
/// the current keys; blocks this machine cannot open are listed and left as they are.
fn rekey(cli: &Cli) -> anyhow::Result<ExitCode> {
    let root = super::repository_root(cli, &[])?;
    let repository = super::open(&root)?;
    work_tree(&root)?;
    let identities = seal::identities().map_err(|why| Error::Argument {
        argument: "seal rekey".to_owned(),
        message: why.to_string(),
    })?;
    let mut unopened = Vec::new();
    for document in &repository.documents {
        let Ok(text) = std::fs::read_to_string(root.join(&document.path)) else {
            continue;
        };
        let left = seal::unseal(&text, &repository.config, &identities, &[]).map_or(1, |u| u.left);
        if left > 0 {
            unopened.push(format!(
                "{} ({left} sealed block{} no key here opens)",
                document.path,
                if left == 1 { "" } else { "s" }
            ));
        }
    }
    git(&root, &["add", "--renormalize", "--", "."])?;
    let mut out = super::Output::stdout();
    let mut text = String::from(
        "Re-staged the documents: commit to seal their private notes to the current keys.\n",
    );
    for line in &unopened {
        text.push_str(&format!("left sealed as it was: {line}\n"));
    }
    let written = out.write_str(&cairn::render::control::escape(&text));
    out.record(written);
    let code = ExitCode::from(u8::from(!unopened.is_empty()));
    Ok(out.finish(code)?)
}
