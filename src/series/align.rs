//! Putting two or many series on one calendar, and the [`Panel`] of many symbols.

use chrono::NaiveDateTime;
use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

use super::price_series::PriceSeries;
use super::time::TimeKey;
use crate::error::{Error, Result};

/// How [`align`] treats a date that some series lack.
///
/// ```
/// use chartist::series::{align, AlignOptions, Fill, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6)], vec![10.0, 20.0])?;
/// assert_eq!(AlignOptions::default().fill, Fill::None);
/// let (out, _) = align(&[&a, &b], AlignOptions { fill: Fill::Forward { max_gap: 1 } })?;
/// assert_eq!(out[1].close(), &[10.0, 10.0, 20.0]); // B's close of the 2nd repeated on the 5th
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Fill {
    /// Inner join: keep only the dates every series has (the default).
    #[default]
    None,
    /// Outer join with forward fill: on a date a series lacks, repeat its previous close as a
    /// flat bar (open = high = low = close, volume 0), for at most `max_gap` consecutive dates.
    /// Dates where some series cannot be filled (a longer gap, or before its first bar) are
    /// dropped.
    Forward {
        /// The most consecutive dates one series may be filled for.
        max_gap: usize,
    },
}

/// Options for [`align`] and [`Panel::from_series`].
///
/// ```
/// use chartist::series::{AlignOptions, Fill};
/// assert_eq!(AlignOptions::default(), AlignOptions::inner());
/// assert_eq!(AlignOptions::forward_fill(3).fill, Fill::Forward { max_gap: 3 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AlignOptions {
    /// What to do with dates some series lack.
    pub fill: Fill,
}

impl AlignOptions {
    /// Inner join (the default).
    ///
    /// ```
    /// use chartist::series::{align, AlignOptions, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
    /// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6)], vec![10.0, 20.0])?;
    /// let (out, _) = align(&[&a, &b], AlignOptions::inner())?;
    /// assert_eq!(out[0].close(), &[1.0, 3.0]); // only the 2nd and the 6th are shared
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn inner() -> Self {
        AlignOptions { fill: Fill::None }
    }

    /// Outer join, forward-filling gaps of at most `max_gap` dates.
    ///
    /// ```
    /// use chartist::series::{align, AlignOptions, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6), d(7)], vec![1.0, 2.0, 3.0, 4.0])?;
    /// let b = PriceSeries::from_daily_closes("B", &[d(2), d(7)], vec![10.0, 20.0])?;
    /// let (out, report) = align(&[&a, &b], AlignOptions::forward_fill(1))?;
    /// assert_eq!(out[1].close(), &[10.0, 10.0, 20.0]); // the 5th filled, the 6th (2nd missing day) dropped
    /// assert_eq!(out[0].dates().collect::<Vec<_>>(), vec![d(2), d(5), d(7)]);
    /// assert_eq!(report.dropped[0], vec![a.times()[2]]); // A's bar on the 6th
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn forward_fill(max_gap: usize) -> Self {
        AlignOptions {
            fill: Fill::Forward { max_gap },
        }
    }
}

/// What [`align`] did, per input series.
///
/// ```
/// use chartist::series::{align, midnight, AlignOptions, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6), d(7)], vec![10.0, 20.0, 30.0])?;
/// let (_, report) = align(&[&a, &b], AlignOptions::inner())?;
/// assert_eq!(report.dropped, vec![vec![midnight(d(5))], vec![midnight(d(7))]]);
/// assert!(report.filled.iter().all(|f| f.is_empty())); // an inner join fills nothing
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AlignReport {
    /// For each input series (in input order), its timestamps that are not in the result.
    pub dropped: Vec<Vec<NaiveDateTime>>,
    /// For each input series, the result timestamps it had no bar on and that were filled
    /// with its previous close (empty under an inner join).
    pub filled: Vec<Vec<NaiveDateTime>>,
}

impl AlignReport {
    /// Total number of input bars dropped across all series.
    ///
    /// ```
    /// use chartist::series::{align, AlignOptions, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
    /// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6), d(7)], vec![10.0, 20.0, 30.0])?;
    /// let (_, report) = align(&[&a, &b], AlignOptions::inner())?;
    /// assert_eq!(report.dropped_count(), 2); // A's 5th and B's 7th
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn dropped_count(&self) -> usize {
        self.dropped.iter().map(Vec::len).sum()
    }
    /// Total number of bars filled across all series.
    ///
    /// ```
    /// use chartist::series::{align, AlignOptions, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
    /// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6), d(7)], vec![10.0, 20.0, 30.0])?;
    /// let (_, report) = align(&[&a, &b], AlignOptions::forward_fill(1))?;
    /// assert_eq!((report.filled_count(), report.dropped_count()), (2, 0)); // B on the 5th, A on the 7th
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn filled_count(&self) -> usize {
        self.filled.iter().map(Vec::len).sum()
    }
}

