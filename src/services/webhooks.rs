//! Merchants' webhook subscriptions: created with a secret shown once (sealed at rest when
//! credential keys are configured), listed without it, disabled or enabled, deleted (each
//! change audited); each endpoint's delivery log, and a delivery replayed.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Caller, FieldError, ServiceError};
use crate::domain::{
    AuditAction, AuditEntry, Channel, Delivery, HttpUrl, MerchantId, SECRET_SET, Trigger,
    WebhookAttempt, WebhookEndpoint, WebhookId,
};
use crate::notifier::channels::webhook::{check_url, new_secret, seal_secret};
use crate::store::Store;
use crate::vault::Vault;

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
    fn of(w: &WebhookEndpoint) -> Self {
        WebhookView {
            id: w.id.clone(),
            url: w.url.to_string(),
            events: w.events.iter().map(|t| t.event_type()).collect(),
            disabled: w.disabled,
            created_at: w.created_at,
            secret: None,
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

    /// Adds an endpoint for the caller's merchant. With a `vault` (credential keys are
    /// configured) its secret is stored sealed; without one, in clear.
    pub async fn create(
        &self,
        by: &Caller,
        url: &str,
        events: &[String],
        vault: Option<&Vault>,
        now: DateTime<Utc>,
    ) -> Result<WebhookView, ServiceError> {
        let merchant = &by.merchant;
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
                Some(t) if triggers.contains(&t) => {}
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
        // check_url made it an http(s) URL with a host: this parse does not fail.
        let stored_url =
            HttpUrl::parse(url.as_str()).map_err(|e| ServiceError::invalid("url", e.0))?;
        let id = WebhookId::from_random(crate::entropy::bytes());
        let secret = new_secret();
        let w = WebhookEndpoint {
            secret: seal_secret(vault, merchant, &id, &secret)
                .map_err(|e| ServiceError::Conflict(e.to_string()))?,
            id,
            merchant_id: merchant.clone(),
            url: stored_url,
            events: triggers,
            disabled: false,
            created_at: now,
        };
        self.store.put_webhook(&w).await?;
        let view = WebhookView {
            secret: Some(secret),
            ..WebhookView::of(&w)
        };
        // The URL's origin only: endpoints often carry a token in their path.
        let changes = [
            ("url_origin", url.origin().ascii_serialization().into()),
            ("events", serde_json::json!(view.events)),
            ("secret", SECRET_SET.into()),
        ];
        let changes = changes.map(|(k, v)| (k.to_owned(), v)).into();
        let entry = audit_entry(by, AuditAction::WebhookCreate, &w.id, changes, now);
        self.store.append_audit(merchant, &entry).await?;
        Ok(view)
    }

    pub async fn list(&self, merchant: &MerchantId) -> Result<Vec<WebhookView>, ServiceError> {
        Ok(self
            .store
            .webhooks(merchant)
            .await?
            .iter()
            .map(WebhookView::of)
            .collect())
    }

    pub async fn delete(
        &self,
        by: &Caller,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let id = WebhookId::parse(id).map_err(|_| ServiceError::NotFound)?;
        if !self.store.delete_webhook(&by.merchant, &id).await? {
            return Err(ServiceError::NotFound);
        }
        let entry = audit_entry(by, AuditAction::WebhookDelete, &id, Default::default(), now);
        self.store.append_audit(&by.merchant, &entry).await?;
        Ok(())
    }
}

impl Webhooks {
    /// Stops (`disabled`) or resumes sending to an endpoint; audited.
    pub async fn set_disabled(
        &self,
        by: &Caller,
        id: &str,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> Result<WebhookView, ServiceError> {
        let mut w = self.endpoint(&by.merchant, id).await?;
        if w.disabled != disabled {
            w.disabled = disabled;
            self.store.put_webhook(&w).await?;
            let changes = [("disabled".to_owned(), serde_json::json!(disabled))].into();
            let entry = audit_entry(by, AuditAction::WebhookUpdate, &w.id, changes, now);
            self.store.append_audit(&by.merchant, &entry).await?;
        }
        Ok(WebhookView::of(&w))
    }

    /// An endpoint's newest delivery attempts, newest first.
    pub async fn deliveries(
        &self,
        merchant: &MerchantId,
        id: &str,
    ) -> Result<(WebhookView, Vec<WebhookAttempt>), ServiceError> {
        let w = self.endpoint(merchant, id).await?;
        let log = self.store.webhook_attempts(merchant, &w.id).await?;
        Ok((WebhookView::of(&w), log))
    }

    /// Sends one delivery to its endpoint again, from its first attempt, under the same
    /// `webhook-id` (a receiver that already has it can tell). `Conflict` while it is
    /// still queued or when the endpoint is disabled.
    pub async fn replay(
        &self,
        merchant: &MerchantId,
        id: &str,
        delivery: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let w = self.endpoint(merchant, id).await?;
        let mut n = self
            .store
            .notification(delivery)
            .await?
            .filter(|n| {
                &n.merchant_id == merchant
                    && n.channel == Channel::Webhook
                    && n.target.as_deref() == Some(w.id.as_str())
            })
            .ok_or(ServiceError::NotFound)?;
        if w.disabled {
            return Err(ServiceError::Conflict("the endpoint is disabled".into()));
        }
        if n.status == Delivery::Queued {
            return Err(ServiceError::Conflict("already queued".into()));
        }
        n.status = Delivery::Queued;
        n.attempts = 0;
        n.next_at = now;
        n.last_error = None;
        self.store.save_notification(&n).await?;
        Ok(())
    }

    async fn endpoint(
        &self,
        merchant: &MerchantId,
        id: &str,
    ) -> Result<WebhookEndpoint, ServiceError> {
        let id = WebhookId::parse(id).map_err(|_| ServiceError::NotFound)?;
        self.store
            .webhook(merchant, &id)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}

fn audit_entry(
    by: &Caller,
    action: AuditAction,
    id: &WebhookId,
    changes: std::collections::BTreeMap<String, serde_json::Value>,
    now: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry {
        at: now,
        key_id: by.key_id(),
        user_id: by.user_id(),
        action,
        target: id.to_string(),
        changes,
    }
}
