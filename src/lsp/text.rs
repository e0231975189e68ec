//! Positions between cairn and the editor. cairn counts 1-based lines and characters, a
//! byte-order mark not being a column; the protocol counts 0-based lines and UTF-16 code
//! units (or UTF-32, when the client offers it), a byte-order mark in the buffer being a
//! character like any other. Both end lines at `\n`, `\r\n` or a lone `\r`. Everything
//! goes through byte offsets of the buffer's text, so the two never meet unconverted.

use gen_lsp_types as lsp;

use crate::domain::diagnostic::Position;
use crate::text::lines::LineIndex;

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default.
    Utf16,
    /// Unicode scalar values, when the client offers it.
    Utf32,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A buffer's text with its line index, and how many characters come before each
/// stretch of it.
///
/// Every finding, hover and edit turns a column into a byte offset and back. Counting the
/// characters from the start of the line each time costs the line's length, and a line
/// can hold hundreds of thousands of findings (a `cairn-ignore` comment naming as many
/// words), so the characters and UTF-16 units before every [`STRIDE`] bytes are counted
/// once per change: a conversion counts from the nearest such mark, wherever the line
/// starts.
#[derive(Debug)]
pub struct Text {
    /// The text, as the editor holds it.
    pub text: String,
    index: LineIndex,
    marks: Vec<Mark>,
    /// How many characters conversions have counted, for the tests that compare the work
    /// of doubling sizes.
    #[cfg(test)]
    counted: std::cell::Cell<usize>,
}

/// The bytes between two marks (a little more where a character straddles the stride).
const STRIDE: usize = 256;

/// A character boundary of the text, with the characters and UTF-16 units before it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: usize,
    chars: usize,
    utf16: usize,
}

impl Mark {
    fn units(self, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Utf16 => self.utf16,
            Encoding::Utf32 => self.chars,
        }
    }
}

impl Text {
    /// Indexes `text`.
    pub fn new(text: String) -> Text {
        let index = LineIndex::new(&text);
        let marks = marks(&text);
        Text {
            text,
            index,
            marks,
            #[cfg(test)]
            counted: std::cell::Cell::new(0),
        }
    }

    /// The byte range of 0-based `line`'s text, without its line ending.
    pub fn line(&self, line: usize) -> Option<std::ops::Range<usize>> {
        // After a final line ending, the empty line the protocol counts starts at the end.
        let start = self.index.line_start(line + 1)?;
        let end = match self.index.line_start(line + 2) {
            Some(next) => {
                let ending = &self.text.as_bytes()[start..next];
                next - if ending.ends_with(b"\r\n") { 2 } else { 1 }
            }
            None => self.text.len(),
        };
        Some(start..end)
    }

