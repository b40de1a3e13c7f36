//! Quality screen: filters and a composite percentile score.

use super::size::{SizeBucket, SizeThresholds};
use crate::error::{Error, Result};
use crate::{At, Row};

/// One stock's fundamentals, as supplied by the user. Every field is optional.
///
/// ```
/// use chartist::screen::Fundamentals;
/// let f = Fundamentals::new("ACME").market_cap(4.0e9).return_on_equity(0.15);
/// assert_eq!(f.symbol, "ACME");
/// assert_eq!(f.return_on_equity, Some(0.15)); // 15 %
/// assert_eq!(f.price_earnings, None); // not supplied: the screen's MissingPolicy decides
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fundamentals {
    /// Ticker or any identifier.
    pub symbol: String,
    /// Market capitalisation in currency units.
    pub market_cap: Option<f64>,
    /// Total debt / shareholders' equity (lower is stronger; negative equity ranks worst).
    pub debt_to_equity: Option<f64>,
    /// Return on equity as a fraction (0.15 = 15%; higher is better).
    pub return_on_equity: Option<f64>,
    /// Profit margin as a fraction (higher is better).
    pub margin: Option<f64>,
    /// Price / earnings (lower is cheaper; zero or negative earnings rank worst).
    pub price_earnings: Option<f64>,
    /// Free cash flow, or better a free-cash-flow yield so sizes compare (higher is better).
    pub free_cash_flow: Option<f64>,
}

impl Fundamentals {
    /// A record with only a symbol; set fields with the builder methods.
    ///
    /// ```
    /// use chartist::screen::Fundamentals;
    /// let f = Fundamentals::new("ACME");
    /// assert_eq!(f.symbol, "ACME");
    /// assert_eq!(f, Fundamentals { symbol: "ACME".into(), ..Default::default() }); // all fields None
    /// ```
    pub fn new(symbol: impl Into<String>) -> Self {
        Fundamentals {
            symbol: symbol.into(),
            ..Default::default()
        }
    }
    /// Sets the market cap.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, SizeBucket};
    /// let stocks = [Fundamentals::new("ACME").market_cap(5e9)];
    /// let s = quality_screen(&stocks, &QualityConfig::default())?;
    /// assert_eq!(s[0].size, Some(SizeBucket::Mid)); // $2B up to $10B by default
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn market_cap(mut self, v: f64) -> Self {
        self.market_cap = Some(v);
        self
    }
    /// Sets debt/equity.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig};
    /// let stocks = [Fundamentals::new("A").debt_to_equity(0.4), Fundamentals::new("B").debt_to_equity(1.5)];
    /// let s = quality_screen(&stocks, &QualityConfig::default())?;
    /// assert_eq!(s[0].percentiles.debt_to_equity, Some(1.0)); // the least indebted
    /// assert_eq!(s[1].percentiles.debt_to_equity, Some(0.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn debt_to_equity(mut self, v: f64) -> Self {
        self.debt_to_equity = Some(v);
        self
    }
    /// Sets return on equity.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig};
    /// let roe = [0.05, 0.25, 0.15];
    /// let stocks: Vec<_> = roe.iter().map(|&r| Fundamentals::new("X").return_on_equity(r)).collect();
    /// let s = quality_screen(&stocks, &QualityConfig::default())?;
    /// let pct: Vec<_> = s.iter().map(|q| q.percentiles.return_on_equity).collect();
    /// assert_eq!(pct, vec![Some(0.0), Some(1.0), Some(0.5)]); // higher ROE ranks better
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn return_on_equity(mut self, v: f64) -> Self {
        self.return_on_equity = Some(v);
        self
    }
    /// Sets the margin.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters};
    /// let f = Fundamentals::new("ACME").margin(0.08); // 8 %
    /// assert_eq!(f.margin, Some(0.08));
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().min_margin(0.10));
    /// assert!(!quality_screen(&[f], &cfg)?[0].passed());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn margin(mut self, v: f64) -> Self {
        self.margin = Some(v);
        self
    }
    /// Sets P/E.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig};
    /// let stocks = [Fundamentals::new("A").price_earnings(-5.0), Fundamentals::new("B").price_earnings(40.0)];
    /// let s = quality_screen(&stocks, &QualityConfig::default())?;
    /// assert_eq!(s[1].percentiles.price_earnings, Some(1.0)); // a P/E of 40 beats a loss (P/E -5)
    /// assert_eq!(s[0].percentiles.price_earnings, Some(0.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn price_earnings(mut self, v: f64) -> Self {
        self.price_earnings = Some(v);
        self
    }
    /// Sets free cash flow.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig};
    /// // Free-cash-flow yields, so that a small and a large company compare:
    /// let stocks = [Fundamentals::new("A").free_cash_flow(0.02), Fundamentals::new("B").free_cash_flow(0.06)];
    /// let s = quality_screen(&stocks, &QualityConfig::default())?;
    /// assert_eq!(s[1].percentiles.free_cash_flow, Some(1.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn free_cash_flow(mut self, v: f64) -> Self {
        self.free_cash_flow = Some(v);
        self
    }
    fn get(&self, f: QualityField) -> Option<f64> {
        match f {
            QualityField::DebtToEquity => self.debt_to_equity,
            QualityField::ReturnOnEquity => self.return_on_equity,
            QualityField::Margin => self.margin,
            QualityField::PriceEarnings => self.price_earnings,
            QualityField::FreeCashFlow => self.free_cash_flow,
        }
    }
}

