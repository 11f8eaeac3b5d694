//! Delivery estimates learned from a merchant's own delivered parcels. Each lane keeps a
//! decayed histogram of transit times in working days ([`Rollup`]); a parcel's estimate
//! mixes its lane's histogram with coarser ones (`levels`, coarse to fine), each finer one
//! weighing `n / (n + shrink)` by its recent parcel count `n`, so a thin lane leans on its
//! country or carrier. The window is the distribution's `earliest`/`likely`/`latest`
//! quantiles of what is left once the time already spent in transit is known (a parcel
//! not delivered after 3 days takes more than 3): it is never in the past, and narrows
//! as the parcel ages. Once the merchant has enough recent parcels, the lane gives the
//! likely transit and their [`Pace`] the spread around it (the likely day as the pace's
//! ratios place it, the window's ends as its scaled days do). The window's ends are whole days
//! where the parcel goes, as a customer reads them ("Tue 3 – Thu 5 Dec"). Days count as
//! the destination's carriers work them ([`Calendar`]).

mod calendar;
mod lanes;
mod pace;
mod revise;
mod rollup;

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub use calendar::{Calendar, MAX_SPAN_DAYS, calendar};
pub use lanes::{
    Stage, current_stage, handed_over, leg, levels, place, promise_deadline, stage_at,
    stage_levels, stage_levels_of, transit,
};
pub use pace::{MIN_PARCELS, PACE_EVERY, Pace, Recent, WINDOW_DAYS, pace};
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
    /// `latest` at 0.93 is where, on the Olist orders, the learned `latest` beats the
    /// shop's own promise on every period tried: more often on time, and days earlier.
    pub earliest: f64,
    pub likely: f64,
    pub latest: f64,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            tau: Duration::from_secs(365 * 86_400),
            shrink: 10.0,
            earliest: 0.1,
            likely: 0.5,
            latest: 0.93,
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

/// A parcel's transit times (bucket weights): those its likely day and its chance of
/// missing a promise are read from, those its window's ends are (the same without a
/// pace); the finest level's weight.
struct Drawn {
    likely: Vec<f64>,
    ends: Option<Vec<f64>>,
    finest: f64,
}

impl Drawn {
    fn ends(&self) -> &[f64] {
        self.ends.as_deref().unwrap_or(&self.likely)
    }
}

/// What a parcel's transit is drawn from: the mixture of its lanes, or, at the merchant's
/// recent `pace`, the mixture's likely transit spread by it — once as the pace's ratios
/// place it (the likely day) and once as its scaled days do (the window's ends).
fn draw(
    model: &Model,
    levels: &[&Rollup],
    pace: Option<&Pace>,
    now: DateTime<Utc>,
) -> Option<Drawn> {
    let (mix, finest) = mixture(model, levels, now)?;
    let (likely, ends) = match pace {
        Some(p) => {
            let expected = quantile(&mix, 0.0, model.likely)?;
            (p.likely(expected), Some(p.ends(expected)))
        }
        None => (mix, None),
    };
    Some(Drawn {
        likely,
        ends,
        finest,
    })
}

/// What a parcel's likely day and its chance of missing a promise are read from: [`draw`]
/// without the window's ends.
fn draw_likely(
    model: &Model,
    levels: &[&Rollup],
    pace: Option<&Pace>,
    now: DateTime<Utc>,
) -> Option<Vec<f64>> {
    let (mix, _) = mixture(model, levels, now)?;
    match pace {
        Some(p) => Some(p.likely(quantile(&mix, 0.0, model.likely)?)),
        None => Some(mix),
    }
}

/// The likely transit (working days) of `levels` alone, as of `now`: what a parcel handed
/// over now is expected to take, against which its pace is measured.
pub fn expected(model: &Model, levels: &[&Rollup], now: DateTime<Utc>) -> Option<f64> {
    let (mix, _) = mixture(model, levels, now)?;
    quantile(&mix, 0.0, model.likely)
}

/// The start and the end of `t`'s day in `zone` (where a clock change skips midnight, the
/// day starts when the clocks resume).
fn day_of<Z: TimeZone>(zone: &Z, t: DateTime<Utc>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let day = t.with_timezone(zone).date_naive();
    let end = NaiveTime::from_hms_opt(23, 59, 59)?;
    Some((
        instant(zone, day.and_time(NaiveTime::MIN), true)?,
        instant(zone, day.and_time(end), false)?,
    ))
}

/// `local` in `zone`; a time skipped by a clock change is read as the first quarter hour
/// after the gap (`later`) or the last before it.
fn instant<Z: TimeZone>(zone: &Z, local: NaiveDateTime, later: bool) -> Option<DateTime<Utc>> {
    let step = chrono::Duration::minutes(if later { 15 } else { -15 });
    (0..=12)
        .find_map(|i| zone.from_local_datetime(&(local + step * i)).earliest())
        .map(|t| t.with_timezone(&Utc))
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
    (levels, pace): (&[&Rollup], Option<&Pace>),
    handed_over: DateTime<Utc>,
    now: DateTime<Utc>,
    (zone, calendar): (&Z, &Calendar),
) -> Option<Window> {
    let drawn = draw(model, levels, pace, now)?;
    let start = handed_over.with_timezone(zone).naive_local();
    let elapsed = calendar.between(start, now.with_timezone(zone).naive_local());
    let at = |mix: &[f64], q: f64| -> Option<DateTime<Utc>> {
        let days = quantile(mix, elapsed, q)?;
        let local = calendar.add(start, days)?;
        Some(instant(zone, local, true)?.max(now))
    };
    let (earliest, likely, latest) = (
        at(drawn.ends(), model.earliest)?,
        at(&drawn.likely, model.likely)?,
        at(drawn.ends(), model.latest)?,
    );
    // Whole days: from the start of the first (not before now) to the end of the last.
    let earliest = day_of(zone, earliest)?.0.max(now);
    let latest = day_of(zone, latest)?.1;
    Some(Window {
        earliest,
        likely: likely.max(earliest),
        latest: latest.max(likely).max(earliest),
        source: Source::Learned,
        confidence: drawn.finest / (drawn.finest + model.shrink.max(f64::MIN_POSITIVE)),
    })
}

/// The probability that a parcel handed over at `handed_over` and not delivered by `now`
/// arrives after `deadline` (the end of the promised day), from the same mixture as its
/// window; `None` without parcels to learn from.
pub fn miss_probability<Z: TimeZone>(
    model: &Model,
    (levels, pace): (&[&Rollup], Option<&Pace>),
    (handed_over, now, deadline): (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>),
    (zone, calendar): (&Z, &Calendar),
) -> Option<f64> {
    let mix = draw_likely(model, levels, pace, now)?;
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
