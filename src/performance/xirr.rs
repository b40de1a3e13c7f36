//! Money-weighted return: XIRR of dated cash flows.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::{At, Row};

/// One dated cash flow: negative for money paid in (a purchase, a contribution), positive for
/// money received (a sale, the final value).
///
/// ```
/// use chartist::performance::{xirr, CashFlow};
/// # use chrono::NaiveDate;
/// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// // Pay 100 in, get 121 back two calendar years later.
/// let flows = [
///     CashFlow { date: d(2023, 1, 1), amount: -100.0 },
///     CashFlow { date: d(2025, 1, 1), amount: 121.0 },
/// ];
/// assert_eq!((flows[1].date - flows[0].date).num_days(), 731); // 2024 is a leap year
/// let r = xirr(&flows)?; // actual/365: a bit under 10% a year
/// assert!((r - (1.21f64.powf(365.0 / 731.0) - 1.0)).abs() < 1e-9);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CashFlow {
    /// The date of the flow.
    pub date: NaiveDate,
    /// The amount: negative out of the investor's pocket, positive back into it.
    pub amount: f64,
}

impl CashFlow {
    /// A cash flow of `amount` on `date`.
    ///
    /// ```
    /// use chartist::performance::{xirr, CashFlow};
    /// use chartist::Error;
    /// # use chrono::NaiveDate;
    /// # let d = |m| NaiveDate::from_ymd_opt(2025, m, 2).unwrap();
    /// let f = CashFlow::new(d(1), -500.0);
    /// assert_eq!((f.date, f.amount), (d(1), -500.0));
    /// // Money only ever paid in: no rate of return balances it.
    /// let only_in = [f, CashFlow::new(d(6), -500.0)];
    /// assert!(matches!(xirr(&only_in), Err(Error::Undefined(_))));
    /// ```
    pub fn new(date: NaiveDate, amount: f64) -> Self {
        CashFlow { date, amount }
    }
}

/// Maximum Newton steps before falling back to bisection.
const NEWTON_ITERATIONS: usize = 50;
/// Maximum bisection steps (each halves the bracket).
const BISECTION_ITERATIONS: usize = 200;
/// Rates tried, in order, to bracket a root for the bisection fallback.
const GRID: [f64; 16] = [
    -0.999, -0.99, -0.9, -0.5, -0.2, 0.0, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1e3, 1e4, 1e6,
];

/// The annual internal rate of return of dated cash flows (spreadsheet `XIRR`).
///
/// Definition: the rate `r > -1` solving `sum_i amount_i / (1 + r)^((date_i - date_0) / 365) = 0`
/// where `date_0` is the earliest date (actual/365 day count, as spreadsheet `XIRR`). Solved by
/// Newton's method from 10% (at most 50 steps); when Newton fails to converge or leaves
/// `(-1, inf)`, the first sign change on the grid -99.9%, -99%, -90%, -50%, -20%, 0%, 20%,
/// 50%, 100%, ... 10^8% is bisected (at most 200 steps) to `1e-12`. With several roots (flows
/// changing sign more than once) Newton's root nearest 10% is usually the one returned.
///
/// Order of flows does not matter. Zero amounts are allowed (they change nothing).
///
/// ```
/// use chartist::performance::{xirr, CashFlow};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// // Pay 100, get 110 back one year (365 days) later: 10%.
/// let r = xirr(&[CashFlow::new(d(2023, 1, 1), -100.0), CashFlow::new(d(2024, 1, 1), 110.0)])?;
/// assert!((r - 0.10).abs() < 1e-9);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than two flows; [`Error::InvalidValue`] for a
/// non-finite amount; [`Error::Undefined`] when the flows never change sign (all `>= 0` or all
/// `<= 0`: no rate makes them balance) or all fall on one date; [`Error::NoConvergence`] when
/// neither Newton nor bisection finds a root within their iteration bounds.
pub fn xirr(flows: &[CashFlow]) -> Result<f64> {
    if flows.len() < 2 {
        return Err(Error::InsufficientData {
            what: "xirr".into(),
            needed: 2,
            got: flows.len(),
        });
    }
    for (i, f) in flows.iter().enumerate() {
        if !f.amount.is_finite() {
            return Err(Error::InvalidValue {
                row: Row(i),
                at: At(f.date.and_hms_opt(0, 0, 0)),
                field: "amount",
                value: f.amount,
                problem: "is not finite".into(),
            });
        }
    }
    let has_in = flows.iter().any(|f| f.amount < 0.0);
    let has_out = flows.iter().any(|f| f.amount > 0.0);
    if !(has_in && has_out) {
        return Err(Error::Undefined(
            "xirr: the cash flows never change sign, so no rate of return balances them; \
             include both money paid in (negative) and money received (positive)"
                .into(),
        ));
    }
    let first = flows.iter().map(|f| f.date).min().unwrap_or(NaiveDate::MIN);
    let t: Vec<f64> = flows
        .iter()
        .map(|f| (f.date - first).num_days() as f64 / 365.0)
        .collect();
    if t.iter().all(|&x| x == 0.0) {
        return Err(Error::Undefined(
            "xirr: all cash flows fall on one date, so no rate of return applies".into(),
        ));
    }
    let a: Vec<f64> = flows.iter().map(|f| f.amount).collect();
    let scale: f64 = a.iter().map(|x| x.abs()).sum();
    let npv = |r: f64| -> (f64, f64) {
        let ln1r = (1.0 + r).ln();
        let mut f = 0.0;
        let mut df = 0.0;
        for (&ai, &ti) in a.iter().zip(&t) {
            let disc = (-ti * ln1r).exp();
            f += ai * disc;
            df -= ti * ai * disc / (1.0 + r);
        }
        (f, df)
    };

    // Newton from 10%.
    let mut r = 0.1;
    for _ in 0..NEWTON_ITERATIONS {
        let (f, df) = npv(r);
        if !(f.is_finite() && df.is_finite()) || df == 0.0 {
            break;
        }
        let next = r - f / df;
        if !next.is_finite() || next <= -1.0 {
            break;
        }
        let step = (next - r).abs();
        r = next;
        if step <= 1e-12 * (1.0 + r.abs()) {
            let (f, _) = npv(r);
            if f.abs() <= 1e-9 * scale {
                return Ok(r);
            }
            break;
        }
    }

    // Bisection on the first bracketing pair of the grid.
    let values: Vec<f64> = GRID.iter().map(|&g| npv(g).0).collect();
    for (w, v) in GRID.windows(2).zip(values.windows(2)) {
        if !(v[0].is_finite() && v[1].is_finite()) {
            continue;
        }
        if v[0] == 0.0 {
            return Ok(w[0]);
        }
        if v[0].signum() == v[1].signum() {
            continue;
        }
        let (mut lo, mut hi, mut flo) = (w[0], w[1], v[0]);
        for _ in 0..BISECTION_ITERATIONS {
            let mid = 0.5 * (lo + hi);
            let fm = npv(mid).0;
            if fm == 0.0 || (hi - lo) <= 1e-12 * (1.0 + mid.abs()) {
                return Ok(mid);
            }
            if fm.signum() == flo.signum() {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return Err(Error::NoConvergence {
            what: "xirr",
            iterations: NEWTON_ITERATIONS + BISECTION_ITERATIONS,
        });
    }
    Err(Error::NoConvergence {
        what: "xirr",
        iterations: NEWTON_ITERATIONS + GRID.len(),
    })
}
