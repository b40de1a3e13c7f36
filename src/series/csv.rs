//! Reading and writing price series as CSV.

use std::io::{Read, Write};
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

use super::price_series::{
    Bar, PriceBasis, PriceSeries, RepairAction, RepairKind, RepairReport, Validation,
};
use crate::error::{Error, Result, Row};

/// How the date column is written.
///
/// ```
/// use chartist::series::{read_csv_from, CsvOptions, DateFormat};
/// let german = "date,close\n16.01.2026,250.1\n";
/// let opts = CsvOptions::new("X").date_format(DateFormat::Date("%d.%m.%Y".into()));
/// let (s, _) = read_csv_from(german.as_bytes(), &opts)?;
/// assert_eq!(s.first().date().to_string(), "2026-01-16");
/// // DateFormat::Auto, the default, reads US dates among others:
/// let (s, _) = read_csv_from("date,close\n01/16/2026,250.1\n".as_bytes(), &CsvOptions::new("X"))?;
/// assert_eq!(s.first().date().to_string(), "2026-01-16");
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DateFormat {
    /// Detect per value: ISO date (`2026-01-16`), ISO date-time (`2026-01-16T09:30:00`,
    /// `2026-01-16 09:30`, optional fractional seconds and a `Z`/`±hh:mm` offset, which is
    /// dropped to keep the exchange's wall-clock time), `MM/DD/YYYY` or `M/D/YY`,
    /// `DD-Mon-YY` or `DD-Mon-YYYY` (`14-Dec-09`), or Unix seconds (an integer of 9 or more
    /// digits, read as UTC). Two-digit years 00–68 are 2000–2068, 69–99 are 1969–1999.
    #[default]
    Auto,
    /// A `chrono` strftime format for a date (`"%d.%m.%Y"`).
    Date(String),
    /// A `chrono` strftime format for a date-time (`"%Y%m%d %H%M%S"`).
    DateTime(String),
    /// Unix seconds.
    UnixSeconds,
}

/// Options for reading CSV, with builder methods.
///
/// ```
/// use chartist::series::{CsvOptions, DateFormat, PriceBasis};
/// let opts = CsvOptions::new("IWM")
///     .adjusted_close(true)
///     .date_format(DateFormat::Date("%d.%m.%Y".into()));
/// assert_eq!(opts.symbol, "IWM");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CsvOptions {
    /// The symbol given to the series (default: empty; [`read_csv`] uses the file stem).
    pub symbol: String,
    /// How dates are parsed.
    pub date_format: DateFormat,
    /// Use the `Adj Close` column as the close and scale open, high and low by the same
    /// factor (`adj_close / close`) per row; the series is tagged [`PriceBasis::TotalReturn`].
    pub adjusted_close: bool,
    /// The price-basis tag when `adjusted_close` is off (default split-adjusted).
    pub basis: PriceBasis,
    /// Strict (error on the first bad row) or repair (drop bad rows and report them).
    pub validation: Validation,
    /// Explicit name of the date column, overriding detection.
    pub date_column: Option<String>,
    /// Explicit name of the close column, overriding detection.
    pub close_column: Option<String>,
    /// Field delimiter (default `,`).
    pub delimiter: Option<u8>,
}

