//! UPS Track Alert subscriptions (the scheduler's `push_subscribe` job). A UPS number is
//! added when its shipment is registered while `push.ups_credential` is set; each run
//! subscribes the due numbers 100 a call with the platform's UPS account, pushing to
//! `{http.public_url}/hooks/carriers/ups` with our credential, and renews each after
//! `RENEW_AFTER` — two days before UPS's 14 days run out, so one failed day loses
//! nothing. A number nothing active is tracked under any more is dropped; one UPS refuses
//! is dropped and left to polling; a failed call is tried again after `RETRY_AFTER`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use tracing::{info, warn};

use super::{Push, ups_push_on};
use crate::carriers::{ALERT_MAX_PER_CALL, PushHook};
use crate::config::Config;
use crate::domain::{CarrierCode, Shipment, TrackingNumber, clock};

/// Renewal: UPS keeps a subscription 14 days.
const RENEW_AFTER: Duration = Duration::from_secs(12 * 24 * 3600);
/// Batches of due numbers one run takes at most (the rest wait for the next run).
const ROUNDS: usize = 10;
/// After a failed call (UPS down, refused credentials).
const RETRY_AFTER: Duration = Duration::from_secs(3600);

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

impl Push {
    /// One run: the due numbers subscribed or renewed, `scheduler.batch` at a time for up
    /// to [`ROUNDS`] rounds; returns how many UPS took.
    pub async fn subscribe_due(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let mut subscribed = 0;
        for _ in 0..ROUNDS {
            let Some(took) = self.subscribe_round(now).await? else {
                break;
            };
            subscribed += took;
        }
        Ok(subscribed)
    }

    /// One batch of due numbers; `None` when none was due (or push is off).
    async fn subscribe_round(&self, now: DateTime<Utc>) -> anyhow::Result<Option<usize>> {
        let credential = self.config.push.ups_credential.clone();
        if credential.expose().is_empty() {
            return Ok(None);
        }
        let ups = CarrierCode::parse("ups").map_err(anyhow::Error::msg)?;
        let Some(carrier) = self.carriers.get(&ups) else {
            warn!(
                "push.ups_credential is set but the platform has no UPS account: nothing subscribed"
            );
            return Ok(None);
        };
        let url = format!("{}/hooks/carriers/ups", self.config.public_url());
        let hook = PushHook {
            url: url.parse()?,
            credential,
        };
        let due = self
            .store
            .push_due(&ups, now, self.config.scheduler.batch)
            .await?;
        if due.is_empty() {
            return Ok(None);
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
        let mut subscribed = 0;
        for chunk in live.chunks(ALERT_MAX_PER_CALL) {
            match carrier.subscribe(chunk, &hook).await {
                Ok(answer) => {
                    let refused: Vec<TrackingNumber> = chunk
                        .iter()
                        .filter(|n| answer.invalid.iter().any(|i| i.trim() == n.as_str()))
                        .cloned()
                        .collect();
                    let took: Vec<TrackingNumber> = chunk
                        .iter()
                        .filter(|n| !refused.contains(n))
                        .cloned()
                        .collect();
                    self.store
                        .push_next(&ups, &took, clock::after(now, RENEW_AFTER))
                        .await?;
                    self.store.push_drop(&ups, &refused).await?;
                    subscribed += took.len();
                    if !refused.is_empty() {
                        info!(
                            refused = refused.len(),
                            "ups track alert refused numbers; they are polled"
                        );
                    }
                }
                Err(e) => {
                    warn!(error = %e, numbers = chunk.len(), "ups track alert subscription failed; tried again later");
                    self.store
                        .push_next(&ups, chunk, clock::after(now, RETRY_AFTER))
                        .await?;
                }
            }
        }
        Ok(Some(subscribed))
    }

    /// Whether a shipment still tracked (not finished) has this number.
    async fn tracked(
        &self,
        carrier: &CarrierCode,
        number: &TrackingNumber,
    ) -> anyhow::Result<bool> {
        for id in self.store.by_number(carrier, number).await? {
            if self
                .store
                .shipment(&id)
                .await?
                .is_some_and(|s| s.next_poll_at.is_some())
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
