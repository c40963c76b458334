//! TODO: date recogniser.
