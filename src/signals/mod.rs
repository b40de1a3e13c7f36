//! Signals built on indicators: zones, crossovers, swing points and divergences.
//!
//! Each answers one question a trader asks of an indicator line, in one call:
//! - "Is momentum overbought, and for how long?" [`zone`] (batch) or [`ZoneTracker`]
//!   (streaming), with [`ZoneThresholds`] such as RSI 70/30.
//! - "Did the fast line cross the slow line, or the level 50?" [`crossovers`],
//!   [`level_crossovers`], [`CrossDetector`].
//! - "Where were the swing highs and lows?" [`swing_points`], [`SwingDetector`]: found
//!   causally, a pivot is known only `width` bars after it.
//! - "Is it diverging?" [`divergences`], [`DivergenceDetector`]: regular and hidden, bullish and
//!   bearish divergence between price swings and the oscillator at the same bars.
//!
//! Everything is causal: a signal at bar `i` uses bars `0..=i` only, so the batch results equal
//! what the streaming types report bar by bar, and appending bars never changes past signals.
//! Non-finite values (e.g. an indicator's warm-up NaN) are gaps: no zone, no crossing across
//! them, no pivot whose window contains them.

use crate::error::{check_len, check_window, Error, Result};

// ---------------------------------------------------------------------------------------------
// Zones
// ---------------------------------------------------------------------------------------------

/// Where an oscillator value sits relative to its thresholds.
///
/// ```
/// use chartist::signals::{Zone, ZoneThresholds};
/// let t = ZoneThresholds::rsi();
/// assert_eq!(t.classify(70.0), Some(Zone::Overbought)); // a threshold belongs to its zone
/// assert_eq!(t.classify(50.0), Some(Zone::Neutral));
/// assert_eq!(t.classify(12.5), Some(Zone::Oversold));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Zone {
    /// At or above the overbought threshold.
    Overbought,
    /// Strictly between the two thresholds.
    Neutral,
    /// At or below the oversold threshold.
    Oversold,
}

/// Overbought and oversold thresholds (e.g. 70/30 for RSI).
///
/// ```
/// use chartist::signals::{Zone, ZoneThresholds};
/// let t = ZoneThresholds::new(75.0, 25.0)?; // a stricter RSI band
/// assert_eq!((t.overbought(), t.oversold()), (75.0, 25.0));
/// assert_eq!(t.classify(72.0), Some(Zone::Neutral));
/// assert!(ZoneThresholds::new(f64::NAN, 25.0).is_err());
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ZoneThresholds {
    overbought: f64,
    oversold: f64,
}

impl ZoneThresholds {
    /// Thresholds with `overbought > oversold`, both finite.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when a threshold is not finite or `overbought` is not above
    /// `oversold`.
    ///
    /// # Example
    /// ```
    /// use chartist::signals::ZoneThresholds;
    /// assert!(ZoneThresholds::new(70.0, 30.0).is_ok());
    /// assert!(ZoneThresholds::new(30.0, 70.0).is_err());
    /// ```
    pub fn new(overbought: f64, oversold: f64) -> Result<Self> {
        if !overbought.is_finite() {
            return Err(Error::param("overbought", overbought, "must be finite"));
        }
        if !oversold.is_finite() {
            return Err(Error::param("oversold", oversold, "must be finite"));
        }
        if overbought <= oversold {
            return Err(Error::param(
                "overbought",
                overbought,
                format!("must be above oversold ({oversold})"),
            ));
        }
        Ok(ZoneThresholds {
            overbought,
            oversold,
        })
    }

    /// RSI's customary 70/30.
    ///
    /// ```
    /// use chartist::signals::{Zone, ZoneThresholds};
    /// let t = ZoneThresholds::rsi();
    /// assert_eq!((t.overbought(), t.oversold()), (70.0, 30.0));
    /// assert_eq!(t.classify(72.4), Some(Zone::Overbought));
    /// ```
    pub fn rsi() -> Self {
        ZoneThresholds {
            overbought: 70.0,
            oversold: 30.0,
        }
    }

    /// The stochastic's customary 80/20.
    ///
    /// ```
    /// use chartist::signals::{Zone, ZoneThresholds};
    /// let t = ZoneThresholds::stochastic();
    /// assert_eq!((t.overbought(), t.oversold()), (80.0, 20.0));
    /// assert_eq!(t.classify(72.4), Some(Zone::Neutral)); // overbought for RSI, not for %K
    /// ```
    pub fn stochastic() -> Self {
        ZoneThresholds {
            overbought: 80.0,
            oversold: 20.0,
        }
    }

    /// Williams %R's customary -20/-80.
    ///
    /// ```
    /// use chartist::signals::{Zone, ZoneThresholds};
    /// let t = ZoneThresholds::williams_r(); // %R runs from -100 to 0
    /// assert_eq!((t.overbought(), t.oversold()), (-20.0, -80.0));
    /// assert_eq!(t.classify(-10.0), Some(Zone::Overbought));
    /// assert_eq!(t.classify(-90.0), Some(Zone::Oversold));
    /// ```
    pub fn williams_r() -> Self {
        ZoneThresholds {
            overbought: -20.0,
            oversold: -80.0,
        }
    }

