//! The rules every chartist function follows. This page is documentation only.
//!
//! # Time and alignment
//! * Timestamps are [`chrono::NaiveDateTime`]. A daily bar sits at **midnight of its date**; an
//!   intraday bar at its own timestamp (CSV offsets such as `-05:00` are dropped so the
//!   exchange's wall-clock time is kept). Anything that takes a date accepts a
//!   [`chrono::NaiveDate`] (the whole day) or a `NaiveDateTime` (one instant), through
//!   [`series::TimeKey`](crate::series::TimeKey).
//! * *On* a date means the bar of that date (the day's last bar for intraday data); *as of* a
//!   date means the last bar on or before it.
//! * Two series are compared only after [`align`](crate::series::align)ing them **by
//!   timestamp**, never by position: an inner join by default, or a forward fill with a maximum
//!   gap, with a report of every dropped or filled date. Functions that take two
//!   [`PriceSeries`](crate::series::PriceSeries) align internally; functions that take two
//!   slices require them to be aligned already and check only their lengths.
//!
//! # Price basis
//! A [`PriceSeries`](crate::series::PriceSeries) carries a
//! [`PriceBasis`](crate::series::PriceBasis) tag (raw, split-adjusted, total-return). chartist
//! never converts between bases; long-horizon returns and relative strength should use the same
//! basis on both sides (total-return if dividends matter).
//!
//! # Returns
//! A period return runs from the **last close before the period** to the last close in it, so
//! YTD as of a date starts from the previous year's last close. See
//! [`series::returns`](mod@crate::series::returns).
//!
//! # Indicators: warm-up, output shape, references
//! * Every batch function returns outputs of the **input's length**, NaN where no value exists
//!   yet, and the first value at exactly the index where TA-Lib's output begins (its
//!   "lookback"); every streaming type reports that number as
//!   [`Indicator::lookback`](crate::indicators::Indicator::lookback).
//! * Defaults are TA-Lib's: EMA seeded with the SMA of the first `n` values, Wilder smoothing
//!   for RSI, ATR and ADX, population standard deviation. Where StockCharts differs (e.g. ADX
//!   seeding) the alternative is an explicit option.
//! * Numbers are checked against TA-Lib 0.8.1 (vectors generated with the PyPI `ta-lib` package,
//!   committed with the script under `tests/reference/`), ChartSchool tables and Stock.Indicators
//!   results; each function's docs name the reference it matches.
//! * **Streaming and batch give the same numbers.** Each indicator is one type with `update`
//!   (O(1), no allocation), `peek`, `reset` and `lookback`, and a batch function over slices
//!   whose output at index `i` is what `update` returned for input `i` (property-tested; a
//!   faster batch loop may differ by at most 1e-12 relative).
//!
//! # NaN and non-finite input
//! * **Series construction is strict.** A [`PriceSeries`](crate::series::PriceSeries) never holds
//!   NaN, infinities, non-positive prices, negative volume, `high < low`, or unsorted or
//!   duplicate timestamps: such input is an error naming the row, or, in repair mode, a dropped
//!   row listed in the [`RepairReport`](crate::series::RepairReport).
//! * **Indicators over plain slices** accept anything. A non-finite value (NaN, ±inf) splits
//!   the series: its own output is NaN, and the indicator restarts its warm-up on the values
//!   after it, as if a new series began. Window indicators thus recover once the bad value has
//!   left the window; recursive ones (EMA, Wilder) re-seed. A streaming type given a non-finite
//!   input resets and returns `None`. For multi-input indicators a bar is non-finite if any of
//!   its inputs is.
//! * **Panels** ([`Panel`](crate::series::Panel)) use NaN for "no data for this member on this
//!   date". Cross-sectional functions (breadth, RS rating) skip such members on that date and
//!   report how many they skipped.
//! * A period longer than the data is not an error: the output is all NaN (or empty, for
//!   event lists), and nothing of the period's size is allocated. An empty input gives an
//!   empty output. Streaming indicator types hold their window in memory, so their
//!   constructors reject periods above [`MAX_PERIOD`](crate::MAX_PERIOD) (2^26) with
//!   [`Error::InvalidParameter`](crate::Error::InvalidParameter).
//!
//! # Errors
//! * Every fallible function returns [`crate::Result`]; the error is one
//!   `#[non_exhaustive]` enum, [`crate::Error`], whose variants carry what is needed to fix the
//!   input: the parameter and its value ([`Error::InvalidParameter`](crate::Error::InvalidParameter)
//!   — `period must be at least 1, got 0`), the row and timestamp
//!   ([`Error::InvalidValue`](crate::Error::InvalidValue) — `row 1,024 (2020-03-16): high 10.2 is
//!   below low 10.5`), the CSV line, column and text ([`Error::Csv`](crate::Error::Csv)), or
//!   the lengths that differ ([`Error::LengthMismatch`](crate::Error::LengthMismatch)).
//! * Typical causes: a period of 0, inputs of different lengths, no common dates, too little
//!   data for a statistic that needs a minimum, thresholds out of order, a universe with fewer
//!   members than a ranking needs, or an XIRR whose cash flows never change sign.
//! * The library does not panic on user input, does not print, and holds no global state.
