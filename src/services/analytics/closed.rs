//! Counters of a month that has ended never change again: what a report reads of the
//! months before the current one is kept in memory (for [`KEEP`]) and shared by every
//! report that reads the same counters, and only the current month is read each time.
//! So a year-long report costs about a month's reads once the year has been read once.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, Utc};

use super::Analytics;
use crate::domain::MerchantId;
use crate::domain::analytics::Figures;
use crate::store::StoreError;

/// How long counters of ended months are kept (a merchant erased meanwhile is forgotten
/// by then).
const KEEP: Duration = Duration::from_secs(600);
/// Entries kept at most, per kind, per process.
const KEPT: usize = 1024;

/// The merchant, what was read, and the first and last day it covers.
type Key = (MerchantId, String, NaiveDate, NaiveDate);

/// Values read for ended months, by what was read.
pub(super) struct Kept<T>(Mutex<HashMap<Key, (Instant, Arc<T>)>>);

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept(Mutex::default())
    }
}

impl<T> Kept<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (Instant, Arc<T>)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value kept under `key`, else `read` (awaited only then) kept.
    async fn get_or(
        &self,
        key: Key,
        read: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<Arc<T>, StoreError> {
        if let Some((at, v)) = self.lock().get(&key)
            && at.elapsed() < KEEP
        {
            return Ok(v.clone());
        }
        let v = Arc::new(read.await?);
        let mut map = self.lock();
        if map.len() >= KEPT {
            map.retain(|_, (at, _)| at.elapsed() < KEEP);
            if map.len() >= KEPT {
                map.clear();
            }
        }
        map.insert(key, (Instant::now(), v.clone()));
        Ok(v)
    }
}

/// What is kept, by kind.
#[derive(Default)]
pub(super) struct Closed {
    daily: Kept<Vec<Figures>>,
    sums: Kept<Vec<Figures>>,
    lanes: Kept<BTreeMap<String, Figures>>,
    viewed: Kept<Vec<u64>>,
}

/// `days` split into those of ended months and the rest: a month counts as ended an hour
/// after its last day (a worker's last page views and settles are in by then).
fn split(days: &[NaiveDate]) -> (&[NaiveDate], &[NaiveDate]) {
    let now = (Utc::now() - chrono::Duration::hours(1)).date_naive();
    let open = now.with_day(1).unwrap_or(now);
    days.split_at(days.partition_point(|d| *d < open))
}

fn key(m: &MerchantId, what: String, days: &[NaiveDate]) -> Option<Key> {
    Some((m.clone(), what, *days.first()?, *days.last()?))
}

impl Analytics {
    /// Each day's counters of `dim`.
    pub(super) async fn daily(
        &self,
        m: &MerchantId,
        dim: &str,
        days: &[NaiveDate],
    ) -> Result<Vec<Figures>, StoreError> {
        let (ended, open) = split(days);
        let mut out = match key(m, format!("daily:{dim}"), ended) {
            Some(k) => {
                let read = self.store.daily(m, dim, ended);
                self.closed.daily.get_or(k, read).await?.to_vec()
            }
            None => vec![],
        };
        out.extend(self.store.daily(m, dim, open).await?);
        Ok(out)
    }

    /// Each of `dims`' counters summed over `days` (whole months when `monthly`).
    pub(super) async fn sums(
        &self,
        m: &MerchantId,
        dims: &[String],
        (days, monthly): (&[NaiveDate], bool),
    ) -> Result<Vec<Figures>, StoreError> {
        let (ended, open) = split(days);
        let mut out = self.store.sums(m, dims, (open, monthly)).await?;
        if let Some(k) = key(m, format!("sums:{monthly}:{}", dims.join(",")), ended) {
            let read = self.store.sums(m, dims, (ended, monthly));
            let kept = self.closed.sums.get_or(k, read).await?;
            for (sum, f) in out.iter_mut().zip(kept.iter()) {
                sum.merge(f);
            }
        }
        Ok(out)
    }

    /// Every lane's counters summed over the months of `days`.
    pub(super) async fn lane_sums(
        &self,
        m: &MerchantId,
        days: &[NaiveDate],
    ) -> Result<BTreeMap<String, Figures>, StoreError> {
        let (ended, open) = split(days);
        let mut out = self.store.lane_sums(m, open).await?;
        // Whole months are read, whichever of their days the period starts on.
        if let Some((owner, what, first, last)) = key(m, "lanes".into(), ended) {
            let k = (owner, what, first.with_day(1).unwrap_or(first), last);
            let kept = self
                .closed
                .lanes
                .get_or(k, self.store.lane_sums(m, ended))
                .await?;
            for (lane, f) in kept.iter() {
                out.entry(lane.clone()).or_default().merge(f);
            }
        }
        Ok(out)
    }

    /// Distinct parcels viewed each day.
    pub(super) async fn viewed(
        &self,
        m: &MerchantId,
        days: &[NaiveDate],
    ) -> Result<Vec<u64>, StoreError> {
        let (ended, open) = split(days);
        let mut out = match key(m, "viewed".into(), ended) {
            Some(k) => {
                let read = self.store.parcels_viewed(m, ended);
                self.closed.viewed.get_or(k, read).await?.to_vec()
            }
            None => vec![],
        };
        out.extend(self.store.parcels_viewed(m, open).await?);
        Ok(out)
    }
}
