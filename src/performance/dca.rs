//! Dollar-cost averaging against a lump sum.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::xirr::{xirr, CashFlow};
use crate::error::{Error, Result};
use crate::series::PriceSeries;

/// When contributions are made.
///
/// ```
/// use chartist::performance::{dca, DcaConfig, Schedule};
/// let s = chartist::sample::random_walk("X", 1, 30, 100.0, 0.0, 0.01);
/// // EveryBars(10) on 30 bars: bars 0, 10 and 20.
/// let p = dca(&s, &DcaConfig::default().schedule(Schedule::EveryBars(10)))?;
/// assert_eq!(p.contributions, 3);
/// // Two dates on the same bar: one purchase of twice the amount.
/// let d = s.times()[0].date();
/// let p = dca(&s, &DcaConfig::default().schedule(Schedule::Dates(vec![d, d])))?;
/// assert_eq!((p.contributions, p.purchases.len(), p.invested), (2, 1, 2_000.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Schedule {
    /// On the first bar of every ISO week.
    Weekly,
    /// On the first bar of every calendar month (the default).
    #[default]
    Monthly,
    /// On the first bar on or after each date (dates after the last bar are ignored; two dates
    /// falling on one bar make one contribution of twice the amount).
    Dates(Vec<NaiveDate>),
    /// On bars `0, k, 2k, ...`.
    EveryBars(usize),
}

/// Trading costs of one purchase: `fixed + percent * traded value`.
///
/// ```
/// use chartist::performance::{dca, DcaConfig, Fees};
/// use chartist::series::PriceSeries;
/// # use chrono::NaiveDate;
/// # let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[day], vec![10.0])?;
/// // 101 contributed, a fixed fee of 1: the remaining 100 buy 10 units at 10.
/// let fees = Fees { fixed: 1.0, percent: 0.0 };
/// let p = dca(&s, &DcaConfig::default().amount(101.0).fees(fees))?;
/// assert_eq!((p.units, p.fees), (10.0, 1.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fees {
    /// A fixed fee per purchase, in currency (default 0).
    pub fixed: f64,
    /// A proportional fee as a fraction of the traded value (default 0; 0.001 = 0.1%).
    pub percent: f64,
}

impl Fees {
    /// No fees.
    ///
    /// ```
    /// use chartist::performance::Fees;
    /// assert_eq!(Fees::none(), Fees { fixed: 0.0, percent: 0.0 });
    /// ```
    pub fn none() -> Self {
        Fees::default()
    }
    /// Sets the fixed fee per purchase.
    ///
    /// ```
    /// use chartist::performance::{dca, DcaConfig, Fees};
    /// use chartist::Error;
    /// let s = chartist::sample::random_walk("X", 1, 60, 100.0, 0.0, 0.01);
    /// let fees = Fees::none().fixed(2.5);
    /// assert_eq!(fees.fixed, 2.5);
    /// // A fixed fee must stay below the contribution it is paid from.
    /// let cfg = DcaConfig::default().amount(2.0).fees(fees);
    /// assert!(matches!(dca(&s, &cfg), Err(Error::InvalidParameter { .. })));
    /// ```
    pub fn fixed(mut self, fee: f64) -> Self {
        self.fixed = fee;
        self
    }
    /// Sets the proportional fee (fraction of the traded value).
    ///
    /// ```
    /// use chartist::performance::{dca, DcaConfig, Fees};
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[day], vec![50.0])?;
    /// // 0.1%: 1,001 pays for 1,000 of shares (20 at 50) plus a fee of 1.
    /// let cfg = DcaConfig::default().amount(1_001.0).fees(Fees::none().percent(0.001));
    /// let p = dca(&s, &cfg)?;
    /// assert!((p.units - 20.0).abs() < 1e-12 && (p.fees - 1.0).abs() < 1e-12);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn percent(mut self, fraction: f64) -> Self {
        self.percent = fraction;
        self
    }
    fn validate(&self, amount: f64) -> Result<()> {
        if !(self.fixed.is_finite() && self.fixed >= 0.0) {
            return Err(Error::param(
                "fees.fixed",
                self.fixed,
                "must be finite and >= 0",
            ));
        }
        if self.fixed >= amount {
            return Err(Error::param(
                "fees.fixed",
                self.fixed,
                format!("must be below the contribution amount {amount}"),
            ));
        }
        if !(self.percent.is_finite() && (0.0..1.0).contains(&self.percent)) {
            return Err(Error::param(
                "fees.percent",
                self.percent,
                "must be in [0, 1)",
            ));
        }
        Ok(())
    }
}

