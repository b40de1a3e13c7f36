//! Beta, correlation, up/down-market beta and capture ratios on returns.
//!
//! **Argument order: asset first, benchmark second.** `beta(asset, benchmark, ..)` is the slope
//! of the asset's returns regressed on the benchmark's: `cov(r_asset, r_bench) /
//! var(r_bench)`. TA-Lib's `BETA(real0, real1)` takes them the other way round (its `real1` is
//! the dependent series and it regresses on `real0`), so `BETA(spy, iwm)` there is
//! `beta(iwm, spy, ..)` here. Stock.Indicators' `ToBeta(eval, market)` uses our order.
//!
//! Returns are one-bar returns of the aligned prices, simple by default
//! ([`ReturnKind::Simple`]), log on request. Variances and covariances are population
//! moments (dividing by the count); beta and correlation do not depend on that choice.
//!
//! * **Up-market / down-market beta**: the same regression over only the bars where the
//!   benchmark's return is > 0 (up) or < 0 (down); bars with a zero benchmark return count in
//!   neither (the Stock.Indicators convention).
//! * **Upside / downside capture** (Morningstar style, in percent): over the up (down) bars,
//!   `100 * ((prod(1 + r_asset))^(1/k) - 1) / ((prod(1 + r_bench))^(1/k) - 1)` — the asset's
//!   geometric mean return as a share of the benchmark's. Always on simple returns. 120 means
//!   the asset gained 20% more than the benchmark on up bars; a downside capture below 100
//!   means it fell less on down bars. Whole-period in [`BetaStats`], rolling in
//!   [`rolling_capture`].

use super::{aligned_closes, check_pair, good_price};
use crate::error::{check_period, Error, Result};
use crate::series::{PriceSeries, ReturnKind};

/// Options of the beta functions.
///
/// ```
/// use chartist::relative::BetaConfig;
/// use chartist::series::ReturnKind;
/// assert_eq!(BetaConfig::default().returns, ReturnKind::Simple);
/// assert_eq!(BetaConfig::default().returns(ReturnKind::Log).returns, ReturnKind::Log);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BetaConfig {
    /// Simple (default) or log returns for beta and correlation.
    pub returns: ReturnKind,
}

impl BetaConfig {
    /// Sets the return kind.
    ///
    /// ```
    /// use chartist::relative::{beta, BetaConfig};
    /// use chartist::series::ReturnKind;
    /// let b = [100.0, 150.0, 100.0];
    /// let a = [100.0, 225.0, 100.0]; // a = b^2 / 100: log returns exactly twice b's
    /// let log = beta(&a, &b, &BetaConfig::default().returns(ReturnKind::Log))?;
    /// assert!((log.beta - 2.0).abs() < 1e-9);
    /// // Simple returns +125%, -55.6% against +50%, -33.3%: slope 1.8056 / 0.8333.
    /// let simple = beta(&a, &b, &BetaConfig::default())?;
    /// assert!((simple.beta - (2.0 + 1.0 / 6.0)).abs() < 1e-9);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn returns(mut self, kind: ReturnKind) -> Self {
        self.returns = kind;
        self
    }
}

/// Whole-period (or one-window) regression statistics of an asset on a benchmark.
///
/// ```
/// use chartist::relative::{beta, BetaConfig};
/// let bench = [100.0, 110.0, 99.0, 108.9]; // +10%, -10%, +10%
/// let asset = [100.0, 115.0, 109.25, 125.6375]; // +15%, -5%, +15%
/// let s = beta(&asset, &bench, &BetaConfig::default())?;
/// assert_eq!(s.observations, 3);
/// assert!((s.beta - 1.0).abs() < 1e-9 && (s.correlation - 1.0).abs() < 1e-9);
/// assert!((s.upside_capture - 150.0).abs() < 1e-9); // +15% on the benchmark's +10% bars
/// assert!((s.downside_capture - 50.0).abs() < 1e-9); // -5% on its -10% bar
/// assert!(s.up_beta.is_nan() && s.down_beta.is_nan()); // equal up bars; a single down bar
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BetaStats {
    /// Number of return pairs used.
    pub observations: usize,
    /// `cov(asset, benchmark) / var(benchmark)`; NaN when the benchmark's returns are
    /// constant. Moments are two-pass (means, then centred sums), and returns whose standard
    /// deviation is at most 1e-12 of their scale (rounding noise, e.g. a price compounding at
    /// a fixed rate) count as constant.
    pub beta: f64,
    /// Pearson correlation of the returns; NaN when either variance is 0.
    pub correlation: f64,
    /// Beta over the bars where the benchmark rose; NaN with fewer than 2 such bars or no
    /// variance among them.
    pub up_beta: f64,
    /// Beta over the bars where the benchmark fell; NaN likewise.
    pub down_beta: f64,
    /// Upside capture ratio in percent; NaN without up bars.
    pub upside_capture: f64,
    /// Downside capture ratio in percent; NaN without down bars.
    pub downside_capture: f64,
}

