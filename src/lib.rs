//! cairn keeps engineers' career conversations and development contracts honest, complete
//! and followed through.
//!
//! The library does the work; the `cairn` binary (`main.rs`, `cli.rs`, `commands/`) parses
//! arguments, calls it, prints and chooses the exit code. Data flows one way, and the
//! layers are the folders: each imports only from those listed before it (the test
//! `layers_import_only_downwards` holds them to it). [`domain`] has the words (document
//! types, fields, dates, titles, mentions, findings); [`text`] reads text (lines and
//! positions, YAML, Unicode matching of private titles, suggestions); [`config`] reads
//! `cairn.yaml` into the roster over time; [`model`] decides which files are documents,
//! finds and redacts private notes, reads each document once and holds the repository;
//! [`analysis`] judges, as pure functions (the rules of `check`, the status of each person,
//! the pre-fill of new documents); [`render`] lays out what analysis computed, and
//! computes nothing; [`edit`] holds the only writers (fixes, new documents, settled
//! promises, atomic writes); [`lsp`] serves editors, and [`pipeline`] is what the fuzzer
//! runs.

pub mod domain;

pub mod text;

pub mod config;

pub mod model;

pub mod analysis;

pub mod render;

pub mod edit;

pub mod lsp;
pub mod pipeline;

#[cfg(test)]
mod layers;
