//! Tracking-page views in a merchant's analytics (`analytics.rs` names the keys): counted
//! by the web processes in batches, read back per day and over a period.

use chrono::NaiveDate;

use super::analytics::{KEEP_SECS, day, month, periods};
use super::{Result, Store};
use crate::domain::MerchantId;

/// Page views of one merchant's parcels on one day, by carrier: views, and the parcels.
pub type Views = Vec<(MerchantId, String, NaiveDate, u64, Vec<String>)>;

impl Store {
    /// Adds page views gathered by a web process: one pipeline per merchant (each
    /// merchant's keys share a slot; merchants' do not).
    pub async fn count_views(&self, views: &Views) -> Result<()> {
        let mut by_merchant: std::collections::HashMap<&MerchantId, redis::Pipeline> =
            Default::default();
        for (m, carrier, d, n, parcels) in views {
            let pipe = by_merchant.entry(m).or_insert_with(redis::pipe);
            for dim in ["all".to_owned(), format!("c:{carrier}")] {
                let key = self.an(m, &format!("{}:{dim}", day(*d)));
                pipe.cmd("HINCRBY").arg(&key).arg("pv").arg(n).ignore();
                pipe.cmd("EXPIRE").arg(&key).arg(KEEP_SECS).ignore();
            }
            // The day's and the month's: a period's union reads whole months in one.
            for period in [day(*d), month(*d)] {
                let seen = self.an(m, &format!("V{period}"));
                pipe.cmd("PFADD").arg(&seen).arg(parcels).ignore();
                pipe.cmd("EXPIRE").arg(&seen).arg(KEEP_SECS).ignore();
            }
        }
        let sent = by_merchant.into_values().map(|pipe| {
            let mut conn = self.conn();
            async move { pipe.query_async::<()>(&mut conn).await }
        });
        futures_util::future::try_join_all(sent).await?;
        Ok(())
    }

    /// Distinct parcels viewed on each day.
    pub async fn parcels_viewed(&self, m: &MerchantId, days: &[NaiveDate]) -> Result<Vec<u64>> {
        if days.is_empty() {
            return Ok(vec![]);
        }
        let mut pipe = redis::pipe();
        for d in days {
            pipe.cmd("PFCOUNT")
                .arg(self.an(m, &format!("V{}", day(*d))));
        }
        Ok(pipe.query_async(&mut self.conn()).await?)
    }

    /// Distinct parcels viewed over all of `days` (whole months from their month's log).
    pub async fn parcels_viewed_in_all(&self, m: &MerchantId, days: &[NaiveDate]) -> Result<u64> {
        let union: Vec<String> = periods(days, false)
            .iter()
            .map(|p| self.an(m, &format!("V{p}")))
            .collect();
        if union.is_empty() {
            return Ok(0);
        }
        Ok(redis::cmd("PFCOUNT")
            .arg(&union)
            .query_async(&mut self.conn())
            .await?)
    }
}