fn returns_of(x: &[f64], kind: ReturnKind) -> Vec<f64> {
    let mut out = vec![f64::NAN; x.len()];
    for (o, w) in out.iter_mut().skip(1).zip(x.windows(2)) {
        if good_price(w[0]) && good_price(w[1]) {
            *o = kind.between(w[0], w[1]);
        }
    }
    out
}

/// Population moments of pairs, computed in two passes (means first, then centred sums) so a
/// series whose values are equal up to rounding gets a variance that the flatness test below
/// recognises as zero.
#[derive(Default, Clone, Copy)]
struct Moments {
    n: f64,
    caa: f64,
    cbb: f64,
    cab: f64,
    /// Largest |a| and |b| (or `floor` when larger): the scale rounding noise is relative to.
    scale_a: f64,
    scale_b: f64,
}

/// A standard deviation at or below this share of the values' scale is rounding noise: the
/// series is treated as constant and beta/correlation are NaN.
const FLAT_TOLERANCE: f64 = 1e-12;

impl Moments {
    /// Moments of `pairs`. `floor` is the smallest scale assumed for the values: 1.0 for
    /// returns (computed from price ratios near 1, whose rounding error is absolute), 0.0 for
    /// arbitrary values.
    fn of<I: Iterator<Item = (f64, f64)> + Clone>(pairs: I, floor: f64) -> Self {
        let (mut n, mut sa, mut sb) = (0.0, 0.0, 0.0);
        let (mut scale_a, mut scale_b) = (floor, floor);
        for (a, b) in pairs.clone() {
            n += 1.0;
            sa += a;
            sb += b;
            scale_a = scale_a.max(a.abs());
            scale_b = scale_b.max(b.abs());
        }
        let mut m = Moments {
            n,
            scale_a,
            scale_b,
            ..Moments::default()
        };
        if n == 0.0 {
            return m;
        }
        let (ma, mb) = (sa / n, sb / n);
        for (a, b) in pairs {
            let (da, db) = (a - ma, b - mb);
            m.caa += da * da;
            m.cbb += db * db;
            m.cab += da * db;
        }
        m
    }
    fn flat(var: f64, scale: f64) -> bool {
        var.sqrt() <= FLAT_TOLERANCE * scale
    }
    fn var_a(&self) -> f64 {
        self.caa / self.n
    }
    fn var_b(&self) -> f64 {
        self.cbb / self.n
    }
    fn cov(&self) -> f64 {
        self.cab / self.n
    }
    fn beta(&self) -> f64 {
        let v = self.var_b();
        if self.n < 1.0 || Self::flat(v, self.scale_b) {
            f64::NAN
        } else {
            self.cov() / v
        }
    }
    fn correlation(&self) -> f64 {
        let (va, vb) = (self.var_a(), self.var_b());
        if self.n < 1.0 || Self::flat(va, self.scale_a) || Self::flat(vb, self.scale_b) {
            f64::NAN
        } else {
            self.cov() / (va * vb).sqrt()
        }
    }
}

fn capture(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (mut k, mut la, mut lb) = (0.0, 0.0, 0.0);
    for (a, b) in pairs {
        k += 1.0;
        la += a.ln_1p();
        lb += b.ln_1p();
    }
    if k == 0.0 {
        return f64::NAN;
    }
    let (ga, gb) = ((la / k).exp_m1(), (lb / k).exp_m1());
    100.0 * ga / gb
}

/// Statistics of return pairs (asset, benchmark), all finite.
fn stats_of(ra: &[f64], rb: &[f64], simple_a: &[f64], simple_b: &[f64]) -> BetaStats {
    let pairs_r = || ra.iter().copied().zip(rb.iter().copied());
    let all = Moments::of(pairs_r(), 1.0);
    let up = Moments::of(pairs_r().filter(|p| p.1 > 0.0), 1.0);
    let down = Moments::of(pairs_r().filter(|p| p.1 < 0.0), 1.0);
    let sub_beta = |m: &Moments| if m.n < 2.0 { f64::NAN } else { m.beta() };
    let pairs = || simple_a.iter().copied().zip(simple_b.iter().copied());
    BetaStats {
        observations: ra.len(),
        beta: all.beta(),
        correlation: all.correlation(),
        up_beta: sub_beta(&up),
        down_beta: sub_beta(&down),
        upside_capture: capture(pairs().filter(|p| p.1 > 0.0)),
        downside_capture: capture(pairs().filter(|p| p.1 < 0.0)),
    }
}

