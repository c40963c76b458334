//! factdiff: read several reports of one event and tell, claim by claim, where they disagree.
//!
//! The library is a pipeline of stages, each a module that takes the previous stage's type and
//! returns its own:
//!
//! ```text
//! ingest (paths -> Source) -> segment (Source -> Document) -> align (Documents -> Alignment)
//!        -> claims (Document -> Vec<Claim>) -> rules (claims + alignment -> Findings)
//!        -> findings (CompareReport, the boundary type) -> render (CompareReport -> text)
//! ```
//!
//! The library never prints: every stage returns values or errors, and the binary decides what
//! reaches the terminal and which exit code to use.
#![forbid(unsafe_code)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod align;
pub mod baseline;
pub mod claims;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod findings;
pub mod ingest;
pub mod render;
pub mod rules;
pub mod segment;
pub mod vocab;

pub use error::{Error, InputError};