    /// The overbought threshold.
    ///
    /// ```
    /// use chartist::signals::ZoneThresholds;
    /// assert_eq!(ZoneThresholds::stochastic().overbought(), 80.0);
    /// assert_eq!(ZoneThresholds::new(65.0, 35.0)?.overbought(), 65.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn overbought(&self) -> f64 {
        self.overbought
    }

    /// The oversold threshold.
    ///
    /// ```
    /// use chartist::signals::ZoneThresholds;
    /// assert_eq!(ZoneThresholds::williams_r().oversold(), -80.0);
    /// assert_eq!(ZoneThresholds::new(65.0, 35.0)?.oversold(), 35.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn oversold(&self) -> f64 {
        self.oversold
    }

    /// The zone of one value (`None` for a non-finite value).
    ///
    /// ```
    /// use chartist::signals::{Zone, ZoneThresholds};
    /// let t = ZoneThresholds::rsi();
    /// assert_eq!(t.classify(30.0), Some(Zone::Oversold));
    /// assert_eq!(t.classify(30.1), Some(Zone::Neutral));
    /// assert_eq!(t.classify(f64::NAN), None); // e.g. during the RSI warm-up
    /// ```
    pub fn classify(&self, value: f64) -> Option<Zone> {
        if !value.is_finite() {
            None
        } else if value >= self.overbought {
            Some(Zone::Overbought)
        } else if value <= self.oversold {
            Some(Zone::Oversold)
        } else {
            Some(Zone::Neutral)
        }
    }
}

/// The zone at a bar and how many consecutive bars (including this one) have been in it.
///
/// ```
/// use chartist::signals::{zone, Zone, ZoneThresholds};
/// let states = zone(&[72.0, 75.0, 71.0, 60.0], ZoneThresholds::rsi())?;
/// let s = states[2].unwrap();
/// assert_eq!(s.zone, Zone::Overbought);
/// assert_eq!(s.bars, 3); // the third bar in a row at or above 70
/// assert_eq!(states[3].map(|s| (s.zone, s.bars)), Some((Zone::Neutral, 1)));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ZoneState {
    /// The current zone.
    pub zone: Zone,
    /// Consecutive bars in this zone, counting the current one (at least 1).
    pub bars: usize,
}

/// The zone of every value and how long it has been there.
///
/// `None` where the value is not finite (e.g. an indicator's warm-up); a gap also restarts the
/// count. A value equal to a threshold counts as inside the zone (RSI exactly 70 is
/// overbought).
///
/// # Errors
/// None at present; the `Result` leaves room for validation without a breaking change.
///
/// # Example
/// ```
/// use chartist::signals::{zone, Zone, ZoneThresholds};
/// let rsi = [f64::NAN, 65.0, 71.0, 74.0, 69.0];
/// let z = zone(&rsi, ZoneThresholds::new(70.0, 30.0)?)?;
/// assert_eq!(z[0], None);
/// let last = z[3].unwrap();
/// assert_eq!((last.zone, last.bars), (Zone::Overbought, 2)); // overbought for 2 bars
/// assert_eq!(z[4].map(|s| s.zone), Some(Zone::Neutral));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn zone(values: &[f64], thresholds: ZoneThresholds) -> Result<Vec<Option<ZoneState>>> {
    let mut t = ZoneTracker::new(thresholds);
    Ok(values.iter().map(|&v| t.update(v)).collect())
}

/// Streaming zone state; see [`zone`].
///
/// # Example
/// ```
/// use chartist::signals::{Zone, ZoneThresholds, ZoneTracker};
/// let mut t = ZoneTracker::new(ZoneThresholds::rsi());
/// t.update(25.0);
/// let s = t.update(28.0).unwrap();
/// assert_eq!((s.zone, s.bars), (Zone::Oversold, 2));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneTracker {
    thresholds: ZoneThresholds,
    state: Option<ZoneState>,
}

impl ZoneTracker {
    /// A tracker that has seen no value yet.
    ///
    /// ```
    /// use chartist::signals::{ZoneThresholds, ZoneTracker};
    /// let t = ZoneTracker::new(ZoneThresholds::rsi());
    /// assert_eq!(t.current(), None); // nothing seen yet
    /// ```
    pub fn new(thresholds: ZoneThresholds) -> Self {
        ZoneTracker {
            thresholds,
            state: None,
        }
    }

    /// Feeds one value; returns the zone state, `None` for a non-finite value (which also
    /// restarts the count).
    ///
    /// ```
    /// use chartist::signals::{ZoneThresholds, ZoneTracker};
    /// let mut t = ZoneTracker::new(ZoneThresholds::rsi());
    /// assert_eq!(t.update(25.0).map(|s| s.bars), Some(1));
    /// assert_eq!(t.update(28.0).map(|s| s.bars), Some(2));
    /// assert_eq!(t.update(f64::NAN), None); // a gap restarts the count
    /// assert_eq!(t.update(29.0).map(|s| s.bars), Some(1));
    /// ```
    pub fn update(&mut self, value: f64) -> Option<ZoneState> {
        self.state = self.peek(value);
        self.state
    }

