//! Sealed private notes: every commit holds a private section's body encrypted to the
//! manager's keys, while the working tree stays plain Markdown.
//!
//! A sealed body is `<!-- cairn:sealed v1 recipients=TAG -->` and an age-armored block,
//! whose plaintext is exactly the body's bytes (line endings and a missing final line
//! break included), so unsealing gives the file back byte for byte. The heading and every
//! public line stay plain: CI and a skip-level's report need no key. All cryptography is
//! the `age` crate's (rage's library); none is written here.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use age::armor::{ArmoredReader, ArmoredWriter, Format};

use crate::config::seal::{recipient, tag};
use crate::config::Config;
use crate::model::document::privacy::{sealed_segments, Form, Source, SEALED_END, SEALED_MARKER};

/// Why a text could not be sealed: git stops rather than commit plain private text.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// `seal.recipients` is empty and the document holds private notes.
    #[error("cairn.yaml lists no `seal.recipients`, so private notes cannot be sealed: add your public key (age1… or ssh-ed25519 …)")]
    NoRecipients,
    /// A key could not be used.
    #[error("{0}")]
    Key(String),
    /// age could not encrypt.
    #[error("encrypting failed: {0}")]
    Encrypt(String),
}

/// Why no identity could be had to open sealed notes.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// None of the places holds one.
    #[error("no identity to open sealed notes: set CAIRN_IDENTITY, or create one with `age-keygen -o ~/.config/cairn/identity` (or keep your SSH key at ~/.ssh/id_ed25519)")]
    None,
    /// An SSH key protected by a passphrase: a git filter has no terminal to ask for it.
    #[error("{0} is protected by a passphrase, which a git filter cannot ask for: make an age identity with `age-keygen -o ~/.config/cairn/identity` and add its public key to `seal.recipients`")]
    Passphrase(String),
    /// The file could not be read as an identity.
    #[error("{0} cannot be read as an age or SSH identity: {1}")]
    Unreadable(String, String),
}

/// The identities that may open sealed notes on this machine.
pub type Identities = Vec<Box<dyn age::Identity>>;

/// The keys a document's private notes are sealed to: the repository's, and the keys its
/// engineer's `seal_to` adds.
pub fn keys_of(config: &Config, engineer: Option<&str>) -> Vec<String> {
    let mut keys = config.seal.recipients.clone();
    if let Some(person) = engineer.and_then(|id| config.person(id)) {
        keys.extend(person.seal_to.iter().cloned());
    }
    keys
}

/// Seals every plain private body of `raw` to `keys`. Sealed blocks pass through; plain
/// text beside them (a line added under a sealed block on a machine without the key) is
/// sealed in a block of its own. When `index` (the file as staged) holds the same body
/// sealed to the same keys and `identities` open it, that sealed text is kept byte for
/// byte, so an unchanged private section never changes in history. A report cairn wrote
/// passes through: it is no document.
pub fn seal(
    raw: &str,
    config: &Config,
    keys: &[String],
    index: Option<&str>,
    identities: &[Box<dyn age::Identity>],
) -> Result<String, SealError> {
    if crate::model::document::is_generated(raw) {
        return Ok(raw.to_owned());
    }
    let phrases = config.private_phrases();
    let source = Source::new(raw.to_owned());
    let index_bodies: Vec<String> = index
        .map(|index| bodies(&Source::new(index.to_owned()), config))
        .unwrap_or_default();
    let current = tag(keys.iter().map(String::as_str));
    let sealed = source.replace_private_bodies(phrases, |k, _, body| {
        if body.trim().is_empty() {
            return Ok(None);
        }
        let segments: Vec<(bool, &str)> = sealed_segments(body).collect();
        if segments
            .iter()
            .all(|(sealed, text)| *sealed || text.trim().is_empty())
        {
            return Ok(None);
        }
        if keys.is_empty() {
            return Err(SealError::NoRecipients);
        }
        // The whole body unchanged since it was staged: the staged block, byte for byte.
        if let (Some(staged), [(false, _)]) = (index_bodies.get(k), segments.as_slice()) {
            let same_keys = block_tag(staged) == Some(current.as_str());
            if same_keys && matches!(open(staged, identities), Ok(Some(plain)) if plain == body) {
                return Ok(Some(staged.clone()));
            }
        }
        let mut out = String::with_capacity(body.len() * 2);
        for (is_sealed, text) in segments {
            if is_sealed || text.trim().is_empty() {
                out.push_str(text);
            } else {
                out.push_str(&block(text, keys, &current)?);
            }
        }
        Ok(Some(out))
    })?;
    Ok(sealed.into_file_text())
}