/// Whether fractions of a share can be bought.
///
/// ```
/// use chartist::performance::{dca, DcaConfig, ShareMode};
/// use chartist::series::PriceSeries;
/// # use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2)], vec![30.0, 30.0])?;
/// // 100 buys 3 shares (10 left over); then 10 + 100 buys 3 more (20 left).
/// let p = dca(&s, &DcaConfig::default().amount(100.0).shares(ShareMode::Whole))?;
/// assert_eq!((p.units, p.cash), (6.0, 20.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ShareMode {
    /// Any fraction of a share (the default): all available cash is invested.
    #[default]
    Fractional,
    /// Whole shares only: the leftover cash is carried to the next purchase.
    Whole,
}

/// How each contribution is invested.
///
/// ```
/// use chartist::performance::{dca, DcaConfig, Entry};
/// use chartist::series::{Bar, PriceSeries};
/// # use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let s = PriceSeries::from_bars("X", vec![
///     Bar::daily(d(5), 100.0, 101.0, 99.0, 100.0, 0.0), // contribution: limit 98
///     Bar::daily(d(6), 100.0, 100.5, 99.0, 99.5, 0.0),  // low 99: no fill
///     Bar::daily(d(7), 99.0, 99.0, 96.0, 97.0, 0.0),    // low 96: fills at 98
/// ])?;
/// let p = dca(&s, &DcaConfig::default().entry(Entry::Limit { below: 0.02 }))?;
/// assert_eq!((p.purchases[0].time.date(), p.purchases[0].price), (d(7), 98.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Entry {
    /// At the close of the contribution bar (the default).
    #[default]
    AtClose,
    /// A limit order `below` (a fraction, 0.02 = 2%) under the contribution bar's close,
    /// working on the following bars of the period: it fills on the first bar whose low
    /// reaches the limit, at the limit (or at the open when the bar opens below it). If it has
    /// not filled by the period's last bar (the bar before the next contribution, or the last
    /// bar of the data), the cash is invested at that bar's close.
    Limit {
        /// Distance below the last close, as a fraction in `(0, 1)`.
        below: f64,
    },
}

/// Parameters of a dollar-cost-averaging path ([`dca`], [`dca_vs_lump_sum`]).
///
/// ```
/// use chartist::performance::{DcaConfig, Entry, Fees, Schedule, ShareMode};
/// let cfg = DcaConfig::default()
///     .schedule(Schedule::Weekly)
///     .amount(250.0)
///     .fees(Fees::none().fixed(1.0))
///     .shares(ShareMode::Whole)
///     .entry(Entry::Limit { below: 0.02 });
/// assert_eq!(cfg.amount, 250.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DcaConfig {
    /// When to contribute (default monthly).
    pub schedule: Schedule,
    /// The amount of each contribution (default 1,000).
    pub amount: f64,
    /// Trading costs per purchase (default none).
    pub fees: Fees,
    /// Fractional or whole shares (default fractional).
    pub shares: ShareMode,
    /// How each contribution is invested (default at the close).
    pub entry: Entry,
}

impl Default for DcaConfig {
    fn default() -> Self {
        DcaConfig {
            schedule: Schedule::Monthly,
            amount: 1_000.0,
            fees: Fees::none(),
            shares: ShareMode::Fractional,
            entry: Entry::AtClose,
        }
    }
}

