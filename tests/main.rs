//! cairn's integration tests, one binary: each module runs the real `cairn` over fixture
//! repositories under `tests/fixtures/` (or small ones made at run time) as a user would,
//! and snapshots what people read.

// A test's unwrap is its assertion: a panic names what failed. A test may print what it
// skipped: only the binary's messages must go through its escaping.
#![allow(clippy::unwrap_used, clippy::disallowed_macros, missing_docs)]

mod calendar;
mod check;
mod checkins;
mod ci;
mod config_phrases;
mod dates;
mod done;
mod editor;
mod fix;
mod frameworks;
mod fuzz_corpus;
mod guarantees;
mod history;
mod input;
mod linear;
mod mistakes;
mod new;
mod obsidian;
mod privacy;
mod properties;
mod report;
mod rules;
mod seal;
mod sharing;
mod show;
mod support;
mod team;
mod terminal;
mod tooling;
