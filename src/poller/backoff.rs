//! Retry delay after a failed poll: exponential from `backoff_base`, capped at
//! `backoff_max`, with full jitter (uniform between nothing and that) so many failing
//! shipments do not retry in lockstep, and never sooner than the carrier's `Retry-After`.

#![warn(clippy::arithmetic_side_effects)]

use std::time::Duration;

use crate::config::PollerConfig;
use crate::domain::retry::{self, Jitter, Steps};

pub fn delay(cfg: &PollerConfig, failures: u32, retry_after: Option<Duration>) -> Duration {
    let steps = Steps::Doubling {
        base: cfg.backoff_base,
        max: cfg.backoff_max,
    };
    let unit = crate::entropy::unit();
    retry::delay(steps, Jitter::Full, failures, unit, retry_after).unwrap_or(cfg.backoff_max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::domain::clock;

    #[test]
    fn grows_caps_jitters_and_honours_retry_after() {
        let cfg = Config::from_layers(&[], std::iter::empty()).unwrap().poller;
        for failures in 1..30 {
            let d = delay(&cfg, failures, None);
            let full = cfg
                .backoff_base
                .saturating_mul(1 << (failures - 1).min(20))
                .min(cfg.backoff_max);
            assert!(d <= full, "{failures}: {d:?}");
        }
        // Full jitter: spread over the whole window, about half of it on average.
        let full = cfg.backoff_base.saturating_mul(16).min(cfg.backoff_max);
        let samples: Vec<Duration> = (0..400).map(|_| delay(&cfg, 5, None)).collect();
        let mean = samples.iter().sum::<Duration>() / 400;
        assert!(
            mean > full.mul_f64(0.35) && mean < full.mul_f64(0.65),
            "{mean:?} of {full:?}"
        );
        assert!(samples.iter().any(|d| *d < full / 4) && samples.iter().any(|d| *d > full * 3 / 4));
        let d = delay(&cfg, 1, Some(Duration::from_secs(3600)));
        assert_eq!(d, Duration::from_secs(3600));
        // A carrier cannot hold a shipment for longer than a day.
        let d = delay(&cfg, 1, Some(Duration::from_secs(100_000_000_000_000)));
        assert_eq!(d, clock::MAX_RETRY_AFTER);
    }
}
