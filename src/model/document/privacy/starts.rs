//! Where private notes start: every line that reads as a heading, a bold line, an HTML
//! heading or a `<summary>` with a private title, wherever it stands — at the top level,
//! in a quote or a list item, indented, in a fenced block or a comment, in front matter.
//!
//! The scan reads lines, not Markdown: a start must be found even where the Markdown
//! parser would call the line code or raw HTML, since that is where cairn cannot tell
//! what a reader will see. Each line is looked at a bounded number of times.

use std::borrow::Cow;
use std::ops::Range;

use crate::text::lines::lines;
use crate::text::phrase::{Matched, PrivatePhrases};

/// How a start is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `#`–`######` and a title (`atx`), or a paragraph over a `===`/`---` underline.
    Heading {
        /// 1–6.
        level: u8,
        /// Written with `#`s.
        atx: bool,
    },
    /// `<h1>`–`<h6>`, `<summary>`, or a line of bold or italic text.
    Other,
    /// A sealed block (`<!-- cairn:sealed … -->` and its age armor): always private, to
    /// the end of its armor.
    Sealed,
}

/// The first line of a sealed block.
pub const SEALED_MARKER: &str = "<!-- cairn:sealed";

/// The last line of a sealed block's armor.
pub const SEALED_END: &str = "-----END AGE ENCRYPTED FILE-----";

/// One private start, as found on the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The start of its (first) line.
    pub line_start: usize,
    /// The bytes kept in the redacted text: the container markers and the heading's own
    /// marker (`> ## `, `**`, `<h2>`), never a word of the title.
    pub marker: Range<usize>,
    /// For a setext heading, its underline line: kept too, so the heading stays one.
    pub underline: Option<Range<usize>>,
    pub form: Form,
    /// Behind a quote's or a list item's marker, or indented as code.
    pub nested: bool,
    /// The start is all its line holds (a heading, a bold line, an HTML heading alone):
    /// a fix may rewrite the line.
    pub alone: bool,
    /// The phrase that made it private, as configured.
    pub shown: String,
    /// A configured phrase is in its title plainly.
    pub plain: bool,
    /// Where it ends, when the start itself says (a sealed block's armor).
    pub end: Option<usize>,
    /// Its title is the phrase and nothing else.
    pub whole: bool,
}

/// Every private start of `text`. `body` is where the Markdown body begins: lines before
/// it (front matter, where `---` is a fence) are never a setext title or underline.
pub fn find(text: &str, body: usize, phrases: &PrivatePhrases) -> Vec<Found> {
    let mut found = Vec::new();
    // The current paragraph's lines, for a setext underline: (first line start, text).
    let mut paragraph: Option<(usize, Range<usize>)> = None;
    for line in lines(text, 0) {
        let source = &text[line.clone()];
        let (prefix, rest) = strip_containers(source);
        let at = line.start + prefix;
        if source.trim_start().starts_with(SEALED_MARKER) {
            found.push(sealed(text, line.clone()));
            paragraph = None;
            continue;
        }
        if line.start >= body {
            if let Some((first, title)) = &paragraph {
                if let Some(level) = underline(rest) {
                    let joined = text[title.clone()].replace(['\n', '\r'], " ");
                    if let Some(matched) = phrases.matches(&joined) {
                        let (title_prefix, _) = strip_containers(&text[*first..title.end]);
                        found.push(Found {
                            line_start: *first,
                            marker: *first..*first + title_prefix,
                            underline: Some(line.clone()),
                            form: Form::Heading { level, atx: false },
                            nested: title_prefix > 0,
                            alone: line_after_title_is_underline(text, title),
                            shown: matched.shown.to_owned(),
                            plain: matched.plain,
                            whole: matched.whole,
                            end: None,
                        });
                    }
                    paragraph = None;
                    continue;
                }
            }
        }
        if let Some(start) = start_on_line(text, line.clone(), prefix, rest, at, phrases) {
            found.push(start);
            paragraph = None;
            continue;
        }
        paragraph = if rest.trim().is_empty() || rest.starts_with('#') {
            None
        } else {
            match paragraph {
                Some((first, title)) => Some((first, title.start..line.end)),
                None => Some((line.start, at..line.end)),
            }
        };
    }
    found
}

