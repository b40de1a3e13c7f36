//! Benchmarks for the relative module (in progress).
fn main() {}
