//! Rolling highest and lowest values (TA-Lib `MAX` / `MIN`), window including the current bar.
//!
//! The streaming types run a monotonic deque kept in a fixed-capacity ring buffer: O(1)
//! amortised per bar whatever the period. The batch functions use the van Herk / Gil-Werman
//! block algorithm instead: cut the series into blocks of `n` bars, take running extremes
//! backwards and forwards inside each block, and every window is the extreme of one suffix
//! and one prefix: three comparisons per bar, no branches, no buffer beyond the output.
//! Both give identical values. Non-finite inputs split the series (see
//! [`crate::indicators`]).

use super::core::Indicator;
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
    drive(x, out, |run, o| extreme_kernel(run, n, o, |a, b| a > b));
    Ok(())
}

/// Rolling extreme of an all-finite run (van Herk / Gil-Werman, see the module docs);
/// `better(a, b)` is `a > b` for the maximum, `a < b` for the minimum.
#[inline(always)]
fn extreme_kernel(x: &[f64], n: usize, out: &mut [f64], better: impl Fn(f64, f64) -> bool) {
    if !warm_up(out, n - 1) {
        return;
    }
    let pick = |a: f64, b: f64| if better(a, b) { a } else { b };
    // Backward pass: suffix[j] = extreme of x[j .. end of j's block], stored at out[j + n - 1].
    let shifted = &mut out[n - 1..];
    for (xb, ob) in x.chunks(n).zip(shifted.chunks_mut(n)) {
        let m = ob.len();
        let last = xb.len() - 1;
        let mut run = xb[m..].iter().fold(xb[last], |acc, &v| pick(v, acc));
        for (o, &v) in ob.iter_mut().rev().zip(xb[..m].iter().rev()) {
            run = pick(v, run);
            *o = run;
        }
    }
    // Forward pass: prefix extreme inside each block, combined with the stored suffix. The
    // first block's only output (at n - 1) is its suffix from bar 0: already in place.
    for (xb, ob) in x.chunks(n).zip(out.chunks_mut(n)).skip(1) {
        let mut run = xb[0];
        for (o, &v) in ob.iter_mut().zip(xb) {
            run = pick(v, run);
            *o = pick(*o, run);
        }
    }
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
    drive(x, out, |run, o| extreme_kernel(run, n, o, |a, b| a < b));
    Ok(())
}

macro_rules! extreme_type {
    ($(#[$doc:meta])* $name:ident, $dom:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            deque: Deque,
        }

        impl $name {
            /// A rolling extreme over the last `n` values.
            ///
            /// # Errors
            /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
            pub fn new(n: usize) -> Result<Self> {
                check_window("period", n)?;
                Ok($name { deque: Deque::new(n) })
            }

            /// The period `n`.
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
