//! Quality screen: filters and a composite percentile score.

use super::size::{SizeBucket, SizeThresholds};
use crate::error::{Error, Result};
use crate::{At, Row};

/// One stock's fundamentals, as supplied by the user. Every field is optional.
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
    pub fn new(symbol: impl Into<String>) -> Self {
        Fundamentals {
            symbol: symbol.into(),
            ..Default::default()
        }
    }
    /// Sets the market cap.
    pub fn market_cap(mut self, v: f64) -> Self {
        self.market_cap = Some(v);
        self
    }
    /// Sets debt/equity.
    pub fn debt_to_equity(mut self, v: f64) -> Self {
        self.debt_to_equity = Some(v);
        self
    }
    /// Sets return on equity.
    pub fn return_on_equity(mut self, v: f64) -> Self {
        self.return_on_equity = Some(v);
        self
    }
    /// Sets the margin.
    pub fn margin(mut self, v: f64) -> Self {
        self.margin = Some(v);
        self
    }
    /// Sets P/E.
    pub fn price_earnings(mut self, v: f64) -> Self {
        self.price_earnings = Some(v);
        self
    }
    /// Sets free cash flow.
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
    pub fn max_debt_to_equity(mut self, v: f64) -> Self {
        self.max_debt_to_equity = Some(v);
        self
    }
    /// Sets the minimum ROE.
    pub fn min_return_on_equity(mut self, v: f64) -> Self {
        self.min_return_on_equity = Some(v);
        self
    }
    /// Sets the minimum margin.
    pub fn min_margin(mut self, v: f64) -> Self {
        self.min_margin = Some(v);
        self
    }
    /// Sets the maximum P/E.
    pub fn max_price_earnings(mut self, v: f64) -> Self {
        self.max_price_earnings = Some(v);
        self
    }
    /// Sets the minimum free cash flow.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MissingPolicy {
    /// In filters (default: fail).
    pub filter: MissingFilter,
    /// In the score (default: skip the field).
    pub score: MissingScore,
}

/// Parameters of [`quality_screen`].
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
    pub fn filters(mut self, f: QualityFilters) -> Self {
        self.filters = f;
        self
    }
    /// Sets the weights.
    pub fn weights(mut self, w: QualityWeights) -> Self {
        self.weights = w;
        self
    }
    /// Sets the missing-field policy.
    pub fn missing(mut self, m: MissingPolicy) -> Self {
        self.missing = m;
        self
    }
    /// Sets the size thresholds.
    pub fn size(mut self, s: SizeThresholds) -> Self {
        self.size = s;
        self
    }
}

/// Per-field percentiles of one stock (`None` when the field is missing).
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
