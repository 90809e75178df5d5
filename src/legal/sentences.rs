//! Prison sentences: term phrases, normalized to months, with kind and person.

use crate::entities::Entities;
use crate::model::Sentence;
use crate::text::Text;

/// Find the prison sentences of a document.
pub fn find(_text: &Text, _ents: &Entities) -> Vec<Sentence> {
    Vec::new()
}
