//! Clemency actions as events: action, status, grantor, recipient.

use crate::entities::Entities;
use crate::gazetteer::Gazetteers;
use crate::model::{Charge, Clemency, Sentence};
use crate::text::Text;

/// Find the clemency events of a document.
pub fn find(
    _text: &Text,
    _gaz: &Gazetteers,
    _ents: &Entities,
    _charges: &[Charge],
    _sentences: &[Sentence],
    _date: Option<&str>,
) -> Vec<Clemency> {
    Vec::new()
}