    /// The protocol position of a byte offset.
    pub fn position(&self, offset: usize, encoding: Encoding) -> lsp::Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).unwrap_or(0);
        let character = self.before(offset, encoding) - self.before(start, encoding);
        lsp::Position::new(to_u32(line - 1), to_u32(character))
    }

    /// The byte offset of a protocol position (clamped to its line's end, as the protocol
    /// asks; a line past the end is the end of the text).
    pub fn offset(&self, position: lsp::Position, encoding: Encoding) -> usize {
        let Some(line) = self.line(position.line as usize) else {
            return self.text.len();
        };
        self.seek(line, position.character as usize, encoding)
    }

    /// The byte offset of a cairn position (1-based line, characters without a BOM).
    pub fn offset_of(&self, position: Position) -> usize {
        let Some(line) = self.line(position.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let bom = usize::from(line.start == 0 && self.text.starts_with('\u{feff}'));
        self.seek(
            line,
            position.column.saturating_sub(1) + bom,
            Encoding::Utf32,
        )
    }

    /// The units (of `encoding`) before the character boundary `offset`.
    fn before(&self, offset: usize, encoding: Encoding) -> usize {
        let mark = self.marks[self.marks.partition_point(|m| m.offset <= offset) - 1];
        let counted = &self.text[mark.offset..offset];
        #[cfg(test)]
        self.counted.set(self.counted.get() + counted.len());
        mark.units(encoding) + counted.chars().map(|c| encoding.width(c)).sum::<usize>()
    }

    /// The first character boundary in `line` with at least `units` (of `encoding`)
    /// before it on the line, else the line's end.
    fn seek(&self, line: std::ops::Range<usize>, units: usize, encoding: Encoding) -> usize {
        let base = self.before(line.start, encoding);
        let goal = base + units;
        let nearest = self.marks[self.marks.partition_point(|m| m.units(encoding) <= goal) - 1];
        let (mut at, mut count) = if nearest.offset > line.start {
            (nearest.offset, nearest.units(encoding))
        } else {
            (line.start, base)
        };
        let mut chars = self.text[at.min(line.end)..line.end].chars();
        while at < line.end && count < goal {
            let Some(c) = chars.next() else { break };
            #[cfg(test)]
            self.counted.set(self.counted.get() + c.len_utf8());
            count += encoding.width(c);
            at += c.len_utf8();
        }
        at.min(line.end)
    }

    /// The protocol range of a byte range.
    pub fn range(&self, range: std::ops::Range<usize>, encoding: Encoding) -> lsp::Range {
        lsp::Range::new(
            self.position(range.start, encoding),
            self.position(range.end, encoding),
        )
    }

    /// Applies one change the client sent: a range replaced, or the whole text.
    pub fn change(&mut self, change: lsp::TextDocumentContentChangeEvent, encoding: Encoding) {
        match change {
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => {
                let start = self.offset(partial.range.start, encoding);
                let end = self.offset(partial.range.end, encoding).max(start);
                self.text.replace_range(start..end, &partial.text);
            }
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => {
                self.text = whole.text;
            }
        }
        self.index = LineIndex::new(&self.text);
        self.marks = marks(&self.text);
    }
}

