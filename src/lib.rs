//! news-extract: folders of news articles in, CSV tables of people,
//! organizations, criminal charges, prison sentences and clemency actions out.
//!
//! The modules follow the data's path:
//! [`input`] (files to [`model::Document`]s) -> [`text`] (sentences, offsets)
//! -> [`gazetteer`] and the recognizers [`entities`], [`legal`], [`clemency`]
//! -> [`extract`] (one document's [`model::Extraction`]) -> [`output`] (CSV),
//! driven in parallel by [`pipeline`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod clemency;
pub mod entities;
pub mod error;
pub mod eval;
pub mod extract;
pub mod gazetteer;
pub mod input;
pub mod legal;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod state;
pub mod text;

pub use error::{Error, Result};

/// The bundled corpus's files that read as UTF-8 text, with their paths,
/// in path order: the real text on which tests compare a fast path with
/// its reference.
#[cfg(test)]
pub(crate) fn corpus_files() -> Vec<(std::path::PathBuf, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let s = std::fs::read_to_string(&p).ok()?;
            Some((p, s))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus texts");
    files
}

/// The texts of [`corpus_files`].
#[cfg(test)]
pub(crate) fn corpus_texts() -> Vec<String> {
    corpus_files().into_iter().map(|(_, s)| s).collect()
}