    /// What [`update`](Self::update) would return, without changing the state.
    ///
    /// ```
    /// use chartist::signals::{ZoneThresholds, ZoneTracker};
    /// let mut t = ZoneTracker::new(ZoneThresholds::rsi());
    /// t.update(72.0);
    /// // If today's bar closed with RSI 74, how long would RSI have been overbought?
    /// assert_eq!(t.peek(74.0).map(|s| s.bars), Some(2));
    /// assert_eq!(t.current().map(|s| s.bars), Some(1)); // peek changed nothing
    /// ```
    pub fn peek(&self, value: f64) -> Option<ZoneState> {
        let zone = self.thresholds.classify(value)?;
        Some(match self.state {
            Some(s) if s.zone == zone => ZoneState {
                zone,
                bars: s.bars + 1,
            },
            _ => ZoneState { zone, bars: 1 },
        })
    }

    /// The state after the last update.
    ///
    /// ```
    /// use chartist::signals::{Zone, ZoneThresholds, ZoneTracker};
    /// let mut t = ZoneTracker::new(ZoneThresholds::rsi());
    /// t.update(50.0);
    /// t.update(55.0);
    /// assert_eq!(t.current().map(|s| (s.zone, s.bars)), Some((Zone::Neutral, 2)));
    /// ```
    pub fn current(&self) -> Option<ZoneState> {
        self.state
    }

    /// Forgets all values.
    ///
    /// ```
    /// use chartist::signals::{ZoneThresholds, ZoneTracker};
    /// let mut t = ZoneTracker::new(ZoneThresholds::rsi());
    /// t.update(75.0);
    /// t.reset();
    /// assert_eq!(t.current(), None);
    /// assert_eq!(t.update(76.0).map(|s| s.bars), Some(1)); // counting starts afresh
    /// ```
    pub fn reset(&mut self) {
        self.state = None;
    }
}

// ---------------------------------------------------------------------------------------------
// Crossovers
// ---------------------------------------------------------------------------------------------

/// The direction of a crossing or a move.
///
/// ```
/// use chartist::signals::{level_crossovers, Direction};
/// let macd_histogram = [-0.2, 0.1, 0.3, -0.1];
/// let c = level_crossovers(&macd_histogram, 0.0)?;
/// let directions: Vec<Direction> = c.iter().map(|x| x.direction).collect();
/// assert_eq!(directions, vec![Direction::Up, Direction::Down]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Direction {
    /// The first line went from below (or touching, after being below) to above the second.
    Up,
    /// The first line went from above (or touching, after being above) to below the second.
    Down,
}

/// One crossing of two lines.
///
/// ```
/// use chartist::signals::{crossovers, Direction};
/// let fast = [9.0, 9.5, 10.5, 11.0];
/// let slow = [10.0, 10.0, 10.0, 10.2];
/// let c = crossovers(&fast, &slow)?;
/// assert_eq!(c.len(), 1);
/// assert_eq!((c[0].index, c[0].direction), (2, Direction::Up)); // the first bar with fast > slow
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Crossover {
    /// The bar at which the first line is strictly on its new side.
    pub index: usize,
    /// Which way it crossed.
    pub direction: Direction,
}

/// Crossings of line `a` over line `b` (e.g. MACD over its signal, a fast over a slow average).
///
/// A crossing up is dated at the first bar where `a > b` after a bar where `a < b`; bars where
/// the lines touch (`a == b`) in between do not count as a crossing by themselves, so
/// touching and turning back is no crossing. A non-finite value on either line is a gap: there
/// is no crossing across it.
///
/// # Errors
/// [`Error::LengthMismatch`] when `b` is not as long as `a`.
///
/// # Example
/// ```
/// use chartist::signals::{crossovers, Crossover, Direction};
/// let fast = [1.0, 2.0, 3.0, 2.0];
/// let slow = [2.0, 2.0, 2.5, 2.5];
/// assert_eq!(
///     crossovers(&fast, &slow)?,
///     vec![
///         Crossover { index: 2, direction: Direction::Up },
///         Crossover { index: 3, direction: Direction::Down },
///     ]
/// );
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn crossovers(a: &[f64], b: &[f64]) -> Result<Vec<Crossover>> {
    check_len("b", a.len(), b.len())?;
    let mut d = CrossDetector::new();
    Ok(a.iter()
        .zip(b)
        .enumerate()
        .filter_map(|(index, (&x, &y))| {
            d.update(x, y)
                .map(|direction| Crossover { index, direction })
        })
        .collect())
}