/// `text` sealed to `keys`, as one block: the marker line and the armor, each line ended
/// as the text ends its lines.
fn block(text: &str, keys: &[String], current: &str) -> Result<String, SealError> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let armor = encrypt(text.as_bytes(), keys)?;
    let mut block = format!("{SEALED_MARKER} v1 recipients={current} -->{eol}");
    for line in armor.lines() {
        block.push_str(line);
        block.push_str(eol);
    }
    Ok(block)
}

/// What unsealing gave: the text, and how many sealed blocks stayed sealed (no key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsealed {
    /// The text, every block this machine can open opened.
    pub text: String,
    /// Blocks no identity here opens, or that stand without their private heading.
    pub left: usize,
}

/// A sealed block that a key of this machine should open and does not: it was changed
/// or damaged.
#[derive(Debug, thiserror::Error)]
#[error("a sealed block cannot be opened: {0}; it was changed or damaged since it was sealed")]
pub struct Damaged(String);

/// Opens every sealed block of `text` that `identities` can open; the others pass through
/// as they are (a clone without the key works on the sealed text). A block is opened only
/// under its private heading: one that stands alone (its heading renamed where the notes
/// could not be read) stays sealed rather than land as plain text in public. A block a key
/// here should open but cannot is an error: it was tampered with.
pub fn unseal(
    text: &str,
    config: &Config,
    identities: &[Box<dyn age::Identity>],
    ours: &[String],
) -> Result<Unsealed, Damaged> {
    if crate::model::document::is_generated(text) {
        return Ok(Unsealed {
            text: text.to_owned(),
            left: 0,
        });
    }
    let mut left = 0;
    let source = Source::new(text.to_owned());
    let must_open = must_open(&source, config, ours);
    let opened = source.replace_private_bodies(config.private_phrases(), |_, start, body| {
        let segments: Vec<(bool, &str)> = sealed_segments(body).collect();
        if !segments.iter().any(|(sealed, _)| *sealed) {
            return Ok(None);
        }
        if start.form == Form::Sealed {
            left += segments.iter().filter(|(sealed, _)| *sealed).count();
            return Ok(None);
        }
        open_segments(&segments, identities, must_open.as_deref(), &mut left)
    })?;
    Ok(Unsealed {
        text: opened.into_file_text(),
        left,
    })
}

/// The tag of the blocks that must open here: those sealed to this document's keys, when
/// one of them is `ours`. Such a block that does not open was changed, and saying so
/// beats leaving it sealed without a word.
fn must_open(source: &Source, config: &Config, ours: &[String]) -> Option<String> {
    let redacted = source.redact(config.private_phrases());
    let document = crate::model::document::Document::parse_text(String::new(), &redacted, config);
    let keys = keys_of(
        config,
        document.front.as_ref().and_then(|f| f.engineer.as_deref()),
    );
    let expected_tag = tag(keys.iter().map(String::as_str));
    let ours_among = keys
        .iter()
        .any(|k| ours.iter().any(|o| o.trim() == k.trim()));
    ours_among.then_some(expected_tag)
}

