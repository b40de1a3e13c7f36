//! Rolling highest and lowest values (TA-Lib `MAX` / `MIN`), window including the current bar.
//!
//! The streaming types run a monotonic deque kept in a fixed-capacity ring buffer: O(1)
//! amortised per bar whatever the period. The batch functions use the van Herk / Gil-Werman
//! block algorithm instead: cut the series into blocks of `n` bars, take running extremes
//! backwards and forwards inside each block, and every window is the extreme of one suffix
//! and one prefix: three comparisons per bar, no branches, no buffer beyond the output.
//! Both give identical values. Non-finite inputs split the series (see
//! [`crate::indicators`]).

use super::core::{all_finite, Indicator};
use super::moving_average::{check_into, drive, warm_up};
use crate::error::check_window;
use crate::Result;

/// Monotonic deque of (bar number, value) in a ring of capacity `n`.
#[derive(Debug, Clone, PartialEq)]
struct Deque {
    n: usize,
    idx: Vec<u64>,
    val: Vec<f64>,
    head: usize,
    len: usize,
    /// Bars seen in the current run.
    t: u64,
}

impl Deque {
    fn new(n: usize) -> Self {
        Deque {
            n,
            idx: vec![0; n],
            val: vec![0.0; n],
            head: 0,
            len: 0,
            t: 0,
        }
    }

    #[inline]
    fn slot(&self, k: usize) -> usize {
        let s = self.head + k;
        if s >= self.n {
            s - self.n
        } else {
            s
        }
    }

    /// Feeds `x`; `dominates(a, b)` is true when `a` makes `b` useless (`a >= b` for MAX).
    #[inline]
    fn update(&mut self, x: f64, dominates: impl Fn(f64, f64) -> bool) -> Option<f64> {
        let t = self.t;
        // Expire the front if it left the window [t - n + 1, t].
        if self.len > 0 && self.idx[self.head] + self.n as u64 <= t {
            self.head = self.slot(1);
            self.len -= 1;
        }
        while self.len > 0 {
            let back = self.slot(self.len - 1);
            if dominates(x, self.val[back]) {
                self.len -= 1;
            } else {
                break;
            }
        }
        let s = self.slot(self.len);
        self.idx[s] = t;
        self.val[s] = x;
        self.len += 1;
        self.t += 1;
        (self.t >= self.n as u64).then_some(self.val[self.head])
    }

    #[inline]
    fn peek(&self, x: f64, dominates: impl Fn(f64, f64) -> bool) -> Option<f64> {
        if self.t + 1 < self.n as u64 {
            return None;
        }
        let mut k = 0;
        if self.len > 0 && self.idx[self.head] + self.n as u64 <= self.t {
            k = 1;
        }
        if k < self.len {
            let v = self.val[self.slot(k)];
            Some(if dominates(x, v) { x } else { v })
        } else {
            Some(x)
        }
    }

    fn reset(&mut self) {
        self.head = 0;
        self.len = 0;
        self.t = 0;
    }
}

/// Rolling maximum of the last `n` values, the current one included.
///
/// `highest[i] = max(x[i-n+1..=i])`. Matches TA-Lib `MAX`.
///
/// Warm-up: the first value is at index `n - 1`. A non-finite input gives NaN and restarts the
/// warm-up (the maximum recovers `n - 1` bars later). A period longer than the data gives all
/// NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::highest;
/// let out = highest(&[1.0, 3.0, 2.0, 0.0], 2)?;
/// assert_eq!(&out[1..], &[3.0, 3.0, 2.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn highest(x: &[f64], n: usize) -> Result<Vec<f64>> {
    let mut out = vec![0.0; x.len()];
    highest_into(x, n, &mut out)?;
    Ok(out)
}

/// [`highest`] written into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out.len() != x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::highest_into;
/// let mut out = [0.0; 3];
/// highest_into(&[1.0, 3.0, 2.0], 2, &mut out)?;
/// assert_eq!(&out[1..], &[3.0, 3.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn highest_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<()> {
    if !check_into(x, n, out)? {
        return Ok(());
    }
    extremes_into(x, n, out, |a, b| a > b);
    Ok(())
}

/// The batch driver of [`highest_into`] / [`lowest_into`]: one optimistic pass that also
/// checks the inputs, then the NaN policy run by run only when some input was not finite.
#[inline(always)]
fn extremes_into(x: &[f64], n: usize, out: &mut [f64], better: impl Fn(f64, f64) -> bool + Copy) {
    if !extreme_kernel(x, n, out, better) {
        drive(x, out, |run, o| {
            extreme_kernel(run, n, o, better);
        });
    }
}

/// Stretches of the series whose chains run side by side in [`extreme_kernel`].
const LANES: usize = 4;