/// Crossings of a line over a fixed level (e.g. RSI over 50, CCI over +100); see
/// [`crossovers`].
///
/// # Errors
/// [`Error::InvalidParameter`] when `level` is not finite.
///
/// # Example
/// ```
/// use chartist::signals::{level_crossovers, Direction};
/// let rsi = [45.0, 49.0, 50.0, 52.0];
/// let c = level_crossovers(&rsi, 50.0)?;
/// assert_eq!((c[0].index, c[0].direction), (3, Direction::Up));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn level_crossovers(a: &[f64], level: f64) -> Result<Vec<Crossover>> {
    if !level.is_finite() {
        return Err(Error::param("level", level, "must be finite"));
    }
    let mut d = CrossDetector::new();
    Ok(a.iter()
        .enumerate()
        .filter_map(|(index, &x)| {
            d.update(x, level)
                .map(|direction| Crossover { index, direction })
        })
        .collect())
}

/// Streaming crossing detector; see [`crossovers`].
///
/// # Example
/// ```
/// use chartist::signals::{CrossDetector, Direction};
/// let mut d = CrossDetector::new();
/// assert_eq!(d.update(1.0, 2.0), None);
/// assert_eq!(d.update(3.0, 2.0), Some(Direction::Up));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CrossDetector {
    /// The last strict side: `Up` when `a > b`, `Down` when `a < b`.
    side: Option<Direction>,
}

impl CrossDetector {
    /// A detector that has seen no bar yet.
    ///
    /// ```
    /// use chartist::signals::CrossDetector;
    /// let mut d = CrossDetector::new();
    /// assert_eq!(d, CrossDetector::default());
    /// assert_eq!(d.update(3.0, 2.0), None); // the first bar only sets the side
    /// ```
    pub fn new() -> Self {
        CrossDetector { side: None }
    }

    /// Feeds one bar of both lines; returns the direction when they cross at this bar.
    ///
    /// ```
    /// use chartist::signals::{CrossDetector, Direction};
    /// let mut d = CrossDetector::new();
    /// assert_eq!(d.update(1.0, 2.0), None); // below
    /// assert_eq!(d.update(2.0, 2.0), None); // touching is not a crossing
    /// assert_eq!(d.update(3.0, 2.0), Some(Direction::Up));
    /// assert_eq!(d.update(1.0, 2.0), Some(Direction::Down));
    /// ```
    pub fn update(&mut self, a: f64, b: f64) -> Option<Direction> {
        if !(a.is_finite() && b.is_finite()) {
            self.side = None;
            return None;
        }
        let out = self.peek(a, b);
        if a > b {
            self.side = Some(Direction::Up);
        } else if a < b {
            self.side = Some(Direction::Down);
        }
        out
    }

    /// What [`update`](Self::update) would return, without changing the state.
    ///
    /// ```
    /// use chartist::signals::{CrossDetector, Direction};
    /// let mut d = CrossDetector::new();
    /// d.update(9.0, 10.0);
    /// assert_eq!(d.peek(10.5, 10.0), Some(Direction::Up)); // would cross if the bar closed here
    /// assert_eq!(d.update(9.5, 10.0), None); // peek changed nothing: still below, no crossing
    /// ```
    pub fn peek(&self, a: f64, b: f64) -> Option<Direction> {
        if !(a.is_finite() && b.is_finite()) {
            return None;
        }
        match self.side {
            Some(Direction::Down) if a > b => Some(Direction::Up),
            Some(Direction::Up) if a < b => Some(Direction::Down),
            _ => None,
        }
    }

    /// Forgets all bars.
    ///
    /// ```
    /// use chartist::signals::CrossDetector;
    /// let mut d = CrossDetector::new();
    /// d.update(1.0, 2.0);
    /// d.reset();
    /// assert_eq!(d.update(3.0, 2.0), None); // the earlier side is forgotten
    /// ```
    pub fn reset(&mut self) {
        self.side = None;
    }
}

// ---------------------------------------------------------------------------------------------
// Swing points
// ---------------------------------------------------------------------------------------------

/// Whether a swing point is a high or a low.
///
/// ```
/// use chartist::signals::{swing_points, SwingKind};
/// let pivots = swing_points(&[1.0, 3.0, 2.0, 0.5, 2.0], 1)?;
/// let kinds: Vec<SwingKind> = pivots.iter().map(|p| p.kind).collect();
/// assert_eq!(kinds, vec![SwingKind::High, SwingKind::Low]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SwingKind {
    /// A local maximum.
    High,
    /// A local minimum.
    Low,
}

/// A swing high or low (pivot), with the bar it happened on and the bar it became known.
///
/// ```
/// use chartist::signals::{swing_points, SwingKind};
/// let closes = [10.0, 12.0, 15.0, 13.0, 11.0, 12.0];
/// let p = swing_points(&closes, 2)?[0];
/// assert_eq!((p.kind, p.pivot, p.value), (SwingKind::High, 2, 15.0));
/// assert_eq!(p.confirmed, 4); // known only 2 bars after the peak
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SwingPoint {
    /// High or low.
    pub kind: SwingKind,
    /// The bar of the extreme (the pivot).
    pub pivot: usize,
    /// The bar at which the pivot is confirmed: `pivot + width`. A trading rule can act on the
    /// pivot only from this bar.
    pub confirmed: usize,
    /// The value at the pivot.
    pub value: f64,
}

