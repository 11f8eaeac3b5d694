//! Tracking-page views, counted in memory by each web process and added to the merchants'
//! analytics by the first view after `http.page_views_flush` has passed (one round trip
//! per merchant; a view costs no Redis call of its own). Views counted since the last
//! flush are lost when the process stops.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::domain::{MerchantId, Shipment};
use crate::store::Views;

/// Parcels remembered per merchant, carrier and day between flushes at most (the rest are
/// still counted as views).
const MAX_PARCELS: usize = 10_000;

type Pending = HashMap<(MerchantId, String, NaiveDate), (u64, HashSet<String>)>;

#[derive(Default)]
pub struct PageViews {
    pending: Mutex<(Pending, Option<Instant>)>,
}

impl PageViews {
    /// Counts a view of `s`'s page; the views to add now when `every` has passed since
    /// the last time.
    pub fn note(&self, s: &Shipment, day: NaiveDate, every: Duration) -> Option<Views> {
        let mut guard = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let (pending, since) = &mut *guard;
        let key = (s.merchant_id.clone(), s.carrier.to_string(), day);
        let (views, parcels) = pending.entry(key).or_default();
        *views = views.saturating_add(1);
        if parcels.len() < MAX_PARCELS {
            parcels.insert(s.id.to_string());
        }
        let started = *since.get_or_insert_with(Instant::now);
        if started.elapsed() < every {
            return None;
        }
        *since = None;
        Some(
            pending
                .drain()
                .map(|((m, c, d), (n, ids))| (m, c, d, n, ids.into_iter().collect()))
                .collect(),
        )
    }
}
