//! The library's error type. Per-document problems never surface as `Error`:
//! they become `status=error` rows (see [`crate::input`]). `Error` is for what
//! stops a whole run: unreadable gazetteers, an unwritable output folder.

use std::path::PathBuf;

/// Errors that stop a run (as opposed to per-document failures).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An I/O failure on a path the run cannot do without.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gazetteer file that cannot be parsed.
    #[error("gazetteer {file}, line {line}: {msg}")]
    Gazetteer {
        /// File name of the list.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        msg: String,
    },
    /// A CSV writing failure.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Anything else, with a message meant for the user.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// Wrap an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias for the library.
pub type Result<T> = std::result::Result<T, Error>;
