//! Private notes, found once on the raw text and redacted before anything else reads it.
//!
//! A private section holds what a manager noticed and keeps to themself. Every feature of
//! cairn that shows text — messages, snippets, diffs, fixes, the report, the language
//! server, pre-filled documents — reads a [`Redacted`] text, in which every byte of private
//! notes is a space (line breaks kept, so every offset, line and column is the same as in
//! the file). Only [`redact`] can make one, and the document parser takes nothing else:
//! nothing downstream can quote what it never sees, and a feature added later cannot leak
//! by forgetting a check.
//!
//! The one other reader of the raw text is the writer: a fix or a ticked box edits the
//! file through [`Source::edit`], which refuses any edit inside private notes and any edit
//! that would change which lines are private.
//!
//! ```compile_fail
//! // Nothing outside this module can build a redacted text from raw text by hand…
//! let redacted = cairn::model::document::privacy::Redacted { text: "## Private notes".into() };
//! ```
//!
//! ```compile_fail
//! // …and the document parser takes nothing else.
//! let config = cairn::config::Config::default();
//! cairn::model::document::Document::parse_text("a.md".into(), "## Private notes", &config);
//! ```

mod ends;
mod starts;

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

pub(crate) use ends::html_nesting;
pub use starts::{Form, SEALED_END, SEALED_MARKER};

use crate::text::lines::LineIndex;
use crate::text::phrase::PrivatePhrases;
use ends::Structure;

/// Where private notes start, as the rules and fixes need to know it: no word of its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateStart {
    /// The start of its line.
    pub line_start: usize,
    /// Its line, 1-based.
    pub line: usize,
    /// How it is written.
    pub form: Form,
    /// Behind a quote's or list item's marker, or indented.
    pub nested: bool,
    /// The phrase that made it private, as configured (or the word `private` or
    /// `confidential`): what a redacted line shows.
    pub shown: String,
    /// Every reader sees it as private notes: a level-2 heading at the top level with a
    /// configured phrase in its title plainly. Any other start gets a warning.
    pub plain: bool,
    /// Its line may be rewritten as `## Private notes` without changing what is hidden.
    pub fixable: bool,
    /// Where its heading ends (after the line, or after a setext underline): what comes
    /// after, to the extent's end, is the private body that sealing encrypts.
    pub heading_end: usize,
    /// The body is sealed blocks and nothing else: nothing private is in plain text.
    pub sealed: bool,
    /// The body holds nothing but blank lines.
    pub empty: bool,
}

/// A document's text with its private notes blanked out.
#[derive(Debug)]
pub struct Redacted<'a> {
    text: Cow<'a, str>,
    /// Byte ranges of private notes, in order, not overlapping; each starts at a line.
    extents: Vec<Range<usize>>,
    /// The start of each extent.
    starts: Vec<PrivateStart>,
}

