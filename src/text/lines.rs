//! Lines and positions. A line ends at `\n`, `\r\n` or a lone `\r`, as CommonMark and the
//! Language Server Protocol count them (docs/format.md); a byte-order mark at the start of the text
//! is not a column.

use std::cell::Cell;
use std::ops::Range;

use crate::domain::diagnostic::Position;

/// The lines of `text` from byte `from`: each line's text without its line ending.
pub fn lines(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        at = next_line(bytes, end);
        Some(start..end)
    })
}

/// The start of the line after the line ending at `end` (a `\n`, `\r\n`, `\r` or the end).
fn next_line(bytes: &[u8], end: usize) -> usize {
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

/// The start of the line after the one holding byte `at`.
pub(crate) fn line_after(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let end = bytes[at.min(bytes.len())..]
        .iter()
        .position(|b| matches!(b, b'\n' | b'\r'))
        .map_or(bytes.len(), |i| at + i);
    next_line(bytes, end)
}

/// The start offset of every line of a text.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last position computed (offset, line start, column): positions are mostly asked
    /// for in increasing order, so counting on from there keeps many positions on one long
    /// line linear instead of quadratic.
    last: Cell<(usize, usize, usize)>,
}

/// The byte offset in `line` (the text of one line) of a 1-based `column` in characters,
/// as [`LineIndex::position`] counts them: a byte-order mark at the start of the text
/// (`first`: this is its first line) is not a column. `None` past the line's end.
pub(crate) fn column_offset(line: &str, first: bool, column: usize) -> Option<usize> {
    let bom = usize::from(first && line.starts_with('\u{feff}'));
    line.char_indices()
        .nth(column.saturating_sub(1) + bom)
        .map(|(i, _)| i)
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 32 + 2);
        starts.push(0);
        // memchr finds line endings many bytes at a time; a `\r\n` is one ending.
        for end in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[end] == b'\n' && end > 0 && bytes[end - 1] == b'\r' {
                continue;
            }
            starts.push(next_line(bytes, end));
        }
        LineIndex {
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset. A byte-order mark at
    /// the start of the text is not a column; an offset inside a `\r\n` is at its `\r`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        let (last_offset, last_start, last_column) = self.last.get();
        let (from, column) = if last_start == start && last_offset <= offset && last_offset >= start
        {
            (last_offset, last_column)
        } else {
            (start, 1)
        };
        let before = text.get(from..offset).unwrap_or("");
        let bom = usize::from(from == 0 && before.starts_with('\u{feff}'));
        let column = column + before.chars().count() - bom;
        self.last.set((offset, start, column));
        Position { line, column }
    }

    /// The 1-based line holding byte `offset` (an offset inside a `\r\n` is on its line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The byte offset where 1-based `line` starts, if there is such a line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The number of lines (a final line without a line ending counts; a trailing line
    /// ending does not start another).
    pub fn line_count(&self, text: &str) -> usize {
        let last = *self.starts.last().unwrap_or(&0);
        if last == text.len() && self.starts.len() > 1 {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_and_ignores_bom_and_cr() {
        let text = "\u{feff}ab\r\ncé d\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 3), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 4), Position { line: 1, column: 2 });
        let d = text.find('d').unwrap();
        assert_eq!(index.position(text, d), Position { line: 2, column: 4 });
        assert_eq!(index.line_count(text), 2);
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 3, column: 1 }
        );
    }

    #[test]
    fn a_lone_cr_ends_a_line_and_other_breaks_do_not() {
        let text = "a\rb\r\r\nc\u{2028}d\ne";
        let index = LineIndex::new(text);
        let at = |c: char| index.position(text, text.find(c).unwrap());
        assert_eq!(at('b'), Position { line: 2, column: 1 });
        assert_eq!(at('c'), Position { line: 4, column: 1 });
        assert_eq!(at('d'), Position { line: 4, column: 3 });
        assert_eq!(at('e'), Position { line: 5, column: 1 });
        assert_eq!(index.line_count(text), 5);
        let found: Vec<&str> = lines(text, 0).map(|r| &text[r]).collect();
        assert_eq!(found, ["a", "b", "", "c\u{2028}d", "e"]);
        assert_eq!(line_after(text, 0), 2);
        assert_eq!(index.line_start(4), Some(6));
    }

    #[test]
    fn a_column_is_the_inverse_of_position() {
        let text = "\u{feff}é: x\nab";
        let index = LineIndex::new(text);
        for offset in [3, 5, 6, 7, 9, 10] {
            let position = index.position(text, offset);
            let start = index.line_start(position.line).unwrap();
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let found = column_offset(&text[start..end], start == 0, position.column);
            assert_eq!(found.map(|i| start + i), Some(offset), "{offset}");
        }
        assert_eq!(column_offset("ab", false, 3), None, "past the line's end");
    }
}
