//! Relative links in the body (docs/rules.md's `broken-link`), outside private sections.

use std::ops::Range;

use pulldown_cmark::LinkType;

use crate::domain::diagnostic::Position;
use crate::text::lines::LineIndex;

/// A relative link to a file, written in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination without `#fragment` or `?query`, percent-decoded; a wikilink as
    /// `[[name]]`.
    pub target: String,
    /// The heading it names after `#`, if any.
    pub fragment: Option<Box<str>>,
    /// Where the link starts.
    pub position: Position,
    /// The byte range of the link in the file.
    pub span: Range<usize>,
}

/// The links found, each with where its reference definition is (for `[text][ref]`).
#[derive(Debug, Default)]
pub(crate) struct Collector {
    found: Vec<(Link, Option<usize>)>,
}

impl Collector {
    /// A link or image starting at `span`.
    pub fn link(
        &mut self,
        destination: &str,
        link_type: LinkType,
        definition: Option<usize>,
        span: Range<usize>,
        text: &str,
        index: &LineIndex,
    ) {
        // A wikilink keeps its brackets: the repository finds it by name, as Obsidian does.
        let fragment = destination
            .split_once('#')
            .map(|(_, f)| f.split('?').next().unwrap_or(f).trim())
            .filter(|f| !f.is_empty())
            .map(|f| {
                percent_encoding::percent_decode_str(f)
                    .decode_utf8_lossy()
                    .into()
            });
        let target = if matches!(link_type, LinkType::WikiLink { .. }) {
            let name = destination.split('#').next().unwrap_or("").trim();
            if name.is_empty() {
                return;
            }
            format!("[[{name}]]")
        } else {
            let Some(target) = relative_target(destination) else {
                return;
            };
            target
        };
        let by_reference = matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        );
        self.found.push((
            Link {
                target,
                fragment,
                position: index.position(text, span.start),
                span,
            },
            definition.filter(|_| by_reference),
        ));
    }

    /// The links, without those whose reference definition is in private notes.
    pub fn finish(self, private: &[Range<usize>]) -> Vec<Link> {
        self.found
            .into_iter()
            .filter(|(_, definition)| {
                !definition.is_some_and(|at| private.iter().any(|span| span.contains(&at)))
            })
            .map(|(link, _)| link)
            .collect()
    }
}

/// The anchor of a heading, as a link's `#fragment` names it: GitHub's slug (lower case,
/// spaces as `-`, punctuation dropped), hashed, since 100,000 documents keep theirs. A
/// wikilink's `#Limitations` and a Markdown link's `#limitations` give the same anchor.
pub fn anchor(title: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let slug: String = title
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            c if c.is_alphanumeric() || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    slug.hash(&mut hasher);
    hasher.finish()
}

/// The file a link points to, if it is a relative link to a file: no scheme, not only a
/// `#fragment`, not an absolute path.
fn relative_target(destination: &str) -> Option<String> {
    let destination = destination.trim();
    let path = destination.split(['#', '?']).next().unwrap_or("");
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains('/'));
    if path.is_empty() || has_scheme || path.starts_with('/') || path.starts_with('\\') {
        return None;
    }
    Some(
        percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::relative_target;

    #[test]
    fn a_slug_and_a_title_name_the_same_anchor() {
        use super::anchor;
        assert_eq!(anchor("Evidence of success"), anchor("evidence-of-success"));
        assert_eq!(anchor("Limitations"), anchor("limitations"));
        assert_eq!(anchor("What I'm hearing?"), anchor("what-im-hearing"));
        assert_ne!(anchor("Limitations"), anchor("Limits"));
    }

    #[test]
    fn relative_targets_only() {
        assert_eq!(relative_target("a%20b.md#x"), Some("a b.md".into()));
        assert_eq!(relative_target("https://example.com"), None);
        assert_eq!(relative_target("mailto:x@y"), None);
        assert_eq!(relative_target("#anchor"), None);
        assert_eq!(relative_target("/abs.md"), None);
        assert_eq!(relative_target("../x.md"), Some("../x.md".into()));
        assert_eq!(relative_target("%"), Some("%".into()));
    }
}
