//! What a merchant's delivered parcels took, per lane: a histogram of transit times in
//! working days (quarter-day buckets up to 60 days), recent parcels weighing more. Forward
//! decay keeps an update to one addition: a parcel delivered at `t` adds
//! `exp((t − anchor) / tau)` to its bucket, and the weights are read back scaled by
//! `exp(−(now − anchor) / tau)`; the anchor moves (and every weight is rescaled) only
//! when the exponent grows large, once in years.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Working days per bucket.
pub const BUCKET_DAYS: f64 = 0.25;
/// Buckets: up to 60 working days; a longer transit counts in the last one.
pub const BUCKETS: usize = 240;
/// The largest exponent kept before the anchor moves (`e^300` is far below `f64::MAX`).
const MAX_EXPONENT: f64 = 300.0;

/// One lane's transit times, decayed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    /// Seconds since the epoch the weights are relative to.
    pub anchor: i64,
    /// Bucket → forward-decayed weight.
    pub weights: BTreeMap<u16, f64>,
}

/// The bucket of a transit time.
pub fn bucket(working_days: f64) -> u16 {
    let i = (working_days.max(0.0) / BUCKET_DAYS).floor();
    (i.min((BUCKETS - 1) as f64)) as u16
}

fn exponent(anchor: i64, at: DateTime<Utc>, tau: Duration) -> f64 {
    (at.timestamp() - anchor) as f64 / tau.as_secs_f64().max(1.0)
}

impl Rollup {
    /// Counts a parcel delivered at `at` after `working_days` in transit.
    pub fn add(&mut self, working_days: f64, at: DateTime<Utc>, tau: Duration) {
        if self.weights.is_empty() {
            self.anchor = at.timestamp();
        }
        if exponent(self.anchor, at, tau) > MAX_EXPONENT {
            self.rebase(at, tau);
        }
        let w = exponent(self.anchor, at, tau).exp();
        *self.weights.entry(bucket(working_days)).or_default() += w;
    }

    /// Moves the anchor to `at`, scaling every weight to it.
    pub fn rebase(&mut self, at: DateTime<Utc>, tau: Duration) {
        let scale = (-exponent(self.anchor, at, tau)).exp();
        for w in self.weights.values_mut() {
            *w *= scale;
        }
        self.weights.retain(|_, w| *w > 1e-12);
        self.anchor = at.timestamp();
    }

    /// The weight of the parcels as of `now`: one parcel delivered now counts 1, one
    /// delivered `tau` ago about 0.37.
    pub fn count(&self, now: DateTime<Utc>, tau: Duration) -> f64 {
        let scale = (-exponent(self.anchor, now, tau)).exp();
        self.weights.values().sum::<f64>() * scale
    }

    /// The distribution over the buckets (sums to 1), or `None` when empty.
    pub fn distribution(&self) -> Option<Vec<f64>> {
        let total: f64 = self.weights.values().sum();
        if !(total.is_finite() && total > 0.0) {
            return None;
        }
        let mut d = vec![0.0; BUCKETS];
        for (&b, &w) in &self.weights {
            if let Some(slot) = d.get_mut(usize::from(b)) {
                *slot += w / total;
            }
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAU: Duration = Duration::from_secs(15 * 86_400);

    fn day(n: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + n * 86_400, 0).unwrap()
    }

    #[test]
    fn recent_parcels_weigh_more_and_counts_decay() {
        let mut r = Rollup::default();
        r.add(2.0, day(0), TAU);
        r.add(6.0, day(15), TAU);
        assert!((r.count(day(15), TAU) - (1.0 + (-1.0f64).exp())).abs() < 1e-9);
        let d = r.distribution().unwrap();
        assert!(d[usize::from(bucket(6.0))] > 2.0 * d[usize::from(bucket(2.0))]);
        assert_eq!(bucket(-3.0), 0);
        assert_eq!(bucket(1e9), (BUCKETS - 1) as u16);
    }

    #[test]
    fn rebasing_keeps_the_distribution() {
        let mut r = Rollup::default();
        r.add(2.0, day(0), TAU);
        r.add(3.0, day(5), TAU);
        let before = (r.distribution().unwrap(), r.count(day(9), TAU));
        r.rebase(day(9), TAU);
        let after = (r.distribution().unwrap(), r.count(day(9), TAU));
        assert!((before.1 - after.1).abs() < 1e-9);
        for (a, b) in before.0.iter().zip(&after.0) {
            assert!((a - b).abs() < 1e-12);
        }
        // Years later the anchor moves by itself; nothing overflows.
        r.add(4.0, day(20_000), TAU);
        assert!(r.count(day(20_000), TAU).is_finite());
        assert!(r.distribution().unwrap().iter().all(|p| p.is_finite()));
    }
}
