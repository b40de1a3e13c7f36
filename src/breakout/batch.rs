//! The batch [`scan`](super::scan)'s driver: the [`BreakoutDetector`]'s state machine fed from
//! columns, with its per-bar bookkeeping done in separate tight passes over blocks of bars.
//!
//! The streaming detector does everything for a bar in one step: it records the bar in its
//! history, updates the ATR and the volume average, and slides the window. Here, per block of
//! input bars:
//!
//! 1. one pass keeps the valid bars (finite close) as columns: close, the prices the edges are
//!    drawn on, true range and the running sum of true ranges (the same additions in the same
//!    order as the detector, so the sums are bit for bit the same) and input position;
//! 2. one pass runs the state machine with the detector's own pieces: its monotonic queues
//!    ([`Mono`], which set the "next bar at least as high / as low" links in the columns), its
//!    window slide ([`slide`]), its range test ([`Window::qualify`], over the columns through
//!    [`Bars`]) and its breakout steps ([`BreakoutDetector::advance_open`],
//!    [`break_active`](BreakoutDetector::break_active),
//!    [`break_new`](BreakoutDetector::break_new));
//! 3. the detector's ATR and volume average are fed the bars' true ranges and volumes only
//!    when a breakout reads them, and at the end of each block.
//!
//! Bars before the window's start are dropped block by block, so memory follows the window
//! length, as in the detector.

use super::detector::{
    bar_extremes, beyond, mean_true_range, slide, Bar, BarRef, Bars, BreakoutConfig,
    BreakoutDetector, Limit, Mono, RangeBasis, Scan, Window, NONE,
};
use super::vol::true_range;
use crate::error::Result;

/// Input bars per block.
const BLOCK: usize = 4096;

/// The valid bars from `base` on, one column per field (valid positions).
#[derive(Debug, Default)]
struct Columns {
    base: usize,
    close: Vec<f64>,
    /// High, or close with [`RangeBasis::Close`] (what the edges are drawn on).
    high: Vec<f64>,
    low: Vec<f64>,
    /// The bar's true range.
    tr: Vec<f64>,
    /// Sum of the true ranges of the valid bars before this one.
    tr_before: Vec<f64>,
    /// Sum of the true ranges of every valid bar so far.
    tr_sum: f64,
    /// Set by the queues as in the detector (`NONE` until then).
    next_ge: Vec<usize>,
    next_le: Vec<usize>,
    /// Input position.
    index: Vec<usize>,
    /// Valid bars seen (the next bar's valid position).
    valid: usize,
    prev_close: Option<f64>,
}

/// The columns as the range tests read them (see [`Bars`]).
#[derive(Debug, Clone, Copy)]
struct View<'a> {
    base: usize,
    high: &'a [f64],
    low: &'a [f64],
    next_ge: &'a [usize],
    next_le: &'a [usize],
    tr_before: &'a [f64],
    tr_sum: f64,
    index: &'a [usize],
}

impl Bars for View<'_> {
    #[inline]
    fn high(&self, v: usize) -> f64 {
        self.high[v - self.base]
    }
    #[inline]
    fn low(&self, v: usize) -> f64 {
        self.low[v - self.base]
    }
    #[inline]
    fn next_ge(&self, v: usize) -> usize {
        self.next_ge[v - self.base]
    }
    #[inline]
    fn next_le(&self, v: usize) -> usize {
        self.next_le[v - self.base]
    }
    #[inline]
    fn tr_before(&self, v: usize) -> f64 {
        self.tr_before
            .get(v - self.base)
            .copied()
            .unwrap_or(self.tr_sum)
    }
    #[inline]
    fn bar_ref(&self, v: usize) -> BarRef {
        BarRef {
            index: self.index[v - self.base],
            time: None,
        }
    }
}