/// A mark at the start of the text and then at the first character boundary after every
/// [`STRIDE`] bytes.
fn marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
    marks.push(Mark {
        offset: 0,
        chars: 0,
        utf16: 0,
    });
    let (mut chars, mut utf16) = (0, 0);
    let mut next = STRIDE;
    for (offset, c) in text.char_indices() {
        if offset >= next {
            marks.push(Mark {
                offset,
                chars,
                utf16,
            });
            next = offset + STRIDE;
        }
        chars += 1;
        utf16 += c.len_utf16();
    }
    marks
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_through_a_bom_crlf_and_characters_outside_the_bmp() {
        let text = Text::new("\u{feff}ab\r\né😀x\rlast".to_owned());
        // The 😀 is two UTF-16 units and one UTF-32 unit.
        let x = text.text.find('x').unwrap();
        assert_eq!(text.position(x, Encoding::Utf16), lsp::Position::new(1, 3));
        assert_eq!(text.position(x, Encoding::Utf32), lsp::Position::new(1, 2));
        assert_eq!(text.offset(lsp::Position::new(1, 3), Encoding::Utf16), x);
        assert_eq!(text.offset(lsp::Position::new(1, 2), Encoding::Utf32), x);
        // A lone CR ends a line; past a line's end is its end.
        assert_eq!(
            text.position(text.text.len(), Encoding::Utf16),
            lsp::Position::new(2, 4)
        );
        assert_eq!(
            text.offset(lsp::Position::new(0, 99), Encoding::Utf16),
            "\u{feff}ab".len()
        );
        // The BOM is a character for the protocol, not a column for cairn.
        assert_eq!(text.offset_of(Position { line: 1, column: 1 }), 3);
        assert_eq!(text.position(3, Encoding::Utf16), lsp::Position::new(0, 1));
    }

    /// The conversions counted from each line's start, as they were before the marks.
    fn by_counting(text: &str, offset: usize, encoding: Encoding) -> lsp::Position {
        let index = LineIndex::new(text);
        let cairn = index.position(text, offset);
        let start = index.line_start(cairn.line).unwrap();
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let character: usize = text[start..offset.max(start)]
            .chars()
            .map(|c| encoding.width(c))
            .sum();
        lsp::Position::new(to_u32(cairn.line - 1), to_u32(character))
    }

    #[test]
    fn the_marks_change_no_conversion() {
        // Long lines of characters of every width, across many strides, and short ones.
        let long = "aé😀z".repeat(300);
        let text = format!("\u{feff}{long}\r\n\r{long}x\n\nlast{long}\r\n");
        let converted = Text::new(text.clone());
        let lines = text.split_inclusive(['\n', '\r']).count() + 1;
        for encoding in [Encoding::Utf16, Encoding::Utf32] {
            for offset in 0..=text.len() + 1 {
                let expected = by_counting(&text, offset, encoding);
                assert_eq!(converted.position(offset, encoding), expected, "{offset}");
                if text.is_char_boundary(offset) && offset < text.len() {
                    let back = converted.offset(expected, encoding);
                    let at_crlf =
                        text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
                    assert!(back == offset || at_crlf, "{offset}: {back}");
                }
            }
            for line in 0..lines {
                for character in [0, 1, 2, 299, 300, 301, 1199, 1200, 1500, 5000] {
                    let position = lsp::Position::new(line as u32, character);
                    let Some(range) = converted.line(line) else {
                        assert_eq!(converted.offset(position, encoding), text.len());
                        continue;
                    };
                    let mut units = 0;
                    let mut expected = range.end;
                    for (i, c) in text[range.clone()].char_indices() {
                        if units >= character as usize {
                            expected = range.start + i;
                            break;
                        }
                        units += encoding.width(c);
                    }
                    assert_eq!(converted.offset(position, encoding), expected);
                    let cairn = Position {
                        line: line + 1,
                        column: character as usize + 1,
                    };
                    let expected = crate::text::lines::column_offset(
                        &text[range.clone()],
                        range.start == 0,
                        cairn.column,
                    )
                    .map_or(range.end, |i| range.start + i);
                    assert_eq!(converted.offset_of(cairn), expected);
                }
            }
        }
    }

    /// The characters counted to turn every finding on one long line into a protocol
    /// range, as the diagnostics are sent: from the finding to the end of its line.
    fn counted_for_findings(names: usize) -> usize {
        let list: Vec<String> = (0..names).map(|n| format!("n{n}")).collect();
        let line = format!("<!-- cairn-ignore: {} -->", list.join(", "));
        let text = Text::new(format!("# Notes\n\n{line}\n"));
        let mut column = "<!-- cairn-ignore: ".len() + 1;
        for name in &list {
            let start = text.offset_of(Position { line: 3, column });
            let end = text.line(2).unwrap().end;
            text.range(start..end, Encoding::Utf16);
            column += name.len() + 2;
        }
        text.counted.get()
    }

    #[test]
    fn findings_on_one_long_line_cost_the_line_once() {
        let (small, large) = (counted_for_findings(5_000), counted_for_findings(10_000));
        // Counting from the start of the line each time would be four times the work.
        assert!(large <= 3 * small, "{small} then {large}");
        assert!(large > small);
    }

    #[test]
    fn changes_apply_in_order() {
        let mut text = Text::new("one\ntwo\n".to_owned());
        let partial = |l1, c1, l2, c2, new: &str| {
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangePartial(
                #[allow(deprecated)]
                lsp::TextDocumentContentChangePartial {
                    range: lsp::Range::new(lsp::Position::new(l1, c1), lsp::Position::new(l2, c2)),
                    range_length: None,
                    text: new.to_owned(),
                },
            )
        };
        text.change(partial(1, 0, 1, 3, "2"), Encoding::Utf16);
        text.change(partial(2, 0, 2, 0, "three\n"), Encoding::Utf16);
        assert_eq!(text.text, "one\n2\nthree\n");
    }
}
