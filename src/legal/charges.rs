//! Criminal charges: offense phrases, their category, statute, stage and person.

use crate::entities::Entities;
use crate::gazetteer::Gazetteers;
use crate::model::Charge;
use crate::text::Text;

/// Find the charges of a document.
pub fn find(_text: &Text, _gaz: &Gazetteers, _ents: &Entities) -> Vec<Charge> {
    Vec::new()
}
