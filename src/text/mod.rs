//! Reading text: lines and positions ([`lines`]), YAML with its marks and its mistakes
//! said in a manager's words ([`yaml`]), the generous Unicode matching of private titles
//! ([`phrase`]), "did you mean" suggestions ([`suggest`]) and whether a text names a
//! phrase in whole words ([`words`]).

pub mod comments;
pub mod lines;
pub mod phrase;
pub mod suggest;
pub mod words;
pub mod yaml;
