//! (signals: in progress)