/// Whole-period beta, correlation, up/down beta and capture of `asset` on `benchmark`, from two
/// aligned price slices (asset first; see the [module docs](self) for definitions).
///
/// Return pairs where either price is bad (NaN, zero, negative) are skipped.
///
/// # Errors
/// [`Error::LengthMismatch`] for slices of different lengths; [`Error::InsufficientData`] with
/// fewer than 2 usable return pairs.
///
/// # Example
/// ```
/// use chartist::relative::{beta, BetaConfig};
/// let bench = [100.0, 101.0, 99.0, 102.0, 103.0];
/// // An asset that moves exactly twice as much as the benchmark each bar.
/// let mut asset = vec![50.0];
/// for w in bench.windows(2) {
///     let last = *asset.last().unwrap();
///     asset.push(last * (1.0 + 2.0 * (w[1] / w[0] - 1.0)));
/// }
/// let s = beta(&asset, &bench, &BetaConfig::default())?;
/// assert!((s.beta - 2.0).abs() < 1e-12);
/// assert!((s.correlation - 1.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn beta(asset: &[f64], benchmark: &[f64], config: &BetaConfig) -> Result<BetaStats> {
    check_pair(asset, benchmark)?;
    let (ra, rb) = (
        returns_of(asset, config.returns),
        returns_of(benchmark, config.returns),
    );
    let (sa, sb) = (
        returns_of(asset, ReturnKind::Simple),
        returns_of(benchmark, ReturnKind::Simple),
    );
    let keep: Vec<usize> = (0..ra.len())
        .filter(|&i| ra[i].is_finite() && rb[i].is_finite())
        .collect();
    if keep.len() < 2 {
        return Err(Error::InsufficientData {
            what: "beta (return pairs)".into(),
            needed: 2,
            got: keep.len(),
        });
    }
    let pick = |v: &[f64]| keep.iter().map(|&i| v[i]).collect::<Vec<f64>>();
    Ok(stats_of(&pick(&ra), &pick(&rb), &pick(&sa), &pick(&sb)))
}

/// [`beta`] of two dated series, aligned by timestamp (asset first).
///
/// # Errors
/// [`Error::NoCommonDates`] when the series share no date; otherwise as [`beta`].
///
/// # Example
/// ```
/// use chartist::relative::{beta_of_series, BetaConfig};
/// let story = chartist::sample::story(42);
/// let s = beta_of_series(&story.small_caps, &story.benchmark, &BetaConfig::default())?;
/// assert!(s.correlation.abs() <= 1.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn beta_of_series(
    asset: &PriceSeries,
    benchmark: &PriceSeries,
    config: &BetaConfig,
) -> Result<BetaStats> {
    let (_, a, b) = aligned_closes(asset, benchmark)?;
    beta(&a, &b, config)
}

/// Rolling statistics over the last `n` one-bar returns (asset first, benchmark second).
///
/// `out[i]` uses the returns ending at bars `i - n + 1 ..= i` (each return from the previous
/// bar), so the first value is at index `n`. This is Stock.Indicators `ToBeta(eval, market, n)`
/// (its `Beta`, `BetaUp`, `BetaDown`) and TA-Lib `BETA(benchmark, asset, n)` — note TA-Lib's
/// reversed argument order. NaN where the window holds a bad price. Each field of the result
/// is a `Vec<f64>` of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`] when `n < 2`; [`Error::LengthMismatch`] for slices of different
/// lengths.
///
/// # Example
/// ```
/// use chartist::relative::{rolling_beta, BetaConfig};
/// let b = [100.0, 101.0, 100.0, 102.0];
/// let a = [100.0, 102.0, 100.0, 104.0];
/// let r = rolling_beta(&a, &b, 2, &BetaConfig::default())?;
/// assert!(r.beta[1].is_nan() && r.beta[2].is_finite());
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rolling_beta(
    asset: &[f64],
    benchmark: &[f64],
    n: usize,
    config: &BetaConfig,
) -> Result<RollingBeta> {
    if n < 2 {
        return Err(Error::param("n", n, "must be at least 2"));
    }
    check_pair(asset, benchmark)?;
    let (ra, rb) = (
        returns_of(asset, config.returns),
        returns_of(benchmark, config.returns),
    );
    let len = asset.len();
    let mut out = RollingBeta {
        beta: vec![f64::NAN; len],
        correlation: vec![f64::NAN; len],
        up_beta: vec![f64::NAN; len],
        down_beta: vec![f64::NAN; len],
    };
    for_each_clean_window(&ra, &rb, n, |i, wa, wb| {
        let pairs = || wa.iter().copied().zip(wb.iter().copied());
        let all = Moments::of(pairs(), 1.0);
        let up = Moments::of(pairs().filter(|p| p.1 > 0.0), 1.0);
        let down = Moments::of(pairs().filter(|p| p.1 < 0.0), 1.0);
        out.beta[i] = all.beta();
        out.correlation[i] = all.correlation();
        out.up_beta[i] = up.beta();
        out.down_beta[i] = down.beta();
    });
    Ok(out)
}

