//! Control characters in text that cairn did not write itself: a note, a file name, a
//! value of `cairn.yaml` or an argument.
//!
//! A terminal obeys the C0 and C1 control characters it is sent: ESC and CSI (`U+009B`)
//! start sequences that move the cursor, clear the screen, recolour it or retitle the
//! window, and BEL rings. A note that carried one would act on the manager's terminal
//! the moment it was printed. So every human-readable output shows them as a visible
//! escape (`\x1b`), and the other formats escape or drop them by their own rules. Tab and
//! line feed are text, and stay.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` is a control character that must not reach an output as it is: C0 but
/// tab and line feed, DEL, and C1 (`U+0080`–`U+009F`).
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `text` with every unsafe control character written as `\xNN`, for people to read.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe)
}

/// `text` with every control character but tab written as `\xNN`, line feed included: for
/// what must stay on its line (a file name before `:line:col:`, a one-line message), where
/// a line break would let it forge a line of its own.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| is_unsafe(c) || c == '\n')
}

fn escape_where(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            // Every control character lies below U+00A0: two hex digits hold it.
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` without its unsafe control characters, for formats that have no way to show
/// them (HTML, iCalendar).
pub(crate) fn strip(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !is_unsafe(*c)).collect())
}

/// A writer that escapes every unsafe control character written through it, for output
/// that has no styling of its own (a diff, a new document, a message on stderr): all of
/// it is text, so all of it can be escaped at the last step.
///
/// The bytes are UTF-8 and may arrive split anywhere; a C1 character is two bytes
/// (`C2 80`–`C2 9F`), so a `C2` at the end of one write waits for the next.
pub(crate) struct Escaping<W: Write> {
    inner: W,
    /// A `C2` byte whose second byte has not been written yet.
    pending: bool,
}

impl<W: Write> Escaping<W> {
    /// Escapes what is written to `inner`.
    pub fn new(inner: W) -> Escaping<W> {
        Escaping {
            inner,
            pending: false,
        }
    }

    /// The writer underneath, after anything held back is written.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.release()?;
        Ok(self.inner)
    }

    /// Writes a held-back `C2` that no C1 character followed.
    fn release(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending) {
            self.inner.write_all(&[0xC2])?;
        }
        Ok(())
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        if self.pending {
            if let Some(&second) = rest.first() {
                self.pending = false;
                if (0x80..=0x9F).contains(&second) {
                    write!(self.inner, "\\x{second:02x}")?;
                    rest = &rest[1..];
                } else {
                    self.inner.write_all(&[0xC2])?;
                }
            }
        }
        let mut start = 0;
        let mut at = 0;
        while at < rest.len() {
            let byte = rest[at];
            let c0 = (byte < 0x20 && byte != b'\t' && byte != b'\n') || byte == 0x7F;
            if c0 {
                self.inner.write_all(&rest[start..at])?;
                write!(self.inner, "\\x{byte:02x}")?;
                at += 1;
                start = at;
            } else if byte == 0xC2 {
                match rest.get(at + 1) {
                    Some(&second) if (0x80..=0x9F).contains(&second) => {
                        self.inner.write_all(&rest[start..at])?;
                        write!(self.inner, "\\x{second:02x}")?;
                        at += 2;
                        start = at;
                    }
                    Some(_) => at += 1,
                    None => {
                        self.inner.write_all(&rest[start..at])?;
                        self.pending = true;
                        at += 1;
                        start = at;
                    }
                }
            } else {
                at += 1;
            }
        }
        self.inner.write_all(&rest[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.release()?;
        self.inner.flush()
    }
}

/// The index in `escape(text)` of the character at `index` in `text` (both counted in
/// characters): a caret under an escaped line still points at the same character.
pub(crate) fn escaped_index(text: &str, index: usize) -> usize {
    text.chars()
        .take(index)
        .map(|c| if is_unsafe(c) { 4 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c0_c1_and_del_are_escaped_tab_and_line_feed_kept() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(
            escape("a\u{1b}]0;x\u{7}b\u{9b}2J\r\t\n\u{7f}"),
            "a\\x1b]0;x\\x07b\\x9b2J\\x0d\t\n\\x7f"
        );
        assert_eq!(escape_line("a\nb\tc"), "a\\x0ab\tc");
        assert_eq!(strip("a\u{1b}b\u{9b}c\td\n"), "abc\td\n");
        // Not control characters: a letter with a diacritic, whose UTF-8 starts with C3.
        assert_eq!(escape("café ¢"), "café ¢");
    }

    #[test]
    fn the_writer_escapes_across_split_writes() {
        let text = "x\u{9b}y\u{1b}z¢\u{85}";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut out = Escaping::new(Vec::new());
            out.write_all(&bytes[..cut]).unwrap();
            out.write_all(&bytes[cut..]).unwrap();
            let out = out.into_inner().unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                escape(text),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_caret_moves_with_the_escapes_before_it() {
        let text = "a\u{1b}b";
        assert_eq!(escaped_index(text, 2), 5);
        assert_eq!(escape(text).chars().nth(5), Some('b'));
    }
}
