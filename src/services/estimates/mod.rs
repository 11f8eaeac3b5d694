//! Delivery windows for shipments, in the order they are preferred: the carrier's own date,
//! then the window learned from the merchant's delivered parcels (`domain::estimate`),
//! then the merchant's promise — else none, never a made-up date. Also the backtest
//! against real orders.

pub mod backtest;
mod olist;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::ServiceError;
use crate::FastMap;
use crate::domain::estimate::{self, Model, Pace, Rollup, Source, Window};
use crate::domain::{MerchantId, Shipment};
use crate::store::Store;

/// Rollups read for some shipments, and their merchants' paces, by merchant.
#[derive(Default)]
pub struct Lanes {
    merchants: FastMap<MerchantId, Read>,
}

/// One merchant's rollups, by level, and its pace.
#[derive(Default)]
struct Read {
    rollups: FastMap<String, Arc<Rollup>>,
    pace: Option<Arc<Drawn>>,
}

impl Lanes {
    /// The rollups of `levels` for `s`'s merchant (those read).
    pub fn of(&self, s: &Shipment, levels: &[String]) -> Vec<&Rollup> {
        let Some(read) = self.merchants.get(&s.merchant_id) else {
            return vec![];
        };
        levels
            .iter()
            .filter_map(|l| read.rollups.get(l.as_str()))
            .map(|r| &**r)
            .collect()
    }

    /// `s`'s merchant's pace as of `now`, unless it was drawn longer ago than it reaches.
    pub fn pace(&self, s: &Shipment, now: DateTime<Utc>) -> Option<&Pace> {
        let (at, pace) = &**self.merchants.get(&s.merchant_id)?.pace.as_ref()?;
        (now - *at < chrono::Duration::days(estimate::WINDOW_DAYS)).then_some(pace)
    }
}

#[derive(Clone)]
pub struct Estimates {
    store: Store,
    model: Model,
    /// Lanes read lately, when they are kept (the tracking pages keep them a minute: a
    /// window a minute behind the last delivery is the same window).
    kept: Option<Arc<Kept>>,
}

/// Rollups and paces read, by merchant, and when.
struct Kept {
    for_: Duration,
    merchants: Mutex<FastMap<MerchantId, KeptRead>>,
}

/// One merchant's rollups and pace as read, each with when.
#[derive(Default)]
struct KeptRead {
    rollups: FastMap<String, Stamped<Arc<Rollup>>>,
    pace: Option<Stamped<Option<Arc<Drawn>>>>,
}

/// A pace, and when it was drawn.
type Drawn = (DateTime<Utc>, Pace);
/// Something kept, and when it was read.
type Stamped<T> = (Instant, T);

/// Levels kept at most, per process.
const KEPT: usize = 20_000;

impl Kept {
    fn lock(&self) -> std::sync::MutexGuard<'_, FastMap<MerchantId, KeptRead>> {
        self.merchants.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The rollups of `levels` and the pace of `m` kept, if all of them are fresh.
    fn get(&self, m: &MerchantId, levels: &[String]) -> Option<Read> {
        let fresh = |at: &Instant| at.elapsed() < self.for_;
        let merchants = self.lock();
        let kept = merchants.get(m)?;
        let (at, pace) = kept.pace.as_ref()?;
        fresh(at).then_some(())?;
        let mut read = Read {
            rollups: FastMap::default(),
            pace: pace.clone(),
        };
        for level in levels {
            let (_, r) = kept.rollups.get(level).filter(|(at, _)| fresh(at))?;
            read.rollups.insert(level.clone(), r.clone());
        }
        Some(read)
    }

    /// Keeps `read`, all of it `m`'s.
    fn keep(&self, m: &MerchantId, read: &Read) {
        let now = Instant::now();
        let mut merchants = self.lock();
        let levels: usize = merchants.values().map(|k| k.rollups.len() + 1).sum();
        if levels + read.rollups.len() >= KEPT {
            merchants.clear();
        }
        let kept = merchants.entry(m.clone()).or_default();
        for (level, r) in &read.rollups {
            kept.rollups.insert(level.clone(), (now, r.clone()));
        }
        kept.pace = Some((now, read.pace.clone()));
    }
}

/// The same date for all three ends (a carrier's date, a promise).
fn fixed(at: DateTime<Utc>, source: Source) -> Window {
    Window {
        earliest: at,
        likely: at,
        latest: at,
        source,
        confidence: 1.0,
    }
}