/// A scored field.
///
/// ```
/// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityField};
/// let s = quality_screen(&[Fundamentals::new("A").margin(0.2)], &QualityConfig::default())?;
/// assert_eq!(s[0].percentiles.get(QualityField::Margin), Some(0.5)); // alone in its field: 0.5
/// assert_eq!(s[0].missing.len(), 4);
/// assert!(s[0].missing.contains(&QualityField::PriceEarnings));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum QualityField {
    /// Debt/equity.
    DebtToEquity,
    /// Return on equity.
    ReturnOnEquity,
    /// Profit margin.
    Margin,
    /// Price/earnings.
    PriceEarnings,
    /// Free cash flow.
    FreeCashFlow,
}

impl QualityField {
    /// All fields, in scoring order.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityField};
    /// let s = quality_screen(&[Fundamentals::new("A").margin(0.2)], &QualityConfig::default())?;
    /// let present: Vec<QualityField> =
    ///     QualityField::ALL.into_iter().filter(|&f| s[0].percentiles.get(f).is_some()).collect();
    /// assert_eq!(present, vec![QualityField::Margin]);
    /// assert_eq!(QualityField::ALL.len(), 5);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub const ALL: [QualityField; 5] = [
        QualityField::DebtToEquity,
        QualityField::ReturnOnEquity,
        QualityField::Margin,
        QualityField::PriceEarnings,
        QualityField::FreeCashFlow,
    ];
    fn name(self) -> &'static str {
        match self {
            QualityField::DebtToEquity => "debt_to_equity",
            QualityField::ReturnOnEquity => "return_on_equity",
            QualityField::Margin => "margin",
            QualityField::PriceEarnings => "price_earnings",
            QualityField::FreeCashFlow => "free_cash_flow",
        }
    }
    /// Larger is better after this transform; bad-sign D/E and P/E go to -inf (worst).
    fn goodness(self, v: f64) -> f64 {
        match self {
            QualityField::DebtToEquity | QualityField::PriceEarnings => {
                let nonneg_ok = matches!(self, QualityField::DebtToEquity) && v >= 0.0;
                if v > 0.0 || nonneg_ok {
                    -v
                } else {
                    f64::NEG_INFINITY
                }
            }
            _ => v,
        }
    }
}

/// Pass/fail thresholds; `None` disables a filter (the default for all).
///
/// ```
/// use chartist::screen::QualityFilters;
/// let f = QualityFilters::default().max_debt_to_equity(1.0).min_return_on_equity(0.10);
/// assert_eq!(f.max_debt_to_equity, Some(1.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QualityFilters {
    /// Fail when debt/equity is above this (or negative: negative equity).
    pub max_debt_to_equity: Option<f64>,
    /// Fail when ROE is below this.
    pub min_return_on_equity: Option<f64>,
    /// Fail when the margin is below this.
    pub min_margin: Option<f64>,
    /// Fail when P/E is above this or not positive (losses).
    pub max_price_earnings: Option<f64>,
    /// Fail when free cash flow is below this.
    pub min_free_cash_flow: Option<f64>,
}

