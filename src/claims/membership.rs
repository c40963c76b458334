//! TODO: membership recogniser.
