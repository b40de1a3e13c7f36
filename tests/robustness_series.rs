//! Robustness of `chartist::series` and `chartist::sample`: construction, repair, alignment,
//! panels, resampling, returns and the synthetic generators under arbitrary input; shifting all
//! timestamps by whole weeks changes nothing but the timestamps.

mod robustness_common;

use chartist::sample;
use chartist::series::{
    align, calendar_returns, mtd, qtd, resample, return_between, returns, trailing_return,
    trailing_returns, ytd, AlignOptions, Bar, Panel, PanelJoin, PriceSeries, RepairKind,
    ReturnKind, Timeframe,
};
use chartist::Error;
use chrono::{Days, NaiveDate, NaiveDateTime};
use ndarray::Array2;
use proptest::prelude::*;
use robustness_common::*;

/// A bar with arbitrary values on day `day` after 2015-01-01 (times may repeat or go back).
fn any_bar() -> impl Strategy<Value = Bar> {
    (0u64..60, value(), value(), value(), value(), value()).prop_map(|(day, o, h, l, c, v)| {
        let d = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default() + Days::new(day);
        Bar::daily(d, o, h, l, c, v)
    })
}

/// A valid daily series: a walk on weekdays with consistent OHLC and a few skipped days.
fn valid_series(max: usize) -> impl Strategy<Value = PriceSeries> {
    (1..=max)
        .prop_flat_map(|n| {
            (
                hlc_walk(n),
                proptest::collection::vec(0u64..3, n),
                0.0f64..1e7,
            )
        })
        .prop_map(|((h, l, c), skips, vol)| {
            let mut d = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap_or_default();
            let bars = (0..c.len())
                .map(|i| {
                    d = d + Days::new(1 + skips[i]);
                    Bar::daily(d, c[i], h[i], l[i], c[i], vol)
                })
                .collect();
            PriceSeries::from_bars("X", bars)
                .unwrap_or_else(|e| panic!("valid by construction: {e}"))
        })
}

fn shift_weeks(s: &PriceSeries, weeks: i64) -> PriceSeries {
    let bars = s
        .bars()
        .map(|mut b| {
            b.time = shift_time(b.time, weeks);
            b
        })
        .collect();
    PriceSeries::from_bars(s.symbol(), bars).unwrap_or_else(|e| panic!("shifted series: {e}"))
}

