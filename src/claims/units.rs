//! TODO: units recogniser.