/// Swing highs and lows of a series, found causally with a pivot width.
///
/// Bar `p` is a swing high when its value is strictly above each of the `width` bars before it
/// and at least each of the `width` bars after it (so on a plateau the first bar is the pivot);
/// a swing low likewise. The pivot is only known at bar `p + width` ([`SwingPoint::confirmed`]),
/// and the result is in order of confirmation. Windows containing a non-finite value give no
/// pivot. A series of at most `2 * width` bars has no pivot (whatever the width, so a width
/// longer than the data is not an error).
///
/// # Errors
/// [`Error::InvalidParameter`] when `width` is 0.
///
/// # Example
/// ```
/// use chartist::signals::{swing_points, SwingKind};
/// let x = [1.0, 3.0, 2.0, 1.0, 2.0, 4.0, 3.0];
/// let s = swing_points(&x, 1)?;
/// assert_eq!((s[0].kind, s[0].pivot, s[0].confirmed), (SwingKind::High, 1, 2));
/// assert_eq!((s[1].kind, s[1].pivot), (SwingKind::Low, 3));
/// assert_eq!((s[2].kind, s[2].pivot), (SwingKind::High, 5));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn swing_points(values: &[f64], width: usize) -> Result<Vec<SwingPoint>> {
    if width > 0 && values.len() <= width.saturating_mul(2) {
        return Ok(Vec::new());
    }
    let mut d = SwingDetector::new(width)?;
    Ok(values.iter().filter_map(|&v| d.update(v)).collect())
}

/// Streaming swing-point detector; see [`swing_points`].
///
/// Holds the last `2 * width + 1` values; O(width) per update, no allocation.
///
/// # Example
/// ```
/// use chartist::signals::{SwingDetector, SwingKind};
/// let mut d = SwingDetector::new(1)?;
/// assert_eq!(d.update(1.0), None);
/// assert_eq!(d.update(3.0), None);
/// let p = d.update(2.0).unwrap(); // bar 1 confirmed at bar 2
/// assert_eq!((p.kind, p.pivot, p.confirmed, p.value), (SwingKind::High, 1, 2, 3.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SwingDetector {
    width: usize,
    window: Vec<f64>,
    /// Bars seen in total (the index of the next bar).
    seen: usize,
}

impl SwingDetector {
    /// A detector with the given pivot width.
    ///
    /// ```
    /// use chartist::signals::SwingDetector;
    /// let d = SwingDetector::new(3)?;
    /// assert_eq!(d.width(), 3);
    /// assert!(SwingDetector::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `width` is 0 or larger than
    /// [`MAX_PERIOD`](crate::MAX_PERIOD) (the detector holds `2 * width + 1` values).
    pub fn new(width: usize) -> Result<Self> {
        check_window("width", width)?;
        Ok(SwingDetector {
            width,
            window: vec![f64::NAN; 2 * width + 1],
            seen: 0,
        })
    }

    /// The pivot width.
    ///
    /// ```
    /// use chartist::signals::SwingDetector;
    /// assert_eq!(SwingDetector::new(5)?.width(), 5);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn width(&self) -> usize {
        self.width
    }

    /// Value of bar `i` (which must be among the last `2 * width + 1`).
    fn at(&self, i: usize) -> f64 {
        self.window[i % self.window.len()]
    }

    /// Feeds the next value; returns the pivot confirmed by it, if any.
    ///
    /// ```
    /// use chartist::signals::{SwingDetector, SwingKind};
    /// let mut d = SwingDetector::new(1)?;
    /// let found: Vec<_> = [5.0, 4.0, 6.0, 3.0, 7.0].iter().filter_map(|&x| d.update(x)).collect();
    /// let pivots: Vec<usize> = found.iter().map(|p| p.pivot).collect();
    /// assert_eq!(pivots, vec![1, 2, 3]); // low 4, high 6, low 3
    /// assert_eq!(found[0].kind, SwingKind::Low);
    /// assert_eq!(d.update(f64::NAN), None); // a gap: no pivot whose window holds it
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn update(&mut self, value: f64) -> Option<SwingPoint> {
        let i = self.seen;
        let n = self.window.len();
        self.window[i % n] = value;
        self.seen += 1;
        let w = self.width;
        if i < 2 * w {
            return None;
        }
        let p = i - w;
        let v = self.at(p);
        if !v.is_finite() {
            return None;
        }
        let mut high = true;
        let mut low = true;
        for j in p - w..p {
            let u = self.at(j);
            if !u.is_finite() {
                return None;
            }
            high &= v > u;
            low &= v < u;
        }
        for j in p + 1..=i {
            let u = self.at(j);
            if !u.is_finite() {
                return None;
            }
            high &= v >= u;
            low &= v <= u;
        }
        let kind = if high {
            SwingKind::High
        } else if low {
            SwingKind::Low
        } else {
            return None;
        };
        Some(SwingPoint {
            kind,
            pivot: p,
            confirmed: i,
            value: v,
        })
    }

    /// Forgets all values (bar numbering restarts at 0).
    ///
    /// ```
    /// use chartist::signals::SwingDetector;
    /// let mut d = SwingDetector::new(1)?;
    /// d.update(1.0);
    /// d.update(3.0);
    /// d.reset();
    /// assert_eq!(d.update(2.0), None); // needs 2 * width + 1 fresh values again
    /// assert_eq!(d.update(1.0), None);
    /// assert_eq!(d.update(2.0).map(|p| p.pivot), Some(1)); // numbering restarted at 0
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn reset(&mut self) {
        self.window.fill(f64::NAN);
        self.seen = 0;
    }
}

