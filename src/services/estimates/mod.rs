//! Delivery windows for shipments, in the order they are preferred: the carrier's own date,
//! then the window learned from the merchant's delivered parcels (`domain::estimate`),
//! then the merchant's promise — else none, never a made-up date. Also the backtest
//! against real orders.

pub mod backtest;
mod kept;
mod olist;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::ServiceError;
use crate::FastMap;
use crate::domain::estimate::{self, Model, Pace, Rollup, Source, Window};
use crate::domain::{MerchantId, Shipment};
use crate::store::Store;
use kept::Kept;

/// Rollups read for some shipments, and their merchants' paces, by merchant.
#[derive(Default)]
pub struct Lanes {
    merchants: FastMap<MerchantId, Arc<Read>>,
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

/// A pace, and when it was drawn.
type Drawn = (DateTime<Utc>, Pace);

/// What a shipment's window reads: its lanes' levels, and while it is past a stage (out
/// for delivery, at the destination's facility) since when, with that stage's levels.
struct Reads {
    levels: Vec<String>,
    stage: Option<(DateTime<Utc>, Vec<String>)>,
}

impl Reads {
    fn of(s: &Shipment) -> Reads {
        let levels = estimate::levels(s);
        let stage = estimate::current_stage(s)
            .map(|(stage, at)| (at, estimate::stage_levels_of(&levels, stage)));
        Reads { levels, stage }
    }

    fn all(&self) -> impl Iterator<Item = &String> {
        let stage = self.stage.iter().flat_map(|(_, levels)| levels);
        self.levels.iter().chain(stage)
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
        let kept = Kept::new(for_);
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
        let reads: Vec<Reads> = shipments.iter().map(Reads::of).collect();
        let learning = shipments
            .iter()
            .zip(&reads)
            .filter(|(s, _)| !s.status.is_terminal() && s.eta.is_none());
        let lanes = self.lanes_for(learning).await?;
        Ok(shipments
            .iter()
            .zip(&reads)
            .map(|(s, r)| self.window_from(s, r, &lanes, now))
            .collect())
    }

    /// The rollups every level of `shipments` reads, each read once.
    pub async fn lanes(&self, shipments: &[&Shipment]) -> Result<Lanes, ServiceError> {
        let reads: Vec<Reads> = shipments.iter().map(|s| Reads::of(s)).collect();
        self.lanes_for(shipments.iter().copied().zip(&reads)).await
    }

    async fn lanes_for<'a>(
        &self,
        shipments: impl Iterator<Item = (&'a Shipment, &'a Reads)>,
    ) -> Result<Lanes, ServiceError> {
        let mut wanted: FastMap<&MerchantId, Vec<&String>> = FastMap::default();
        for (s, reads) in shipments {
            let levels = wanted.entry(&s.merchant_id).or_default();
            for level in reads.all() {
                if !levels.contains(&level) {
                    levels.push(level);
                }
            }
        }
        let mut lanes = Lanes::default();
        for (m, levels) in wanted {
            if let Some(kept) = self
                .kept
                .as_ref()
                .and_then(|k| k.get(m, levels.iter().copied()))
            {
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
                    .cloned()
                    .zip(rollups.into_iter().map(Arc::new))
                    .collect(),
                pace: pace.map(Arc::new),
            };
            let read = match &self.kept {
                Some(kept) => kept.keep(m, read),
                None => Arc::new(read),
            };
            lanes.merchants.insert(m.clone(), read);
        }
        Ok(lanes)
    }

    /// `s`'s window as of `now`, from lanes read before.
    pub fn window_in(&self, s: &Shipment, lanes: &Lanes, now: DateTime<Utc>) -> Option<Window> {
        self.window_from(s, &Reads::of(s), lanes, now)
    }

    fn window_from(
        &self,
        s: &Shipment,
        reads: &Reads,
        lanes: &Lanes,
        now: DateTime<Utc>,
    ) -> Option<Window> {
        if s.status.is_terminal() {
            return None;
        }
        if let Some(eta) = s.eta {
            return Some(fixed(eta.with_timezone(&Utc), Source::Carrier));
        }
        let (zone, calendar) = estimate::place(s);
        let place = (&zone, calendar);
        let start = estimate::handed_over(s).unwrap_or(now).min(now);
        let lanes_of_s = lanes.of(s, &reads.levels);
        let known = (&lanes_of_s[..], lanes.pace(s, now));
        let whole = estimate::learned(&self.model, known, start, now, place);
        // Out for delivery, or at the destination facility: what is left from there,
        // within the whole journey's window.
        let leg = reads.stage.as_ref().and_then(|(at, levels)| {
            let rollups = lanes.of(s, levels);
            estimate::learned(&self.model, (&rollups, None), (*at).min(now), now, place)
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
