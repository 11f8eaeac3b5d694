//! A WooCommerce shop's deliveries: the unsigned ping a new webhook sends (answered 200),
//! `order.created` / `order.updated` checked by `X-WC-Webhook-Signature` (the secret's HTML
//! entities decoded first, as WooCommerce does) and `X-WC-Webhook-Source`, and applied:
//! each tracking item of the order becomes a shipment, a cancelled, refunded or failed order
//! stops tracking. Reconciliation asks the shop's REST API for orders modified since the
//! last run, reading the extension's endpoint for an order whose meta lacks its trackings.

use chrono::{DateTime, Duration, Utc};
use tracing::warn;

use super::receive::Queued;
use super::woocommerce::{self, Order, Rest};
use super::{Connection, Delivery, Intake, Received, Refused, WOOCOMMERCE};
use crate::domain::{MerchantId, woocommerce_key};

/// Topics applied; others are answered 200 and ignored.
const TOPICS: [&str; 2] = ["order.created", "order.updated"];
/// Pages of 100 orders one reconciliation reads of a shop.
const MAX_PAGES: usize = 10;
/// Orders whose trackings one reconciliation reads from the extension's endpoint.
const MAX_LOOKUPS: usize = 100;

impl Intake {
    pub async fn receive_woocommerce(
        &self,
        m: &MerchantId,
        d: Delivery<'_>,
        now: DateTime<Utc>,
    ) -> Result<Received, Refused> {
        let Some(conn) = self.open(m, WOOCOMMERCE).await? else {
            return Err(Refused::Unknown);
        };
        // A new webhook's ping: form-encoded `webhook_id=…`, no signature, no topic.
        if d.signature.is_none() && d.topic.is_none() && d.body.starts_with(b"webhook_id=") {
            return Ok(Received::Ignored);
        }
        let signed = d.signature.is_some_and(|s| {
            conn.secrets
                .signing_secrets
                .signed(d.body, s, woocommerce_key)
        });
        let site = crate::domain::StoreSite::parse(&conn.shop).ok();
        let same_site = d
            .shop
            .is_some_and(|s| site.as_ref().is_some_and(|site| site.is(s)));
        if !signed || !same_site {
            warn!(merchant_id = %m, signed, same_site, "woocommerce delivery refused");
            return Err(Refused::Unsigned);
        }
        let topic = d.topic.unwrap_or("").trim();
        if !TOPICS.contains(&topic) {
            return Ok(Received::Ignored);
        }
        let order: Option<Order> = serde_json::from_slice(d.body).ok();
        let triggered = order
            .and_then(|o| o.modified_ms())
            .and_then(DateTime::from_timestamp_millis)
            .unwrap_or(now);
        let event = d.event();
        self.queue(m, WOOCOMMERCE, topic, &event, triggered, d.body, now)
            .await
    }

    pub(super) async fn apply_woocommerce(
        &self,
        q: &Queued,
        conn: &Connection,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let m = &q.merchant;
        let Ok(order) = serde_json::from_str::<Order>(&q.body) else {
            warn!(merchant_id = %m, "a woocommerce delivery that is not an order");
            return Ok(());
        };
        if !self.newest(q, format!("o:{}", order.id)).await? {
            return Ok(());
        }
        if order.cancelled() {
            for t in order.trackings() {
                let carrier = super::shopify::carrier(&conn.carrier_names, t.provider());
                let object = format!("o:{}", order.id);
                self.stop_tracking(
                    m,
                    (WOOCOMMERCE, &object),
                    carrier,
                    &[t.tracking_number],
                    now,
                )
                .await?;
            }
            return Ok(());
        }
        let requests = woocommerce::requests(&order, &conn.carrier_names);
        let object = format!("o:{}", order.id);
        self.register_all(m, (WOOCOMMERCE, &object), requests, now)
            .await
    }

    fn rest<'a>(&'a self, conn: &'a Connection) -> Rest<'a> {
        Rest {
            http: &self.sites,
            allow_private: self.allow_private,
            site: &conn.shop,
            key: &conn.secrets.access_token,
            secret: &conn.secrets.consumer_secret,
        }
    }

    pub(super) async fn reconcile_woocommerce(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let mut queued = 0;
        for m in self.store.integrated(WOOCOMMERCE).await? {
            match self.budgeted(self.reconcile_site(&m, now)).await {
                Ok(n) => queued += n,
                Err(e) => {
                    warn!(merchant_id = %m, error = format!("{e:#}"), "woocommerce reconciliation failed; the next run starts from the same moment")
                }
            }
        }
        Ok(queued)
    }

    /// One shop: the orders modified since its last run, with their trackings (read from
    /// the extension's endpoint, at most `MAX_LOOKUPS` a run, where the meta lacks them).
    async fn reconcile_site(&self, m: &MerchantId, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let Some(conn) = self.open(m, WOOCOMMERCE).await? else {
            return Ok(0);
        };
        let since = self.since(m, WOOCOMMERCE, now).await?;
        let rest = self.rest(&conn);
        let orders = rest
            .orders_since(since - Duration::minutes(1), MAX_PAGES)
            .await?;
        let (mut queued, mut lookups) = (0, 0);
        for mut order in orders {
            let shipped = matches!(order.status.as_str(), "processing" | "completed");
            if order.trackings().is_empty() && shipped && lookups < MAX_LOOKUPS {
                lookups += 1;
                match rest.trackings(order.id).await {
                    Ok(t) => order = order.with_trackings(t),
                    Err(e) => {
                        warn!(merchant_id = %m, order = order.id, error = format!("{e:#}"), "the shop's tracking endpoint failed")
                    }
                }
            }
            if order.trackings().is_empty() && !order.cancelled() {
                continue;
            }
            let at = order
                .modified_ms()
                .and_then(DateTime::from_timestamp_millis)
                .unwrap_or(now)
                .min(now);
            let event = format!("reconcile:{}:{}", order.id, at.timestamp_millis());
            let body = serde_json::to_vec(&order)?;
            let got = self.queue(m, WOOCOMMERCE, "order.updated", &event, at, &body, now);
            match got.await {
                Ok(Received::Queued) => queued += 1,
                Ok(_) => {}
                Err(e) => anyhow::bail!("queueing a reconciled delivery: {e:?}"),
            }
        }
        self.store.set_reconciled(m, WOOCOMMERCE, now).await?;
        Ok(queued)
    }
}
