//! The Markdown body: sections, commitments, links, placeholders and the contract's goal,
//! with positions in the file.
//!
//! pulldown-cmark parses the body slice only (its YAML metadata option stays off: it would
//! hide body text between two `---` lines), and every offset is shifted by the body's
//! start. One pass over the events: [`Parse`] keeps the state every part needs (how deep
//! in quotes and lists an event is, whether it is private) and hands each event to the
//! collector of its part: [`sections`], [`items`], [`links`].

mod items;
mod links;
mod sections;

use std::ops::{Range, RangeInclusive};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::Config;
use crate::diagnostic::Position;
use crate::lines::LineIndex;
use crate::vocabulary::{DocType, SectionRole};
pub use items::{BadDate, Commitment, Mention};
pub use links::Link;
pub use sections::{Content, NearHeading, NearKind, Section};

/// Everything cairn keeps of a body.
#[derive(Debug, Default)]
pub struct Body {
    /// Level-2 sections at the top level, in order (private ones left out).
    pub sections: Vec<Section>,
    /// Bold lines and headings of other levels that may be a required section written
    /// the wrong way (SPEC 2.2's near misses).
    pub near_headings: Vec<NearHeading>,
    /// Task items outside private sections.
    pub commitments: Vec<Commitment>,
    /// Relative links outside private sections.
    pub links: Vec<Link>,
    /// The text of a contract's Development goal section, paragraphs separated by a blank
    /// line; `None` when the section is missing or not written.
    pub goal: Option<String>,
    /// `TODO`-like words standing in text, outside private sections, code and comments.
    pub placeholders: Vec<Placeholder>,
    /// The rules that `<!-- cairn-ignore: … -->` comments name, each where it is written.
    pub ignores: Vec<Ignore>,
    /// Due and done dates in task items that are not calendar dates.
    pub bad_dates: Vec<BadDate>,
    /// The lines of private sections, which no output may show.
    pub private_lines: Vec<RangeInclusive<usize>>,
}

/// A placeholder word in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Where the word is.
    pub position: Position,
    /// The word.
    pub word: &'static str,
    /// The section it stands in (an index into [`Body::sections`]).
    pub section: Option<usize>,
}

/// A rule named by a `<!-- cairn-ignore: … -->` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    /// The rule's name as written.
    pub name: Box<str>,
    /// Where the name is.
    pub position: Position,
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

/// Private notes: from a heading of any level with a private title up to the next heading
/// at the top level of the document of the same or a higher level. (SPEC 2.5: a
/// `### Private notes` under a conversation's heading is just as private, and a heading
/// inside a quote or a list item, such as a forwarded e-mail, ends nothing.)
struct PrivateRegion {
    level: HeadingLevel,
    start: usize,
    heading_line: usize,
}

/// A block of text being read (a paragraph, an item's own text, a heading): its lines
/// decide whether a section is written, and a paragraph that is only bold text may be a
/// heading written the wrong way.
struct Block {
    start: usize,
    text: String,
    /// Text outside emphasis was seen.
    plain: bool,
    /// Text inside emphasis was seen.
    emphasized: bool,
    /// A paragraph at the top level of the document.
    top_level: bool,
}

/// The state of one pass over a body's events.
struct Parse<'a> {
    text: &'a str,
    index: &'a LineIndex,
    context: &'a Context<'a>,
    body: Body,
    sections: sections::Collector,
    items: items::Collector,
    links: links::Collector,
    /// How many block quotes, lists and footnotes enclose the event: only a heading at
    /// depth 0 is a heading of the document.
    depth: usize,
    /// Elements an HTML block opened and none has closed yet (`<div>`, a blank line, then
    /// Markdown): CommonMark ends the block at the blank line, but a heading before the
    /// `</div>` is inside the element as its author sees it. Where cairn cannot tell, it
    /// hides: such a heading ends nothing.
    open_elements: usize,
    /// An HTML block comes one line per event: its text is judged whole.
    html_block: Option<String>,
    heading: Option<(HeadingLevel, usize, String)>,
    blocks: Vec<Block>,
    emphasis: usize,
    in_code: bool,
    private: Option<PrivateRegion>,
    /// Byte ranges of private sections: a link used in the open whose target is defined
    /// in private notes stays private.
    private_spans: Vec<Range<usize>>,
    goal: Option<String>,
    in_goal: bool,
}

