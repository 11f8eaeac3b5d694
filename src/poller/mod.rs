//! The poller role: claims due shipments in batches, asks their carriers, applies what comes
//! back through the domain rules, and saves snapshot + schedule + stream events atomically.

#![warn(clippy::arithmetic_side_effects)]

mod accounts;
mod backoff;
mod batch;
mod learn;
mod push;
mod settle;
mod track;

pub use push::Pushed;

use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::carriers::Carriers;
use crate::config::Config;
use crate::services::CarrierAccounts;
use crate::store::{Claim, Store};
use crate::supervise::guarded;
use accounts::{AccountCache, Cadence};
use settle::SaveOutcome;

/// What one `poll_due_once` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PollOutcome {
    pub claimed: usize,
    /// Saved with new information.
    pub changed: usize,
    /// Carrier errors (the shipment is rescheduled with back-off); "not found yet" is not one.
    pub failed: usize,
    /// Claims lost before saving (lease ran out, or cancelled meanwhile).
    pub lost: usize,
}

pub struct Poller {
    store: Store,
    accounts: AccountCache,
    config: Arc<Config>,
    next_shard: AtomicU16,
}

impl Poller {
    pub fn new(
        store: Store,
        carriers: Carriers,
        accounts: CarrierAccounts,
        config: Arc<Config>,
    ) -> Poller {
        let start = (crate::entropy::unit() * f64::from(store.keys().shards())) as u16;
        Poller {
            accounts: AccountCache::new(store.clone(), carriers, accounts),
            store,
            config,
            next_shard: AtomicU16::new(start),
        }
    }

    /// Claims one batch of due shipments across the shards and polls it.
    pub async fn poll_due_once(&self, now: DateTime<Utc>) -> anyhow::Result<PollOutcome> {
        let cfg = &self.config.poller;
        let lease_until = crate::domain::clock::after(now, cfg.lease);
        let shards = self.store.keys().shards();
        let mut claims = vec![];
        for _ in 0..shards {
            let next = self.next_shard.fetch_add(1, Ordering::Relaxed);
            let shard = next.checked_rem(shards).unwrap_or(0);
            let want = cfg.batch_size.saturating_sub(claims.len());
            claims.extend(self.store.claim(shard, now, lease_until, want).await?);
            if claims.len() >= cfg.batch_size {
                break;
            }
        }
        self.poll_claimed(claims, now).await
    }

    /// Polls shipments this process has claimed and saves the results.
    pub async fn poll_claimed(
        &self,
        claims: Vec<Claim>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<PollOutcome> {
        let mut outcome = PollOutcome {
            claimed: claims.len(),
            ..PollOutcome::default()
        };
        for answered in self.ask(claims).await? {
            self.settle_answer(answered, now, &mut outcome).await?;
        }
        Ok(outcome)
    }

    /// Applies the expiry rule to claimed shipments without asking their carrier (the
    /// scheduler's sweep), keeping their poll schedule. Returns how many expired.
    pub async fn expire_claimed(
        &self,
        claims: Vec<Claim>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<usize> {
        let ids: Vec<_> = claims.iter().map(|c| c.id.clone()).collect();
        let snapshots = self.store.shipments(&ids).await?;
        let mut expired: usize = 0;
        for (claim, snapshot) in claims.into_iter().zip(snapshots) {
            let Some(s) = snapshot else {
                self.store.drop_claimed(&claim).await?;
                continue;
            };
            let keep = Cadence::new();
            if let SaveOutcome::Saved { changed: true } =
                self.settle(&claim, s, None, &keep, now).await?
            {
                expired = expired.saturating_add(1);
            }
        }
        Ok(expired)
    }

    /// Runs `concurrency` polling loops until cancelled; in-flight batches finish first.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..self.config.poller.concurrency.max(1) {
            let (me, cancel) = (self.clone(), cancel.clone());
            tasks.spawn(async move { me.run_loop(cancel).await });
        }
        while tasks.join_next().await.is_some() {}
        info!("poller stopped");
    }

    async fn run_loop(&self, cancel: CancellationToken) {
        while !cancel.is_cancelled() {
            let step = guarded("poller", "a batch", self.poll_due_once(Utc::now()));
            let busy = match step.await.map_err(anyhow::Error::from).and_then(|r| r) {
                Ok(o) => o.claimed > 0,
                Err(e) => {
                    warn!(error = format!("{e:#}"), "poll step failed");
                    false
                }
            };
            if !busy {
                tokio::select! {
                    () = cancel.cancelled() => {}
                    () = tokio::time::sleep(self.config.poller.interval) => {}
                }
            }
        }
    }
}
