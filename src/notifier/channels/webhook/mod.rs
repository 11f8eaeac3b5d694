//! Merchant webhooks, signed per Standard Webhooks: `webhook-id` (the notification id, the
//! same on every retry), `webhook-timestamp`, and `webhook-signature` = `v1,` + base64 of
//! HMAC-SHA256 over `id.timestamp.body` with the endpoint's secret. A 410 disables the
//! endpoint; `Retry-After` is honoured; private addresses are refused unless allowed.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;

use super::{Outgoing, SendError, Transport};
use crate::domain::{Channel, Shipment, WebhookAttempt, WebhookId, is_public_address};
use crate::store::Store;
use crate::vault::{Vault, VaultError};

pub use secrets::{new_secret, open_secret, seal_secret, sign, verify};

mod secrets;

pub struct Webhook {
    http: reqwest::Client,
    store: Store,
    allow_private: bool,
    /// Opens secrets sealed at rest (none: no credential keys are configured).
    vault: Option<Arc<Vault>>,
}

impl Webhook {
    pub fn new(
        store: Store,
        timeout: Duration,
        allow_private: bool,
        vault: Option<Arc<Vault>>,
    ) -> Result<Webhook, String> {
        let http = crate::outbound::public_only(timeout, allow_private)?
            .user_agent("shipmate-webhooks/1")
            .build()
            .map_err(|e| format!("webhook client: {e}"))?;
        Ok(Webhook {
            http,
            store,
            allow_private,
            vault,
        })
    }
}

/// Whether a URL may be a webhook endpoint: http(s), a host, and no private address
/// literal (hostnames are checked when they are resolved, at each send).
pub fn check_url(url: &str, allow_private: bool) -> Result<reqwest::Url, String> {
    if url.len() > 2048 {
        return Err("at most 2048 characters".into());
    }
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err("must be an http or https URL".into());
    }
    let host = parsed.host_str().ok_or("must have a host")?;
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = literal.parse::<IpAddr>()
        && !allow_private
        && !is_public_address(ip)
    {
        return Err("must not point to a private, loopback or link-local address".into());
    }
    if !allow_private && (host == "localhost" || host.ends_with(".localhost")) {
        return Err("must not point to this machine".into());
    }
    Ok(parsed)
}

impl Webhook {
    /// Writes the attempt to the endpoint's delivery log. The log is for the merchant's
    /// eyes: a failure to write it does not fail the send.
    async fn log(
        &self,
        n: &crate::domain::Notification,
        id: &WebhookId,
        resp: &Result<reqwest::Response, String>,
        started: std::time::Instant,
    ) {
        let attempt = WebhookAttempt {
            at: Utc::now(),
            notification_id: n.id.clone(),
            event: n.occasion.trigger.event_type(),
            status: resp.as_ref().ok().map(|r| r.status().as_u16()),
            error: resp.as_ref().err().map(|e| crate::domain::redact::scrub(e)),
            ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
        };
        let logged = self.store.log_webhook_attempt(&n.merchant_id, id, &attempt);
        if let Err(e) = logged.await {
            tracing::warn!(notification_id = %n.id, error = %e, "webhook attempt not logged");
        }
    }
}

#[async_trait]
impl Transport for Webhook {
    fn channel(&self) -> Channel {
        Channel::Webhook
    }

    fn reaches(&self, _: &Shipment) -> bool {
        true
    }

    async fn send(&self, out: &Outgoing<'_>) -> Result<(), SendError> {
        let n = out.notification;
        let gone = || SendError::Permanent("the webhook endpoint no longer exists".into());
        let id = n
            .target
            .as_deref()
            .and_then(|t| WebhookId::parse(t).ok())
            .ok_or_else(gone)?;
        let endpoint = self
            .store
            .webhook(&n.merchant_id, &id)
            .await
            .map_err(|e| SendError::transient(e.to_string()))?
            .ok_or_else(gone)?;
        if endpoint.disabled {
            return Err(SendError::Permanent(
                "the webhook endpoint is disabled".into(),
            ));
        }
        let url =
            check_url(endpoint.url.as_str(), self.allow_private).map_err(SendError::Permanent)?;
        let secret = open_secret(self.vault.as_deref(), &endpoint).map_err(|e| {
            let message = format!("the webhook's signing secret does not open: {e}");
            match e {
                // The operator may configure the key again: worth retrying.
                VaultError::Disabled | VaultError::UnknownKey(_) => SendError::transient(message),
                VaultError::Tampered => SendError::Permanent(message),
            }
        })?;
        let extra = self
            .extra(out)
            .await
            .map_err(|e| SendError::transient(e.to_string()))?;
        let body = serde_json::to_vec(&payload(out, extra)).unwrap_or_default();
        let timestamp = Utc::now().timestamp();
        let started = std::time::Instant::now();
        let resp = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", &n.id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", sign(&secret, &n.id, timestamp, &body))
            .body(body)
            .send()
            .await
            .map_err(|e| e.without_url().to_string());
        self.log(n, &id, &resp, started).await;
        let resp = resp.map_err(|e| SendError::transient(format!("webhook: {e}")))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(());
        }
        if status == reqwest::StatusCode::GONE {
            let mut disabled = endpoint.clone();
            disabled.disabled = true;
            self.store
                .put_webhook(&disabled)
                .await
                .map_err(|e| SendError::transient(e.to_string()))?;
            return Err(SendError::Permanent(
                "the endpoint answered 410 Gone: disabled".into(),
            ));
        }
        let retry_after = crate::outbound::retry_after(&resp);
        Err(SendError::Transient {
            message: format!("the endpoint answered HTTP {status}"),
            retry_after,
        })
    }
}

