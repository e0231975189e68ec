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

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::privacy::{html_nesting, Redacted};
use crate::config::Config;
use crate::domain::diagnostic::Position;
use crate::domain::vocabulary::{DocType, SectionRole};
use crate::text::comments::without_comments;
use crate::text::lines::LineIndex;
use crate::text::words::contains_words;
pub use items::{BadDate, Commitment, Mention};
pub use links::{anchor, Link};
pub use sections::{Content, Misspelt, NearHeading, NearKind, Section};

/// Everything cairn keeps of a body.
#[derive(Debug, Default)]
pub struct Body {
    /// Level-2 sections at the top level, in order (private ones left out).
    pub sections: Vec<Section>,
    /// Bold lines and headings of other levels that may be a required section written
    /// the wrong way (docs/format.md's near misses).
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
    /// Headings and bold lines that misspell a section the template writes.
    pub misspelt: Vec<Misspelt>,
    /// The anchor of every heading of the document outside private notes, sorted: what
    /// a link's `#heading` may name.
    pub anchors: Vec<u64>,
    /// For a progress review, with a capability framework: the ids of the capabilities
    /// its public text names, by id or by name (docs/frameworks.md), in the framework's
    /// order.
    pub capability_mentions: Vec<String>,
}

impl Body {
    /// The body without spare capacity: 100,000 documents are kept for a whole run.
    pub fn shrunk(mut self) -> Body {
        self.sections.shrink_to_fit();
        self.near_headings.shrink_to_fit();
        self.commitments.shrink_to_fit();
        self.links.shrink_to_fit();
        self.placeholders.shrink_to_fit();
        self.ignores.shrink_to_fit();
        self.bad_dates.shrink_to_fit();
        self.misspelt.shrink_to_fit();
        self.anchors.shrink_to_fit();
        self.capability_mentions.shrink_to_fit();
        self
    }
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
    redacted: &'a Redacted<'a>,
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
    /// The event being read lies in private notes: its text is blank, and it counts for
    /// nothing (a private heading of level 1 or 2 still ends the section before it).
    private: bool,
    goal: Option<String>,
    in_goal: bool,
}

/// Parses the body in `range` of the redacted text.
pub fn parse(
    redacted: &Redacted,
    range: Range<usize>,
    index: &LineIndex,
    context: &Context,
) -> Body {
    let text = redacted.text();
    let base = range.start;
    let options = Options::ENABLE_TASKLISTS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS;
    let mut events = Parser::new_ext(&text[range.clone()], options).into_offset_iter();
    let mut parse = Parse::new(redacted, index, context);
    while let Some((event, span)) = events.next() {
        let span = span.start + base..span.end + base;
        parse.private = redacted.is_private(span.start);
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
            if !parse.private {
                parse
                    .links
                    .link(dest_url, *link_type, definition, span.clone(), text, index);
            }
        }
        parse.event(event, span);
    }
    let mut body = parse.finish();
    body.capability_mentions = capability_mentions(text, range.end, &body.sections, context);
    body
}

/// The capabilities a progress review names under its headings, by id or by name, as
/// whole words in any case, outside HTML comments (docs/frameworks.md). What the template
/// wrote above the first heading (the contract's goal) is not the manager's words and
/// does not count; the text is already redacted, so private notes never count either.
fn capability_mentions(
    text: &str,
    end: usize,
    sections: &[Section],
    context: &Context,
) -> Vec<String> {
    let Some(framework) = context.config.framework.as_ref() else {
        return Vec::new();
    };
    if context.doc_type != Some(DocType::ProgressReview) {
        return Vec::new();
    }
    let Some(first) = sections.first().filter(|s| s.start < end) else {
        return Vec::new();
    };
    let notes = without_comments(&text[first.start..end]);
    framework
        .capabilities
        .iter()
        .filter(|c| contains_words(&notes, &c.id) || contains_words(&notes, &c.name))
        .map(|c| c.id.clone())
        .collect()
}

