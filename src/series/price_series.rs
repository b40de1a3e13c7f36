//! The bar and the validated columnar price series.

use chrono::{NaiveDate, NaiveDateTime};
use ndarray::ArrayView1;

use super::time::{first_at_or_after, last_at_or_before, TimeKey};
use crate::error::{At, Error, Result, Row};

/// What the prices of a series are adjusted for.
///
/// Returns over long spans differ between bases (a split-adjusted close ignores dividends,
/// a total-return close reinvests them), so chartist carries the tag along and reports it;
/// it never converts between bases on its own.
///
/// ```
/// use chartist::series::{PriceBasis, PriceSeries};
/// use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
/// let s = PriceSeries::from_daily_closes("IWM", &[day], vec![248.1])?;
/// assert_eq!(s.basis(), PriceBasis::SplitAdjusted); // the default tag
/// let s = s.with_basis(PriceBasis::TotalReturn); // e.g. closes from Yahoo's `Adj Close`
/// assert_eq!(s.basis(), PriceBasis::TotalReturn);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PriceBasis {
    /// Prices as traded, not adjusted for splits or dividends.
    Raw,
    /// Adjusted for splits only (e.g. Yahoo's `Close` column).
    #[default]
    SplitAdjusted,
    /// Adjusted for splits and dividends (e.g. Yahoo's `Adj Close`).
    TotalReturn,
}

/// One OHLCV bar.
///
/// ```
/// use chartist::series::Bar;
/// use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
/// let bar = Bar::daily(day, 246.0, 249.0, 245.5, 248.1, 3.1e7);
/// assert_eq!(bar.time.to_string(), "2026-01-02 00:00:00");
/// assert_eq!(bar.high - bar.low, 3.5);
/// assert_eq!((bar.close, bar.volume), (248.1, 3.1e7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Bar {
    /// When the bar ends: midnight of the date for daily bars, the bar's timestamp otherwise.
    pub time: NaiveDateTime,
    /// Opening price.
    pub open: f64,
    /// Highest price.
    pub high: f64,
    /// Lowest price.
    pub low: f64,
    /// Closing price.
    pub close: f64,
    /// Traded volume (0 when unknown).
    pub volume: f64,
}

impl Bar {
    /// A bar from its timestamp and values.
    ///
    /// ```
    /// use chartist::series::Bar;
    /// use chrono::NaiveDate;
    /// let t = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap().and_hms_opt(9, 30, 0).unwrap();
    /// let bar = Bar::new(t, 10.0, 10.4, 9.9, 10.2, 1500.0);
    /// assert_eq!(bar.time, t);
    /// assert_eq!((bar.open, bar.close, bar.volume), (10.0, 10.2, 1500.0));
    /// ```
    pub fn new(
        time: NaiveDateTime,
        open: f64,
        high: f64,
        low: f64,
        close: f64,
        volume: f64,
    ) -> Self {
        Bar {
            time,
            open,
            high,
            low,
            close,
            volume,
        }
    }

    /// A daily bar, timestamped at midnight of `date`.
    ///
    /// ```
    /// use chartist::series::{midnight, Bar};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let bar = Bar::daily(day, 246.0, 249.0, 245.5, 248.1, 3.1e7);
    /// assert_eq!(bar.time, midnight(day));
    /// assert_eq!(bar.date(), day);
    /// ```
    pub fn daily(date: NaiveDate, open: f64, high: f64, low: f64, close: f64, volume: f64) -> Self {
        Bar::new(super::time::midnight(date), open, high, low, close, volume)
    }

    /// A close-only bar: open, high and low equal the close, volume is 0.
    ///
    /// ```
    /// use chartist::series::{midnight, Bar};
    /// use chrono::NaiveDate;
    /// let bar = Bar::close_only(midnight(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()), 42.0);
    /// assert_eq!((bar.open, bar.high, bar.low, bar.close), (42.0, 42.0, 42.0, 42.0));
    /// assert_eq!(bar.volume, 0.0);
    /// ```
    pub fn close_only(time: NaiveDateTime, close: f64) -> Self {
        Bar::new(time, close, close, close, close, 0.0)
    }

