//! Benchmarks for high/low/close indicators (in progress).
fn main() {}