impl QualityFilters {
    /// Sets the maximum debt/equity.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityField, QualityFilters};
    /// let stocks = [Fundamentals::new("A").debt_to_equity(0.5), Fundamentals::new("B").debt_to_equity(-0.3)];
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().max_debt_to_equity(1.0));
    /// let s = quality_screen(&stocks, &cfg)?;
    /// assert!(s[0].passed());
    /// assert_eq!(s[1].failed, vec![QualityField::DebtToEquity]); // negative equity fails too
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn max_debt_to_equity(mut self, v: f64) -> Self {
        self.max_debt_to_equity = Some(v);
        self
    }
    /// Sets the minimum ROE.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters};
    /// let stocks = [Fundamentals::new("A").return_on_equity(0.10), Fundamentals::new("B").return_on_equity(0.04)];
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().min_return_on_equity(0.10));
    /// let s = quality_screen(&stocks, &cfg)?;
    /// assert!(s[0].passed()); // the bound itself passes
    /// assert!(!s[1].passed());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn min_return_on_equity(mut self, v: f64) -> Self {
        self.min_return_on_equity = Some(v);
        self
    }
    /// Sets the minimum margin.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters};
    /// let stocks = [Fundamentals::new("A").margin(0.12), Fundamentals::new("B")];
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().min_margin(0.10));
    /// let s = quality_screen(&stocks, &cfg)?;
    /// assert!(s[0].passed());
    /// assert!(!s[1].passed()); // no margin given: fails under the default MissingFilter::Fail
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn min_margin(mut self, v: f64) -> Self {
        self.min_margin = Some(v);
        self
    }
    /// Sets the maximum P/E.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters};
    /// let pe = [18.0, 35.0, -4.0];
    /// let stocks: Vec<_> = pe.iter().map(|&p| Fundamentals::new("X").price_earnings(p)).collect();
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().max_price_earnings(25.0));
    /// let passed: Vec<bool> = quality_screen(&stocks, &cfg)?.iter().map(|q| q.passed()).collect();
    /// assert_eq!(passed, vec![true, false, false]); // too expensive, and a loss
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn max_price_earnings(mut self, v: f64) -> Self {
        self.max_price_earnings = Some(v);
        self
    }
    /// Sets the minimum free cash flow.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters};
    /// let stocks = [Fundamentals::new("A").free_cash_flow(0.05), Fundamentals::new("B").free_cash_flow(0.01)];
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().min_free_cash_flow(0.03));
    /// let s = quality_screen(&stocks, &cfg)?;
    /// assert!(s[0].passed() && !s[1].passed());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn min_free_cash_flow(mut self, v: f64) -> Self {
        self.min_free_cash_flow = Some(v);
        self
    }
    fn threshold(&self, f: QualityField) -> Option<f64> {
        match f {
            QualityField::DebtToEquity => self.max_debt_to_equity,
            QualityField::ReturnOnEquity => self.min_return_on_equity,
            QualityField::Margin => self.min_margin,
            QualityField::PriceEarnings => self.max_price_earnings,
            QualityField::FreeCashFlow => self.min_free_cash_flow,
        }
    }
    fn passes(f: QualityField, v: f64, t: f64) -> bool {
        match f {
            QualityField::DebtToEquity => (0.0..=t).contains(&v),
            QualityField::PriceEarnings => v > 0.0 && v <= t,
            _ => v >= t,
        }
    }
}

