//! Judgements, as pure functions of the model and a date: the rules of `cairn check`
//! ([`rules`]), each person's status and the report's flags ([`status`]), what a new
//! document is pre-filled with ([`prefill`]), and the documents kept past their retention
//! ([`retention`]).

pub mod prefill;
pub mod retention;
pub mod rules;
pub mod status;
