//! Carriers that push their scans: AfterShip (the platform's account, as the aggregator),
//! UPS Track Alert, FedEx Advanced Integrated Visibility and DHL's Unified Push. Each push
//! is authenticated as its carrier does it (`receive.rs`), read by the carrier adapter's
//! own parser, and applied by the poller to every shipment tracked under that carrier and
//! number — through the same rules as a polled answer (ordered by carrier time,
//! deduplicated, never backwards). Polling goes on as the backstop, further apart while
//! pushes come. UPS needs each number subscribed, and renewed (`subscribe.rs`).

mod receive;
mod subscribe;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::DeliveryRefused as Refused;
use crate::carriers::{Carriers, Tracking};
use crate::config::Config;
use crate::domain::{CarrierCode, Secret, Shipment, ShipmentId, SigningSecrets, TrackingNumber};
use crate::poller::Poller;
use crate::store::Store;

pub use subscribe::subscribes;

/// Tries of a push whose shipment a poller holds, `BUSY_WAIT` apart.
const BUSY_TRIES: u32 = 5;
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

/// What a push came to.
#[derive(Debug, PartialEq, Eq)]
pub enum PushOutcome {
    /// Applied to this many shipments (0: none is tracked under the number).
    Applied(usize),
    /// An event shipmate does not read.
    Ignored,
    /// A poller held a shipment: push again (the carrier retries on an error).
    Busy,
}

#[derive(Clone)]
pub struct Push {
    store: Store,
    poller: Arc<Poller>,
    carriers: Carriers,
    config: Arc<Config>,
    aftership: Option<SigningSecrets>,
    fedex: Option<SigningSecrets>,
}

impl Push {
    pub fn new(store: Store, poller: Arc<Poller>, carriers: Carriers, config: Arc<Config>) -> Self {
        let signing = |s: &Secret| SigningSecrets::parse(&[s.expose().to_owned()]).ok();
        Push {
            aftership: signing(&config.push.aftership_secret),
            fedex: signing(&config.push.fedex_security_token),
            store,
            poller,
            carriers,
            config,
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Push {
            store,
            ..self.clone()
        }
    }

    /// Applies `tracking` to every shipment tracked under `number` with one of `carriers`.
    async fn apply(
        &self,
        carriers: &[&str],
        number: &TrackingNumber,
        tracking: &Tracking,
        now: DateTime<Utc>,
    ) -> Result<PushOutcome, Refused> {
        let mut ids: Vec<ShipmentId> = vec![];
        for code in carriers {
            if let Ok(code) = CarrierCode::parse(code) {
                ids.extend(self.store.by_number(&code, number).await?);
            }
        }
        ids.sort();
        ids.dedup();
        // A poller holding a shipment lets go within a poll: try for about a second before
        // answering busy (UPS does not send a push again). Applying twice adds nothing.
        let mut applied = 0;
        for attempt in 0..BUSY_TRIES {
            let pushed = self
                .poller
                .apply_pushed(&ids, tracking, now)
                .await
                .map_err(|e| {
                    Refused::Unavailable(super::ServiceError::Internal(format!("{e:#}")))
                })?;
            applied = applied.max(pushed.applied);
            if pushed.busy == 0 {
                return Ok(PushOutcome::Applied(applied));
            }
            if attempt + 1 < BUSY_TRIES {
                tokio::time::sleep(BUSY_WAIT).await;
            }
        }
        Ok(PushOutcome::Busy)
    }
}

/// Whether `given` is the configured token, compared in constant time (both sides are
/// MACed under one key, and the MACs compared by `verify_slice`, so neither the content
/// nor the length leaks through timing). An empty configured token matches nothing.
fn token_matches(given: Option<&str>, expected: &Secret) -> bool {
    let expected = expected.expose();
    let Some(given) = given.filter(|_| !expected.is_empty()) else {
        return false;
    };
    let mac = |text: &str| {
        let mut m = Hmac::<Sha256>::new_from_slice(b"shipmate push token").ok()?;
        m.update(text.as_bytes());
        Some(m)
    };
    match (mac(given), mac(expected)) {
        (Some(given), Some(expected)) => given
            .verify_slice(&expected.finalize().into_bytes())
            .is_ok(),
        _ => false,
    }
}

/// A shipment is in the push subscriptions when its carrier takes them and push is on.
fn ups_push_on(config: &Config, s: &Shipment) -> bool {
    s.carrier.as_str() == "ups" && !config.push.ups_credential.expose().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_only_when_equal_and_configured() {
        let expected = Secret::from("a-credential-of-ours".to_owned());
        assert!(token_matches(Some("a-credential-of-ours"), &expected));
        assert!(!token_matches(Some("a-credential-of-ourz"), &expected));
        assert!(!token_matches(Some("a-credential"), &expected));
        assert!(!token_matches(None, &expected));
        let off = Secret::from(String::new());
        assert!(!token_matches(Some(""), &off));
    }
}
