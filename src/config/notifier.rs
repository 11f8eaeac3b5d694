//! The notifier's configuration: channels in fallback order, which triggers speak, timing
//! (retries, quiet hours, feedback requests) and the transports' endpoints.

use std::time::Duration;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer};

use super::layers::{duration, parse_duration};
use crate::domain::{Channel, Secret, Trigger};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifierConfig {
    #[serde(deserialize_with = "channels")]
    pub channels: Vec<Channel>,
    #[serde(deserialize_with = "triggers")]
    pub triggers: Vec<Trigger>,
    #[serde(deserialize_with = "duration")]
    pub interval: Duration,
    pub batch: usize,
    /// Feedback ratings at or below this are flagged `detractor` to the merchant.
    pub detractor_max_rating: u8,
    /// Messages sent at once (one shipment's always in order).
    pub concurrency: usize,
    /// Sends in flight for one merchant, per notifier process.
    pub per_merchant: usize,
    /// Sends in flight to one webhook endpoint, per notifier process.
    pub per_endpoint: usize,
    /// Most customer updates (shipped, in transit, delay, new ETA) per shipment in 24 hours
    /// (0: no cap).
    pub daily_cap: u32,
    #[serde(deserialize_with = "duration")]
    pub lease: Duration,
    #[serde(deserialize_with = "duration")]
    pub reclaim_after: Duration,
    #[serde(deserialize_with = "duration")]
    pub eta_min_change: Duration,
    #[serde(deserialize_with = "durations")]
    pub feedback_after: Vec<Duration>,
    #[serde(deserialize_with = "durations")]
    pub retry: Vec<Duration>,
    #[serde(deserialize_with = "window")]
    pub quiet_hours: Option<(NaiveTime, NaiveTime)>,
    pub outbox_dir: String,
    /// Whether webhooks may go to loopback, private and link-local addresses.
    pub webhooks_allow_private: bool,
    #[serde(deserialize_with = "duration")]
    pub webhook_timeout: Duration,
    pub email: EmailConfig,
    pub sms: SmsConfig,
    pub whatsapp: WhatsAppConfig,
}

/// Twilio Messages API.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    pub base_url: String,
    pub account_sid: String,
    pub auth_token: Secret,
    pub from: String,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
}

/// WhatsApp Business Cloud API (template messages).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatsAppConfig {
    pub base_url: String,
    pub phone_number_id: String,
    pub access_token: Secret,
    pub template: String,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    pub smtp_host: String,
    pub smtp_port: u16,
    pub tls: String,
    pub username: String,
    pub password: Secret,
    pub from: String,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|p| !p.is_empty())
}

fn channels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Channel>, D::Error> {
    let s = String::deserialize(d)?;
    list(&s)
        .map(|c| {
            Channel::parse(c)
                .filter(|c| *c != Channel::Webhook)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "{c:?} is not a customer channel (email, sms, whatsapp, outbox)"
                    ))
                })
        })
        .collect()
}

fn triggers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Trigger>, D::Error> {
    let s = String::deserialize(d)?;
    list(&s)
        .map(|t| {
            Trigger::parse(t)
                .ok_or_else(|| serde::de::Error::custom(format!("{t:?} is not a trigger")))
        })
        .collect()
}

pub(super) fn durations<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Duration>, D::Error> {
    let s = String::deserialize(d)?;
    list(&s)
        .map(|p| parse_duration(p).map_err(serde::de::Error::custom))
        .collect()
}

/// "21:00-08:00" (may wrap midnight); empty: none.
fn window<'de, D: Deserializer<'de>>(d: D) -> Result<Option<(NaiveTime, NaiveTime)>, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::parse_window(&s)
        .map(Some)
        .map_err(|e| serde::de::Error::custom(format!("{s:?}: {}", e.0)))
}
