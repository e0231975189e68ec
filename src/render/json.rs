//! JSON as cairn writes it for programs: indented, and with every control character
//! escaped, C1 included.
//!
//! serde_json escapes only what JSON requires (C0, `"` and `\`), so a C1 character such
//! as CSI (`U+009B`) from a note would pass through raw, and a program that prints a
//! string it reads, or a person who runs the output through `cat`, would hand it to a
//! terminal. Writing `\u009b` instead costs nothing and decodes to the same string.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Writes `value` as indented JSON and a line break.
pub fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    // serde_json writes a few bytes at a time: through a buffer of its own each write is
    // a copy, not a call through `dyn Write`.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// [`write_pretty`] into a string, for a file written whole (an export's `index.json`).
pub fn pretty_string(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and the escaped JSON is UTF-8.
    let _ = write_pretty(&mut out, value);
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's indented layout, with DEL and C1 characters written as `\u` escapes.
struct Escaping<'a>(PrettyFormatter<'a>);

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most strings hold no control character: a byte that could begin one (C0, DEL,
        // or 0xC2, the first byte of every C1) is looked for before the characters are.
        if !fragment.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if c.is_control() {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the pretty formatter's.
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_and_c0_are_escaped_and_read_back_the_same() {
        // Together, and each alone on the quick path or not: plain, DEL, a C1, a 0xC2
        // that is no control (`¡`), another two-byte letter.
        let all = "a\u{1b}]0;x\u{7}b\u{9b}c\u{7f}é";
        for text in [all, "plain", "\u{7f}", "\u{85}", "¡hola", "é"] {
            let mut out = Vec::new();
            write_pretty(&mut out, &serde_json::json!({ "text": text })).unwrap();
            let written = String::from_utf8(out).unwrap();
            assert!(
                !written.chars().any(|c| c.is_control() && c != '\n'),
                "{written}"
            );
            assert_eq!(written.contains("\\u009b"), text == all, "{written}");
            let read: serde_json::Value = serde_json::from_str(&written).unwrap();
            assert_eq!(read["text"], text);
        }
        let mut plain = Vec::new();
        write_pretty(&mut plain, &serde_json::json!({"a": [1, 2]})).unwrap();
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            format!(
                "{}\n",
                serde_json::to_string_pretty(&serde_json::json!({"a": [1, 2]})).unwrap()
            )
        );
    }
}
