//! CSV fuzzing on stable Rust with proptest: random bytes, truncated files, huge fields,
//! mixed line endings, BOM, quoted fields, thousands separators and empty lines all give a
//! series or a typed error carrying a location. Inputs that once failed live in
//! `tests/regressions/csv/` and are replayed by `regression_corpus`.

mod robustness_common;

use chartist::series::{read_csv_from, write_csv, CsvOptions, PriceSeries, Validation};
use chartist::Error;
use proptest::prelude::*;
use robustness_common::*;

/// Reads `bytes` strictly and in repair mode; any error must be typed and located.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let lines = bytes.split(|b| *b == b'\n' || *b == b'\r').count().max(1);
    for mode in [Validation::Strict, Validation::Repair] {
        let opts = CsvOptions::new("F").validation(mode);
        match read_csv_from(bytes, &opts) {
            Ok((s, report)) => {
                prop_assert!(!s.is_empty() || !report.is_empty());
                prop_assert!(s.times().windows(2).all(|w| w[0] < w[1]));
                for a in &report.actions {
                    prop_assert!(
                        a.row >= 1 && a.row <= lines + 1,
                        "repair row {} of {}",
                        a.row,
                        lines
                    );
                }
            }
            Err(Error::Csv { line, .. }) => {
                prop_assert!(
                    line.0 >= 1 && line.0 <= lines + 1,
                    "csv error at line {} of {}",
                    line.0,
                    lines
                )
            }
            Err(Error::InvalidValue { row, .. })
            | Err(Error::Unsorted { row, .. })
            | Err(Error::DuplicateTimestamp { row, .. }) => {
                prop_assert!(
                    row.0 >= 2 && row.0 <= lines + 1,
                    "row {} of {}",
                    row.0,
                    lines
                )
            }
            Err(Error::MissingColumn { .. }) | Err(Error::Empty { .. }) => {}
            Err(e) => prop_assert!(false, "untyped or unexpected error: {e:?}"),
        }
    }
    Ok(())
}

/// A well-formed file's pieces: (date text, close text) rows on increasing dates.
fn rows() -> impl Strategy<Value = Vec<(String, f64)>> {
    proptest::collection::vec((1u64..4, 0.01f64..1e7), 0..25).prop_map(|v| {
        let mut d = chrono::NaiveDate::from_ymd_opt(2019, 12, 30).unwrap_or_default();
        v.into_iter()
            .map(|(step, c)| {
                d = d + chrono::Days::new(step);
                (d.to_string(), (c * 100.0).round() / 100.0)
            })
            .collect()
    })
}

/// Formats a number with thousands separators (`1,234,567.89`).
fn thousands(x: f64) -> String {
    let s = format!("{x:.2}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{out}.{frac}")
}

/// Renders rows with random but valid dialect choices.
fn render(rows: &[(String, f64)], style: &[u8]) -> (Vec<u8>, Vec<f64>) {
    let pick = |i: usize| style.get(i % style.len().max(1)).copied().unwrap_or(0);
    let mut out = Vec::new();
    if pick(0) % 2 == 0 {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let eol = |k: u8| match k % 3 {
        0 => "\n",
        1 => "\r\n",
        _ => "\r",
    };
    out.extend_from_slice(b"Date , Close");
    out.extend_from_slice(eol(pick(1)).as_bytes());
    let mut want = Vec::new();
    for (i, (d, c)) in rows.iter().enumerate() {
        let k = pick(i + 2);
        if k % 7 == 0 {
            out.extend_from_slice(eol(k).as_bytes()); // an empty line
        }
        let num = match k % 4 {
            0 => format!("{c}"),
            1 => format!("\"{}\"", thousands(*c)),
            2 => format!(" {c} "),
            _ => format!("\"{c:.2}\""),
        };
        let date = if k % 5 == 0 {
            format!("\"{d}\"")
        } else {
            d.clone()
        };
        out.extend_from_slice(format!("{date},{num}").as_bytes());
        out.extend_from_slice(eol(k / 3).as_bytes());
        want.push(if k % 4 == 1 || k % 4 == 3 {
            (c * 100.0).round() / 100.0
        } else {
            *c
        });
    }
    (out, want)
}

proptest! {
    #![proptest_config(config())]

    /// Random bytes: a series or a typed, located error.
    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes)?;
    }

    /// Random bytes after a valid header, biased toward CSV punctuation and digits.
    #[test]
    fn csvish_bytes(body in proptest::collection::vec(
        prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'-'), Just(b'.'), Just(b'/'), Just(b' '), b'0'..=b'9', any::<u8>()],
        0..600,
    )) {
        let mut bytes = b"date,open,high,low,close,volume\n".to_vec();
        bytes.extend(body);
        check(&bytes)?;
    }

    /// Well-formed files in any dialect (BOM, CRLF/CR/LF mixed, quoted fields, thousands
    /// separators, spaces, empty lines) read back exactly; every truncation of them is a
    /// series or a located error.
    #[test]
    fn dialects_and_truncation(rows in rows(), style in proptest::collection::vec(any::<u8>(), 1..40), cut in 0.0f64..1.0) {
        let (bytes, want) = render(&rows, &style);
        if rows.is_empty() {
            let empty = matches!(read_csv_from(&bytes[..], &CsvOptions::new("F")), Err(Error::Empty { .. }));
            prop_assert!(empty, "a header-only file is Empty");
        } else {
            let (s, _) = read_csv_from(&bytes[..], &CsvOptions::new("F")).map_err(|e| TestCaseError::fail(format!("{e}: {:?}", String::from_utf8_lossy(&bytes))))?;
            prop_assert_eq!(s.close(), want.as_slice());
        }
        let k = (bytes.len() as f64 * cut) as usize;
        check(&bytes[..k])?;
    }

    /// Huge fields (up to 100k bytes) in the date, a number or the header.
    #[test]
    fn huge_fields(len in 1usize..100_000, where_ in 0u8..3, ch in prop_oneof![Just(b'9'), Just(b'x'), Just(b','), Just(b'"')]) {
        let big = String::from_utf8(vec![ch; len]).unwrap_or_default();
        let text = match where_ {
            0 => format!("date,close\n{big},1.0\n"),
            1 => format!("date,close\n2020-01-02,{big}\n"),
            _ => format!("date,{big}\n2020-01-02,1.0\n"),
        };
        check(text.as_bytes())?;
    }

    /// write_csv then read_csv_from gives the same series.
    #[test]
    fn write_read_roundtrip(c in (1usize..50).prop_flat_map(walk)) {
        let s = PriceSeries::from_closes("X", weekday_times(c.len()), c).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut buf = Vec::new();
        write_csv(&s, &mut buf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (back, _) = read_csv_from(&buf[..], &CsvOptions::new("X")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.close(), s.close());
        prop_assert_eq!(back.times(), s.times());
    }
}

/// Every file in `tests/regressions/csv/` (inputs that once failed or are known traps) reads
/// to a series or a typed, located error, in both modes. A file whose name starts with `ok_`
/// must read strictly.
#[test]
fn regression_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions/csv");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if let Err(e) = check(&bytes) {
            panic!("{}: {e}", path.display());
        }
        let name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with("ok_")
            && let Err(e) = read_csv_from(&bytes[..], &CsvOptions::new("F"))
        {
            panic!("{name}: {e}");
        }
        n += 1;
    }
    assert!(n > 0, "empty corpus");
}