/// One private body's segments with each sealed block `identities` can open opened;
/// `None` when none was. A block that stays sealed is counted in `left`, unless it carries
/// the `must_open` tag: then it is damaged.
fn open_segments(
    segments: &[(bool, &str)],
    identities: &[Box<dyn age::Identity>],
    must_open: Option<&str>,
    left: &mut usize,
) -> Result<Option<String>, Damaged> {
    let body_len = segments.iter().map(|(_, segment)| segment.len()).sum();
    let mut out = String::with_capacity(body_len);
    let mut changed = false;
    for &(is_sealed, segment) in segments {
        if !is_sealed {
            out.push_str(segment);
            continue;
        }
        match open(segment, identities)? {
            Some(plain) => {
                out.push_str(&plain);
                changed = true;
            }
            None if must_open.is_some_and(|tag| block_tag(segment) == Some(tag)) => {
                return Err(Damaged(
                    "it is sealed to your key, and your key does not open it".to_owned(),
                ));
            }
            None => {
                *left += 1;
                out.push_str(segment);
            }
        }
    }
    Ok(changed.then_some(out))
}

/// The private bodies of a text, in order.
pub fn bodies(source: &Source, config: &Config) -> Vec<String> {
    let mut found = Vec::new();
    let _ = source.replace_private_bodies(config.private_phrases(), |_, _, body| {
        found.push(body.to_owned());
        Ok::<_, ()>(None)
    });
    found
}

/// The keys' tag a sealed body names, if it is one.
pub fn block_tag(body: &str) -> Option<&str> {
    let line = body.trim_start().lines().next()?;
    let rest = line.strip_prefix(SEALED_MARKER)?.trim_start();
    let rest = rest.strip_prefix("v1 recipients=")?;
    Some(rest.split_whitespace().next()?.trim_end_matches("-->"))
}

/// The plaintext of a sealed block: `None` when no identity here is one it was sealed to,
/// an error when one is and the block does not open (it was changed or damaged).
fn open(block: &str, identities: &[Box<dyn age::Identity>]) -> Result<Option<String>, Damaged> {
    if identities.is_empty() {
        return Ok(None);
    }
    let damaged = |e: &dyn std::fmt::Display| Damaged(e.to_string());
    let start = block
        .find("-----BEGIN AGE ENCRYPTED FILE-----")
        .ok_or_else(|| damaged(&"its armor has no BEGIN line"))?;
    let end = block
        .find(SEALED_END)
        .ok_or_else(|| damaged(&"its armor has no END line"))?
        + SEALED_END.len();
    // The armor is read with `\n` line endings, whatever the file uses.
    let armor = block[start..end].replace('\r', "");
    let decryptor =
        age::Decryptor::new(ArmoredReader::new(armor.as_bytes())).map_err(|e| damaged(&e))?;
    let reader = decryptor.decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity));
    let mut reader = match reader {
        Ok(reader) => reader,
        Err(age::DecryptError::NoMatchingKeys) => return Ok(None),
        Err(e) => return Err(damaged(&e)),
    };
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(|e| damaged(&e))?;
    String::from_utf8(plain).map(Some).map_err(|e| damaged(&e))
}

/// `plain` encrypted to `keys`, armored.
fn encrypt(plain: &[u8], keys: &[String]) -> Result<String, SealError> {
    let recipients = keys
        .iter()
        .map(|key| recipient(key))
        .collect::<Result<Vec<_>, _>>()
        .map_err(SealError::Key)?;
    let encryptor = age::Encryptor::with_recipients(
        recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient),
    )
    .map_err(|e| SealError::Encrypt(e.to_string()))?;
    let mut out = Vec::new();
    let failed = |e: std::io::Error| SealError::Encrypt(e.to_string());
    let armor = ArmoredWriter::wrap_output(&mut out, Format::AsciiArmor).map_err(failed)?;
    let mut writer = encryptor.wrap_output(armor).map_err(failed)?;
    writer.write_all(plain).map_err(failed)?;
    writer
        .finish()
        .and_then(ArmoredWriter::finish)
        .map_err(failed)?;
    String::from_utf8(out).map_err(|e| SealError::Encrypt(e.to_string()))
}