impl Redacted<'_> {
    /// The text, private notes blanked.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte ranges of private notes.
    pub fn extents(&self) -> &[Range<usize>] {
        &self.extents
    }

    /// Where each private extent starts.
    pub fn starts(&self) -> &[PrivateStart] {
        &self.starts
    }

    /// Whether byte `offset` lies in private notes.
    pub fn is_private(&self, offset: usize) -> bool {
        let after = self.extents.partition_point(|e| e.end <= offset);
        self.extents
            .get(after)
            .is_some_and(|extent| extent.contains(&offset))
    }

    /// The extent that holds byte `offset`, if any.
    pub fn extent_at(&self, offset: usize) -> Option<Range<usize>> {
        let after = self.extents.partition_point(|e| e.end <= offset);
        self.extents
            .get(after)
            .filter(|extent| extent.contains(&offset))
            .cloned()
    }

    /// The lines (1-based) of each extent.
    pub fn private_lines(&self, index: &LineIndex) -> Vec<RangeInclusive<usize>> {
        self.extents
            .iter()
            .map(|extent| {
                let first = index.position(&self.text, extent.start).line;
                let last = index
                    .position(&self.text, extent.end.saturating_sub(1).max(extent.start))
                    .line;
                first..=last.max(first)
            })
            .collect()
    }

    /// The text with each private extent, heading and all, replaced by what `replace`
    /// makes of its number of lines and the text written before it (nothing, to remove it;
    /// a line saying it was withheld, for an export). Built from the redacted text, never the raw one: what a private
    /// extent held cannot reach the result, whatever `replace` does.
    pub fn replacing_private(&self, replace: impl Fn(usize, &str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for extent in &self.extents {
            out.push_str(&self.text[at..extent.start]);
            let lines = crate::text::lines::lines(&self.text[extent.clone()], 0).count();
            let with = replace(lines.max(1), &out);
            out.push_str(&with);
            at = extent.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The number of lines of each private extent, in order.
    pub fn private_line_counts(&self) -> Vec<usize> {
        self.extents
            .iter()
            .map(|extent| {
                crate::text::lines::lines(&self.text[extent.clone()], 0)
                    .count()
                    .max(1)
            })
            .collect()
    }

    /// The text as owned, private notes blanked.
    pub fn into_text(self) -> String {
        self.text.into_owned()
    }
}

/// Finds the private notes of `raw` and blanks them. The start's line keeps its marker
/// (`## `, `> `, `**`, `<h2>`) and shows the phrase that made it private, as configured:
/// a message or a diff can say "## Private notes" without a word of what was written.
pub fn redact<'a>(raw: &'a str, phrases: &PrivatePhrases) -> Redacted<'a> {
    let body = match super::split::split(raw) {
        super::split::Split::Found { body, .. } => body.start,
        super::split::Split::Unclosed => raw.len(),
        super::split::Split::Missing => 0,
    };
    let found = starts::find(raw, body, phrases);
    if found.is_empty() {
        return Redacted {
            text: Cow::Borrowed(raw),
            extents: Vec::new(),
            starts: Vec::new(),
        };
    }
    let structure = Structure::of(raw, body);
    let (extents, firsts) = extents(found, &structure);
    let mut bytes = raw.as_bytes().to_vec();
    for extent in &extents {
        for byte in &mut bytes[extent.clone()] {
            if !matches!(*byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
    }
    let index = LineIndex::new(raw);
    let mut starts_out = Vec::with_capacity(firsts.len());
    for ((start, end), extent) in firsts.into_iter().zip(&extents) {
        keep(&mut bytes, raw, start.marker.clone());
        if let Some(underline) = start.underline.clone() {
            keep(&mut bytes, raw, underline);
        }
        show(&mut bytes, start.marker.end, &start.shown);
        starts_out.push(private_start(start, end, extent, raw, &index, &structure));
    }
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    Redacted {
        text: Cow::Owned(text),
        extents,
        starts: starts_out,
    }
}

/// The private extents the starts `found` begin (in order), a start inside an extent
/// before it joining that one; and each extent's first start with the end it gives.
fn extents(
    found: Vec<starts::Found>,
    structure: &Structure,
) -> (Vec<Range<usize>>, Vec<(starts::Found, usize)>) {
    let mut extents: Vec<Range<usize>> = Vec::new();
    let mut firsts: Vec<(starts::Found, usize)> = Vec::new();
    for start in found {
        let end = structure.end(&start);
        match extents.last_mut() {
            Some(last) if start.line_start < last.end => last.end = last.end.max(end),
            _ => {
                extents.push(start.line_start..end);
                firsts.push((start, end));
            }
        }
    }
    (extents, firsts)
}

/// What the redacted text says of the start of `extent`: where its heading ends (at its
/// line, or its underline; a sealed block has none), whether the guide's plain form could
/// replace it (`fixable`), and whether its body is sealed or empty. `end` is where the
/// start alone would end the notes.
fn private_start(
    start: starts::Found,
    end: usize,
    extent: &Range<usize>,
    raw: &str,
    index: &LineIndex,
    structure: &Structure,
) -> PrivateStart {
    let heading_end = match (&start.form, &start.underline) {
        (Form::Sealed, _) => start.line_start,
        (_, Some(underline)) => crate::text::lines::line_after(raw, underline.start),
        _ => crate::text::lines::line_after(raw, start.line_start),
    }
    .min(extent.end);
    let body = &raw[heading_end..extent.end];
    let heading_2 = matches!(start.form, Form::Heading { level: 2, .. });
    PrivateStart {
        line_start: start.line_start,
        line: index.position(raw, start.line_start).line,
        form: start.form,
        nested: start.nested,
        plain: start.form == Form::Sealed || (start.plain && heading_2 && !start.nested),
        fixable: start.alone
            && start.whole
            && !start.nested
            && start.underline.is_none()
            && structure.end_as_level_2(start.line_start) == end,
        shown: start.shown,
        heading_end,
        sealed: !body.trim().is_empty() && sealed_segments(body).all(|(sealed, _)| sealed),
        empty: body.trim().is_empty(),
    }
}

/// Puts the raw bytes of `range` back: markers only, never a word.
fn keep(bytes: &mut [u8], raw: &str, range: Range<usize>) {
    bytes[range.clone()].copy_from_slice(&raw.as_bytes()[range]);
}

/// Writes `phrase` over the blanks from `at`, as much of it as fits before the line ends.
fn show(bytes: &mut [u8], at: usize, phrase: &str) {
    let room = bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| **b == b' ')
        .count();
    let mut fits = phrase.len().min(room);
    while !phrase.is_char_boundary(fits) {
        fits -= 1;
    }
    bytes[at..at + fits].copy_from_slice(&phrase.as_bytes()[..fits]);
}

/// A document's raw text, held by the writers alone (fixes, `cairn done`): everything
/// they show comes from [`Source::redact`], and every change goes through
/// [`Source::edit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    raw: String,
}