/// Aligns series on a common calendar, by timestamp (never by position).
///
/// With the default [`Fill::None`] the result holds the dates every series has (inner join);
/// with [`Fill::Forward`] it holds the union of dates, gaps of up to `max_gap` dates filled from
/// the previous close. The report lists every dropped and filled timestamp per series.
///
/// Runs in O(total bars) by a k-way merge of the sorted timestamps.
///
/// ```
/// use chartist::series::{align, AlignOptions, PriceSeries};
/// use chrono::NaiveDate;
///
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6), d(7)], vec![10.0, 20.0, 30.0])?;
/// let (out, report) = align(&[&a, &b], AlignOptions::default())?;
/// assert_eq!(out[0].close(), &[1.0, 3.0]);
/// assert_eq!(out[1].close(), &[10.0, 20.0]);
/// assert_eq!(report.dropped_count(), 2); // A's 5th, B's 7th
///
/// let (out, _) = align(&[&a, &b], AlignOptions::forward_fill(1))?;
/// assert_eq!(out[0].close(), &[1.0, 2.0, 3.0, 3.0]); // A filled on the 7th
/// assert_eq!(out[1].close(), &[10.0, 10.0, 20.0, 30.0]); // B filled on the 5th
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] when no series is given; [`Error::NoCommonDates`] when the result would
/// have no dates.
pub fn align(
    series: &[&PriceSeries],
    options: AlignOptions,
) -> Result<(Vec<PriceSeries>, AlignReport)> {
    if series.is_empty() {
        return Err(Error::Empty {
            what: "list of series to align".into(),
        });
    }
    // For each series, per output row: the index of its bar on that row, or NONE (filled).
    let (calendar, rows) = match options.fill {
        Fill::None => inner_rows(series),
        Fill::Forward { max_gap } => forward_rows(series, max_gap),
    };
    if calendar.is_empty() {
        return Err(Error::NoCommonDates {
            what: "align".into(),
        });
    }
    let k = series.len();
    let mut report = AlignReport {
        dropped: Vec::with_capacity(k),
        filled: Vec::with_capacity(k),
    };
    let mut out = Vec::with_capacity(k);
    for (s, idx) in series.iter().zip(&rows) {
        let mut used = vec![false; s.len()];
        let mut filled = Vec::new();
        let n = idx.len();
        let (mut o, mut h, mut l, mut c, mut v) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (so, sh, sl, sc, sv) = (s.open(), s.high(), s.low(), s.close(), s.volume());
        for (r, &i) in idx.iter().enumerate() {
            let (i, is_fill) = (i & !FILLED, i & FILLED != 0);
            if is_fill {
                // `i` is the series' last bar before this date.
                let f = sc[i];
                o.push(f);
                h.push(f);
                l.push(f);
                c.push(f);
                v.push(0.0);
                filled.push(calendar[r]);
            } else {
                used[i] = true;
                o.push(so[i]);
                h.push(sh[i]);
                l.push(sl[i]);
                c.push(sc[i]);
                v.push(sv[i]);
            }
        }
        let dropped: Vec<NaiveDateTime> = s
            .times()
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| *t)
            .collect();
        report.dropped.push(dropped);
        report.filled.push(filled);
        out.push(PriceSeries::from_parts_unchecked(
            s.symbol().to_string(),
            s.basis(),
            calendar.clone(),
            o,
            h,
            l,
            c,
            v,
            s.has_ohlc(),
            s.has_volume(),
        ));
    }
    Ok((out, report))
}