impl DcaConfig {
    /// Sets the schedule.
    ///
    /// ```
    /// use chartist::performance::{dca, DcaConfig, Schedule};
    /// // 10 weekdays ending Friday 2026-01-16: two ISO weeks.
    /// let s = chartist::sample::random_walk("X", 2, 10, 100.0, 0.0, 0.01);
    /// let p = dca(&s, &DcaConfig::default().schedule(Schedule::Weekly))?;
    /// assert_eq!(p.contributions, 2);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn schedule(mut self, s: Schedule) -> Self {
        self.schedule = s;
        self
    }
    /// Sets the contribution amount.
    ///
    /// ```
    /// use chartist::performance::{dca, DcaConfig};
    /// use chartist::Error;
    /// let s = chartist::sample::random_walk("X", 2, 63, 100.0, 0.0, 0.01);
    /// let p = dca(&s, &DcaConfig::default().amount(500.0))?;
    /// assert_eq!(p.invested, 500.0 * p.contributions as f64);
    /// let bad = DcaConfig::default().amount(-1.0);
    /// assert!(matches!(dca(&s, &bad), Err(Error::InvalidParameter { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn amount(mut self, a: f64) -> Self {
        self.amount = a;
        self
    }
    /// Sets the fees.
    ///
    /// ```
    /// use chartist::performance::{dca, DcaConfig, Fees};
    /// let s = chartist::sample::random_walk("X", 2, 63, 100.0, 0.0, 0.01);
    /// let p = dca(&s, &DcaConfig::default().fees(Fees::none().fixed(2.0)))?;
    /// assert_eq!(p.fees, 2.0 * p.purchases.len() as f64);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn fees(mut self, f: Fees) -> Self {
        self.fees = f;
        self
    }
    /// Sets the share mode.
    ///
    /// ```
    /// use chartist::performance::{dca, DcaConfig, ShareMode};
    /// let s = chartist::sample::random_walk("X", 5, 250, 100.0, 0.0, 0.01);
    /// let p = dca(&s, &DcaConfig::default().shares(ShareMode::Whole))?;
    /// assert_eq!(p.units.fract(), 0.0); // whole shares only...
    /// assert!(p.cash > 0.0); // ...so some cash is left over
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn shares(mut self, s: ShareMode) -> Self {
        self.shares = s;
        self
    }
    /// Sets the entry rule.
    ///
    /// ```
    /// use chartist::performance::{dca, DcaConfig, Entry};
    /// use chartist::Error;
    /// let s = chartist::sample::random_walk("X", 2, 63, 100.0, 0.0, 0.01);
    /// let p = dca(&s, &DcaConfig::default().entry(Entry::Limit { below: 0.03 }))?;
    /// // Every order fills, at the limit or at the period's last close.
    /// assert_eq!(p.purchases.len(), p.contributions);
    /// let bad = DcaConfig::default().entry(Entry::Limit { below: 1.5 });
    /// assert!(matches!(dca(&s, &bad), Err(Error::InvalidParameter { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn entry(mut self, e: Entry) -> Self {
        self.entry = e;
        self
    }
    fn validate(&self) -> Result<()> {
        validate_amount(self.amount)?;
        self.fees.validate(self.amount)?;
        if let Schedule::EveryBars(0) = self.schedule {
            return Err(Error::param(
                "schedule",
                "EveryBars(0)",
                "must be at least 1 bar",
            ));
        }
        if let Entry::Limit { below } = self.entry
            && !(below.is_finite() && below > 0.0 && below < 1.0)
        {
            return Err(Error::param("entry.below", below, "must be in (0, 1)"));
        }
        Ok(())
    }
}

fn validate_amount(amount: f64) -> Result<()> {
    if !(amount.is_finite() && amount > 0.0) {
        return Err(Error::param(
            "amount",
            amount,
            "must be positive and finite",
        ));
    }
    Ok(())
}

/// One purchase of a path.
///
/// ```
/// use chartist::performance::{dca, DcaConfig, Purchase};
/// let s = chartist::sample::random_walk("X", 4, 42, 100.0, 0.0, 0.01);
/// let p = dca(&s, &DcaConfig::default().amount(100.0))?;
/// let first: &Purchase = &p.purchases[0];
/// assert_eq!((first.time, first.price), (s.times()[0], s.close()[0]));
/// assert_eq!((first.units, first.fee), (100.0 / first.price, 0.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Purchase {
    /// When it filled.
    pub time: NaiveDateTime,
    /// The fill price.
    pub price: f64,
    /// Units bought.
    pub units: f64,
    /// Fee paid.
    pub fee: f64,
}

/// The outcome of one investment path (DCA or lump sum).
///
/// ```
/// use chartist::performance::{dca, DcaConfig};
/// use chartist::series::PriceSeries;
/// # use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2), d(3)], vec![10.0, 5.0, 10.0])?;
/// let p = dca(&s, &DcaConfig::default().amount(100.0))?;
/// assert_eq!((p.invested, p.units, p.average_cost), (300.0, 40.0, 7.5));
/// assert_eq!((p.final_value, p.cash, p.end.date()), (400.0, 0.0, d(3)));
/// assert!(p.time_weighted_return.abs() < 1e-12); // the price is back where it began
/// assert!(p.money_weighted_return.unwrap() > 0.0); // but the cheap units paid off
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InvestmentPath {
    /// Number of contributions.
    pub contributions: usize,
    /// Total money contributed.
    pub invested: f64,
    /// Units held at the end.
    pub units: f64,
    /// Cost basis: money spent on units, fees included (`invested - cash`).
    pub cost_basis: f64,
    /// Average cost per unit (`cost_basis / units`; NaN with no units).
    pub average_cost: f64,
    /// Fees paid in total.
    pub fees: f64,
    /// Uninvested cash at the end (whole-share leftovers, unfilled orders).
    pub cash: f64,
    /// `units * last close + cash`.
    pub final_value: f64,
    /// The money-weighted return (XIRR, annual) of contributions against the final value;
    /// `None` when it has no answer (e.g. everything happens on one date).
    pub money_weighted_return: Option<f64>,
    /// The time-weighted return over the path (not annualised): the product of sub-period
    /// returns between contributions, so the timing of contributions does not count.
    pub time_weighted_return: f64,
    /// Every purchase, in order.
    pub purchases: Vec<Purchase>,
    /// The final valuation time (the last bar).
    pub end: NaiveDateTime,
}

