//! Error types of the library. Input: failures of any stage. Output: `Error` (fatal for one
//! operation) and `InputError` (one bad input file, reported while the others go on).

use std::path::PathBuf;

/// A problem with one input path. The run goes on with the other inputs and exits 2 at the end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{}: {message}", path.display())]
pub struct InputError {
    /// The file or folder the problem is about.
    pub path: PathBuf,
    /// Human-readable message; names the byte offset or line where it applies.
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Errors that stop one operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more rule or vocabulary files are invalid; each entry is already formatted as
    /// `path:line:col: message` followed by the offending line.
    #[error("invalid rules:\n{}", .0.join("\n"))]
    Rules(Vec<String>),
    /// Bad input that prevents the operation as a whole (e.g. no readable report at all).
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
