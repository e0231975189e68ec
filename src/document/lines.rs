//! Byte offsets to 1-based lines and columns, right with a byte-order mark and CRLF.

use std::cell::Cell;

use crate::diagnostic::Position;

/// The start offset of every line of a text.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last position computed (offset, line start, column): positions are mostly asked
    /// for in increasing order, so counting on from there keeps many positions on one long
    /// line linear instead of quadratic.
    last: Cell<(usize, usize, usize)>,
}

impl LineIndex {
    /// Indexes the lines of `text`. Lines end at `\n`; a `\r` before it belongs to the
    /// line ending, so it never shifts a column.
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset. A byte-order mark at
    /// the start of the text is not a column.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
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

    /// The number of lines (a final line without `\n` counts; a trailing `\n` does not
    /// start another).
    pub fn line_count(&self, text: &str) -> usize {
        if text.ends_with('\n') {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
        .max(1)
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
}
