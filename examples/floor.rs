//! The floor under `cairn check`, for the benchmark: every `*.md` under DIR read on every
//! core and parsed by pulldown-cmark with cairn's options, and nothing else (no front
//! matter, no privacy scan, no rules, no model). What cairn does beyond this is its own;
//! this much any tool that reads Markdown as Markdown must do.
//!
//! cargo run --release --example floor -- DIR

// A measuring tool of the project, not the binary: it prints one number.
#![allow(clippy::disallowed_macros)]
// A benchmark tool: a failure is a panic with its message.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: floor DIR");
    let files = Mutex::new(Vec::<PathBuf>::new());
    WalkBuilder::new(&dir)
        .threads(rayon::current_num_threads())
        .build_parallel()
        .run(|| {
            let files = &files;
            Box::new(move |entry| {
                if let Ok(entry) = entry {
                    if entry.path().extension().is_some_and(|e| e == "md") {
                        files.lock().unwrap().push(entry.into_path());
                    }
                }
                WalkState::Continue
            })
        });
    let options = Options::ENABLE_TASKLISTS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS;
    let events: usize = files
        .into_inner()
        .unwrap()
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            Parser::new_ext(&text, options).count()
        })
        .sum();
    println!("{events} events");
}