impl Webhook {
    /// What a merchant's own event adds: the customer's answer, or the make-good pool.
    async fn extra(
        &self,
        out: &Outgoing<'_>,
    ) -> Result<Option<(&'static str, serde_json::Value)>, crate::store::StoreError> {
        let n = out.notification;
        Ok(match n.occasion.trigger {
            crate::domain::Trigger::FeedbackReceived => {
                self.store.feedback(&n.shipment_id).await?.map(|f| {
                    let answer = serde_json::json!({"rating": f.rating, "nps": f.nps,
                        "comment": f.comment, "source": f.source, "detractor": f.detractor,
                        "answered_at": f.updated_at});
                    ("feedback", answer)
                })
            }
            crate::domain::Trigger::MakeGoodLow => {
                let pool = self.store.make_good_status(&n.merchant_id).await?;
                let rule = self.store.notification_settings(&n.merchant_id).await?;
                let low_at = rule.make_good.map(|r| r.low_at);
                let pool = serde_json::json!({"remaining": pool.remaining, "low_at": low_at});
                Some(("make_good_pool", pool))
            }
            _ => None,
        })
    }
}

/// What a merchant's endpoint receives: the event and the shipment's public facts (no
/// personal data), with what a merchant's own event adds.
fn payload(out: &Outgoing<'_>, extra: Option<(&str, serde_json::Value)>) -> serde_json::Value {
    let s = out.shipment;
    let n = out.notification;
    let mut body = serde_json::json!({
        "type": n.occasion.trigger.event_type(),
        "timestamp": n.created_at,
        "data": {
            "shipment_id": s.id,
            "order_number": s.order.number,
            "carrier": s.carrier,
            "tracking_number": s.tracking_number,
            "status": s.status,
            "substatus": s.substatus,
            "reason": n.occasion.reason,
            "eta": s.eta,
            "estimate": out.message.estimate,
            "make_good": out.message.make_good,
            "tracking_url": out.message.url,
        }
    });
    if let Some((field, value)) = extra {
        body["data"][field] = value;
    }
    body
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    use super::*;
    use crate::domain::{MerchantId, WebhookEndpoint};

    #[test]
    fn signatures_match_the_standard_webhooks_test_vector() {
        assert_eq!(
            sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1_614_265_330,
                br#"{"test": 2432232314}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn secrets_are_sealed_for_their_endpoint_and_read_in_clear_too() {
        let key = STANDARD.encode([3u8; 32]);
        let vault = Vault::from_spec(&format!("k1:{key}")).unwrap().unwrap();
        let merchant = MerchantId::from_random([1; 8]);
        let id = WebhookId::from_random([2; 8]);
        let sealed = seal_secret(Some(&vault), &merchant, &id, "whsec_c2VjcmV0").unwrap();
        let mut w = WebhookEndpoint {
            id,
            merchant_id: merchant,
            url: crate::domain::HttpUrl::parse("https://hooks.example.com/x").unwrap(),
            events: vec![],
            secret: sealed,
            disabled: false,
            created_at: Utc::now(),
        };
        let stored = serde_json::to_string(&w).unwrap();
        assert!(!stored.contains("whsec_c2VjcmV0"), "{stored}");
        assert_eq!(open_secret(Some(&vault), &w).unwrap(), "whsec_c2VjcmV0");
        assert_eq!(open_secret(None, &w).unwrap_err(), VaultError::Disabled);
        let other = w.clone();
        w.id = WebhookId::from_random([3; 8]);
        w.secret = other.secret.clone();
        assert_eq!(
            open_secret(Some(&vault), &w).unwrap_err(),
            VaultError::Tampered,
            "bound to its endpoint"
        );
        w.secret = seal_secret(None, &w.merchant_id, &w.id, "whsec_old").unwrap();
        assert_eq!(open_secret(Some(&vault), &w).unwrap(), "whsec_old");
    }

    #[test]
    fn urls_to_the_inside_of_the_network_are_refused() {
        for bad in [
            "ftp://example.com/x",
            "http://127.0.0.1:8080/hook",
            "http://[::1]/hook",
            "http://169.254.169.254/latest",
            "http://localhost/hook",
            "not a url",
        ] {
            assert!(check_url(bad, false).is_err(), "{bad}");
        }
        assert!(check_url("https://hooks.example.com/shipmate", false).is_ok());
        assert!(check_url("http://127.0.0.1:8080/hook", true).is_ok());
    }
}
