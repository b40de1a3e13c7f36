//! The per-member counting pass shared by every breadth measure.
//!
//! The panel is `symbols × dates` row-major, so one member's history is a contiguous row. The
//! kernel walks members (rows) and, for each, runs a few short branch-free loops over that row
//! while it sits in L1/L2, adding 0/1 flags into per-date `u32` counters (and volumes into
//! per-date `f64` sums). The matrix is therefore streamed from memory once for all measures,
//! and the counter buffers (a few `u32`/`f64` per date) stay in cache.
//!
//! Large panels are split into two fixed member blocks counted on two threads. The split
//! depends only on the panel's size, never on the machine, and the blocks are combined in a
//! fixed order (first block + second block), so results are deterministic; integer counts are
//! exact in any order.

use crate::error::Result;
use crate::indicators::sma_into;
use crate::series::Panel;

use super::members::HighLowBasis;

/// Which measures to count (a `None`/`false` measure costs nothing).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Wanted {
    /// Percent above the `n`-day SMA.
    pub above_ma: Option<usize>,
    /// Advancers, decliners, unchanged.
    pub advance_decline: bool,
    /// Up/down volume.
    pub up_volume: bool,
    /// New highs/lows over a look-back, on a basis.
    pub high_low: Option<(usize, HighLowBasis)>,
    /// Participation over a window.
    pub participation: Option<usize>,
}

/// Per-date counters. Vectors of unwanted measures are empty.
///
/// Members whose inputs are all finite (the common case) take a fast path: they only add to
/// the condition counters (`above`, `advancers`, ...) and are tallied in `fast_*`; the dates
/// on which such a member counts are known from the period alone (every date from the end of
/// the warm-up), so [`Counts::finish`] adds those tallies to the `*_counted` vectors once.
/// Members with gaps add to the `*_counted` vectors date by date.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counts {
    pub above: Vec<u32>,
    pub above_counted: Vec<u32>,
    pub advancers: Vec<u32>,
    pub decliners: Vec<u32>,
    /// Members with a close on the date and the previous one (`advancers + decliners +
    /// unchanged`); `unchanged` is derived from it in `finish`.
    pub advance_counted: Vec<u32>,
    pub unchanged: Vec<u32>,
    pub up_volume: Vec<f64>,
    pub down_volume: Vec<f64>,
    pub volume_counted: Vec<u32>,
    pub new_highs: Vec<u32>,
    pub new_lows: Vec<u32>,
    pub high_low_counted: Vec<u32>,
    pub participating: Vec<u32>,
    pub participation_counted: Vec<u32>,
    fast_above: u32,
    fast_advance: u32,
    fast_volume: u32,
    fast_high_low: u32,
    fast_participation: u32,
}

impl Counts {
    fn new(t: usize, w: &Wanted) -> Self {
        let u = |on: bool| if on { vec![0u32; t] } else { Vec::new() };
        let f = |on: bool| if on { vec![0.0f64; t] } else { Vec::new() };
        let ma = w.above_ma.is_some();
        let hl = w.high_low.is_some();
        let pa = w.participation.is_some();
        Counts {
            above: u(ma),
            above_counted: u(ma),
            advancers: u(w.advance_decline),
            decliners: u(w.advance_decline),
            advance_counted: u(w.advance_decline),
            unchanged: Vec::new(),
            up_volume: f(w.up_volume),
            down_volume: f(w.up_volume),
            volume_counted: u(w.up_volume),
            new_highs: u(hl),
            new_lows: u(hl),
            high_low_counted: u(hl),
            participating: u(pa),
            participation_counted: u(pa),
            ..Counts::default()
        }
    }

