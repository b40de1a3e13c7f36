//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod plain_performance;

use std::path::PathBuf;

/// The shared data folder named by `CHARTIST_DATA_DIR`, or `None` (after printing a notice)
/// when it is unset or missing.
pub fn data_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("CHARTIST_DATA_DIR") {
        Some(d) if PathBuf::from(&d).is_dir() => Some(PathBuf::from(d)),
        _ => {
            eprintln!("skipping {test}: CHARTIST_DATA_DIR not set (point it at shared/data)");
            None
        }
    }
}

/// A date from year, month, day (test input is always valid).
pub fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}