/// A DCA path and the lump sum of the same total money.
///
/// ```
/// use chartist::performance::{dca_vs_lump_sum, DcaConfig};
/// use chartist::series::PriceSeries;
/// # use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2), d(3)], vec![10.0, 5.0, 10.0])?;
/// let c = dca_vs_lump_sum(&s, &DcaConfig::default().amount(100.0))?;
/// assert_eq!((c.dca.units, c.dca.final_value), (40.0, 400.0));
/// assert_eq!((c.lump_sum.units, c.lump_sum.final_value), (30.0, 300.0)); // 300 at 10
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DcaComparison {
    /// The dollar-cost-averaging path.
    pub dca: InvestmentPath,
    /// The same total invested at once at the first contribution's close.
    pub lump_sum: InvestmentPath,
}

impl DcaComparison {
    /// `(dca.final_value - lump_sum.final_value) / invested`: positive when DCA ended ahead.
    ///
    /// ```
    /// use chartist::performance::{dca_vs_lump_sum, DcaConfig};
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2)], vec![10.0, 20.0])?;
    /// // DCA: 10 + 5 units = 300; lump sum: 200 at 10 = 20 units = 400.
    /// let c = dca_vs_lump_sum(&s, &DcaConfig::default().amount(100.0))?;
    /// assert_eq!(c.gap(), -0.5); // (300 - 400) / 200
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn gap(&self) -> f64 {
        (self.dca.final_value - self.lump_sum.final_value) / self.dca.invested
    }
}

/// Bar indices of contributions with their multiplicity.
fn contribution_bars(series: &PriceSeries, schedule: &Schedule) -> Vec<(usize, usize)> {
    let times = series.times();
    let n = times.len();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let new_period = |key: &dyn Fn(&NaiveDateTime) -> (i32, u32)| -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        let mut prev = None;
        for (i, t) in times.iter().enumerate() {
            let k = key(t);
            if prev != Some(k) {
                v.push((i, 1));
                prev = Some(k);
            }
        }
        v
    };
    match schedule {
        Schedule::Weekly => {
            out = new_period(&|t| {
                let w = t.date().iso_week();
                (w.year(), w.week())
            })
        }
        Schedule::Monthly => out = new_period(&|t| (t.year(), t.month())),
        Schedule::EveryBars(k) => out = (0..n).step_by((*k).max(1)).map(|i| (i, 1)).collect(),
        Schedule::Dates(ds) => {
            let mut ds = ds.clone();
            ds.sort_unstable();
            for d in ds {
                if let Some(i) = series.index_from(d) {
                    match out.last_mut() {
                        Some((j, m)) if *j == i => *m += 1,
                        _ => out.push((i, 1)),
                    }
                }
            }
        }
    }
    out
}

/// Buys with `cash` at `price`; returns (units, fee, cash left).
fn buy(cash: f64, price: f64, fees: &Fees, shares: ShareMode) -> (f64, f64, f64) {
    if cash <= fees.fixed {
        return (0.0, 0.0, cash);
    }
    match shares {
        ShareMode::Fractional => {
            let value = (cash - fees.fixed) / (1.0 + fees.percent);
            (value / price, cash - value, 0.0)
        }
        ShareMode::Whole => {
            let units = ((cash - fees.fixed) / (price * (1.0 + fees.percent))).floor();
            if units < 1.0 {
                return (0.0, 0.0, cash);
            }
            let value = units * price;
            let fee = fees.fixed + fees.percent * value;
            (units, fee, (cash - value - fee).max(0.0))
        }
    }
}

struct Simulation {
    units: f64,
    cash: f64,
    fees: f64,
    purchases: Vec<Purchase>,
    flows: Vec<CashFlow>,
    twr: f64,
    invested: f64,
}

