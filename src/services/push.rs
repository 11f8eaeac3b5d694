//! Carriers that push their scans. AfterShip (the platform's account, as the aggregator
//! for couriers shipmate does not speak itself): each webhook is checked by
//! `aftership-hmac-sha256` (base64 HMAC-SHA256 of the body with the webhook secret), its
//! tracking read by the AfterShip adapter's own parser, and applied by the poller to every
//! shipment tracked under that carrier and number — through the same rules as a polled
//! answer. Polling goes on as the backstop, further apart while pushes come.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::DeliveryRefused as Refused;
use crate::carriers::parse_aftership;
use crate::domain::{CarrierCode, ShipmentId, SigningSecrets, TrackingNumber};
use crate::poller::Poller;
use crate::store::Store;

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
    aftership: Option<SigningSecrets>,
}

#[derive(Deserialize)]
struct AfterShipHook {
    event: String,
    msg: Value,
}

impl Push {
    pub fn new(store: Store, poller: Arc<Poller>, config: &crate::config::Config) -> Self {
        let secret = config.push.aftership_secret.expose().to_owned();
        Push {
            store,
            poller,
            aftership: SigningSecrets::parse(&[secret]).ok(),
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Push {
            store,
            ..self.clone()
        }
    }

    pub async fn aftership(
        &self,
        body: &[u8],
        signature: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PushOutcome, Refused> {
        let Some(secrets) = &self.aftership else {
            return Err(Refused::Unknown);
        };
        if !signature.is_some_and(|s| secrets.signed(body, s, str::to_owned)) {
            tracing::warn!("aftership push refused: bad signature");
            return Err(Refused::Unsigned);
        }
        let Ok(hook) = serde_json::from_slice::<AfterShipHook>(body) else {
            return Ok(PushOutcome::Ignored);
        };
        if hook.event != "tracking_update" {
            return Ok(PushOutcome::Ignored);
        }
        let text = |k: &str| hook.msg.get(k).and_then(Value::as_str).unwrap_or("");
        let Ok(number) = TrackingNumber::parse(text("tracking_number")) else {
            return Ok(PushOutcome::Ignored);
        };
        let slug = text("slug");
        // The adapter reads a tracking as its API answers one.
        let answer = json!({"meta": {"code": 200}, "data": {"tracking": hook.msg}});
        let Ok(tracking) = parse_aftership(200, answer.to_string().as_bytes()) else {
            return Ok(PushOutcome::Ignored);
        };
        let mut ids: Vec<ShipmentId> = vec![];
        for code in [slug.to_owned(), slug.replace('-', "_")] {
            if let Ok(code) = CarrierCode::parse(&code) {
                ids.extend(self.store.by_number(&code, &number).await?);
            }
        }
        ids.sort();
        ids.dedup();
        let pushed = self
            .poller
            .apply_pushed(&ids, &tracking, now)
            .await
            .map_err(|e| Refused::Unavailable(super::ServiceError::Internal(format!("{e:#}"))))?;
        if pushed.busy > 0 {
            return Ok(PushOutcome::Busy);
        }
        Ok(PushOutcome::Applied(pushed.applied))
    }
}
