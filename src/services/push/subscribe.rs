//! UPS Track Alert subscriptions (the scheduler's `push_subscribe` job). A UPS number is
//! added when its shipment is registered while `push.ups_credential` is set; each run
//! subscribes the due numbers 100 a call with the platform's UPS account — through that
//! account's gate (rate limit, Retry-After, breaker), like its polls — pushing to
//! `{http.public_url}/hooks/carriers/ups` with our credential, and renews each after
//! `RENEW_AFTER`, two days before UPS's 14 days run out. A number nothing active is
//! tracked under any more is dropped; one UPS refuses is dropped and left to polling;
//! one UPS neither took nor refused, or a failed call, is tried again after `RETRY_AFTER`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use tracing::{info, warn};

use super::{Push, ups_push_on};
use crate::carriers::{ALERT_MAX_PER_CALL, Carrier, CarrierError, PushHook, Subscribed};
use crate::config::{Config, Limits};
use crate::domain::{CarrierCode, Shipment, TrackingNumber, clock};
use crate::store::{Admission, GateOutcome};

/// Renewal: UPS keeps a subscription 14 days.
const RENEW_AFTER: Duration = Duration::from_secs(12 * 24 * 3600);
/// Batches of due numbers one run takes at most (the rest wait for the next run).
const ROUNDS: usize = 10;
/// After a failed call (UPS down, refused credentials), or a number left unanswered.
const RETRY_AFTER: Duration = Duration::from_secs(3600);
/// The longest wait for the account's rate limit a run sits out.
const MAX_PACE: Duration = Duration::from_secs(2);

/// Whether a new shipment is subscribed to its carrier's push: a UPS 1Z number while UPS
/// push is on (Track Alert takes `^1Z[0-9A-Z]{16}$` only).
pub fn subscribes(config: &Config, s: &Shipment) -> bool {
    let n = s.tracking_number.as_str();
    ups_push_on(config, s)
        && n.len() == 18
        && n.starts_with("1Z")
        && n.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

/// The platform's UPS account as a run uses it.
struct Account {
    carrier: std::sync::Arc<dyn Carrier>,
    limits: Limits,
    key: String,
    hook: PushHook,
}

impl Push {
    /// One run: the due numbers subscribed or renewed, `scheduler.batch` at a time for up
    /// to [`ROUNDS`] rounds; returns how many UPS took.
    pub async fn subscribe_due(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let credential = self.config.push.ups_credential.clone();
        if credential.expose().is_empty() {
            return Ok(0);
        }
        let ups = CarrierCode::parse("ups").map_err(anyhow::Error::msg)?;
        let Some((carrier, limits, key)) = self.carriers.platform_account(&ups) else {
            warn!("push.ups_credential is set but the platform has no UPS account");
            return Ok(0);
        };
        let url = format!("{}/hooks/carriers/ups", self.config.public_url());
        let account = Account {
            carrier,
            limits,
            key,
            hook: PushHook {
                url: url.parse()?,
                credential,
            },
        };
        let mut subscribed = 0;
        for _ in 0..ROUNDS {
            let due = self
                .store
                .push_due(&ups, now, self.config.scheduler.batch)
                .await?;
            if due.is_empty() {
                break;
            }
            let mut live = vec![];
            let mut gone = vec![];
            for number in due {
                if self.tracked(&ups, &number).await? {
                    live.push(number);
                } else {
                    gone.push(number);
                }
            }
            self.store.push_drop(&ups, &gone).await?;
            for (i, chunk) in live.chunks(ALERT_MAX_PER_CALL).enumerate() {
                let Some(answer) = self.call(&account, chunk).await? else {
                    // Held or failing: this run ends, and this round's numbers wait.
                    let rest = &live[i * ALERT_MAX_PER_CALL..];
                    self.store
                        .push_next(&ups, rest, clock::after(now, RETRY_AFTER))
                        .await?;
                    return Ok(subscribed);
                };
                subscribed += self.settle(&ups, chunk, &answer, now).await?;
            }
        }
        Ok(subscribed)
    }

    /// One subscription call through the account's gate; `None` when the gate holds the
    /// account or the call failed (logged, reported to the gate).
    async fn call(
        &self,
        account: &Account,
        chunk: &[TrackingNumber],
    ) -> anyhow::Result<Option<Subscribed>> {
        loop {
            match self.store.admit(&account.key, &account.limits).await? {
                Admission::Go => break,
                Admission::Pace(wait) if wait <= MAX_PACE => tokio::time::sleep(wait).await,
                Admission::Pace(_) | Admission::Held(_) => return Ok(None),
            }
        }
        let answer = account.carrier.subscribe(chunk, &account.hook).await;
        let outcome = match &answer {
            Ok(_) => GateOutcome::Success,
            Err(CarrierError::RateLimited { retry_after }) => {
                GateOutcome::RateLimited(*retry_after)
            }
            Err(e) if e.is_transient() || *e == CarrierError::Auth => GateOutcome::Failure,
            Err(_) => GateOutcome::Success,
        };
        let error = answer.as_ref().err().map(ToString::to_string);
        self.store
            .report(&account.key, &account.limits, outcome, error.as_deref())
            .await?;
        Ok(answer
            .inspect_err(|e| {
                warn!(error = %e, numbers = chunk.len(), "ups track alert subscription failed; tried again later")
            })
            .ok())
    }

    /// Renews what UPS took, drops what it refused, retries what it did not mention.
    async fn settle(
        &self,
        ups: &CarrierCode,
        chunk: &[TrackingNumber],
        answer: &Subscribed,
        now: DateTime<Utc>,
    ) -> anyhow::Result<usize> {
        let listed =
            |list: &[String], n: &TrackingNumber| list.iter().any(|i| i.trim() == n.as_str());
        let (mut took, mut refused, mut unanswered) = (vec![], vec![], vec![]);
        for n in chunk {
            if listed(&answer.valid, n) {
                took.push(n.clone());
            } else if listed(&answer.invalid, n) {
                refused.push(n.clone());
            } else {
                unanswered.push(n.clone());
            }
        }
        self.store
            .push_next(ups, &took, clock::after(now, RENEW_AFTER))
            .await?;
        self.store.push_drop(ups, &refused).await?;
        // A call refused for some of its numbers: the others go again in the next run.
        let again = if took.is_empty() && !refused.is_empty() {
            Duration::from_secs(1)
        } else {
            RETRY_AFTER
        };
        self.store
            .push_next(ups, &unanswered, clock::after(now, again))
            .await?;
        if !refused.is_empty() {
            info!(
                refused = refused.len(),
                "ups track alert refused numbers; they are polled"
            );
        }
        Ok(took.len())
    }

    /// Whether a shipment under this number is still tracked: one not finished, or one
    /// whose registration is still being written (indexed, no snapshot yet).
    async fn tracked(
        &self,
        carrier: &CarrierCode,
        number: &TrackingNumber,
    ) -> anyhow::Result<bool> {
        for id in self.store.by_number(carrier, number).await? {
            match self.store.shipment(&id).await? {
                None => return Ok(true),
                Some(s) if s.next_poll_at.is_some() => return Ok(true),
                Some(_) => {}
            }
        }
        Ok(false)
    }
}