/// The identities of this machine: `CAIRN_IDENTITY` (a file), else
/// `~/.config/cairn/identity` (an age identity file), else `~/.ssh/id_ed25519`, then
/// `~/.ssh/id_rsa`.
pub fn identities() -> Result<Identities, IdentityError> {
    if let Some(path) = std::env::var_os("CAIRN_IDENTITY") {
        return identity_file(Path::new(&path));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let candidates = home
        .iter()
        .flat_map(|home| {
            [
                home.join(".config/cairn/identity"),
                home.join(".ssh/id_ed25519"),
                home.join(".ssh/id_rsa"),
            ]
        })
        .filter(|path| path.is_file());
    // The first that exists is the one: a key there that cannot be used is said, not
    // skipped for the next.
    match candidates.into_iter().next() {
        Some(path) => identity_file(&path),
        None => Err(IdentityError::None),
    }
}

/// The public keys of this machine's identities, as `seal.recipients` would list them:
/// what tells a damaged block from one sealed to someone else's keys.
pub fn public_keys() -> Vec<String> {
    let path = match std::env::var_os("CAIRN_IDENTITY") {
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::var_os("HOME")
            .map(PathBuf::from)
            .and_then(|home| {
                [".config/cairn/identity", ".ssh/id_ed25519", ".ssh/id_rsa"]
                    .into_iter()
                    .map(|p| home.join(p))
                    .find(|p| p.is_file())
            }),
    };
    let Some(path) = path else {
        return Vec::new();
    };
    let mut keys: Vec<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.trim().parse::<age::x25519::Identity>().ok())
        .map(|identity| identity.to_public().to_string())
        .collect();
    // An SSH key's public half sits beside it, as `ssh-keygen` writes it.
    let mut public = path.into_os_string();
    public.push(".pub");
    if let Ok(line) = std::fs::read_to_string(PathBuf::from(public)) {
        let fields: Vec<&str> = line.split_whitespace().take(2).collect();
        if fields.len() == 2 {
            keys.push(fields.join(" "));
        }
    }
    keys
}