/// Rolling extreme of an all-finite run (van Herk / Gil-Werman, see the module docs);
/// `better(a, b)` is `a > b` for the maximum, `a < b` for the minimum.
///
/// A window ending at offset `j` of block `B` is the extreme of the suffix of block `B - 1`
/// from offset `j + 1` and the prefix of block `B` up to `j`. Each block is walked forwards
/// (prefixes, combined with the previous block's suffixes) and then backwards (its own
/// suffixes, for the next block) while it is still in L1, so `x` is read from memory once,
/// front to back, and `out` written once. Each running extreme is a chain of dependent
/// comparisons, so the series is cut into [`LANES`] stretches of whole blocks walked in
/// lockstep (independent chains that overlap in the CPU); each stretch first takes the
/// suffixes of the block before it.
///
/// Returns whether every input was finite (checked on the way, so the all-finite case reads
/// `x` once); when not, `out` holds garbage and the caller recomputes it run by run.
#[inline(always)]
fn extreme_kernel(
    x: &[f64],
    n: usize,
    out: &mut [f64],
    better: impl Fn(f64, f64) -> bool + Copy,
) -> bool {
    if !warm_up(out, n - 1) {
        return all_finite(&[x]);
    }
    if n == 1 {
        out.copy_from_slice(x);
        return all_finite(&[x]);
    }
    let pick = move |a: f64, b: f64| if better(a, b) { a } else { b };
    // The neutral element ("no bar"): `pick(v, neutral) == v` for every finite `v`.
    let neutral = if better(1.0, 0.0) {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    // Per stretch: the suffix extremes of the block before its current one at 0..n, and the
    // neutral element at n (the window ending on a block's last bar takes nothing before it).
    let stride = n + 1;
    let mut suffix = vec![neutral; stride * LANES];
    let suffix_of = |block: &[f64], s: &mut [f64]| {
        let mut r = neutral;
        for (s, &v) in s.iter_mut().zip(block).rev() {
            r = pick(v, r);
            *s = r;
        }
    };
    // Running sums of the inputs: finite when every input is (a NaN or an infinity makes them
    // NaN or infinite; so can, rarely, an overflow of huge finite inputs, which only sends the
    // caller to its run-by-run path). One addition per input.
    let mut finite = [0.0; LANES];
    let per = x.len() / n / LANES;
    let span = per * n;
    if per > 0 {
        let (xs, _) = x.split_at(LANES * span);
        let (x0, rest) = xs.split_at(span);
        let (x1, rest) = rest.split_at(span);
        let (x2, x3) = rest.split_at(span);
        let (o0, rest) = out.split_at_mut(span);
        let (o1, rest) = rest.split_at_mut(span);
        let (o2, rest) = rest.split_at_mut(span);
        let o3 = &mut rest[..span];
        let (s0, rest) = suffix.split_at_mut(stride);
        let (s1, rest) = rest.split_at_mut(stride);
        let (s2, s3) = rest.split_at_mut(stride);
        // The block before each later stretch.
        suffix_of(&x0[span - n..], s1);
        suffix_of(&x1[span - n..], s2);
        suffix_of(&x2[span - n..], s3);
        let blocks = (x0.chunks_exact(n).zip(x1.chunks_exact(n)))
            .zip(x2.chunks_exact(n).zip(x3.chunks_exact(n)));
        let out_blocks = (o0.chunks_exact_mut(n).zip(o1.chunks_exact_mut(n)))
            .zip(o2.chunks_exact_mut(n).zip(o3.chunks_exact_mut(n)));
        for (((a0, a1), (a2, a3)), ((b0, b1), (b2, b3))) in blocks.zip(out_blocks) {
            // Forward: prefix extremes, each combined with the block before's suffix.
            let (mut p0, mut p1, mut p2, mut p3) = (neutral, neutral, neutral, neutral);
            let xs = (a0.iter().zip(a1)).zip(a2.iter().zip(a3));
            let older = (s0[1..].iter().zip(&s1[1..])).zip(s2[1..].iter().zip(&s3[1..]));
            let os = (b0.iter_mut().zip(b1.iter_mut())).zip(b2.iter_mut().zip(b3.iter_mut()));
            for (((&v0, &v1), (&v2, &v3)), (((&w0, &w1), (&w2, &w3)), ((q0, q1), (q2, q3)))) in
                xs.zip(older.zip(os))
            {
                finite[0] += v0;
                finite[1] += v1;
                finite[2] += v2;
                finite[3] += v3;
                p0 = pick(v0, p0);
                p1 = pick(v1, p1);
                p2 = pick(v2, p2);
                p3 = pick(v3, p3);
                *q0 = pick(w0, p0);
                *q1 = pick(w1, p1);
                *q2 = pick(w2, p2);
                *q3 = pick(w3, p3);
            }
            // Backward, over the same (cached) bars: this block's suffixes, for the next.
            let (mut r0, mut r1, mut r2, mut r3) = (neutral, neutral, neutral, neutral);
            let xs = (a0.iter().zip(a1)).zip(a2.iter().zip(a3));
            let ss = (s0.iter_mut().zip(s1.iter_mut())).zip(s2.iter_mut().zip(s3.iter_mut()));
            for (((&v0, &v1), (&v2, &v3)), ((t0, t1), (t2, t3))) in xs.zip(ss).rev() {
                r0 = pick(v0, r0);
                r1 = pick(v1, r1);
                r2 = pick(v2, r2);
                r3 = pick(v3, r3);
                (*t0, *t1, *t2, *t3) = (r0, r1, r2, r3);
            }
        }
    }
    // The blocks after the stretches, one at a time, following the last stretch.
    let done = LANES * span;
    let prev = &mut suffix[stride * (LANES - 1)..];
    let mut tail = 0.0;
    for (xb, ob) in x[done..].chunks(n).zip(out[done..].chunks_mut(n)) {
        let mut p = neutral;
        for ((o, &v), &w) in ob.iter_mut().zip(xb).zip(&prev[1..]) {
            tail += v;
            p = pick(v, p);
            *o = pick(w, p);
        }
        suffix_of(xb, prev);
    }
    // The first block has no full window before its last bar.
    out[..n - 1].fill(f64::NAN);
    tail.is_finite() && finite.iter().all(|f| f.is_finite())
}

/// Rolling minimum of the last `n` values, the current one included.
///
/// `lowest[i] = min(x[i-n+1..=i])`. Matches TA-Lib `MIN`.
///
/// Warm-up: the first value is at index `n - 1`. A non-finite input gives NaN and restarts the
/// warm-up. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::lowest;
/// let out = lowest(&[1.0, 3.0, 2.0, 0.0], 2)?;
/// assert_eq!(&out[1..], &[1.0, 2.0, 0.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn lowest(x: &[f64], n: usize) -> Result<Vec<f64>> {
    let mut out = vec![0.0; x.len()];
    lowest_into(x, n, &mut out)?;
    Ok(out)
}

