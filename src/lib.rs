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
