//! The crate's one error type.
//!
//! Every fallible function in chartist returns [`Result<T>`](crate::Result), whose error is
//! [`Error`]. Each variant carries what a user needs to fix the input: the parameter name and
//! value, the row number and timestamp, the column name or the offending text. Messages are
//! short, lowercase and specific, e.g. `period must be at least 1, got 0` or
//! `row 1,024 (2020-03-16): high 10.2 is below low 10.5`.

use std::fmt;

use chrono::NaiveDateTime;

/// A row position in user input, printed with thousands separators (`row 1,024`).
///
/// Rows are counted from 0 for in-memory data (the index into the slice or `Vec` given), and
/// from 1 for lines of a CSV file (the header is line 1), as editors show them.
///
/// ```
/// use chartist::{series::PriceSeries, Error, Row};
/// use chrono::NaiveDate;
/// assert_eq!(Row(1_234_567).to_string(), "1,234,567");
/// let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
/// let err = PriceSeries::from_daily_closes("X", &[day], vec![-1.0]).unwrap_err();
/// assert!(matches!(err, Error::InvalidValue { row: Row(0), .. })); // the first row, 0-based
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Row(pub usize);

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        f.write_str(&out)
    }
}

/// An optional timestamp, printed as ` (2020-03-16)` for a midnight timestamp,
/// ` (2020-03-16 09:30:00)` otherwise, and nothing when absent.
///
/// ```
/// use chartist::At;
/// use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2020, 3, 16).unwrap();
/// assert_eq!(At(Some(day.and_hms_opt(0, 0, 0).unwrap())).to_string(), " (2020-03-16)");
/// assert_eq!(At(Some(day.and_hms_opt(9, 30, 0).unwrap())).to_string(), " (2020-03-16 09:30:00)");
/// assert_eq!(At(None).to_string(), "");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct At(pub Option<NaiveDateTime>);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => Ok(()),
            Some(t) if t.time() == chrono::NaiveTime::MIN => write!(f, " ({})", t.date()),
            Some(t) => write!(f, " ({t})"),
        }
    }
}