/// Parses the body in `range` of `text`.
pub fn parse(text: &str, range: Range<usize>, index: &LineIndex, context: &Context) -> Body {
    let base = range.start;
    let options =
        Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Parser::new_ext(&text[range.clone()], options).into_offset_iter();
    let mut parse = Parse {
        text,
        index,
        context,
        body: Body::default(),
        sections: sections::Collector::default(),
        items: items::Collector::default(),
        links: links::Collector::default(),
        depth: 0,
        open_elements: 0,
        html_block: None,
        heading: None,
        blocks: Vec::new(),
        emphasis: 0,
        in_code: false,
        private: None,
        private_spans: Vec::new(),
        goal: None,
        in_goal: false,
    };
    while let Some((event, span)) = events.next() {
        let span = span.start + base..span.end + base;
        if let Event::Start(
            Tag::Link {
                dest_url,
                id,
                link_type,
                ..
            }
            | Tag::Image {
                dest_url,
                id,
                link_type,
                ..
            },
        ) = &event
        {
            let definition = events
                .reference_definitions()
                .get(id)
                .map(|d| d.span.start + base);
            if parse.private.is_none() {
                parse
                    .links
                    .link(dest_url, *link_type, definition, span.clone(), text, index);
            }
        }
        parse.event(event, span);
    }
    parse.finish(range.end)
}