/// Why an edit was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The edit touches private notes.
    #[error("it would edit private notes")]
    InPrivateNotes,
    /// The edit would change which lines are private.
    #[error("it would change which lines are private notes")]
    PrivacyChanged,
    /// Two edits overlap, or one lies outside the text.
    #[error("its edits overlap")]
    Overlapping,
}

/// Whether the file at `path` is a report cairn wrote, reading no more of it than its
/// first line's marker takes (a report may be any size; a note's text is not read): what
/// `-o` asks before it replaces a file.
pub fn is_generated_file(path: &std::path::Path) -> std::io::Result<bool> {
    use std::io::Read;
    // A byte-order mark, the marker, a line break.
    let enough = super::GENERATED_MARKER.len() as u64 + 8;
    let mut head = Vec::new();
    std::fs::File::open(path)?
        .take(enough)
        .read_to_end(&mut head)?;
    Ok(super::is_generated(&String::from_utf8_lossy(&head)))
}

impl Source {
    /// The text as read from its file.
    pub fn new(raw: String) -> Source {
        Source { raw }
    }

    /// The note at `file`, read as every document is: a regular file, at most
    /// [`MAX_FILE_BYTES`](super::read::MAX_FILE_BYTES), UTF-8. What a command reads of a
    /// note's own text comes through here, and out only through [`Source::redact`].
    pub fn read(file: &std::path::Path) -> std::io::Result<Source> {
        let bytes = super::read::read(file)
            .map_err(|problem| std::io::Error::other(problem.to_string()))?;
        String::from_utf8(bytes).map(Source::new).map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file is not UTF-8 text",
            )
        })
    }

    /// The text with its private notes blanked.
    pub fn redact(&self, phrases: &PrivatePhrases) -> Redacted<'_> {
        redact(&self.raw, phrases)
    }

    /// The text with `edits` (byte ranges of the redacted text, which are those of the
    /// raw text, and their replacements) applied. Refused when an edit reaches into
    /// private notes — except the rewriting of a start's own line, which [`PrivateStart`]
    /// allows when `fixable` — or when the result's private notes are not the same lines
    /// of the same text as before.
    pub fn edit(
        &self,
        edits: &[(Range<usize>, String)],
        phrases: &PrivatePhrases,
    ) -> Result<Source, Refused> {
        let before = self.redact(phrases);
        let mut sorted: Vec<&(Range<usize>, String)> = edits.iter().collect();
        sorted.sort_by_key(|(range, _)| (range.start, range.end));
        let mut out = String::with_capacity(self.raw.len());
        let mut at = 0;
        for (range, text) in sorted {
            if range.start < at || range.end > self.raw.len() || range.start > range.end {
                return Err(Refused::Overlapping);
            }
            let touches = |extent: &Range<usize>| {
                range.start < extent.end && extent.start < range.end.max(range.start + 1)
            };
            if let Some(extent) = before.extents.iter().find(|e| touches(e)) {
                let start_line =
                    extent.start..crate::text::lines::line_after(&self.raw, extent.start);
                let own_line = range.start >= start_line.start && range.end <= start_line.end;
                let fixable = before
                    .starts
                    .iter()
                    .any(|s| s.line_start == extent.start && s.fixable);
                // An insertion at the very start of an extent goes before it.
                let before_it = range.is_empty() && range.start == extent.start;
                if !(before_it || own_line && fixable) {
                    return Err(Refused::InPrivateNotes);
                }
            }
            out.push_str(self.raw.get(at..range.start).ok_or(Refused::Overlapping)?);
            out.push_str(text);
            at = range.end;
        }
        out.push_str(self.raw.get(at..).ok_or(Refused::Overlapping)?);
        let after = Source { raw: out };
        if private_bodies(&self.raw, &before) != private_bodies(&after.raw, &after.redact(phrases))
        {
            return Err(Refused::PrivacyChanged);
        }
        Ok(after)
    }

    /// The text with the body of each private extent (below its heading) replaced by what
    /// `replace` returns for it (`None` keeps it): how sealing encrypts private notes and
    /// unsealing restores them. The callback is given the private body itself — the one
    /// reason to hand it out — and its index among the extents.
    pub fn replace_private_bodies<E>(
        &self,
        phrases: &PrivatePhrases,
        mut replace: impl FnMut(usize, &PrivateStart, &str) -> Result<Option<String>, E>,
    ) -> Result<Source, E> {
        let redacted = self.redact(phrases);
        let mut out = String::with_capacity(self.raw.len());
        let mut at = 0;
        for (k, (extent, start)) in redacted.extents.iter().zip(&redacted.starts).enumerate() {
            let body = start.heading_end..extent.end;
            if let Some(new) = replace(k, start, &self.raw[body.clone()])? {
                out.push_str(&self.raw[at..body.start]);
                out.push_str(&new);
                at = body.end;
            }
        }
        out.push_str(&self.raw[at..]);
        Ok(Source { raw: out })
    }

    /// The text to write to the document's file — and for nothing else.
    pub fn into_file_text(self) -> String {
        self.raw
    }

    /// The text as written, private notes and all: only for `cairn export
    /// --include-private`, the one output the user asks to hold private notes (its
    /// caller says so on stderr).
    pub fn with_private_notes(&self) -> &str {
        &self.raw
    }

    /// Whether `range` of the text may be replaced: it touches no private notes, or only
    /// the line of a start that [`PrivateStart::fixable`] allows to be rewritten.
    pub fn may_replace(&self, range: Range<usize>, phrases: &PrivatePhrases) -> bool {
        self.edit(&[(range, String::new())], phrases)
            .map_or_else(|refused| refused == Refused::PrivacyChanged, |_| true)
    }
}

