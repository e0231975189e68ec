//! Positions between cairn and the editor. cairn counts 1-based lines and characters, a
//! byte-order mark not being a column; the protocol counts 0-based lines and UTF-16 code
//! units (or UTF-32, when the client offers it), a byte-order mark in the buffer being a
//! character like any other. Both end lines at `\n`, `\r\n` or a lone `\r`. Everything
//! goes through byte offsets of the buffer's text, so the two never meet unconverted.

use gen_lsp_types as lsp;

use crate::diagnostic::Position;
use crate::lines::{column_offset, LineIndex};

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

/// A buffer's text with its line index.
#[derive(Debug)]
pub struct Text {
    /// The text, as the editor holds it.
    pub text: String,
    index: LineIndex,
}

impl Text {
    /// Indexes `text`.
    pub fn new(text: String) -> Text {
        let index = LineIndex::new(&text);
        Text { text, index }
    }

    /// The byte range of 0-based `line`'s text, without its line ending.
    pub fn line(&self, line: usize) -> Option<std::ops::Range<usize>> {
        // After a final line ending, the empty line the protocol counts starts at the end.
        let start = self.index.line_start(line + 1)?;
        let end = self.text[start..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| start + i);
        Some(start..end)
    }

    /// The protocol position of a byte offset.
    pub fn position(&self, offset: usize, encoding: Encoding) -> lsp::Position {
        let cairn = self.index.position(&self.text, offset);
        let line = cairn.line - 1;
        let start = self.index.line_start(cairn.line).unwrap_or(0);
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let character: usize = self.text[start..offset.max(start)]
            .chars()
            .map(|c| encoding.width(c))
            .sum();
        lsp::Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of a protocol position (clamped to its line's end, as the protocol
    /// asks; a line past the end is the end of the text).
    pub fn offset(&self, position: lsp::Position, encoding: Encoding) -> usize {
        let Some(line) = self.line(position.line as usize) else {
            return self.text.len();
        };
        let mut units = 0;
        for (i, c) in self.text[line.clone()].char_indices() {
            if units >= position.character as usize {
                return line.start + i;
            }
            units += encoding.width(c);
        }
        line.end
    }

    /// The byte offset of a cairn position (1-based line, characters without a BOM).
    pub fn offset_of(&self, position: Position) -> usize {
        let Some(line) = self.line(position.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let text = &self.text[line.clone()];
        column_offset(text, line.start == 0, position.column).map_or(line.end, |i| line.start + i)
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
    }
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