impl Columns {
    fn view(&self) -> View<'_> {
        View {
            base: self.base,
            high: &self.high,
            low: &self.low,
            next_ge: &self.next_ge,
            next_le: &self.next_le,
            tr_before: &self.tr_before,
            tr_sum: self.tr_sum,
            index: &self.index,
        }
    }

    /// Pass 1 over input rows `rows`: keeps the valid bars.
    fn extend(&mut self, input: &Columnar<'_>, rows: std::ops::Range<usize>, basis: RangeBasis) {
        let Some(closes) = input.close.get(rows.clone()) else {
            return;
        };
        let first = self.close.len();
        if first == 0 {
            // Room for the first block without regrowing (short series are one block).
            let n = rows.len();
            self.close.reserve(n);
            self.high.reserve(n);
            self.low.reserve(n);
            self.tr.reserve(n);
            self.tr_before.reserve(n);
            self.next_ge.reserve(n);
            self.next_le.reserve(n);
            self.index.reserve(n);
        }
        if closes.iter().all(|c| c.is_finite()) {
            // Every row is valid: whole-column copies and one loop over the rows for the true
            // ranges and their running sum, no per-row branching on missing closes.
            let len = first + closes.len();
            self.close.extend_from_slice(closes);
            self.index.extend(rows.clone());
            self.tr.resize(len, 0.0);
            self.tr_before.resize(len, 0.0);
            let (mut prev, mut sum) = (self.prev_close, self.tr_sum);
            let (tr, tr_before) = (&mut self.tr[first..], &mut self.tr_before[first..]);
            let mut step = |c: f64, th: f64, tl: f64, tr: &mut f64, before: &mut f64| {
                *tr = true_range(th, tl, prev);
                *before = sum;
                sum += *tr;
                prev = Some(c);
            };
            match input
                .high_low
                .map(|(h, l)| (h.get(rows.clone()), l.get(rows.clone())))
            {
                Some((Some(h), Some(l))) => {
                    let out = tr.iter_mut().zip(tr_before.iter_mut());
                    if basis == RangeBasis::HighLow {
                        self.high.resize(len, 0.0);
                        self.low.resize(len, 0.0);
                        let edges = self.high[first..].iter_mut().zip(&mut self.low[first..]);
                        let rows = closes.iter().zip(h).zip(l).zip(out).zip(edges);
                        for ((((&c, &hh), &ll), (tr, before)), (hi, lo)) in rows {
                            let (th, tl) = bar_extremes(c, hh, ll);
                            (*hi, *lo) = (th, tl);
                            step(c, th, tl, tr, before);
                        }
                    } else {
                        self.high.extend_from_slice(closes);
                        self.low.extend_from_slice(closes);
                        for (((&c, &hh), &ll), (tr, before)) in closes.iter().zip(h).zip(l).zip(out)
                        {
                            let (th, tl) = bar_extremes(c, hh, ll);
                            step(c, th, tl, tr, before);
                        }
                    }
                }
                _ => {
                    self.high.extend_from_slice(closes);
                    self.low.extend_from_slice(closes);
                    let out = tr.iter_mut().zip(tr_before.iter_mut());
                    for (&c, (tr, before)) in closes.iter().zip(out) {
                        step(c, c, c, tr, before);
                    }
                }
            }
            self.prev_close = prev;
            self.tr_sum = sum;
        } else {
            for (&c, i) in closes.iter().zip(rows) {
                if !c.is_finite() {
                    continue;
                }
                let (th, tl) = input.extremes(i, c);
                let (hi, lo) = match basis {
                    RangeBasis::HighLow => (th, tl),
                    RangeBasis::Close => (c, c),
                };
                let tr = true_range(th, tl, self.prev_close);
                self.close.push(c);
                self.high.push(hi);
                self.low.push(lo);
                self.tr.push(tr);
                self.tr_before.push(self.tr_sum);
                self.tr_sum += tr;
                self.index.push(i);
                self.prev_close = Some(c);
            }
        }
        let len = self.close.len();
        self.next_ge.resize(len, NONE);
        self.next_le.resize(len, NONE);
        self.valid = self.base + len;
    }

    /// Drops the bars before `start` once they are a block or more.
    fn compact(&mut self, start: usize) {
        let drop = start - self.base;
        if drop < BLOCK {
            return;
        }
        self.close.drain(..drop);
        self.high.drain(..drop);
        self.low.drain(..drop);
        self.tr.drain(..drop);
        self.tr_before.drain(..drop);
        self.next_ge.drain(..drop);
        self.next_le.drain(..drop);
        self.index.drain(..drop);
        self.base = start;
    }
}

