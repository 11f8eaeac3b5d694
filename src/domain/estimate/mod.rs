//! Delivery estimates learned from a merchant's own delivered parcels. Each lane keeps a
//! decayed histogram of transit times in working days ([`Rollup`]); a parcel's estimate
//! mixes its lane's histogram with coarser ones (`levels`, coarse to fine), each finer one
//! weighing `n / (n + shrink)` by its recent parcel count `n`, so a thin lane leans on its
//! country or carrier. The window is the distribution's `earliest`/`likely`/`latest`
//! quantiles of what is left once the time already spent in transit is known (a parcel
//! not delivered after 3 days takes more than 3): it is never in the past, and narrows
//! as the parcel ages. Days count as the destination's carriers work them ([`Calendar`]).

mod calendar;
mod lanes;
mod revise;
mod rollup;

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub use calendar::{Calendar, MAX_SPAN_DAYS, calendar};
pub use lanes::{
    Stage, current_stage, handed_over, leg, levels, place, promise_deadline, stage_at,
    stage_levels, transit,
};
pub use revise::{Revision, Stated, revise};
pub use rollup::{BUCKET_DAYS, BUCKETS, Rollup, bucket};

/// How estimates are learned and drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// A parcel delivered `tau` ago weighs 1/e of one delivered now.
    pub tau: Duration,
    /// Parcels a finer lane needs to weigh as much as the coarser one it refines.
    pub shrink: f64,
    /// Quantiles of the transit time: the window's start, its likeliest day, its end.
    pub earliest: f64,
    pub likely: f64,
    pub latest: f64,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            tau: Duration::from_secs(15 * 86_400),
            shrink: 10.0,
            earliest: 0.1,
            likely: 0.5,
            latest: 0.9,
        }
    }
}

/// Where a window comes from, in the order it is preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The carrier's own date.
    Carrier,
    /// Learned from the merchant's delivered parcels.
    Learned,
    /// The merchant's promise.
    Promise,
}

/// An estimated delivery window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Window {
    pub earliest: DateTime<Utc>,
    pub likely: DateTime<Utc>,
    pub latest: DateTime<Utc>,
    pub source: Source,
    /// How much the window rests on: the weight of the finest lane with parcels,
    /// `n / (n + shrink)` (0–1); 1 for the carrier's own date and the promise.
    pub confidence: f64,
}

/// The mixture of `levels` (coarse to fine) as of `now`; the finest level's weight.
fn mixture(model: &Model, levels: &[&Rollup], now: DateTime<Utc>) -> Option<(Vec<f64>, f64)> {
    let mut mix: Option<Vec<f64>> = None;
    let mut finest = 0.0;
    for level in levels {
        let Some(d) = level.distribution() else {
            continue;
        };
        let n = level.count(now, model.tau);
        finest = n;
        mix = Some(match mix {
            None => d,
            Some(m) => {
                let a = n / (n + model.shrink.max(f64::MIN_POSITIVE));
                m.iter()
                    .zip(&d)
                    .map(|(m, d)| (1.0 - a) * m + a * d)
                    .collect()
            }
        });
    }
    Some((mix?, finest))
}

/// The `q` quantile (working days) of `mix` given more than `elapsed` working days.
fn quantile(mix: &[f64], elapsed: f64, q: f64) -> Option<f64> {
    // What is left of each bucket once `elapsed` days are known to have passed.
    let left: Vec<(f64, f64, f64)> = mix
        .iter()
        .enumerate()
        .filter_map(|(i, &p)| {
            let (lo, hi) = (i as f64 * BUCKET_DAYS, (i + 1) as f64 * BUCKET_DAYS);
            let from = lo.max(elapsed);
            (hi > from && p > 0.0).then(|| (from, hi, p * (hi - from) / BUCKET_DAYS))
        })
        .collect();
    let total: f64 = left.iter().map(|(_, _, p)| p).sum();
    if total.is_nan() || total <= 1e-9 {
        return None;
    }
    let target = q.clamp(0.0, 1.0) * total;
    let mut seen = 0.0;
    for &(from, hi, p) in &left {
        if seen + p >= target {
            return Some(from + (hi - from) * ((target - seen) / p).clamp(0.0, 1.0));
        }
        seen += p;
    }
    left.last().map(|&(_, hi, _)| hi)
}

/// The learned window of a parcel handed to the carrier at `handed_over`, as of `now`,
/// counted in `zone`'s working days of `calendar`; `None` without parcels to learn from
/// (or when this one has outlived all of them).
pub fn learned<Z: TimeZone>(
    model: &Model,
    levels: &[&Rollup],
    handed_over: DateTime<Utc>,
    now: DateTime<Utc>,
    (zone, calendar): (&Z, &Calendar),
) -> Option<Window> {
    let (mix, finest) = mixture(model, levels, now)?;
    let start = handed_over.with_timezone(zone).naive_local();
    let elapsed = calendar.between(start, now.with_timezone(zone).naive_local());
    let at = |q: f64| -> Option<DateTime<Utc>> {
        let days = quantile(&mix, elapsed, q)?;
        let local = calendar.add(start, days)?;
        let utc = zone
            .from_local_datetime(&local)
            .earliest()?
            .with_timezone(&Utc);
        Some(utc.max(now))
    };
    let (earliest, likely, latest) = (at(model.earliest)?, at(model.likely)?, at(model.latest)?);
    Some(Window {
        earliest,
        likely: likely.max(earliest),
        latest: latest.max(likely).max(earliest),
        source: Source::Learned,
        confidence: finest / (finest + model.shrink.max(f64::MIN_POSITIVE)),
    })
}

/// The probability that a parcel handed over at `handed_over` and not delivered by `now`
/// arrives after `deadline` (the end of the promised day), from the same mixture as its
/// window; `None` without parcels to learn from.
pub fn miss_probability<Z: TimeZone>(
    model: &Model,
    levels: &[&Rollup],
    (handed_over, now, deadline): (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>),
    (zone, calendar): (&Z, &Calendar),
) -> Option<f64> {
    let (mix, _) = mixture(model, levels, now)?;
    let start = handed_over.with_timezone(zone).naive_local();
    let local = |t: DateTime<Utc>| t.with_timezone(zone).naive_local();
    let elapsed = calendar.between(start, local(now));
    let allowed = calendar.between(start, local(deadline));
    // Mass left past `elapsed`, and the part of it past `allowed`.
    let past = |from: f64| -> f64 {
        mix.iter()
            .enumerate()
            .map(|(i, &p)| {
                let (lo, hi) = (i as f64 * BUCKET_DAYS, (i + 1) as f64 * BUCKET_DAYS);
                p * ((hi - lo.max(from)).clamp(0.0, BUCKET_DAYS) / BUCKET_DAYS)
            })
            .sum()
    };
    let left = past(elapsed);
    (left > 1e-9).then(|| (past(allowed.max(elapsed)) / left).clamp(0.0, 1.0))
}

/// `inner` (from a later stage of the journey) kept within `outer`: the window only
/// narrows as the parcel advances. When they do not meet (the parcel outran what its
/// lane said), the later stage's window stands.
pub fn narrowed(outer: &Window, inner: Window) -> Window {
    let earliest = outer.earliest.max(inner.earliest);
    let latest = outer.latest.min(inner.latest);
    if earliest > latest {
        return inner;
    }
    Window {
        earliest,
        likely: inner.likely.clamp(earliest, latest),
        latest,
        ..inner
    }
}

#[cfg(test)]
mod tests;