impl CsvOptions {
    /// Default options with a symbol.
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions, DateFormat, Validation};
    /// let opts = CsvOptions::new("IWM");
    /// assert_eq!((&opts.date_format, opts.validation), (&DateFormat::Auto, Validation::Strict));
    /// let (s, _) = read_csv_from("date,close\n2026-01-16,250.1\n".as_bytes(), &opts)?;
    /// assert_eq!(s.symbol(), "IWM");
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(symbol: impl Into<String>) -> Self {
        CsvOptions {
            symbol: symbol.into(),
            ..Default::default()
        }
    }
    /// Sets the date format.
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions, DateFormat};
    /// let data = "time,close\n20260116 093000,250.1\n20260116 093100,250.3\n";
    /// let opts = CsvOptions::new("X").date_format(DateFormat::DateTime("%Y%m%d %H%M%S".into()));
    /// let (s, _) = read_csv_from(data.as_bytes(), &opts)?;
    /// assert_eq!(s.times()[1].to_string(), "2026-01-16 09:31:00");
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn date_format(mut self, f: DateFormat) -> Self {
        self.date_format = f;
        self
    }
    /// Uses `Adj Close` as the close (see the field).
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions, PriceBasis};
    /// let data = "Date,Open,High,Low,Close,Adj Close\n2026-01-16,100,110,90,100,50\n";
    /// let (s, _) = read_csv_from(data.as_bytes(), &CsvOptions::new("X").adjusted_close(true))?;
    /// assert_eq!(s.close(), &[50.0]);
    /// assert_eq!((s.open()[0], s.high()[0], s.low()[0]), (50.0, 55.0, 45.0)); // scaled by 50 / 100
    /// assert_eq!(s.basis(), PriceBasis::TotalReturn);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn adjusted_close(mut self, on: bool) -> Self {
        self.adjusted_close = on;
        self
    }
    /// Sets the price-basis tag.
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions, PriceBasis};
    /// let data = "date,close\n2026-01-16,250.1\n";
    /// let (s, _) = read_csv_from(data.as_bytes(), &CsvOptions::new("X").basis(PriceBasis::Raw))?;
    /// assert_eq!(s.basis(), PriceBasis::Raw); // a tag only: the prices are read as they are
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn basis(mut self, b: PriceBasis) -> Self {
        self.basis = b;
        self
    }
    /// Sets strict or repair validation.
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions, Validation};
    /// let data = "date,close\n2026-01-02,250.1\n2026-01-05,abc\n2026-01-06,251.0\n";
    /// assert!(read_csv_from(data.as_bytes(), &CsvOptions::new("X")).is_err()); // strict by default
    /// let opts = CsvOptions::new("X").validation(Validation::Repair);
    /// let (s, report) = read_csv_from(data.as_bytes(), &opts)?;
    /// assert_eq!(s.close(), &[250.1, 251.0]);
    /// assert_eq!(report.actions[0].row, 3); // the file line of "abc"
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn validation(mut self, v: Validation) -> Self {
        self.validation = v;
        self
    }
    /// Names the date column explicitly.
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions};
    /// let data = "trade_day,close\n2026-01-16,250.1\n";
    /// let err = read_csv_from(data.as_bytes(), &CsvOptions::new("X"));
    /// assert!(matches!(err, Err(chartist::Error::MissingColumn { column: "date", .. })));
    /// let (s, _) = read_csv_from(data.as_bytes(), &CsvOptions::new("X").date_column("trade_day"))?;
    /// assert_eq!(s.len(), 1);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn date_column(mut self, name: impl Into<String>) -> Self {
        self.date_column = Some(name.into());
        self
    }
    /// Names the close column explicitly.
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions};
    /// let data = "date,last,bid\n2026-01-16,250.1,250.0\n";
    /// let (s, _) = read_csv_from(data.as_bytes(), &CsvOptions::new("X").close_column("last"))?;
    /// assert_eq!(s.close(), &[250.1]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn close_column(mut self, name: impl Into<String>) -> Self {
        self.close_column = Some(name.into());
        self
    }
    /// Sets the field delimiter.
    ///
    /// ```
    /// use chartist::series::{read_csv_from, CsvOptions};
    /// let data = "date;close\n2026-01-15;249.0\n2026-01-16;250.1\n";
    /// let (s, _) = read_csv_from(data.as_bytes(), &CsvOptions::new("X").delimiter(b';'))?;
    /// assert_eq!(s.close(), &[249.0, 250.1]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn delimiter(mut self, d: u8) -> Self {
        self.delimiter = Some(d);
        self
    }
}

const DATE_NAMES: &[&str] = &["date", "datetime", "timestamp", "time"];

/// Reads a CSV file into a series. The symbol is the file stem unless `options.symbol` is set.
///
/// See [`read_csv_from`] for the columns and formats understood.
///
/// ```
/// use chartist::series::{read_csv, write_csv_file, CsvOptions, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let path = std::env::temp_dir().join("chartist_doc_read_csv_IWM.csv");
/// write_csv_file(&PriceSeries::from_daily_closes("", &[d(2), d(5)], vec![1.0, 2.0])?, &path)?;
/// let (s, report) = read_csv(&path, &CsvOptions::default())?;
/// assert_eq!(s.symbol(), "chartist_doc_read_csv_IWM"); // the file stem
/// assert!(report.is_empty());
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; otherwise as [`read_csv_from`].
pub fn read_csv(
    path: impl AsRef<Path>,
    options: &CsvOptions,
) -> Result<(PriceSeries, RepairReport)> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::Io {
        path: Some(path.display().to_string()),
        source: e,
    })?;
    let mut opts = options.clone();
    if opts.symbol.is_empty() {
        opts.symbol = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    read_csv_from(std::io::BufReader::with_capacity(1 << 16, file), &opts)
}