/// The promise: the end of the promised day, where the parcel goes.
fn promise(s: &Shipment) -> Option<Window> {
    Some(fixed(estimate::promise_deadline(s)?, Source::Promise))
}

/// Every level a shipment's window may read: its lanes, and its last leg's once it is out
/// for delivery.
fn all_levels(s: &Shipment) -> Vec<String> {
    let mut levels = estimate::levels(s);
    if let Some((stage, _)) = estimate::current_stage(s) {
        levels.extend(estimate::stage_levels_of(&levels, stage));
    }
    levels
}

impl Estimates {
    pub fn new(store: Store) -> Self {
        Estimates {
            store,
            model: Model::default(),
            kept: None,
        }
    }

    /// The same, keeping the lanes it reads `for_` (shared by its clones).
    pub fn keeping(self, for_: Duration) -> Self {
        let kept = Kept {
            for_,
            merchants: Mutex::default(),
        };
        Estimates {
            kept: Some(Arc::new(kept)),
            ..self
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Estimates {
            store,
            ..self.clone()
        }
    }

    /// Each shipment's window as of `now` (none once it is delivered or has ended). The
    /// lanes of all of them are read in one round trip, each once.
    pub async fn windows(
        &self,
        shipments: &[Shipment],
        now: DateTime<Utc>,
    ) -> Result<Vec<Option<Window>>, ServiceError> {
        let learning: Vec<&Shipment> = shipments
            .iter()
            .filter(|s| !s.status.is_terminal() && s.eta.is_none())
            .collect();
        let lanes = self.lanes(&learning).await?;
        Ok(shipments
            .iter()
            .map(|s| self.window_in(s, &lanes, now))
            .collect())
    }

    /// The rollups every level of `shipments` reads, each read once.
    pub async fn lanes(&self, shipments: &[&Shipment]) -> Result<Lanes, ServiceError> {
        let mut wanted: FastMap<&MerchantId, Vec<String>> = FastMap::default();
        for s in shipments {
            let levels = wanted.entry(&s.merchant_id).or_default();
            for level in all_levels(s) {
                if !levels.contains(&level) {
                    levels.push(level);
                }
            }
        }
        let mut lanes = Lanes::default();
        for (m, levels) in wanted {
            if let Some(kept) = self.kept.as_ref().and_then(|k| k.get(m, &levels)) {
                lanes.merchants.insert(m.clone(), kept);
                continue;
            }
            let (rollups, pace) = self
                .store
                .transit_rollups(m, &levels, self.model.tau)
                .await?;
            let read = Read {
                rollups: levels
                    .into_iter()
                    .zip(rollups.into_iter().map(Arc::new))
                    .collect(),
                pace: pace.map(Arc::new),
            };
            if let Some(kept) = &self.kept {
                kept.keep(m, &read);
            }
            lanes.merchants.insert(m.clone(), read);
        }
        Ok(lanes)
    }

    /// `s`'s window as of `now`, from lanes read before.
    pub fn window_in(&self, s: &Shipment, lanes: &Lanes, now: DateTime<Utc>) -> Option<Window> {
        if s.status.is_terminal() {
            return None;
        }
        if let Some(eta) = s.eta {
            return Some(fixed(eta.with_timezone(&Utc), Source::Carrier));
        }
        let (zone, calendar) = estimate::place(s);
        let place = (&zone, calendar);
        let start = estimate::handed_over(s).unwrap_or(now).min(now);
        let levels = estimate::levels(s);
        let lanes_of_s = lanes.of(s, &levels);
        let known = (&lanes_of_s[..], lanes.pace(s, now));
        let whole = estimate::learned(&self.model, known, start, now, place);
        // Out for delivery, or at the destination facility: what is left from there,
        // within the whole journey's window.
        let leg = estimate::current_stage(s).and_then(|(stage, at)| {
            let rollups = lanes.of(s, &estimate::stage_levels_of(&levels, stage));
            estimate::learned(&self.model, (&rollups, None), at.min(now), now, place)
        });
        let learned = match (whole, leg) {
            (Some(w), Some(leg)) => Some(estimate::narrowed(&w, leg)),
            (w, leg) => leg.or(w),
        };
        learned.or_else(|| promise(s))
    }
}

#[cfg(test)]
mod tests;
