//! Legal facts: criminal charges and prison sentences.

pub mod charges;
pub mod sentences;