/// Reads CSV from any reader into a series.
///
/// Columns are found by header name, case-insensitively, in any order: the date column is
/// `Date`, `Datetime`, `Timestamp` or `Time`; prices `Open`, `High`, `Low`, `Close`,
/// `Adj Close` (also `adj_close`, `adjclose`); `Volume`. Only the date and close are
/// required: a close-only file gives a series with open = high = low = close and volume 0
/// ([`PriceSeries::has_ohlc`] is false). A byte-order mark, surrounding spaces, empty lines,
/// quoted fields and numbers with thousands separators (`"1,234.5"`) are accepted.
///
/// Returns the series and the repair report (always empty in strict mode).
///
/// ```
/// use chartist::series::{read_csv_from, CsvOptions};
///
/// let data = "Date,Close,High,Low,Open,Volume\n\
///             2025-12-31,246.2,247.0,245.1,246.0,100\n\
///             2026-01-02,250.1,251.0,246.5,247.0,120\n";
/// let (s, _) = read_csv_from(data.as_bytes(), &CsvOptions::new("IWM"))?;
/// assert_eq!(s.close(), &[246.2, 250.1]);
/// assert_eq!(s.open()[1], 247.0);
///
/// let bad = "date,close\n2026-01-02,250.1\n2026-01-05,abc\n";
/// let err = read_csv_from(bad.as_bytes(), &CsvOptions::new("X")).unwrap_err();
/// assert_eq!(err.to_string(), r#"line 3, column "close": cannot read "abc" as a number"#);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::MissingColumn`] for a header with no date or close column; [`Error::Csv`] naming
/// the line, column and text of an unparseable value (strict mode; repair mode drops the row
/// and reports it); the errors of [`PriceSeries::from_bars`] for invalid values (with CSV line
/// numbers as rows); [`Error::Empty`] for a file with no data rows.
pub fn read_csv_from<R: Read>(
    reader: R,
    options: &CsvOptions,
) -> Result<(PriceSeries, RepairReport)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(options.delimiter.unwrap_or(b','))
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let csv_err = |line: usize, e: csv::Error| Error::Csv {
        line: Row(line),
        column: String::new(),
        problem: e.to_string(),
    };
    // Header: the first non-empty record.
    let header: Vec<String> = loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => {
                return Err(Error::Empty {
                    what: "csv input (no header)".into(),
                })
            }
            Ok(true) => {
                if record.iter().all(|f| f.trim_ascii().is_empty()) {
                    continue;
                }
                break record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let s = String::from_utf8_lossy(f);
                        let s = if i == 0 {
                            s.trim_start_matches('\u{feff}')
                        } else {
                            &s
                        };
                        s.trim().to_string()
                    })
                    .collect();
            }
            Err(e) => return Err(csv_err(1, e)),
        }
    };
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let find = |explicit: &Option<String>, names: &[&str]| -> Option<usize> {
        match explicit {
            Some(e) => header.iter().position(|h| norm(h) == norm(e)),
            None => names
                .iter()
                .find_map(|n| header.iter().position(|h| norm(h) == *n)),
        }
    };
    let found = header.join(", ");
    let date_col = find(&options.date_column, DATE_NAMES).ok_or(Error::MissingColumn {
        column: "date",
        found: found.clone(),
        accepted: options
            .date_column
            .clone()
            .unwrap_or_else(|| "Date, Datetime, Timestamp or Time".into()),
    })?;
    let adj_col = find(&None, &["adjclose", "adjustedclose"]);
    let close_col = if options.adjusted_close {
        adj_col.ok_or(Error::MissingColumn {
            column: "adj close",
            found: found.clone(),
            accepted: "Adj Close".into(),
        })?
    } else {
        find(&options.close_column, &["close"]).ok_or(Error::MissingColumn {
            column: "close",
            found: found.clone(),
            accepted: options
                .close_column
                .clone()
                .unwrap_or_else(|| "Close".into()),
        })?
    };
    let raw_close_col = if options.adjusted_close {
        find(&None, &["close"])
    } else {
        None
    };
    let open_col = find(&None, &["open"]);
    let high_col = find(&None, &["high"]);
    let low_col = find(&None, &["low"]);
    let vol_col = find(&None, &["volume", "vol"]);
    let has_ohlc = open_col.is_some() && high_col.is_some() && low_col.is_some();
    let has_volume = vol_col.is_some();

    let mut dates = DateParser::new(options.date_format.clone());
    let mut bars: Vec<Bar> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut report = RepairReport::default();
    let repair = options.validation == Validation::Repair;
    let mut line = 1usize;
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let l = e.position().map_or(line + 1, |p| p.line() as usize);
                if repair {
                    report.actions.push(RepairAction {
                        row: l,
                        time: None,
                        kind: RepairKind::UnparseableDropped(e.to_string()),
                    });
                    line = l;
                    continue;
                }
                return Err(csv_err(l, e));
            }
        }
        line = record.position().map_or(line + 1, |p| p.line() as usize);
        if record.len() <= 1 && record.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        match parse_row(
            &record,
            &header,
            &mut dates,
            date_col,
            close_col,
            [open_col, high_col, low_col, vol_col],
            raw_close_col,
            line,
        ) {
            Ok(bar) => {
                bars.push(bar);
                lines.push(line);
            }
            Err(e) if repair => report.actions.push(RepairAction {
                row: line,
                time: None,
                kind: RepairKind::UnparseableDropped(e.to_string()),
            }),
            Err(e) => return Err(e),
        }
    }
    if bars.is_empty() && report.is_empty() {
        return Err(Error::Empty {
            what: "csv input (no data rows)".into(),
        });
    }
    let (mut series, build_report) = PriceSeries::build(
        options.symbol.clone(),
        bars,
        options.validation,
        Some(&lines),
    )?;
    report.actions.extend(build_report.actions);
    report.actions.sort_by_key(|a| a.row);
    series.set_fields(has_ohlc, has_volume);
    let basis = if options.adjusted_close {
        PriceBasis::TotalReturn
    } else {
        options.basis
    };
    Ok((series.with_basis(basis), report))
}