/// Where each series' values come from on a common calendar: the index form of [`align`].
///
/// `rows[j][r]` is the index into series `j` of the bar that supplies calendar row `r`: its
/// own bar on that date, or (under [`Fill::Forward`], when `filled[j][r]`) its last bar before
/// it. Use it to gather only the columns you need, without materialising whole aligned series.
///
/// ```
/// use chartist::series::{align_index, midnight, AlignOptions, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6)], vec![10.0, 20.0])?;
/// let ix = align_index(&[&a, &b], AlignOptions::default())?;
/// assert_eq!(ix.times, vec![midnight(d(2)), midnight(d(6))]);
/// assert_eq!(ix.rows, vec![vec![0, 2], vec![0, 1]]); // A's bars 0 and 2, B's bars 0 and 1
/// assert_eq!(ix.filled[0], vec![false, false]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AlignIndex {
    /// The common calendar.
    pub times: Vec<NaiveDateTime>,
    /// Per series, per calendar row: the index of the bar used.
    pub rows: Vec<Vec<usize>>,
    /// Per series, per calendar row: true when the row was forward-filled (always false under
    /// an inner join).
    pub filled: Vec<Vec<bool>>,
}

impl AlignIndex {
    /// Gathers `column(series j)` onto the calendar: `out[r] = column[rows[j][r]]`.
    ///
    /// ```
    /// use chartist::series::{align_index, AlignOptions, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![1.0, 2.0, 3.0])?;
    /// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6)], vec![10.0, 20.0])?;
    /// let ix = align_index(&[&a, &b], AlignOptions::default())?;
    /// assert_eq!(ix.gather(0, a.close()), vec![1.0, 3.0]);
    /// assert_eq!(ix.gather(1, b.close()), vec![10.0, 20.0]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn gather(&self, series: usize, column: &[f64]) -> Vec<f64> {
        self.rows
            .get(series)
            .map(|r| {
                r.iter()
                    .map(|&i| column.get(i).copied().unwrap_or(f64::NAN))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Aligns series by timestamp like [`align`], returning only the calendar and, per series, the
/// bar index used on each date ([`AlignIndex`]) — O(total bars) and no copy of any column.
///
/// # Errors
/// As [`align`].
///
/// ```
/// use chartist::series::{align_index, AlignOptions, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5)], vec![1.0, 2.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(2), d(6)], vec![3.0, 4.0])?;
/// let ix = align_index(&[&a, &b], AlignOptions::forward_fill(1))?;
/// assert_eq!(ix.times.len(), 3);          // the 2nd, 5th and 6th
/// assert_eq!(ix.rows[1], vec![0, 0, 1]);  // B's 2nd carried into the 5th
/// assert_eq!(ix.filled[1], vec![false, true, false]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn align_index(series: &[&PriceSeries], options: AlignOptions) -> Result<AlignIndex> {
    if series.is_empty() {
        return Err(Error::Empty {
            what: "list of series to align".into(),
        });
    }
    let (times, raw) = match options.fill {
        Fill::None => inner_rows(series),
        Fill::Forward { max_gap } => forward_rows(series, max_gap),
    };
    if times.is_empty() {
        return Err(Error::NoCommonDates {
            what: "align".into(),
        });
    }
    if options.fill == Fill::None {
        // Nothing is filled under an inner join: no flags to strip.
        let filled = raw.iter().map(|r| vec![false; r.len()]).collect();
        return Ok(AlignIndex {
            times,
            rows: raw,
            filled,
        });
    }
    let filled = raw
        .iter()
        .map(|r| r.iter().map(|&i| i & FILLED != 0).collect())
        .collect();
    let rows = raw
        .into_iter()
        .map(|mut r| {
            r.iter_mut().for_each(|i| *i &= !FILLED);
            r
        })
        .collect();
    Ok(AlignIndex {
        times,
        rows,
        filled,
    })
}

/// Marks a row index as "filled from this earlier bar" in the row lists of [`align`].
const FILLED: usize = 1 << (usize::BITS - 1);

/// Inner join: the timestamps all series share, and each series' bar index on each.
fn inner_rows(series: &[&PriceSeries]) -> (Vec<NaiveDateTime>, Vec<Vec<usize>>) {
    let k = series.len();
    let cap = series.iter().map(|s| s.len()).min().unwrap_or(0);
    let mut calendar = Vec::with_capacity(cap);
    let mut rows: Vec<Vec<usize>> = (0..k).map(|_| Vec::with_capacity(cap)).collect();
    if let [a, b] = series {
        // Two series: a plain merge of the sorted timestamps.
        let (ta, tb) = (a.times(), b.times());
        let (mut i, mut j) = (0, 0);
        while i < ta.len() && j < tb.len() {
            match ta[i].cmp(&tb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    calendar.push(ta[i]);
                    rows[0].push(i);
                    rows[1].push(j);
                    i += 1;
                    j += 1;
                }
            }
        }
        return (calendar, rows);
    }
    let mut pos = vec![0usize; k];
    let times: Vec<&[NaiveDateTime]> = series.iter().map(|s| s.times()).collect();
    // Candidate: the latest current timestamp; advance every series up to it.
    'outer: while let Some(&first) = times[0].get(pos[0]) {
        let mut target = first;
        loop {
            let mut agreed = true;
            for j in 0..k {
                let tj = times[j];
                let mut p = pos[j];
                while p < tj.len() && tj[p] < target {
                    p += 1;
                }
                pos[j] = p;
                match tj.get(p) {
                    None => break 'outer,
                    Some(&t) if t > target => {
                        target = t;
                        agreed = false;
                    }
                    Some(_) => {}
                }
            }
            if agreed {
                break;
            }
        }
        calendar.push(target);
        for j in 0..k {
            rows[j].push(pos[j]);
            pos[j] += 1;
        }
    }
    (calendar, rows)
}

