//! Time arithmetic on values that come from outside (a carrier's or a receiver's
//! `Retry-After`, a merchant's rate or delays): waits are bounded and moments are computed
//! with checked arithmetic, so no input can overflow a clock or stall work for years.

#![warn(clippy::arithmetic_side_effects)]

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use super::Invalid;

/// The longest a carrier or a webhook receiver can hold us off with `Retry-After`.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The furthest ahead anything is ever scheduled (retention, feedback requests, back-off).
pub const HORIZON: Duration = Duration::from_secs(400 * 86_400);

/// `now + wait`, the wait capped at [`HORIZON`]: never overflows, whatever the input.
pub fn after(now: DateTime<Utc>, wait: Duration) -> DateTime<Utc> {
    let wait = TimeDelta::from_std(wait.min(HORIZON)).unwrap_or(TimeDelta::zero());
    now.checked_add_signed(wait).unwrap_or(now)
}

/// A `Retry-After` value bounded to [`MAX_RETRY_AFTER`].
pub fn retry_after(wait: Duration) -> Duration {
    wait.min(MAX_RETRY_AFTER)
}

/// Requests per second a carrier account may be asked, within sane bounds.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, serde::Serialize)]
pub struct RequestRate(f64);

impl RequestRate {
    pub const MIN: f64 = 0.01;
    pub const MAX: f64 = 1000.0;

    pub fn parse(rate: f64) -> Result<RequestRate, Invalid> {
        if rate.is_finite() && (Self::MIN..=Self::MAX).contains(&rate) {
            Ok(RequestRate(rate))
        } else {
            Err(Invalid::new(format!(
                "between {} and {} requests per second",
                Self::MIN,
                Self::MAX
            )))
        }
    }

    /// A rate as typed in a form, with a decimal point or, as French or Portuguese write
    /// it, a decimal comma (`0,5`); a comma before three digits (`1,000`) could be either,
    /// and is refused.
    pub fn typed(raw: &str) -> Result<RequestRate, Invalid> {
        let number = || Invalid::new("a number of requests per second");
        let raw = raw.trim();
        let text = match raw.split_once(',') {
            Some((whole, part)) if (1..=2).contains(&part.len()) && !whole.contains('.') => {
                format!("{whole}.{part}")
            }
            Some(_) => return Err(number()),
            None => raw.to_owned(),
        };
        RequestRate::parse(text.parse().map_err(|_| number())?)
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rates_outside_the_bounds_are_refused() {
        for bad in [0.0, 1e-14, -1.0, 1000.5, f64::NAN, f64::INFINITY] {
            assert!(RequestRate::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(RequestRate::parse(0.01).map(RequestRate::get), Ok(0.01));
        assert_eq!(RequestRate::parse(1000.0).map(RequestRate::get), Ok(1000.0));
    }

    #[test]
    fn a_rate_is_typed_with_a_decimal_point_or_comma() {
        let typed = |raw| RequestRate::typed(raw).map(RequestRate::get);
        for (raw, rate) in [("0.5", 0.5), (" 0,5 ", 0.5), ("2,25", 2.25), ("12", 12.0)] {
            assert_eq!(typed(raw), Ok(rate), "{raw}");
        }
        for bad in ["1,000", "1.5,2", "0,", ",5x", "five", "0,001", "2000"] {
            assert!(typed(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn after_never_overflows_and_never_goes_past_the_horizon(
            secs in any::<u64>(), nanos in 0u32..1_000_000_000, at in -8_000_000_000_000i64..8_000_000_000_000i64
        ) {
            let now = DateTime::from_timestamp_millis(at).unwrap_or_default();
            let t = after(now, Duration::new(secs, nanos));
            prop_assert!(t >= now);
            let horizon = TimeDelta::from_std(HORIZON).unwrap_or_default();
            prop_assert!(now.checked_add_signed(horizon).is_some_and(|far| t <= far) || t == now);
        }
    }
}