#[allow(clippy::too_many_arguments)]
fn parse_row(
    record: &csv::ByteRecord,
    header: &[String],
    dates: &mut DateParser,
    date_col: usize,
    close_col: usize,
    [open_col, high_col, low_col, vol_col]: [Option<usize>; 4],
    raw_close_col: Option<usize>,
    line: usize,
) -> Result<Bar> {
    let field = |c: usize| -> Result<&[u8]> {
        record.get(c).ok_or_else(|| Error::Csv {
            line: Row(line),
            column: format!(", column {:?}", header[c]),
            problem: format!(
                "the row has {} fields but the header has {}",
                record.len(),
                header.len()
            ),
        })
    };
    let number = |c: usize| -> Result<f64> {
        let f = field(c)?;
        parse_number(f).ok_or_else(|| Error::Csv {
            line: Row(line),
            column: format!(", column {:?}", header[c]),
            problem: if f.is_empty() {
                "empty value".into()
            } else {
                format!("cannot read {:?} as a number", String::from_utf8_lossy(f))
            },
        })
    };
    let dtext = field(date_col)?.trim_ascii();
    let time = dates.parse(dtext).ok_or_else(|| Error::Csv {
        line: Row(line),
        column: format!(", column {:?}", header[date_col]),
        problem: if dtext.is_empty() {
            "empty date".into()
        } else {
            format!(
                "cannot read {:?} as a date ({})",
                String::from_utf8_lossy(dtext),
                dates.describe()
            )
        },
    })?;
    let close = number(close_col)?;
    let mut bar = Bar::close_only(time, close);
    if let (Some(o), Some(h), Some(l)) = (open_col, high_col, low_col) {
        bar.open = number(o)?;
        bar.high = number(h)?;
        bar.low = number(l)?;
        if let Some(rc) = raw_close_col {
            let raw = number(rc)?;
            if raw != 0.0 && raw.is_finite() {
                let factor = close / raw;
                bar.open *= factor;
                bar.high *= factor;
                bar.low *= factor;
            }
        }
    }
    if let Some(v) = vol_col {
        bar.volume = number(v)?;
    }
    Ok(bar)
}

