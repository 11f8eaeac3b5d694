//! What a merchant sees of the messages sent on its behalf: the list (with the dead
//! letters), a retry of a dead one, and a preview of any message before it is sent.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{ServiceError, Shipments};
use crate::config::Config;
use crate::domain::{
    Channel, DelayReason, Delivery, MerchantId, Notification, Occasion, ShipmentId, Trigger,
};
use crate::i18n::Lang;
use crate::notifier::render::{self, Message};
use crate::store::Store;

/// A notification as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct NotificationView {
    pub id: String,
    pub shipment_id: ShipmentId,
    pub trigger: Trigger,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<DelayReason>,
    pub channel: Channel,
    pub status: Delivery,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Sent inside this other notification's message (parcels of one order together).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grouped_into: Option<String>,
}

impl From<Notification> for NotificationView {
    fn from(n: Notification) -> Self {
        NotificationView {
            id: n.id,
            shipment_id: n.shipment_id,
            trigger: n.occasion.trigger,
            reason: n.occasion.reason,
            channel: n.channel,
            next_at: (n.status == Delivery::Queued).then_some(n.next_at),
            status: n.status,
            attempts: n.attempts,
            created_at: n.created_at,
            sent_at: n.sent_at,
            last_error: n.last_error,
            grouped_into: n.grouped_into,
        }
    }
}

#[derive(Clone)]
pub struct Notifications {
    store: Store,
    shipments: Shipments,
    config: Arc<Config>,
}

