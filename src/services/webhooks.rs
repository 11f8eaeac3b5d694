//! Merchants' webhook subscriptions: created with a secret shown once, listed without it,
//! deleted.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{FieldError, ServiceError};
use crate::domain::{MerchantId, Trigger, WebhookEndpoint, WebhookId};
use crate::notifier::channels::webhook::{check_url, new_secret};
use crate::store::Store;

/// An endpoint as the API shows it (the secret only in the creation answer).
#[derive(Debug, Clone, Serialize)]
pub struct WebhookView {
    pub id: WebhookId,
    pub url: String,
    /// Event types (`shipment.<trigger>`); empty: all.
    pub events: Vec<String>,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl WebhookView {
    fn of(w: &WebhookEndpoint, with_secret: bool) -> Self {
        WebhookView {
            id: w.id.clone(),
            url: w.url.clone(),
            events: w.events.iter().map(|t| t.event_type()).collect(),
            disabled: w.disabled,
            created_at: w.created_at,
            secret: with_secret.then(|| w.secret.clone()),
        }
    }
}

#[derive(Clone)]
pub struct Webhooks {
    store: Store,
    allow_private: bool,
}

impl Webhooks {
    pub fn new(store: Store, allow_private: bool) -> Self {
        Webhooks {
            store,
            allow_private,
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Webhooks { store, ..*self }
    }

    pub async fn create(
        &self,
        merchant: &MerchantId,
        url: &str,
        events: &[String],
        now: DateTime<Utc>,
    ) -> Result<WebhookView, ServiceError> {
        let mut errors = vec![];
        let url = match check_url(url.trim(), self.allow_private) {
            Ok(u) => Some(u),
            Err(e) => {
                errors.push(FieldError::new("url", e));
                None
            }
        };
        let mut triggers = vec![];
        for (i, e) in events.iter().enumerate() {
            match Trigger::from_event_type(e) {
                Some(t) => triggers.push(t),
                _ => errors.push(FieldError::new(
                    format!("events[{i}]"),
                    "an event type such as shipment.delivered or shipment.delay",
                )),
            }
        }
        let Some(url) = url.filter(|_| errors.is_empty()) else {
            return Err(ServiceError::Invalid(errors));
        };
        if self.store.webhooks(merchant).await?.len() >= 20 {
            return Err(ServiceError::Conflict(
                "at most 20 webhook endpoints".into(),
            ));
        }
        let w = WebhookEndpoint {
            id: WebhookId::from_random(crate::entropy::bytes()),
            merchant_id: merchant.clone(),
            url: url.to_string(),
            events: triggers,
            secret: new_secret(),
            disabled: false,
            created_at: now,
        };
        self.store.put_webhook(&w).await?;
        Ok(WebhookView::of(&w, true))
    }

    pub async fn list(&self, merchant: &MerchantId) -> Result<Vec<WebhookView>, ServiceError> {
        Ok(self
            .store
            .webhooks(merchant)
            .await?
            .iter()
            .map(|w| WebhookView::of(w, false))
            .collect())
    }

    pub async fn delete(&self, merchant: &MerchantId, id: &str) -> Result<(), ServiceError> {
        let id = WebhookId::parse(id).map_err(|_| ServiceError::NotFound)?;
        if self.store.delete_webhook(merchant, &id).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound)
        }
    }
}
