//! (breakout: in progress)