/// Weights of the fields in the composite score (default 1 each).
///
/// ```
/// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityWeights};
/// let stocks = [
///     Fundamentals::new("A").return_on_equity(0.30).margin(0.05),
///     Fundamentals::new("B").return_on_equity(0.10).margin(0.20),
/// ];
/// let w = QualityWeights { return_on_equity: 3.0, ..QualityWeights::default() };
/// let s = quality_screen(&stocks, &QualityConfig::default().weights(w))?;
/// assert_eq!(s[0].composite, Some(0.75)); // (3 * 1 + 1 * 0) / 4
/// assert_eq!(s[1].composite, Some(0.25)); // (3 * 0 + 1 * 1) / 4
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QualityWeights {
    /// Weight of debt/equity.
    pub debt_to_equity: f64,
    /// Weight of ROE.
    pub return_on_equity: f64,
    /// Weight of the margin.
    pub margin: f64,
    /// Weight of P/E.
    pub price_earnings: f64,
    /// Weight of free cash flow.
    pub free_cash_flow: f64,
}

impl Default for QualityWeights {
    fn default() -> Self {
        QualityWeights {
            debt_to_equity: 1.0,
            return_on_equity: 1.0,
            margin: 1.0,
            price_earnings: 1.0,
            free_cash_flow: 1.0,
        }
    }
}

impl QualityWeights {
    fn get(&self, f: QualityField) -> f64 {
        match f {
            QualityField::DebtToEquity => self.debt_to_equity,
            QualityField::ReturnOnEquity => self.return_on_equity,
            QualityField::Margin => self.margin,
            QualityField::PriceEarnings => self.price_earnings,
            QualityField::FreeCashFlow => self.free_cash_flow,
        }
    }
}

/// What a filter does with a missing field.
///
/// ```
/// use chartist::screen::{quality_screen, Fundamentals, MissingFilter, MissingPolicy, QualityConfig, QualityFilters};
/// let stocks = [Fundamentals::new("NEW")]; // no fundamentals yet
/// let strict = QualityConfig::default().filters(QualityFilters::default().max_debt_to_equity(1.0));
/// assert!(!quality_screen(&stocks, &strict)?[0].passed()); // MissingFilter::Fail, the default
/// let lenient = strict.missing(MissingPolicy { filter: MissingFilter::Pass, ..Default::default() });
/// assert!(quality_screen(&stocks, &lenient)?[0].passed());
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MissingFilter {
    /// The stock fails a filter whose field it lacks (the default: unknown is not proven good).
    #[default]
    Fail,
    /// The filter is not applied to a stock lacking the field.
    Pass,
}

/// What the composite score does with a missing field.
///
/// ```
/// use chartist::screen::{quality_screen, Fundamentals, MissingPolicy, MissingScore, QualityConfig};
/// let stocks = [Fundamentals::new("A").margin(0.1), Fundamentals::new("B").margin(0.2)];
/// let with = |score| QualityConfig::default().missing(MissingPolicy { score, ..Default::default() });
/// // B leads on margin (percentile 1) and lacks the other four fields:
/// assert_eq!(quality_screen(&stocks, &with(MissingScore::Skip))?[1].composite, Some(1.0));
/// assert_eq!(quality_screen(&stocks, &with(MissingScore::Worst))?[1].composite, Some(0.2)); // (1 + 4 * 0) / 5
/// assert_eq!(quality_screen(&stocks, &with(MissingScore::Neutral))?[1].composite, Some(0.6)); // (1 + 4 * 0.5) / 5
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MissingScore {
    /// The field is left out and the weights of the present fields renormalised (the default).
    #[default]
    Skip,
    /// The field scores percentile 0 (worst).
    Worst,
    /// The field scores percentile 0.5 (neutral).
    Neutral,
}

/// The explicit policy for missing fields.
///
/// ```
/// use chartist::screen::{MissingFilter, MissingPolicy, MissingScore, QualityConfig};
/// let p = MissingPolicy::default();
/// assert_eq!((p.filter, p.score), (MissingFilter::Fail, MissingScore::Skip));
/// let lenient = MissingPolicy { filter: MissingFilter::Pass, score: MissingScore::Neutral };
/// let cfg = QualityConfig::default().missing(lenient);
/// assert_eq!(cfg.missing.filter, MissingFilter::Pass);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MissingPolicy {
    /// In filters (default: fail).
    pub filter: MissingFilter,
    /// In the score (default: skip the field).
    pub score: MissingScore,
}