/// Calls `f(i, asset_window, benchmark_window)` for every bar `i >= n` whose last `n` returns
/// (ending at bar `i`) are finite in both series: the windows that [`rolling_beta`] and
/// [`rolling_capture`] share (a window holding a bad price is skipped and stays NaN).
fn for_each_clean_window(
    ra: &[f64],
    rb: &[f64],
    n: usize,
    mut f: impl FnMut(usize, &[f64], &[f64]),
) {
    for i in n..ra.len().min(rb.len()) {
        let (wa, wb) = (&ra[i + 1 - n..=i], &rb[i + 1 - n..=i]);
        if wa.iter().chain(wb).all(|v| v.is_finite()) {
            f(i, wa, wb);
        }
    }
}

/// Output of [`rolling_beta`]: one value per input bar, NaN in warm-up.
///
/// ```
/// use chartist::relative::{rolling_beta, BetaConfig};
/// let b = [100.0, 110.0, 99.0, 108.9, 98.01]; // +10%, -10%, +10%, -10%
/// let a = [100.0, 120.0, 96.0, 115.2, 92.16]; // twice the moves
/// let r = rolling_beta(&a, &b, 2, &BetaConfig::default())?;
/// assert_eq!((r.beta.len(), r.correlation.len(), r.up_beta.len(), r.down_beta.len()), (5, 5, 5, 5));
/// assert!(r.beta[1].is_nan() && (r.beta[4] - 2.0).abs() < 1e-9);
/// assert!((r.correlation[4] - 1.0).abs() < 1e-9);
/// assert!(r.up_beta[4].is_nan()); // one up bar in a 2-return window has no variance
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RollingBeta {
    /// Beta of the asset on the benchmark.
    pub beta: Vec<f64>,
    /// Correlation of the returns.
    pub correlation: Vec<f64>,
    /// Up-market beta (bars with a positive benchmark return).
    pub up_beta: Vec<f64>,
    /// Down-market beta (bars with a negative benchmark return).
    pub down_beta: Vec<f64>,
}

/// Rolling upside and downside capture ratios over the last `n` one-bar returns (asset first,
/// benchmark second).
///
/// `upside[i]` is `100 * (g_A - 1) / (g_B - 1)` where `g_A` and `g_B` are the geometric means of
/// `1 + r` over the bars of the window on which the benchmark's simple return is positive;
/// `downside[i]` the same over the bars where it is negative (see the [module docs](self)).
/// The windows are those of [`rolling_beta`]: `out[i]` uses the returns ending at bars
/// `i - n + 1 ..= i`, so the first value is at index `n`; over the whole history
/// (`n = len - 1`, no bad price) the last values are [`beta`]'s
/// [`upside_capture`](BetaStats::upside_capture) and
/// [`downside_capture`](BetaStats::downside_capture). Always on simple returns. Reference:
/// Morningstar's upside/downside capture ratios (computed there on monthly returns: pass
/// monthly closes for that). NaN where the window holds a bad price (NaN, infinite, zero,
/// negative), and for the upside (downside) capture of a window without an up (down) bar.
///
/// # Errors
/// [`Error::InvalidParameter`] when `n == 0`; [`Error::LengthMismatch`] for slices of different
/// lengths.
///
/// # Example
/// ```
/// use chartist::relative::rolling_capture;
/// let b = [100.0, 110.0, 99.0, 108.9]; // +10%, -10%, +10%
/// let a = [100.0, 115.0, 109.25, 125.6375]; // +15%, -5%, +15%
/// let c = rolling_capture(&a, &b, 2)?;
/// assert!(c.upside[1].is_nan()); // warm-up: the first value is at index 2
/// assert!((c.upside[3] - 150.0).abs() < 1e-9); // +15% on the benchmark's +10% bar
/// assert!((c.downside[3] - 50.0).abs() < 1e-9); // -5% on its -10% bar
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rolling_capture(asset: &[f64], benchmark: &[f64], n: usize) -> Result<RollingCapture> {
    check_period("n", n)?;
    check_pair(asset, benchmark)?;
    let (ra, rb) = (
        returns_of(asset, ReturnKind::Simple),
        returns_of(benchmark, ReturnKind::Simple),
    );
    let len = asset.len();
    let mut out = RollingCapture {
        upside: vec![f64::NAN; len],
        downside: vec![f64::NAN; len],
    };
    for_each_clean_window(&ra, &rb, n, |i, wa, wb| {
        let pairs = || wa.iter().copied().zip(wb.iter().copied());
        out.upside[i] = capture(pairs().filter(|p| p.1 > 0.0));
        out.downside[i] = capture(pairs().filter(|p| p.1 < 0.0));
    });
    Ok(out)
}

