//! The top-level keys of a YAML mapping and where they and their values start, read from
//! libyaml's events (the parser yaml_serde is built on), never by searching the text: a
//! multi-line quoted value holding `date:` is a value, not a key.

use std::collections::HashMap;
use std::mem::MaybeUninit;

use libyaml_rs as sys;

/// A key of the top-level mapping and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key, when it is a scalar.
    pub key: String,
    /// Byte offset of the key.
    pub key_at: usize,
    /// Byte offset of its value.
    pub value_at: usize,
    /// When the value is a list: the byte offset of each item.
    pub items: Vec<usize>,
}

/// The entries of the top-level mapping of `text`, in order (duplicates included); empty
/// when the text is not a mapping or cannot be parsed. Meant for text that yaml_serde
/// has already accepted.
pub fn entries(text: &str) -> Vec<Entry> {
    let mut found: Vec<Entry> = Vec::new();
    // Depth of the event in the tree: the root mapping's keys and values are at depth 1.
    let mut depth = 0usize;
    let mut root_is_mapping = false;
    let mut pending_key: Option<(String, usize)> = None;
    let mut expect_key = true;
    // Whether the value being read at depth 2 is a list of the last entry's.
    let mut in_list = false;
    let mut visit = |event: Event| {
        let at_root_level = depth == 1 && root_is_mapping;
        let is_item = depth == 2 && in_list && event.kind != Kind::SequenceEnd;
        if is_item && event.kind != Kind::MappingEnd {
            if let Some(entry) = found.last_mut() {
                entry.items.push(event.start);
            }
        }
        match event.kind {
            Kind::MappingStart | Kind::SequenceStart => {
                if depth == 0 {
                    root_is_mapping = event.kind == Kind::MappingStart;
                } else if at_root_level {
                    let is_value = !expect_key;
                    value_or_key(
                        &mut found,
                        &mut pending_key,
                        &mut expect_key,
                        None,
                        event.start,
                    );
                    in_list = is_value && event.kind == Kind::SequenceStart;
                }
                depth += 1;
            }
            Kind::MappingEnd | Kind::SequenceEnd => depth = depth.saturating_sub(1),
            Kind::Scalar | Kind::Alias if at_root_level => {
                value_or_key(
                    &mut found,
                    &mut pending_key,
                    &mut expect_key,
                    event.scalar,
                    event.start,
                );
            }
            _ => {}
        }
    };
    if walk(text, &mut visit).is_err() {
        return Vec::new();
    }
    found
}

/// Where every node of a YAML text is, by its path: `people[3].manager`, `cadence`,
/// `exclude[0]`. For messages about a file that is read whole (`cairn.yaml`).
#[derive(Debug, Default)]
pub struct Marks {
    nodes: HashMap<String, Node>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    key_at: Option<usize>,
    value_at: usize,
}

impl Marks {
    /// The byte offset of the value at `path`.
    pub fn value(&self, path: &str) -> Option<usize> {
        self.nodes.get(path).map(|node| node.value_at)
    }

    /// The byte offset of the key of the value at `path` (for a mapping's entries).
    pub fn key(&self, path: &str) -> Option<usize> {
        self.nodes.get(path).and_then(|node| node.key_at)
    }
}

enum Frame {
    Mapping {
        path: String,
        key: Option<(String, usize)>,
        expect_key: bool,
    },
    Sequence {
        path: String,
        next: usize,
    },
}

/// The marks of every node of `text` (the first of repeated keys); empty past an error.
pub fn marks(text: &str) -> Marks {
    let mut marks = Marks::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut visit = |event: Event| {
        if matches!(event.kind, Kind::MappingEnd | Kind::SequenceEnd) {
            stack.pop();
            if let Some(Frame::Mapping { expect_key, .. }) = stack.last_mut() {
                *expect_key = true;
            }
            return;
        }
        if !matches!(
            event.kind,
            Kind::Scalar | Kind::Alias | Kind::MappingStart | Kind::SequenceStart
        ) {
            return;
        }
        let path = node_path(stack.last_mut(), &event);
        let Some((path, key_at)) = path else {
            if matches!(event.kind, Kind::MappingStart | Kind::SequenceStart) {
                // A complex key: its contents have no path.
                stack.push(Frame::Sequence {
                    path: "?".to_owned(),
                    next: 0,
                });
            }
            return;
        };
        marks.nodes.entry(path.clone()).or_insert(Node {
            key_at,
            value_at: event.start,
        });
        match event.kind {
            Kind::MappingStart => stack.push(Frame::Mapping {
                path,
                key: None,
                expect_key: true,
            }),
            Kind::SequenceStart => stack.push(Frame::Sequence { path, next: 0 }),
            _ => {}
        }
    };
    let _ = walk(text, &mut visit);
    marks
}

/// The path of a node in `parent` (`None`: the root) and where its key is, counting it in
/// its parent; `None` when the node is a mapping's key, which is kept on the frame until
/// its value comes.
fn node_path(parent: Option<&mut Frame>, event: &Event) -> Option<(String, Option<usize>)> {
    match parent {
        None => Some((String::new(), None)),
        Some(Frame::Sequence { path, next }) => {
            *next += 1;
            Some((format!("{path}[{}]", *next - 1), None))
        }
        Some(Frame::Mapping {
            path,
            key,
            expect_key,
        }) => {
            if *expect_key {
                *key = event.scalar.clone().map(|k| (k, event.start));
                *expect_key = false;
                None
            } else {
                *expect_key = true;
                key.take().map(|(k, at)| {
                    let full = if path.is_empty() {
                        k
                    } else {
                        format!("{path}.{k}")
                    };
                    (full, Some(at))
                })
            }
        }
    }
}