/// Parses a decimal number, accepting thousands separators (`1,234.5`).
fn parse_number(f: &[u8]) -> Option<f64> {
    let f = f.trim_ascii();
    if let Ok(v) = fast_float2::parse::<f64, _>(f) {
        return Some(v);
    }
    let s = std::str::from_utf8(f).ok()?;
    if s.contains(',') {
        // Thousands separators: digits in groups of three after the first group.
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let int = int.strip_prefix(['-', '+']).unwrap_or(int);
        let mut groups = int.split(',');
        let first = groups.next()?;
        let ok = !first.is_empty()
            && first.len() <= 3
            && first.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
            && frac.bytes().all(|b| b.is_ascii_digit());
        if ok {
            return s.replace(',', "").parse().ok();
        }
    }
    None
}

/// Date parsing with per-file format memory: the format that read the previous value is tried
/// first, so a file in one format costs one fast parse per row.
struct DateParser {
    format: DateFormat,
    last: Option<AutoKind>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoKind {
    Iso,
    Slash,
    DayMon,
    Unix,
}

const AUTO_ORDER: [AutoKind; 4] = [
    AutoKind::Iso,
    AutoKind::Slash,
    AutoKind::DayMon,
    AutoKind::Unix,
];

impl DateParser {
    fn new(format: DateFormat) -> Self {
        DateParser { format, last: None }
    }

    fn describe(&self) -> String {
        match &self.format {
            DateFormat::Auto => {
                "expected YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], MM/DD/YYYY, DD-Mon-YY or Unix seconds"
                    .into()
            }
            DateFormat::Date(f) | DateFormat::DateTime(f) => format!("expected format {f:?}"),
            DateFormat::UnixSeconds => "expected Unix seconds".into(),
        }
    }

