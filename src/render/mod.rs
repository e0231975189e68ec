//! Laying out what analysis computed, and computing nothing: the printers of `check`
//! ([`printer`], [`snippet`], [`diff`]), the report ([`report`]), the calendar
//! ([`calendar`]), one person's story ([`show`]), the to-do list ([`todo`]), the
//! engineer's copy ([`share`]), a subject access export ([`export`]), the JSON Schema
//! ([`schema`]), the templates ([`templates`]), and what keeps a note's control characters
//! off a terminal ([`control`], [`json`]).

pub mod calendar;
pub mod control;
pub mod diff;
pub mod export;
pub mod json;
pub mod printer;
pub mod report;
pub mod rulebook;
pub mod schema;
pub mod share;
pub mod show;
pub mod snippet;
pub mod templates;
pub mod todo;