    /// The bar's calendar date.
    ///
    /// ```
    /// use chartist::series::Bar;
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let bar = Bar::close_only(day.and_hms_opt(15, 59, 0).unwrap(), 10.0); // an intraday bar
    /// assert_eq!(bar.date(), day);
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.time.date()
    }

    /// Checks this bar's values (not its timestamp against neighbours). `row` names it in errors.
    pub(crate) fn check(&self, row: usize) -> Result<()> {
        let at = At(Some(self.time));
        let bad = |field: &'static str, value: f64, problem: String| Error::InvalidValue {
            row: Row(row),
            at,
            field,
            value,
            problem,
        };
        for (field, v) in [
            ("open", self.open),
            ("high", self.high),
            ("low", self.low),
            ("close", self.close),
        ] {
            if !v.is_finite() {
                return Err(bad(field, v, "is not finite".into()));
            }
            if v <= 0.0 {
                return Err(bad(field, v, "is not a positive price".into()));
            }
        }
        if !self.volume.is_finite() {
            return Err(bad("volume", self.volume, "is not finite".into()));
        }
        if self.volume < 0.0 {
            return Err(bad("volume", self.volume, "is negative".into()));
        }
        if self.high < self.low {
            return Err(bad("high", self.high, format!("is below low {}", self.low)));
        }
        let body_low = self.open.min(self.close);
        let body_high = self.open.max(self.close);
        if self.low > body_low {
            let which = if self.open <= self.close {
                "open"
            } else {
                "close"
            };
            return Err(bad("low", self.low, format!("is above {which} {body_low}")));
        }
        if self.high < body_high {
            let which = if self.open >= self.close {
                "open"
            } else {
                "close"
            };
            return Err(bad(
                "high",
                self.high,
                format!("is below {which} {body_high}"),
            ));
        }
        Ok(())
    }
}

/// How construction treats invalid rows.
///
/// ```
/// use chartist::series::{Bar, PriceSeries, Validation};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let bars = vec![Bar::daily(d(5), 2.0, 2.0, 2.0, 2.0, 0.0), Bar::daily(d(2), 1.0, 1.0, 1.0, 1.0, 0.0)];
/// assert_eq!(Validation::default(), Validation::Strict);
/// assert!(matches!(PriceSeries::from_bars("X", bars.clone()), Err(chartist::Error::Unsorted { .. })));
/// let (s, report) = PriceSeries::repair("X", bars)?; // Validation::Repair for in-memory bars
/// assert_eq!(s.close(), &[1.0, 2.0]);
/// assert_eq!(report.moved(), 1);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Validation {
    /// Reject the input with a typed error naming the first offending row (the default).
    #[default]
    Strict,
    /// Sort by time, drop duplicate timestamps (keeping the first occurrence in input order)
    /// and drop invalid rows, reporting each change in a [`RepairReport`].
    Repair,
}

/// Why repair mode changed or dropped a row.
///
/// ```
/// use chartist::series::{Bar, PriceSeries, RepairKind};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let (_, report) = PriceSeries::repair("X", vec![
///     Bar::daily(d(2), 1.0, 1.0, 1.0, 1.0, 0.0),
///     Bar::daily(d(2), 1.5, 1.5, 1.5, 1.5, 0.0),  // the same date again
///     Bar::daily(d(5), -1.0, 1.0, 1.0, 1.0, 0.0), // a negative open
/// ])?;
/// assert_eq!(report.actions[0].kind, RepairKind::DuplicateDropped);
/// assert_eq!(report.actions[1].kind, RepairKind::InvalidDropped("row 2 (2026-01-05): open -1 is not a positive price".into()));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RepairKind {
    /// The row was out of time order and was moved into place.
    Moved,
    /// The row repeated an earlier row's timestamp and was dropped.
    DuplicateDropped,
    /// The row had an invalid value and was dropped; the text says which.
    InvalidDropped(String),
    /// The row could not be parsed (CSV input) and was dropped; the text says why.
    UnparseableDropped(String),
}

/// One change made by repair mode.
///
/// ```
/// use chartist::series::{midnight, Bar, PriceSeries, RepairKind};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let bars = vec![Bar::daily(d(5), 2.0, 2.0, 2.0, 2.0, 0.0), Bar::daily(d(2), 1.0, 1.0, 1.0, 1.0, 0.0)];
/// let (_, report) = PriceSeries::repair("X", bars)?;
/// let action = &report.actions[0];
/// assert_eq!((action.row, action.time), (1, Some(midnight(d(2)))));
/// assert_eq!(action.kind, RepairKind::Moved);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RepairAction {
    /// The row in the input: 0-based index for in-memory bars, 1-based file line for CSV.
    pub row: usize,
    /// The row's timestamp, when it had a readable one.
    pub time: Option<NaiveDateTime>,
    /// What was done.
    pub kind: RepairKind,
}

/// Everything repair mode changed, row by row. Empty when the input was already valid.
///
/// ```
/// use chartist::series::{Bar, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let bars = vec![Bar::daily(d(2), 1.0, 1.0, 1.0, 1.0, 0.0), Bar::daily(d(2), 1.5, 1.5, 1.5, 1.5, 0.0)];
/// let (s, report) = PriceSeries::repair("X", bars)?;
/// assert_eq!(s.close(), &[1.0]); // the first occurrence wins
/// assert_eq!(report.actions.len(), 1);
/// assert_eq!(report.actions[0].row, 1);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RepairReport {
    /// The changes, in input-row order.
    pub actions: Vec<RepairAction>,
}