/// Parameters of [`quality_screen`].
///
/// ```
/// use chartist::screen::{QualityConfig, QualityFilters, SizeThresholds};
/// let cfg = QualityConfig::default()
///     .filters(QualityFilters::default().max_price_earnings(25.0))
///     .size(SizeThresholds::new(250e6, 2e9, 10e9)?);
/// assert_eq!(cfg.filters.max_price_earnings, Some(25.0));
/// assert_eq!(cfg.size.small(), 250e6);
/// assert_eq!(cfg.weights.margin, 1.0); // equal weights by default
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QualityConfig {
    /// Pass/fail filters (default none).
    pub filters: QualityFilters,
    /// Field weights of the composite (default equal).
    pub weights: QualityWeights,
    /// Missing-field policy.
    pub missing: MissingPolicy,
    /// Size thresholds for the size bucket.
    pub size: SizeThresholds,
}

impl QualityConfig {
    /// Sets the filters.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityField, QualityFilters};
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().min_margin(0.1));
    /// let s = quality_screen(&[Fundamentals::new("A").margin(0.05)], &cfg)?;
    /// assert_eq!(s[0].failed, vec![QualityField::Margin]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn filters(mut self, f: QualityFilters) -> Self {
        self.filters = f;
        self
    }
    /// Sets the weights.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityWeights};
    /// let stocks = [
    ///     Fundamentals::new("A").margin(0.2).price_earnings(50.0),
    ///     Fundamentals::new("B").margin(0.1).price_earnings(10.0),
    /// ];
    /// let ignore_pe = QualityConfig::default().weights(QualityWeights { price_earnings: 0.0, ..Default::default() });
    /// assert_eq!(quality_screen(&stocks, &ignore_pe)?[0].composite, Some(1.0));
    /// assert_eq!(quality_screen(&stocks, &QualityConfig::default())?[0].composite, Some(0.5)); // (1 + 0) / 2
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn weights(mut self, w: QualityWeights) -> Self {
        self.weights = w;
        self
    }
    /// Sets the missing-field policy.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, MissingPolicy, MissingScore, QualityConfig};
    /// let stocks = [Fundamentals::new("NEW")];
    /// assert_eq!(quality_screen(&stocks, &QualityConfig::default())?[0].composite, None); // nothing to score
    /// let cfg = QualityConfig::default().missing(MissingPolicy { score: MissingScore::Neutral, ..Default::default() });
    /// assert_eq!(quality_screen(&stocks, &cfg)?[0].composite, Some(0.5));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn missing(mut self, m: MissingPolicy) -> Self {
        self.missing = m;
        self
    }
    /// Sets the size thresholds.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, SizeBucket, SizeThresholds};
    /// let stocks = [Fundamentals::new("A").market_cap(6e9)];
    /// let cfg = QualityConfig::default().size(SizeThresholds::new(250e6, 1e9, 5e9)?);
    /// assert_eq!(quality_screen(&stocks, &cfg)?[0].size, Some(SizeBucket::Large));
    /// assert_eq!(quality_screen(&stocks, &QualityConfig::default())?[0].size, Some(SizeBucket::Mid));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn size(mut self, s: SizeThresholds) -> Self {
        self.size = s;
        self
    }
}

/// Per-field percentiles of one stock (`None` when the field is missing).
///
/// ```
/// use chartist::screen::{quality_screen, Fundamentals, QualityConfig};
/// let pe = [12.0, 30.0, 18.0];
/// let stocks: Vec<_> = pe.iter().map(|&p| Fundamentals::new("X").price_earnings(p)).collect();
/// let s = quality_screen(&stocks, &QualityConfig::default())?;
/// assert_eq!(s[0].percentiles.price_earnings, Some(1.0)); // the cheapest of three
/// assert_eq!(s[2].percentiles.price_earnings, Some(0.5));
/// assert_eq!(s[0].percentiles.margin, None); // not supplied
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FieldPercentiles {
    /// Debt/equity percentile (1 = least indebted).
    pub debt_to_equity: Option<f64>,
    /// ROE percentile.
    pub return_on_equity: Option<f64>,
    /// Margin percentile.
    pub margin: Option<f64>,
    /// P/E percentile (1 = cheapest).
    pub price_earnings: Option<f64>,
    /// Free-cash-flow percentile.
    pub free_cash_flow: Option<f64>,
}