impl<'a> Parse<'a> {
    /// A parse of the body of `redacted` that has read nothing yet.
    fn new(
        redacted: &'a Redacted<'a>,
        index: &'a LineIndex,
        context: &'a Context<'a>,
    ) -> Parse<'a> {
        Parse {
            text: redacted.text(),
            redacted,
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
            private: false,
            goal: None,
            in_goal: false,
        }
    }

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
                top_level: self.depth == 0 && (self.open_elements == 0 || !self.private),
            }),
            Event::End(TagEnd::Paragraph) => {
                self.block_end();
                self.goal_push("\n\n");
                self.items.paragraph_end();
            }
            Event::Start(Tag::Item) => self.item_start(span),
            Event::End(TagEnd::Item) => self.item_end(),
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
                self.goal_push(" ");
            }
            Event::Start(Tag::Table(_) | Tag::Image { .. })
            | Event::Rule
            | Event::FootnoteReference(_) => self.fill(),
            _ => {}
        }
    }

    /// A list item begins: at its marker, since the span starts at the container's
    /// indentation.
    fn item_start(&mut self, span: Range<usize>) {
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

    /// A list item ends: it is read into the body, or dropped when it is private.
    fn item_end(&mut self) {
        self.block_end();
        self.goal_push("\n\n");
        if !self.private {
            let owner = self.sections.owner();
            self.items
                .end(owner, self.context, self.text, self.index, &mut self.body);
        } else {
            self.items.drop_last();
        }
    }

    /// Separates what comes next in the development goal being read from what came
    /// before (`"\n\n"` after a paragraph or an item, `" "` at a line break); nothing in
    /// private notes.
    fn goal_push(&mut self, separator: &str) {
        if self.in_goal && !self.private {
            if let Some(goal) = self.goal.as_mut() {
                goal.push_str(separator);
            }
        }
    }

    /// Text in a paragraph, an item or a table cell. `code` is an inline code span: it
    /// shows, but holds no mention and no placeholder.
    fn text_event(&mut self, t: &str, span: Range<usize>, code: bool) {
        let private = self.private;
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
            for (offset, word) in crate::model::document::placeholder::words(t) {
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
    /// `cairn-ignore` comments are written.
    fn html(&mut self, html: &str, start: usize) {
        if !is_blank(html) {
            self.fill();
        }
        if self.private {
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
        if !self.private && self.heading.is_none() {
            self.sections.fill();
        }
    }

    /// The end of a paragraph or of an item's own text: each line is a placeholder or
    /// writing; a top-level paragraph that is only bold may be a heading.
    fn block_end(&mut self) {
        let Some(block) = self.blocks.pop() else {
            return;
        };
        if self.private {
            return;
        }
        if block.top_level && block.emphasized && !block.plain {
            let key = crate::domain::title::normalize(&block.text.replace('\n', " "));
            if let Some(spec) = sections::misspelt(&key, true, self.context) {
                let position = self.index.position(self.text, block.start);
                self.sections
                    .open_misspelt(spec, position, block.start, &mut self.body);
                self.in_goal = false;
                return;
            }
        }
        for line in block.text.split('\n') {
            if line.trim().is_empty() {
                continue;
            }
            match crate::model::document::placeholder::line(line) {
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
        if self.depth > 0 {
            // Quoted or listed material: not a heading of the document, so it ends
            // nothing; it is something a reader sees in the section.
            if !self.private {
                self.line_of_section(&title);
            }
            return;
        }
        // A private start of level 1 or 2 ends the section before it, as any heading does.
        if level <= HeadingLevel::H2 {
            self.sections.close(&mut self.body);
            self.in_goal = false;
        }
        if self.private {
            return;
        }
        self.body.anchors.push(links::anchor(&title));
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
        match crate::model::document::placeholder::line(line) {
            Some(word) => self.sections.placeholder(word),
            None => self.sections.fill(),
        }
    }

    fn finish(mut self) -> Body {
        self.sections.close(&mut self.body);
        self.body.links = self.links.finish(self.redacted.extents());
        self.body.anchors.sort_unstable();
        self.body.anchors.dedup();
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

/// Whether nothing but whitespace and HTML comments is left (docs/format.md's "empty").
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
