//! Judgements, as pure functions of the model and a date: the rules of `cairn check`
//! ([`rules`]), each person's status and the report's flags ([`status`]), and what a new
//! document is pre-filled with ([`prefill`]).

pub mod prefill;
pub mod retention;
pub mod rules;
pub mod status;
