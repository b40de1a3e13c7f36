//! Consolidation ranges, breakouts, channels and volatility compression.
//!
//! (Module overview below.)

mod detector;
mod vol;

pub use detector::{
    scan, scan_series, BarInput, BarRef, Breakout, BreakoutConfig, BreakoutDetector, BreakoutState,
    ConfirmRule, Direction, Event, EventKind, Input, Position, Range, RangeBasis, Scan, WidthLimit,
};
