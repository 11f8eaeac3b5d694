//! What a merchant sees of the messages sent on its behalf: the list (with the dead
//! letters), a retry of a dead one, and a preview of any message before it is sent; the
//! message settings it chooses are in `settings.rs`.

mod settings;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{ServiceError, Shipments};
use crate::config::Config;
use crate::domain::{
    Channel, DelayReason, Delivery, Merchant, MerchantId, Notification, Occasion, PublicToken,
    Shipment, ShipmentId, Trigger,
};
use crate::i18n::Lang;
use crate::notifier::render::{self, Message};
use crate::store::Store;

pub use settings::{MAX_FEEDBACK_REQUESTS, MakeGoodInput, SettingsInput};

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
    /// Messages sent between two moments (to the hour; at most two days back), by channel.
    pub async fn sent_between(
        &self,
        merchant: &MerchantId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(String, u64)>, ServiceError> {
        Ok(self.store.sent_between(merchant, from, to).await?)
    }

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

    /// One of the merchant's notifications.
    pub async fn find(
        &self,
        merchant: &MerchantId,
        id: &str,
    ) -> Result<Option<NotificationView>, ServiceError> {
        let n = self.store.notification(id).await?;
        Ok(n.filter(|n| &n.merchant_id == merchant).map(Into::into))
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
        let lang = match locale {
            Some(l) => Lang::negotiate([l, m.locale.as_str()]),
            None => super::Audience::new(&s, &m, &[], "").lang,
        };
        self.render_preview(&s, &m, occasion, &lang, false).await
    }

    /// Renders what a trigger would send for the example parcel (never stored) of
    /// `merchant` as given, saved or not: the console previews changes before they are made.
    pub async fn preview_example(
        &self,
        merchant: &Merchant,
        occasion: Occasion,
        lang: &Lang,
        now: DateTime<Utc>,
    ) -> Result<Message, ServiceError> {
        let ids = (
            ShipmentId::from_random(crate::entropy::bytes()),
            PublicToken::from_random(crate::entropy::bytes()),
        );
        let mut s = crate::domain::example_shipment(&merchant.id, ids, 1001, 7, now)
            .map_err(|e| ServiceError::Internal(format!("the example parcel: {e}")))?;
        if let Some(c) = s.customer.as_mut() {
            c.locale = None;
        }
        self.render_preview(&s, merchant, occasion, lang, true)
            .await
    }

    async fn render_preview(
        &self,
        s: &Shipment,
        m: &Merchant,
        occasion: Occasion,
        lang: &Lang,
        example: bool,
    ) -> Result<Message, ServiceError> {
        let settings = self.store.notification_settings(&m.id).await?;
        // The parcel's own make-good; the example shows what the merchant's rule gives.
        let grant = match (example, &settings.make_good) {
            (true, Some(rule)) => Some(crate::domain::Grant {
                shipment_id: s.id.clone(),
                text: rule.text.clone(),
                code: rule.codes.then(|| "EXAMPLE-CODE".to_owned()),
                at: s.created_at,
            }),
            (true, None) => None,
            (false, _) => self.store.make_good_grant(&m.id, &s.id).await?,
        };
        let carrier = self
            .shipments
            .carriers()
            .get(&s.carrier)
            .map(|c| c.display_name().to_owned())
            .unwrap_or_else(|| s.carrier.to_string());
        let cx = render::Context {
            window: None,
            make_good: grant.as_ref(),
            merchant: m,
            carrier_name: &carrier,
            public_url: self.config.public_url(),
            previous_orders: 0,
            unsubscribe_url: None,
            also_like: &settings.also_like,
            others: vec![],
            source: crate::domain::feedback::Source::Email,
        };
        render::render(s, &occasion, lang, &cx)
            .map_err(|e| ServiceError::Internal(format!("the message template failed: {e}")))
    }
}
