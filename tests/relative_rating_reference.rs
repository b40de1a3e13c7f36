//! `rs_rating` against a straightforward reference written here from the module docs: per
//! member and date the weighted score, then per date collect the scores and rank them by
//! counting. The fast implementation (tiles of dates, bucket ranking, threads) must give the
//! very same ratings, bit for bit, on every input: NaN holes, late listings, ties, histories
//! shorter than the horizons, universes of one and many members, every missing-history
//! policy and a range of horizons, weights and `min_members`.

use chartist::relative::{rs_rating, rs_score, MissingHistory, RsRatingConfig};
use chartist::sample::{end_date, weekdays_ending, SampleRng};
use chartist::series::{midnight, Panel};
use chartist::Error;
use ndarray::Array2;

/// A good close: finite and positive (the module's rule).
fn good(v: f64) -> bool {
    v.is_finite() && v > 0.0
}

/// The score of `x` on date `t`, as the module docs define it (the sums taken in horizon
/// order, each horizon adding `w * (1 / close then)`).
fn reference_score(x: &[f64], t: usize, config: &RsRatingConfig) -> f64 {
    let now = x[t];
    if !good(now) {
        return f64::NAN;
    }
    let total = config.horizons.iter().fold(0.0, |s, h| s + h.1);
    let (mut acc, mut wsum, mut missing) = (0.0, 0.0, false);
    for &(p, w) in &config.horizons {
        if t >= p && good(x[t - p]) {
            acc += w * (1.0 / x[t - p]);
            wsum += w;
        } else {
            missing = true;
        }
    }
    let exclude = config.missing == MissingHistory::Exclude;
    if wsum == 0.0 || (exclude && missing) {
        f64::NAN
    } else if missing {
        (now * acc - wsum) * (total / wsum)
    } else {
        now * acc - total
    }
}

/// The order-preserving key of a score, as documented: both zeros share a key, and scores
/// tie when their keys agree above the low 20 bits.
fn tie_class(s: f64) -> u64 {
    let b = (s + 0.0).to_bits();
    let key = if b >> 63 == 1 { !b } else { b | (1 << 63) };
    key >> 20
}

/// Ratings of one date's scores by the documented rule: `m` scored members, `below` of them
/// in a lower tie class, `equal` in the same one; rating `1 + round(rank * (98 / (m - 1)))`
/// with `rank = below + (equal - 1) / 2`.
fn reference_ratings(scores: &[f64], min_members: usize) -> Vec<f64> {
    let mut classes: Vec<u64> = scores
        .iter()
        .filter(|s| !s.is_nan())
        .map(|&s| tie_class(s))
        .collect();
    let m = classes.len();
    if m < min_members {
        return vec![f64::NAN; scores.len()];
    }
    classes.sort_unstable();
    let scale = 98.0 / (m - 1) as f64;
    scores
        .iter()
        .map(|&s| {
            if s.is_nan() {
                return f64::NAN;
            }
            let c = tie_class(s);
            let below = classes.partition_point(|&k| k < c);
            let equal = classes.partition_point(|&k| k <= c) - below;
            let rank = below as f64 + (equal - 1) as f64 / 2.0;
            1.0 + (rank * scale).round()
        })
        .collect()
}

/// The reference ratings of a whole panel: `(symbols, dates)`.
fn reference_panel(close: &Array2<f64>, config: &RsRatingConfig) -> Array2<f64> {
    let (n, t) = close.dim();
    let rows: Vec<Vec<f64>> = close.rows().into_iter().map(|r| r.to_vec()).collect();
    let mut scores = Array2::<f64>::from_elem((n, t), f64::NAN);
    for (r, x) in rows.iter().enumerate() {
        for c in 0..t {
            scores[[r, c]] = reference_score(x, c, config);
        }
    }
    let mut out = Array2::<f64>::from_elem((n, t), f64::NAN);
    for c in 0..t {
        let column = scores.column(c).to_vec();
        for (r, v) in reference_ratings(&column, config.min_members)
            .into_iter()
            .enumerate()
        {
            out[[r, c]] = v;
        }
    }
    out
}

/// Bit-for-bit equality, any NaN equal to any NaN.
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// How a random panel is drawn.
#[derive(Clone, Copy)]
struct Shape {
    symbols: usize,
    dates: usize,
    /// Chance of a NaN hole at any cell.
    holes: f64,
    /// Chance that a member lists late (NaN before a random date).
    late: f64,
    /// Chance that a member copies an earlier member (exact ties on every date).
    copies: f64,
    /// Chance that a member is flat (score 0 on every date: ties across members).
    flat: f64,
}

