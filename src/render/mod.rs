//! Renderers: turn findings into text. Input: [`CompareReport`](crate::findings::CompareReport),
//! [`CheckReport`](crate::findings::CheckReport) or an alignment view. Output: a `String` in one
//! format. Renderers never look at raw text processing; one file per format.

pub mod claims;
pub mod table;
