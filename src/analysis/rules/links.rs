//! Rules about what documents point to.

use crate::analysis::rules::front_matter::INVALID_FIELD;
use crate::domain::diagnostic::{declare_rule, Change, Diagnostic, Fix, Message, Position};
use crate::domain::vocabulary::{DocType, Field};
use crate::model::document::{anchor, Document, Link};
use crate::model::repository::{relative_link, wikilink, Destinations, Target};
use crate::text::suggest;

declare_rule! {
    /// ## What it does
    /// Reports a `contract` or `supersedes` field, a relative Markdown link or an Obsidian
    /// wikilink (`[[2026-04-28-contract]]`, found by name anywhere in the repository) that
    /// points to a file that does not exist or lies outside the repository, and a
    /// `#heading` that names no heading of the note it points to.
    ///
    /// ## Why is this bad?
    /// The links are how the conversations hang together: the guide's manager "should know
    /// what was discussed previously, what was agreed, and whether those agreements were
    /// honoured". A review that links to a contract that moved reviews nothing, and a link
    /// outside the repository will break for everyone else who reads the notes.
    ///
    /// ## Example
    /// ```yaml
    /// contract: 2026-02-20-contract.md   # the file is 2026-02-21-contract.md
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// contract: 2026-02-21-contract.md
    /// ```
    pub static BROKEN_LINK = ("broken-link", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a conversation whose `contract` is the contract of another engineer.
    ///
    /// ## Why is this bad?
    /// A progress review is a review *against the development contract* of the engineer in
    /// the room; pointing it at a colleague's contract (usually a copied file) means the
    /// engineer's own contract looks unreviewed and the colleague's looks reviewed.
    ///
    /// ## Example
    /// ```yaml
    /// engineer: alice-nguyen
    /// contract: ../ben-adeyemi/2026-02-01-contract.md
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// engineer: alice-nguyen
    /// contract: 2026-03-01-contract.md
    /// ```
    pub static CONTRACT_ENGINEER_MISMATCH = ("contract-engineer-mismatch", Error);
}

/// What the link rules read of a document that points somewhere: its `contract` and
/// `supersedes` and its body's links. `check` keeps it, for every such document, until
/// every document is read, and frees the rest of the document meanwhile.
#[derive(Debug)]
pub(crate) struct Outgoing {
    /// The document's `engineer`.
    engineer: Option<String>,
    /// `contract` and `supersedes`, where given: the field, what it names, where.
    fields: Vec<(Field, String, Position)>,
    /// The body's relative links.
    links: Vec<Link>,
}

impl Outgoing {
    /// What `document` points to; `None` when it points nowhere.
    pub fn of(document: &Document) -> Option<Outgoing> {
        let front = document.front.as_ref()?;
        let fields: Vec<(Field, String, Position)> = [
            (Field::Contract, &front.contract),
            (Field::Supersedes, &front.supersedes),
        ]
        .into_iter()
        .filter_map(|(field, target)| Some((field, target.clone()?, front.position(field))))
        .collect();
        if fields.is_empty() && document.body.links.is_empty() {
            return None;
        }
        Some(Outgoing {
            engineer: front.engineer.clone(),
            fields,
            links: document.body.links.clone(),
        })
    }
}

/// Checks `contract`, `supersedes` and the body's relative links of the document at
/// `path`.
pub fn check(path: &str, outgoing: &Outgoing, to: &impl Destinations, out: &mut Vec<Diagnostic>) {
    let from = From {
        path,
        folder: path.rsplit_once('/').map_or("", |(folder, _)| folder),
    };
    for (field, target, position) in &outgoing.fields {
        let what = (
            format!("`{}` points to `{target}`", field.name()),
            format!("`{}` points to a file", field.name()),
        );
        let Some(path) = existing(&from, target, *position, &what, to, out) else {
            continue;
        };
        if *field == Field::Contract {
            check_contract(&from, outgoing, *position, &path, to, out);
        }
    }
    for link in &outgoing.links {
        let what = (
            format!("the link to `{}`", link.target),
            "a link points to a file".to_owned(),
        );
        let Some(path) = existing(&from, &link.target, link.position, &what, to, out) else {
            continue;
        };
        if let Some(broken) = missing_heading(&from, link, &path, to) {
            out.push(broken);
        }
    }
}

/// The document a link is written in.
struct From<'a> {
    /// Its root-relative path.
    path: &'a str,
    /// Its folder, root-relative (`""` at the root).
    folder: &'a str,
}

