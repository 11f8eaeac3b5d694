//! The merchant's message settings: as the API takes and shows them ([`SettingsInput`]),
//! checked field by field into the domain's `NotificationSettings`, and replaced with an
//! audit entry of what changed.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Notifications;
use crate::domain::make_good::{self, MAX_LATE_BY_DAYS};
use crate::domain::{
    AuditAction, AuditEntry, Channel, HttpUrl, MakeGoodRule, MerchantId, NotificationSettings,
    QuietHours, Suggestion, Trigger, TriggerSwitch,
};
use crate::services::{Caller, FieldError, ServiceError};

/// Feedback requests per delivered parcel at most.
pub const MAX_FEEDBACK_REQUESTS: usize = 3;
/// Shortest and longest wait before a feedback request.
const FEEDBACK_DELAY: (Duration, Duration) =
    (Duration::from_secs(3600), Duration::from_secs(30 * 86_400));
/// Largest daily cap a merchant may set.
const MAX_DAILY_CAP: u32 = 50;
/// Channels a trigger can list (each once).
const MAX_CHANNELS: usize = 5;
/// Longest URL kept in the settings.
const MAX_URL: usize = 2048;

/// The merchant's message settings as the API takes and shows them.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<Channel>>,
    #[serde(default)]
    pub triggers: BTreeMap<Trigger, TriggerSwitch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_after: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_cap: Option<u32>,
    /// `"21:00-08:00"` (in each customer's zone) or `"off"`; none: the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<String>,
    #[serde(default)]
    pub also_like: Vec<Suggestion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub make_good: Option<MakeGoodInput>,
}

/// The make-good for late parcels as the API takes and shows it.
#[derive(Debug, Clone, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MakeGoodInput {
    /// Delivered more than this many days after the promise (default 2).
    #[serde(default = "default_late_by")]
    pub late_by_days: u16,
    pub text: String,
    /// Whether a code from the pool goes with the text.
    #[serde(default)]
    pub codes: bool,
    /// The pool's "running low" webhook fires at this many codes left (default 10).
    #[serde(default = "default_low_at")]
    pub low_at: u32,
}

fn default_late_by() -> u16 {
    2
}

fn default_low_at() -> u32 {
    10
}

/// The make-good rule, each field within bounds.
fn make_good(input: Option<&MakeGoodInput>, errors: &mut Vec<FieldError>) -> Option<MakeGoodRule> {
    let input = input?;
    if input.late_by_days > MAX_LATE_BY_DAYS {
        let why = format!("0 to {MAX_LATE_BY_DAYS} days");
        errors.push(FieldError::new("make_good.late_by_days", why));
    }
    if input.low_at > crate::services::MAX_POOL {
        let why = format!("0 to {}", crate::services::MAX_POOL);
        errors.push(FieldError::new("make_good.low_at", why));
    }
    let text = make_good::parse_text(&input.text)
        .map_err(|e| errors.push(FieldError::new("make_good.text", e)))
        .ok()?;
    Some(MakeGoodRule {
        late_by_days: input.late_by_days,
        text,
        codes: input.codes,
        low_at: input.low_at,
    })
}

/// Every field checked; the errors name each field that is wrong, as the caller spelled it.
impl TryFrom<SettingsInput> for NotificationSettings {
    type Error = Vec<FieldError>;

    fn try_from(input: SettingsInput) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        check_channels(&input, &mut errors);
        let feedback = input
            .feedback_after
            .as_deref()
            .map(|delays| feedback_delays(delays, &mut errors));
        if input.daily_cap.is_some_and(|c| c > MAX_DAILY_CAP) {
            errors.push(FieldError::new(
                "daily_cap",
                format!("at most {MAX_DAILY_CAP} (0: no cap)"),
            ));
        }
        check_links(&input, &mut errors);
        let quiet_hours = input.quiet_hours.as_deref().and_then(|q| {
            QuietHours::parse(q)
                .map_err(|e| errors.push(FieldError::new("quiet_hours", e.0)))
                .ok()
        });
        let review_url = review_url(input.review_url.as_deref(), &mut errors);
        let make_good = make_good(input.make_good.as_ref(), &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NotificationSettings {
            channels: input.channels,
            triggers: input.triggers,
            feedback_after_secs: feedback,
            daily_cap: input.daily_cap,
            quiet_hours,
            also_like: input.also_like,
            review_url,
            make_good,
        })
    }
}

