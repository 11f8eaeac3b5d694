//! One retry schedule for everything that tries again: a failed poll (doubling from a
//! base up to a cap) and a failed send (a configured list of waits, then give up). Jitter
//! keeps many failures from retrying in lockstep; a `Retry-After` from the other side is
//! honoured up to its cap. Pure: the random draw is passed in.

#![warn(clippy::arithmetic_side_effects)]

use std::time::Duration;

use super::clock;

/// How the waits grow.
#[derive(Debug, Clone, Copy)]
pub enum Steps<'a> {
    /// `base`, `2·base`, `4·base`… never more than `max`; never runs out.
    Doubling { base: Duration, max: Duration },
    /// The n-th failure waits the n-th entry; past the last, no more tries.
    List(&'a [Duration]),
}

/// How far a wait is spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jitter {
    /// Anywhere between nothing and the wait (polls: spreads a failing carrier's load).
    Full,
    /// ±20 % around the wait (messages: keeps the schedule the merchant expects).
    Narrow,
}

/// The wait after the `failures`-th failure (1 = the first), with `unit` a uniform draw in
/// [0, 1); `None` when the schedule has run out.
pub fn delay(
    steps: Steps<'_>,
    jitter: Jitter,
    failures: u32,
    unit: f64,
    retry_after: Option<Duration>,
) -> Option<Duration> {
    let index = failures.saturating_sub(1);
    let wait = match steps {
        Steps::Doubling { base, max } => {
            let exp = 2u32.saturating_pow(index.min(20));
            base.saturating_mul(exp).min(max)
        }
        Steps::List(waits) => *waits.get(usize::try_from(index).ok()?)?,
    };
    let unit = unit.clamp(0.0, 1.0);
    let factor = match jitter {
        Jitter::Full => unit,
        Jitter::Narrow => 0.4f64.mul_add(unit, 0.8),
    };
    // At most 1.2 × a wait that is itself bounded: no overflow.
    let jittered = wait.mul_f64(factor);
    Some(retry_after.map_or(jittered, |r| jittered.max(clock::retry_after(r))))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn doubling_grows_caps_and_never_runs_out() {
        let steps = Steps::Doubling {
            base: S(30),
            max: S(3600),
        };
        let waits: Vec<_> = [1, 2, 3, 10, u32::MAX]
            .iter()
            .map(|f| delay(steps, Jitter::Full, *f, 0.999_999, None).unwrap())
            .collect();
        assert!(waits[0] <= S(30) && waits[0] > S(29));
        assert!(waits[1] <= S(60) && waits[2] <= S(120));
        assert!(waits[3] <= S(3600) && waits[4] <= S(3600) && waits[4] > S(3599));
        assert_eq!(delay(steps, Jitter::Full, 3, 0.0, None), Some(S(0)));
    }

    #[test]
    fn a_list_runs_out_and_narrow_jitter_stays_near_the_wait() {
        let list = [S(60), S(600)];
        let steps = Steps::List(&list);
        assert_eq!(delay(steps, Jitter::Narrow, 1, 0.5, None), Some(S(60)));
        assert_eq!(delay(steps, Jitter::Narrow, 2, 0.0, None), Some(S(480)));
        assert_eq!(delay(steps, Jitter::Narrow, 2, 1.0, None), Some(S(720)));
        assert_eq!(delay(steps, Jitter::Narrow, 3, 0.5, None), None);
        assert_eq!(delay(Steps::List(&[]), Jitter::Narrow, 1, 0.5, None), None);
    }

    #[test]
    fn retry_after_is_honoured_up_to_its_cap() {
        let steps = Steps::List(&[Duration::from_secs(1)]);
        let honoured = delay(steps, Jitter::Narrow, 1, 0.5, Some(S(90)));
        assert_eq!(honoured, Some(S(90)));
        let absurd = delay(steps, Jitter::Narrow, 1, 0.5, Some(Duration::MAX));
        assert_eq!(absurd, Some(clock::MAX_RETRY_AFTER));
    }
}