/// [`lowest`] written into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out.len() != x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::lowest_into;
/// let mut out = [0.0; 3];
/// lowest_into(&[1.0, 3.0, 2.0], 2, &mut out)?;
/// assert_eq!(&out[1..], &[1.0, 2.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn lowest_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<()> {
    if !check_into(x, n, out)? {
        return Ok(());
    }
    extremes_into(x, n, out, |a, b| a < b);
    Ok(())
}

macro_rules! extreme_type {
    ($(#[$doc:meta])* $name:ident, $dom:expr) => {
        $(#[$doc])*
        ///
        /// A fresh one equals another of the same period (it derives `PartialEq`):
        #[doc = "```"]
        #[doc = concat!("let a = chartist::indicators::", stringify!($name), "::new(5)?;")]
        #[doc = "assert_eq!(a.clone(), a);"]
        #[doc = "# Ok::<(), chartist::Error>(())"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            deque: Deque,
        }

        impl $name {
            /// A rolling extreme over the last `n` values.
            ///
            /// # Errors
            /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
            ///
            /// # Example
            #[doc = "```"]
            #[doc = concat!("use chartist::indicators::{Indicator, ", stringify!($name), "};")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(20)?.lookback(), 19);")]
            #[doc = concat!("assert!(", stringify!($name), "::new(0).is_err());")]
            #[doc = "# Ok::<(), chartist::Error>(())"]
            #[doc = "```"]
            pub fn new(n: usize) -> Result<Self> {
                check_window("period", n)?;
                Ok($name { deque: Deque::new(n) })
            }

            /// The period `n`.
            ///
            /// # Example
            #[doc = "```"]
            #[doc = concat!("let x = chartist::indicators::", stringify!($name), "::new(20)?;")]
            #[doc = "assert_eq!(x.period(), 20);"]
            #[doc = "# Ok::<(), chartist::Error>(())"]
            #[doc = "```"]
            pub fn period(&self) -> usize {
                self.deque.n
            }
        }

        impl Indicator for $name {
            type Input = f64;
            type Output = f64;

            #[inline]
            fn update(&mut self, x: f64) -> Option<f64> {
                if !x.is_finite() {
                    self.deque.reset();
                    return None;
                }
                self.deque.update(x, $dom)
            }

            fn peek(&self, x: f64) -> Option<f64> {
                if !x.is_finite() {
                    return None;
                }
                self.deque.peek(x, $dom)
            }

            fn reset(&mut self) {
                self.deque.reset();
            }

            fn lookback(&self) -> usize {
                self.deque.n - 1
            }
        }
    };
}

extreme_type!(
    /// Streaming [`highest`]: monotonic deque in a ring of `n` slots, O(1) amortised.
    ///
    /// Gives exactly the numbers of [`highest`]. The first `Some` comes with the `n`-th input.
    /// A non-finite input resets the state and returns `None`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Highest, Indicator};
    /// let mut h = Highest::new(2)?;
    /// assert_eq!(h.update(5.0), None);
    /// assert_eq!(h.update(1.0), Some(5.0));
    /// assert_eq!(h.update(2.0), Some(2.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    Highest,
    |a: f64, b: f64| a >= b
);

extreme_type!(
    /// Streaming [`lowest`]: monotonic deque in a ring of `n` slots, O(1) amortised.
    ///
    /// Gives exactly the numbers of [`lowest`]. The first `Some` comes with the `n`-th input.
    /// A non-finite input resets the state and returns `None`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Lowest};
    /// let mut l = Lowest::new(2)?;
    /// l.update(1.0);
    /// assert_eq!(l.update(5.0), Some(1.0));
    /// assert_eq!(l.update(3.0), Some(3.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    Lowest,
    |a: f64, b: f64| a <= b
);
