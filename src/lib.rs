//! cairn keeps engineers' career conversations and development contracts honest, complete
//! and followed through.
//!
//! The library is the whole program; `main.rs` only parses arguments and exits. Data flows
//! one way, one module per step:
//!
//! 1. [`config`] reads `cairn.yaml` and [`discover`] lists the documents;
//! 2. [`document`] reads and parses each file once into metadata (front matter, sections,
//!    commitments, links), keeping no text it does not need;
//! 3. [`repository`] indexes the documents by path and by person;
//! 4. [`rules`] checks the repository and returns [`diagnostic::Diagnostic`]s;
//! 5. [`printer`] renders them for people, for programs and for GitHub.

pub mod calendar;
pub mod cli;
pub mod commands;
pub mod config;
pub mod create;
pub mod date;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod error;
pub mod lines;
pub mod pipeline;
pub mod prefill;
pub mod printer;
pub mod report;
pub mod repository;
pub mod rules;
pub mod schema;
pub mod snippet;
pub mod status;
pub mod suggest;
pub mod templates;
pub mod title;
pub mod yaml;
