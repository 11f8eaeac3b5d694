//! The pace of a merchant's recent parcels against their lanes. A lane's history says how
//! long its parcels take; the parcels handed over in the last [`WINDOW_DAYS`] say whether
//! they take longer or shorter than that right now (a strike, a peak, a quiet month), and
//! how widely they spread. Each recent parcel is measured against `expected`, its lane's
//! likely transit when the carrier took it, twice: as a ratio,
//! `ln((transit + 1) / (expected + 1))`, which places the likely day; and as days late
//! or early scaled by `√(expected + 1)`, which places the window's ends — a lane's spread
//! grows with the square root of its time, so a long lane is not padded in proportion to
//! its length (on the Olist orders from July 2017 on, the ratios' `latest` needs about
//! 0.7 days more padding for 95% on time). Those still in transit count as taking at least
//! their age so far (Kaplan–Meier), so a slowdown shows before the slow parcels arrive.
//! A window is then its lane's likely transit spread by these residuals.

use serde::{Deserialize, Serialize};

use super::{BUCKET_DAYS, BUCKETS, bucket};

/// How far back a parcel's hand-over counts towards the pace.
pub const WINDOW_DAYS: i64 = 30;
/// How often a merchant's pace is drawn again.
pub const PACE_EVERY: chrono::TimeDelta = chrono::TimeDelta::minutes(10);
/// Fewer recent parcels than this say nothing about the pace.
pub const MIN_PARCELS: usize = 20;
/// Points of the residuals' distribution kept: its quantiles at 0, 1/(N−1), …, 1.
const POINTS: usize = 101;

/// A recent parcel: its lane's likely transit when handed over (working days), and its
/// transit once delivered or its age so far (working days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recent {
    pub expected: f64,
    pub taken: f64,
    pub delivered: bool,
}

/// The residuals' distributions as quantiles, evenly spaced from 0 to 1: `ratio` of the
/// ratios, `spread` of the scaled days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    pub ratio: Vec<f64>,
    pub spread: Vec<f64>,
}

/// The two residuals, and back: a parcel's transit from a residual and its `expected`.
#[derive(Debug, Clone, Copy)]
enum Form {
    Ratio,
    Spread,
}

impl Form {
    fn residual(self, r: &Recent) -> f64 {
        let (taken, expected) = (r.taken.max(0.0), r.expected.max(0.0));
        match self {
            Form::Ratio => ((taken + 1.0) / (expected + 1.0)).ln(),
            Form::Spread => (taken - expected) / (expected + 1.0).sqrt(),
        }
    }

    fn transit(self, x: f64, expected: f64) -> f64 {
        let expected = expected.max(0.0);
        let days = match self {
            Form::Ratio => (expected + 1.0) * x.clamp(-10.0, 10.0).exp() - 1.0,
            Form::Spread => expected + x.clamp(-1e4, 1e4) * (expected + 1.0).sqrt(),
        };
        days.max(0.0)
    }
}

/// The pace of `recent` parcels; `None` with fewer than [`MIN_PARCELS`], or before half
/// of them (as Kaplan–Meier counts) were delivered: until then their likely pace is not
/// known, only that it is slower than what has arrived.
pub fn pace(recent: &[Recent]) -> Option<Pace> {
    if recent.len() < MIN_PARCELS {
        return None;
    }
    Some(Pace {
        ratio: quantiles(recent, Form::Ratio)?,
        spread: quantiles(recent, Form::Spread)?,
    })
}

/// The Kaplan–Meier quantiles of `recent`'s residuals in `form` (see [`pace`]).
fn quantiles(recent: &[Recent], form: Form) -> Option<Vec<f64>> {
    let mut seen: Vec<(f64, bool)> = recent
        .iter()
        .map(|r| (form.residual(r), r.delivered))
        .filter(|(x, _)| x.is_finite())
        .collect();
    // At a tie a delivery comes before a parcel still in transit (it is still at risk).
    seen.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    // Kaplan–Meier: each delivery takes its share of the parcels still at risk.
    let mut steps: Vec<(f64, f64)> = vec![]; // (residual, share delivered by it)
    let (mut survive, mut at_risk) = (1.0, seen.len() as f64);
    for &(x, delivered) in &seen {
        if delivered {
            survive *= 1.0 - 1.0 / at_risk;
            steps.push((x, 1.0 - survive));
        }
        at_risk -= 1.0;
    }
    if steps.last().is_none_or(|(_, share)| *share < 0.5 - 1e-9) {
        return None;
    }
    let (&(first, _), &(last, _)) = (steps.first()?, seen.last()?);
    let quantiles = (0..POINTS)
        .map(|i| {
            let q = i as f64 / (POINTS - 1) as f64;
            // What is never seen delivered lies past the last parcel seen.
            steps
                .iter()
                .find(|(_, share)| *share >= q - 1e-9)
                .map_or(last, |&(x, _)| x)
                .max(first)
        })
        .collect();
    Some(quantiles)
}

/// The transit times (working days, as bucket weights summing to 1) of a parcel whose
/// lane expects `expected`, its residuals in `form` drawn from `quantiles`: each step
/// between two quantiles holds its share, spread evenly over the transits they give.
fn transits(quantiles: &[f64], form: Form, expected: f64) -> Vec<f64> {
    let mut d = vec![0.0; BUCKETS];
    let Some((&first, rest)) = quantiles.split_first().filter(|(_, r)| !r.is_empty()) else {
        d[usize::from(bucket(expected))] = 1.0;
        return d;
    };
    let share = 1.0 / rest.len() as f64;
    let mut lo = form.transit(first, expected);
    for &x in rest {
        let hi = form.transit(x, expected);
        spread(&mut d, (lo, hi), share);
        lo = hi;
    }
    d
}

