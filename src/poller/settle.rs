//! Saving a polled shipment: the carrier's answer (or only the expiry rule) applied through
//! the domain rules, the next poll scheduled, snapshot + schedule + stream events saved
//! under the claim; a shipment the poller itself failed on is parked instead.

use chrono::{DateTime, Utc};
use tracing::{info, warn};

use super::accounts::Cadence;
use super::batch::Answered;
use super::{PollOutcome, Poller, backoff};
use crate::carriers::{CarrierError, Tracking};
use crate::config::PollerConfig;
use crate::domain::{Applied, DomainEvent, Shipment, Status, clock};
use crate::metrics;
use crate::store::{Claim, Next};
use crate::supervise::guarded;

/// How long a parked shipment waits between polls.
const PARKED_FOR: std::time::Duration = clock::MAX_RETRY_AFTER;

/// What became of a claimed shipment.
pub(super) enum SaveOutcome {
    Saved { changed: bool },
    Lost,
}

impl Poller {
    /// Counts one answer and saves its shipment with it; a crash while asking or while
    /// settling parks the shipment instead.
    pub(super) async fn settle_answer(
        &self,
        (claim, shipment, answer, cadence): Answered,
        now: DateTime<Utc>,
        outcome: &mut PollOutcome,
    ) -> anyhow::Result<()> {
        let polled = match &answer {
            Ok(result) => result.as_ref().map_or_else(CarrierError::kind, |_| "ok"),
            Err(_) => "crashed",
        };
        metrics::POLLS.inc(&[("carrier", shipment.carrier.as_str()), ("outcome", polled)]);
        let failed = answer.as_ref().map_or(true, |r| {
            r.as_ref().is_err_and(|e| *e != CarrierError::NotFound)
        });
        outcome.failed = outcome.failed.saturating_add(usize::from(failed));
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
            SaveOutcome::Saved { changed } => {
                outcome.changed = outcome.changed.saturating_add(usize::from(changed))
            }
            SaveOutcome::Lost => outcome.lost = outcome.lost.saturating_add(1),
        }
        Ok(())
    }

    /// Applies a poll result (`None`: not polled, only the expiry rule) and saves.
    pub(super) async fn settle(
        &self,
        claim: &Claim,
        mut s: Shipment,
        result: Option<Result<Tracking, CarrierError>>,
        cadence: &Cadence,
        now: DateTime<Utc>,
    ) -> anyhow::Result<SaveOutcome> {
        let cfg = &self.config.poller;
        let listed = s.list_place(now);
        let expire_after = chrono::Duration::from_std(cfg.expire_after)?;
        let (applied, retry_at) = match result {
            Some(result) => record(&mut s, result, cfg, now),
            None => (Applied::default(), s.next_poll_at),
        };
        let expired = s.expire_if_idle(now, expire_after);
        let mut events = DomainEvent::from_applied(&s, &applied, now);
        events.extend(DomainEvent::from_applied(&s, &expired, now));
        let told = !events.is_empty();
        events.extend(self.estimate_events(&mut s, told, now).await);
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
        let next = self.schedule(&mut s, cadence, retry_at, now)?;
        let places = (listed, s.list_place(now));
        if !self
            .store
            .save_claimed(claim, &s, (next, places), &events)
            .await?
        {
            warn!(shipment_id = %s.id, "claim lost before saving; the next holder polls again");
            return Ok(SaveOutcome::Lost);
        }
        for e in &events {
            if let DomainEvent::StatusChanged { from, to, .. } = e {
                info!(shipment_id = %s.id, carrier = %s.carrier, from = from.as_str(), to = to.as_str(), "status changed");
            }
        }
        if matches!(applied.status_changed, Some((_, Status::Delivered))) {
            self.learn(&s, now).await;
        }
        self.count(&s, &applied, now).await;
        Ok(SaveOutcome::Saved {
            changed: !applied.is_empty() || !expired.is_empty(),
        })
    }

    /// The next poll (the status's cadence, the merchant's where it overrides the platform's;
    /// not before `retry_at`), or, once finished, when the shipment is purged.
    fn schedule(
        &self,
        s: &mut Shipment,
        cadence: &Cadence,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Next> {
        let cfg = &self.config.poller;
        let expire_after = chrono::Duration::from_std(cfg.expire_after)?;
        let every = cadence
            .get(s.status.as_str())
            .copied()
            .unwrap_or_else(|| cfg.cadence.for_status(s.status));
        // A carrier that pushes: polling is the backstop only, further apart.
        let push = &self.config.push;
        let live = s.pushed_at.is_some_and(|at| {
            now.signed_duration_since(at)
                .to_std()
                .is_ok_and(|d| d < push.live_for)
        });
        let every = if live {
            every.saturating_mul(push.backstop)
        } else {
            every
        };
        let cadence = chrono::Duration::from_std(every)?;
        Ok(match s.next_poll(now, cadence, expire_after) {
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
                let retention = chrono::Duration::from_std(self.config.scheduler.retention)?;
                let until = now.checked_add_signed(retention);
                Next::Retain(until.ok_or_else(|| anyhow::anyhow!("retention out of range"))?)
            }
        })
    }

    /// After the poller failed on a shipment (a bug, caught): saved as it was, asked again
    /// after the usual back-off; parked — asked once a day — after `PARK_AFTER` in a row, so
    /// no replica keeps tripping on it.
    pub(super) async fn park(
        &self,
        claim: &Claim,
        mut s: Shipment,
        now: DateTime<Utc>,
    ) -> anyhow::Result<SaveOutcome> {
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
        let place = s.list_place(now);
        Ok(
            if self
                .store
                .save_claimed(claim, &s, (next, (place, place)), &[])
                .await?
            {
                SaveOutcome::Saved { changed: false }
            } else {
                SaveOutcome::Lost
            },
        )
    }
}

/// Records what the carrier answered on the snapshot; returns what it changed and, after a
/// carrier error, when to ask again (back-off, or the carrier's Retry-After).
fn record(
    s: &mut Shipment,
    result: Result<Tracking, CarrierError>,
    cfg: &PollerConfig,
    now: DateTime<Utc>,
) -> (Applied, Option<DateTime<Utc>>) {
    s.last_polled_at = Some(now);
    match result {
        Ok(t) => {
            s.poll_failures = 0;
            s.poll_crashes = 0;
            s.updated_at = Some(now);
            if t.signed_by.is_some() {
                s.signed_by = t.signed_by;
            }
            (s.apply(t.events, t.eta), None)
        }
        Err(CarrierError::NotFound) => {
            s.poll_failures = 0;
            s.updated_at = Some(now);
            (Applied::default(), None)
        }
        Err(e) => {
            s.poll_failures = s.poll_failures.saturating_add(1);
            let retry_at = clock::after(now, backoff::delay(cfg, s.poll_failures, e.retry_after()));
            let error = crate::domain::redact::scrub(&e.to_string());
            warn!(shipment_id = %s.id, carrier = %s.carrier, error, failures = s.poll_failures, "poll failed");
            (Applied::default(), Some(retry_at))
        }
    }
}