fn random_panel(shape: Shape, rng: &mut SampleRng) -> (Panel, Array2<f64>) {
    let (n, t) = (shape.symbols, shape.dates);
    let mut close = Array2::<f64>::from_elem((n, t), f64::NAN);
    for r in 0..n {
        let u = rng.uniform();
        if r > 0 && u < shape.copies {
            let from = ((rng.uniform() * r as f64) as usize).min(r - 1);
            let scale = [1.0, 2.0, 0.5, 1024.0][(rng.uniform() * 4.0) as usize % 4];
            for c in 0..t {
                close[[r, c]] = close[[from, c]] * scale;
            }
            continue;
        }
        let flat = u < shape.copies + shape.flat;
        let listed = if rng.uniform() < shape.late {
            (rng.uniform() * t as f64) as usize
        } else {
            0
        };
        // Prices from cents to millions, so scores spread over many binades; a few members
        // move in coarse steps that make equal scores on different dates and members.
        let mut p = 10f64.powf(-2.0 + 8.0 * rng.uniform());
        let coarse = rng.uniform() < 0.1;
        let vol = 0.002 + 0.05 * rng.uniform();
        for c in 0..t {
            if !flat {
                p = if coarse {
                    (p * (1.0 + 0.05 * (rng.uniform() * 3.0).floor() - 0.05)).max(0.01)
                } else {
                    p * (vol * rng.normal()).exp()
                };
            }
            if c >= listed && rng.uniform() >= shape.holes {
                close[[r, c]] = p;
            }
        }
    }
    let times = weekdays_ending(end_date(), t)
        .into_iter()
        .map(midnight)
        .collect();
    let symbols = (0..n).map(|i| format!("S{i}")).collect();
    let panel = Panel::from_closes(symbols, times, close.clone()).expect("valid panel");
    (panel, close)
}

fn random_config(rng: &mut SampleRng, max_bars: usize) -> RsRatingConfig {
    let k = 1 + (rng.uniform() * 5.0) as usize;
    let horizons = (0..k)
        .map(|_| {
            let bars = 1 + (rng.uniform() * max_bars as f64) as usize;
            let weight =
                [0.4, 0.2, 0.25, 1.0, 0.1 + rng.uniform()][(rng.uniform() * 5.0) as usize % 5];
            (bars, weight)
        })
        .collect();
    let missing = if rng.uniform() < 0.5 {
        MissingHistory::Reweight
    } else {
        MissingHistory::Exclude
    };
    RsRatingConfig::default()
        .horizons(horizons)
        .missing(missing)
        .min_members(2 + (rng.uniform() * 4.0) as usize)
}

fn check(panel: &Panel, close: &Array2<f64>, config: &RsRatingConfig, what: &str) {
    let got = rs_rating(panel, config);
    if panel.n_symbols() < config.min_members {
        assert!(
            matches!(got, Err(Error::InsufficientData { .. })),
            "{what}: {got:?}"
        );
        return;
    }
    let got = got.expect("rating");
    let want = reference_panel(close, config);
    assert_eq!(got.ratings.dim(), want.dim(), "{what}");
    for ((r, c), &w) in want.indexed_iter() {
        let g = got.rating(r, c);
        assert!(
            same(g, w),
            "{what}: member {r} date {c}: got {g}, reference {w}"
        );
    }
    // The scores behind them are the reference's too.
    for r in 0..panel.n_symbols().min(4) {
        let x = close.row(r).to_vec();
        let s = rs_score(&x, config).expect("valid config");
        for (c, &v) in s.iter().enumerate() {
            assert!(
                same(v, reference_score(&x, c, config)),
                "{what}: score {r} {c}"
            );
        }
    }
}

#[test]
fn small_random_panels_match_the_reference() {
    let mut rng = SampleRng::new(0x5eed);
    for case in 0..120 {
        let shape = Shape {
            symbols: 1 + (rng.uniform() * 40.0) as usize,
            dates: 1 + (rng.uniform() * 200.0) as usize,
            holes: [0.0, 0.01, 0.2][case % 3],
            late: [0.0, 0.3][case % 2],
            copies: [0.0, 0.2, 0.5][(case / 3) % 3],
            flat: [0.0, 0.1, 0.4][(case / 2) % 3],
        };
        let (panel, close) = random_panel(shape, &mut rng);
        let config = random_config(&mut rng, 60);
        check(&panel, &close, &config, &format!("case {case}"));
    }
}

#[test]
fn default_horizons_on_short_and_long_histories_match_the_reference() {
    let mut rng = SampleRng::new(11);
    // Histories shorter than, around and well past the 252-bar horizon, a 1-member universe
    // (an error) and a 2-member one (ratings 1 and 99 or a shared 50).
    for (case, &(symbols, dates)) in [(1, 300), (2, 300), (3, 62), (25, 64), (30, 253), (17, 520)]
        .iter()
        .enumerate()
    {
        let shape = Shape {
            symbols,
            dates,
            holes: 0.005,
            late: 0.25,
            copies: 0.1,
            flat: 0.05,
        };
        let (panel, close) = random_panel(shape, &mut rng);
        for missing in [MissingHistory::Reweight, MissingHistory::Exclude] {
            let config = RsRatingConfig::default().missing(missing);
            check(&panel, &close, &config, &format!("default case {case}"));
        }
    }
}

#[test]
fn panels_rated_on_several_threads_match_the_reference() {
    // Over 2^18 cells, so `rs_rating` splits the dates among threads; several hundred
    // members exercise the bucket ranking with its sorted buckets.
    let mut rng = SampleRng::new(2026);
    for (case, &(symbols, dates)) in [(520, 530), (300, 900)].iter().enumerate() {
        let shape = Shape {
            symbols,
            dates,
            holes: 0.002,
            late: 0.2,
            copies: 0.05,
            flat: 0.02,
        };
        let (panel, close) = random_panel(shape, &mut rng);
        let config = if case == 0 {
            RsRatingConfig::default()
        } else {
            RsRatingConfig::default()
                .horizons(vec![(5, 0.5), (21, 0.3), (63, 0.2)])
                .missing(MissingHistory::Exclude)
                .min_members(250)
        };
        check(&panel, &close, &config, &format!("threads case {case}"));
    }
}
