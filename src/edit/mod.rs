//! The only writers: fixes ([`fix`]), new documents ([`generate`]), settled promises
//! ([`tick`]), roster changes at a handover ([`roster`]) and atomic writes that never
//! overwrite what changed meanwhile ([`create`]).
//! Every edit of a document goes through its privacy module's `Source`.

pub mod create;
pub mod fix;
pub mod generate;
pub mod roster;
pub mod seal;
pub mod tick;