/// Everything that can go wrong in chartist.
///
/// The enum is `#[non_exhaustive]`: match the variants you handle and keep a wildcard arm.
///
/// ```
/// use chartist::{indicators, Error};
/// let err = indicators::sma(&[1.0, 2.0], 0).unwrap_err();
/// assert_eq!(err.to_string(), "period must be at least 1, got 0");
/// match err {
///     Error::InvalidParameter { name, .. } => assert_eq!(name, "period"),
///     other => panic!("unexpected error: {other}"), // the enum is non_exhaustive: keep this arm
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter is out of its valid range (`period must be at least 1, got 0`).
    #[error("{name} {requirement}, got {value}")]
    InvalidParameter {
        /// The parameter's name as it appears in the function signature.
        name: &'static str,
        /// The value given, formatted.
        value: String,
        /// What the parameter must satisfy, e.g. `must be at least 1`.
        requirement: String,
    },

    /// Inputs that must have the same length do not.
    #[error("length mismatch: {name} has {got} values but {expected} were expected")]
    LengthMismatch {
        /// The input whose length is wrong.
        name: &'static str,
        /// The length it should have (usually the first input's length).
        expected: usize,
        /// Its actual length.
        got: usize,
    },

    /// The input is empty where at least one value is required.
    #[error("{what} is empty")]
    Empty {
        /// What was empty (`price series`, `panel`, `close column`).
        what: String,
    },

    /// There are fewer observations than a computation needs.
    #[error("{what} needs at least {needed} observations, got {got}")]
    InsufficientData {
        /// The computation that needed them.
        what: String,
        /// How many it needs.
        needed: usize,
        /// How many there were.
        got: usize,
    },

    /// A value in a row is invalid (non-finite, non-positive price, negative volume,
    /// high below low, ...).
    #[error("row {row}{at}: {field} {value} {problem}")]
    InvalidValue {
        /// The row (0-based index into the data given).
        row: Row,
        /// The row's timestamp, when known.
        at: At,
        /// The field (`close`, `high`, `volume`, ...).
        field: &'static str,
        /// The offending value.
        value: f64,
        /// What is wrong with it, e.g. `is not finite` or `is below low 10.5`.
        problem: String,
    },

    /// Timestamps are not in strictly increasing order.
    #[error("row {row}{at}: timestamp is not after the previous row's ({previous}); sort the data or use repair mode")]
    Unsorted {
        /// The row whose timestamp goes backwards.
        row: Row,
        /// That row's timestamp.
        at: At,
        /// The previous row's timestamp.
        previous: NaiveDateTime,
    },

    /// The same timestamp appears twice.
    #[error("row {row}{at}: duplicate timestamp; de-duplicate the data or use repair mode")]
    DuplicateTimestamp {
        /// The second row carrying the timestamp.
        row: Row,
        /// The duplicated timestamp.
        at: At,
    },

    /// A CSV file could not be parsed.
    #[error("line {line}{column}: {problem}")]
    Csv {
        /// The 1-based line in the file (the header is line 1); 0 when unknown.
        line: Row,
        /// The column name, formatted as `, column "Close"`, or empty.
        column: String,
        /// What is wrong, including the offending text.
        problem: String,
    },

    /// A required column is missing from a CSV header.
    #[error("no {column} column in header [{found}]; name it {accepted} or pass an explicit column name")]
    MissingColumn {
        /// The column that is required (`date`, `close`).
        column: &'static str,
        /// The header that was found, comma-separated.
        found: String,
        /// The accepted names.
        accepted: String,
    },

    /// A date or timestamp was not found where one was required.
    #[error("{what}: no data on or before {date}")]
    DateNotFound {
        /// What was being looked up.
        what: String,
        /// The date asked for.
        date: NaiveDateTime,
    },

    /// Two or more series share no timestamps.
    #[error("{what}: the series share no common dates")]
    NoCommonDates {
        /// The computation that needed common dates.
        what: String,
    },

    /// An iterative computation did not converge within its bounded number of iterations.
    #[error("{what} did not converge after {iterations} iterations")]
    NoConvergence {
        /// The computation (`xirr`).
        what: &'static str,
        /// The iteration bound that was reached.
        iterations: usize,
    },

    /// The input is well-formed but the question has no answer for it
    /// (e.g. XIRR of cash flows that never change sign).
    #[error("{0}")]
    Undefined(String),

    /// An I/O error while reading or writing a file.
    #[error("i/o error{}: {source}", path.as_deref().map(|p| format!(" on {p}")).unwrap_or_default())]
    Io {
        /// The path involved, when known.
        path: Option<String>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Shorthand for [`Error::InvalidParameter`].
    pub(crate) fn param(
        name: &'static str,
        value: impl fmt::Display,
        requirement: impl Into<String>,
    ) -> Self {
        Error::InvalidParameter {
            name,
            value: value.to_string(),
            requirement: requirement.into(),
        }
    }

    /// Shorthand for [`Error::LengthMismatch`].
    pub(crate) fn length(name: &'static str, expected: usize, got: usize) -> Self {
        Error::LengthMismatch {
            name,
            expected,
            got,
        }
    }
}

/// `Result<T, chartist::Error>`.
///
/// ```
/// use chartist::Result;
/// fn mean_of_last_two(closes: &[f64]) -> Result<f64> {
///     let sma = chartist::indicators::sma(closes, 2)?;
///     Ok(sma.last().copied().unwrap_or(f64::NAN))
/// }
/// assert_eq!(mean_of_last_two(&[1.0, 2.0, 4.0])?, 3.0);
/// assert!(mean_of_last_two(&[]).is_ok_and(|m| m.is_nan())); // empty input is not an error
/// # Ok::<(), chartist::Error>(())
/// ```
pub type Result<T> = std::result::Result<T, Error>;

