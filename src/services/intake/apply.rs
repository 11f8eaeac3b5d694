//! Applying queued deliveries: web processes claim one at a time with a lease, apply it
//! (register, stop tracking, or nothing for an older one) and retry on `[intake] retry`.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::receive::Queued;
use super::shopify::{self, Fulfillment};
use super::shopify_admin::Admin;
use super::{Connection, Intake, SHOPIFY, WOOCOMMERCE};
use crate::domain::{CarrierCode, MerchantId, TrackingNumber};
use crate::services::{NewShipmentInput, ServiceError, ShipmentRequest};

impl Intake {
    /// Applies the delivery due first, if any; true when one was claimed.
    pub async fn apply_due_once(&self, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let lease = Duration::from_std(self.config.lease)?;
        let Some(claim) = self
            .store
            .claim_deliveries(now, now + lease, 1)
            .await?
            .pop()
        else {
            return Ok(false);
        };
        let Some(json) = self.store.delivery(&claim.id).await? else {
            self.store.settle_delivery(&claim, None).await?;
            return Ok(true);
        };
        let mut q: Queued = serde_json::from_str(&json)?;
        let source = q.source.clone();
        let count = |what| {
            crate::metrics::STORE_DELIVERIES.inc(&[("source", source.as_str()), ("outcome", what)])
        };
        let next = match self.apply(&q, now).await {
            Ok(()) => {
                count("applied");
                None
            }
            Err(e) => {
                q.tries += 1;
                let wait = self.config.retry.get(q.tries - 1).copied();
                warn!(merchant_id = %q.merchant, source = %q.source, tries = q.tries, error = format!("{e:#}"), "store delivery not applied");
                count(if wait.is_some() { "retried" } else { "dropped" });
                match wait {
                    Some(wait) => {
                        let at = now + Duration::from_std(wait)?;
                        self.store
                            .queue_delivery(&claim.id, &serde_json::to_string(&q)?, at)
                            .await?;
                        Some(at)
                    }
                    None => None,
                }
            }
        };
        self.store.settle_delivery(&claim, next).await?;
        Ok(true)
    }

    async fn apply(&self, q: &Queued, now: DateTime<Utc>) -> anyhow::Result<()> {
        // Disconnected meanwhile: nothing to apply it for.
        let Some(conn) = self.open(&q.merchant, &q.source).await? else {
            return Ok(());
        };
        match q.source.as_str() {
            SHOPIFY => self.apply_shopify(q, &conn, now).await,
            WOOCOMMERCE => self.apply_woocommerce(q, &conn, now).await,
            _ => Ok(()),
        }
    }

    async fn apply_shopify(
        &self,
        q: &Queued,
        conn: &Connection,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let m = &q.merchant;
        let Ok(f) = serde_json::from_str::<Fulfillment>(&q.body) else {
            warn!(merchant_id = %m, "a shopify delivery that is not a fulfillment");
            return Ok(());
        };
        if !self.newest(q, format!("f:{}", f.id)).await? {
            return Ok(());
        }
        if f.cancelled() {
            let carrier = shopify::carrier(&conn.carrier_names, f.tracking_company.as_deref());
            let object = format!("f:{}", f.id);
            return self
                .stop_tracking(m, (SHOPIFY, &object), carrier, &f.numbers(), now)
                .await;
        }
        let order = if f.addressed() {
            None
        } else {
            Some(self.admin(conn).order(f.order_id).await?)
        };
        let requests = shopify::requests(&f, order.as_ref(), &conn.carrier_names);
        self.register_all(m, (SHOPIFY, &format!("f:{}", f.id)), requests, now)
            .await
    }

    /// Registers each request (a bad one is logged by its reason and skipped); `Err` only
    /// when they could not be tried.
    pub(super) async fn register_all(
        &self,
        m: &MerchantId,
        (source, object): (&str, &str),
        requests: Vec<ShipmentRequest>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        for request in requests {
            let number = request.tracking_number.clone().unwrap_or_default();
            let input = match NewShipmentInput::try_from(request) {
                Ok(input) => input,
                Err(errors) => {
                    let why: Vec<String> = errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect();
                    warn!(merchant_id = %m, source, reason = why.join("; "), "a store's tracking number not registered");
                    continue;
                }
            };
            match self.shipments.register(m, input, now).await {
                Ok(r) => {
                    self.store.own_number(m, source, &number, object).await?;
                    info!(merchant_id = %m, source, shipment_id = %r.shipment.id, created = r.created, "a store's parcel registered")
                }
                Err(ServiceError::Invalid(_) | ServiceError::Undetected { .. }) => {
                    warn!(merchant_id = %m, source, "a store's tracking number no carrier takes");
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// A cancelled fulfillment or order: its parcels stop being tracked — unless another
    /// object of the store (a fulfillment made again) holds the number now.
    pub(super) async fn stop_tracking(
        &self,
        m: &MerchantId,
        (source, object): (&str, &str),
        carrier: Option<String>,
        numbers: &[String],
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let carrier = carrier.and_then(|c| CarrierCode::parse(&c).ok());
        for n in numbers {
            let owner = self.store.number_owner(m, source, n).await?;
            if owner.is_some_and(|o| o != object) {
                info!(merchant_id = %m, source, object, "cancelled, but another store object holds the number: still tracked");
                continue;
            }
            let Ok(number) = TrackingNumber::parse(n) else {
                continue;
            };
            let id = match self.shipments.registered(m, carrier.clone(), &number).await {
                Ok(Some(id)) => id,
                Ok(None) | Err(ServiceError::Invalid(_) | ServiceError::Undetected { .. }) => {
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            match self.shipments.cancel(m, &id, now).await {
                Ok(()) | Err(ServiceError::NotFound) => {
                    info!(merchant_id = %m, shipment_id = %id, "cancelled in the store: tracking stopped")
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Whether a delivery about `object` is not older than one already applied.
    pub(super) async fn newest(&self, q: &Queued, object: String) -> anyhow::Result<bool> {
        let m = &q.merchant;
        let newest = self
            .store
            .newest_delivery(m, &q.source, &object, q.triggered_ms)
            .await?;
        if !newest {
            info!(merchant_id = %m, source = %q.source, object, "an older delivery than one applied: ignored");
        }
        Ok(newest)
    }

    pub(super) fn admin<'a>(&'a self, conn: &'a Connection) -> Admin<'a> {
        Admin::new(
            &self.http,
            &self.config.shopify_admin_url,
            &conn.shop,
            &self.config.shopify_api_version,
            &conn.secrets.access_token,
        )
    }

    /// Applies due deliveries until `cancel` fires; idle, it looks every `intake.interval`
    /// or when a delivery to this process wakes it.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        while !cancel.is_cancelled() {
            let busy = match self.apply_due_once(Utc::now()).await {
                Ok(claimed) => claimed,
                Err(e) => {
                    warn!(error = format!("{e:#}"), "store delivery step failed");
                    false
                }
            };
            if !busy {
                tokio::select! {
                    () = cancel.cancelled() => {}
                    () = tokio::time::sleep(self.config.interval) => {}
                    () = self.wake.notified() => {}
                }
            }
        }
        info!("store delivery reader stopped");
    }
}
