//! Completion: front-matter keys and values, capability ids, `@` mentions.

use super::*;

/// Completions at `offset`: front-matter keys the type allows and the values of `type`,
/// `status`, `trigger`, `engineer`, `manager`, `contract` and `supersedes`; the
/// framework's capability ids in a `capabilities` list (docs/frameworks.md); `@manager`,
/// `@engineer` and roster ids after `@` in the body.
pub fn completion(open: &Open, offset: usize) -> Vec<lsp::CompletionItem> {
    if open.is_private(offset) {
        return Vec::new();
    }
    let text = &open.text.text;
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let front = open.document.front.as_ref();
    let yaml = match split(text) {
        Split::Found { yaml, .. } if yaml.start <= offset && offset <= yaml.end => Some(yaml),
        _ => None,
    };
    if let Some(from) = yaml.as_ref().and_then(|_| capability_slot(text, offset)) {
        return capabilities(open, from..offset);
    }
    if let Some(yaml) = yaml {
        if let Some((key, value)) = before.split_once(':') {
            let from = offset - value.trim_start().len();
            return values(open, key.trim(), front)
                .into_iter()
                .map(|(label, detail)| {
                    item(
                        open,
                        from..offset,
                        label,
                        detail,
                        lsp::CompletionItemKind::Value,
                    )
                })
                .collect();
        }
        if !before.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
            return Vec::new();
        }
        return fields(open, yaml, line_start..offset);
    }
    let Some(at) = before.rfind('@') else {
        return Vec::new();
    };
    let partial = &before[at + 1..];
    if !partial
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Vec::new();
    }
    mentions(open, front, line_start + at + 1..offset)
}

/// A completion that replaces the text in `range` (up to the cursor) with `label`.
fn item(
    open: &Open,
    range: Range<usize>,
    label: String,
    detail: Option<String>,
    kind: lsp::CompletionItemKind,
) -> lsp::CompletionItem {
    lsp::CompletionItem {
        text_edit: Some(lsp::CompletionItemTextEdit::TextEdit(lsp::TextEdit::new(
            open.positions.range(range, open.encoding),
            label.clone(),
        ))),
        label,
        detail,
        kind: Some(kind),
        ..Default::default()
    }
}

/// The framework's capability ids, with their names; none without a framework.
fn capabilities(open: &Open, range: Range<usize>) -> Vec<lsp::CompletionItem> {
    let Some(framework) = open.repository.config.framework.as_ref() else {
        return Vec::new();
    };
    framework
        .capabilities
        .iter()
        .map(|c| {
            item(
                open,
                range.clone(),
                c.id.clone(),
                Some(c.name.clone()),
                lsp::CompletionItemKind::Value,
            )
        })
        .collect()
}

/// The front-matter keys that the document's type uses and that are not there yet, for
/// the key being typed on the line in `range`. While a key is being typed the YAML
/// seldom parses: the keys present and the type come from the lines themselves.
fn fields(open: &Open, yaml: Range<usize>, range: Range<usize>) -> Vec<lsp::CompletionItem> {
    let text = &open.text.text;
    let line_start = range.start;
    let mut present = Vec::new();
    let mut doc_type = None;
    for line in crate::text::lines::lines(text, yaml.start).take_while(|l| l.start < yaml.end) {
        if line.start == line_start {
            continue;
        }
        if let Some((key, value)) = text[line].split_once(':') {
            present.push(key.trim());
            if key == "type" {
                doc_type = DocType::from_name(value.trim());
            }
        }
    }
    Field::ALL
        .iter()
        .filter(|field| doc_type.is_none_or(|t| field.applies_to(t)))
        .filter(|field| !present.contains(&field.name()))
        .map(|field| {
            let mut completion = item(
                open,
                range.clone(),
                format!("{}: ", field.name()),
                Some(field.used_by().to_owned()),
                lsp::CompletionItemKind::Property,
            );
            completion.label = field.name().to_owned();
            completion
        })
        .collect()
}

/// What may follow `@`: `@manager` and `@engineer` first, the document's own two, named
/// as its front matter names them, so a task item says whose it is without spelling an
/// id; then every id in the roster.
fn mentions(
    open: &Open,
    front: Option<&FrontMatter>,
    range: Range<usize>,
) -> Vec<lsp::CompletionItem> {
    let name = |id: Option<&str>| id.map(|id| open.repository.config.name_of(id));
    let roles = [
        ("manager", name(front.and_then(|f| f.manager.as_deref()))),
        ("engineer", name(front.and_then(|f| f.engineer.as_deref()))),
    ];
    roles
        .into_iter()
        .map(|(role, name)| {
            let detail = match name {
                Some(name) => format!("this document's {role}: {name}"),
                None => format!("this document's {role}"),
            };
            item(
                open,
                range.clone(),
                role.to_owned(),
                Some(detail),
                lsp::CompletionItemKind::Keyword,
            )
        })
        .chain(open.repository.config.people.iter().map(|p| {
            item(
                open,
                range.clone(),
                p.id.clone(),
                Some(p.name.clone()),
                lsp::CompletionItemKind::Reference,
            )
        }))
        .collect()
}

/// The values a front-matter key takes, with a detail for each.
fn values(
    open: &Open,
    key: &str,
    front: Option<&crate::model::document::FrontMatter>,
) -> Vec<(String, Option<String>)> {
    let names = |names: Vec<&str>| names.into_iter().map(|n| (n.to_owned(), None)).collect();
    let config = &open.repository.config;
    match key {
        "type" => names(DocType::ALL.iter().map(|t| t.name()).collect()),
        "status" => names(ContractStatus::ALL.iter().map(|t| t.name()).collect()),
        "trigger" => names(Trigger::ALL.iter().map(|t| t.name()).collect()),
        "engineer" | "manager" => {
            // For `manager`, the engineer's manager on the document's date first.
            let expected = front.and_then(|f| {
                let engineer = config.person(f.engineer.as_deref()?)?;
                engineer.manager_on(f.date?).map(str::to_owned)
            });
            let mut people: Vec<_> = config
                .people
                .iter()
                .map(|p| (p.id.clone(), Some(p.name.clone())))
                .collect();
            if key == "manager" {
                people.sort_by_key(|(id, _)| Some(id) != expected.as_ref());
            }
            people
        }
        "contract" | "supersedes" => {
            let engineer = front.and_then(|f| f.engineer.as_deref());
            open.repository
                .documents
                .iter()
                .filter(|d| d.path != open.document.path)
                .filter_map(|d| {
                    let f = d.front.as_ref()?;
                    (f.doc_type == Some(DocType::Contract) && f.engineer.as_deref() == engineer)
                        .then(|| {
                            (
                                relative_link(open.document.folder(), &d.path),
                                Some(format!("{}{}", status(f), span(f))),
                            )
                        })
                })
                .collect()
        }
        _ => Vec::new(),
    }
}