/// Outer join with forward fill of gaps up to `max_gap` rows.
fn forward_rows(series: &[&PriceSeries], max_gap: usize) -> (Vec<NaiveDateTime>, Vec<Vec<usize>>) {
    let k = series.len();
    let mut union: Vec<NaiveDateTime> =
        Vec::with_capacity(series.iter().map(|s| s.len()).max().unwrap_or(0));
    let mut pos = vec![0usize; k];
    loop {
        let mut next: Option<NaiveDateTime> = None;
        for (s, &p) in series.iter().zip(&pos) {
            if let Some(&t) = s.times().get(p) {
                next = Some(next.map_or(t, |n: NaiveDateTime| n.min(t)));
            }
        }
        let Some(t) = next else { break };
        union.push(t);
        for (s, p) in series.iter().zip(pos.iter_mut()) {
            if s.times().get(*p) == Some(&t) {
                *p += 1;
            }
        }
    }
    // Per series, per union row: own bar index, or last earlier bar | FILLED, or unfillable.
    const NONE: usize = usize::MAX;
    let mut keep = vec![true; union.len()];
    let mut raw: Vec<Vec<usize>> = Vec::with_capacity(k);
    for s in series {
        let t = s.times();
        let mut col = Vec::with_capacity(union.len());
        let mut p = 0usize;
        let mut gap = 0usize;
        for (r, u) in union.iter().enumerate() {
            if p < t.len() && t[p] == *u {
                col.push(p);
                p += 1;
                gap = 0;
            } else if p == 0 {
                col.push(NONE);
                keep[r] = false;
            } else {
                gap += 1;
                if gap > max_gap {
                    keep[r] = false;
                }
                col.push((p - 1) | FILLED);
            }
        }
        raw.push(col);
    }
    let calendar: Vec<NaiveDateTime> = union
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(t, _)| *t)
        .collect();
    let rows = raw
        .into_iter()
        .map(|col| {
            col.into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    (calendar, rows)
}

/// Many symbols on one calendar: an N-symbols × T-dates matrix per field.
///
/// Each field is an ndarray `Array2<f64>` of shape `(symbols, dates)` in standard (row-major)
/// layout, so one symbol's history is a contiguous row ([`close_of`](Self::close_of) returns it
/// as a slice) and one date's cross-section is a column ([`close_on_index`](Self::close_on_index)).
/// A member with no bar on a date holds NaN there: [`Panel::from_series`] with
/// [`PanelJoin::Outer`] keeps every date of any member, so members with shorter histories
/// (new listings) are NaN before their first bar. Functions over panels (relative strength,
/// breadth) skip NaN members on a date and say so in their docs.
///
/// ```
/// use chartist::series::{Panel, PanelJoin, PriceSeries};
/// use chrono::NaiveDate;
///
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5)], vec![1.0, 2.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(5), d(6)], vec![10.0, 20.0])?;
/// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
/// assert_eq!(p.symbols(), &["A".to_string(), "B".to_string()]);
/// assert_eq!(p.n_dates(), 3);
/// assert!(p.close_of(1)[0].is_nan()); // B has no bar on the 2nd
/// assert_eq!(p.close_on_index(1).to_vec(), vec![2.0, 10.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Panel {
    symbols: Vec<String>,
    times: Vec<NaiveDateTime>,
    open: Array2<f64>,
    high: Array2<f64>,
    low: Array2<f64>,
    close: Array2<f64>,
    volume: Array2<f64>,
    /// Per member: price basis, and whether it had OHLC and volume data.
    tags: Vec<MemberTags>,
}

