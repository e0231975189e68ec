//! Go to definition: a linked file, a person's line in `cairn.yaml`.

use super::*;

/// Where what is under the cursor is defined: the file of `contract:`, `supersedes:` or a
/// relative link; the roster line of an `@id`, `engineer:` or `manager:`.
pub fn definition(
    open: &Open,
    offset: usize,
    config_file: Option<(&lsp::Uri, &Text)>,
) -> Option<lsp::Location> {
    if open.is_private(offset) {
        return None;
    }
    let root = &open.repository.root;
    let file = |target: &str| match open.repository.resolve(open.document.folder(), target) {
        Target::Inside(path) if open.repository.exists(&path) => Some(lsp::Location::new(
            uri::from_path(&root.join(path)),
            lsp::Range::default(),
        )),
        _ => None,
    };
    let person = |id: &str| {
        let person = open.repository.config.person(id)?;
        let (uri, text) = config_file?;
        let at = text.offset_of(person.position);
        let end = if text.text[at..].starts_with(id) {
            at + id.len()
        } else {
            at
        };
        Some(lsp::Location::new(
            uri.clone(),
            text.range(at..end, open.encoding),
        ))
    };
    if let Some((key, value, _)) = front_field(open.text, offset) {
        return match key {
            "contract" | "supersedes" => file(value),
            "engineer" | "manager" => person(value),
            _ => None,
        };
    }
    if let Some(link) = open
        .document
        .body
        .links
        .iter()
        .find(|l| l.span.contains(&offset))
    {
        return file(&link.target);
    }
    let id = mention_at(&open.text.text, offset)?;
    person(person_of(open, id)?)
}
