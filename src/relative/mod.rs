//! Relative strength and rotation: how one series does against another, and who leads a
//! universe.
//!
//! Every question here compares an asset `A` with a benchmark `B` ("small caps vs large
//! caps", "energy vs the S&P 500"). Argument order is always **asset first, benchmark
//! second**: `ratio(asset, benchmark)` is `asset / benchmark`, `beta(asset, benchmark, ..)`
//! regresses the asset's returns on the benchmark's.
//!
//! * [`ratio`](mod@ratio): the ratio line `A / B` ([`ratio_line`]), rebased to 100 at a date
//!   ([`rebased_ratio`]) or in logs ([`log_ratio`]); its new N-period highs and lows
//!   ([`ratio_extremes`]), its side of a moving average ([`ratio_vs_average`]) and its slope
//!   ([`ratio_slope`]). [`RatioLine`] does all of it on two dated series.
//! * [`performance`](mod@performance): relative performance over a window, as the arithmetic
//!   spread `R_A - R_B` or the geometric excess `(1 + R_A) / (1 + R_B) - 1` ([`SpreadKind`]).
//! * [`strength`](mod@strength): Mansfield relative strength and Dorsey relative strength.
//! * [`rating`](mod@rating): the IBD-style RS rating (1-99) of every member of a
//!   [`Panel`](crate::series::Panel) on every date.
//! * [`rotation`](mod@rotation): an open, documented relative-rotation graph (RS-ratio,
//!   RS-momentum, [`Quadrant`], heading, distance, tails).
//! * [`beta`](mod@beta): beta, correlation, up/down-market beta and capture ratios, over the
//!   whole period ([`beta()`]) or rolling ([`rolling_beta`], [`rolling_capture`]).
//! * [`streaks`](mod@streaks): how long spells of outperformance last.
//! * [`leadership`](mod@leadership): a leadership table of a universe against a benchmark, and
//!   the [`SPDR_SECTORS`] map.
//!
//! # Inputs and alignment
//! Functions over `&[f64]` take **already aligned** slices of equal length (position `i` of both
//! is the same date) and work on anything. Functions over [`PriceSeries`] pairs align by
//! timestamp first (inner join, never by position) and fail with
//! [`Error::NoCommonDates`] when the series share no date.
//!
//! # Bad prices
//! A price that is NaN, infinite, zero or negative has no ratio and no return: every output
//! that touches it is NaN (moving averages over it follow the crate's NaN policy and recover
//! once it leaves their window). Validated [`PriceSeries`] never hold such prices.

pub mod beta;
pub mod leadership;
pub mod performance;
pub mod rating;
pub mod ratio;
pub mod rotation;
pub mod streaks;
pub mod strength;

pub use beta::{
    beta, beta_of_series, rolling_beta, rolling_capture, rolling_correlation,
    rolling_return_correlation, BetaConfig, BetaStats, RollingBeta, RollingCapture,
};
pub use leadership::{
    leadership_table, GroupSummary, LeadershipConfig, LeadershipRow, LeadershipTable, SectorGroup,
    SectorInfo, SPDR_SECTORS,
};
pub use performance::{
    relative_performance, relative_performance_of_series, rolling_relative_performance,
    RelativePerformance, RelativeWindow, SpreadKind,
};
pub use rating::{rs_rating, rs_score, MissingHistory, RsRatingConfig, RsRatings};
pub use ratio::{
    log_ratio, ratio_extremes, ratio_line, ratio_slope, ratio_vs_average, rebased_ratio,
    AverageSide, RatioExtreme, RatioLine,
};
pub use rotation::{
    rotation, rotation_graph, rotation_of_series, Quadrant, RotationConfig, RotationGraph,
    RotationPoint, RotationSeries,
};
pub use streaks::{outperformance_streaks, Streak, StreakStats};
pub use strength::{dorsey_rs, mansfield_rs, mansfield_rs_of_series, MansfieldConfig, RsTimeframe};

use crate::error::{Error, Result};
use crate::series::{align, AlignOptions, PriceSeries};
use chrono::NaiveDateTime;

/// True for a usable price: finite and strictly positive.
#[inline]
pub(crate) fn good_price(p: f64) -> bool {
    p.is_finite() && p > 0.0
}

/// The benchmark's row in a universe of at least two members, for `what` (the table or graph
/// being built, named in the error).
pub(crate) fn benchmark_row(
    panel: &crate::series::Panel,
    benchmark: &str,
    what: &str,
) -> Result<usize> {
    let row = panel.index_of(benchmark).ok_or_else(|| {
        Error::param(
            "benchmark",
            format!("{benchmark:?}"),
            "must be a member of the panel",
        )
    })?;
    if panel.n_symbols() < 2 {
        return Err(Error::InsufficientData {
            what: format!("{what} (members besides the benchmark)"),
            needed: 2,
            got: panel.n_symbols(),
        });
    }
    Ok(row)
}

/// Fails with [`Error::LengthMismatch`] unless `benchmark` has `asset`'s length.
pub(crate) fn check_pair(asset: &[f64], benchmark: &[f64]) -> Result<()> {
    crate::error::check_len("benchmark", asset.len(), benchmark.len())
}

/// Two series on their common dates (inner join by timestamp): times, asset closes,
/// benchmark closes.
pub(crate) fn aligned_closes(
    asset: &PriceSeries,
    benchmark: &PriceSeries,
) -> Result<(Vec<NaiveDateTime>, Vec<f64>, Vec<f64>)> {
    let (out, _) = align(&[asset, benchmark], AlignOptions::inner()).map_err(|e| match e {
        Error::NoCommonDates { .. } => Error::NoCommonDates {
            what: format!("{:?} vs {:?}", asset.symbol(), benchmark.symbol()),
        },
        other => other,
    })?;
    let [a, b]: [PriceSeries; 2] = out.try_into().map_err(|_| Error::NoCommonDates {
        what: "relative strength".into(),
    })?;
    Ok((a.times().to_vec(), a.close().to_vec(), b.close().to_vec()))
}

/// Weekly closes of several close columns on one calendar: for each Monday-to-Sunday week, the
/// last value of each column that is not NaN (NaN when the column has none that week), stamped
/// with the week's last timestamp. Matches [`crate::series::resample`] on gap-free columns.
pub(crate) fn weekly_columns(
    times: &[NaiveDateTime],
    columns: &[&[f64]],
) -> (Vec<NaiveDateTime>, Vec<Vec<f64>>) {
    let tf = crate::series::Timeframe::Weekly;
    let mut wt = Vec::with_capacity(times.len() / 5 + 2);
    let mut ends = Vec::with_capacity(times.len() / 5 + 2);
    let mut i = 0;
    while i < times.len() {
        let key = tf.key(times[i].date());
        let start = i;
        while i < times.len() && tf.key(times[i].date()) == key {
            i += 1;
        }
        wt.push(times[i - 1]);
        ends.push((start, i));
    }
    let cols = columns
        .iter()
        .map(|c| {
            ends.iter()
                .map(|&(s, e)| {
                    c.get(s..e)
                        .and_then(|w| w.iter().rev().find(|v| !v.is_nan()).copied())
                        .unwrap_or(f64::NAN)
                })
                .collect()
        })
        .collect();
    (wt, cols)
}
