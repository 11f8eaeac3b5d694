//! Delivery windows for shipments, in the order they are preferred: the carrier's own date,
//! then the window learned from the merchant's delivered parcels (`domain::estimate`),
//! then the merchant's promise — else none, never a made-up date. Also the backtest
//! against real orders.

pub mod backtest;
mod olist;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::ServiceError;
use crate::domain::estimate::{self, Model, Pace, Rollup, Source, Window};
use crate::domain::{MerchantId, Shipment};
use crate::store::Store;

/// Rollups read for some shipments, by merchant and level, and their merchants' paces.
pub struct Lanes {
    rollups: HashMap<Level, Arc<Rollup>>,
    paces: HashMap<MerchantId, Arc<Drawn>>,
}

impl Lanes {
    /// The rollups of `levels` for `s`'s merchant (those read).
    pub fn of(&self, s: &Shipment, levels: Vec<String>) -> Vec<&Rollup> {
        levels
            .into_iter()
            .filter_map(|l| self.rollups.get(&(s.merchant_id.clone(), l)))
            .map(|r| &**r)
            .collect()
    }

    /// `s`'s merchant's pace as of `now`, unless it was drawn longer ago than it reaches.
    pub fn pace(&self, s: &Shipment, now: DateTime<Utc>) -> Option<&Pace> {
        let (at, pace) = &**self.paces.get(&s.merchant_id)?;
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

/// Rollups and paces read, by merchant (and level), and when.
struct Kept {
    for_: Duration,
    rollups: Mutex<HashMap<Level, Stamped<Arc<Rollup>>>>,
    paces: Mutex<HashMap<MerchantId, Stamped<Option<Arc<Drawn>>>>>,
}

/// A pace, and when it was drawn.
type Drawn = (DateTime<Utc>, Pace);
/// A merchant's lane level.
type Level = (MerchantId, String);
/// Something kept, and when it was read.
type Stamped<T> = (Instant, T);

/// Levels kept at most, per process.
const KEPT: usize = 20_000;

impl Kept {
    fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The rollups of `levels` and the pace of `m` kept, if all of them are fresh.
    fn get(&self, m: &MerchantId, levels: &[String]) -> Option<Lanes> {
        let fresh = |at: &Instant| at.elapsed() < self.for_;
        let (at, pace) = Self::lock(&self.paces).get(m)?.clone();
        fresh(&at).then_some(())?;
        let rollups = Self::lock(&self.rollups);
        let mut lanes = Lanes {
            rollups: HashMap::new(),
            paces: pace.map(|p| (m.clone(), p)).into_iter().collect(),
        };
        for level in levels {
            let key = (m.clone(), level.clone());
            let (_, r) = rollups.get(&key).filter(|(at, _)| fresh(at))?;
            lanes.rollups.insert(key, r.clone());
        }
        Some(lanes)
    }

    /// Keeps `lanes`, all of them `m`'s.
    fn keep(&self, m: &MerchantId, lanes: &Lanes) {
        let now = Instant::now();
        let mut rollups = Self::lock(&self.rollups);
        if rollups.len() >= KEPT {
            rollups.clear();
        }
        for (key, r) in &lanes.rollups {
            rollups.insert(key.clone(), (now, r.clone()));
        }
        let mut paces = Self::lock(&self.paces);
        if paces.len() >= KEPT {
            paces.clear();
        }
        paces.insert(m.clone(), (now, lanes.paces.get(m).cloned()));
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
        levels.extend(estimate::stage_levels(s, stage));
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
            rollups: Mutex::default(),
            paces: Mutex::default(),
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
        let learning = shipments;
        let mut wanted: Vec<(MerchantId, String)> = learning
            .iter()
            .flat_map(|s| {
                all_levels(s)
                    .into_iter()
                    .map(|l| (s.merchant_id.clone(), l))
            })
            .collect();
        wanted.sort();
        wanted.dedup();
        let mut rollups: HashMap<Level, Arc<Rollup>> = HashMap::new();
        let mut paces = HashMap::new();
        let mut by_merchant: HashMap<&MerchantId, Vec<String>> = HashMap::new();
        for (m, level) in &wanted {
            by_merchant.entry(m).or_default().push(level.clone());
        }
        for (m, levels) in by_merchant {
            if let Some(kept) = self.kept.as_ref().and_then(|k| k.get(m, &levels)) {
                rollups.extend(kept.rollups);
                paces.extend(kept.paces);
                continue;
            }
            let (read, pace) = self
                .store
                .transit_rollups(m, &levels, self.model.tau)
                .await?;
            let mut these = Lanes {
                rollups: HashMap::new(),
                paces: HashMap::new(),
            };
            for (level, r) in levels.into_iter().zip(read) {
                these.rollups.insert((m.clone(), level), Arc::new(r));
            }
            these.paces.extend(pace.map(|p| (m.clone(), Arc::new(p))));
            if let Some(kept) = &self.kept {
                kept.keep(m, &these);
            }
            rollups.extend(these.rollups);
            paces.extend(these.paces);
        }
        Ok(Lanes { rollups, paces })
    }

    /// `s`'s window as of `now`, from lanes read before.
    pub fn window_in(&self, s: &Shipment, lanes: &Lanes, now: DateTime<Utc>) -> Option<Window> {
        if s.status.is_terminal() {
            return None;
        }
        if let Some(eta) = s.eta {
            return Some(fixed(eta.with_timezone(&Utc), Source::Carrier));
        }
        let read = |levels: Vec<String>| lanes.of(s, levels);
        let (zone, calendar) = estimate::place(s);
        let place = (&zone, calendar);
        let start = estimate::handed_over(s).unwrap_or(now).min(now);
        let lanes_of_s = read(estimate::levels(s));
        let known = (&lanes_of_s[..], lanes.pace(s, now));
        let whole = estimate::learned(&self.model, known, start, now, place);
        // Out for delivery, or at the destination facility: what is left from there,
        // within the whole journey's window.
        let leg = estimate::current_stage(s).and_then(|(stage, at)| {
            let rollups = read(estimate::stage_levels(s, stage));
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
