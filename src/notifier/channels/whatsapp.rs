//! WhatsApp through the Business Cloud API: a template message (`{{1}}` the message, `{{2}}`
//! the tracking link) in the customer's language, bearer token. Meta's error codes for an
//! undeliverable message or a missing template are permanent; throttling is retried.

use async_trait::async_trait;

use super::sms::mobile;
use super::{Outgoing, SendError, Transport};
use crate::config::WhatsAppConfig;
use crate::domain::{Channel, Shipment};

pub struct WhatsApp {
    http: reqwest::Client,
    url: reqwest::Url,
    cfg: WhatsAppConfig,
}

impl WhatsApp {
    /// `None` when no WhatsApp number is configured.
    pub fn from_config(cfg: &WhatsAppConfig) -> Result<Option<WhatsApp>, String> {
        if cfg.phone_number_id.trim().is_empty() {
            return Ok(None);
        }
        let base = reqwest::Url::parse(&cfg.base_url)
            .map_err(|e| format!("notifier.whatsapp.base_url: {e}"))?;
        let url = crate::outbound::join_url(&base, &[&cfg.phone_number_id, "messages"]);
        let http = crate::outbound::builder(cfg.timeout)?
            .build()
            .map_err(|e| format!("whatsapp client: {e}"))?;
        Ok(Some(WhatsApp {
            http,
            url,
            cfg: cfg.clone(),
        }))
    }
}

/// Meta's codes that will not change on a retry: undeliverable, re-engagement window,
/// template missing or wrong, recipient not on WhatsApp / blocked, invalid parameter.
const PERMANENT: &[i64] = &[100, 131026, 131047, 131051, 132000, 132001, 132012, 133010];

#[async_trait]
impl Transport for WhatsApp {
    fn channel(&self) -> Channel {
        Channel::Whatsapp
    }

    fn reaches(&self, s: &Shipment) -> bool {
        mobile(s).is_some()
    }

    async fn send(&self, out: &Outgoing<'_>) -> Result<(), SendError> {
        let to = mobile(out.shipment)
            .ok_or_else(|| SendError::Permanent("the customer has no mobile number".into()))?;
        let body = serde_json::json!({
            "messaging_product": "whatsapp",
            "to": to.trim_start_matches('+'),
            "type": "template",
            "template": {
                "name": self.cfg.template,
                "language": {"code": out.message.lang.replace('-', "_")},
                "components": [{
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": out.message.subject},
                        {"type": "text", "text": out.message.url},
                    ]
                }]
            }
        });
        let resp = self
            .http
            .post(self.url.clone())
            .bearer_auth(self.cfg.access_token.expose())
            .json(&body)
            .send()
            .await
            .map_err(|e| SendError::transient(format!("WhatsApp: {}", e.without_url())))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(());
        }
        let answer = crate::outbound::error_json(resp).await;
        let code = answer["error"]["code"].as_i64().unwrap_or(0);
        let message = format!(
            "WhatsApp {} (code {code}): {}",
            status.as_u16(),
            answer["error"]["message"].as_str().unwrap_or("")
        );
        if PERMANENT.contains(&code) {
            Err(SendError::Permanent(message))
        } else {
            Err(SendError::transient(message))
        }
    }
}
