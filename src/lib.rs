//! # chartist
//!
//! Market technical analysis for Rust: validated price series, TA-Lib-exact indicators that run
//! both bar by bar and over slices, relative strength and rotation, range-breakout detection,
//! breadth and performance statistics.
//!
//! (Crate-level overview and example: see README until the modules land.)
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;

pub mod breadth;
pub mod breakout;
pub mod indicators;
pub mod performance;
pub mod relative;
pub mod sample;
pub mod screen;
pub mod series;
pub mod signals;

pub use error::{At, Error, Result, Row};

/// The README's code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