impl FieldPercentiles {
    /// The percentile of one field.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityField};
    /// let stocks = [Fundamentals::new("A").margin(0.3), Fundamentals::new("B").margin(0.1)];
    /// let s = quality_screen(&stocks, &QualityConfig::default())?;
    /// assert_eq!(s[0].percentiles.get(QualityField::Margin), Some(1.0));
    /// assert_eq!(s[0].percentiles.get(QualityField::ReturnOnEquity), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn get(&self, f: QualityField) -> Option<f64> {
        match f {
            QualityField::DebtToEquity => self.debt_to_equity,
            QualityField::ReturnOnEquity => self.return_on_equity,
            QualityField::Margin => self.margin,
            QualityField::PriceEarnings => self.price_earnings,
            QualityField::FreeCashFlow => self.free_cash_flow,
        }
    }
    fn set(&mut self, f: QualityField, v: f64) {
        let slot = match f {
            QualityField::DebtToEquity => &mut self.debt_to_equity,
            QualityField::ReturnOnEquity => &mut self.return_on_equity,
            QualityField::Margin => &mut self.margin,
            QualityField::PriceEarnings => &mut self.price_earnings,
            QualityField::FreeCashFlow => &mut self.free_cash_flow,
        };
        *slot = Some(v);
    }
}

/// One stock's screen result.
///
/// ```
/// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters, SizeBucket};
/// let stocks = [Fundamentals::new("A").market_cap(800e6).margin(0.15), Fundamentals::new("B").margin(0.05)];
/// let cfg = QualityConfig::default().filters(QualityFilters::default().min_margin(0.10));
/// let s = quality_screen(&stocks, &cfg)?;
/// let a = &s[0];
/// assert_eq!((a.symbol.as_str(), a.size), ("A", Some(SizeBucket::Small)));
/// assert!(a.failed.is_empty());
/// assert_eq!(a.missing.len(), 4); // everything but the margin
/// assert_eq!((a.percentiles.margin, a.composite), (Some(1.0), Some(1.0)));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QualityScore {
    /// The stock's symbol.
    pub symbol: String,
    /// Its size bucket (`None` without a market cap).
    pub size: Option<SizeBucket>,
    /// Filters it failed (empty = passed).
    pub failed: Vec<QualityField>,
    /// Fields it lacks.
    pub missing: Vec<QualityField>,
    /// Percentile of each present field within the universe.
    pub percentiles: FieldPercentiles,
    /// Weighted mean of the field percentiles under the missing policy, in `[0, 1]`; `None`
    /// when no field contributes.
    pub composite: Option<f64>,
}