fn shift_time(t: NaiveDateTime, weeks: i64) -> NaiveDateTime {
    t + chrono::Duration::weeks(weeks)
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
        8 => (0u64..4000).prop_map(|d| NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default() + Days::new(d)),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Strict construction: Ok only for valid, sorted, unique bars; otherwise a typed error
    /// naming a row that exists.
    #[test]
    fn from_bars_ok_or_row_error(bars in proptest::collection::vec(any_bar(), 0..30)) {
        match PriceSeries::from_bars("X", bars.clone()) {
            Ok(s) => {
                prop_assert_eq!(s.len(), bars.len());
                prop_assert!(s.times().windows(2).all(|w| w[0] < w[1]));
            }
            Err(Error::Empty { .. }) => prop_assert!(bars.is_empty()),
            Err(Error::InvalidValue { row, .. })
            | Err(Error::Unsorted { row, .. })
            | Err(Error::DuplicateTimestamp { row, .. }) => prop_assert!(row.0 < bars.len()),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// Repair mode loses nothing silently: every input row is kept or reported as dropped,
    /// and the result is valid (strictly increasing, passes strict construction).
    #[test]
    fn repair_accounts_for_every_row(bars in proptest::collection::vec(any_bar(), 0..40)) {
        match PriceSeries::repair("X", bars.clone()) {
            Ok((s, report)) => {
                prop_assert_eq!(s.len() + report.dropped(), bars.len());
                prop_assert!(s.times().windows(2).all(|w| w[0] < w[1]));
                prop_assert!(PriceSeries::from_bars("X", s.bars().collect()).is_ok());
                for a in &report.actions {
                    prop_assert!(a.row < bars.len());
                    if let RepairKind::Moved = a.kind { prop_assert!(a.time.is_some()); }
                }
            }
            Err(Error::Empty { .. }) => {
                prop_assert!(bars.iter().all(|b| PriceSeries::from_bars("X", vec![*b]).is_err()));
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// Column constructors: mismatched lengths are LengthMismatch; otherwise as from_bars.
    #[test]
    fn from_columns_lengths(n in 0usize..20, extra in 0usize..3, which in 0usize..6) {
        let t = weekday_times(n);
        let mut cols = vec![vec![10.0; n]; 5];
        if which < 5 { cols[which].extend(std::iter::repeat_n(10.0, extra)); }
        let [o, h, l, c, v] = <[Vec<f64>; 5]>::try_from(cols).unwrap_or_else(|_| unreachable!());
        let r = PriceSeries::from_columns("X", t.clone(), o, h, l, c.clone(), v);
        match r {
            Ok(s) => prop_assert!(n > 0 && (extra == 0 || which == 5) && s.len() == n),
            Err(Error::LengthMismatch { .. }) => prop_assert!(extra > 0 && which < 5),
            Err(Error::Empty { .. }) => prop_assert_eq!(n, 0),
            Err(e) => prop_assert!(false, "{e}"),
        }
        let r = PriceSeries::from_closes("X", t, c);
        prop_assert!(r.is_ok() || n == 0 || (extra > 0 && which == 3));
    }

    /// Lookups and slicing with any dates (including the calendar's ends) never panic.
    #[test]
    fn lookups_any_date(s in valid_series(40), a in any_date(), b in any_date(), n in period()) {
        let _ = (s.index_on(a), s.index_as_of(a), s.index_from(a), s.bar_on(a), s.close_on(a), s.close_as_of(a));
        match s.between(a, b) {
            Ok(sub) => prop_assert!(!sub.is_empty() && sub.len() <= s.len()),
            Err(Error::Empty { .. }) | Err(Error::InvalidParameter { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
        match s.tail(n) {
            Ok(t) => prop_assert_eq!(t.len(), n.min(s.len())),
            Err(Error::InvalidParameter { .. }) => prop_assert_eq!(n, 0),
            Err(e) => prop_assert!(false, "{e}"),
        }
        for f in [ytd, mtd, qtd] {
            match f(&s, a) {
                Ok(r) => prop_assert!(r.value.is_finite()),
                Err(Error::DateNotFound { .. }) | Err(Error::InsufficientData { .. }) | Err(Error::Empty { .. }) => {}
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
        match return_between(&s, a, b) {
            Ok(r) => prop_assert!(r.is_finite()),
            Err(Error::DateNotFound { .. }) | Err(Error::InvalidParameter { .. }) | Err(Error::InsufficientData { .. }) | Err(Error::Empty { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
        match trailing_return(&s, n, a) {
            Ok(r) => prop_assert!(r.is_finite()),
            Err(Error::DateNotFound { .. }) | Err(Error::InvalidParameter { .. }) | Err(Error::InsufficientData { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
        let c = calendar_returns(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(c.years.len(), c.yearly.len());
    }

    /// Slice returns accept anything: output length, NaN at and after non-finite inputs.
    #[test]
    fn slice_returns_any(x in values_near(5, 60), n in period(), log in any::<bool>()) {
        let kind = if log { ReturnKind::Log } else { ReturnKind::Simple };
        prop_assert_eq!(returns(&x, kind).len(), x.len());
        match trailing_returns(&x, n, kind) {
            Ok(r) => {
                prop_assert_eq!(r.len(), x.len());
                for (i, v) in r.iter().enumerate() {
                    if i < n || !x[i].is_finite() { prop_assert!(v.is_nan(), "at {}", i); }
                }
            }
            Err(Error::InvalidParameter { .. }) => prop_assert_eq!(n, 0),
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    /// Resampling any valid series: Ok, valid bars, first_index consistent, never more bars.
    #[test]
    fn resample_any(s in valid_series(80)) {
        for tf in [Timeframe::Daily, Timeframe::Weekly, Timeframe::Monthly, Timeframe::Quarterly, Timeframe::Yearly] {
            let r = resample(&s, tf).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r.series.len() <= s.len());
            prop_assert_eq!(r.first_index.len(), r.series.len());
            prop_assert!(r.first_index.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(PriceSeries::from_bars("X", r.series.bars().collect()).is_ok());
            prop_assert_eq!(r.series.last().close, s.last().close);
        }
    }

    /// Shifting every timestamp by whole weeks changes nothing but the timestamps: returns,
    /// daily/weekly resampling and period returns between shifted dates.
    #[test]
    fn shifting_by_weeks(s in valid_series(80), weeks in -300i64..300, i in 0usize..80, j in 0usize..80) {
        let t = shift_weeks(&s, weeks);
        prop_assert_eq!(s.close(), t.close());
        for tf in [Timeframe::Daily, Timeframe::Weekly] {
            let a = resample(&s, tf).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let b = resample(&t, tf).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(a.series.close(), b.series.close());
            prop_assert_eq!(a.series.high(), b.series.high());
            prop_assert_eq!(&a.first_index, &b.first_index);
            prop_assert_eq!(a.last_incomplete, b.last_incomplete);
            let shifted: Vec<_> = a.series.times().iter().map(|x| shift_time(*x, weeks)).collect();
            prop_assert_eq!(shifted.as_slice(), b.series.times());
        }
        let (i, j) = (i % s.len(), j % s.len());
        let (d0, d1) = (s.times()[i], s.times()[j]);
        let a = return_between(&s, d0, d1).ok();
        let b = return_between(&t, shift_time(d0, weeks), shift_time(d1, weeks)).ok();
        prop_assert_eq!(a, b);
        let a = trailing_return(&s, 1 + i % 7, d1).ok();
        let b = trailing_return(&t, 1 + i % 7, shift_time(d1, weeks)).ok();
        prop_assert_eq!(a, b);
    }

    /// Aligning arbitrary subsets of one calendar: strictly increasing common times, equal
    /// lengths, and every dropped or filled date reported.
    #[test]
    fn align_any(s in valid_series(60), keep in proptest::collection::vec(any::<bool>(), 60), gap in 0usize..4, ffill in any::<bool>()) {
        let bars: Vec<Bar> = s.bars().enumerate().filter(|(i, _)| keep[*i]).map(|(_, b)| b).collect();
        let Ok(sub) = PriceSeries::from_bars("Y", bars) else { return Ok(()) };
        let opts = if ffill { AlignOptions::forward_fill(gap) } else { AlignOptions::inner() };
        match align(&[&s, &sub], opts) {
            Ok((out, report)) => {
                prop_assert_eq!(out.len(), 2);
                prop_assert_eq!(out[0].times(), out[1].times());
                prop_assert!(out[0].times().windows(2).all(|w| w[0] < w[1]));
                let accounted = out[0].len() + report.dropped.first().map_or(0, Vec::len);
                prop_assert_eq!(accounted, s.len());
            }
            Err(Error::NoCommonDates { .. }) | Err(Error::Empty { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    /// Panels from series (outer and inner joins) and from arbitrary close matrices.
    #[test]
    fn panels_any(a in valid_series(40), b in valid_series(40), m in proptest::collection::vec(value(), 0..40), rows in 1usize..4) {
        for join in [PanelJoin::Outer, PanelJoin::Inner] {
            match Panel::from_series(&[a.clone(), b.clone().with_symbol("B")], join) {
                Ok(p) => {
                    prop_assert_eq!(p.n_symbols(), 2);
                    for r in 0..2 {
                        prop_assert_eq!(p.close_of(r).len(), p.n_dates());
                        match p.series(r) {
                            Ok(s) => prop_assert!(s.len() <= p.n_dates()),
                            Err(Error::Empty { .. }) => {}
                            Err(e) => prop_assert!(false, "{e}"),
                        }
                    }
                }
                Err(Error::NoCommonDates { .. }) | Err(Error::Empty { .. }) => {}
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
        let cols = m.len() / rows;
        let Ok(mat) = Array2::from_shape_vec((rows, cols), m[..rows * cols].to_vec()) else { return Ok(()) };
        let symbols = (0..rows).map(|i| format!("S{i}")).collect();
        match Panel::from_closes(symbols, weekday_times(cols), mat) {
            Ok(p) => prop_assert_eq!(p.n_dates(), cols),
            Err(Error::Empty { .. }) | Err(Error::InvalidValue { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    /// The synthetic generators take any parameters without panicking.
    #[test]
    fn sample_any(seed in any::<u64>(), n in 0usize..3000, start in value(), drift in value(), vol in value(), end in any_date()) {
        let s = sample::random_walk("X", seed, n, start, drift, vol);
        prop_assert!(!s.is_empty());
        let w = sample::weekdays(end, n);
        prop_assert!(w.len() <= n);
        let w = sample::weekdays_ending(end, n);
        prop_assert!(w.len() <= n);
        let g = sample::generate("G", seed, start, end, &[
            sample::Regime::Trend { drift, vol, bars: n / 2 },
            sample::Regime::Range { low: start, high: drift, vol, bars: n / 2 },
        ]);
        prop_assert!(!g.is_empty());
    }
}

/// Regression: regime lengths whose sum overflows `usize` and `n = usize::MAX` used to
/// panic (overflowing `sum`, `Vec::with_capacity`); they now give the weekdays the calendar
/// holds, bounded by the date range.
#[test]
fn sample_huge_lengths_do_not_panic() {
    let end = NaiveDate::from_ymd_opt(-262_000, 3, 1).unwrap_or(NaiveDate::MIN);
    let s = sample::generate(
        "X",
        1,
        100.0,
        end,
        &[
            sample::Regime::Trend {
                drift: 0.0,
                vol: 0.01,
                bars: usize::MAX,
            },
            sample::Regime::Trend {
                drift: 0.0,
                vol: 0.01,
                bars: usize::MAX,
            },
        ],
    );
    assert!(!s.is_empty());
    let w = sample::weekdays(NaiveDate::MAX - Days::new(30), usize::MAX);
    assert!(!w.is_empty() && w.len() <= 31);
    let w = sample::weekdays_ending(end, usize::MAX);
    assert!(!w.is_empty());
}
