//! TODO: quantity recogniser.
