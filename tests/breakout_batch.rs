//! The batch scan has its own driver over the detector's shared pieces: it reads the input in
//! blocks of rows, drops the bars before the window block by block, feeds the ATR and the
//! volume average only when a breakout reads them, and runs quiet bars through the window step
//! alone. Whatever the input, it must give exactly what the streaming detector holds after the
//! same bars. The series here are long (several blocks, so the block edges and the dropping of
//! old bars are crossed many times) and of several shapes, with gaps and missing columns.

use chartist::breakout::{
    scan, BarInput, BreakoutConfig, BreakoutDetector, Input, RangeBasis, WidthLimit,
};
use chartist::sample::{end_date, generate, random_walk, Regime, SampleRng};

/// Closes, highs, lows and volumes of `n` bars: ranges and trends, or a plain random walk.
fn columns(seed: u64, n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut rng = SampleRng::new(seed);
    let s = if seed.is_multiple_of(2) {
        random_walk("W", seed, n, 100.0, 0.0, 0.012)
    } else {
        let mut regimes = Vec::new();
        let mut left = n;
        while left > 0 {
            let bars = ((30 + rng.next_u64() % 400) as usize).min(left);
            left -= bars;
            if rng.uniform() < 0.6 {
                let low = 80.0 + 40.0 * rng.uniform();
                let high = low * (1.03 + 0.15 * rng.uniform());
                regimes.push(Regime::Range {
                    low,
                    high,
                    vol: 0.01,
                    bars,
                });
            } else {
                let drift = 0.004 * (rng.uniform() - 0.5);
                regimes.push(Regime::Trend {
                    drift,
                    vol: 0.015,
                    bars,
                });
            }
        }
        generate("R", seed, 100.0, end_date(), &regimes)
    };
    (
        s.close().to_vec(),
        s.high().to_vec(),
        s.low().to_vec(),
        s.volume().to_vec(),
    )
}

/// What the streaming detector holds after feeding the bars one by one.
fn streamed(
    cfg: &BreakoutConfig,
    close: &[f64],
    high_low: Option<(&[f64], &[f64])>,
    volume: Option<&[f64]>,
) -> String {
    let mut det = BreakoutDetector::new(cfg.clone()).expect("valid config");
    for (i, &c) in close.iter().enumerate() {
        let mut bar = BarInput::close(c);
        if let Some((h, l)) = high_low {
            bar = bar.high_low(h[i], l[i]);
        }
        if let Some(v) = volume {
            bar = bar.volume(v[i]);
        }
        det.update(bar);
    }
    // Debug text compares every float bit for bit.
    format!("{:?}", det.to_scan())
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
        for cfg in &configs {
            let inputs = [
                (Input::closes(&close), None, None),
                (
                    Input::closes(&close).high_low(&high, &low).volume(&volume),
                    Some((&high[..], &low[..])),
                    Some(&volume[..]),
                ),
            ];
            for (input, high_low, vol) in inputs {
                let batch = scan(input, cfg).expect("valid config");
                breakouts += batch.breakouts.len();
                assert_eq!(
                    format!("{batch:?}"),
                    streamed(cfg, &close, high_low, vol),
                    "seed {seed}, config {cfg:?}, high/low {}",
                    high_low.is_some()
                );
            }
        }
    }
    // The comparison means something only if the series do break out of ranges.
    assert!(breakouts > 1_000, "{breakouts} breakouts");
}