fn simulate(
    series: &PriceSeries,
    bars: &[(usize, usize)],
    amount: f64,
    fees: &Fees,
    shares: ShareMode,
    entry: Entry,
) -> Simulation {
    let (close, low, open, times) = (series.close(), series.low(), series.open(), series.times());
    let n = close.len();
    let mut s = Simulation {
        units: 0.0,
        cash: 0.0,
        fees: 0.0,
        purchases: Vec::with_capacity(bars.len()),
        flows: Vec::with_capacity(bars.len() + 1),
        twr: 1.0,
        invested: 0.0,
    };
    let mut value_after_prev: Option<f64> = None;
    let fill = |s: &mut Simulation, i: usize, price: f64| {
        let (u, fee, left) = buy(s.cash, price, fees, shares);
        if u > 0.0 {
            s.units += u;
            s.fees += fee;
            s.cash = left;
            s.purchases.push(Purchase {
                time: times[i],
                price,
                units: u,
                fee,
            });
        }
    };
    for (k, &(i, mult)) in bars.iter().enumerate() {
        let contribution = amount * mult as f64;
        let before = s.units * close[i] + s.cash;
        if let Some(prev) = value_after_prev {
            s.twr *= before / prev;
        }
        value_after_prev = Some(before + contribution);
        s.cash += contribution;
        s.invested += contribution;
        s.flows.push(CashFlow::new(times[i].date(), -contribution));
        let period_end = bars
            .get(k + 1)
            .map(|&(j, _)| j.saturating_sub(1).max(i))
            .unwrap_or(n - 1);
        match entry {
            Entry::AtClose => fill(&mut s, i, close[i]),
            Entry::Limit { below } => {
                let limit = close[i] * (1.0 - below);
                let hit = (i + 1..=period_end).find(|&b| low[b] <= limit);
                match hit {
                    Some(b) => fill(&mut s, b, open[b].min(limit)),
                    None => fill(&mut s, period_end, close[period_end]),
                }
            }
        }
    }
    let end_value = s.units * close[n - 1] + s.cash;
    if let Some(prev) = value_after_prev {
        s.twr *= end_value / prev;
    }
    s.flows.push(CashFlow::new(times[n - 1].date(), end_value));
    s
}

fn finish(series: &PriceSeries, s: Simulation, contributions: usize) -> InvestmentPath {
    let close = series.close();
    let final_value = s.units * close[close.len() - 1] + s.cash;
    let cost_basis = s.invested - s.cash;
    InvestmentPath {
        contributions,
        invested: s.invested,
        units: s.units,
        cost_basis,
        average_cost: if s.units > 0.0 {
            cost_basis / s.units
        } else {
            f64::NAN
        },
        fees: s.fees,
        cash: s.cash,
        final_value,
        money_weighted_return: xirr(&s.flows).ok(),
        time_weighted_return: s.twr - 1.0,
        purchases: s.purchases,
        end: series.times()[close.len() - 1],
    }
}

/// Simulates dollar-cost averaging over `series` with `config`, valued at the last bar.
///
/// Each contribution of `amount` is added to cash on its bar (see [`Schedule`]) and invested
/// per [`Entry`] and [`ShareMode`], paying [`Fees`] on each purchase. Results: units, cost
/// basis, final value, money-weighted return (XIRR of `-amount` on each contribution date and
/// `+final value` on the last bar's date, see [`xirr`]) and time-weighted return (the product of
/// `value before contribution k+1 / value after contribution k` and `final / value after the
/// last contribution`, with values at closes and cash included). A fixed fee makes a whole-
/// share purchase wait when the cash cannot buy one share plus fees.
///
/// ```
/// use chartist::performance::{dca, DcaConfig, Schedule};
/// use chartist::series::PriceSeries;
/// use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2), d(3)], vec![10.0, 5.0, 10.0])?;
/// let p = dca(&s, &DcaConfig::default().amount(100.0))?;
/// assert_eq!(p.units, 10.0 + 20.0 + 10.0); // 100/10 + 100/5 + 100/10
/// assert_eq!(p.final_value, 400.0);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for an amount that is not positive and finite, a fixed fee not
/// below the amount, a proportional fee outside `[0, 1)`, `EveryBars(0)`, a limit distance
/// outside `(0, 1)`; [`Error::Empty`] for an empty series or a schedule with no contribution
/// inside the data.
pub fn dca(series: &PriceSeries, config: &DcaConfig) -> Result<InvestmentPath> {
    config.validate()?;
    let bars = checked_bars(series, &config.schedule)?;
    let s = simulate(
        series,
        &bars,
        config.amount,
        &config.fees,
        config.shares,
        config.entry,
    );
    Ok(finish(series, s, bars.iter().map(|b| b.1).sum()))
}

fn checked_bars(series: &PriceSeries, schedule: &Schedule) -> Result<Vec<(usize, usize)>> {
    if series.is_empty() {
        return Err(Error::Empty {
            what: "price series".into(),
        });
    }
    let bars = contribution_bars(series, schedule);
    if bars.is_empty() {
        return Err(Error::Empty {
            what: "contribution schedule within the data".into(),
        });
    }
    Ok(bars)
}

