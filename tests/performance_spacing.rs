//! Frequency inference against a direct lower median of sorted timestamp spacings.

use chartist::performance::periods_per_year;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;

fn reference(times: &[NaiveDateTime]) -> Option<f64> {
    let mut gaps: Vec<i64> = times
        .windows(2)
        .map(|w| w[1].and_utc().timestamp() - w[0].and_utc().timestamp())
        .collect();
    gaps.sort_unstable();
    let g = gaps[(gaps.len() - 1) / 2];
    const DAY: i64 = 86_400;
    match g {
        _ if g < DAY => None,
        _ if g <= 4 * DAY => Some(252.0),
        _ if g <= 10 * DAY => Some(52.0),
        _ if g <= 45 * DAY => Some(12.0),
        _ if g <= 135 * DAY => Some(4.0),
        _ => Some(1.0),
    }
}

proptest! {
    /// Random increasing schedules: mixed day steps (crossing year ends) and times of day.
    #[test]
    fn inferred_frequency_is_the_lower_median_class(
        steps in prop::collection::vec((0i64..200, prop_oneof![Just(0i64), 0i64..86_400]), 1..60),
    ) {
        let mut t = NaiveDate::from_ymd_opt(1999, 11, 20).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let mut times = vec![t];
        for &(days, secs) in &steps {
            // Often a whole number of days (same time of day), sometimes not.
            let days = if days == 0 && secs == 0 { 1 } else { days };
            t += TimeDelta::days(days) + TimeDelta::seconds(secs);
            times.push(t);
        }
        match reference(&times) {
            Some(p) => prop_assert_eq!(periods_per_year(&times).unwrap(), p),
            None => prop_assert!(periods_per_year(&times).is_err()),
        }
    }
}
