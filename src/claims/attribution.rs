//! TODO: attribution recogniser.
