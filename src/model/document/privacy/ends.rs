//! Where private notes end: at a heading of the document, which only the Markdown parser
//! can tell from a line that looks like one (in a code block, a quote, raw HTML).
//!
//! Read only for a text with a private start, on the raw body: the one other place that
//! reads the raw text, and it keeps offsets and levels, never words.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::starts::{Form, Found};

/// A heading at the top level of the document: what may end private notes.
#[derive(Debug, Clone, Copy)]
struct Heading {
    line_start: usize,
    level: u8,
    /// Written with `#`s. A setext heading is most often a paragraph over a `---` meant
    /// as a rule: it ends nothing.
    atx: bool,
    /// An HTML element opened before it is still open: it may be part of the element's
    /// content as its author sees it.
    in_element: bool,
}

/// What the parser says about the body.
pub(crate) struct Structure {
    headings: Vec<Heading>,
    /// Code blocks and HTML comments: a start inside one runs to the end of the file.
    unsure: Vec<Range<usize>>,
    body: usize,
    len: usize,
}

impl Structure {
    /// Parses the body of `text`, which begins at `body`.
    pub fn of(text: &str, body: usize) -> Structure {
        let body = body.min(text.len());
        let options = Options::ENABLE_TASKLISTS
            | Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_WIKILINKS;
        let mut structure = Structure {
            headings: Vec::new(),
            unsure: Vec::new(),
            body,
            len: text.len(),
        };
        let mut depth = 0usize;
        let mut open_elements = 0usize;
        let mut html_block: Option<(usize, String)> = None;
        for (event, span) in Parser::new_ext(&text[body..], options).into_offset_iter() {
            let span = span.start + body..span.end + body;
            match event {
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                    depth += 1;
                }
                Event::End(
                    TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition,
                ) => {
                    depth = depth.saturating_sub(1);
                }
                Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                    let line_start = line_start(text, span.start);
                    structure.headings.push(Heading {
                        line_start,
                        level: level as u8,
                        atx: text[line_start..]
                            .trim_start_matches([' ', '\t'])
                            .starts_with('#'),
                        in_element: open_elements > 0,
                    });
                }
                Event::Start(Tag::CodeBlock(_)) => structure.unsure.push(span),
                Event::Start(Tag::HtmlBlock) => html_block = Some((span.start, String::new())),
                Event::Html(html) => {
                    if let Some((_, block)) = html_block.as_mut() {
                        block.push_str(&html);
                    }
                }
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some((start, html)) = html_block.take() {
                        if html.contains("<!--") {
                            structure.unsure.push(start..span.end);
                        }
                        open_elements = html_nesting(&html, open_elements);
                    }
                }
                Event::InlineHtml(html) => {
                    if html.starts_with("<!--") {
                        structure.unsure.push(span);
                    }
                    open_elements = html_nesting(&html, open_elements);
                }
                _ => {}
            }
        }
        structure
    }

    /// The end of the private notes that `start` begins: the start of the line of the
    /// heading that ends them, or the end of the text.
    pub fn end(&self, start: &Found) -> usize {
        if let Some(end) = start.end {
            return end;
        }
        // The start's line up to its marker's end: an indented code block's span starts
        // after the indentation.
        let line = start.line_start..start.marker.end.max(start.line_start + 1);
        let unsure = |r: &Range<usize>| r.start < line.end && line.start < r.end;
        if line.start < self.body || self.unsure.iter().any(unsure) {
            return self.len;
        }
        match start.form {
            Form::Heading { level, .. } => self.end_at(start.line_start, |h| {
                if level == 1 {
                    h == 1
                } else {
                    (2..=level).contains(&h)
                }
            }),
            Form::Other => self.end_at(start.line_start, |h| h <= 2),
            Form::Sealed => self.len,
        }
    }

    /// The end a start at `line_start` would have as a level-2 heading at the top level:
    /// what a `## Private notes` written there would hide.
    pub fn end_as_level_2(&self, line_start: usize) -> usize {
        self.end_at(line_start, |h| h == 2)
    }

    fn end_at(&self, after: usize, ends: impl Fn(u8) -> bool) -> usize {
        self.headings
            .iter()
            .find(|h| h.line_start > after && h.atx && !h.in_element && ends(h.level))
            .map_or(self.len, |h| h.line_start)
    }
}

/// The start of the line that holds byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The number of open HTML elements after `html`, starting from `open`: opening tags less
/// closing ones, outside comments, without void elements (`<br>`) and self-closing tags.
pub(crate) fn html_nesting(html: &str, mut open: usize) -> usize {
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
        // Up to the tag's `>`, or the next `<` of a tag left unfinished: every byte is
        // looked at a bounded number of times.
        let tag_end = rest.find(['<', '>']).unwrap_or(rest.len());
        let self_closing = rest[..tag_end].trim_end().ends_with('/');
        if closing {
            open = open.saturating_sub(1);
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            open += 1;
        }
    }
    open
}