// ---------------------------------------------------------------------------------------------
// Divergences
// ---------------------------------------------------------------------------------------------

/// The four kinds of divergence between price and an oscillator.
///
/// ```
/// use chartist::signals::{divergences, DivergenceConfig, DivergenceKind};
/// // Price makes a higher high at bar 5; the oscillator a lower high.
/// let price = [8.0, 10.0, 9.0, 8.0, 9.0, 11.0, 10.0];
/// let osc = [50.0, 70.0, 60.0, 50.0, 55.0, 65.0, 60.0];
/// let d = divergences(&price, &osc, DivergenceConfig::default().pivot_width(1))?;
/// assert_eq!(d[0].kind, DivergenceKind::Bearish);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DivergenceKind {
    /// Price makes a lower low, the oscillator a higher low: selling pressure fading.
    Bullish,
    /// Price makes a higher high, the oscillator a lower high: buying pressure fading.
    Bearish,
    /// Price makes a higher low, the oscillator a lower low: an uptrend continuing.
    HiddenBullish,
    /// Price makes a lower high, the oscillator a higher high: a downtrend continuing.
    HiddenBearish,
}

/// One divergence: two consecutive price swings and the oscillator at the same bars.
///
/// ```
/// use chartist::signals::{divergences, DivergenceConfig};
/// let price = [8.0, 10.0, 9.0, 8.0, 9.0, 11.0, 10.0];
/// let rsi = [50.0, 70.0, 60.0, 50.0, 55.0, 65.0, 60.0];
/// let d = divergences(&price, &rsi, DivergenceConfig::default().pivot_width(1))?[0];
/// assert_eq!((d.first, d.second, d.confirmed), (1, 5, 6));
/// assert_eq!(d.price, (10.0, 11.0)); // a higher high
/// assert_eq!(d.oscillator, (70.0, 65.0)); // a lower high
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Divergence {
    /// The kind of divergence.
    pub kind: DivergenceKind,
    /// The earlier pivot bar.
    pub first: usize,
    /// The later pivot bar.
    pub second: usize,
    /// The bar at which the later pivot is confirmed (`second + pivot_width`): the first bar
    /// the divergence can be known.
    pub confirmed: usize,
    /// Price at the two pivots.
    pub price: (f64, f64),
    /// The oscillator at the two pivots.
    pub oscillator: (f64, f64),
}

/// Settings of divergence detection.
///
/// ```
/// use chartist::signals::DivergenceConfig;
/// let c = DivergenceConfig::default();
/// assert_eq!((c.pivot_width, c.max_distance, c.min_distance, c.include_hidden), (5, 60, 1, true));
/// let weekly = DivergenceConfig::default().pivot_width(2).max_distance(26);
/// assert_eq!((weekly.pivot_width, weekly.max_distance), (2, 26));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DivergenceConfig {
    /// Pivot width of the price swings (default 5).
    pub pivot_width: usize,
    /// Largest number of bars between the two pivots (default 60).
    pub max_distance: usize,
    /// Smallest number of bars between the two pivots (default 1).
    pub min_distance: usize,
    /// Whether hidden divergences are reported as well as regular ones (default true).
    pub include_hidden: bool,
}

impl Default for DivergenceConfig {
    fn default() -> Self {
        DivergenceConfig {
            pivot_width: 5,
            max_distance: 60,
            min_distance: 1,
            include_hidden: true,
        }
    }
}

impl DivergenceConfig {
    /// Sets the pivot width.
    ///
    /// ```
    /// use chartist::signals::{DivergenceConfig, DivergenceDetector};
    /// let c = DivergenceConfig::default().pivot_width(3);
    /// assert_eq!(c.pivot_width, 3);
    /// assert!(DivergenceDetector::new(DivergenceConfig::default().pivot_width(0)).is_err());
    /// ```
    pub fn pivot_width(mut self, width: usize) -> Self {
        self.pivot_width = width;
        self
    }

