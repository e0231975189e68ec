//! The Markdown body: sections, commitments, links and the contract's goal, with positions.
//!
//! pulldown-cmark parses the body slice only (its YAML metadata option stays off: it would
//! hide body text between two `---` lines), and every offset is shifted by the body's start
//! so positions are positions in the file.

use std::ops::{Range, RangeInclusive};

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::front_matter::DocType;
use crate::config::{Config, SectionRole};
use crate::date::parse_date;
use crate::diagnostic::Position;
use crate::lines::LineIndex;
use crate::title::normalize;

/// A level-2 section: where its heading is, which required section it is, and whether
/// anything is under it. No text is kept: the title is matched while parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Where the heading starts.
    pub position: Position,
    /// The index of the required section of the document's type it matches, if any.
    pub required: Option<usize>,
    /// The part it plays in a contract, if any.
    pub role: Option<SectionRole>,
    /// Nothing but whitespace and HTML comments until the next level-1 or level-2 heading.
    pub empty: bool,
}

/// Who a commitment belongs to (SPEC 2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    /// The document's manager.
    Manager,
    /// The document's engineer.
    Engineer,
    /// Nobody, or someone else.
    Unassigned,
}

/// An `@` mention in a task item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The word after `@`.
    pub id: String,
    /// Where the `@` is.
    pub position: Position,
}

/// A GFM task-list item outside private sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    /// Where the list item starts.
    pub position: Position,
    /// The item's own text (not its nested items'), markup removed.
    pub text: String,
    /// `[x]`.
    pub done: bool,
    /// The first `due YYYY-MM-DD` in the text.
    pub due: Option<NaiveDate>,
    /// Who it belongs to.
    pub owner: Owner,
    /// The owner comes from the contract section the item sits in.
    pub owned_by_section: bool,
    /// When the owner is unassigned because the first mention is someone else: that id.
    pub first_mention: Option<Box<str>>,
    /// Mentions of ids that are not in the roster (nor `manager`/`engineer`).
    pub unknown_mentions: Vec<Mention>,
}

/// A relative link to a file, written in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination without `#fragment` or `?query`, percent-decoded.
    pub target: String,
    /// Where the link starts.
    pub position: Position,
}

/// Everything cairn keeps of a body.
#[derive(Debug, Default)]
pub struct Body {
    /// Level-2 sections in order.
    pub sections: Vec<Section>,
    /// Task items outside private sections.
    pub commitments: Vec<Commitment>,
    /// Relative links outside private sections.
    pub links: Vec<Link>,
    /// The text of a contract's Development goal section, paragraphs separated by a blank line.
    pub goal: Option<String>,
    /// The lines of private sections, which no output may show.
    pub private_lines: Vec<RangeInclusive<usize>>,
}

/// What the body parser needs to know about the document.
pub struct Context<'a> {
    /// The repository's configuration.
    pub config: &'a Config,
    /// The document's type, if its front matter said.
    pub doc_type: Option<DocType>,
    /// The document's engineer id.
    pub engineer: Option<&'a str>,
    /// The document's manager id.
    pub manager: Option<&'a str>,
}

struct OpenSection {
    role: Option<SectionRole>,
    /// Something a reader sees was found under the heading (not a comment, not private).
    filled: bool,
}

/// Private notes: from a heading of any level with a private title up to the next heading
/// at the top level of the document of the same or a higher level. (SPEC 2.5: a
/// `### Private notes` under a conversation's heading is just as private, and a heading
/// inside a quote or a list item, such as a forwarded e-mail, ends nothing.)
struct PrivateRegion {
    level: HeadingLevel,
    start: usize,
    heading_line: usize,
}

struct OpenItem {
    start: usize,
    text: String,
    task: Option<bool>,
    mentions: Vec<Mention>,
}

