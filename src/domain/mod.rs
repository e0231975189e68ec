//! The words of the domain, which every other layer speaks: document types and fields
//! ([`vocabulary`]), dates ([`date`]), section titles ([`title`], [`section_spec`]), mentions
//! of people ([`mention`]), findings and the rule type ([`diagnostic`]) and the library's
//! errors ([`error`]). Nothing here reads a file or knows a repository.

pub mod date;
pub mod diagnostic;
pub mod error;
pub mod mention;
pub mod section_spec;
pub mod title;
pub mod vocabulary;