    /// Sets the largest distance between the two pivots.
    ///
    /// ```
    /// use chartist::signals::{divergences, DivergenceConfig};
    /// let price = [8.0, 10.0, 9.0, 8.0, 9.0, 11.0, 10.0];
    /// let osc = [50.0, 70.0, 60.0, 50.0, 55.0, 65.0, 60.0];
    /// let c = DivergenceConfig::default().pivot_width(1);
    /// assert_eq!(divergences(&price, &osc, c)?.len(), 1); // highs at bars 1 and 5: 4 bars apart
    /// assert!(divergences(&price, &osc, c.max_distance(3))?.is_empty());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn max_distance(mut self, bars: usize) -> Self {
        self.max_distance = bars;
        self
    }

    /// Sets the smallest distance between the two pivots.
    ///
    /// ```
    /// use chartist::signals::{divergences, DivergenceConfig};
    /// let price = [8.0, 10.0, 9.0, 8.0, 9.0, 11.0, 10.0];
    /// let osc = [50.0, 70.0, 60.0, 50.0, 55.0, 65.0, 60.0];
    /// let c = DivergenceConfig::default().pivot_width(1);
    /// assert!(divergences(&price, &osc, c.min_distance(5))?.is_empty()); // highs only 4 bars apart
    /// assert!(divergences(&price, &osc, c.min_distance(0)).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn min_distance(mut self, bars: usize) -> Self {
        self.min_distance = bars;
        self
    }

    /// Reports hidden divergences too (`true`) or regular ones only (`false`).
    ///
    /// ```
    /// use chartist::signals::{divergences, DivergenceConfig, DivergenceKind};
    /// let price = [10.0, 8.0, 10.0, 11.0, 10.0, 9.0, 10.0]; // a higher low at bar 5
    /// let osc = [50.0, 40.0, 55.0, 60.0, 50.0, 30.0, 45.0]; // a lower low
    /// let c = DivergenceConfig::default().pivot_width(1);
    /// assert_eq!(divergences(&price, &osc, c)?[0].kind, DivergenceKind::HiddenBullish);
    /// assert!(divergences(&price, &osc, c.include_hidden(false))?.is_empty());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn include_hidden(mut self, include: bool) -> Self {
        self.include_hidden = include;
        self
    }

    fn validate(&self) -> Result<()> {
        if self.pivot_width == 0 {
            return Err(Error::param("pivot_width", 0, "must be at least 1"));
        }
        if self.min_distance == 0 {
            return Err(Error::param("min_distance", 0, "must be at least 1"));
        }
        if self.max_distance < self.min_distance {
            return Err(Error::param(
                "max_distance",
                self.max_distance,
                format!("must be at least min_distance ({})", self.min_distance),
            ));
        }
        Ok(())
    }
}

/// Divergences between price and an oscillator (e.g. RSI, MACD histogram).
///
/// Swing highs and lows are found causally on `price` with [`swing_points`]' rule; each new
/// swing low is compared with the previous swing low (and each swing high with the previous
/// swing high) when they are `min_distance..=max_distance` bars apart, reading the oscillator
/// at the same two bars:
/// - lows: price lower low + oscillator higher low = [`DivergenceKind::Bullish`]; price higher
///   low + oscillator lower low = [`DivergenceKind::HiddenBullish`];
/// - highs: price higher high + oscillator lower high = [`DivergenceKind::Bearish`]; price
///   lower high + oscillator higher high = [`DivergenceKind::HiddenBearish`].
///
/// A divergence is dated at the later pivot and at its confirmation bar; results are in order
/// of confirmation. A pivot where the oscillator is not finite is skipped. A series of at most
/// `2 * pivot_width` bars has no pivot, so no divergence.
///
/// # Errors
/// [`Error::LengthMismatch`] when `oscillator` is not as long as `price`;
/// [`Error::InvalidParameter`] for a pivot width or minimum distance of 0, or a maximum
/// distance below the minimum.
///
/// # Example
/// ```
/// use chartist::signals::{divergences, DivergenceConfig, DivergenceKind};
/// // Price makes a lower low at bar 5; the oscillator a higher low.
/// let price = [10.0, 8.0, 9.0, 10.0, 9.0, 7.0, 8.0, 9.0];
/// let osc = [50.0, 25.0, 40.0, 55.0, 45.0, 35.0, 45.0, 50.0];
/// let d = divergences(&price, &osc, DivergenceConfig::default().pivot_width(1))?;
/// assert_eq!(d.len(), 1);
/// assert_eq!(d[0].kind, DivergenceKind::Bullish);
/// assert_eq!((d[0].first, d[0].second, d[0].confirmed), (1, 5, 6));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn divergences(
    price: &[f64],
    oscillator: &[f64],
    config: DivergenceConfig,
) -> Result<Vec<Divergence>> {
    check_len("oscillator", price.len(), oscillator.len())?;
    config.validate()?;
    if price.len() <= config.pivot_width.saturating_mul(2) {
        return Ok(Vec::new());
    }
    let mut d = DivergenceDetector::new(config)?;
    Ok(price
        .iter()
        .zip(oscillator)
        .filter_map(|(&p, &o)| d.update(p, o))
        .collect())
}

/// A pivot remembered for comparison: `(bar, price, oscillator)`.
type Pivot = (usize, f64, f64);