impl RepairReport {
    /// True when nothing was changed.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let bars = vec![Bar::daily(d(2), 1.0, 1.0, 1.0, 1.0, 0.0), Bar::daily(d(5), 2.0, 2.0, 2.0, 2.0, 0.0)];
    /// let (_, report) = PriceSeries::repair("X", bars)?;
    /// assert!(report.is_empty()); // already valid: nothing changed
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Number of rows dropped (duplicates, invalid and unparseable rows).
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let (s, report) = PriceSeries::repair("X", vec![
    ///     Bar::daily(d(2), 1.0, 1.0, 1.0, 1.0, 0.0),
    ///     Bar::daily(d(2), 1.5, 1.5, 1.5, 1.5, 0.0),       // duplicate date
    ///     Bar::daily(d(5), 2.0, 2.0, 2.0, f64::NAN, 0.0),  // NaN close
    /// ])?;
    /// assert_eq!((s.len(), report.dropped(), report.moved()), (1, 2, 0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn dropped(&self) -> usize {
        self.actions
            .iter()
            .filter(|a| !matches!(a.kind, RepairKind::Moved))
            .count()
    }

    /// Number of rows moved to restore time order.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let bars = vec![Bar::daily(d(5), 2.0, 2.0, 2.0, 2.0, 0.0), Bar::daily(d(2), 1.0, 1.0, 1.0, 1.0, 0.0)];
    /// let (s, report) = PriceSeries::repair("X", bars)?;
    /// assert_eq!((s.len(), report.moved(), report.dropped()), (2, 1, 0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn moved(&self) -> usize {
        self.actions.len() - self.dropped()
    }
}

