//! Reconciliation (the scheduler's `store_reconcile` job): every connected store is asked
//! for what changed since its last complete run, within a budget, and what it returns is
//! queued as deliveries — applied like webhooks, so one already applied changes nothing.

use chrono::{DateTime, Duration, Utc};
use tracing::warn;

use super::{Intake, SHOPIFY};
use crate::domain::MerchantId;

/// A store's reconciliation may take this many `intake.timeout`s.
const STORE_BUDGET: u32 = 12;
/// Pages of 250 orders one reconciliation reads of a store.
const MAX_PAGES: usize = 40;

impl Intake {
    /// Asks every connected store for the fulfillments changed since its last run and
    /// queues them as deliveries (applied like webhooks; one already applied changes
    /// nothing). A store that cannot be read is asked again from the same moment next time.
    pub async fn reconcile(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let shopify = self.reconcile_shopify(now).await?;
        Ok(shopify + self.reconcile_woocommerce(now).await?)
    }

    async fn reconcile_shopify(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let mut queued = 0;
        for m in self.store.integrated(SHOPIFY).await? {
            match self.budgeted(self.reconcile_shop(&m, now)).await {
                Ok(n) => queued += n,
                Err(e) => {
                    warn!(merchant_id = %m, error = format!("{e:#}"), "shopify reconciliation failed; the next run starts from the same moment")
                }
            }
        }
        Ok(queued)
    }

    /// One store: the fulfillments of the orders changed since its last run, queued; the
    /// next run starts at `now` only once all of them are.
    async fn reconcile_shop(&self, m: &MerchantId, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let Some(conn) = self.open(m, SHOPIFY).await? else {
            return Ok(0);
        };
        let since = self.since(m, SHOPIFY, now).await?;
        // A minute of overlap: an order changed as the last run read is read again.
        let orders = self
            .admin(&conn)
            .orders_since(since - Duration::minutes(1), MAX_PAGES)
            .await?;
        let mut queued = 0;
        for o in orders {
            for mut f in o.fulfillments.clone() {
                f.email = f.email.or_else(|| o.email.clone());
                f.destination = f.destination.or_else(|| o.shipping_address.clone());
                if f.name.is_empty() {
                    f.name = o.name.clone();
                }
                let at = f.updated_at.unwrap_or(now).min(now);
                let event = format!("reconcile:{}:{}", f.id, at.timestamp_millis());
                let body = serde_json::to_vec(&f)?;
                let got = self.queue(m, SHOPIFY, "fulfillments/update", &event, at, &body, now);
                match got.await {
                    Ok(super::Received::Queued) => queued += 1,
                    Ok(_) => {}
                    Err(e) => anyhow::bail!("queueing a reconciled delivery: {e:?}"),
                }
            }
        }
        self.store.set_reconciled(m, SHOPIFY, now).await?;
        Ok(queued)
    }

    /// One store's reconciliation within its budget (`STORE_BUDGET` × `intake.timeout`), so
    /// a slow store cannot hold up the others; one cut short starts again from the same
    /// moment next run.
    pub(super) async fn budgeted(
        &self,
        run: impl std::future::Future<Output = anyhow::Result<usize>>,
    ) -> anyhow::Result<usize> {
        let budget = self.config.timeout.saturating_mul(STORE_BUDGET);
        tokio::time::timeout(budget, run)
            .await
            .map_err(|_| anyhow::anyhow!("took longer than {} s", budget.as_secs()))?
    }

    /// Where a store's reconciliation starts: its last complete run, or
    /// `intake.first_lookback` ago.
    pub(super) async fn since(
        &self,
        m: &MerchantId,
        source: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<DateTime<Utc>> {
        let first = now - Duration::from_std(self.config.first_lookback)?;
        let last = self.store.reconciled(m, source).await?;
        Ok(last
            .and_then(DateTime::from_timestamp_millis)
            .unwrap_or(first))
    }
}
