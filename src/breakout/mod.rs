//! Consolidation ranges, breakouts, channels and volatility compression.
//!
//! "The Russell 2000 broke out of a years-long trading range": this module finds the range,
//! dates the breakout, says whether it held and projects a target, on any `f64` series (a
//! price, an index, a relative-strength ratio line) with optional highs, lows and volume.
//!
//! * **Ranges and breakout events**: [`scan`] / [`scan_series`] (batch) and
//!   [`BreakoutDetector`] (streaming, bar by bar, no look-ahead; the batch scan runs the same
//!   code, and every breakout records the bar at which each state change became known, so
//!   [`Breakout::as_of`] reproduces what a live run saw). Configure with [`BreakoutConfig`];
//!   its defaults and where they come from are in its docs.
//! * **Channels and extremes**: [`donchian_breakouts`] against the prior `n` bars,
//!   [`new_extremes`] for 52-week ([`Lookback::WEEKS_52`]) and all-time highs and lows.
//! * **Volatility compression**: [`bandwidth_squeeze`] (Bollinger bandwidth at an N-bar low or
//!   percentile), [`ttm_squeeze`] (Bollinger inside Keltner, with on/off bars),
//!   [`narrow_range`] (NR4/NR7), [`inside_bars`] and [`darvas_boxes`].
//!
//! # Failed breakouts and pullbacks
//!
//! A close back inside the range within [`BreakoutConfig::failure_window`] bars of the
//! breakout bar (5 by default, whether or not the breakout has confirmed) makes it a *failed*
//! breakout, an event of its own (a bull or bear trap); the range stays in force with the
//! same edges, and the next close beyond an edge is a new breakout of it. Once a confirmed
//! breakout has held for that window the range ends, and later closes back inside are
//! pullbacks: they change nothing (a retest of the level while the breakout is open is in
//! [`Breakout::retest_at`]). On IWM's weekly closes with the defaults (data through
//! 2026-01-16) the 2020-2025 range runs from 162.21 to 241.81. Its upside breaks of
//! 2024-11-29, 2025-09-19 and 2025-10-03 closed back inside a week later, and the break of
//! 2025-10-17 confirmed on 10-24 but closed back inside on 11-07, within five weeks: the
//! October-November dips are therefore reported as failed breakouts of the same range, not
//! as pullbacks. The break of 2025-11-28 held (confirmed 12-05), so as of 2026-01-16 price is
//! above the range with a measured-move target of 241.81 + 79.60 = 321.41. A shorter
//! `failure_window` (or 0) would read the November dip as a pullback of the 10-17 breakout.
//!
//! Indicators (ATR, true range, Bollinger, Keltner, Donchian, SMA) come from
//! [`crate::indicators`].
//!
//! ```
//! use chartist::breakout::{scan_series, BreakoutConfig, Position};
//! use chartist::series::{resample, Timeframe};
//!
//! let story = chartist::sample::story(42);
//! let weekly = resample(&story.small_caps, Timeframe::Weekly)?.series;
//! let found = scan_series(&weekly, &BreakoutConfig::default())?;
//! if let Some(b) = found.latest_breakout() {
//!     println!("{:?} breakout of {:.2} on {:?}: {:?}, target {:.2}",
//!              b.direction, b.level, b.bar.date(), b.state, b.target);
//! }
//! # Ok::<(), chartist::Error>(())
//! ```

mod channels;
mod compression;
mod detector;
mod vol;

pub use channels::{donchian_breakouts, new_extremes, ChannelBreak, Lookback, NewExtreme};
pub use compression::{
    bandwidth_squeeze, darvas_boxes, inside_bars, narrow_range, ttm_squeeze, DarvasBox, Squeeze,
    SqueezeConfig,
};
pub use detector::{
    scan, scan_many, scan_series, BarInput, BarRef, Breakout, BreakoutConfig, BreakoutDetector,
    BreakoutState, ConfirmRule, Direction, Event, EventKind, Input, Position, Range, RangeBasis,
    Scan, WidthLimit,
};