/// At the root mapping's level, events alternate: key, value, key, value.
fn value_or_key(
    found: &mut Vec<Entry>,
    pending: &mut Option<(String, usize)>,
    expect_key: &mut bool,
    scalar: Option<String>,
    at: usize,
) {
    if *expect_key {
        // A key that is not a scalar (a complex key) is kept out of the entries.
        *pending = scalar.map(|key| (key, at));
    } else if let Some((key, key_at)) = pending.take() {
        found.push(Entry {
            key,
            key_at,
            value_at: at,
            items: Vec::new(),
        });
    }
    *expect_key = !*expect_key;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Alias,
    MappingStart,
    MappingEnd,
    SequenceStart,
    SequenceEnd,
    Other,
}

struct Event {
    kind: Kind,
    start: usize,
    scalar: Option<String>,
}

/// Runs libyaml's parser over `text`, handing each event to `visit`, until the stream ends
/// or an error.
fn walk(text: &str, visit: &mut dyn FnMut(Event)) -> Result<(), ()> {
    // The parser keeps pointers into itself and into `text`: it lives on the heap, is
    // never moved, and is deleted before `text` can go.
    let mut parser: Box<MaybeUninit<sys::yaml_parser_t>> = Box::new(MaybeUninit::uninit());
    let parser = parser.as_mut_ptr();
    // SAFETY: `parser` points to memory that `yaml_parser_initialize` fills before any
    // other use; the input outlives the parser, which is deleted on every path out; each
    // event is read only between a successful `yaml_parser_parse` and its
    // `yaml_event_delete`, and a scalar's `value` points to `length` bytes it owns.
    unsafe {
        if sys::yaml_parser_initialize(parser).fail {
            return Err(());
        }
        sys::yaml_parser_set_encoding(parser, sys::YAML_UTF8_ENCODING);
        sys::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        let result = loop {
            let mut event = MaybeUninit::<sys::yaml_event_t>::uninit();
            if sys::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                break Err(());
            }
            let raw = event.assume_init_ref();
            let kind = match raw.type_ {
                sys::YAML_SCALAR_EVENT => Kind::Scalar,
                sys::YAML_ALIAS_EVENT => Kind::Alias,
                sys::YAML_MAPPING_START_EVENT => Kind::MappingStart,
                sys::YAML_MAPPING_END_EVENT => Kind::MappingEnd,
                sys::YAML_SEQUENCE_START_EVENT => Kind::SequenceStart,
                sys::YAML_SEQUENCE_END_EVENT => Kind::SequenceEnd,
                _ => Kind::Other,
            };
            let scalar = (kind == Kind::Scalar).then(|| {
                let data = raw.data.scalar;
                let bytes = std::slice::from_raw_parts(data.value, data.length as usize);
                String::from_utf8_lossy(bytes).into_owned()
            });
            let start = usize::try_from(raw.start_mark.index).unwrap_or(usize::MAX);
            let end = raw.type_ == sys::YAML_STREAM_END_EVENT;
            sys::yaml_event_delete(event.as_mut_ptr());
            visit(Event {
                kind,
                start: start.min(text.len()),
                scalar,
            });
            if end {
                break Ok(());
            }
        };
        sys::yaml_parser_delete(parser);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_item_of_a_top_level_list() {
        let text = "a: [x, [y], z]\nb:\n  - p\n  - {q: 1}\nc: 1\n";
        let items: Vec<Vec<usize>> = entries(text).into_iter().map(|e| e.items).collect();
        assert_eq!(items, [vec![4, 7, 12], vec![22, 28], vec![]]);
    }

    #[test]
    fn marks_every_node_by_its_path() {
        let text = "people:\n  - id: sam\n    away:\n      - from: 2026-01-01\ncadence: {a: 1}\n";
        let marks = marks(text);
        assert_eq!(marks.value("people"), Some(10));
        assert_eq!(marks.value("people[0]"), Some(12));
        assert_eq!(marks.key("people[0].id"), Some(12));
        assert_eq!(marks.value("people[0].id"), Some(16));
        assert_eq!(marks.key("people[0].away[0].from"), Some(38));
        assert_eq!(marks.value("cadence.a"), Some(68));
        assert_eq!(marks.value("nobody"), None);
    }

    fn keys(text: &str) -> Vec<(String, usize, usize)> {
        entries(text)
            .into_iter()
            .map(|e| (e.key, e.key_at, e.value_at))
            .collect()
    }

    #[test]
    fn finds_top_level_keys_and_values_by_the_parsers_marks() {
        let text = "type: prep\nnote: \"a\n  date: x\"\ndate: 2026-01-01\n";
        assert_eq!(
            keys(text),
            [
                ("type".into(), 0, 6),
                ("note".into(), 11, 17),
                ("date".into(), 31, 37)
            ]
        );
        let nested = "a:\n  b: 1\nc: [1, 2]\n";
        assert_eq!(keys(nested), [("a".into(), 0, 5), ("c".into(), 10, 13)]);
        assert_eq!(keys("- a\n- b\n"), []);
        assert_eq!(keys("a: [\n"), []);
        assert_eq!(
            keys("{x: 1, y: 2}"),
            [("x".into(), 1, 4), ("y".into(), 7, 10)]
        );
        let duplicate = "a: 1\nb: 2\na: 3\n";
        assert_eq!(keys(duplicate)[2], ("a".into(), 10, 13));
    }
}
