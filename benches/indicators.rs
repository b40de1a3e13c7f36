//! Benchmarks for the indicators module (in progress).
fn main() {}
