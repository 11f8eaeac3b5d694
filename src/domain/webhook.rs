//! A merchant's webhook endpoint: where shipment events go, signed with its secret
//! (Standard Webhooks).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{HttpUrl, MerchantId, Secret, Trigger, WebhookId};

/// `Debug` shows the secret redacted (see [`WebhookSecret`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookEndpoint {
    pub id: WebhookId,
    pub merchant_id: MerchantId,
    pub url: HttpUrl,
    /// Triggers it wants (`shipment.<trigger>` events); empty: all.
    #[serde(default)]
    pub events: Vec<Trigger>,
    /// `whsec_` + base64 of the key: shown once at creation, used to sign, never returned;
    /// sealed at rest when the operator configured credential keys.
    pub secret: WebhookSecret,
    /// Set when the endpoint answered 410 Gone: nothing more is sent.
    #[serde(default)]
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// An endpoint's signing secret as stored. Endpoints made before credential keys were
/// configured keep theirs in clear, and both forms are read. `Debug` redacts the clear one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WebhookSecret {
    /// `whsec_…`.
    #[serde(serialize_with = "Secret::serialize_exposed")]
    Clear(Secret),
    /// Sealed by the vault (AES-256-GCM), bound to the merchant and the endpoint.
    Sealed {
        key_id: String,
        nonce: String,
        ciphertext: String,
    },
}

/// One try at delivering an event to an endpoint, as its delivery log keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookAttempt {
    pub at: DateTime<Utc>,
    /// The delivery (its `webhook-id`): replaying it sends it again.
    pub notification_id: String,
    /// `shipment.<trigger>`.
    pub event: String,
    /// The endpoint's HTTP status; none when no answer came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Why it failed (scrubbed of e-mail addresses and phone numbers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// From sending the request to the end of the answer's headers.
    pub ms: u32,
}

impl WebhookAttempt {
    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

impl WebhookEndpoint {
    pub fn wants(&self, trigger: Trigger) -> bool {
        !self.disabled && (self.events.is_empty() || self.events.contains(&trigger))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_stored_in_clear_and_sealed_both_read() {
        let clear: WebhookSecret = serde_json::from_str(r#""whsec_abc""#).unwrap();
        assert!(clear == WebhookSecret::Clear("whsec_abc".into()));
        assert_eq!(format!("{clear:?}"), "Clear(<redacted>)");
        assert_eq!(serde_json::to_string(&clear).unwrap(), r#""whsec_abc""#);
        let sealed: WebhookSecret =
            serde_json::from_str(r#"{"key_id":"k1","nonce":"bm9uY2U=","ciphertext":"Y3Q="}"#)
                .unwrap();
        assert!(matches!(sealed, WebhookSecret::Sealed { ref key_id, .. } if key_id == "k1"));
    }
}
