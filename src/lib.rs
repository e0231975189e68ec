//! cairn keeps engineers' career conversations and development contracts honest, complete
//! and followed through.
//!
//! The library does the work; the `cairn` binary parses arguments, calls it, prints and
//! chooses the exit code. Data flows one way, and each layer imports only from the layers
//! below it (`python3 ../shared/tools/layers.py` finds no circle):
//!
//! 1. the words of the domain: [`vocabulary`], [`date`], [`title`], [`section_spec`],
//!    [`diagnostic`] (findings and the rule type), [`lines`], [`mention`], [`yaml`], [`suggest`],
//!    [`error`], [`create`], [`control`] (what no output may pass on raw) and [`json`];
//! 2. [`config`]: `cairn.yaml`, the roster over time;
//! 3. [`discover`] lists the documents and [`document`] reads each file once into facts;
//! 4. [`repository`]: the documents and the roster, indexed;
//! 5. the judgements, as pure functions: [`rules`], [`status`], [`prefill`];
//! 6. the renderers: [`printer`], [`diff`], [`snippet`], [`report`], [`calendar`], [`templates`],
//!    [`schema`], [`show`], [`todo`];
//! 7. the services over all of it: [`generate`] (a new document), [`tick`] (a commitment
//!    settled in its file), [`fix`] (which inserts
//!    a missing section with the guidance of the same template, so it sits above the
//!    templates), [`lsp`] and [`pipeline`] (what the fuzzer runs).

pub mod control;
pub mod create;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod json;
pub mod lines;
pub mod mention;
pub mod phrase;
pub mod section_spec;
pub mod suggest;
pub mod title;
pub mod vocabulary;
pub mod yaml;

pub mod config;

pub mod discover;
pub mod document;

pub mod repository;

pub mod prefill;
pub mod rules;
pub mod status;

pub mod calendar;
pub mod diff;
pub mod printer;
pub mod report;
pub mod schema;
pub mod show;
pub mod snippet;
pub mod templates;
pub mod todo;

pub mod fix;
pub mod generate;
pub mod lsp;
pub mod pipeline;
pub mod tick;