/// The input columns (length-checked by the caller).
pub(super) struct Columnar<'a> {
    pub(super) close: &'a [f64],
    pub(super) high_low: Option<(&'a [f64], &'a [f64])>,
    pub(super) volume: Option<&'a [f64]>,
}

impl Columnar<'_> {
    /// Input row `i`'s high and low as the detector uses them (finite close `c`).
    #[inline(always)]
    fn extremes(&self, i: usize, c: f64) -> (f64, f64) {
        match self.high_low {
            Some((h, l)) => bar_extremes(
                c,
                h.get(i).copied().unwrap_or(f64::NAN),
                l.get(i).copied().unwrap_or(f64::NAN),
            ),
            None => (c, c),
        }
    }

    #[inline(always)]
    fn volume(&self, i: usize) -> f64 {
        self.volume
            .and_then(|v| v.get(i).copied())
            .unwrap_or(f64::NAN)
    }

    /// Valid bar `v` (input row `i`, close `c`) as the breakout steps read it.
    #[inline(always)]
    fn bar(&self, v: usize, i: usize, c: f64) -> Bar {
        let (th, tl) = self.extremes(i, c);
        Bar {
            v,
            here: BarRef {
                index: i,
                time: None,
            },
            c,
            th,
            tl,
            volume: self.volume(i),
        }
    }
}

/// What decides whether a bar's step is the window step alone (see [`Quiet::run`]).
#[derive(Debug, Clone, Copy)]
struct Quiet {
    limit: Limit,
    min_bars: usize,
    /// The edges of the range in force, if any.
    range_in_force: Option<(f64, f64)>,
}

impl Quiet {
    /// Runs the window step over bars `v, v + 1, ..` of the latest block as long as the full
    /// step would do nothing else (the caller checks that no breakout is open): the close is
    /// not beyond the range in force, or, with none in force, the window is too short for a
    /// range or the close is not beyond its band. Returns the first bar that needs the full
    /// step (the block's end when none does).
    #[inline(never)]
    fn run(
        self,
        cols: &mut Columns,
        mut v: usize,
        start: &mut usize,
        max_q: &mut Mono,
        min_q: &mut Mono,
    ) -> usize {
        while let Some(&c) = cols.close.get(v - cols.base) {
            let stop = match self.range_in_force {
                Some((upper, lower)) => beyond(c, upper, lower).is_some(),
                None => {
                    v >= *start + self.min_bars
                        && match (max_q.front(), min_q.front()) {
                            (Some(hi), Some(lo)) => beyond(c, hi.value, lo.value).is_some(),
                            _ => false,
                        }
                }
            };
            if stop {
                return v;
            }
            Quiet::window_step(cols, v, start, self.limit, max_q, min_q);
            v += 1;
        }
        v
    }

    /// Step 3 of bar `v`: the detector's queue pushes (which set the links) and window slide.
    #[inline(always)]
    fn window_step(
        cols: &mut Columns,
        v: usize,
        start: &mut usize,
        limit: Limit,
        max_q: &mut Mono,
        min_q: &mut Mono,
    ) {
        let (base, k) = (cols.base, v - cols.base);
        let (Some(&hi), Some(&lo), Some(&tr), Some(&before)) = (
            cols.high.get(k),
            cols.low.get(k),
            cols.tr.get(k),
            cols.tr_before.get(k),
        ) else {
            return;
        };
        let (ge, le) = (&mut cols.next_ge, &mut cols.next_le);
        max_q.push(v, hi, |x| x <= hi, |at| ge[at - base] = v);
        min_q.push(v, lo, |x| x >= lo, |at| le[at - base] = v);
        let tr_before = &cols.tr_before;
        let before_start = |s: usize| tr_before[s - base];
        *start = slide(limit, *start, v, before + tr, before_start, max_q, min_q);
    }
}

/// Feeds the detector's ATR and volume average the valid bars `[*fed, to)`, whose true
/// ranges and input rows are in `tr` and `index` from valid position `base` on.
fn feed_averages(
    det: &mut BreakoutDetector,
    (base, tr, index): (usize, &[f64], &[usize]),
    input: &Columnar<'_>,
    fed: &mut usize,
    to: usize,
) {
    let (from, to) = (*fed - base, to - base);
    if let (Some(trs), Some(rows)) = (tr.get(from..to), index.get(from..to)) {
        for &tr in trs {
            det.atr.push_true_range(tr);
        }
        // Without a volume column every bar's volume is NaN, which keeps the average empty.
        if input.volume.is_some() {
            for &i in rows {
                det.volume.update(input.volume(i));
            }
        }
    }
    *fed = to + base;
}