    fn parse(&mut self, b: &[u8]) -> Option<NaiveDateTime> {
        match &self.format {
            DateFormat::Auto => {
                if let Some(k) = self.last
                    && let Some(t) = parse_kind(k, b)
                {
                    return Some(t);
                }
                for k in AUTO_ORDER {
                    if Some(k) != self.last
                        && let Some(t) = parse_kind(k, b)
                    {
                        self.last = Some(k);
                        return Some(t);
                    }
                }
                None
            }
            DateFormat::Date(f) => {
                let s = std::str::from_utf8(b).ok()?;
                NaiveDate::parse_from_str(s, f)
                    .ok()
                    .map(|d| d.and_time(NaiveTime::MIN))
            }
            DateFormat::DateTime(f) => {
                let s = std::str::from_utf8(b).ok()?;
                NaiveDateTime::parse_from_str(s, f).ok()
            }
            DateFormat::UnixSeconds => parse_unix(b),
        }
    }
}

fn parse_kind(k: AutoKind, b: &[u8]) -> Option<NaiveDateTime> {
    match k {
        AutoKind::Iso => parse_iso(b),
        AutoKind::Slash => parse_slash(b),
        AutoKind::DayMon => parse_day_mon(b),
        AutoKind::Unix => parse_unix(b),
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

fn year2(y: u32) -> i32 {
    if y <= 68 {
        2000 + y as i32
    } else {
        1900 + y as i32
    }
}

/// `YYYY-MM-DD`, optionally followed by `T` or space and `HH:MM[:SS[.fff]]` and an offset.
fn parse_iso(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(&b[0..4])? as i32;
    let m = digits(&b[5..7])?;
    let d = digits(&b[8..10])?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    if b.len() == 10 {
        return Some(date.and_time(NaiveTime::MIN));
    }
    if b[10] != b'T' && b[10] != b' ' {
        return None;
    }
    let rest = &b[11..];
    if rest.len() < 5 || rest[2] != b':' {
        return None;
    }
    let hh = digits(&rest[0..2])?;
    let mm = digits(&rest[3..5])?;
    let mut i = 5;
    let mut ss = 0;
    let mut nanos = 0u32;
    if rest.len() >= 8 && rest[5] == b':' {
        ss = digits(&rest[6..8])?;
        i = 8;
        if rest.len() > 8 && rest[8] == b'.' {
            let mut j = 9;
            let mut scale = 100_000_000u32;
            while j < rest.len() && rest[j].is_ascii_digit() {
                nanos += u32::from(rest[j] - b'0') * scale;
                scale /= 10;
                j += 1;
            }
            if j == 9 {
                return None;
            }
            i = j;
        }
    }
    // Optional offset, dropped: Z, +hh:mm, -hh:mm, +hhmm.
    let tz = &rest[i..];
    let tz_ok = tz.is_empty()
        || tz == b"Z"
        || ((tz[0] == b'+' || tz[0] == b'-')
            && matches!(tz.len(), 3 | 5 | 6)
            && tz[1..].iter().all(|c| c.is_ascii_digit() || *c == b':'));
    if !tz_ok {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(hh, mm, ss, nanos)?;
    Some(date.and_time(time))
}

/// `M/D/YYYY` or `M/D/YY` (US order), optionally followed by ` HH:MM[:SS]`.
fn parse_slash(b: &[u8]) -> Option<NaiveDateTime> {
    let (date_part, time_part) = match b.iter().position(|&c| c == b' ') {
        Some(p) => (&b[..p], Some(&b[p + 1..])),
        None => (b, None),
    };
    let mut it = date_part.split(|&c| c == b'/');
    let m = it.next()?;
    let d = it.next()?;
    let y = it.next()?;
    if it.next().is_some() || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let year = match y.len() {
        4 => digits(y)? as i32,
        2 => year2(digits(y)?),
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, digits(m)?, digits(d)?)?;
    let time = match time_part {
        None => NaiveTime::MIN,
        Some(t) => {
            let s = std::str::from_utf8(t).ok()?;
            NaiveTime::parse_from_str(s, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
                .ok()?
        }
    };
    Some(date.and_time(time))
}

/// `DD-Mon-YY` or `DD-Mon-YYYY` (`14-Dec-09`).
fn parse_day_mon(b: &[u8]) -> Option<NaiveDateTime> {
    let mut it = b.split(|&c| c == b'-');
    let d = it.next()?;
    let mon = it.next()?;
    let y = it.next()?;
    if it.next().is_some() || d.is_empty() || d.len() > 2 || mon.len() != 3 {
        return None;
    }
    const MONTHS: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let lower = [
        mon[0].to_ascii_lowercase(),
        mon[1].to_ascii_lowercase(),
        mon[2].to_ascii_lowercase(),
    ];
    let m = MONTHS.iter().position(|x| **x == lower)? as u32 + 1;
    let year = match y.len() {
        4 => digits(y)? as i32,
        2 => year2(digits(y)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, m, digits(d)?).map(|d| d.and_time(NaiveTime::MIN))
}

/// Unix seconds (UTC), 9 to 11 digits, optionally with a fractional part.
fn parse_unix(b: &[u8]) -> Option<NaiveDateTime> {
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(p) => (&b[..p], &b[p + 1..]),
        None => (b, &b""[..]),
    };
    if !(9..=11).contains(&int.len()) || !int.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let secs: i64 = std::str::from_utf8(int).ok()?.parse().ok()?;
    DateTime::from_timestamp(secs, 0).map(|t| t.naive_utc())
}

/// Writes a series as CSV with header `date,open,high,low,close,volume`.
///
/// Daily series (every timestamp at midnight) write ISO dates, others ISO date-times
/// (`2026-01-16 09:30:00`). Numbers use Rust's shortest round-trip formatting, so
/// reading the file back gives identical values.
///
/// ```
/// use chartist::series::{read_csv_from, write_csv, CsvOptions, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5)], vec![1.5, 2.25])?;
/// let mut buf = Vec::new();
/// write_csv(&s, &mut buf)?;
/// assert!(String::from_utf8_lossy(&buf).starts_with("date,open,high,low,close,volume\n2026-01-02,1.5,"));
/// let (back, _) = read_csv_from(&buf[..], &CsvOptions::new("X"))?;
/// assert_eq!(back.close(), s.close());
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::Io`] when writing fails.
pub fn write_csv<W: Write>(series: &PriceSeries, writer: W) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: None,
        source: e,
    };
    let mut w = std::io::BufWriter::new(writer);
    let daily = series.times().iter().all(|t| t.time() == NaiveTime::MIN);
    writeln!(w, "date,open,high,low,close,volume").map_err(io)?;
    for b in series.bars() {
        if daily {
            write!(w, "{}", b.time.date()).map_err(io)?;
        } else {
            write!(w, "{}", b.time.format("%Y-%m-%d %H:%M:%S%.f")).map_err(io)?;
        }
        writeln!(
            w,
            ",{},{},{},{},{}",
            b.open, b.high, b.low, b.close, b.volume
        )
        .map_err(io)?;
    }
    w.flush().map_err(io)
}

/// Writes a series to a CSV file (see [`write_csv`]).
///
/// ```
/// use chartist::series::{write_csv_file, PriceSeries};
/// use chrono::NaiveDate;
/// let s = PriceSeries::from_daily_closes("X", &[NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()], vec![1.5])?;
/// let path = std::env::temp_dir().join("chartist_doc_write_csv_file.csv");
/// write_csv_file(&s, &path)?;
/// assert!(std::fs::read_to_string(&path).unwrap().starts_with("date,open,high,low,close,volume"));
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::Io`] when the file cannot be created or written.
pub fn write_csv_file(series: &PriceSeries, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let f = std::fs::File::create(path).map_err(|e| Error::Io {
        path: Some(path.display().to_string()),
        source: e,
    })?;
    write_csv(series, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> Option<String> {
        DateParser::new(DateFormat::Auto)
            .parse(s.as_bytes())
            .map(|t| t.to_string())
    }

    #[test]
    fn date_formats() {
        assert_eq!(dt("2026-01-16").as_deref(), Some("2026-01-16 00:00:00"));
        assert_eq!(
            dt("2020-12-15 09:30").as_deref(),
            Some("2020-12-15 09:30:00")
        );
        assert_eq!(
            dt("2020-12-15T09:30:05.250Z").as_deref(),
            Some("2020-12-15 09:30:05.250")
        );
        assert_eq!(
            dt("2020-12-15 09:30:00-05:00").as_deref(),
            Some("2020-12-15 09:30:00")
        );
        assert_eq!(dt("01/03/2017").as_deref(), Some("2017-01-03 00:00:00"));
        assert_eq!(dt("1/3/2017").as_deref(), Some("2017-01-03 00:00:00"));
        assert_eq!(dt("01/03/17").as_deref(), Some("2017-01-03 00:00:00"));
        assert_eq!(dt("14-Dec-09").as_deref(), Some("2009-12-14 00:00:00"));
        assert_eq!(dt("1-Mar-1999").as_deref(), Some("1999-03-01 00:00:00"));
        assert_eq!(dt("1768521600").as_deref(), Some("2026-01-16 00:00:00"));
        assert_eq!(dt("2026-02-30"), None);
        assert_eq!(dt("garbage"), None);
        assert_eq!(dt(""), None);
        assert_eq!(dt("13/01/2017"), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"1.5"), Some(1.5));
        assert_eq!(parse_number(b"1,234.5"), Some(1234.5));
        assert_eq!(parse_number(b"12,34.5"), None);
        assert_eq!(parse_number(b""), None);
        assert_eq!(parse_number(b"abc"), None);
        assert_eq!(parse_number(b" 2.5 "), Some(2.5));
        assert_eq!(parse_number(b"-0.001"), Some(-0.001));
        assert_eq!(parse_number(b"."), None);
        assert_eq!(parse_number(b"1e3"), Some(1000.0));
        assert_eq!(parse_number(b"NaN").map(f64::is_nan), Some(true));
    }

    #[test]
    fn fast_decimal_parse_matches_std() {
        let mut x: u64 = 0x1234_5678_9abc_def0;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x >> 2) % 1e9;
            for text in [
                format!("{v}"),
                format!("{v:.2}"),
                format!("{v:.6}"),
                format!("{}", x % 100_000),
            ] {
                let want: f64 = text.parse().unwrap();
                assert_eq!(parse_number(text.as_bytes()), Some(want), "{text}");
            }
        }
    }
}