/// Parses the body in `range` of `text`.
pub fn parse(text: &str, range: Range<usize>, index: &LineIndex, context: &Context) -> Body {
    let base = range.start;
    let options =
        Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut parser = Parser::new_ext(&text[range.clone()], options).into_offset_iter();

    let mut body = Body::default();
    let mut section: Option<OpenSection> = None;
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut items: Vec<OpenItem> = Vec::new();
    let mut goal: Option<String> = None;
    let mut in_goal = false;
    let is_contract = context.doc_type == Some(DocType::Contract);
    // Byte ranges of private sections, and for each link where its reference definition
    // is: a link used in the open whose target is defined in private notes stays private.
    let mut private_spans: Vec<Range<usize>> = Vec::new();
    let mut definitions: Vec<Option<usize>> = Vec::new();
    let mut private_region: Option<PrivateRegion> = None;
    // How many block quotes, lists and footnotes enclose the event: only a heading at
    // depth 0 is a heading of the document.
    let mut depth = 0usize;
    // An HTML block comes one line per event: its text is judged whole, so a comment
    // spanning lines is a comment.
    let mut html_block: Option<String> = None;
    // Elements an HTML block opened and none has closed yet (`<div>`, a blank line, then
    // Markdown): CommonMark ends the block at the blank line, but a heading before the
    // `</div>` is inside the element as its author sees it. Where cairn cannot tell, it
    // hides: such a heading ends nothing.
    let mut open_elements = 0usize;

    while let Some((event, span)) = parser.next() {
        let span = span.start + base..span.end + base;
        let private = private_region.is_some();
        let role = section.as_ref().and_then(|s| s.role);
        if !private && heading.is_none() && shows_something(&event) {
            if let Some(open) = section.as_mut() {
                open.filled = true;
            }
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Html(t) => {
                if let Some(html) = html_block.as_mut() {
                    html.push_str(&t);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let html = html_block.take().unwrap_or_default();
                open_elements = html_nesting(&html, open_elements);
                if let (false, Some(open)) = (private || is_blank(&html), section.as_mut()) {
                    open.filled = true;
                }
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, span.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, start, title)) = heading.take() else {
                    continue;
                };
                let is_private = context.config.is_private(&title);
                if depth > 0 || open_elements > 0 {
                    // Quoted or listed material: not a heading of the document, so it ends
                    // nothing; a private title there still hides what follows.
                    if is_private && private_region.is_none() {
                        private_region = Some(PrivateRegion {
                            level,
                            start,
                            heading_line: index.position(text, start).line,
                        });
                    } else if !private {
                        if let Some(open) = section.as_mut() {
                            open.filled = true;
                        }
                    }
                    continue;
                }
                if private_region
                    .as_ref()
                    .is_some_and(|region| level <= region.level)
                {
                    if let Some(region) = private_region.take() {
                        private_spans.push(end_private(&mut body, &region, text, start, index));
                    }
                }
                if private_region.is_none() && is_private {
                    let heading_line = index.position(text, start).line;
                    private_region = Some(PrivateRegion {
                        level,
                        start,
                        heading_line,
                    });
                }
                if level > HeadingLevel::H2 {
                    // A sub-heading is something a reader sees in the section.
                    if let (false, Some(open)) = (private_region.is_some(), section.as_mut()) {
                        open.filled = true;
                    }
                    continue;
                }
                if let Some(open) = section.take() {
                    close(&mut body, open);
                }
                in_goal = false;
                if level == HeadingLevel::H2 {
                    let key = normalize(&title);
                    let role = if is_contract {
                        context.config.contract_role(&key)
                    } else {
                        None
                    };
                    let position = index.position(text, start);
                    section = Some(OpenSection {
                        role,
                        filled: false,
                    });
                    // The goal is the text of the first Development goal section; a duplicate
                    // is reported by `duplicate-section`, not read.
                    in_goal = role == Some(SectionRole::Goal) && goal.is_none();
                    if in_goal {
                        goal = Some(String::new());
                    }
                    let required = context.doc_type.and_then(|t| {
                        context
                            .config
                            .required_sections(t)
                            .iter()
                            .position(|spec| spec.matches(&key))
                    });
                    body.sections.push(Section {
                        position,
                        required,
                        role,
                        empty: true,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            // A setext title can span lines: "Private\nnotes" is "Private notes".
            Event::SoftBreak | Event::HardBreak if heading.is_some() => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push(' ');
                }
            }
            Event::Start(Tag::Item) => items.push(OpenItem {
                // The span starts at the container's indentation; the item at its marker.
                start: span.start
                    + (text[span.clone()].len() - text[span.clone()].trim_start().len()),
                text: String::new(),
                task: None,
                mentions: Vec::new(),
            }),
            Event::TaskListMarker(done) => {
                if let Some(item) = items.last_mut() {
                    item.task = Some(done);
                }
            }
            Event::End(TagEnd::Item) => {
                if let (true, Some(goal)) = (in_goal, goal.as_mut()) {
                    goal.push_str("\n\n");
                }
                let Some(item) = items.pop() else { continue };
                if let (Some(done), false) = (item.task, private) {
                    body.commitments
                        .push(commitment(item, done, role, context, text, index));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(item) = items.last_mut() {
                    // Look for the mention in the source only when the event's text is the
                    // source itself (no entity or escape), so the `@`'s position is exact.
                    let source = &text[span.clone()];
                    if *t == *source {
                        // Read from one character before the event, which may be the `\`
                        // of an escaped `\@`.
                        let from = text[..span.start]
                            .char_indices()
                            .next_back()
                            .map_or(span.start, |(i, _)| i);
                        // `@10am` is a time unless someone's id is `10am`.
                        let person = |id: &str| {
                            !id.starts_with(|c: char| c.is_ascii_digit())
                                || context.config.person(id).is_some()
                        };
                        let found = mentions(&text[from..span.end])
                            .filter(|(id, at)| from + at >= span.start && person(id));
                        item.mentions.extend(found.map(|(id, at)| Mention {
                            id,
                            position: index.position(text, from + at),
                        }));
                    }
                    item.text.push_str(&t);
                }
                if let (true, false, Some(goal)) = (in_goal, private, goal.as_mut()) {
                    goal.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = items.last_mut() {
                    item.text.push(' ');
                }
                if let (true, false, Some(goal)) = (in_goal, private, goal.as_mut()) {
                    goal.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(item) = items.last_mut() {
                    item.text.push(' ');
                }
                if let (true, Some(goal)) = (in_goal, goal.as_mut()) {
                    goal.push_str("\n\n");
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                if let (false, Some(target)) = (private, relative_target(&dest_url)) {
                    let by_reference = matches!(
                        link_type,
                        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                    );
                    definitions.push(
                        by_reference
                            .then(|| {
                                parser
                                    .reference_definitions()
                                    .get(&id)
                                    .map(|d| d.span.start + base)
                            })
                            .flatten(),
                    );
                    body.links.push(Link {
                        target,
                        position: index.position(text, span.start),
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(open) = section.take() {
        close(&mut body, open);
    }
    if let Some(region) = private_region.take() {
        private_spans.push(end_private(&mut body, &region, text, range.end, index));
    }
    let mut definitions = definitions.into_iter();
    body.links.retain(|_| {
        let definition = definitions.next().flatten();
        !definition.is_some_and(|at| private_spans.iter().any(|span| span.contains(&at)))
    });
    body.goal = goal.map(|g| g.trim().to_owned()).filter(|g| !g.is_empty());
    body
}

/// Ends the open section: records whether it is empty.
fn close(body: &mut Body, open: OpenSection) {
    if let Some(section) = body.sections.last_mut() {
        section.empty = !open.filled;
    }
}

/// Whether an event shows a reader something: text that is not blank, code, a rule, an
/// image, a table, a task box, or HTML that is not only comments (SPEC 2.2's "empty" is
/// about what a reader sees, so `    <!-- x -->` in an indented code block is content).
fn shows_something(event: &Event) -> bool {
    match event {
        Event::Text(t) | Event::Code(t) => !t.trim().is_empty(),
        Event::InlineHtml(t) => !is_blank(t),
        Event::Start(Tag::CodeBlock(_) | Tag::Table(_) | Tag::Image { .. })
        | Event::Rule
        | Event::TaskListMarker(_)
        | Event::FootnoteReference(_) => true,
        _ => false,
    }
}

/// Ends a private region at `end`: records its lines, returns its byte range.
fn end_private(
    body: &mut Body,
    region: &PrivateRegion,
    text: &str,
    end: usize,
    index: &LineIndex,
) -> Range<usize> {
    let end = end.max(region.start);
    let last_line = index
        .position(text, end.saturating_sub(1).max(region.start))
        .line;
    body.private_lines
        .push(region.heading_line..=last_line.max(region.heading_line));
    region.start..end
}

/// The number of open HTML elements after `html`, starting from `open`: opening tags less
/// closing ones, outside comments, without void elements (`<br>`) and self-closing tags.
fn html_nesting(html: &str, mut open: usize) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let self_closing = rest[..tag_end].ends_with('/');
        if closing {
            open = open.saturating_sub(1);
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            open += 1;
        }
    }
    open
}

/// Whether nothing but whitespace and HTML comments is left (SPEC 2.2's "empty").
fn is_blank(mut content: &str) -> bool {
    loop {
        match content.find("<!--") {
            Some(start) => {
                if !content[..start].trim().is_empty() {
                    return false;
                }
                match content[start + 4..].find("-->") {
                    Some(end) => content = &content[start + 4 + end + 3..],
                    None => return true,
                }
            }
            None => return content.trim().is_empty(),
        }
    }
}

fn commitment(
    item: OpenItem,
    done: bool,
    role: Option<SectionRole>,
    context: &Context,
    text: &str,
    index: &LineIndex,
) -> Commitment {
    let section_owner = match role {
        Some(SectionRole::ManagerCommitment) => Some(Owner::Manager),
        Some(SectionRole::EngineerCommitment) => Some(Owner::Engineer),
        _ => None,
    };
    let mention_owner = item
        .mentions
        .first()
        .map(|mention| match mention.id.as_str() {
            "manager" => Owner::Manager,
            "engineer" => Owner::Engineer,
            id if Some(id) == context.manager => Owner::Manager,
            id if Some(id) == context.engineer => Owner::Engineer,
            _ => Owner::Unassigned,
        });
    let item_text = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let owner = section_owner.or(mention_owner).unwrap_or(Owner::Unassigned);
    let first_mention = match (owner, item.mentions.first()) {
        (Owner::Unassigned, Some(first)) => Some(first.id.as_str().into()),
        _ => None,
    };
    let known =
        |id: &str| id == "manager" || id == "engineer" || context.config.person(id).is_some();
    Commitment {
        position: index.position(text, item.start),
        due: due_date(&item_text),
        owner,
        owned_by_section: section_owner.is_some(),
        first_mention,
        unknown_mentions: item
            .mentions
            .into_iter()
            .filter(|m| !known(&m.id))
            .collect(),
        done,
        text: item_text,
    }
}

/// Every `@id` that is a mention: not inside a word, an e-mail address or a URL path
/// (`…/@author/…`), not escaped (`\@`), not a package scope (`@types/node`).
pub fn mentions(source: &str) -> impl Iterator<Item = (String, usize)> + '_ {
    source.match_indices('@').filter_map(|(at, _)| {
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "._%+-/\\".contains(c)) {
            return None;
        }
        let id: String = source[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
            .collect();
        let id = id.trim_end_matches('-');
        let after = source[at + 1 + id.len()..].chars().next();
        let is_path = matches!(after, Some('/' | '@'))
            || after.is_some_and(|c| c.is_alphanumeric() || c == '_');
        (!id.is_empty() && !id.starts_with('-') && !is_path).then(|| (id.to_owned(), at))
    })
}

/// The first `due YYYY-MM-DD`, `due: YYYY-MM-DD` or `(due YYYY-MM-DD)`, case-insensitive.
pub fn due_date(text: &str) -> Option<NaiveDate> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("due").find_map(|(at, _)| {
        let before = lower[..at].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            return None;
        }
        let after = &lower[at + 3..];
        let rest = after.strip_prefix(':').unwrap_or(after);
        let date = rest.trim_start();
        // `due` must be followed by a colon, a space, or both: `due2026-03-01` is a word.
        if date.len() == after.len() {
            return None;
        }
        // `due 2026-04-011` is not a date.
        if date.as_bytes().get(10).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        parse_date(date.get(..10)?)
    })
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
    Some(percent_decode(path))
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_skip_emails_and_words() {
        let all = |s| mentions(s).collect::<Vec<_>>();
        assert_eq!(
            all("ask @sam-okafor, then @engineer"),
            [("sam-okafor".into(), 4), ("engineer".into(), 22)]
        );
        assert_eq!(all("mail sam@example.com"), []);
        assert_eq!(all("(@engineer) x"), [("engineer".into(), 1)]);
        assert_eq!(all("@- @x-"), [("x".into(), 3)]);
        assert_eq!(all("@Sam"), []);
        assert_eq!(all("read https://medium.com/@someauthor/post"), []);
        assert_eq!(all("npm i @types/node, \\@ghost, @alice_b"), []);
        assert_eq!(all("(@alice-nguyen)."), [("alice-nguyen".into(), 1)]);
    }

    #[test]
    fn due_dates_in_the_three_forms() {
        let d = |s| due_date(s).map(|d| d.to_string());
        assert_eq!(d("ship it due 2026-03-01"), Some("2026-03-01".into()));
        assert_eq!(d("ship it (Due: 2026-03-01)"), Some("2026-03-01".into()));
        assert_eq!(d("ship it (due 2026-03-01)"), Some("2026-03-01".into()));
        assert_eq!(d("overdue 2026-03-01"), None);
        assert_eq!(d("due 2026-02-30"), None);
        assert_eq!(d("due2026-03-01"), None);
        assert_eq!(d("due 2026-04-011"), None);
        assert_eq!(d("residue due 2026-04-01"), Some("2026-04-01".into()));
    }

    #[test]
    fn html_nesting_counts_open_elements() {
        assert_eq!(html_nesting("<div>\n", 0), 1);
        assert_eq!(html_nesting("</div>\n", 1), 0);
        assert_eq!(html_nesting("<details><summary>x</summary>\n", 0), 1);
        assert_eq!(html_nesting("<br><img src=x/><hr/>\n", 0), 0);
        assert_eq!(html_nesting("<!-- <div> -->\n", 0), 0);
        assert_eq!(html_nesting("</p></p>", 1), 0);
    }

    #[test]
    fn blank_means_only_comments_and_space() {
        assert!(is_blank("\n  <!-- guidance\n more -->\n\n"));
        assert!(is_blank("<!-- unclosed"));
        assert!(!is_blank("<!-- a --> text"));
        assert!(!is_blank("### Sub heading"));
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