/// DCA with `config` against investing the same total at once.
///
/// The lump sum invests `amount * contributions` at the close of the first contribution bar
/// (always at the close, whatever [`Entry`]), with the same fees and share mode, and is valued
/// on the same last bar.
///
/// ```
/// use chartist::performance::{dca_vs_lump_sum, DcaConfig};
/// let s = chartist::sample::random_walk("X", 3, 500, 100.0, 0.0005, 0.01);
/// let c = dca_vs_lump_sum(&s, &DcaConfig::default())?;
/// assert_eq!(c.dca.invested, c.lump_sum.invested);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// As [`dca`].
pub fn dca_vs_lump_sum(series: &PriceSeries, config: &DcaConfig) -> Result<DcaComparison> {
    config.validate()?;
    let bars = checked_bars(series, &config.schedule)?;
    let k: usize = bars.iter().map(|b| b.1).sum();
    let path = simulate(
        series,
        &bars,
        config.amount,
        &config.fees,
        config.shares,
        config.entry,
    );
    let lump = simulate(
        series,
        &[(bars[0].0, k)],
        config.amount,
        &config.fees,
        config.shares,
        Entry::AtClose,
    );
    Ok(DcaComparison {
        dca: finish(series, path, k),
        lump_sum: finish(series, lump, 1),
    })
}

/// Parameters of [`dca_vs_lump_sum_all_starts`].
///
/// Defaults: 12 contributions of 1,000 every 21 bars (about monthly), valued 252 bars (about a
/// year) after the start, no fees, fractional shares.
///
/// ```
/// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
/// let cfg = AllStartsConfig::default();
/// assert_eq!((cfg.contributions, cfg.interval, cfg.horizon), (12, 21, 252));
/// let s = chartist::sample::random_walk("X", 1, 300, 100.0, 0.0, 0.01);
/// let a = dca_vs_lump_sum_all_starts(&s, &cfg)?;
/// assert_eq!(a.starts.len(), 300 - 252);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AllStartsConfig {
    /// Number of DCA contributions (default 12).
    pub contributions: usize,
    /// Bars between contributions (default 21).
    pub interval: usize,
    /// Bars from the start to the valuation (default 252); at least
    /// `(contributions - 1) * interval`.
    pub horizon: usize,
    /// Amount of each contribution (default 1,000; matters only with a fixed fee or whole
    /// shares).
    pub amount: f64,
    /// Trading costs per purchase.
    pub fees: Fees,
    /// Fractional or whole shares.
    pub shares: ShareMode,
}

impl Default for AllStartsConfig {
    fn default() -> Self {
        AllStartsConfig {
            contributions: 12,
            interval: 21,
            horizon: 252,
            amount: 1_000.0,
            fees: Fees::none(),
            shares: ShareMode::Fractional,
        }
    }
}

impl AllStartsConfig {
    /// Sets the number of contributions.
    ///
    /// ```
    /// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
    /// use chartist::Error;
    /// let s = chartist::sample::random_walk("X", 1, 300, 100.0, 0.0, 0.01);
    /// let cfg = AllStartsConfig::default().contributions(4);
    /// assert_eq!(dca_vs_lump_sum_all_starts(&s, &cfg)?.gaps.len(), 300 - 252);
    /// let bad = AllStartsConfig::default().contributions(0);
    /// assert!(matches!(dca_vs_lump_sum_all_starts(&s, &bad), Err(Error::InvalidParameter { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn contributions(mut self, k: usize) -> Self {
        self.contributions = k;
        self
    }
    /// Sets the bars between contributions.
    ///
    /// ```
    /// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
    /// use chartist::Error;
    /// let s = chartist::sample::random_walk("X", 1, 300, 100.0, 0.0, 0.01);
    /// // 12 contributions 30 bars apart span 330 bars: longer than the 252-bar horizon.
    /// let bad = AllStartsConfig::default().interval(30);
    /// assert!(matches!(dca_vs_lump_sum_all_starts(&s, &bad), Err(Error::InvalidParameter { .. })));
    /// ```
    pub fn interval(mut self, bars: usize) -> Self {
        self.interval = bars;
        self
    }
    /// Sets the bars from start to valuation.
    ///
    /// ```
    /// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
    /// use chartist::Error;
    /// let s = chartist::sample::random_walk("X", 1, 100, 100.0, 0.0, 0.01);
    /// let cfg = AllStartsConfig::default().contributions(3).interval(10).horizon(20);
    /// assert_eq!(dca_vs_lump_sum_all_starts(&s, &cfg)?.starts.len(), 100 - 20);
    /// let long = AllStartsConfig::default(); // 252 bars: more than the data
    /// assert!(matches!(dca_vs_lump_sum_all_starts(&s, &long), Err(Error::InsufficientData { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn horizon(mut self, bars: usize) -> Self {
        self.horizon = bars;
        self
    }
    /// Sets the contribution amount.
    ///
    /// ```
    /// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig, ShareMode};
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2)], vec![60.0, 120.0])?;
    /// let cfg = AllStartsConfig::default().contributions(2).interval(1).horizon(1);
    /// let whole = cfg.shares(ShareMode::Whole).amount(100.0);
    /// // DCA: 1 share at 60, 1 at 120, 20 cash = 260; lump sum: 3 shares at 60, 20 cash = 380.
    /// assert_eq!(dca_vs_lump_sum_all_starts(&s, &whole)?.gaps, vec![-0.6]); // (260 - 380) / 200
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn amount(mut self, a: f64) -> Self {
        self.amount = a;
        self
    }
    /// Sets the fees.
    ///
    /// ```
    /// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig, Fees};
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2), d(3)], vec![50.0; 3])?;
    /// let cfg = AllStartsConfig::default().contributions(3).interval(1).horizon(2).amount(100.0);
    /// // At a constant price only fees differ: DCA pays three fixed fees, the lump sum one.
    /// let a = dca_vs_lump_sum_all_starts(&s, &cfg.fees(Fees::none().fixed(1.0)))?;
    /// assert!((a.gaps[0] - (-2.0 / 300.0)).abs() < 1e-12);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn fees(mut self, f: Fees) -> Self {
        self.fees = f;
        self
    }
    /// Sets the share mode.
    ///
    /// ```
    /// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig, ShareMode};
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(1), d(2)], vec![60.0, 120.0])?;
    /// let cfg = AllStartsConfig::default().contributions(2).interval(1).horizon(1);
    /// let fractional = dca_vs_lump_sum_all_starts(&s, &cfg)?; // 2.5 units vs 3.33
    /// assert!((fractional.gaps[0] - (-0.5)).abs() < 1e-12); // (300 - 400) / 200
    /// // Whole shares of 1,000: DCA 16 + 8 shares, 80 cash; lump sum 33 shares, 20 cash.
    /// let whole = dca_vs_lump_sum_all_starts(&s, &cfg.shares(ShareMode::Whole))?;
    /// assert_eq!(whole.gaps, vec![-0.51]); // (2960 - 3980) / 2000
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn shares(mut self, s: ShareMode) -> Self {
        self.shares = s;
        self
    }
}