/// A sealed block starting on `line`: it ends after its armor's last line (or at the end
/// of the text, where cairn cannot tell).
fn sealed(text: &str, line: Range<usize>) -> Found {
    let end = text[line.end..].find(SEALED_END).map_or(text.len(), |at| {
        crate::text::lines::line_after(text, line.end + at)
    });
    Found {
        line_start: line.start,
        marker: line.start..line.start,
        underline: None,
        form: Form::Sealed,
        nested: false,
        alone: false,
        shown: "sealed".to_owned(),
        plain: true,
        whole: false,
        end: Some(end),
    }
}

/// Whether the paragraph is one line, right above its underline.
fn line_after_title_is_underline(text: &str, title: &Range<usize>) -> bool {
    !text[title.clone()].contains(['\n', '\r'])
}

/// A start written on one line, if the line holds one.
fn start_on_line(
    text: &str,
    line: Range<usize>,
    prefix: usize,
    rest: &str,
    at: usize,
    phrases: &PrivatePhrases,
) -> Option<Found> {
    let nested = prefix > 0;
    let trimmed = rest.trim_end();
    let new = |marker: Range<usize>, form, alone, matched: Matched| Found {
        line_start: line.start,
        marker,
        underline: None,
        form,
        nested,
        alone,
        shown: matched.shown.to_owned(),
        plain: matched.plain,
        whole: matched.whole,
        end: None,
    };
    if let Some((width, level, matched)) = atx_heading(rest, phrases) {
        return Some(new(
            line.start..at + width,
            Form::Heading { level, atx: true },
            true,
            matched,
        ));
    }
    // A line of bold or italic text (`**Private notes**`, `_Private_:`, also as a link's
    // text), or one that opens with a bold or italic label (`**Private:** the words`); in
    // a table row, any cell that is one.
    let (link, label) = link_text(trimmed);
    if let Some((open, alone)) = emphasis(label, phrases) {
        let matched = phrases.matches(label)?;
        return Some(new(
            line.start..at + link + open,
            Form::Other,
            alone && link == 0,
            matched,
        ));
    }
    if let Some(cell) = table_cell(trimmed, phrases) {
        let matched = phrases.matches(cell)?;
        return Some(new(line.start..at, Form::Other, false, matched));
    }
    if let Some((tag, matched)) = html_title(&text[line.clone()], prefix, phrases) {
        let tag = line.start + tag.start..line.start + tag.end;
        let alone = tag.start == at && trimmed.ends_with('>');
        return Some(new(tag, Form::Other, alone, matched));
    }
    // The other ways a label is marked up, last: a heading or summary above says more.
    let matched = marked_label(trimmed, phrases)?;
    Some(new(line.start..at, Form::Other, false, matched))
}

/// The colons that set a label off: ASCII, and the full-width one Chinese and Japanese
/// are typed with.
const COLONS: [char; 2] = [':', '\u{ff1a}'];

/// What sets a label off from the words after it, besides a colon.
const SET_OFF: [char; 10] = [
    ':', '\u{ff1a}', '-', '.', ',', ';', '(', '\\', '\u{2013}', '\u{2014}',
];

/// An ATX heading (`#`–`######` and a title) whose title is private: the width of its
/// marker (the `#`s and the spaces after them), its level and the match. A missing space
/// after the `#`s is still taken for one.
fn atx_heading<'p>(rest: &str, phrases: &'p PrivatePhrases) -> Option<(usize, u8, Matched<'p>)> {
    let hashes = rest.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let title = &rest[hashes..];
    let matched = phrases.matches(title)?;
    let spaces = title.len() - title.trim_start().len();
    let level = u8::try_from(hashes).unwrap_or(6);
    Some((hashes + spaces, level, matched))
}

/// In a table row, the first cell that is a private heading or bold or italic label.
fn table_cell<'t>(trimmed: &'t str, phrases: &PrivatePhrases) -> Option<&'t str> {
    if !trimmed.contains('|') {
        return None;
    }
    trimmed.split('|').map(str::trim).find(|cell| {
        let hashes = cell.bytes().take_while(|b| *b == b'#').count();
        let heading = (1..=6).contains(&hashes) && phrases.matches(&cell[hashes..]).is_some();
        heading || emphasis(cell, phrases).is_some()
    })
}