    /// Adds `other` (the later member block) into `self`, element by element.
    fn absorb(&mut self, other: &Counts) {
        fn add_u(a: &mut [u32], b: &[u32]) {
            for (x, &y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        fn add_f(a: &mut [f64], b: &[f64]) {
            for (x, &y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        add_u(&mut self.above, &other.above);
        add_u(&mut self.above_counted, &other.above_counted);
        add_u(&mut self.advancers, &other.advancers);
        add_u(&mut self.decliners, &other.decliners);
        add_u(&mut self.advance_counted, &other.advance_counted);
        add_f(&mut self.up_volume, &other.up_volume);
        add_f(&mut self.down_volume, &other.down_volume);
        add_u(&mut self.volume_counted, &other.volume_counted);
        add_u(&mut self.new_highs, &other.new_highs);
        add_u(&mut self.new_lows, &other.new_lows);
        add_u(&mut self.high_low_counted, &other.high_low_counted);
        add_u(&mut self.participating, &other.participating);
        add_u(
            &mut self.participation_counted,
            &other.participation_counted,
        );
        self.fast_above += other.fast_above;
        self.fast_advance += other.fast_advance;
        self.fast_volume += other.fast_volume;
        self.fast_high_low += other.fast_high_low;
        self.fast_participation += other.fast_participation;
    }

    /// Adds the fast-path members to the dates they count on and derives `unchanged`.
    fn finish(&mut self, w: &Wanted) {
        fn add_from(v: &mut [u32], from: usize, k: u32) {
            if let Some(tail) = v.get_mut(from..) {
                tail.iter_mut().for_each(|x| *x += k);
            }
        }
        if let Some(period) = w.above_ma {
            add_from(&mut self.above_counted, period - 1, self.fast_above);
        }
        add_from(&mut self.advance_counted, 1, self.fast_advance);
        add_from(&mut self.volume_counted, 1, self.fast_volume);
        if let Some((period, _)) = w.high_low {
            add_from(&mut self.high_low_counted, period, self.fast_high_low);
        }
        if let Some(window) = w.participation {
            add_from(
                &mut self.participation_counted,
                window,
                self.fast_participation,
            );
        }
        // Every counted member advanced, declined or stayed unchanged.
        self.unchanged = self
            .advance_counted
            .iter()
            .zip(&self.advancers)
            .zip(&self.decliners)
            .map(|((&k, &a), &d)| k - a - d)
            .collect();
        (
            self.fast_above,
            self.fast_advance,
            self.fast_volume,
            self.fast_high_low,
            self.fast_participation,
        ) = (0, 0, 0, 0, 0);
    }
}

/// Converts a counter to the public `usize` form.
pub(crate) fn widen(v: &[u32]) -> Vec<usize> {
    v.iter().map(|&x| x as usize).collect()
}

/// Panels with at least this many cells are counted on two threads.
const PARALLEL_CELLS: usize = 1 << 18;

/// Counts the `wanted` measures over every member of `panel`.
///
/// Counters are `u32`: a panel would need more than four billion members to overflow one.
pub(crate) fn count(panel: &Panel, wanted: &Wanted) -> Result<Counts> {
    let n = panel.n_symbols();
    let t = panel.n_dates();
    let mut counts = if n < 2 || n.saturating_mul(t) < PARALLEL_CELLS {
        count_rows(panel, wanted, 0, n)?
    } else {
        let mid = n / 2;
        let (first, second) = std::thread::scope(|s| {
            let spawned = std::thread::Builder::new()
                .spawn_scoped(s, move || count_rows(panel, wanted, mid, n))
                .ok();
            let first = count_rows(panel, wanted, 0, mid);
            // Could not spawn, or the thread died: count the block here (same block, same
            // result).
            let second = spawned
                .and_then(|h| h.join().ok())
                .unwrap_or_else(|| count_rows(panel, wanted, mid, n));
            (first, second)
        });
        let mut first = first?;
        first.absorb(&second?);
        first
    };
    counts.finish(wanted);
    Ok(counts)
}

/// Per-member scratch rows, reused across members.
struct Scratch {
    ma: Vec<f64>,
    pre_max: Vec<f64>,
    pre_min: Vec<f64>,
    suf_max: Vec<f64>,
    suf_min: Vec<f64>,
    prior_max: Vec<f64>,
    prior_min: Vec<f64>,
}

fn count_rows(panel: &Panel, w: &Wanted, rows_from: usize, rows_to: usize) -> Result<Counts> {
    let t = panel.n_dates();
    let mut c = Counts::new(t, w);
    let scratch = |on: bool| if on { vec![0.0; t] } else { Vec::new() };
    let hl = w.high_low.is_some();
    let mut s = Scratch {
        ma: scratch(w.above_ma.is_some()),
        pre_max: scratch(hl),
        pre_min: scratch(hl),
        suf_max: scratch(hl),
        suf_min: scratch(hl),
        prior_max: scratch(hl),
        prior_min: scratch(hl),
    };
    for r in rows_from..rows_to {
        let close = panel.close_of(r);
        if close.len() != t {
            continue; // not a row of this panel (cannot happen for a valid row index)
        }
        // The first loop reads the row from memory; the others find it in cache. The SMA's
        // running sum also tells whether every close is finite (a non-finite close would
        // leave it non-finite), sparing a separate check.
        let mut close_finite = None;
        if let Some(period) = w.above_ma {
            close_finite = above_ma(close, period, &mut s.ma, &mut c)?;
        }
        let close_finite = close_finite.unwrap_or_else(|| all_finite(close));
        let volume = panel.volume_of(r);
        let volume_ok = t > 1 && w.up_volume && volume.len() == t;
        let volume_finite = volume_ok && close_finite && all_finite(volume);
        if t > 1 && w.advance_decline && volume_finite {
            // Both fast: one loop shares the loads and comparisons.
            advance_decline_and_volume(close, volume, &mut c);
        } else {
            if t > 1 && w.advance_decline {
                advance_decline(close, close_finite, &mut c);
            }
            if volume_ok {
                up_volume(close, volume, volume_finite, &mut c);
            }
        }
        if let Some(window) = w.participation {
            participation(close, close_finite, window, &mut c);
        }
        if let Some((period, basis)) = w.high_low {
            let (hi, lo, finite) = match basis {
                HighLowBasis::Close => (close, close, close_finite),
                HighLowBasis::HighLow => {
                    let (hi, lo) = (panel.high_of(r), panel.low_of(r));
                    (hi, lo, all_finite(hi) && all_finite(lo))
                }
            };
            if hi.len() == t && lo.len() == t {
                high_low(hi, lo, finite, period, &mut s, &mut c);
            }
        }
    }
    Ok(c)
}

/// True when every value is finite (branch-free, vectorised).
fn all_finite(x: &[f64]) -> bool {
    x.iter().fold(true, |acc, v| acc & v.is_finite())
}

/// Percent above the SMA. Returns `Some(true)` when it proved every close finite.
///
/// Fast path: the SMA is the crate's ([`sma`](crate::indicators::sma)) arithmetic exactly
/// (the sum of the first `period` closes, then `sum += new - old`), compared as
/// `close > sum / period`. Every close enters the running sum and a non-finite sum stays
/// non-finite, so a finite last sum means every close and every SMA value is finite and the
/// member counts on every date from `period - 1`. Otherwise (gaps, or closes near `f64::MAX`)
/// the general path runs the crate's SMA with its NaN policy and checks each date.
fn above_ma(close: &[f64], period: usize, ma: &mut [f64], c: &mut Counts) -> Result<Option<bool>> {
    let t = close.len();
    if t < period {
        return Ok(None); // no SMA value at all: nobody counts
    }
    let mut sum = 0.0;
    for &v in &close[..period] {
        sum += v;
    }
    ma[period - 1] = sum;
    for ((o, &new), &old) in ma[period..].iter_mut().zip(&close[period..]).zip(close) {
        sum += new - old;
        *o = sum;
    }
    if sum.is_finite() {
        let nf = period as f64;
        for ((&x, &s), a) in close[period - 1..]
            .iter()
            .zip(&ma[period - 1..])
            .zip(&mut c.above[period - 1..])
        {
            *a += (x > s / nf) as u32;
        }
        c.fast_above += 1;
        return Ok(Some(true));
    }
    sma_into(close, period, ma)?;
    for (((&x, &m), k), a) in close
        .iter()
        .zip(ma.iter())
        .zip(&mut c.above_counted)
        .zip(&mut c.above)
    {
        // NaN compares false, so only members with both values count.
        let ok = x.is_finite() & m.is_finite();
        *k += ok as u32;
        *a += (ok & (x > m)) as u32;
    }
    Ok(None)
}

/// Fast path of advance/decline and up-volume together (closes and volumes all finite).
fn advance_decline_and_volume(close: &[f64], volume: &[f64], c: &mut Counts) {
    let inputs = close[1..].iter().zip(close).zip(&volume[1..]);
    let counters = c.advancers[1..].iter_mut().zip(&mut c.decliners[1..]);
    let sums = c.up_volume[1..].iter_mut().zip(&mut c.down_volume[1..]);
    for ((((&now, &prev), &vol), (a, d)), (up, down)) in inputs.zip(counters).zip(sums) {
        let (rose, fell) = (now > prev, now < prev);
        *a += rose as u32;
        *d += fell as u32;
        // Adding +0.0 leaves a sum unchanged, so this equals adding `vol` only when moved.
        *up += if rose { vol } else { 0.0 };
        *down += if fell { vol } else { 0.0 };
    }
    c.fast_advance += 1;
    c.fast_volume += 1;
}

fn advance_decline(close: &[f64], finite: bool, c: &mut Counts) {
    let pairs = close[1..].iter().zip(close);
    let counters = c.advancers[1..].iter_mut().zip(&mut c.decliners[1..]);
    if finite {
        for ((&now, &prev), (a, d)) in pairs.zip(counters) {
            *a += (now > prev) as u32;
            *d += (now < prev) as u32;
        }
        c.fast_advance += 1;
        return;
    }
    for (((&now, &prev), (a, d)), k) in pairs.zip(counters).zip(&mut c.advance_counted[1..]) {
        let ok = now.is_finite() & prev.is_finite();
        *k += ok as u32;
        *a += (ok & (now > prev)) as u32;
        *d += (ok & (now < prev)) as u32;
    }
}

fn up_volume(close: &[f64], volume: &[f64], finite: bool, c: &mut Counts) {
    let inputs = close[1..].iter().zip(close).zip(&volume[1..]);
    let sums = c.up_volume[1..].iter_mut().zip(&mut c.down_volume[1..]);
    // Adding +0.0 leaves a sum unchanged, so this equals adding `vol` only when moved.
    if finite {
        for (((&now, &prev), &vol), (up, down)) in inputs.zip(sums) {
            *up += if now > prev { vol } else { 0.0 };
            *down += if now < prev { vol } else { 0.0 };
        }
        c.fast_volume += 1;
        return;
    }
    for ((((&now, &prev), &vol), (up, down)), k) in inputs.zip(sums).zip(&mut c.volume_counted[1..])
    {
        let ok = now.is_finite() & prev.is_finite() & vol.is_finite();
        *k += ok as u32;
        *up += if ok & (now > prev) { vol } else { 0.0 };
        *down += if ok & (now < prev) { vol } else { 0.0 };
    }
}

fn participation(close: &[f64], finite: bool, window: usize, c: &mut Counts) {
    if close.len() <= window {
        return;
    }
    let pairs = close[window..].iter().zip(close);
    if finite {
        for ((&now, &then), a) in pairs.zip(&mut c.participating[window..]) {
            *a += (now > then) as u32;
        }
        c.fast_participation += 1;
        return;
    }
    for (((&now, &then), k), a) in pairs
        .zip(&mut c.participation_counted[window..])
        .zip(&mut c.participating[window..])
    {
        let ok = now.is_finite() & then.is_finite();
        *k += ok as u32;
        *a += (ok & (now > then)) as u32;
    }
}

/// `a` or `x`, whichever is larger; a NaN `x` never wins (compiles to one `maxsd`).
#[inline(always)]
fn keep_max(a: f64, x: f64) -> f64 {
    if x > a {
        x
    } else {
        a
    }
}

/// `a` or `x`, whichever is smaller; a NaN `x` never wins.
#[inline(always)]
fn keep_min(a: f64, x: f64) -> f64 {
    if x < a {
        x
    } else {
        a
    }
}

/// New highs/lows of one member.
///
/// Van Herk / Gil-Werman: per block of `period` values, prefix and suffix extremes (both
/// directions in one loop, four independent dependency chains); the extreme of the `period`
/// values before date `i` is then `max(suffix[i - period], prefix[i - 1])`, O(1) per date
/// whatever the period. With gaps, dates whose window (or own value) is incomplete get a NaN
/// prior extreme, which compares false and is not counted.
fn high_low(hi: &[f64], lo: &[f64], finite: bool, period: usize, s: &mut Scratch, c: &mut Counts) {
    let t = hi.len();
    if t <= period {
        return;
    }
    let blocks = hi
        .chunks(period)
        .zip(lo.chunks(period))
        .zip(s.pre_max.chunks_mut(period))
        .zip(s.pre_min.chunks_mut(period))
        .zip(s.suf_max.chunks_mut(period))
        .zip(s.suf_min.chunks_mut(period));
    let same = std::ptr::eq(hi, lo);
    for (((((h, l), pmx), pmn), smx), smn) in blocks {
        if same {
            // Closes: one load per value feeds all four extremes.
            block_extremes(h, h, pmx, pmn, smx, smn);
        } else {
            block_extremes(h, l, pmx, pmn, smx, smn);
        }
    }
    // Window of date i: suffix from i - period, prefix up to i - 1.
    if finite {
        count_new_extremes(
            &hi[period..],
            &lo[period..],
            (&s.suf_max, &s.suf_min),
            (&s.pre_max[period - 1..], &s.pre_min[period - 1..]),
            &mut c.new_highs[period..],
            &mut c.new_lows[period..],
        );
        c.fast_high_low += 1;
        return;
    }
    let windows = s.suf_max.iter().zip(&s.suf_min).zip(
        s.pre_max[period - 1..t - 1]
            .iter()
            .zip(&s.pre_min[period - 1..t - 1]),
    );
    s.prior_max[..period].fill(f64::NAN);
    s.prior_min[..period].fill(f64::NAN);
    for ((pm, pn), ((&sa, &sb), (&pa, &pb))) in s.prior_max[period..]
        .iter_mut()
        .zip(&mut s.prior_min[period..])
        .zip(windows)
    {
        *pm = keep_max(sa, pa);
        *pn = keep_min(sb, pb);
    }
    // A member counts on date i only after `period` finite bars and with a finite bar on i.
    let mut run_start = 0usize;
    for (i, ((&h, &l), (pm, pn))) in hi
        .iter()
        .zip(lo)
        .zip(s.prior_max.iter_mut().zip(s.prior_min.iter_mut()))
        .enumerate()
    {
        let bad = !(h.is_finite() && l.is_finite());
        if bad {
            run_start = i + 1;
        }
        if bad || i < run_start.saturating_add(period) {
            *pm = f64::NAN;
            *pn = f64::NAN;
        }
    }
    for (((((&h, &l), &pm), &pn), k), (nh, nl)) in hi
        .iter()
        .zip(lo)
        .zip(&s.prior_max)
        .zip(&s.prior_min)
        .zip(&mut c.high_low_counted)
        .zip(c.new_highs.iter_mut().zip(c.new_lows.iter_mut()))
    {
        // A complete window of finite values has a finite extreme; an incomplete one is NaN.
        *k += pm.is_finite() as u32;
        *nh += (h > pm) as u32;
        *nl += (l < pn) as u32;
    }
}

/// Prefix and suffix extremes of one block, both directions in one loop (four independent
/// dependency chains instead of two).
#[inline(always)]
fn block_extremes(
    h: &[f64],
    l: &[f64],
    pre_max: &mut [f64],
    pre_min: &mut [f64],
    suf_max: &mut [f64],
    suf_min: &mut [f64],
) {
    let n = h.len();
    let (l, pre_max, pre_min) = (&l[..n], &mut pre_max[..n], &mut pre_min[..n]);
    let (suf_max, suf_min) = (&mut suf_max[..n], &mut suf_min[..n]);
    let (mut a, mut b) = (f64::NEG_INFINITY, f64::INFINITY);
    let (mut ra, mut rb) = (f64::NEG_INFINITY, f64::INFINITY);
    for j in 0..n {
        let k = n - 1 - j;
        a = keep_max(a, h[j]);
        b = keep_min(b, l[j]);
        ra = keep_max(ra, h[k]);
        rb = keep_min(rb, l[k]);
        pre_max[j] = a;
        pre_min[j] = b;
        suf_max[k] = ra;
        suf_min[k] = rb;
    }
}

/// Fast-path new highs/lows: `hi[i] > max(suf_max[i], pre_max[i])` (the arrays already
/// offset to date i's window), and the same for lows.
#[inline(always)]
fn count_new_extremes(
    hi: &[f64],
    lo: &[f64],
    (suf_max, suf_min): (&[f64], &[f64]),
    (pre_max, pre_min): (&[f64], &[f64]),
    new_highs: &mut [u32],
    new_lows: &mut [u32],
) {
    let n = hi.len();
    let (lo, suf_max, suf_min) = (&lo[..n], &suf_max[..n], &suf_min[..n]);
    let (pre_max, pre_min) = (&pre_max[..n], &pre_min[..n]);
    let (new_highs, new_lows) = (&mut new_highs[..n], &mut new_lows[..n]);
    for i in 0..n {
        new_highs[i] += (hi[i] > keep_max(suf_max[i], pre_max[i])) as u32;
        new_lows[i] += (lo[i] < keep_min(suf_min[i], pre_min[i])) as u32;
    }
}
