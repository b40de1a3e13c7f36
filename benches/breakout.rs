//! Benchmarks for the breakout module (in progress).
fn main() {}
