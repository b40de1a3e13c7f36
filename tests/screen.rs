//! Size buckets and quality screen: hand-worked percentiles and missing-field policies.

use approx::assert_relative_eq;
use chartist::screen::{
    quality_screen, Fundamentals, MissingFilter, MissingPolicy, MissingScore, QualityConfig,
    QualityField, QualityFilters, QualityWeights, SizeBucket, SizeThresholds,
};
use chartist::Error;

#[test]
fn size_buckets_default_convention_and_bounds() {
    let t = SizeThresholds::default();
    assert_eq!((t.small(), t.mid(), t.large()), (300e6, 2e9, 10e9));
    assert_eq!(t.classify(0.0).unwrap(), SizeBucket::Micro);
    assert_eq!(t.classify(299_999_999.0).unwrap(), SizeBucket::Micro);
    assert_eq!(t.classify(300e6).unwrap(), SizeBucket::Small); // lower bounds inclusive
    assert_eq!(t.classify(1.99e9).unwrap(), SizeBucket::Small);
    assert_eq!(t.classify(2e9).unwrap(), SizeBucket::Mid);
    assert_eq!(t.classify(10e9).unwrap(), SizeBucket::Large);
    assert!(t.classify(-1.0).is_err() && t.classify(f64::NAN).is_err());
    let custom = SizeThresholds::new(250e6, 1e9, 5e9).unwrap();
    assert_eq!(custom.classify(2e9).unwrap(), SizeBucket::Mid);
}

#[test]
fn thresholds_out_of_order_are_a_typed_error() {
    for (s, m, l) in [
        (2e9, 300e6, 10e9),
        (300e6, 10e9, 2e9),
        (300e6, 300e6, 10e9),
        (0.0, 1.0, 2.0),
        (1.0, 2.0, f64::INFINITY),
    ] {
        assert!(matches!(
            SizeThresholds::new(s, m, l),
            Err(Error::InvalidParameter { .. })
        ));
    }
}

fn universe() -> Vec<Fundamentals> {
    vec![
        Fundamentals::new("A")
            .market_cap(500e6)
            .debt_to_equity(0.5)
            .return_on_equity(0.20)
            .price_earnings(15.0),
        Fundamentals::new("B")
            .market_cap(5e9)
            .debt_to_equity(1.5)
            .return_on_equity(0.10)
            .price_earnings(-8.0),
        Fundamentals::new("C")
            .market_cap(20e9)
            .debt_to_equity(0.5)
            .price_earnings(30.0),
    ]
}

#[test]
fn percentiles_and_composite_hand_worked() {
    let s = quality_screen(&universe(), &QualityConfig::default()).unwrap();
    assert_eq!(
        s.iter().map(|x| x.size).collect::<Vec<_>>(),
        vec![
            Some(SizeBucket::Small),
            Some(SizeBucket::Mid),
            Some(SizeBucket::Large)
        ]
    );
    // D/E 0.5, 1.5, 0.5 (lower better): A: 1 worse (B) + 0.5 * 1 tie (C) over 2 = 0.75;
    // C the same; B: 0 / 2 = 0.
    assert_eq!(s[0].percentiles.debt_to_equity, Some(0.75));
    assert_eq!(s[1].percentiles.debt_to_equity, Some(0.0));
    assert_eq!(s[2].percentiles.debt_to_equity, Some(0.75));
    // ROE only A and B: A 1 / 1 = 1, B 0; C missing.
    assert_eq!(s[0].percentiles.return_on_equity, Some(1.0));
    assert_eq!(s[2].percentiles.return_on_equity, None);
    // P/E 15, -8 (losses rank worst), 30: A beats C and B -> 1.0; C beats B -> 0.5; B 0.
    assert_eq!(s[0].percentiles.price_earnings, Some(1.0));
    assert_eq!(s[2].percentiles.price_earnings, Some(0.5));
    assert_eq!(s[1].percentiles.price_earnings, Some(0.0));
    // Composite, missing skipped: A (0.75 + 1 + 1) / 3; B 0; C (0.75 + 0.5) / 2.
    assert_relative_eq!(s[0].composite.unwrap(), 2.75 / 3.0);
    assert_eq!(s[1].composite, Some(0.0));
    assert_relative_eq!(s[2].composite.unwrap(), 0.625);
    assert_eq!(
        s[2].missing,
        vec![
            QualityField::ReturnOnEquity,
            QualityField::Margin,
            QualityField::FreeCashFlow
        ]
    );
    assert!(s.iter().all(|x| x.passed())); // no filters set
}

