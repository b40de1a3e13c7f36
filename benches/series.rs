//! Benchmarks for the series module (in progress).
fn main() {}