/// A validated, columnar OHLCV price series for one symbol.
///
/// Each field is one contiguous `Vec<f64>` (slices via [`close`](Self::close) etc., ndarray views
/// via [`close_view`](Self::close_view)), so indicators run on it directly. Timestamps are
/// [`NaiveDateTime`]; daily bars sit at midnight of their date.
///
/// Invariants, checked at construction: at least one bar; timestamps strictly increasing (so
/// unique); every price finite and positive; volume finite and `>= 0`;
/// `low <= min(open, close)` and `high >= max(open, close)`.
///
/// ```
/// use chartist::series::{Bar, PriceSeries};
/// use chrono::NaiveDate;
///
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let s = PriceSeries::from_bars(
///     "IWM",
///     vec![
///         Bar::daily(d(2), 246.0, 249.0, 245.5, 248.1, 3.1e7),
///         Bar::daily(d(5), 248.5, 252.0, 248.0, 251.7, 2.9e7),
///     ],
/// )?;
/// assert_eq!(s.len(), 2);
/// assert_eq!(s.close(), &[248.1, 251.7]);
/// assert_eq!(s.close_on(d(5)), Some(251.7));
/// assert_eq!(s.close_as_of(d(4)), Some(248.1)); // the 2nd was the last bar by the 4th
///
/// // Invalid input is rejected with a message naming the row:
/// let err = PriceSeries::from_bars("X", vec![Bar::daily(d(2), 10.0, 9.0, 9.5, 9.8, 0.0)])
///     .unwrap_err();
/// assert_eq!(err.to_string(), "row 0 (2026-01-02): high 9 is below low 9.5");
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PriceSeries {
    symbol: String,
    basis: PriceBasis,
    time: Vec<NaiveDateTime>,
    open: Vec<f64>,
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
    has_ohlc: bool,
    has_volume: bool,
}

impl PriceSeries {
    /// Builds a series from bars, strictly: any invalid, unsorted or duplicate row is an error.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let s = PriceSeries::from_bars("IWM", vec![Bar::daily(day, 246.0, 249.0, 245.5, 248.1, 3.1e7)])?;
    /// assert_eq!(s.last().close, 248.1);
    /// assert!(matches!(PriceSeries::from_bars("X", vec![]), Err(chartist::Error::Empty { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`] for no bars; [`Error::InvalidValue`], [`Error::Unsorted`] or
    /// [`Error::DuplicateTimestamp`] naming the first offending row (0-based).
    pub fn from_bars(symbol: impl Into<String>, bars: Vec<Bar>) -> Result<Self> {
        let (s, _) = Self::build(symbol.into(), bars, Validation::Strict, None)?;
        Ok(s)
    }

    /// Builds a series from bars, repairing what it can: sorts by time, drops duplicate
    /// timestamps (first occurrence wins) and invalid rows, and reports every change.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries, RepairKind};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let (s, report) = PriceSeries::repair(
    ///     "X",
    ///     vec![
    ///         Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0),
    ///         Bar::daily(d(2), 10.0, 11.0, 9.0, 10.2, 100.0), // out of order
    ///         Bar::daily(d(5), 10.0, 11.0, 9.0, 10.9, 100.0), // duplicate
    ///         Bar::daily(d(6), 10.0, 11.0, 9.0, f64::NAN, 0.0), // invalid
    ///     ],
    /// )?;
    /// assert_eq!(s.close(), &[10.2, 10.5]);
    /// assert_eq!(report.actions.len(), 3);
    /// assert_eq!(report.actions[0].row, 1);
    /// assert_eq!(report.actions[0].kind, RepairKind::Moved);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`] when no valid bar remains.
    pub fn repair(symbol: impl Into<String>, bars: Vec<Bar>) -> Result<(Self, RepairReport)> {
        Self::build(symbol.into(), bars, Validation::Repair, None)
    }

    /// Builds a series from bars with the given validation mode and an optional list of row
    /// labels (used by the CSV reader to report file lines instead of indices).
    pub(crate) fn build(
        symbol: String,
        bars: Vec<Bar>,
        mode: Validation,
        labels: Option<&[usize]>,
    ) -> Result<(Self, RepairReport)> {
        let label = |i: usize| labels.and_then(|l| l.get(i).copied()).unwrap_or(i);
        let mut report = RepairReport::default();
        let bars = match mode {
            Validation::Strict => {
                for (i, b) in bars.iter().enumerate() {
                    b.check(label(i))?;
                    if i > 0 {
                        let prev = bars[i - 1].time;
                        if b.time == prev {
                            return Err(Error::DuplicateTimestamp {
                                row: Row(label(i)),
                                at: At(Some(b.time)),
                            });
                        }
                        if b.time < prev {
                            return Err(Error::Unsorted {
                                row: Row(label(i)),
                                at: At(Some(b.time)),
                                previous: prev,
                            });
                        }
                    }
                }
                bars
            }
            Validation::Repair => {
                let mut keep: Vec<(usize, Bar)> = Vec::with_capacity(bars.len());
                for (i, b) in bars.into_iter().enumerate() {
                    match b.check(label(i)) {
                        Ok(()) => keep.push((i, b)),
                        Err(e) => report.actions.push(RepairAction {
                            row: label(i),
                            time: Some(b.time),
                            kind: RepairKind::InvalidDropped(e.to_string()),
                        }),
                    }
                }
                // Rows that are not part of the longest already-ordered prefix structure are
                // reported as moved: a row is moved when its sorted position differs from the
                // order it arrived in, i.e. when some earlier row has a later timestamp.
                let mut max_seen: Option<NaiveDateTime> = None;
                for (i, b) in &keep {
                    if let Some(m) = max_seen
                        && b.time < m
                    {
                        report.actions.push(RepairAction {
                            row: label(*i),
                            time: Some(b.time),
                            kind: RepairKind::Moved,
                        });
                    }
                    max_seen = Some(max_seen.map_or(b.time, |m| m.max(b.time)));
                }
                keep.sort_by_key(|(i, b)| (b.time, *i)); // stable: first occurrence first
                let mut out: Vec<Bar> = Vec::with_capacity(keep.len());
                for (i, b) in keep {
                    if out.last().is_some_and(|p| p.time == b.time) {
                        // A duplicate that was also out of order is reported once, as dropped.
                        report
                            .actions
                            .retain(|a| !(a.row == label(i) && a.kind == RepairKind::Moved));
                        report.actions.push(RepairAction {
                            row: label(i),
                            time: Some(b.time),
                            kind: RepairKind::DuplicateDropped,
                        });
                    } else {
                        out.push(b);
                    }
                }
                report.actions.sort_by_key(|a| a.row);
                out
            }
        };
        if bars.is_empty() {
            return Err(Error::Empty {
                what: format!("price series {symbol:?}"),
            });
        }
        let n = bars.len();
        let mut s = PriceSeries {
            symbol,
            basis: PriceBasis::default(),
            time: Vec::with_capacity(n),
            open: Vec::with_capacity(n),
            high: Vec::with_capacity(n),
            low: Vec::with_capacity(n),
            close: Vec::with_capacity(n),
            volume: Vec::with_capacity(n),
            has_ohlc: true,
            has_volume: true,
        };
        for b in bars {
            s.time.push(b.time);
            s.open.push(b.open);
            s.high.push(b.high);
            s.low.push(b.low);
            s.close.push(b.close);
            s.volume.push(b.volume);
        }
        Ok((s, report))
    }

    /// Builds a series from columns, strictly.
    ///
    /// ```
    /// use chartist::series::{midnight, PriceSeries};
    /// use chrono::NaiveDate;
    /// let t = vec![midnight(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap())];
    /// let s = PriceSeries::from_columns("IWM", t.clone(), vec![246.0], vec![249.0], vec![245.5], vec![248.1], vec![3.1e7])?;
    /// assert!(s.has_ohlc() && s.has_volume());
    /// let bad = PriceSeries::from_columns("X", t, vec![1.0], vec![1.0], vec![1.0], vec![1.0, 2.0], vec![0.0]);
    /// assert!(matches!(bad, Err(chartist::Error::LengthMismatch { name: "close", expected: 1, got: 2 })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when columns differ in length from `time`; otherwise as
    /// [`from_bars`](Self::from_bars).
    pub fn from_columns(
        symbol: impl Into<String>,
        time: Vec<NaiveDateTime>,
        open: Vec<f64>,
        high: Vec<f64>,
        low: Vec<f64>,
        close: Vec<f64>,
        volume: Vec<f64>,
    ) -> Result<Self> {
        let n = time.len();
        crate::error::check_len("open", n, open.len())?;
        crate::error::check_len("high", n, high.len())?;
        crate::error::check_len("low", n, low.len())?;
        crate::error::check_len("close", n, close.len())?;
        crate::error::check_len("volume", n, volume.len())?;
        let bars = (0..n)
            .map(|i| Bar::new(time[i], open[i], high[i], low[i], close[i], volume[i]))
            .collect();
        Self::from_bars(symbol, bars)
    }

    /// Builds a close-only series (open = high = low = close, volume 0), strictly.
    /// [`has_ohlc`](Self::has_ohlc) and [`has_volume`](Self::has_volume) report `false`.
    ///
    /// ```
    /// use chartist::series::{midnight, PriceSeries};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (1..=3).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let s = PriceSeries::from_closes("X", t, vec![1.0, 2.0, 3.0])?;
    /// assert!(!s.has_ohlc());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`from_bars`](Self::from_bars), plus [`Error::LengthMismatch`].
    pub fn from_closes(
        symbol: impl Into<String>,
        time: Vec<NaiveDateTime>,
        close: Vec<f64>,
    ) -> Result<Self> {
        crate::error::check_len("close", time.len(), close.len())?;
        let bars = time
            .iter()
            .zip(&close)
            .map(|(t, c)| Bar::close_only(*t, *c))
            .collect();
        let mut s = Self::from_bars(symbol, bars)?;
        s.has_ohlc = false;
        s.has_volume = false;
        Ok(s)
    }

    /// Builds a close-only daily series from dates and closes.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("SPY", &[d(2), d(5)], vec![590.0, 595.9])?;
    /// assert_eq!(s.close_on(d(5)), Some(595.9));
    /// assert_eq!(s.times()[0].to_string(), "2026-01-02 00:00:00");
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`from_closes`](Self::from_closes).
    pub fn from_daily_closes(
        symbol: impl Into<String>,
        dates: &[NaiveDate],
        close: Vec<f64>,
    ) -> Result<Self> {
        let t = dates.iter().map(|d| super::time::midnight(*d)).collect();
        Self::from_closes(symbol, t, close)
    }

    /// Sets the price-basis tag.
    ///
    /// ```
    /// use chartist::series::{PriceBasis, PriceSeries};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let s = PriceSeries::from_daily_closes("SPY", &[day], vec![590.0])?.with_basis(PriceBasis::Raw);
    /// assert_eq!(s.basis(), PriceBasis::Raw);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn with_basis(mut self, basis: PriceBasis) -> Self {
        self.basis = basis;
        self
    }

    /// Sets the symbol.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let s = PriceSeries::from_daily_closes("SPY", &[day], vec![590.0])?.with_symbol("SPY.US");
    /// assert_eq!(s.symbol(), "SPY.US");
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn with_symbol(mut self, symbol: impl Into<String>) -> Self {
        self.symbol = symbol.into();
        self
    }

    pub(crate) fn set_fields(&mut self, has_ohlc: bool, has_volume: bool) {
        self.has_ohlc = has_ohlc;
        self.has_volume = has_volume;
    }

    /// Builds a series from already-validated columns (internal: resampling, alignment).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts_unchecked(
        symbol: String,
        basis: PriceBasis,
        time: Vec<NaiveDateTime>,
        open: Vec<f64>,
        high: Vec<f64>,
        low: Vec<f64>,
        close: Vec<f64>,
        volume: Vec<f64>,
        has_ohlc: bool,
        has_volume: bool,
    ) -> Self {
        debug_assert!(!time.is_empty());
        debug_assert!(time.windows(2).all(|w| w[0] < w[1]));
        PriceSeries {
            symbol,
            basis,
            time,
            open,
            high,
            low,
            close,
            volume,
            has_ohlc,
            has_volume,
        }
    }

    /// The symbol.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let s = PriceSeries::from_daily_closes("SPY", &[day], vec![590.0])?;
    /// assert_eq!(s.symbol(), "SPY");
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn symbol(&self) -> &str {
        &self.symbol
    }
    /// The price-basis tag.
    ///
    /// ```
    /// use chartist::series::{PriceBasis, PriceSeries};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let s = PriceSeries::from_daily_closes("SPY", &[day], vec![590.0])?;
    /// assert_eq!(s.basis(), PriceBasis::SplitAdjusted); // unless set with `with_basis`
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn basis(&self) -> PriceBasis {
        self.basis
    }
    /// Number of bars (always at least 1).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.len(), 3);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.time.len()
    }
    /// Always false: a `PriceSeries` holds at least one bar. Present for API symmetry.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[day], vec![10.0])?;
    /// assert!(!s.is_empty());
    /// assert!(PriceSeries::from_daily_closes("X", &[], vec![]).is_err()); // no empty series exists
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }
    /// True when open/high/low came from the data (false for close-only input).
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let full = PriceSeries::from_bars("X", vec![Bar::daily(day, 9.8, 10.3, 9.7, 10.0, 500.0)])?;
    /// let closes = PriceSeries::from_daily_closes("X", &[day], vec![10.0])?;
    /// assert!(full.has_ohlc());
    /// assert!(!closes.has_ohlc()); // its high and low are only copies of the close
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn has_ohlc(&self) -> bool {
        self.has_ohlc
    }
    /// True when volume came from the data (false for close-only input).
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    /// let full = PriceSeries::from_bars("X", vec![Bar::daily(day, 9.8, 10.3, 9.7, 10.0, 500.0)])?;
    /// let closes = PriceSeries::from_daily_closes("X", &[day], vec![10.0])?;
    /// assert!(full.has_volume());
    /// assert!(!closes.has_volume()); // its volume column is all 0
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn has_volume(&self) -> bool {
        self.has_volume
    }
    /// Timestamps, strictly increasing.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5)], vec![10.0, 11.0])?;
    /// assert_eq!(s.times()[1].to_string(), "2026-01-05 00:00:00");
    /// assert_eq!((s.times()[1] - s.times()[0]).num_days(), 3); // Friday to Monday
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn times(&self) -> &[NaiveDateTime] {
        &self.time
    }
    /// Calendar dates of the bars.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5)], vec![10.0, 11.0])?;
    /// assert_eq!(s.dates().collect::<Vec<_>>(), vec![d(2), d(5)]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn dates(&self) -> impl ExactSizeIterator<Item = NaiveDate> + '_ {
        self.time.iter().map(|t| t.date())
    }
    /// The calendar date of bar `i`, or `None` past the end: how to date the bar indices that
    /// index-based results carry (Donchian breaks, new highs and lows, squeezes, Darvas
    /// boxes, crossovers, divergences).
    ///
    /// ```
    /// use chartist::breakout::{new_extremes, Lookback};
    /// let s = chartist::sample::story(42).small_caps;
    /// let highs = new_extremes(s.high(), s.low(), Lookback::WEEKS_52)?;
    /// let last = highs.last().expect("new 52-week extremes in ten years");
    /// let (on, before) = (s.date_at(last.index), s.date_at(last.previous_index));
    /// assert!(before < on && on.is_some());
    /// assert_eq!(s.date_at(s.len()), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn date_at(&self, i: usize) -> Option<NaiveDate> {
        self.time.get(i).map(|t| t.date())
    }
    /// Opening prices.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("IWM", vec![
    ///     Bar::daily(d(2), 246.0, 249.0, 245.5, 248.1, 3.1e7),
    ///     Bar::daily(d(5), 248.5, 252.0, 248.0, 251.7, 2.9e7),
    /// ])?;
    /// assert_eq!(s.open(), &[246.0, 248.5]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn open(&self) -> &[f64] {
        &self.open
    }
    /// High prices.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("IWM", vec![
    ///     Bar::daily(d(2), 246.0, 249.0, 245.5, 248.1, 3.1e7),
    ///     Bar::daily(d(5), 248.5, 252.0, 248.0, 251.7, 2.9e7),
    /// ])?;
    /// assert_eq!(s.high(), &[249.0, 252.0]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn high(&self) -> &[f64] {
        &self.high
    }
    /// Low prices.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("IWM", vec![
    ///     Bar::daily(d(2), 246.0, 249.0, 245.5, 248.1, 3.1e7),
    ///     Bar::daily(d(5), 248.5, 252.0, 248.0, 251.7, 2.9e7),
    /// ])?;
    /// assert_eq!(s.low(), &[245.5, 248.0]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn low(&self) -> &[f64] {
        &self.low
    }
    /// Closing prices.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("IWM", &[d(2), d(5)], vec![248.1, 251.7])?;
    /// assert_eq!(s.close(), &[248.1, 251.7]);
    /// let sma = chartist::indicators::sma(s.close(), 2)?; // indicators take the slice directly
    /// assert!(sma[0].is_nan());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn close(&self) -> &[f64] {
        &self.close
    }
    /// Volumes.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("IWM", vec![
    ///     Bar::daily(d(2), 246.0, 249.0, 245.5, 248.1, 3.1e7),
    ///     Bar::daily(d(5), 248.5, 252.0, 248.0, 251.7, 2.9e7),
    /// ])?;
    /// assert_eq!(s.volume(), &[3.1e7, 2.9e7]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn volume(&self) -> &[f64] {
        &self.volume
    }
    /// Closing prices as an ndarray view.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// let closes = s.close_view();
    /// assert_eq!(closes.len(), 3);
    /// assert_eq!(closes.sum(), 33.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn close_view(&self) -> ArrayView1<'_, f64> {
        ArrayView1::from(&self.close[..])
    }
    /// Opening prices as an ndarray view.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("X", vec![
    ///     Bar::daily(d(2), 10.0, 11.0, 9.0, 10.5, 100.0),
    ///     Bar::daily(d(5), 10.5, 12.0, 10.0, 11.5, 200.0),
    /// ])?;
    /// let gain = &s.close_view() - &s.open_view(); // ndarray arithmetic, element by element
    /// assert_eq!(gain.to_vec(), vec![0.5, 1.0]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn open_view(&self) -> ArrayView1<'_, f64> {
        ArrayView1::from(&self.open[..])
    }
    /// High prices as an ndarray view.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("X", vec![
    ///     Bar::daily(d(2), 10.0, 11.0, 9.0, 10.5, 100.0),
    ///     Bar::daily(d(5), 10.5, 12.0, 10.0, 11.5, 200.0),
    /// ])?;
    /// let range = &s.high_view() - &s.low_view();
    /// assert_eq!(range.to_vec(), vec![2.0, 2.0]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn high_view(&self) -> ArrayView1<'_, f64> {
        ArrayView1::from(&self.high[..])
    }
    /// Low prices as an ndarray view.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("X", vec![
    ///     Bar::daily(d(2), 10.0, 11.0, 9.0, 10.5, 100.0),
    ///     Bar::daily(d(5), 10.5, 12.0, 10.0, 11.5, 200.0),
    /// ])?;
    /// let lowest = s.low_view().fold(f64::INFINITY, |m, &x| m.min(x));
    /// assert_eq!(lowest, 9.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn low_view(&self) -> ArrayView1<'_, f64> {
        ArrayView1::from(&self.low[..])
    }
    /// Volumes as an ndarray view.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("X", vec![
    ///     Bar::daily(d(2), 10.0, 11.0, 9.0, 10.5, 100.0),
    ///     Bar::daily(d(5), 10.5, 12.0, 10.0, 11.5, 200.0),
    /// ])?;
    /// let dollar_volume = s.close_view().dot(&s.volume_view());
    /// assert_eq!(dollar_volume, 10.5 * 100.0 + 11.5 * 200.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn volume_view(&self) -> ArrayView1<'_, f64> {
        ArrayView1::from(&self.volume[..])
    }

    /// The bar at index `i`, if it exists.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5)], vec![10.0, 11.0])?;
    /// assert_eq!(s.bar(1).map(|b| (b.date(), b.close)), Some((d(5), 11.0)));
    /// assert_eq!(s.bar(2), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn bar(&self, i: usize) -> Option<Bar> {
        (i < self.len()).then(|| {
            Bar::new(
                self.time[i],
                self.open[i],
                self.high[i],
                self.low[i],
                self.close[i],
                self.volume[i],
            )
        })
    }

    /// The first bar.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5)], vec![10.0, 11.0])?;
    /// assert_eq!(s.first().date(), d(2));
    /// assert_eq!(s.first().close, 10.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn first(&self) -> Bar {
        self.bar(0)
            .unwrap_or(Bar::close_only(NaiveDateTime::MIN, f64::NAN))
    }

    /// The last bar.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5)], vec![10.0, 11.0])?;
    /// assert_eq!(s.last().date(), d(5));
    /// assert_eq!(s.last().close - s.first().close, 1.0); // up 1.0 over the series
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn last(&self) -> Bar {
        self.bar(self.len().saturating_sub(1))
            .unwrap_or(Bar::close_only(NaiveDateTime::MIN, f64::NAN))
    }

    /// Iterates over the bars.
    ///
    /// ```
    /// use chartist::series::{Bar, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_bars("X", vec![
    ///     Bar::daily(d(2), 10.0, 11.0, 9.0, 10.5, 100.0),
    ///     Bar::daily(d(5), 10.5, 12.0, 10.5, 11.5, 200.0),
    /// ])?;
    /// let ranges: Vec<f64> = s.bars().map(|b| b.high - b.low).collect();
    /// assert_eq!(ranges, vec![2.0, 1.5]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn bars(&self) -> impl ExactSizeIterator<Item = Bar> + '_ {
        (0..self.len()).map(move |i| {
            Bar::new(
                self.time[i],
                self.open[i],
                self.high[i],
                self.low[i],
                self.close[i],
                self.volume[i],
            )
        })
    }

    /// Index of the bar on `key`: the exact timestamp for a date-time, the day's last bar for a
    /// date (on daily data, the bar of that date).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.index_on(d(5)), Some(1));
    /// assert_eq!(s.index_on(d(3)), None); // no bar that day
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn index_on(&self, key: impl TimeKey) -> Option<usize> {
        let i = last_at_or_before(&self.time, key.end())?;
        (self.time[i] >= key.start()).then_some(i)
    }

    /// Index of the last bar at or before `key` (for a date: by the end of that day).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.index_as_of(d(3)), Some(0)); // the 2nd was the latest bar by the 3rd
    /// assert_eq!(s.index_as_of(d(1)), None); // before the first bar
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn index_as_of(&self, key: impl TimeKey) -> Option<usize> {
        last_at_or_before(&self.time, key.end())
    }

    /// Index of the first bar at or after `key` (for a date: from the start of that day).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.index_from(d(3)), Some(1)); // the first bar from the 3rd on is the 5th
    /// assert_eq!(s.index_from(d(7)), None); // after the last bar
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn index_from(&self, key: impl TimeKey) -> Option<usize> {
        first_at_or_after(&self.time, key.start())
    }

    /// The bar on `key` (see [`index_on`](Self::index_on)).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.bar_on(d(5)).map(|b| b.close), Some(11.0));
    /// assert_eq!(s.bar_on(d(3)), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn bar_on(&self, key: impl TimeKey) -> Option<Bar> {
        self.index_on(key).and_then(|i| self.bar(i))
    }

    /// The close on `key` (see [`index_on`](Self::index_on)).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.close_on(d(6)), Some(12.0));
    /// assert_eq!(s.close_on(d(4)), None); // a Sunday: use close_as_of for "the last close by then"
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn close_on(&self, key: impl TimeKey) -> Option<f64> {
        self.index_on(key).map(|i| self.close[i])
    }

    /// The last close at or before `key`.
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.close_as_of(d(4)), Some(10.0)); // Sunday: Friday's close
    /// assert_eq!(s.close_as_of(d(31)), Some(12.0));
    /// assert_eq!(s.close_as_of(d(1)), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn close_as_of(&self, key: impl TimeKey) -> Option<f64> {
        self.index_as_of(key).map(|i| self.close[i])
    }

    /// The bars from `start` to `end`, both inclusive (dates cover whole days).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.between(d(3), d(6))?.close(), &[11.0, 12.0]);
    /// assert!(matches!(s.between(d(6), d(2)), Err(chartist::Error::InvalidParameter { .. })));
    /// assert!(matches!(s.between(d(3), d(4)), Err(chartist::Error::Empty { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`] when no bar falls in the range; [`Error::InvalidParameter`] when
    /// `end` is before `start`.
    pub fn between(&self, start: impl TimeKey, end: impl TimeKey) -> Result<PriceSeries> {
        if end.end() < start.start() {
            return Err(Error::param(
                "end",
                end.end(),
                format!("must not be before start {}", start.start()),
            ));
        }
        let from = first_at_or_after(&self.time, start.start()).unwrap_or(self.len());
        let to = last_at_or_before(&self.time, end.end()).map_or(0, |i| i + 1);
        if from >= to {
            return Err(Error::Empty {
                what: format!(
                    "range {} to {} of {:?}",
                    start.start(),
                    end.end(),
                    self.symbol
                ),
            });
        }
        Ok(self.slice(from, to))
    }

    /// Bars `from..to` by index (internal; indices must be valid and non-empty).
    pub(crate) fn slice(&self, from: usize, to: usize) -> PriceSeries {
        PriceSeries {
            symbol: self.symbol.clone(),
            basis: self.basis,
            time: self.time[from..to].to_vec(),
            open: self.open[from..to].to_vec(),
            high: self.high[from..to].to_vec(),
            low: self.low[from..to].to_vec(),
            close: self.close[from..to].to_vec(),
            volume: self.volume[from..to].to_vec(),
            has_ohlc: self.has_ohlc,
            has_volume: self.has_volume,
        }
    }

    /// The last `n` bars (all of them when `n >= len`).
    ///
    /// ```
    /// use chartist::series::PriceSeries;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![10.0, 11.0, 12.0])?;
    /// assert_eq!(s.tail(2)?.close(), &[11.0, 12.0]);
    /// assert_eq!(s.tail(10)?.len(), 3); // all of them
    /// assert!(s.tail(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `n` is 0.
    pub fn tail(&self, n: usize) -> Result<PriceSeries> {
        crate::error::check_period("n", n)?;
        let from = self.len().saturating_sub(n);
        Ok(self.slice(from, self.len()))
    }
}
