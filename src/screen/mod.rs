//! (screen: in progress)