/// The first HTML heading or summary anywhere in the line `source` (after its `prefix`)
/// whose title is private: the tag's range in the line, and the match. Bold or italic is a
/// start only where it opens the line (after any tags, as in `<p><b>Private</b></p>`):
/// inside a sentence it is emphasis. Most lines hold no `<`: they are not copied to be
/// lowercased, on every line of every document.
fn html_title<'p>(
    source: &str,
    prefix: usize,
    phrases: &'p PrivatePhrases,
) -> Option<(Range<usize>, Matched<'p>)> {
    memchr::memchr(b'<', source.as_bytes())?;
    for (tag, title, inline) in html_titles(source) {
        if inline && tag.start > prefix + leading_tags(&source[prefix.min(source.len())..]) {
            continue;
        }
        if let Some(matched) = phrases.matches(title) {
            return Some((tag, matched));
        }
    }
    None
}

/// A private label in the other ways Markdown and HTML mark one up, found on the line
/// with its wrapping taken off (docs/format.md): behind a task item's box and its
/// mentions (`- [ ] @manager **Private:** …`), before a hard break (`**Private**\`,
/// `**Private**<br>`), struck through (`~~**Private**~~:`), as a link's text followed by
/// words (`[**Private**](#): …`), or inside an inline HTML element at the line's start
/// (`<span>**Private:**</span> …`, `<u>Private</u>: …`). Where cairn cannot tell, it
/// hides.
fn marked_label<'p>(line: &str, phrases: &'p PrivatePhrases) -> Option<Matched<'p>> {
    let text = unwrapped(line)?;
    let text = text.as_ref();
    if text.starts_with('<') {
        return html_label(text, phrases);
    }
    if text.starts_with(['*', '_']) && text != line {
        return emphasis(text, phrases).and_then(|_| phrases.matches(text));
    }
    // What was struck through or a link's text, in plain words: a label when the phrase
    // alone comes before its colon (`~~Private~~: …`, `[Private](#): …`). A plain line is
    // not read so: `Private: no` in a list of answers is no private note, and hiding it
    // would hide the promises after it from the report.
    let (label, _) = text.split_once(COLONS)?;
    (label.len() <= 80)
        .then(|| phrases.matches(label))
        .flatten()
        .filter(|m| m.whole)
}

/// The line with its wrapping taken off, in order: a task item's box, then its mentions,
/// then the emoji and symbols a label is decorated with (`🔒 **Private:**`, `• _Private_:`);
/// a hard break at the end; strike-through; a link around its text (what follows the
/// link kept). `None` when what is left cannot hold a label: it does not start as one
/// struck through, linked, in HTML, bold or italic does (most lines, not read further).
fn unwrapped(line: &str) -> Option<Cow<'_, str>> {
    let mut text = line;
    if let Some(rest) = text
        .strip_prefix('[')
        .and_then(|t| t.get(2..))
        .filter(|_| text.get(2..3) == Some("]"))
    {
        text = rest.trim_start();
    }
    while let Some(rest) = text.strip_prefix('@') {
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        text = rest[end..].trim_start();
    }
    // Emoji, symbols and their joiners are no letter, digit or markup: whatever they
    // decorate is read as if they were not there.
    text = text
        .trim_start_matches(|c: char| c.is_whitespace() || (!c.is_ascii() && !c.is_alphanumeric()));
    if !text.starts_with(['<', '*', '_', '~', '[']) {
        return None;
    }
    for br in ["<br>", "<br/>", "<br />"] {
        let at = text.len().saturating_sub(br.len());
        if text
            .get(at..)
            .is_some_and(|end| end.eq_ignore_ascii_case(br))
        {
            text = text[..at].trim_end();
            break;
        }
    }
    let text = text.trim_end_matches('\\').trim_end();
    let text = if text.contains("~~") {
        Cow::Owned(text.replace("~~", ""))
    } else {
        Cow::Borrowed(text)
    };
    let unlinked = text
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]("))
        .and_then(|(inner, after)| after.split_once(')').map(|(_, after)| (inner, after)))
        .map(|(inner, after)| format!("{inner}{after}"));
    Some(unlinked.map_or(text, Cow::Owned))
}

