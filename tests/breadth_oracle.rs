//! The one-pass breadth kernel against a direct, date-by-date recount of every definition.

use chartist::breadth::{
    advance_decline, breadth, new_highs_lows, participation, percent_above_ma, BreadthConfig,
    HighLowBasis,
};
use chartist::series::{midnight, Panel};
use chrono::NaiveDate;
use ndarray::Array2;
use proptest::prelude::*;

fn panel(rows: &[Vec<f64>]) -> Panel {
    let t = rows[0].len();
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let times = (0..t)
        .map(|i| midnight(start + chrono::Days::new(i as u64)))
        .collect();
    let flat: Vec<f64> = rows.iter().flat_map(|r| r.iter().copied()).collect();
    let m = Array2::from_shape_vec((rows.len(), t), flat).unwrap();
    let names = (0..rows.len()).map(|i| format!("S{i}")).collect();
    Panel::from_closes(names, times, m).unwrap()
}

/// Direct counts, written from the documented definitions (O(members x dates x period)).
struct Oracle {
    above: Vec<usize>,
    above_counted: Vec<usize>,
    adv: Vec<usize>,
    dec: Vec<usize>,
    unch: Vec<usize>,
    highs: Vec<usize>,
    lows: Vec<usize>,
    hl_counted: Vec<usize>,
    part: Vec<usize>,
    part_counted: Vec<usize>,
}

fn oracle(rows: &[Vec<f64>], ma: usize, hl: usize, win: usize) -> Oracle {
    let t = rows[0].len();
    let z = || vec![0usize; t];
    let mut o = Oracle {
        above: z(),
        above_counted: z(),
        adv: z(),
        dec: z(),
        unch: z(),
        highs: z(),
        lows: z(),
        hl_counted: z(),
        part: z(),
        part_counted: z(),
    };
    let fin = |w: &[f64]| w.iter().all(|x| x.is_finite());
    for c in rows {
        for i in 0..t {
            // SMA defined: the last `ma` closes are all finite.
            if i + 1 >= ma && fin(&c[i + 1 - ma..=i]) {
                let sma = c[i + 1 - ma..=i].iter().sum::<f64>() / ma as f64;
                o.above_counted[i] += 1;
                o.above[i] += (c[i] > sma) as usize;
            }
            if i >= 1 && fin(&c[i - 1..=i]) {
                o.adv[i] += (c[i] > c[i - 1]) as usize;
                o.dec[i] += (c[i] < c[i - 1]) as usize;
                o.unch[i] += (c[i] == c[i - 1]) as usize;
            }
            if i >= hl && fin(&c[i - hl..=i]) {
                let w = &c[i - hl..i];
                let mx = w.iter().copied().fold(f64::MIN, f64::max);
                let mn = w.iter().copied().fold(f64::MAX, f64::min);
                o.hl_counted[i] += 1;
                o.highs[i] += (c[i] > mx) as usize;
                o.lows[i] += (c[i] < mn) as usize;
            }
            if i >= win && c[i].is_finite() && c[i - win].is_finite() {
                o.part_counted[i] += 1;
                o.part[i] += (c[i] > c[i - win]) as usize;
            }
        }
    }
    o
}

fn check(rows: &[Vec<f64>], ma: usize, hl: usize, win: usize) -> Result<(), TestCaseError> {
    let p = panel(rows);
    let cfg = BreadthConfig::default()
        .ma_period(ma)
        .high_low_period(hl)
        .participation_window(win);
    let b = breadth(&p, &cfg).unwrap();
    let o = oracle(rows, ma, hl, win);
    prop_assert_eq!(&b.above_ma.count, &o.above);
    prop_assert_eq!(&b.above_ma.counted, &o.above_counted);
    prop_assert_eq!(&b.advance_decline.advancers, &o.adv);
    prop_assert_eq!(&b.advance_decline.decliners, &o.dec);
    prop_assert_eq!(&b.advance_decline.unchanged, &o.unch);
    prop_assert_eq!(&b.new_highs_lows.new_highs, &o.highs);
    prop_assert_eq!(&b.new_highs_lows.new_lows, &o.lows);
    prop_assert_eq!(&b.new_highs_lows.counted, &o.hl_counted);
    prop_assert_eq!(&b.participation.count, &o.part);
    prop_assert_eq!(&b.participation.counted, &o.part_counted);
    // The single-measure functions agree with the suite (counts; shares follow from them).
    let above = percent_above_ma(&p, ma).unwrap();
    prop_assert_eq!(&above.count, &o.above);
    prop_assert_eq!(&above.counted, &o.above_counted);
    let part = participation(&p, win).unwrap();
    prop_assert_eq!(&part.count, &o.part);
    prop_assert_eq!(&part.counted, &o.part_counted);
    let nhl = new_highs_lows(&p, hl, HighLowBasis::Close).unwrap();
    prop_assert_eq!(&nhl.new_highs, &o.highs);
    prop_assert_eq!(&nhl.new_lows, &o.lows);
    prop_assert_eq!(&nhl.excluded, &b.new_highs_lows.excluded);
    let ad = advance_decline(&p);
    prop_assert_eq!(&ad.advancers, &b.advance_decline.advancers);
    prop_assert_eq!(&ad.excluded, &b.advance_decline.excluded);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Small panels with gaps (integer-valued closes, so sums are exact and ties happen).
    #[test]
    fn kernel_matches_direct_counts(
        members in 1usize..6,
        dates in 1usize..70,
        ma in 1usize..12,
        hl in 1usize..15,
        win in 1usize..8,
        seed in prop::collection::vec(prop_oneof![12 => (1u32..40).prop_map(f64::from), 1 => Just(f64::NAN)], 6 * 70),
    ) {
        let rows: Vec<Vec<f64>> = (0..members)
            .map(|m| seed[m * 70..m * 70 + dates].to_vec())
            .collect();
        check(&rows, ma, hl, win)?;
    }
}

/// A panel large enough for the two-thread split (2^18 cells), some members with gaps.
#[test]
fn kernel_matches_direct_counts_on_a_split_panel() {
    let (members, dates) = (128, 2048);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let rows: Vec<Vec<f64>> = (0..members)
        .map(|m| {
            let mut p = 1000.0;
            (0..dates)
                .map(|_| {
                    p += (next() % 21) as f64 - 10.0;
                    p = p.max(1.0);
                    if m % 5 == 0 && next() % 97 == 0 {
                        f64::NAN
                    } else {
                        p
                    }
                })
                .collect()
        })
        .collect();
    check(&rows, 20, 30, 10).unwrap();
}
