//! Benchmarks for the breadth module (in progress).
fn main() {}
