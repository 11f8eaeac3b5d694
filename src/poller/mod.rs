//! The poller role: claims due shipments in batches, asks their carriers, applies what comes
//! back through the domain rules, and saves snapshot + schedule + stream events atomically.

mod accounts;
mod backoff;
mod track;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};

use anyhow::Context;
use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::carriers::{CarrierError, Carriers, Tracking};
use crate::config::Config;
use crate::domain::{Applied, DomainEvent, Shipment, clock};
use crate::metrics;
use crate::services::CarrierAccounts;
use crate::store::{Claim, Next, Store};
use crate::supervise::guarded;
use accounts::{Account, AccountCache, Cadence};

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
        let lease_until = now + chrono::Duration::from_std(cfg.lease)?;
        let shards = self.store.keys().shards();
        let mut claims = vec![];
        for _ in 0..shards {
            let shard = self.next_shard.fetch_add(1, Ordering::Relaxed) % shards;
            let want = cfg.batch_size - claims.len();
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
        let ids: Vec<_> = claims.iter().map(|c| c.id.clone()).collect();
        let snapshots = self
            .store
            .shipments(&ids)
            .await
            .context("loading claimed shipments")?;
        // Group by the carrier account that will be asked: the merchant's own, else the platform's.
        let mut by_account: BTreeMap<String, (Account, Vec<(Claim, Shipment)>)> = BTreeMap::new();
        let mut unreachable = vec![];
        let mut resolved = std::collections::HashMap::new();
        for (claim, snapshot) in claims.into_iter().zip(snapshots) {
            let Some(s) = snapshot else {
                self.store.drop_claimed(&claim).await?;
                continue;
            };
            let pair = (s.carrier.clone(), s.merchant_id.clone());
            if !resolved.contains_key(&pair) {
                resolved.insert(pair.clone(), self.accounts.resolve(&pair.0, &pair.1).await);
            }
            match resolved[&pair].clone() {
                Ok(account) => by_account
                    .entry(account.key.clone())
                    .or_insert((account, vec![]))
                    .1
                    .push((claim, s)),
                Err(e) => unreachable.push((claim, s, e)),
            }
        }
        let mut results = vec![];
        for (claim, s, e) in unreachable {
            results.push((claim, s, Ok(Err(e)), Arc::default()));
        }
        for (account, group) in by_account.into_values() {
            for chunk in group.chunks(account.carrier.max_batch().max(1)) {
                let ids: Vec<&str> = chunk.iter().map(|(c, _)| c.id.as_str()).collect();
                let answers =
                    match guarded("poller", &ids.join(","), self.track(&account, chunk)).await {
                        Ok(answers) => answers.into_iter().map(Ok).collect(),
                        Err(crashed) => vec![Err(crashed); chunk.len()],
                    };
                results.extend(
                    chunk
                        .iter()
                        .cloned()
                        .zip(answers)
                        .map(|((c, s), r)| (c, s, r, account.cadence.clone())),
                );
            }
        }
        for (claim, shipment, answer, cadence) in results {
            let polled = match &answer {
                Ok(result) => result.as_ref().map_or_else(CarrierError::kind, |_| "ok"),
                Err(_) => "crashed",
            };
            metrics::POLLS.inc(&[("carrier", shipment.carrier.as_str()), ("outcome", polled)]);
            outcome.failed += usize::from(answer.as_ref().map_or(true, |r| {
                r.as_ref().is_err_and(|e| *e != CarrierError::NotFound)
            }));
            let settled = match answer {
                Ok(result) => {
                    let kept = shipment.clone();
                    let id = shipment.id.clone();
                    let settle = self.settle(&claim, shipment, Some(result), &cadence, now);
                    match guarded("poller", id.as_str(), settle).await {
                        Ok(settled) => settled?,
                        Err(_) => self.park(&claim, kept, now).await?,
                    }
                }
                Err(_) => self.park(&claim, shipment, now).await?,
            };
            match settled {
                Settled::Saved { changed } => outcome.changed += usize::from(changed),
                Settled::Lost => outcome.lost += 1,
            }
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
        let mut expired = 0;
        for (claim, snapshot) in claims.into_iter().zip(snapshots) {
            let Some(s) = snapshot else {
                self.store.drop_claimed(&claim).await?;
                continue;
            };
            let keep = Cadence::new();
            if let Settled::Saved { changed: true } =
                self.settle(&claim, s, None, &keep, now).await?
            {
                expired += 1;
            }
        }
        Ok(expired)
    }

    /// Applies a poll result (`None`: not polled, only the expiry rule) and saves.
    async fn settle(
        &self,
        claim: &Claim,
        mut s: Shipment,
        result: Option<Result<Tracking, CarrierError>>,
        cadence: &Cadence,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let cfg = &self.config.poller;
        let expire_after = chrono::Duration::from_std(cfg.expire_after)?;
        let mut applied = Applied::default();
        let mut retry_at = None;
        if result.is_some() {
            s.last_polled_at = Some(now);
        } else {
            retry_at = s.next_poll_at;
        }
        match result {
            None => {}
            Some(Ok(t)) => {
                s.poll_failures = 0;
                s.poll_crashes = 0;
                s.updated_at = Some(now);
                if t.signed_by.is_some() {
                    s.signed_by = t.signed_by;
                }
                applied = s.apply(t.events, t.eta);
            }
            Some(Err(CarrierError::NotFound)) => {
                s.poll_failures = 0;
                s.updated_at = Some(now);
            }
            Some(Err(e)) => {
                s.poll_failures = s.poll_failures.saturating_add(1);
                retry_at = Some(clock::after(
                    now,
                    backoff::delay(cfg, s.poll_failures, e.retry_after()),
                ));
                let error = crate::domain::redact::scrub(&e.to_string());
                warn!(shipment_id = %s.id, carrier = %s.carrier, error, failures = s.poll_failures, "poll failed");
            }
        }
        let expired = s.expire_if_idle(now, expire_after);
        let mut events = DomainEvent::from_applied(&s, &applied, now);
        events.extend(DomainEvent::from_applied(&s, &expired, now));
        let forgotten_after = chrono::Duration::from_std(cfg.forgotten_after)?;
        let stall_after = cfg
            .stall_after
            .for_status(s.status)
            .and_then(|d| chrono::Duration::from_std(d).ok());
        if let Some(reason) = s.flag_silence(now, stall_after, forgotten_after) {
            events.push(DomainEvent::Delayed {
                shipment_id: s.id.clone(),
                merchant_id: s.merchant_id.clone(),
                reason,
                at: now,
            });
        }
        let every = cadence
            .get(s.status.as_str())
            .copied()
            .unwrap_or_else(|| cfg.cadence.for_status(s.status));
        let cadence = chrono::Duration::from_std(every)?;
        let next = match s.next_poll(now, cadence, expire_after) {
            Some(poll) => {
                let poll = retry_at.map_or(poll, |r| r.max(now));
                s.next_poll_at = Some(poll);
                Next::Poll {
                    poll,
                    expires: s.expires_at(expire_after),
                }
            }
            None => {
                s.next_poll_at = None;
                Next::Retain(now + chrono::Duration::from_std(self.config.scheduler.retention)?)
            }
        };
        if !self.store.save_claimed(claim, &s, next, &events).await? {
            warn!(shipment_id = %s.id, "claim lost before saving; the next holder polls again");
            return Ok(Settled::Lost);
        }
        for e in &events {
            if let DomainEvent::StatusChanged { from, to, .. } = e {
                info!(shipment_id = %s.id, carrier = %s.carrier, from = from.as_str(), to = to.as_str(), "status changed");
            }
        }
        Ok(Settled::Saved {
            changed: !applied.is_empty() || !expired.is_empty(),
        })
    }

    /// After the poller failed on a shipment (a bug, caught): saved as it was, asked again
    /// after the usual back-off; parked — asked once a day — after `PARK_AFTER` in a row, so
    /// no replica keeps tripping on it.
    async fn park(
        &self,
        claim: &Claim,
        mut s: Shipment,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let cfg = &self.config.poller;
        s.poll_failures = s.poll_failures.saturating_add(1);
        s.poll_crashes = s.poll_crashes.saturating_add(1);
        let wait = if s.poll_failed() {
            warn!(shipment_id = %s.id, crashes = s.poll_crashes, "shipment parked: the poller failed on it again");
            PARKED_FOR
        } else {
            backoff::delay(cfg, s.poll_failures, None)
        };
        let poll = clock::after(now, wait);
        s.next_poll_at = Some(poll);
        let expires = s.expires_at(chrono::Duration::from_std(cfg.expire_after)?);
        let next = Next::Poll { poll, expires };
        Ok(if self.store.save_claimed(claim, &s, next, &[]).await? {
            Settled::Saved { changed: false }
        } else {
            Settled::Lost
        })
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

/// How long a parked shipment waits between polls.
const PARKED_FOR: std::time::Duration = clock::MAX_RETRY_AFTER;

enum Settled {
    Saved { changed: bool },
    Lost,
}
