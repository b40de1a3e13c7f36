//! (series: in progress)
