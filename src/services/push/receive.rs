//! Each carrier's push, checked as that carrier authenticates it and read by its adapter:
//! - AfterShip: `aftership-hmac-sha256`, base64 HMAC-SHA256 of the body (`tracking_update`);
//! - UPS Track Alert: the opaque `credential` header we gave when subscribing (UPS signs
//!   nothing), one activity a push;
//! - FedEx AIV: `fdx-signature`, base64 HMAC-SHA256 of the body with the security token;
//!   the body as the Track API answers (`output.completeTrackResults`), events may come
//!   out of order — the domain orders them by carrier time;
//! - DHL Unified Push: the token of the subscription's `ApiKeyAuthentication`, in the
//!   header we named; `shipments` as the tracking API answers them.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Push, PushOutcome, Refused, token_matches};
use crate::carriers::Tracking;
use crate::carriers::{parse_aftership, parse_dhl_push, parse_fedex, parse_ups_alert};
use crate::domain::{Secret, SigningSecrets, TrackingNumber};

/// Parcels read from one push; more are left to the backstop poll.
const MAX_PER_PUSH: usize = 100;

#[derive(Deserialize)]
struct AfterShipHook {
    event: String,
    msg: Value,
}

fn signed(
    secrets: Option<&SigningSecrets>,
    body: &[u8],
    signature: Option<&str>,
) -> Result<(), Refused> {
    let Some(secrets) = secrets else {
        return Err(Refused::Unknown);
    };
    if signature.is_some_and(|s| secrets.signed(body, s, str::to_owned)) {
        Ok(())
    } else {
        Err(Refused::Unsigned)
    }
}

/// Several results in one push: busy if any was, else the shipments applied to.
fn combine(outcomes: Vec<PushOutcome>) -> PushOutcome {
    if outcomes.contains(&PushOutcome::Busy) {
        return PushOutcome::Busy;
    }
    let applied: Vec<usize> = outcomes
        .iter()
        .filter_map(|o| match o {
            PushOutcome::Applied(n) => Some(*n),
            _ => None,
        })
        .collect();
    if applied.is_empty() {
        PushOutcome::Ignored
    } else {
        PushOutcome::Applied(applied.iter().sum())
    }
}

impl Push {
    pub async fn aftership(
        &self,
        body: &[u8],
        signature: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PushOutcome, Refused> {
        signed(self.aftership.as_ref(), body, signature).inspect_err(|_| {
            tracing::warn!("aftership push refused");
        })?;
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
        let codes = [slug.to_owned(), slug.replace('-', "_")];
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        self.apply(&codes, &number, &tracking, now).await
    }

    pub async fn ups(
        &self,
        body: &[u8],
        credential: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PushOutcome, Refused> {
        tokened(&self.config.push.ups_credential, credential, "ups")?;
        let Ok((number, tracking)) = parse_ups_alert(body) else {
            return Ok(PushOutcome::Ignored);
        };
        self.apply(&["ups"], &number, &tracking, now).await
    }

    pub async fn fedex(
        &self,
        body: &[u8],
        signature: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PushOutcome, Refused> {
        signed(self.fedex.as_ref(), body, signature).inspect_err(|_| {
            tracing::warn!("fedex push refused");
        })?;
        let Ok(results) = parse_fedex(200, body) else {
            return Ok(PushOutcome::Ignored);
        };
        let read = results.into_iter().filter_map(|(n, t)| Some((n, t.ok()?)));
        self.apply_each("fedex", read.collect(), now).await
    }

    pub async fn dhl(
        &self,
        body: &[u8],
        token: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PushOutcome, Refused> {
        tokened(&self.config.push.dhl_token, token, "dhl")?;
        let Ok(shipments) = parse_dhl_push(body) else {
            return Ok(PushOutcome::Ignored);
        };
        self.apply_each("dhl", shipments, now).await
    }

    /// Each parcel of a push (up to [`MAX_PER_PUSH`]) applied under its number.
    async fn apply_each(
        &self,
        carrier: &str,
        parcels: Vec<(String, Tracking)>,
        now: DateTime<Utc>,
    ) -> Result<PushOutcome, Refused> {
        let mut outcomes = vec![];
        for (number, tracking) in parcels.into_iter().take(MAX_PER_PUSH) {
            let Ok(number) = TrackingNumber::parse(&number) else {
                continue;
            };
            outcomes.push(self.apply(&[carrier], &number, &tracking, now).await?);
        }
        Ok(combine(outcomes))
    }
}

/// A push authenticated by a token we chose (UPS's `credential`, DHL's header): refused
/// unless configured and equal.
fn tokened(expected: &Secret, given: Option<&str>, carrier: &str) -> Result<(), Refused> {
    if expected.expose().is_empty() {
        return Err(Refused::Unknown);
    }
    if !token_matches(given, expected) {
        tracing::warn!(carrier, "carrier push refused: wrong token");
        return Err(Refused::Unsigned);
    }
    Ok(())
}