/// Percentiles of the DCA-minus-lump-sum gap over all starts.
///
/// ```
/// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
/// use chartist::series::PriceSeries;
/// # use chrono::NaiveDate;
/// # let days = chartist::sample::weekdays(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), 30);
/// let rising: Vec<f64> = (0..30).map(|i| 100.0 + i as f64).collect();
/// let s = PriceSeries::from_daily_closes("X", &days, rising)?;
/// let cfg = AllStartsConfig::default().contributions(3).interval(5).horizon(10);
/// let g = dca_vs_lump_sum_all_starts(&s, &cfg)?.distribution;
/// assert!(g.max < 0.0); // in a steady rise, buying later always costs more
/// assert!(g.min <= g.p5 && g.p5 <= g.p25 && g.p25 <= g.median && g.median <= g.p75);
/// assert!(g.p75 <= g.p95 && g.p95 <= g.max && g.min <= g.mean && g.mean <= g.max);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GapDistribution {
    /// Smallest gap.
    pub min: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub median: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest gap.
    pub max: f64,
    /// Mean gap.
    pub mean: f64,
}

/// DCA against lump sum over every start date.
///
/// ```
/// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
/// use chartist::series::PriceSeries;
/// # use chrono::NaiveDate;
/// # let days = chartist::sample::weekdays(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), 30);
/// let rising: Vec<f64> = (0..30).map(|i| 100.0 + i as f64).collect();
/// let s = PriceSeries::from_daily_closes("X", &days, rising)?;
/// let cfg = AllStartsConfig::default().contributions(3).interval(5).horizon(10);
/// let a = dca_vs_lump_sum_all_starts(&s, &cfg)?;
/// assert_eq!((a.starts.len(), a.gaps.len(), a.starts[0]), (20, 20, s.times()[0]));
/// assert_eq!((a.dca_wins, a.dca_win_share), (0, 0.0)); // the lump sum wins every start
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AllStarts {
    /// The start dates, in order.
    pub starts: Vec<NaiveDateTime>,
    /// Per start: `(DCA final value - lump-sum final value) / total contributed`.
    pub gaps: Vec<f64>,
    /// How many starts DCA ended ahead by more than `1e-12` of the money contributed (smaller
    /// gaps are floating-point ties, e.g. at a constant price).
    pub dca_wins: usize,
    /// `dca_wins / starts`.
    pub dca_win_share: f64,
    /// Distribution of `gaps`.
    pub distribution: GapDistribution,
}

/// Gaps at or below this (a fraction of the money contributed) are ties, not DCA wins.
const WIN_TOLERANCE: f64 = 1e-12;

