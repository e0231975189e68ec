//! Reading text: lines and positions ([`lines`]), YAML with its marks and its mistakes
//! said in a manager's words ([`yaml`]), the generous Unicode matching of private titles
//! ([`phrase`]) and "did you mean" suggestions ([`suggest`]).

pub mod lines;
pub mod phrase;
pub mod suggest;
pub mod yaml;