#[test]
fn missing_policies() {
    // C lacks ROE: Worst scores it 0, Neutral 0.5.
    let worst = QualityConfig::default().missing(MissingPolicy {
        filter: MissingFilter::Fail,
        score: MissingScore::Worst,
    });
    let s = quality_screen(&universe(), &worst).unwrap();
    // C: (0.75 + 0 [ROE] + 0.5 + 0 [margin] + 0 [FCF]) / 5
    assert_relative_eq!(s[2].composite.unwrap(), 1.25 / 5.0);
    let neutral = QualityConfig::default().missing(MissingPolicy {
        filter: MissingFilter::Fail,
        score: MissingScore::Neutral,
    });
    let s = quality_screen(&universe(), &neutral).unwrap();
    // C: (0.75 + 0.5 + 0.5 + 0.5 + 0.5) / 5
    assert_relative_eq!(s[2].composite.unwrap(), 2.75 / 5.0);

    // Filter on ROE >= 0.15: A passes, B fails, C fails when missing fails, passes otherwise.
    let f = QualityFilters::default().min_return_on_equity(0.15);
    let strict = QualityConfig::default().filters(f);
    let s = quality_screen(&universe(), &strict).unwrap();
    assert_eq!(
        s.iter().map(|x| x.passed()).collect::<Vec<_>>(),
        vec![true, false, false]
    );
    let lenient = strict.missing(MissingPolicy {
        filter: MissingFilter::Pass,
        score: MissingScore::Skip,
    });
    let s = quality_screen(&universe(), &lenient).unwrap();
    assert_eq!(
        s.iter().map(|x| x.passed()).collect::<Vec<_>>(),
        vec![true, false, true]
    );
    // Max P/E 20: losses (negative P/E) fail too.
    let pe = QualityConfig::default().filters(QualityFilters::default().max_price_earnings(20.0));
    let s = quality_screen(&universe(), &pe).unwrap();
    assert_eq!(s[1].failed, vec![QualityField::PriceEarnings]);
    assert_eq!(s[2].failed, vec![QualityField::PriceEarnings]);
    // A stock with nothing: no composite under Skip.
    let s = quality_screen(&[Fundamentals::new("Z")], &QualityConfig::default()).unwrap();
    assert_eq!(s[0].composite, None);
    assert_eq!(s[0].size, None);
}

#[test]
fn weights_change_the_composite() {
    let w = QualityWeights {
        debt_to_equity: 0.0,
        return_on_equity: 0.0,
        margin: 1.0,
        price_earnings: 3.0,
        free_cash_flow: 1.0,
    };
    let s = quality_screen(&universe(), &QualityConfig::default().weights(w)).unwrap();
    // C: only P/E present with weight: 3 * 0.5 / 3
    assert_relative_eq!(s[2].composite.unwrap(), 0.5);
}

#[test]
fn screen_bad_input() {
    assert!(quality_screen(&[], &QualityConfig::default())
        .unwrap()
        .is_empty());
    let nan = [Fundamentals::new("X").margin(f64::NAN)];
    assert!(matches!(
        quality_screen(&nan, &QualityConfig::default()),
        Err(Error::InvalidValue { .. })
    ));
    let neg = [Fundamentals::new("X").market_cap(-1.0)];
    assert!(quality_screen(&neg, &QualityConfig::default()).is_err());
    let w = QualityWeights {
        margin: -1.0,
        ..QualityWeights::default()
    };
    assert!(quality_screen(&universe(), &QualityConfig::default().weights(w)).is_err());
}
