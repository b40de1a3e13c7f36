//! (performance: in progress)