/// The longest window a streaming indicator accepts (2^26 bars, about 266,000 years of daily
/// data): its state holds up to this many values. Batch functions return all NaN for any window
/// longer than their data before this limit applies.
///
/// ```
/// use chartist::{indicators::{sma, Sma}, MAX_PERIOD};
/// assert_eq!(MAX_PERIOD, 1 << 26);
/// assert!(Sma::new(MAX_PERIOD + 1).is_err()); // a streaming window this long is refused
/// assert!(sma(&[1.0, 2.0], MAX_PERIOD + 1)?.iter().all(|x| x.is_nan())); // batch: just all NaN
/// # Ok::<(), chartist::Error>(())
/// ```
pub const MAX_PERIOD: usize = 1 << 26;

/// Fails with [`Error::InvalidParameter`] unless `period >= 1`.
pub(crate) fn check_period(name: &'static str, period: usize) -> Result<()> {
    if period == 0 {
        Err(Error::param(name, period, "must be at least 1"))
    } else {
        Ok(())
    }
}

/// Fails with [`Error::InvalidParameter`] unless `1 <= period <= MAX_PERIOD`: the check for
/// indicator windows, whose streaming state holds `period` values.
pub(crate) fn check_window(name: &'static str, period: usize) -> Result<()> {
    if period == 0 {
        Err(Error::param(name, period, "must be at least 1"))
    } else if period > MAX_PERIOD {
        Err(Error::param(
            name,
            period,
            format!("must be at most {MAX_PERIOD}"),
        ))
    } else {
        Ok(())
    }
}

/// True when every window is valid (at least 1) and some window is longer than the data, so
/// every output is NaN: each indicator's lookback is at least `period - 1` for each of its
/// periods. Batch functions check this first, so they never allocate a window they cannot fill;
/// a zero period still reaches the usual validation and its error.
pub(crate) fn window_exceeds(len: usize, periods: &[usize]) -> bool {
    periods.iter().all(|&p| p >= 1) && periods.iter().any(|&p| p > len)
}

/// The common start of a `*_into` batch function over `len` inputs: `out` must hold `len`
/// values ([`Error::LengthMismatch`] otherwise); when a window exceeds the data, `out` is
/// filled with NaN and the result is `Ok(false)` (nothing left to compute); otherwise
/// `Ok(true)`. Window validation (`check_window`) stays with the caller, after this check, as
/// for the allocating functions.
pub(crate) fn start_into(out: &mut [f64], len: usize, periods: &[usize]) -> Result<bool> {
    check_len("out", len, out.len())?;
    if window_exceeds(len, periods) {
        out.fill(f64::NAN);
        return Ok(false);
    }
    Ok(true)
}

/// Fails with [`Error::LengthMismatch`] unless `got == expected`.
pub(crate) fn check_len(name: &'static str, expected: usize, got: usize) -> Result<()> {
    if got != expected {
        Err(Error::length(name, expected, got))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_has_thousands_separators() {
        assert_eq!(Row(0).to_string(), "0");
        assert_eq!(Row(999).to_string(), "999");
        assert_eq!(Row(1024).to_string(), "1,024");
        assert_eq!(Row(1_234_567).to_string(), "1,234,567");
    }

    #[test]
    fn messages_read_well() {
        let e = Error::param("period", 0, "must be at least 1");
        assert_eq!(e.to_string(), "period must be at least 1, got 0");
        let t = chrono::NaiveDate::from_ymd_opt(2020, 3, 16)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| At(Some(t)));
        let e = Error::InvalidValue {
            row: Row(1024),
            at: t.unwrap_or(At(None)),
            field: "high",
            value: 10.2,
            problem: "is below low 10.5".into(),
        };
        assert_eq!(
            e.to_string(),
            "row 1,024 (2020-03-16): high 10.2 is below low 10.5"
        );
    }
}