/// Output of [`rolling_capture`]: one value per input bar, NaN in warm-up.
///
/// ```
/// use chartist::relative::rolling_capture;
/// let b = [100.0, 110.0, 121.0]; // two up bars, no down bar
/// let a = [100.0, 120.0, 144.0];
/// let c = rolling_capture(&a, &b, 2)?;
/// assert_eq!((c.upside.len(), c.downside.len()), (3, 3));
/// assert!((c.upside[2] - 200.0).abs() < 1e-9); // +20% a bar against +10%
/// assert!(c.downside[2].is_nan()); // no down bar in the window
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RollingCapture {
    /// Upside capture ratio in percent (bars where the benchmark rose).
    pub upside: Vec<f64>,
    /// Downside capture ratio in percent (bars where the benchmark fell).
    pub downside: Vec<f64>,
}

/// Rolling Pearson correlation of two aligned series of *values* (prices, returns, anything)
/// over the last `n` values.
///
/// Population moments, as Stock.Indicators `ToCorrelation(a, b, n)` (which correlates prices)
/// and TA-Lib `CORREL`. Warm-up: the first value is at index `n - 1`. NaN when the window holds
/// a non-finite value or either series is constant over it.
///
/// # Errors
/// [`Error::InvalidParameter`] when `n < 2`; [`Error::LengthMismatch`] for slices of different
/// lengths.
///
/// # Example
/// ```
/// use chartist::relative::rolling_correlation;
/// let c = rolling_correlation(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.5], 2)?;
/// assert!(c[0].is_nan());
/// assert!((c[2] - 1.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rolling_correlation(x: &[f64], y: &[f64], n: usize) -> Result<Vec<f64>> {
    if n < 2 {
        return Err(Error::param("n", n, "must be at least 2"));
    }
    check_period("n", n)?;
    crate::error::check_len("y", x.len(), y.len())?;
    Ok(correlation_windows(x, y, n, 0.0))
}

/// Rolling correlation over windows of `n` values; `floor` as in [`Moments::of`].
fn correlation_windows(x: &[f64], y: &[f64], n: usize, floor: f64) -> Vec<f64> {
    let mut out = vec![f64::NAN; x.len()];
    if x.len() < n {
        return out;
    }
    for ((o, wx), wy) in out[n - 1..].iter_mut().zip(x.windows(n)).zip(y.windows(n)) {
        if !(wx.iter().chain(wy).all(|v| v.is_finite())) {
            continue;
        }
        *o = Moments::of(wx.iter().copied().zip(wy.iter().copied()), floor).correlation();
    }
    out
}

/// Rolling correlation of one-bar returns of two aligned price slices over the last `n`
/// returns. Warm-up: first value at index `n` (see [`rolling_beta`]).
///
/// # Errors
/// As [`rolling_correlation`].
///
/// # Example
/// ```
/// use chartist::relative::rolling_return_correlation;
/// use chartist::series::ReturnKind;
/// let c = rolling_return_correlation(&[1.0, 2.0, 1.0, 3.0], &[1.0, 1.5, 1.0, 2.0], 2, ReturnKind::Log)?;
/// assert!(c[1].is_nan() && (c[3] - 1.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rolling_return_correlation(
    asset: &[f64],
    benchmark: &[f64],
    n: usize,
    kind: ReturnKind,
) -> Result<Vec<f64>> {
    if n < 2 {
        return Err(Error::param("n", n, "must be at least 2"));
    }
    check_pair(asset, benchmark)?;
    let (ra, rb) = (returns_of(asset, kind), returns_of(benchmark, kind));
    Ok(correlation_windows(&ra, &rb, n, 1.0))
}