/// What a [`Panel`] remembers about each member besides its values, so
/// [`Panel::series`] gives back a series that says what it has.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct MemberTags {
    basis: super::PriceBasis,
    has_ohlc: bool,
    has_volume: bool,
}

/// Which dates a [`Panel`] keeps.
///
/// ```
/// use chartist::series::{Panel, PanelJoin, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5)], vec![1.0, 2.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(5), d(6)], vec![10.0, 20.0])?;
/// let outer = Panel::from_series(&[a.clone(), b.clone()], PanelJoin::Outer)?;
/// let inner = Panel::from_series(&[a, b], PanelJoin::Inner)?;
/// assert_eq!((outer.n_dates(), inner.n_dates()), (3, 1)); // every date vs only the 5th
/// assert_eq!(PanelJoin::default(), PanelJoin::Outer);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PanelJoin {
    /// Every date any member has; members without a bar on a date hold NaN (the default).
    #[default]
    Outer,
    /// Only the dates every member has.
    Inner,
}

impl Panel {
    /// Builds a panel from series (one per symbol), on the union or intersection of their dates.
    ///
    /// ```
    /// use chartist::series::{Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5)], vec![1.0, 2.0])?;
    /// let b = PriceSeries::from_daily_closes("B", &[d(5), d(6)], vec![10.0, 20.0])?;
    /// let p = Panel::from_series(&[a.clone(), b], PanelJoin::Outer)?;
    /// assert_eq!((p.n_symbols(), p.n_dates()), (2, 3));
    /// assert!(Panel::from_series(&[a.clone(), a], PanelJoin::Outer).is_err()); // "A" twice
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`] for no series; [`Error::InvalidParameter`] for a repeated symbol;
    /// [`Error::NoCommonDates`] for an inner join with no shared date.
    pub fn from_series(series: &[PriceSeries], join: PanelJoin) -> Result<Panel> {
        if series.is_empty() {
            return Err(Error::Empty {
                what: "list of series for the panel".into(),
            });
        }
        for (i, s) in series.iter().enumerate() {
            if series[..i].iter().any(|p| p.symbol() == s.symbol()) {
                return Err(Error::param(
                    "series",
                    format!("symbol {:?} twice", s.symbol()),
                    "must name each symbol once",
                ));
            }
        }
        let mut times: Vec<NaiveDateTime> = match join {
            PanelJoin::Outer => series
                .iter()
                .flat_map(|s| s.times().iter().copied())
                .collect(),
            PanelJoin::Inner => {
                let mut common: Vec<NaiveDateTime> = series[0].times().to_vec();
                for s in &series[1..] {
                    let other = s.times();
                    common.retain(|t| other.binary_search(t).is_ok());
                }
                common
            }
        };
        times.sort_unstable();
        times.dedup();
        if times.is_empty() {
            return Err(Error::NoCommonDates {
                what: "panel".into(),
            });
        }
        let (n, t) = (series.len(), times.len());
        let mut p = Panel {
            symbols: series.iter().map(|s| s.symbol().to_string()).collect(),
            open: Array2::from_elem((n, t), f64::NAN),
            high: Array2::from_elem((n, t), f64::NAN),
            low: Array2::from_elem((n, t), f64::NAN),
            close: Array2::from_elem((n, t), f64::NAN),
            volume: Array2::from_elem((n, t), f64::NAN),
            times,
            tags: series
                .iter()
                .map(|s| MemberTags {
                    basis: s.basis(),
                    has_ohlc: s.has_ohlc(),
                    has_volume: s.has_volume(),
                })
                .collect(),
        };
        for (j, s) in series.iter().enumerate() {
            let mut c = 0usize;
            for (i, ts) in s.times().iter().enumerate() {
                while c < t && p.times[c] < *ts {
                    c += 1;
                }
                if c < t && p.times[c] == *ts {
                    p.open[[j, c]] = s.open()[i];
                    p.high[[j, c]] = s.high()[i];
                    p.low[[j, c]] = s.low()[i];
                    p.close[[j, c]] = s.close()[i];
                    p.volume[[j, c]] = s.volume()[i];
                }
            }
        }
        Ok(p)
    }

    /// Builds a close-only panel from a `(symbols, dates)` matrix of closes (NaN = no data).
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let closes = ndarray::array![[100.0, 101.0], [f64::NAN, 50.0]]; // B has no close on the 5th
    /// let p = Panel::from_closes(vec!["A".into(), "B".into()], vec![d(5), d(6)], closes)?;
    /// assert_eq!(p.close_on_index(1).to_vec(), vec![101.0, 50.0]);
    /// let bad = Panel::from_closes(vec!["A".into()], vec![d(5), d(6)], ndarray::array![[100.0, -1.0]]);
    /// assert!(matches!(bad, Err(chartist::Error::InvalidValue { .. })));
    /// let twice = Panel::from_closes(vec!["A".into(), "A".into()], vec![d(5), d(6)], closes_2x2());
    /// assert!(matches!(twice, Err(chartist::Error::InvalidParameter { .. })));
    /// # fn closes_2x2() -> ndarray::Array2<f64> { ndarray::array![[1.0, 2.0], [3.0, 4.0]] }
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when the matrix shape does not match `symbols` × `times`;
    /// [`Error::Empty`] for no symbols or no dates; [`Error::InvalidParameter`] for a symbol
    /// named twice (as [`Panel::from_series`]); [`Error::Unsorted`] /
    /// [`Error::DuplicateTimestamp`] for times not strictly increasing; [`Error::InvalidValue`]
    /// for a close that is infinite or not positive (NaN is allowed and means missing).
    pub fn from_closes(
        symbols: Vec<String>,
        times: Vec<NaiveDateTime>,
        close: Array2<f64>,
    ) -> Result<Panel> {
        if symbols.is_empty() {
            return Err(Error::Empty {
                what: "panel symbols".into(),
            });
        }
        if times.is_empty() {
            return Err(Error::Empty {
                what: "panel dates".into(),
            });
        }
        crate::error::check_len("close rows (symbols)", symbols.len(), close.nrows())?;
        crate::error::check_len("close columns (dates)", times.len(), close.ncols())?;
        // A symbol named twice would make every lookup by name see only its first row.
        let mut named = std::collections::HashSet::with_capacity(symbols.len());
        if let Some(twice) = symbols.iter().find(|s| !named.insert(s.as_str())) {
            return Err(Error::param(
                "symbols",
                format!("symbol {twice:?} twice"),
                "must name each symbol once",
            ));
        }
        for (i, w) in times.windows(2).enumerate() {
            if w[1] == w[0] {
                return Err(Error::DuplicateTimestamp {
                    row: crate::Row(i + 1),
                    at: crate::At(Some(w[1])),
                });
            }
            if w[1] < w[0] {
                return Err(Error::Unsorted {
                    row: crate::Row(i + 1),
                    at: crate::At(Some(w[1])),
                    previous: w[0],
                });
            }
        }
        for ((j, i), &v) in close.indexed_iter() {
            if !v.is_nan() && (!v.is_finite() || v <= 0.0) {
                return Err(Error::InvalidValue {
                    row: crate::Row(i),
                    at: crate::At(Some(times[i])),
                    field: "close",
                    value: v,
                    problem: format!("of symbol {:?} is not a positive finite price", symbols[j]),
                });
            }
        }
        let close = close.as_standard_layout().into_owned();
        Ok(Panel {
            open: close.clone(),
            high: close.clone(),
            low: close.clone(),
            volume: Array2::zeros(close.raw_dim()),
            tags: vec![MemberTags::default(); symbols.len()],
            symbols,
            close,
            times,
        })
    }

    /// Symbols, in row order.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// assert_eq!(p.symbols(), ["SPY", "IWM"]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn symbols(&self) -> &[String] {
        &self.symbols
    }
    /// Row index of `symbol`.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// assert_eq!(p.index_of("IWM"), Some(1));
    /// assert_eq!(p.index_of("QQQ"), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn index_of(&self, symbol: &str) -> Option<usize> {
        self.symbols.iter().position(|s| s == symbol)
    }
    /// Timestamps (columns), strictly increasing.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// assert_eq!(p.times(), &[d(5), d(6)]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn times(&self) -> &[NaiveDateTime] {
        &self.times
    }
    /// Number of symbols.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// assert_eq!(p.n_symbols(), 2);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn n_symbols(&self) -> usize {
        self.symbols.len()
    }
    /// Number of dates.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// assert_eq!(p.n_dates(), 2);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn n_dates(&self) -> usize {
        self.times.len()
    }
    /// Closes, shape `(symbols, dates)`.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// let c = p.close();
    /// assert_eq!(c.shape(), &[2, 2]); // (symbols, dates)
    /// assert_eq!(c[[0, 1]], 595.0); // SPY on the 6th
    /// assert!(c[[1, 0]].is_nan()); // IWM has no close on the 5th
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn close(&self) -> ArrayView2<'_, f64> {
        self.close.view()
    }
    /// Opens, shape `(symbols, dates)`.
    ///
    /// ```
    /// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0)])?;
    /// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(6), 20.0, 22.0, 19.0, 21.0, 300.0)])?;
    /// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
    /// assert_eq!(p.open()[[0, 0]], 10.0);
    /// assert!(p.open()[[0, 1]].is_nan()); // A has no bar on the 6th
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn open(&self) -> ArrayView2<'_, f64> {
        self.open.view()
    }
    /// Highs, shape `(symbols, dates)`.
    ///
    /// ```
    /// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0)])?;
    /// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(6), 20.0, 22.0, 19.0, 21.0, 300.0)])?;
    /// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
    /// let range = &p.high() - &p.low(); // every member's daily range at once
    /// assert_eq!((range[[0, 0]], range[[1, 1]]), (2.0, 3.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn high(&self) -> ArrayView2<'_, f64> {
        self.high.view()
    }
    /// Lows, shape `(symbols, dates)`.
    ///
    /// ```
    /// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0)])?;
    /// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(6), 20.0, 22.0, 19.0, 21.0, 300.0)])?;
    /// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
    /// assert_eq!(p.low().shape(), &[2, 2]);
    /// assert_eq!(p.low()[[1, 1]], 19.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn low(&self) -> ArrayView2<'_, f64> {
        self.low.view()
    }
    /// Volumes, shape `(symbols, dates)`.
    ///
    /// ```
    /// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0)])?;
    /// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(6), 20.0, 22.0, 19.0, 21.0, 300.0)])?;
    /// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
    /// let total: f64 = p.volume().iter().filter(|v| !v.is_nan()).sum();
    /// assert_eq!(total, 400.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn volume(&self) -> ArrayView2<'_, f64> {
        self.volume.view()
    }
    /// One symbol's closes as a contiguous slice (NaN where it has no bar).
    /// Returns an empty slice for an out-of-range row.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// assert_eq!(p.close_of(0), &[590.0, 595.0]);
    /// let sma = chartist::indicators::sma(p.close_of(0), 2)?; // a row is a plain slice
    /// assert_eq!(sma[1], 592.5);
    /// assert!(p.close_of(7).is_empty()); // no such row
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn close_of(&self, symbol_row: usize) -> &[f64] {
        row_slice(&self.close, symbol_row)
    }
    /// One symbol's highs as a contiguous slice.
    ///
    /// ```
    /// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0)])?;
    /// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(6), 20.0, 22.0, 19.0, 21.0, 300.0)])?;
    /// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
    /// assert_eq!(p.high_of(1)[1], 22.0);
    /// assert!(p.high_of(1)[0].is_nan()); // B has no bar on the 5th
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn high_of(&self, symbol_row: usize) -> &[f64] {
        row_slice(&self.high, symbol_row)
    }
    /// One symbol's lows as a contiguous slice.
    ///
    /// ```
    /// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0)])?;
    /// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(6), 20.0, 22.0, 19.0, 21.0, 300.0)])?;
    /// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
    /// assert_eq!(p.low_of(0)[0], 9.0);
    /// assert_eq!(p.low_of(0).len(), 2); // one value per panel date
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn low_of(&self, symbol_row: usize) -> &[f64] {
        row_slice(&self.low, symbol_row)
    }
    /// One symbol's volumes as a contiguous slice.
    ///
    /// ```
    /// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 11.0, 9.0, 10.5, 100.0)])?;
    /// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(6), 20.0, 22.0, 19.0, 21.0, 300.0)])?;
    /// let p = Panel::from_series(&[a, b], PanelJoin::Outer)?;
    /// assert_eq!(p.volume_of(1)[1], 300.0);
    /// assert!(p.volume_of(2).is_empty()); // no such row
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn volume_of(&self, symbol_row: usize) -> &[f64] {
        row_slice(&self.volume, symbol_row)
    }
    /// All members' closes on the date at column `date_col` (a strided view).
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// assert_eq!(p.close_on_index(1).to_vec(), vec![595.0, 250.0]); // both on the 6th
    /// assert!(p.close_on_index(2).is_empty()); // no such date column
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Panics
    /// Never for in-range columns; out-of-range columns give an empty view.
    pub fn close_on_index(&self, date_col: usize) -> ArrayView1<'_, f64> {
        if date_col < self.n_dates() {
            self.close.index_axis(Axis(1), date_col)
        } else {
            ArrayView1::from(&[][..])
        }
    }
    /// Column index of the last date at or before `key`.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let day = |n| NaiveDate::from_ymd_opt(2026, 1, n).unwrap();
    /// let p = Panel::from_closes(vec!["SPY".into()], vec![midnight(day(5)), midnight(day(6))],
    ///     ndarray::array![[590.0, 595.0]])?;
    /// assert_eq!(p.index_as_of(day(9)), Some(1)); // the 6th was the last date by the 9th
    /// assert_eq!(p.index_as_of(day(2)), None); // before the first date
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn index_as_of(&self, key: impl TimeKey) -> Option<usize> {
        super::time::last_at_or_before(&self.times, key.end())
    }
    /// Column index of the date `key` (a date's last timestamp for intraday data).
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let day = |n| NaiveDate::from_ymd_opt(2026, 1, n).unwrap();
    /// let p = Panel::from_closes(vec!["SPY".into()], vec![midnight(day(5)), midnight(day(6))],
    ///     ndarray::array![[590.0, 595.0]])?;
    /// assert_eq!(p.index_on(day(6)), Some(1));
    /// assert_eq!(p.index_on(day(7)), None); // no column for the 7th
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn index_on(&self, key: impl TimeKey) -> Option<usize> {
        let i = super::time::last_at_or_before(&self.times, key.end())?;
        (self.times[i] >= key.start()).then_some(i)
    }
    /// One member as a [`PriceSeries`], without its missing dates.
    ///
    /// The series keeps the member's [`PriceBasis`](super::PriceBasis) and whether it had OHLC
    /// and volume data ([`has_ohlc`](PriceSeries::has_ohlc),
    /// [`has_volume`](PriceSeries::has_volume)); members of a panel built with
    /// [`Panel::from_closes`] are close-only, with the default basis.
    ///
    /// ```
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let d = |day| midnight(NaiveDate::from_ymd_opt(2026, 1, day).unwrap());
    /// let p = Panel::from_closes(vec!["SPY".into(), "IWM".into()], vec![d(5), d(6)],
    ///     ndarray::array![[590.0, 595.0], [f64::NAN, 250.0]])?;
    /// let iwm = p.series(1)?;
    /// assert_eq!((iwm.symbol(), iwm.close()), ("IWM", &[250.0][..])); // the NaN date is left out
    /// assert!(!iwm.has_ohlc() && !iwm.has_volume()); // built from closes only
    /// assert!(p.series(2).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown row; [`Error::Empty`] when the member has no
    /// data at all.
    pub fn series(&self, symbol_row: usize) -> Result<PriceSeries> {
        if symbol_row >= self.n_symbols() {
            return Err(Error::param(
                "symbol_row",
                symbol_row,
                format!("must be below the number of symbols {}", self.n_symbols()),
            ));
        }
        let c = self.close_of(symbol_row);
        let keep: Vec<usize> = (0..c.len()).filter(|&i| !c[i].is_nan()).collect();
        if keep.is_empty() {
            return Err(Error::Empty {
                what: format!("panel member {:?}", self.symbols[symbol_row]),
            });
        }
        let pick = |a: &[f64]| keep.iter().map(|&i| a[i]).collect::<Vec<f64>>();
        let tag = self.tags.get(symbol_row).copied().unwrap_or_default();
        Ok(PriceSeries::from_parts_unchecked(
            self.symbols[symbol_row].clone(),
            tag.basis,
            keep.iter().map(|&i| self.times[i]).collect(),
            pick(self.row(&self.open, symbol_row)),
            pick(self.row(&self.high, symbol_row)),
            pick(self.row(&self.low, symbol_row)),
            pick(c),
            pick(self.volume_of(symbol_row)),
            tag.has_ohlc,
            tag.has_volume,
        ))
    }

    fn row<'a>(&self, a: &'a Array2<f64>, r: usize) -> &'a [f64] {
        row_slice(a, r)
    }
}

fn row_slice(a: &Array2<f64>, r: usize) -> &[f64] {
    if r >= a.nrows() {
        return &[];
    }
    let cols = a.ncols();
    a.as_slice()
        .map(|s| &s[r * cols..(r + 1) * cols])
        .unwrap_or(&[])
}