/// A label in inline HTML at the line's start: its tags taken off, the first element's
/// text the label. It is a start when it is bold or italic inside, or when it is set off
/// from what follows the element (nothing, or `:`, `-`, `.`, `;`, a dash) and is the
/// phrase alone or ends in `:`.
fn html_label<'p>(text: &str, phrases: &'p PrivatePhrases) -> Option<Matched<'p>> {
    let inside = &text[leading_tags(text)..];
    if let Some(found) = emphasis(inside, phrases).and_then(|_| phrases.matches(inside)) {
        return Some(found);
    }
    let (label, after) = inside.split_once("</")?;
    let after = after
        .split_once('>')
        .map_or("", |(_, after)| after)
        .trim_start();
    // Set off by a colon of its own (`<u>Private:</u> …`) or by what follows the element
    // (`<u>Private</u>: …`).
    let colon = label.trim_end().ends_with(COLONS);
    let set_off = colon || after.is_empty() || after.starts_with(SET_OFF);
    phrases
        .matches(label)
        .filter(|m| set_off && (m.whole || colon))
}

/// A line that is one link (`[text](target)`): the offset of its text and the text;
/// any other line, whole.
fn link_text(line: &str) -> (usize, &str) {
    line.strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|rest| rest.rsplit_once("]("))
        .map_or((0, line), |(text, _)| (1, text))
}

/// Whether `text` is a private start of bold or italic text: all of it (`**Private
/// notes**`, `_Private_:`), or a label it opens with, set off by a colon or a dash
/// (`**Private:** she said`, `**Private** – she said`), with a private phrase. The length
/// of the opening delimiters, and whether the emphasis is all the line holds.
fn emphasis(text: &str, phrases: &PrivatePhrases) -> Option<(usize, bool)> {
    let open = text
        .bytes()
        .take_while(|b| matches!(b, b'*' | b'_'))
        .count();
    if open == 0 {
        return None;
    }
    let close = text
        .trim_end_matches(':')
        .bytes()
        .rev()
        .take_while(|b| matches!(b, b'*' | b'_'))
        .count();
    if close > 0 && text.len() > open + close && phrases.matches(text).is_some() {
        return Some((open, true));
    }
    // Nested emphasis closes in the reverse order it opened (`**_` with `_**`); written
    // in the same order (`**_Private**_`), it is still read as a label.
    let opening = &text[..open];
    let reversed: String = opening.chars().rev().collect();
    let end = open
        + text[open..]
            .find(&reversed)
            .or_else(|| text[open..].find(opening))?;
    let label = &text[open..end];
    let after = text[end + open..].trim_start();
    let set_off = label.trim_end().ends_with(COLONS)
        || after.starts_with(SET_OFF)
        || after
            .get(..3)
            .is_some_and(|br| br.eq_ignore_ascii_case("<br"));
    (set_off && phrases.matches(label).is_some()).then_some((open, false))
}

/// The length of the HTML tags and spaces `text` opens with.
fn leading_tags(text: &str) -> usize {
    let mut rest = text.trim_start();
    while let Some(tag) = rest.strip_prefix('<') {
        match tag.find('>') {
            Some(end) => rest = tag[end + 1..].trim_start(),
            None => break,
        }
    }
    text.len() - rest.len()
}