/// Linear-interpolation percentile (`q` in `[0, 1]`) of sorted data.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// DCA against lump sum for every possible start bar of `series`.
///
/// For each start bar `s` with `s + horizon` inside the data: DCA invests `amount` at the
/// closes of bars `s, s + interval, ..., s + (contributions - 1) * interval`; the lump sum
/// invests `contributions * amount` at the close of `s`; both pay the same fees, use the same
/// share mode and are valued at the close of `s + horizon`. The gap is `(DCA value - lump-sum
/// value) / total contributed`; percentiles use linear interpolation between order
/// statistics.
///
/// Cost: with fractional shares each DCA path's units are `a' * sum(1 / close)` over a strided
/// set of bars, read off stride-wise prefix sums in O(1) per start, so the whole computation is
/// O(n) plus an O(n log n) sort for the percentiles. Whole shares (leftover cash carried) are
/// simulated per start, O(n × contributions).
///
/// ```
/// use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
/// let s = chartist::sample::random_walk("X", 9, 2_000, 100.0, 0.0004, 0.012);
/// let a = dca_vs_lump_sum_all_starts(&s, &AllStartsConfig::default())?;
/// assert_eq!(a.gaps.len(), 2_000 - 252);
/// assert!(a.distribution.p5 <= a.distribution.median && a.distribution.median <= a.distribution.p95);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for zero contributions, interval or horizon, a horizon shorter
/// than `(contributions - 1) * interval`, or bad amount/fees (as [`dca`]);
/// [`Error::InsufficientData`] when the series has no more than `horizon` bars.
pub fn dca_vs_lump_sum_all_starts(
    series: &PriceSeries,
    config: &AllStartsConfig,
) -> Result<AllStarts> {
    crate::error::check_period("contributions", config.contributions)?;
    crate::error::check_period("interval", config.interval)?;
    crate::error::check_period("horizon", config.horizon)?;
    validate_amount(config.amount)?;
    config.fees.validate(config.amount)?;
    let (k, step, h) = (config.contributions, config.interval, config.horizon);
    let span = (k - 1).saturating_mul(step);
    if span > h {
        return Err(Error::param(
            "horizon",
            h,
            format!("must be at least (contributions - 1) * interval = {span}"),
        ));
    }
    let close = series.close();
    let n = close.len();
    if n <= h {
        return Err(Error::InsufficientData {
            what: format!("DCA over every start with a {h}-bar horizon"),
            needed: h.saturating_add(1),
            got: n,
        });
    }
    let starts = n - h;
    let total = config.amount * k as f64;
    let fees = config.fees;
    let mut gaps = Vec::with_capacity(starts);
    match config.shares {
        ShareMode::Fractional => {
            // Stride prefix sums of 1 / close: pre[i] = 1/close[i] + pre[i - step].
            let mut pre = vec![0.0; n];
            for i in 0..n {
                pre[i] = 1.0 / close[i] + if i >= step { pre[i - step] } else { 0.0 };
            }
            let per = (config.amount - fees.fixed) / (1.0 + fees.percent);
            let lump = (total - fees.fixed) / (1.0 + fees.percent);
            for s in 0..starts {
                let last = s + span;
                let inv_sum = pre[last] - if s >= step { pre[s - step] } else { 0.0 };
                let end = close[s + h];
                let dca_value = per * inv_sum * end;
                let lump_value = lump / close[s] * end;
                gaps.push((dca_value - lump_value) / total);
            }
        }
        ShareMode::Whole => {
            for s in 0..starts {
                let end = close[s + h];
                let mut units = 0.0;
                let mut cash = 0.0;
                for j in 0..k {
                    cash += config.amount;
                    let (u, _, left) = buy(cash, close[s + j * step], &fees, ShareMode::Whole);
                    units += u;
                    cash = left;
                }
                let dca_value = units * end + cash;
                let (u, _, left) = buy(total, close[s], &fees, ShareMode::Whole);
                let lump_value = u * end + left;
                gaps.push((dca_value - lump_value) / total);
            }
        }
    }
    let dca_wins = gaps.iter().filter(|&&g| g > WIN_TOLERANCE).count();
    let mut sorted = gaps.clone();
    sorted.sort_unstable_by(|a, b| a.total_cmp(b));
    let mean = gaps.iter().sum::<f64>() / starts as f64;
    Ok(AllStarts {
        starts: series.times()[..starts].to_vec(),
        dca_wins,
        dca_win_share: dca_wins as f64 / starts as f64,
        distribution: GapDistribution {
            min: sorted[0],
            p5: percentile(&sorted, 0.05),
            p25: percentile(&sorted, 0.25),
            median: percentile(&sorted, 0.5),
            p75: percentile(&sorted, 0.75),
            p95: percentile(&sorted, 0.95),
            max: sorted[starts - 1],
            mean,
        },
        gaps,
    })
}
