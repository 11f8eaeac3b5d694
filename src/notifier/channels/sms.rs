//! SMS through Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`, HTTP
//! Basic with the account SID and auth token). Twilio's 4xx error codes for a bad or
//! unreachable number are permanent; rate limits and server errors are retried.

use async_trait::async_trait;

use super::{Outgoing, SendError, Transport};
use crate::config::SmsConfig;
use crate::domain::{Channel, Shipment};

pub struct Sms {
    http: reqwest::Client,
    url: reqwest::Url,
    cfg: SmsConfig,
}

impl Sms {
    /// `None` when no Twilio account is configured.
    pub fn from_config(cfg: &SmsConfig) -> Result<Option<Sms>, String> {
        if cfg.account_sid.trim().is_empty() {
            return Ok(None);
        }
        let base = reqwest::Url::parse(&cfg.base_url)
            .map_err(|e| format!("notifier.sms.base_url: {e}"))?;
        let url = crate::outbound::join_url(
            &base,
            &["2010-04-01", "Accounts", &cfg.account_sid, "Messages.json"],
        );
        let http = crate::outbound::builder(cfg.timeout)?
            .build()
            .map_err(|e| format!("sms client: {e}"))?;
        Ok(Some(Sms {
            http,
            url,
            cfg: cfg.clone(),
        }))
    }
}

/// A phone number as E.164 (`+` and digits), if it looks like one.
pub fn e164(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    (raw.trim_start().starts_with('+') && (8..=15).contains(&digits.len()))
        .then(|| format!("+{digits}"))
}

/// The customer's mobile number in E.164, if they gave one that looks right.
pub fn mobile(s: &Shipment) -> Option<String> {
    s.customer
        .as_ref()
        .and_then(|c| c.phone.as_ref().map(|p| p.as_str()))
        .and_then(e164)
}

#[async_trait]
impl Transport for Sms {
    fn channel(&self) -> Channel {
        Channel::Sms
    }

    fn reaches(&self, s: &Shipment) -> bool {
        mobile(s).is_some()
    }

    async fn send(&self, out: &Outgoing<'_>) -> Result<(), SendError> {
        let to = mobile(out.shipment)
            .ok_or_else(|| SendError::Permanent("the customer has no mobile number".into()))?;
        let sender = if self.cfg.from.starts_with("MG") {
            "MessagingServiceSid"
        } else {
            "From"
        };
        let resp = self
            .http
            .post(self.url.clone())
            .basic_auth(&self.cfg.account_sid, Some(self.cfg.auth_token.expose()))
            .form(&[
                ("To", to.as_str()),
                (sender, self.cfg.from.as_str()),
                ("Body", out.message.short.as_str()),
            ])
            .send()
            .await
            .map_err(|e| SendError::transient(format!("Twilio: {}", e.without_url())))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(());
        }
        let retry_after = crate::outbound::retry_after(&resp);
        let body = crate::outbound::error_json(resp).await;
        let message = format!(
            "Twilio {} (code {}): {}",
            status.as_u16(),
            body["code"],
            body["message"].as_str().unwrap_or("")
        );
        // 401/403: our account is wrong — retry, an operator can fix it; other 4xx are about
        // this message or number and will not change.
        if status.is_client_error() && !matches!(status.as_u16(), 401 | 403 | 408 | 429) {
            return Err(SendError::Permanent(message));
        }
        Err(SendError::Transient {
            message,
            retry_after,
        })
    }
}