/// The channel order (customer channels, each once) and the triggers' channel lists.
fn check_channels(input: &SettingsInput, errors: &mut Vec<FieldError>) {
    if let Some(channels) = &input.channels {
        if channels.is_empty() {
            errors.push(FieldError::new("channels", "at least one channel"));
        }
        for (i, c) in channels.iter().enumerate() {
            if *c == Channel::Webhook || channels[..i].contains(c) {
                errors.push(FieldError::new(
                    format!("channels[{i}]"),
                    "email, sms, whatsapp or outbox, each once",
                ));
            }
        }
    }
    for (trigger, switch) in &input.triggers {
        if trigger.is_merchant_only() {
            errors.push(FieldError::new(
                format!("triggers.{}", trigger.as_str()),
                "a webhook event, not a customer message",
            ));
        }
        if let TriggerSwitch::Only(list) = switch
            && list.len() > MAX_CHANNELS
        {
            errors.push(FieldError::new(
                format!("triggers.{}", trigger.as_str()),
                "true, false, or a list of channels, each once",
            ));
        }
    }
}

/// The feedback delays in seconds (the first `MAX_FEEDBACK_REQUESTS`, each within range).
fn feedback_delays(delays: &[String], errors: &mut Vec<FieldError>) -> Vec<u64> {
    if delays.len() > MAX_FEEDBACK_REQUESTS {
        errors.push(FieldError::new(
            "feedback_after",
            format!("at most {MAX_FEEDBACK_REQUESTS} feedback requests"),
        ));
    }
    let mut secs = vec![];
    for (i, d) in delays.iter().enumerate().take(MAX_FEEDBACK_REQUESTS) {
        match crate::config::parse_duration(d) {
            Ok(d) if (FEEDBACK_DELAY.0..=FEEDBACK_DELAY.1).contains(&d) => secs.push(d.as_secs()),
            _ => errors.push(FieldError::new(
                format!("feedback_after[{i}]"),
                "a delay like \"2h\" or \"3d\", between 1h and 30d",
            )),
        }
    }
    secs
}

/// The "you may also like" suggestions: http(s) links of bounded size.
fn check_links(input: &SettingsInput, errors: &mut Vec<FieldError>) {
    if input.also_like.len() > 6 {
        errors.push(FieldError::new("also_like", "at most 6 suggestions"));
    }
    for (i, s) in input.also_like.iter().enumerate() {
        let ok_url = s.url.len() <= MAX_URL
            && reqwest::Url::parse(&s.url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !ok_url || s.name.trim().is_empty() || s.name.len() > 80 {
            errors.push(FieldError::new(
                format!("also_like[{i}]"),
                "a name (up to 80 characters) and an http(s) URL",
            ));
        }
    }
}

/// The review link: an http(s) URL of bounded size that parses as a whole.
fn review_url(raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<HttpUrl> {
    let raw = raw?;
    let parsed = Some(raw)
        .filter(|u| u.len() <= MAX_URL && reqwest::Url::parse(u).is_ok())
        .and_then(|u| HttpUrl::parse(u).ok());
    if parsed.is_none() {
        errors.push(FieldError::new("review_url", "an http(s) URL"));
    }
    parsed
}

impl Notifications {
    pub async fn settings(&self, merchant: &MerchantId) -> Result<SettingsInput, ServiceError> {
        let s = self.store.notification_settings(merchant).await?;
        Ok(SettingsInput {
            channels: s.channels,
            triggers: s.triggers,
            feedback_after: s
                .feedback_after_secs
                .map(|v| v.iter().map(|secs| format!("{secs}s")).collect()),
            daily_cap: s.daily_cap,
            quiet_hours: s.quiet_hours.map(|q| q.to_string()),
            also_like: s.also_like,
            review_url: s.review_url.map(String::from),
            make_good: s.make_good.map(|m| MakeGoodInput {
                late_by_days: m.late_by_days,
                text: m.text,
                codes: m.codes,
                low_at: m.low_at,
            }),
        })
    }

    /// Replaces the caller's merchant's settings after checking every field; the audit log
    /// records the fields that changed.
    pub async fn put_settings(
        &self,
        by: &Caller,
        input: SettingsInput,
        now: DateTime<Utc>,
    ) -> Result<SettingsInput, ServiceError> {
        let settings = NotificationSettings::try_from(input).map_err(ServiceError::Invalid)?;
        let merchant = &by.merchant;
        let before = self.settings(merchant).await?;
        self.store
            .put_notification_settings(merchant, &settings)
            .await?;
        let after = self.settings(merchant).await?;
        let entry = audit_entry(by, &before, &after, now);
        self.store.append_audit(merchant, &entry).await?;
        Ok(after)
    }
}

/// The settings' audit entry: the fields that changed, with their new values.
fn audit_entry(
    by: &Caller,
    before: &SettingsInput,
    after: &SettingsInput,
    now: DateTime<Utc>,
) -> AuditEntry {
    let json = |s| serde_json::to_value(s).unwrap_or_default();
    AuditEntry {
        at: now,
        key_id: by.key_id(),
        user_id: by.user_id(),
        action: AuditAction::NotificationSettingsPut,
        target: "notification_settings".into(),
        changes: crate::domain::changed_fields(&json(before), &json(after)),
    }
}