impl Parse<'_> {
    fn event(&mut self, event: Event, span: Range<usize>) {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                self.depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Start(Tag::HtmlBlock) => self.html_block = Some(String::new()),
            Event::Html(t) => {
                if let Some(html) = self.html_block.as_mut() {
                    html.push_str(&t);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let html = self.html_block.take().unwrap_or_default();
                self.open_elements = html_nesting(&html, self.open_elements);
                self.html(&html, span.start);
            }
            Event::InlineHtml(t) => self.html(&t, span.start),
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level, span.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, title)) = self.heading.take() {
                    self.heading_end(level, start, title);
                }
            }
            Event::Text(t) | Event::Code(t) if self.heading.is_some() => {
                if let Some((_, _, title)) = self.heading.as_mut() {
                    title.push_str(&t);
                }
            }
            // A setext title can span lines: "Private\nnotes" is "Private notes".
            Event::SoftBreak | Event::HardBreak if self.heading.is_some() => {
                if let Some((_, _, title)) = self.heading.as_mut() {
                    title.push(' ');
                }
            }
            Event::Start(Tag::Paragraph) => self.blocks.push(Block {
                start: span.start,
                text: String::new(),
                plain: false,
                emphasized: false,
                top_level: self.depth == 0 && (self.open_elements == 0 || self.private.is_none()),
            }),
            Event::End(TagEnd::Paragraph) => {
                self.block_end();
                if self.in_goal && self.private.is_none() {
                    if let Some(goal) = self.goal.as_mut() {
                        goal.push_str("\n\n");
                    }
                }
                self.items.paragraph_end();
            }
            Event::Start(Tag::Item) => {
                // The span starts at the container's indentation; the item at its marker.
                let source = &self.text[span.clone()];
                let start = span.start + (source.len() - source.trim_start().len());
                self.items.start(start);
                self.blocks.push(Block {
                    start,
                    text: String::new(),
                    plain: false,
                    emphasized: false,
                    top_level: false,
                });
            }
            Event::End(TagEnd::Item) => {
                self.block_end();
                if self.in_goal && self.private.is_none() {
                    if let Some(goal) = self.goal.as_mut() {
                        goal.push_str("\n\n");
                    }
                }
                if self.private.is_none() {
                    let owner = self.sections.owner();
                    self.items
                        .end(owner, self.context, self.text, self.index, &mut self.body);
                } else {
                    self.items.drop_last();
                }
            }
            Event::TaskListMarker(done) => self.items.task(done),
            Event::Start(Tag::Strong | Tag::Emphasis) => self.emphasis += 1,
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                self.emphasis = self.emphasis.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.in_code = true;
                self.fill();
            }
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::Text(t) if !self.in_code => self.text_event(&t, span, false),
            Event::Code(t) => self.text_event(&t, span, true),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = self.blocks.last_mut() {
                    block.text.push('\n');
                }
                self.items.text(" ", None);
                if self.in_goal && self.private.is_none() {
                    if let Some(goal) = self.goal.as_mut() {
                        goal.push(' ');
                    }
                }
            }
            Event::Start(Tag::Table(_) | Tag::Image { .. })
            | Event::Rule
            | Event::FootnoteReference(_) => self.fill(),
            _ => {}
        }
    }

    /// Text in a paragraph, an item or a table cell. `code` is an inline code span: it
    /// shows, but holds no mention and no placeholder.
    fn text_event(&mut self, t: &str, span: Range<usize>, code: bool) {
        let private = self.private.is_some();
        match self.blocks.last_mut() {
            Some(block) => {
                block.text.push_str(t);
                if !t.trim().is_empty() {
                    if self.emphasis > 0 {
                        block.emphasized = true;
                    } else {
                        block.plain = true;
                    }
                }
            }
            None if !t.trim().is_empty() => self.fill(),
            None => {}
        }
        if private {
            return;
        }
        // Positions are exact only where the event's text is its source (no entity or
        // escape); elsewhere the event's start stands in.
        let source = self.text.get(span.clone()).unwrap_or("");
        let exact = source == t;
        let at = |offset: usize| {
            if exact {
                span.start + offset
            } else {
                span.start
            }
        };
        if !code {
            for (offset, word) in crate::document::placeholder::words(t) {
                let position = self.index.position(self.text, at(offset));
                self.body.placeholders.push(Placeholder {
                    position,
                    word,
                    section: self.sections.current(),
                });
            }
        }
        // pulldown-cmark starts an escaped `\@`'s text at the `@`, after its backslash.
        let escaped = span.start > 0 && self.text.as_bytes().get(span.start - 1) == Some(&b'\\');
        self.items
            .text(t, (!code).then_some((span.start, exact, escaped)));
        if self.in_goal {
            if let Some(goal) = self.goal.as_mut() {
                goal.push_str(t);
            }
        }
    }

    /// An HTML block or inline HTML: content unless it is only comments, and where
    /// `cairn-ignore` comments are written. An HTML heading with a private title
    /// (`<h2>Private notes</h2>`, pasted from a wiki) starts private notes as a Markdown
    /// one does; it ends nothing, since where cairn cannot tell, it hides.
    fn html(&mut self, html: &str, start: usize) {
        if self.private.is_none() {
            let private = crate::title::html_headings(html).find(|(_, titles)| {
                titles
                    .iter()
                    .any(|title| self.context.config.is_private(title))
            });
            if let Some(level) = private.and_then(|(level, _)| HeadingLevel::try_from(level).ok()) {
                self.start_private(level, start);
                return;
            }
        }
        if !is_blank(html) {
            self.fill();
        }
        if self.private.is_some() {
            return;
        }
        let exact = self.text.get(start..start + html.len()) == Some(html);
        for (offset, name) in ignored_rules(html) {
            let at = if exact { start + offset } else { start };
            self.body.ignores.push(Ignore {
                name: name.into(),
                position: self.index.position(self.text, at),
            });
        }
    }

    /// Something a reader sees, in the open: the section is written.
    fn fill(&mut self) {
        if self.private.is_none() && self.heading.is_none() {
            self.sections.fill();
        }
    }

    /// The end of a paragraph or of an item's own text: each line is a placeholder or
    /// writing; a top-level paragraph that is only bold may be a heading.
    fn block_end(&mut self) {
        let Some(block) = self.blocks.pop() else {
            return;
        };
        if self.private.is_some() {
            return;
        }
        for line in block.text.split('\n') {
            if line.trim().is_empty() {
                continue;
            }
            match crate::document::placeholder::line(line) {
                Some(word) => self.sections.placeholder(word),
                None => self.sections.fill(),
            }
        }
        if block.top_level && block.emphasized && !block.plain {
            let position = self.index.position(self.text, block.start);
            self.sections.near_heading(
                NearKind::Bold,
                &block.text,
                position,
                self.context,
                &mut self.body,
            );
        }
    }

    fn heading_end(&mut self, level: HeadingLevel, start: usize, title: String) {
        let is_private = self.context.config.is_private(&title);
        // An HTML element left open matters only in private notes: there, a heading inside
        // it may be part of the hidden material, and where cairn cannot tell, it hides.
        // Elsewhere CommonMark ends the HTML block at a blank line and the heading counts.
        let in_html = self.open_elements > 0 && self.private.is_some();
        if self.depth > 0 || in_html {
            // Quoted or listed material: not a heading of the document, so it ends
            // nothing; a private title there still hides what follows.
            if is_private && self.private.is_none() {
                self.start_private(level, start);
            } else if self.private.is_none() {
                self.line_of_section(&title);
            }
            return;
        }
        if self
            .private
            .as_ref()
            .is_some_and(|region| level <= region.level)
        {
            // Private notes end only at a `#` heading. A setext heading there is most
            // often a paragraph followed by a `---` meant as a rule; where cairn cannot
            // tell, it hides.
            let atx = self.text[start..].trim_start_matches(' ').starts_with('#');
            if !atx {
                return;
            }
            self.end_private(start);
        }
        if self.private.is_none() && is_private {
            self.start_private(level, start);
        }
        if level <= HeadingLevel::H2 {
            self.sections.close(&mut self.body);
            self.in_goal = false;
        }
        if self.private.is_some() {
            return;
        }
        let position = self.index.position(self.text, start);
        if level == HeadingLevel::H2 {
            let opened = self
                .sections
                .open(&title, position, start, self.context, &mut self.body);
            self.in_goal = opened == Some(SectionRole::Goal) && self.goal.is_none();
            if self.in_goal {
                self.goal = Some(String::new());
            }
        } else {
            if level > HeadingLevel::H2 {
                // A sub-heading is something a reader sees in the section.
                self.line_of_section(&title);
            }
            self.sections.near_heading(
                NearKind::Level(level as u8),
                &title,
                position,
                self.context,
                &mut self.body,
            );
        }
    }

    /// A line of text in the open section: a placeholder or writing.
    fn line_of_section(&mut self, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        match crate::document::placeholder::line(line) {
            Some(word) => self.sections.placeholder(word),
            None => self.sections.fill(),
        }
    }

    fn start_private(&mut self, level: HeadingLevel, start: usize) {
        self.private = Some(PrivateRegion {
            level,
            start,
            heading_line: self.index.position(self.text, start).line,
        });
    }

    /// Ends the private region at `end`: records its lines and its byte range.
    fn end_private(&mut self, end: usize) {
        let Some(region) = self.private.take() else {
            return;
        };
        let end = end.max(region.start);
        let last_line = self
            .index
            .position(self.text, end.saturating_sub(1).max(region.start))
            .line;
        self.body
            .private_lines
            .push(region.heading_line..=last_line.max(region.heading_line));
        self.private_spans.push(region.start..end);
    }

    fn finish(mut self, end: usize) -> Body {
        self.sections.close(&mut self.body);
        self.end_private(end);
        self.body.links = self.links.finish(&self.private_spans);
        let written = self
            .body
            .sections
            .iter()
            .find(|s| s.role == Some(SectionRole::Goal))
            .is_some_and(|s| s.content == Content::Filled);
        self.body.goal = self
            .goal
            .map(|g| g.trim().to_owned())
            .filter(|g| written && !g.is_empty());
        self.body
    }
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

/// The rule names of every `<!-- cairn-ignore: a, b -->` comment in `html`, with their
/// byte offsets.
fn ignored_rules(html: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = html[rest..].find("<!--") {
        let start = rest + open + 4;
        let end = html[start..].find("-->").map_or(html.len(), |e| start + e);
        let comment = &html[start..end];
        let lead = comment.len() - comment.trim_start().len();
        if let Some(names) = comment.trim_start().strip_prefix("cairn-ignore:") {
            let mut at = start + lead + "cairn-ignore:".len();
            for part in names.split(',') {
                let name = part.trim();
                if !name.is_empty() {
                    let offset = at + (part.len() - part.trim_start().len());
                    found.push((offset, name));
                }
                at += part.len() + 1;
            }
        }
        rest = (end + 3).min(html.len());
    }
    found
}

#[cfg(test)]
mod tests;