/// The identities in one file: an age identity file, or an SSH private key.
fn identity_file(path: &Path) -> Result<Identities, IdentityError> {
    let shown = path.display().to_string();
    let unreadable = |e: String| IdentityError::Unreadable(shown.clone(), e);
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    if let Ok(file) = age::IdentityFile::from_buffer(bytes.as_slice()) {
        if let Ok(identities) = file.into_identities() {
            if !identities.is_empty() {
                return Ok(identities);
            }
        }
    }
    match age::ssh::Identity::from_buffer(BufReader::new(bytes.as_slice()), Some(shown.clone())) {
        Ok(age::ssh::Identity::Unencrypted(key)) => {
            Ok(vec![Box::new(age::ssh::Identity::Unencrypted(key))])
        }
        Ok(age::ssh::Identity::Encrypted(_)) => Err(IdentityError::Passphrase(shown)),
        Ok(age::ssh::Identity::Unsupported(key)) => Err(unreadable(format!("{key:?}"))),
        Err(e) => Err(unreadable(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(keys: &[String]) -> Config {
        let mut config = Config::parse("people:\n  - id: a\n    name: A\n", &[]).unwrap();
        config.seal.recipients = keys.to_vec();
        config
    }

    fn key() -> (String, Identities) {
        let identity = age::x25519::Identity::generate();
        let public = identity.to_public().to_string();
        (public, vec![Box::new(identity)])
    }

    const DOC: &str = "---\ntype: prep\nengineer: a\nmanager: a\ndate: 2026-01-01\n---\n\n## Open\n\nPublic.\n\n## Private notes\n\nShe has an offer.\r\nNo final line break";

    #[test]
    fn sealing_hides_the_body_and_unsealing_gives_the_bytes_back() {
        let (public, identities) = key();
        let config = config(std::slice::from_ref(&public));
        let sealed = seal(DOC, &config, &[public], None, &[]).unwrap();
        assert!(!sealed.contains("offer"), "{sealed}");
        assert!(sealed.contains("## Private notes\n<!-- cairn:sealed v1 recipients="));
        assert!(sealed.contains("Public."));
        let opened = unseal(&sealed, &config, &identities, &[]).unwrap();
        assert_eq!(
            opened,
            Unsealed {
                text: DOC.to_owned(),
                left: 0
            }
        );
        // Without the key the sealed text passes through.
        let closed = unseal(&sealed, &config, &[], &[]).unwrap();
        assert_eq!((closed.text.as_str(), closed.left), (sealed.as_str(), 1));
    }

    #[test]
    fn an_unchanged_section_keeps_its_sealed_bytes() {
        let (public, identities) = key();
        let config = config(std::slice::from_ref(&public));
        let keys = [public];
        let first = seal(DOC, &config, &keys, None, &[]).unwrap();
        let again = seal(DOC, &config, &keys, Some(&first), &identities).unwrap();
        assert_eq!(again, first);
        // Without an identity it cannot tell: it seals afresh (age is randomised).
        let fresh = seal(DOC, &config, &keys, Some(&first), &[]).unwrap();
        assert_ne!(fresh, first);
        // A public edit keeps the private block.
        let edited = DOC.replace("Public.", "Public, edited.");
        let kept = seal(&edited, &config, &keys, Some(&first), &identities).unwrap();
        assert_eq!(kept.replace("Public, edited.", "Public."), first);
    }

    #[test]
    fn a_sealed_block_is_private_and_nothing_without_private_notes_changes() {
        let (public, _) = key();
        let config = config(std::slice::from_ref(&public));
        let sealed = seal(DOC, &config, std::slice::from_ref(&public), None, &[]).unwrap();
        assert_eq!(
            seal(&sealed, &config, std::slice::from_ref(&public), None, &[]).unwrap(),
            sealed
        );
        let plain = "---\ntype: prep\n---\n## Open\n";
        assert_eq!(seal(plain, &config, &[public], None, &[]).unwrap(), plain);
        assert!(matches!(
            seal(DOC, &config, &[], None, &[]),
            Err(SealError::NoRecipients)
        ));
    }

    #[test]
    fn plain_text_beside_a_sealed_block_is_sealed_in_a_block_of_its_own() {
        let (public, identities) = key();
        let config = config(std::slice::from_ref(&public));
        let sealed = seal(DOC, &config, std::slice::from_ref(&public), None, &[]).unwrap();
        // Written under the block on a machine without the key.
        let added = format!("{sealed}\nNEW plain line\n");
        let again = seal(&added, &config, std::slice::from_ref(&public), None, &[]).unwrap();
        assert!(!again.contains("NEW plain line"), "{again}");
        assert_eq!(again.matches("cairn:sealed").count(), 2);
        let opened = unseal(&again, &config, &identities, &[]).unwrap();
        assert!(
            opened.text.contains("She has an offer.") && opened.text.contains("NEW plain line")
        );
    }

    #[test]
    fn a_block_without_its_heading_stays_sealed_and_a_damaged_one_is_an_error() {
        let (public, identities) = key();
        let config = config(std::slice::from_ref(&public));
        let sealed = seal(DOC, &config, std::slice::from_ref(&public), None, &[]).unwrap();
        // The heading renamed where the notes could not be read: opening it would put
        // private text under a public heading.
        let renamed = sealed.replace("## Private notes", "## Later thoughts");
        let opened = unseal(&renamed, &config, &identities, &[]).unwrap();
        assert_eq!((opened.text.as_str(), opened.left), (renamed.as_str(), 1));
        // One character of the payload changed: the key is one it was sealed to, and it
        // does not open.
        let line = sealed
            .lines()
            .skip_while(|l| !l.starts_with("-----BEGIN"))
            .nth(3)
            .unwrap()
            .to_owned();
        // The armor is ASCII: one character of it changed.
        let mut flipped = line.clone();
        flipped.replace_range(10..11, if &line[10..11] == "A" { "B" } else { "A" });
        let damaged = sealed.replacen(&line, &flipped, 1);
        assert!(unseal(
            &damaged,
            &config,
            &identities,
            std::slice::from_ref(&public)
        )
        .is_err());
        // Without a key it cannot tell: it passes through.
        assert_eq!(unseal(&damaged, &config, &[], &[]).unwrap().text, damaged);
    }

    #[test]
    fn a_report_cairn_wrote_passes_through() {
        let (public, _) = key();
        let config = config(std::slice::from_ref(&public));
        let report = "<!-- generated by cairn -->\n## Private notes\n\nnot a note\n";
        assert_eq!(seal(report, &config, &[public], None, &[]).unwrap(), report);
    }
}