impl QualityScore {
    /// True when no filter failed.
    ///
    /// ```
    /// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters};
    /// let stocks = [Fundamentals::new("A").price_earnings(15.0), Fundamentals::new("B").price_earnings(40.0)];
    /// let cfg = QualityConfig::default().filters(QualityFilters::default().max_price_earnings(25.0));
    /// let s = quality_screen(&stocks, &cfg)?;
    /// let passing: Vec<&str> = s.iter().filter(|q| q.passed()).map(|q| q.symbol.as_str()).collect();
    /// assert_eq!(passing, vec!["A"]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn passed(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Screens and scores `stocks` on quality.
///
/// Per field, each stock with the field gets a percentile within the stocks that have it:
/// `(others ranked worse + 0.5 * others tied) / (count - 1)` (0.5 when it is alone), where
/// "better" means lower debt/equity, higher ROE, higher margin, lower positive P/E, higher
/// free cash flow; negative debt/equity (negative equity) and non-positive P/E (losses) rank
/// worst. The composite is `sum(weight * percentile) / sum(weight)` over the fields that
/// contribute under [`MissingScore`]. Filters compare raw values with [`QualityFilters`];
/// a missing field fails or passes per [`MissingFilter`]. O(stocks × log stocks) per field.
///
/// ```
/// use chartist::screen::{quality_screen, Fundamentals, QualityConfig, QualityFilters, SizeBucket};
/// let stocks = [
///     Fundamentals::new("A").market_cap(1e9).debt_to_equity(0.5).return_on_equity(0.20),
///     Fundamentals::new("B").market_cap(50e9).debt_to_equity(2.0).return_on_equity(0.10),
/// ];
/// let cfg = QualityConfig::default().filters(QualityFilters::default().max_debt_to_equity(1.0));
/// let s = quality_screen(&stocks, &cfg)?;
/// assert_eq!(s[0].size, Some(SizeBucket::Small));
/// assert!(s[0].passed() && !s[1].passed());
/// assert_eq!(s[0].composite, Some(1.0)); // best on both fields present
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a present field that is not finite or a negative market cap;
/// [`Error::InvalidParameter`] for a negative or non-finite weight, or a non-finite filter
/// threshold.
pub fn quality_screen(
    stocks: &[Fundamentals],
    config: &QualityConfig,
) -> Result<Vec<QualityScore>> {
    for f in QualityField::ALL {
        let w = config.weights.get(f);
        if !(w.is_finite() && w >= 0.0) {
            return Err(Error::param(f.name(), w, "weight must be finite and >= 0"));
        }
        if let Some(t) = config.filters.threshold(f)
            && !t.is_finite()
        {
            return Err(Error::param(f.name(), t, "filter threshold must be finite"));
        }
    }
    for (i, s) in stocks.iter().enumerate() {
        let bad = |field: &'static str, v: f64, problem: &str| Error::InvalidValue {
            row: Row(i),
            at: At(None),
            field,
            value: v,
            problem: format!("{problem} (symbol {:?})", s.symbol),
        };
        if let Some(c) = s.market_cap
            && !(c.is_finite() && c >= 0.0)
        {
            return Err(bad("market_cap", c, "is not a finite non-negative number"));
        }
        for f in QualityField::ALL {
            if let Some(v) = s.get(f)
                && !v.is_finite()
            {
                return Err(bad(f.name(), v, "is not finite"));
            }
        }
    }
    let mut out: Vec<QualityScore> = stocks
        .iter()
        .map(|s| {
            let missing: Vec<QualityField> = QualityField::ALL
                .into_iter()
                .filter(|&f| s.get(f).is_none())
                .collect();
            let failed = QualityField::ALL
                .into_iter()
                .filter(|&f| match (config.filters.threshold(f), s.get(f)) {
                    (None, _) => false,
                    (Some(_), None) => config.missing.filter == MissingFilter::Fail,
                    (Some(t), Some(v)) => !QualityFilters::passes(f, v, t),
                })
                .collect();
            QualityScore {
                symbol: s.symbol.clone(),
                size: s.market_cap.and_then(|c| config.size.classify(c).ok()),
                failed,
                missing,
                percentiles: FieldPercentiles::default(),
                composite: None,
            }
        })
        .collect();
    for f in QualityField::ALL {
        let mut sorted: Vec<f64> = stocks
            .iter()
            .filter_map(|s| s.get(f).map(|v| f.goodness(v)))
            .collect();
        sorted.sort_unstable_by(|a, b| a.total_cmp(b));
        let k = sorted.len();
        for (s, o) in stocks.iter().zip(&mut out) {
            if let Some(v) = s.get(f) {
                let g = f.goodness(v);
                let below = sorted.partition_point(|&x| x < g);
                let tied = sorted.partition_point(|&x| x <= g) - below - 1;
                let p = if k <= 1 {
                    0.5
                } else {
                    (below as f64 + 0.5 * tied as f64) / (k - 1) as f64
                };
                o.percentiles.set(f, p);
            }
        }
    }
    for o in &mut out {
        let (mut num, mut den) = (0.0, 0.0);
        for f in QualityField::ALL {
            let w = config.weights.get(f);
            let p = match (o.percentiles.get(f), config.missing.score) {
                (Some(p), _) => Some(p),
                (None, MissingScore::Skip) => None,
                (None, MissingScore::Worst) => Some(0.0),
                (None, MissingScore::Neutral) => Some(0.5),
            };
            if let Some(p) = p {
                num += w * p;
                den += w;
            }
        }
        o.composite = (den > 0.0).then(|| num / den);
    }
    Ok(out)
}
