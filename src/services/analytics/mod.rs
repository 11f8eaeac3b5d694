//! The merchant's analytics reports, read from the counters (`store::analytics`): time
//! series by day (or by month for one lane), and breakdowns by carrier (days) or lane
//! (whole months).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::{FieldError, ServiceError};
use crate::domain::MerchantId;
use crate::domain::analytics::{Breakdown, Figures, Report, ReportName, Row};
use crate::store::Store;

pub use filter::Filter;

mod closed;
mod filter;

/// Reports kept at most, per process.
const CACHED: usize = 512;

type Cached = HashMap<(MerchantId, &'static str, Breakdown, Filter), (Instant, Arc<Report>)>;

#[derive(Clone)]
pub struct Analytics {
    store: Store,
    /// How long a report read is reused.
    ttl: std::time::Duration,
    cache: Arc<Mutex<Cached>>,
    /// Counters of ended months.
    closed: Arc<closed::Closed>,
}

impl Analytics {
    pub fn new(store: Store, ttl: std::time::Duration) -> Self {
        Analytics {
            store,
            ttl,
            cache: Arc::default(),
            closed: Arc::default(),
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Analytics {
            store,
            ..self.clone()
        }
    }

    /// One report for the merchant's parcels that `filter` selects (the same one again
    /// within `ttl`).
    pub async fn report(
        &self,
        m: &MerchantId,
        name: ReportName,
        by: Breakdown,
        filter: &Filter,
    ) -> Result<Arc<Report>, ServiceError> {
        let unkept = match name {
            ReportName::Messages if filter.carrier.is_some() || filter.lane.is_some() => {
                Some("carrier")
            }
            ReportName::Pages if filter.lane.is_some() => Some("lane"),
            _ => None,
        };
        if let Some(field) = unkept {
            let why = format!("{} are not kept by {field}", name.as_str());
            return Err(ServiceError::Invalid(vec![FieldError::new(field, why)]));
        }
        let key = (m.clone(), name.as_str(), by, filter.clone());
        if let Some((at, r)) = self.lock().get(&key)
            && at.elapsed() < self.ttl
        {
            return Ok(r.clone());
        }
        let report = Arc::new(self.read(m, name, by, filter).await?);
        if !self.ttl.is_zero() {
            let mut cache = self.lock();
            if cache.len() >= CACHED {
                cache.retain(|_, (at, _)| at.elapsed() < self.ttl);
                if cache.len() >= CACHED {
                    cache.clear();
                }
            }
            cache.insert(key, (Instant::now(), report.clone()));
        }
        Ok(report)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cached> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn read(
        &self,
        m: &MerchantId,
        name: ReportName,
        by: Breakdown,
        filter: &Filter,
    ) -> Result<Report, ServiceError> {
        Ok(match name {
            ReportName::Statuses | ReportName::Pages => self.series(m, name, filter).await?,
            ReportName::Messages => {
                let days = self.daily(m, "all", &filter.days()).await?;
                let total = sum(&days);
                Report::build(name, "channel", &total.channel_rows())
            }
            _ => self.breakdown(m, name, by, filter).await?,
        })
    }

    /// Day by day (month by month for one lane), with a total row.
    async fn series(
        &self,
        m: &MerchantId,
        name: ReportName,
        filter: &Filter,
    ) -> Result<Report, ServiceError> {
        let (keys, figures, key) = match (&filter.lane, &filter.carrier) {
            (Some(lane), _) => {
                let months = filter.months();
                let f = self.store.monthly(m, &format!("l:{lane}"), &months).await?;
                let keys = months.iter().map(|d| d.format("%Y-%m").to_string());
                (keys.collect::<Vec<_>>(), f, "month")
            }
            (None, carrier) => {
                let days = filter.days();
                let dim = carrier
                    .as_ref()
                    .map_or("all".to_owned(), |c| format!("c:{c}"));
                let f = self.daily(m, &dim, &days).await?;
                let keys = days.iter().map(|d| d.to_string());
                (keys.collect::<Vec<_>>(), f, "date")
            }
        };
        let whole_shop = filter.lane.is_none() && filter.carrier.is_none();
        let (viewed, total_viewed) = if name == ReportName::Pages && whole_shop {
            let days = filter.days();
            let total = self.store.parcels_viewed_in_all(m, &days).await?;
            let each = self.viewed(m, &days).await?;
            (each.into_iter().map(Some).collect(), Some(total))
        } else {
            (vec![None; keys.len()], None)
        };
        let total = sum(&figures);
        let mut rows: Vec<Row> = keys
            .into_iter()
            .zip(figures)
            .zip(viewed)
            .map(|((key, figures), viewed)| Row {
                key,
                figures,
                viewed,
            })
            .collect();
        rows.push(Row {
            key: "total".into(),
            figures: total,
            viewed: total_viewed,
        });
        Ok(Report::build(name, key, &rows))
    }

    /// One row per carrier (summed over the days) or lane (over the months), and a total.
    async fn breakdown(
        &self,
        m: &MerchantId,
        name: ReportName,
        by: Breakdown,
        filter: &Filter,
    ) -> Result<Report, ServiceError> {
        let (prefix, wanted, key) = match by {
            Breakdown::Carrier => ("c:", &filter.carrier, "carrier"),
            Breakdown::Lane => ("l:", &filter.lane, "lane"),
        };
        let days = filter.days();
        let found: Vec<(String, Figures)> = match wanted {
            // Every lane: each month's lanes in one hash.
            None if by == Breakdown::Lane => self.lane_sums(m, &days).await?.into_iter().collect(),
            _ => {
                let dims: Vec<String> = match wanted {
                    Some(one) => vec![format!("{prefix}{one}")],
                    None => self
                        .store
                        .analytics_dims(m)
                        .await?
                        .into_iter()
                        .filter(|d| d.starts_with(prefix))
                        .collect(),
                };
                let monthly = by == Breakdown::Lane;
                let sums = self.sums(m, &dims, (&days, monthly)).await?;
                let keys = dims.iter().map(|d| d[prefix.len()..].to_owned());
                keys.zip(sums).collect()
            }
        };
        let total = sum(found.iter().map(|(_, f)| f));
        let rows: Vec<Row> = found
            .into_iter()
            .chain(std::iter::once(("total".to_owned(), total)))
            .map(|(key, figures)| Row {
                key,
                figures,
                viewed: None,
            })
            .collect();
        Ok(Report::build(name, key, &rows))
    }
}

fn sum<'a>(all: impl IntoIterator<Item = &'a Figures>) -> Figures {
    let mut total = Figures::default();
    for f in all {
        total.merge(f);
    }
    total
}
