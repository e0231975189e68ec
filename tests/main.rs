//! cairn's integration tests, one binary: each module runs the real `cairn` over fixture
//! repositories under `tests/fixtures/` (or small ones made at run time) as a user would,
//! and snapshots what people read.

// A test's unwrap is its assertion: a panic names what failed.
#![allow(clippy::unwrap_used, missing_docs)]

mod calendar;
mod check;
mod ci;
mod config_phrases;
mod editor;
mod fix;
mod fuzz_corpus;
mod guarantees;
mod input;
mod linear;
mod mistakes;
mod new;
mod privacy;
mod properties;
mod report;
mod rules;
mod show;
mod support;
mod tooling;