/// Adds `share` to `d`, evenly over the working days `from..to` (at `from` when empty);
/// the last bucket holds everything past it.
fn spread(d: &mut [f64], (from, to): (f64, f64), share: f64) {
    let (first, last) = (usize::from(bucket(from)), usize::from(bucket(to)));
    if first >= last || to <= from {
        d[first] += share;
        return;
    }
    for (i, weight) in d.iter_mut().enumerate().take(last + 1).skip(first) {
        let start = (i as f64 * BUCKET_DAYS).max(from);
        let end = if i + 1 == BUCKETS {
            to
        } else {
            ((i + 1) as f64 * BUCKET_DAYS).min(to)
        };
        *weight += share * (end - start).max(0.0) / (to - from);
    }
}

/// Quantiles as stored: comma-separated.
fn encode(quantiles: &[f64]) -> String {
    let parts: Vec<String> = quantiles.iter().map(|x| format!("{x:.4}")).collect();
    parts.join(",")
}

/// From [`encode`]; `None` unless it holds finite, ordered quantiles.
fn decode(raw: &str) -> Option<Vec<f64>> {
    let quantiles: Vec<f64> = raw
        .split(',')
        .map(|x| x.parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()?;
    let ordered = quantiles.windows(2).all(|w| w[0] <= w[1]);
    (quantiles.len() == POINTS && ordered).then_some(quantiles)
}

impl Pace {
    /// The transit times (working days, as bucket weights summing to 1) of a parcel
    /// whose lane expects `expected`, at this pace, as the ratios place them: its likely
    /// day and its chance of missing a promise are read from these.
    pub fn likely(&self, expected: f64) -> Vec<f64> {
        transits(&self.ratio, Form::Ratio, expected)
    }

    /// The same as the scaled days place them: the window's ends are read from these.
    pub fn ends(&self, expected: f64) -> Vec<f64> {
        transits(&self.spread, Form::Spread, expected)
    }

    /// As stored: the ratios' quantiles and the scaled days', each comma-separated.
    pub fn encode(&self) -> (String, String) {
        (encode(&self.ratio), encode(&self.spread))
    }

    /// From [`Pace::encode`]; `None` unless both hold finite, ordered quantiles.
    pub fn decode(ratio: &str, spread: &str) -> Option<Pace> {
        Some(Pace {
            ratio: decode(ratio)?,
            spread: decode(spread)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recent(expected: f64, taken: f64, delivered: bool) -> Recent {
        Recent {
            expected,
            taken,
            delivered,
        }
    }

    #[test]
    fn parcels_on_their_lanes_time_keep_the_lane() {
        let all: Vec<Recent> = (0..40)
            .map(|i| recent(4.0, 3.0 + f64::from(i % 3), true))
            .collect();
        let p = pace(&all).unwrap();
        assert!(p.ratio[50].abs() < 0.01, "{:?}", p.ratio[50]);
        assert!(p.spread[50].abs() < 0.01, "{:?}", p.spread[50]);
        assert!(p.ratio.windows(2).all(|w| w[0] <= w[1]));
        let (ratio, spread) = p.encode();
        let stored = Pace::decode(&ratio, &spread).unwrap();
        assert_eq!(stored.encode(), p.encode());
        assert!(Pace::decode("1,2", &spread).is_none() && Pace::decode(&ratio, "x").is_none());
        assert!(pace(&all[..10]).is_none(), "too few to say");
    }

    #[test]
    fn the_window_ends_do_not_stretch_a_long_lane_in_proportion() {
        // Short (1-day) and long (15-day) lanes whose parcels run late by the same days
        // over √(expected + 1): the ends place a long lane's slowest within its own
        // spread; the ratios, which take the short lane's slowest ratio, place it about
        // 14 days later.
        let late = [-0.5, 0.0, 0.5, 1.0, 2.0];
        let all: Vec<Recent> = (0..60)
            .map(|i| {
                let expected = if i % 2 == 0 { 1.0 } else { 15.0 };
                let z = late[i / 2 % late.len()];
                recent(expected, expected + z * (expected + 1.0).sqrt(), true)
            })
            .collect();
        let p = pace(&all).unwrap();
        let (likely, ends) = (p.likely(15.0), p.ends(15.0));
        let past = |d: &[f64]| -> f64 { d[usize::from(bucket(25.0))..].iter().sum() };
        assert!(past(&ends) < 0.02, "{}", past(&ends));
        assert!(past(&likely) > 0.05, "{}", past(&likely));
    }

    #[test]
    fn a_slowdown_shows_before_the_slow_parcels_arrive() {
        // Ten delivered on time, then thirty still out at twice their lanes' time: not yet
        // known how slow; once twenty more arrive at twice the time, the likely pace is that.
        let mut all: Vec<Recent> = (0..10).map(|_| recent(3.0, 3.0, true)).collect();
        all.extend((0..30).map(|_| recent(3.0, 7.0, false)));
        assert!(pace(&all).is_none(), "a lower bound only");
        all.extend((0..20).map(|_| recent(3.0, 7.0, true)));
        let p = pace(&all).unwrap();
        assert!(p.ratio[99] >= p.ratio[50]);
        assert!(
            p.ratio[50] >= (8.0f64 / 4.0).ln() - 1e-9,
            "{:?}",
            p.ratio[50]
        );
        // Both put a 3-day lane's likely transit at 7 days or more.
        let (likely, ends) = (p.likely(3.0), p.ends(3.0));
        for d in [likely, ends] {
            assert!((d.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            let below: f64 = d[..usize::from(bucket(7.0))].iter().sum();
            assert!(below < 0.5, "{below}");
        }
    }
}