/// Runs the detector's state machine over the columns (see the module docs) and returns what
/// [`BreakoutDetector::to_scan`] would after feeding the same bars, without timestamps.
pub(super) fn scan_columns(input: &Columnar<'_>, config: &BreakoutConfig) -> Result<Scan> {
    let mut det = BreakoutDetector::new(config.clone())?;
    det.emit = false;
    det.reserve_found(input.close.len());
    let (cfg, limit) = (det.cfg.clone(), det.limit);
    let mut cols = Columns::default();
    let (mut max_q, mut min_q) = (Mono::default(), Mono::default());
    let (mut start, mut fed) = (0usize, 0usize);
    let n = input.close.len();
    let mut row = 0;
    while row < n {
        let first = cols.valid;
        cols.extend(input, row..(row + BLOCK).min(n), cfg.basis);
        row += BLOCK;
        let (block_end, mut v) = (cols.valid, first);
        while v < block_end {
            if det.open.is_empty() {
                // The state machine's step for a bar with nothing open, nothing beyond the
                // range in force, and no close beyond the window's band is the window step
                // alone: run through those bars with nothing else live.
                let range_in_force = det.active.map(|(a, _)| {
                    let r = &det.ranges[a];
                    (r.upper, r.lower)
                });
                let quiet = Quiet {
                    limit,
                    min_bars: cfg.min_bars,
                    range_in_force,
                };
                v = quiet.run(&mut cols, v, &mut start, &mut max_q, &mut min_q);
                if v >= block_end {
                    break;
                }
            }
            let view = cols.view();
            let (base, k) = (cols.base, v - cols.base);
            let (Some(&c), Some(&i)) = (cols.close.get(k), cols.index.get(k)) else {
                break;
            };
            let columns = (base, &cols.tr[..], &cols.index[..]);
            if !det.open.is_empty() {
                det.advance_open(&input.bar(v, i, c));
            }
            if let Some((a, mean_tr)) = det.active {
                det.break_active(a, mean_tr, c, |d| {
                    let prev = view.bar_ref(v.checked_sub(1).filter(|&p| p >= base)?);
                    feed_averages(d, columns, input, &mut fed, v);
                    Some((input.bar(v, i, c), prev))
                });
            } else if v >= start + cfg.min_bars
                && let (Some(upper), Some(lower)) = (max_q.front(), min_q.front())
                && let Some(dir) = beyond(c, upper.value, lower.value)
            {
                let window = Window {
                    bars: view,
                    cfg: &cfg,
                    limit,
                    start,
                    max_q: max_q.live(),
                    min_q: min_q.live(),
                };
                if let Some((range, from)) = window.qualify(v - 1, dir) {
                    let mean_tr = mean_true_range(&view, from, v);
                    det.break_new(dir, range, mean_tr, &input.bar(v, i, c), |d| {
                        feed_averages(d, columns, input, &mut fed, v)
                    });
                }
            }
            Quiet::window_step(&mut cols, v, &mut start, limit, &mut max_q, &mut min_q);
            v += 1;
        }
        let columns = (cols.base, &cols.tr[..], &cols.index[..]);
        feed_averages(&mut det, columns, input, &mut fed, cols.valid);
        cols.compact(start);
        max_q.compact();
        min_q.compact();
    }
    let m = cols.valid;
    if let Some((a, _)) = det.active
        && m > cols.base
    {
        det.ranges[a].end = cols.view().bar_ref(m - 1);
    }
    let forming = if det.active.is_none() && m > 0 {
        Window {
            bars: cols.view(),
            cfg: &cfg,
            limit,
            start,
            max_q: max_q.live(),
            min_q: min_q.live(),
        }
        .forming(m - 1)
    } else {
        None
    };
    let last = (m > cols.base).then(|| (cols.view().bar_ref(m - 1), cols.close[m - 1 - cols.base]));
    Ok(Scan {
        ranges: det.ranges,
        breakouts: det.breakouts,
        forming,
        last,
    })
}