/// The `broken-link` finding of a link whose `#heading` names no heading of the note at
/// `path` it leads to (outside its private notes, which are never read).
fn missing_heading(
    from: &From,
    link: &Link,
    path: &str,
    to: &impl Destinations,
) -> Option<Diagnostic> {
    let (Some(fragment), Some(target)) = (&link.fragment, to.destination(path)) else {
        return None;
    };
    if target.front.is_none() || target.anchors.binary_search(&anchor(fragment)).is_ok() {
        return None;
    }
    Some(Diagnostic::new(
        &BROKEN_LINK,
        from.path,
        link.position,
        Message::quoting(
            format!(
                "the link to `{}` names no heading of `{path}`",
                match link.target.strip_suffix("]]") {
                    Some(name) => format!("{name}#{fragment}]]"),
                    None => format!("{}#{fragment}", link.target),
                }
            ),
            "a link names a heading that its file does not have",
        ),
    ))
}

/// The root-relative path of `target` if it exists inside the repository; otherwise reports it.
fn existing(
    from: &From,
    target: &str,
    position: Position,
    (what, what_public): &(String, String),
    to: &impl Destinations,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (message, wanted) = match to.resolve(from.folder, target) {
        Target::Inside(path) if to.exists(&path) => return Some(path),
        Target::Inside(path) => (
            Message::quoting(
                format!("{what}, which does not exist (looked for `{path}`)"),
                format!("{what_public} that does not exist"),
            ),
            Some(path),
        ),
        Target::Outside => (
            Message::quoting(
                format!("{what}, which lies outside the repository"),
                format!("{what_public} outside the repository"),
            ),
            None,
        ),
    };
    let mut diagnostic = Diagnostic::new(&BROKEN_LINK, from.path, position, message);
    // A misspelt file name: the one document whose path is close to the one looked for.
    // (Not for a wikilink: its fix would be a name, not a path.)
    let candidate = wanted
        .filter(|_| wikilink(target).is_none())
        .and_then(|wanted| suggest::only_one(&wanted, to.paths()));
    if let Some(candidate) = candidate {
        diagnostic = diagnostic.with_fix(Fix::guess(Change::Replace {
            from: target.to_owned(),
            to: relative_link(from.folder, candidate),
        }));
    }
    out.push(diagnostic);
    None
}

/// A conversation's `contract` must be a contract, of the same engineer.
fn check_contract(
    from: &From,
    outgoing: &Outgoing,
    position: Position,
    path: &str,
    to: &impl Destinations,
    out: &mut Vec<Diagnostic>,
) {
    let Some(destination) = to.destination(path) else {
        // A file that is there but no note: `cairn.yaml`, an attachment, a folder, an
        // excluded note or a report cairn wrote.
        out.push(Diagnostic::new(
            &INVALID_FIELD,
            from.path,
            position,
            Message::quoting(
                format!("`contract` points to `{path}`, which is not a note cairn reads, not a contract"),
                "`contract` points to a file that is not a note cairn reads",
            ),
        ));
        return;
    };
    // A note whose front matter cannot be read has findings of its own.
    let Some((doc_type, owner)) = destination.front else {
        return;
    };
    match doc_type {
        Some(DocType::Contract) => {}
        Some(other) => {
            out.push(Diagnostic::new(
                &INVALID_FIELD,
                from.path,
                position,
                Message::quoting(
                    format!(
                        "`contract` points to `{path}`, which is a {other} document, not a contract"
                    ),
                    "`contract` points to a document that is not a contract",
                ),
            ));
            return;
        }
        None => return,
    }
    if let (Some(engineer), Some(owner)) = (&outgoing.engineer, owner) {
        if engineer != owner {
            out.push(Diagnostic::new(
                &CONTRACT_ENGINEER_MISMATCH,
                from.path,
                position,
                Message::quoting(
                    format!("`contract` points to `{path}`, which is {owner}'s contract, but this conversation is with {engineer}"),
                    "`contract` points to another engineer's contract, not this conversation's `engineer`'s",
                ),
            ));
        }
    }
}
