//! Market-capitalisation buckets.

use crate::error::{Error, Result};

/// A market-capitalisation bucket.
///
/// ```
/// use chartist::screen::{SizeBucket, SizeThresholds};
/// assert_eq!(SizeThresholds::default().classify(500e6)?, SizeBucket::Small);
/// assert!(SizeBucket::Micro < SizeBucket::Large); // buckets sort from small to large
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SizeBucket {
    /// Below the small-cap threshold.
    Micro,
    /// From the small-cap threshold up to (not including) the mid-cap threshold.
    Small,
    /// From the mid-cap threshold up to (not including) the large-cap threshold.
    Mid,
    /// From the large-cap threshold up.
    Large,
}

/// Lower bounds of the small, mid and large buckets, in currency units.
///
/// Defaults: small from $300M, mid from $2B, large from $10B — a widespread convention (not a
/// standard; index providers use their own and move them). Each bound belongs to the bucket
/// above it: exactly $2B is mid cap.
///
/// ```
/// use chartist::screen::{SizeBucket, SizeThresholds};
/// let t = SizeThresholds::default();
/// assert_eq!(t.classify(250e6)?, SizeBucket::Micro);
/// assert_eq!(t.classify(2e9)?, SizeBucket::Mid);
/// assert_eq!(t.classify(15e9)?, SizeBucket::Large);
/// assert!(SizeThresholds::new(2e9, 300e6, 10e9).is_err()); // out of order
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SizeThresholds {
    small: f64,
    mid: f64,
    large: f64,
}

impl Default for SizeThresholds {
    fn default() -> Self {
        SizeThresholds {
            small: 300e6,
            mid: 2e9,
            large: 10e9,
        }
    }
}

impl SizeThresholds {
    /// Thresholds with the given lower bounds of small, mid and large caps.
    ///
    /// ```
    /// use chartist::screen::{SizeBucket, SizeThresholds};
    /// let t = SizeThresholds::new(250e6, 2e9, 10e9)?; // small caps from $250M
    /// assert_eq!(t.classify(280e6)?, SizeBucket::Small);
    /// assert!(SizeThresholds::new(0.0, 2e9, 10e9).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `0 < small < mid < large`, all finite.
    pub fn new(small: f64, mid: f64, large: f64) -> Result<Self> {
        let finite = small.is_finite() && mid.is_finite() && large.is_finite();
        if !(finite && 0.0 < small && small < mid && mid < large) {
            return Err(Error::param(
                "size thresholds",
                format!("small {small}, mid {mid}, large {large}"),
                "must be finite and increasing: 0 < small < mid < large",
            ));
        }
        Ok(SizeThresholds { small, mid, large })
    }

    /// Lower bound of small caps.
    ///
    /// ```
    /// use chartist::screen::SizeThresholds;
    /// assert_eq!(SizeThresholds::default().small(), 300e6);
    /// ```
    pub fn small(&self) -> f64 {
        self.small
    }
    /// Lower bound of mid caps.
    ///
    /// ```
    /// use chartist::screen::SizeThresholds;
    /// assert_eq!(SizeThresholds::default().mid(), 2e9);
    /// ```
    pub fn mid(&self) -> f64 {
        self.mid
    }
    /// Lower bound of large caps.
    ///
    /// ```
    /// use chartist::screen::SizeThresholds;
    /// assert_eq!(SizeThresholds::default().large(), 10e9);
    /// assert_eq!(SizeThresholds::new(1e9, 5e9, 50e9)?.large(), 50e9);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn large(&self) -> f64 {
        self.large
    }

    /// The bucket of a market capitalisation.
    ///
    /// ```
    /// use chartist::screen::{SizeBucket, SizeThresholds};
    /// let t = SizeThresholds::default();
    /// assert_eq!(t.classify(1e9)?, SizeBucket::Small);
    /// assert_eq!(t.classify(10e9)?, SizeBucket::Large); // a bound belongs to the bucket above
    /// assert!(t.classify(-1.0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a negative or non-finite market cap.
    pub fn classify(&self, market_cap: f64) -> Result<SizeBucket> {
        if !(market_cap.is_finite() && market_cap >= 0.0) {
            return Err(Error::param(
                "market_cap",
                market_cap,
                "must be finite and not negative",
            ));
        }
        Ok(if market_cap >= self.large {
            SizeBucket::Large
        } else if market_cap >= self.mid {
            SizeBucket::Mid
        } else if market_cap >= self.small {
            SizeBucket::Small
        } else {
            SizeBucket::Micro
        })
    }
}