impl Notifications {
    pub fn new(store: Store, shipments: Shipments, config: Arc<Config>) -> Self {
        Notifications {
            store,
            shipments,
            config,
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Notifications {
            shipments: self.shipments.with_store(store.clone()),
            store,
            config: self.config.clone(),
        }
    }

    /// Newest first; of one shipment, or the merchant's latest `limit`.
    pub async fn list(
        &self,
        merchant: &MerchantId,
        shipment: Option<&ShipmentId>,
        status: Option<Delivery>,
        limit: usize,
    ) -> Result<Vec<NotificationView>, ServiceError> {
        let all = match shipment {
            Some(id) => {
                self.shipments.get(merchant, id).await?;
                self.store.shipment_notifications(id).await?
            }
            None => self.store.merchant_notifications(merchant, limit).await?,
        };
        Ok(all
            .into_iter()
            .filter(|n| &n.merchant_id == merchant)
            .filter(|n| status.is_none_or(|s| n.status == s))
            .take(limit)
            .map(NotificationView::from)
            .collect())
    }

    /// Queues a dead (or skipped) notification again, from its first attempt.
    pub async fn retry(
        &self,
        merchant: &MerchantId,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<NotificationView, ServiceError> {
        let mut n = self
            .store
            .notification(id)
            .await?
            .filter(|n| &n.merchant_id == merchant)
            .ok_or(ServiceError::NotFound)?;
        match n.status {
            Delivery::Dead | Delivery::Skipped => {}
            Delivery::Sent => return Err(ServiceError::Conflict("already sent".into())),
            Delivery::Queued => return Err(ServiceError::Conflict("already queued".into())),
        }
        n.status = Delivery::Queued;
        n.attempts = 0;
        n.next_at = now;
        n.last_error = None;
        self.store.save_notification(&n).await?;
        Ok(n.into())
    }

    /// Renders the message a trigger would send for a shipment, without sending it.
    pub async fn preview(
        &self,
        merchant: &MerchantId,
        shipment: &ShipmentId,
        occasion: Occasion,
        locale: Option<&str>,
    ) -> Result<Message, ServiceError> {
        let s = self.shipments.get(merchant, shipment).await?;
        let m = self
            .store
            .merchant(merchant)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let settings = self.store.notification_settings(merchant).await?;
        let lang = match locale {
            Some(l) => Lang::negotiate([l, m.locale.as_str()]),
            None => super::Audience::new(&s, &m, &[], "").lang,
        };
        let carrier = self
            .shipments
            .carriers()
            .get(&s.carrier)
            .map(|c| c.display_name().to_owned())
            .unwrap_or_else(|| s.carrier.to_string());
        let cx = render::Context {
            merchant: &m,
            carrier_name: &carrier,
            public_url: self.config.public_url(),
            previous_orders: 0,
            unsubscribe_url: None,
            also_like: &settings.also_like,
            others: vec![],
            source: crate::domain::feedback::Source::Email,
        };
        render::render(&s, &occasion, &lang, &cx)
            .map_err(|e| ServiceError::Internal(format!("the message template failed: {e}")))
    }
}

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
    pub triggers: std::collections::BTreeMap<Trigger, crate::domain::TriggerSwitch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_after: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_cap: Option<u32>,
    #[serde(default)]
    pub also_like: Vec<crate::domain::Suggestion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_url: Option<String>,
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
            also_like: s.also_like,
            review_url: s.review_url,
        })
    }

    /// Replaces the caller's merchant's settings after checking every field; the audit log
    /// records the fields that changed.
    pub async fn put_settings(
        &self,
        by: &super::Caller,
        input: SettingsInput,
        now: DateTime<Utc>,
    ) -> Result<SettingsInput, ServiceError> {
        use crate::services::FieldError;
        let mut errors = vec![];
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
            if let crate::domain::TriggerSwitch::Only(list) = switch
                && list.len() > MAX_CHANNELS
            {
                errors.push(FieldError::new(
                    format!("triggers.{}", trigger.as_str()),
                    "true, false, or a list of channels, each once",
                ));
            }
        }
        let mut feedback = None;
        if let Some(delays) = &input.feedback_after {
            if delays.len() > MAX_FEEDBACK_REQUESTS {
                errors.push(FieldError::new(
                    "feedback_after",
                    format!("at most {MAX_FEEDBACK_REQUESTS} feedback requests"),
                ));
            }
            let mut secs = vec![];
            for (i, d) in delays.iter().enumerate().take(MAX_FEEDBACK_REQUESTS) {
                match crate::config::parse_duration(d) {
                    Ok(d) if (FEEDBACK_DELAY.0..=FEEDBACK_DELAY.1).contains(&d) => {
                        secs.push(d.as_secs())
                    }
                    _ => errors.push(FieldError::new(
                        format!("feedback_after[{i}]"),
                        "a delay like \"2h\" or \"3d\", between 1h and 30d",
                    )),
                }
            }
            feedback = Some(secs);
        }
        if input.daily_cap.is_some_and(|c| c > MAX_DAILY_CAP) {
            errors.push(FieldError::new(
                "daily_cap",
                format!("at most {MAX_DAILY_CAP} (0: no cap)"),
            ));
        }
        if input.also_like.len() > 6 {
            errors.push(FieldError::new("also_like", "at most 6 suggestions"));
        }
        for (i, s) in input.also_like.iter().enumerate() {
            let ok_url = s.url.len() <= MAX_URL
                && reqwest::Url::parse(&s.url)
                    .is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !ok_url || s.name.trim().is_empty() || s.name.len() > 80 {
                errors.push(FieldError::new(
                    format!("also_like[{i}]"),
                    "a name (up to 80 characters) and an http(s) URL",
                ));
            }
        }
        if input.review_url.as_deref().is_some_and(|u| {
            u.len() > MAX_URL
                || !reqwest::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
        }) {
            errors.push(FieldError::new("review_url", "an http(s) URL"));
        }
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        let settings = crate::domain::NotificationSettings {
            channels: input.channels,
            triggers: input.triggers,
            feedback_after_secs: feedback,
            daily_cap: input.daily_cap,
            also_like: input.also_like,
            review_url: input.review_url,
        };
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
    by: &super::Caller,
    before: &SettingsInput,
    after: &SettingsInput,
    now: DateTime<Utc>,
) -> crate::domain::AuditEntry {
    let json = |s| serde_json::to_value(s).unwrap_or_default();
    crate::domain::AuditEntry {
        at: now,
        key_id: Some(by.key_id.clone()),
        action: crate::domain::AuditAction::NotificationSettingsPut,
        target: "notification_settings".into(),
        changes: crate::domain::changed_fields(&json(before), &json(after)),
    }
}