/// The length of the container markers before a line's content (spaces, tabs, `>`, list
/// markers, a table row's `|`, a comment's `<!--`), and the content, without a table
/// row's or a comment's end.
fn strip_containers(line: &str) -> (usize, &str) {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let after = trimmed
            .strip_prefix('>')
            .or_else(|| trimmed.strip_prefix('|'))
            .or_else(|| trimmed.strip_prefix("<!--"))
            .or_else(|| list_marker(trimmed));
        match after {
            Some(after) => rest = after,
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    let content = rest.trim_end();
    let content = content.strip_suffix("-->").unwrap_or(content).trim_end();
    let content = content.strip_suffix('|').unwrap_or(content);
    (line.len() - rest.len(), content)
}

/// The rest of a line after a list item's marker (`-`, `*`, `+`, `1.`, `1)`), when it has
/// one.
fn list_marker(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0 && digits <= 9 {
        line[digits..].strip_prefix(['.', ')'])?
    } else {
        line.strip_prefix(['-', '*', '+'])?
    };
    (marker.is_empty() || marker.starts_with([' ', '\t'])).then_some(marker)
}

/// The level of a setext underline (`===` is 1, `---` is 2).
fn underline(rest: &str) -> Option<u8> {
    let line = rest.trim_end();
    let first = line.bytes().next()?;
    let level = if first == b'=' { 1 } else { 2 };
    (matches!(first, b'=' | b'-') && line.bytes().all(|b| b == first)).then_some(level)
}

/// Each `<h1>`–`<h6>`, `<summary>`, and bold or italic element (`<b>`, `<strong>`,
/// `<i>`, `<em>`: inline, said by the flag) of a line: its opening tag's range and the
/// title after it, up to its closing tag or the end of the line. Linear: each element's
/// scan starts where the last one's ended, and a tag that never closes ends the scan.
fn html_titles(line: &str) -> Vec<(Range<usize>, &str, bool)> {
    let lower = line.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = lower[from..].find('<') {
        let start = from + offset;
        let name = &lower[start + 1..];
        let ends_name = |n: usize| {
            name.as_bytes()
                .get(n)
                .is_none_or(|b| b.is_ascii_whitespace() || b"/>".contains(b))
        };
        let inline = ["strong", "em", "b", "i"]
            .into_iter()
            .find(|tag| name.starts_with(tag) && ends_name(tag.len()));
        let close = if let Some(tag) = inline {
            match tag {
                "strong" => "</strong",
                "em" => "</em",
                "b" => "</b",
                _ => "</i",
            }
        } else if name.starts_with("summary") {
            "</summary"
        } else if name.starts_with('h')
            && name
                .as_bytes()
                .get(1)
                .is_some_and(|d| (b'1'..=b'6').contains(d))
            && name
                .as_bytes()
                .get(2)
                .is_none_or(|b| b.is_ascii_whitespace() || b"/>".contains(b))
        {
            "</h"
        } else {
            from = start + 1;
            continue;
        };
        let Some(open_end) = lower[start..].find('>').map(|n| start + n + 1) else {
            break;
        };
        let end = lower[open_end..]
            .find(close)
            .map_or(line.len(), |n| open_end + n);
        found.push((start..open_end, &line[open_end..end], inline.is_some()));
        from = end.max(open_end);
        if end == line.len() {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<(usize, Form, bool, bool)> {
        find(text, 0, &PrivatePhrases::default())
            .into_iter()
            .map(|f| (f.line_start, f.form, f.nested, f.alone))
            .collect()
    }

    const H2: Form = Form::Heading {
        level: 2,
        atx: true,
    };

    #[test]
    fn finds_every_form_wherever_it_stands() {
        assert_eq!(starts("## Private notes\n"), [(0, H2, false, true)]);
        assert_eq!(starts("x\n> ## Private\n"), [(2, H2, true, true)]);
        assert_eq!(
            starts("- ### Confidential\n")[0].1,
            Form::Heading {
                level: 3,
                atx: true
            }
        );
        assert_eq!(starts("    ## Private notes\n")[0].0, 0);
        assert_eq!(starts("**Private notes**\n")[0].1, Form::Other);
        assert_eq!(starts("_Private_:\n")[0].1, Form::Other);
        assert!(!starts("a <h2>Private notes</h2> b\n")[0].3);
        assert!(starts("<h2>Private notes</h2>\n")[0].3);
        assert_eq!(starts("<details><summary>Private</summary>\n").len(), 1);
        assert_eq!(starts("#Private notes\n").len(), 1);
        assert_eq!(starts("<!-- ## Private -->\n").len(), 1);
        assert_eq!(starts("| ## Private |\n").len(), 1);
        assert_eq!(starts("| **Private** |\n").len(), 1);
        // A label, a link's text, a cell of a row: the words after them are private too.
        assert!(!starts("**Private:** she has an offer\n")[0].3);
        assert!(!starts("**Private** - she has an offer\n")[0].3);
        assert!(!starts("_Confidential_: she has an offer\n")[0].3);
        assert_eq!(starts("[**Private**](#)\n").len(), 1);
        assert_eq!(starts("| **Private** | she has an offer |\n").len(), 1);
        assert_eq!(starts("| 2026-03 | ## Private | x |\n").len(), 1);
        assert_eq!(starts("<p><b>Private</b></p>\n").len(), 1);
        assert_eq!(starts("<strong>Confidential:</strong> x\n").len(), 1);
        for line in [
            "[**Private**](#): she may resign\n",
            "**Private**\\\n",
            "**Private**<br>she may resign\n",
            "- [ ] @manager **Private:** ask HR (due 2026-04-01)\n",
            "**Private**\\: x\n",
            "<span>**Private:**</span> x\n",
            "<u>Private</u>: x\n",
            "<mark>Private</mark>: x\n",
            "~~**Private**~~: x\n",
            "**Private**. x\n",
            "**Private**; x\n",
            // Found by the review of the third speed round: nested emphasis, a colon
            // inside the element, a label decorated with an emoji or a bullet.
            "**_Private_**: x\n",
            "**_Private:_** x\n",
            "_**Private**_: x\n",
            "<u>Private:</u> x\n",
            "<span>Private:</span> x\n",
            "🔒 **Private:** x\n",
            "🔒\u{fe0f} **Private:** x\n",
            "- [ ] 🔒 **Private:** x\n",
            "> 🔒 **Private:** x\n",
            "• _Private_: x\n",
            "🔒 **Private notes**\n",
            "**Private**, x\n",
            "**Private notes** (x)\n",
            "~~Private~~: x\n",
            "[Private](#): x\n",
            "**_Private**_: x\n",
            "_**Private_**: x\n",
            "**Private**\u{ff1a}x\n",
            "**Private\u{ff1a}** x\n",
            "<u>Private</u>, x\n",
            "<span>Private</span>\u{ff1a}x\n",
        ] {
            assert_eq!(starts(line).len(), 1, "{line:?}");
        }
        assert_eq!(
            starts("a\n\nPrivate notes\n---\n"),
            [(
                3,
                Form::Heading {
                    level: 2,
                    atx: false
                },
                false,
                true
            )]
        );
        // A paragraph's lines are one setext title.
        assert_eq!(
            starts("a\nPrivate notes\n---\n"),
            [(
                0,
                Form::Heading {
                    level: 2,
                    atx: false
                },
                false,
                false
            )]
        );
        assert_eq!(
            starts("Private\nnotes\n===\n")[0].1,
            Form::Heading {
                level: 1,
                atx: false
            }
        );
    }

    #[test]
    fn ordinary_lines_start_nothing() {
        for text in [
            "## What I heard\n",
            "I kept it private.\n",
            "- [ ] @manager keep this private\n",
            "####### Private\n",
            "**Private** notes are kept here.\n",
            "**Note:** keep this private\n",
            "I was <b>privately</b> told\n",
            "- [ ] @manager book the private dining room (due 2026-04-01)\n",
            "<p>I kept it private</p>\n",
            "<hr> private\n",
            "| a | private |\n",
            "✅ **Private** notes are kept here.\n",
            "Private: no\n",
            "- [ ] @manager Private: book a room (due 2026-04-01)\n",
            "✅ Private: done\n",
            "~~My private channel~~: #team\n",
            "<u>Private notes</u> are kept here.\n",
            "**_Private_** notes are kept here.\n",
        ] {
            assert!(starts(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn front_matter_fences_are_no_underline() {
        let text = "---\ntags: [private]\n---\nbody\n";
        assert!(find(text, 23, &PrivatePhrases::default()).is_empty());
        let comment = "---\n# Private: x\ntype: prep\n---\n";
        assert_eq!(find(comment, 31, &PrivatePhrases::default()).len(), 1);
    }

    #[test]
    fn html_scanning_is_linear_on_hostile_lines() {
        let line = "<h1".repeat(100_000);
        assert!(html_titles(&line).is_empty());
        let line = "<h1>".repeat(100_000);
        assert_eq!(html_titles(&line).len(), 1);
        let line = "<h1>a</h1>".repeat(10_000);
        assert_eq!(html_titles(&line).len(), 10_000);
        let line = "<b>a</b>".repeat(100_000);
        assert!(find(&line, 0, &PrivatePhrases::default()).is_empty());
    }
}
