//! (breadth: in progress)
