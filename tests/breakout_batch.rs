//! The batch scan feeds the detector's step straight from the columns: no events, the range in
//! force brought up to date once at the end, timestamps added to the result at the end, and
//! history before the window dropped in blocks of 4,096 bars. Whatever the input, it must give
//! exactly what the streaming detector holds after the same bars. The series here are long
//! (the history is dropped many times) and of several shapes, with gaps and missing columns,
//! and each is compared at several lengths, so some end inside a range in force or with a
//! breakout still open.

use chartist::breakout::{
    scan, BarInput, BreakoutConfig, BreakoutDetector, Input, RangeBasis, WidthLimit,
};
use chartist::sample::{random_walk, SampleRng};

mod common;

/// Closes, highs, lows and volumes of `n` bars: ranges and trends, or a plain random walk.
fn columns(seed: u64, n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut rng = SampleRng::new(seed);
    let s = if seed.is_multiple_of(2) {
        random_walk("W", seed, n, 100.0, 0.0, 0.012)
    } else {
        common::ranges_and_trends(&mut rng, seed, n, (30, 400), 0.15)
    };
    (
        s.close().to_vec(),
        s.high().to_vec(),
        s.low().to_vec(),
        s.volume().to_vec(),
    )
}

/// What the streaming detector holds after the first `p` bars, for each `p` in `cuts`
/// (ascending), fed one by one.
fn streamed(
    cfg: &BreakoutConfig,
    close: &[f64],
    high_low: Option<(&[f64], &[f64])>,
    volume: Option<&[f64]>,
    cuts: &[usize],
) -> Vec<String> {
    let mut det = BreakoutDetector::new(cfg.clone()).expect("valid config");
    let mut out = Vec::new();
    let mut fed = 0;
    for &p in cuts {
        for i in fed..p {
            let mut bar = BarInput::close(close[i]);
            if let Some((h, l)) = high_low {
                bar = bar.high_low(h[i], l[i]);
            }
            if let Some(v) = volume {
                bar = bar.volume(v[i]);
            }
            det.update(bar);
        }
        fed = p;
        // Debug text compares every float bit for bit.
        out.push(format!("{:?}", det.to_scan()));
    }
    out
}

#[test]
fn batch_scan_equals_the_streaming_detector_on_long_series() {
    let d = BreakoutConfig::default();
    let configs = [
        d.clone(),
        d.clone().basis(RangeBasis::HighLow).confirm_closes(1),
        d.clone().max_width_percent(6.0).confirm_atr(0.5),
        d.clone()
            .width(WidthLimit::AtrMultiple(4.0))
            .min_bars(5)
            .min_touches(1)
            .volume_period(7),
    ];
    let mut breakouts = 0;
    for seed in 0..4u64 {
        let n = 9_000 + 1_700 * seed as usize;
        let (mut close, mut high, mut low, mut volume) = columns(seed, n);
        let mut rng = SampleRng::new(seed + 100);
        for i in 0..n {
            let u = rng.uniform();
            if u < 0.004 {
                close[i] = f64::NAN;
            } else if u < 0.006 {
                high[i] = f64::NAN;
            } else if u < 0.008 {
                volume[i] = f64::NAN;
            } else if u < 0.009 {
                low[i] = high[i] + 1.0;
            }
        }
        if seed == 3 {
            // A long stretch without closes across a block edge.
            close[4_000..4_300].fill(f64::NAN);
        }
        let cuts = [n / 3, n / 2 + 17, 3 * n / 4 + 5, n - 40, n - 3, n];
        for cfg in &configs {
            for with_columns in [false, true] {
                let high_low = with_columns.then_some((&high[..], &low[..]));
                let vol = with_columns.then_some(&volume[..]);
                let expected = streamed(cfg, &close, high_low, vol, &cuts);
                for (&p, want) in cuts.iter().zip(&expected) {
                    let mut input = Input::closes(&close[..p]);
                    if with_columns {
                        input = input.high_low(&high[..p], &low[..p]).volume(&volume[..p]);
                    }
                    let batch = scan(input, cfg).expect("valid config");
                    breakouts += batch.breakouts.len();
                    assert_eq!(
                        &format!("{batch:?}"),
                        want,
                        "seed {seed}, {p} bars, config {cfg:?}, high/low and volume {with_columns}"
                    );
                }
            }
        }
    }
    // The comparison means something only if the series do break out of ranges.
    assert!(breakouts > 5_000, "{breakouts} breakouts");
}
