//! (relative: in progress)
