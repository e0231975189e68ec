//! What is in the repository: which files are documents ([`discover`]), one document read
//! once, its private notes found and redacted before anything else reads it
//! ([`document`], [`document::privacy`]), and all of them with the roster
//! ([`repository`]).

pub mod discover;
pub mod document;
pub mod repository;
pub mod seal_filter;
