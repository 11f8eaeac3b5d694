//! The jobs themselves. Each reads only the due part of a sharded sorted set, so a run
//! costs the same whether 10 thousand or 10 million shipments are stored.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::poller::Poller;
use crate::store::Store;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JobOutcome {
    /// Shipments the job changed or deleted.
    pub processed: usize,
}

pub async fn expiry_sweep(
    store: &Store,
    poller: &Poller,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<JobOutcome> {
    let lease_until = now + chrono::Duration::from_std(config.poller.lease)?;
    let mut processed = 0;
    for shard in 0..store.keys().shards() {
        let ids = store.expiring(shard, now, config.scheduler.batch).await?;
        if ids.is_empty() {
            continue;
        }
        let claims = store.claim_ids(shard, &ids, lease_until).await?;
        processed += poller.expire_claimed(claims, now).await?;
    }
    Ok(JobOutcome { processed })
}

pub async fn retention_purge(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<JobOutcome> {
    let mut processed = 0;
    for shard in 0..store.keys().shards() {
        for id in store.retained(shard, now, config.scheduler.batch).await? {
            match store.shipment_raw(&id).await? {
                Some((raw, s)) => {
                    if store.purge(&raw, &s, &s.every_lookup_digest()).await? {
                        processed += 1;
                    }
                }
                None => store.forget(shard, &id).await?,
            }
        }
    }
    Ok(JobOutcome { processed })
}
