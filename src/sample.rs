//! (sample: in progress)