/// The parts of a private body, in order: each sealed block (from its marker line to the
/// line after its armor's end) as `(true, block)`, and the text between them as
/// `(false, text)`. Text after a block is plain text that is not sealed.
pub(crate) fn sealed_segments(body: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = body;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let marker = rest
            .match_indices(starts::SEALED_MARKER)
            .map(|(at, _)| at)
            .find(|&at| at == 0 || rest[..at].ends_with(['\n', '\r']));
        match marker {
            Some(0) => {
                let end = rest
                    .find(starts::SEALED_END)
                    .map_or(rest.len(), |at| crate::text::lines::line_after(rest, at));
                let (block, after) = rest.split_at(end);
                rest = after;
                Some((true, block))
            }
            Some(at) => {
                let (text, after) = rest.split_at(at);
                rest = after;
                Some((false, text))
            }
            None => {
                let text = rest;
                rest = "";
                Some((false, text))
            }
        }
    })
}

/// What each extent hides below its start's line: the same before and after an edit, or
/// the edit moved the boundary of private notes.
fn private_bodies<'a>(raw: &'a str, redacted: &Redacted) -> Vec<&'a str> {
    redacted
        .extents
        .iter()
        .map(|extent| {
            let below = crate::text::lines::line_after(raw, extent.start).min(extent.end);
            &raw[below..extent.end]
        })
        .collect()
}

#[cfg(test)]
mod tests;
