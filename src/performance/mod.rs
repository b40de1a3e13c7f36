//! Performance: how good was the ride, and does averaging in beat a lump sum.
//!
//! * [`performance`] / [`performance_of`]: total return, CAGR, annualised volatility, Sharpe,
//!   Sortino, maximum drawdown with its peak, trough and recovery dates, a drawdown table,
//!   Calmar, hit rate and best/worst periods of a price series or an equity curve.
//!   [`rolling_performance`] gives the same over trailing windows; [`capture`] the up- and
//!   down-market capture against a benchmark; [`drawdowns`] every drawdown episode.
//! * Annualisation: inferred from the median spacing of the timestamps ([`periods_per_year`]:
//!   daily 252, weekly 52, monthly 12, quarterly 4, yearly 1) unless set with
//!   [`Annualization::PeriodsPerYear`].
//! * [`dca`], [`dca_vs_lump_sum`] and [`dca_vs_lump_sum_all_starts`]: dollar-cost averaging
//!   with a contribution [`Schedule`], [`Fees`], whole or fractional shares and optional limit
//!   entries, against investing the same money at once; money-weighted return by [`xirr`]
//!   and time-weighted return per path.
//!
//! Conventions (documented on each function): simple returns, sample standard deviation,
//! downside deviation over all observations, CAGR over calendar time (days / 365.25), XIRR
//! with actual/365 day count.

mod dca;
mod stats;
mod xirr;

pub use dca::{
    dca, dca_vs_lump_sum, dca_vs_lump_sum_all_starts, AllStarts, AllStartsConfig, DcaComparison,
    DcaConfig, Entry, Fees, GapDistribution, InvestmentPath, Purchase, Schedule, ShareMode,
};
pub use stats::{
    capture, capture_of, drawdowns, performance, performance_of, periods_per_year,
    rolling_performance, Annualization, Capture, DatedReturn, Drawdown, PerformanceConfig,
    PerformanceStats, RollingPerformance,
};
pub use xirr::{xirr, CashFlow};