/// Streaming divergence detector; see [`divergences`].
///
/// # Example
/// ```
/// use chartist::signals::{DivergenceConfig, DivergenceDetector};
/// let mut d = DivergenceDetector::new(DivergenceConfig::default())?;
/// assert_eq!(d.update(10.0, 50.0), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DivergenceDetector {
    config: DivergenceConfig,
    swings: SwingDetector,
    /// The oscillator's last `pivot_width + 1` values.
    oscillator: Vec<f64>,
    last_high: Option<Pivot>,
    last_low: Option<Pivot>,
}

impl DivergenceDetector {
    /// A detector with the given settings.
    ///
    /// ```
    /// use chartist::signals::{DivergenceConfig, DivergenceDetector};
    /// assert!(DivergenceDetector::new(DivergenceConfig::default()).is_ok());
    /// let bad = DivergenceConfig::default().min_distance(10).max_distance(5);
    /// let err = DivergenceDetector::new(bad).unwrap_err();
    /// assert_eq!(err.to_string(), "max_distance must be at least min_distance (10), got 5");
    /// ```
    ///
    /// # Errors
    /// As [`divergences`], and [`Error::InvalidParameter`] for a pivot width larger than
    /// [`MAX_PERIOD`](crate::MAX_PERIOD) (the detector holds `2 * pivot_width + 1` prices).
    pub fn new(config: DivergenceConfig) -> Result<Self> {
        config.validate()?;
        Ok(DivergenceDetector {
            config,
            swings: SwingDetector::new(config.pivot_width)?,
            oscillator: vec![f64::NAN; config.pivot_width + 1],
            last_high: None,
            last_low: None,
        })
    }

    /// Feeds one bar of price and oscillator; returns the divergence confirmed at this bar.
    ///
    /// ```
    /// use chartist::signals::{DivergenceConfig, DivergenceDetector, DivergenceKind};
    /// let mut d = DivergenceDetector::new(DivergenceConfig::default().pivot_width(1))?;
    /// let price = [8.0, 10.0, 9.0, 8.0, 9.0, 11.0, 10.0];
    /// let osc = [50.0, 70.0, 60.0, 50.0, 55.0, 65.0, 60.0];
    /// let hits: Vec<(usize, DivergenceKind)> = price.iter().zip(&osc).enumerate()
    ///     .filter_map(|(i, (&p, &o))| d.update(p, o).map(|x| (i, x.kind))).collect();
    /// assert_eq!(hits, vec![(6, DivergenceKind::Bearish)]); // known at bar 6, a bar after the high
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn update(&mut self, price: f64, oscillator: f64) -> Option<Divergence> {
        let i = self.swings.seen;
        let n = self.oscillator.len();
        self.oscillator[i % n] = oscillator;
        let swing = self.swings.update(price)?;
        let osc = self.oscillator[swing.pivot % n];
        if !osc.is_finite() {
            return None;
        }
        let pivot = (swing.pivot, swing.value, osc);
        let previous = match swing.kind {
            SwingKind::High => self.last_high.replace(pivot),
            SwingKind::Low => self.last_low.replace(pivot),
        }?;
        let distance = pivot.0 - previous.0;
        if distance < self.config.min_distance || distance > self.config.max_distance {
            return None;
        }
        let (p0, p1, o0, o1) = (previous.1, pivot.1, previous.2, pivot.2);
        let kind = match swing.kind {
            SwingKind::Low if p1 < p0 && o1 > o0 => DivergenceKind::Bullish,
            SwingKind::Low if p1 > p0 && o1 < o0 => DivergenceKind::HiddenBullish,
            SwingKind::High if p1 > p0 && o1 < o0 => DivergenceKind::Bearish,
            SwingKind::High if p1 < p0 && o1 > o0 => DivergenceKind::HiddenBearish,
            _ => return None,
        };
        if !self.config.include_hidden
            && matches!(
                kind,
                DivergenceKind::HiddenBullish | DivergenceKind::HiddenBearish
            )
        {
            return None;
        }
        Some(Divergence {
            kind,
            first: previous.0,
            second: pivot.0,
            confirmed: swing.confirmed,
            price: (p0, p1),
            oscillator: (o0, o1),
        })
    }

    /// Forgets all bars.
    ///
    /// ```
    /// use chartist::signals::{DivergenceConfig, DivergenceDetector};
    /// let mut d = DivergenceDetector::new(DivergenceConfig::default().pivot_width(1))?;
    /// for (p, o) in [(8.0, 50.0), (10.0, 70.0), (9.0, 60.0)] { d.update(p, o); } // a high at bar 1
    /// d.reset();
    /// // After the reset, a higher high on a lower oscillator has no earlier high to diverge from:
    /// for (p, o) in [(8.0, 50.0), (11.0, 65.0)] { d.update(p, o); }
    /// assert_eq!(d.update(10.0, 60.0), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn reset(&mut self) {
        self.swings.reset();
        self.oscillator.fill(f64::NAN);
        self.last_high = None;
        self.last_low = None;
    }
}
