//! WooCommerce as a source of parcels: the order resource as its webhooks and REST API send
//! it (fields of `/wc/v3/orders`; only what shipmate reads), the tracking numbers the
//! Shipment Tracking extension (and AST) keep in the order's `_wc_shipment_tracking_items`
//! meta, the requests they make, and the REST calls (orders modified since a moment; one
//! order's trackings from the extension's own endpoint).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shopify::carrier;
use crate::domain::CarrierNames;
use crate::outbound;
use crate::services::{
    CustomerRequest, DestinationRequest, ItemRequest, OrderRequest, ShipmentRequest,
};

/// The order meta the Shipment Tracking extension keeps its items in.
pub const TRACKING_META: &str = "_wc_shipment_tracking_items";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    pub id: u64,
    pub number: String,
    /// `pending`, `processing`, `on-hold`, `completed`, `cancelled`, `refunded`, `failed`.
    pub status: String,
    /// `2026-12-01T10:00:00`, UTC.
    pub date_modified_gmt: Option<String>,
    pub billing: Contact,
    pub shipping: Contact,
    pub line_items: Vec<Item>,
    pub meta_data: Vec<Meta>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub first_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub postcode: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Item {
    pub name: String,
    pub quantity: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub key: String,
    pub value: Value,
}

/// One item of `_wc_shipment_tracking_items`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Tracking {
    pub tracking_provider: String,
    pub custom_tracking_provider: String,
    pub tracking_number: String,
}

impl Order {
    /// Cancelled, refunded or failed: its parcels stop being tracked.
    pub fn cancelled(&self) -> bool {
        matches!(self.status.as_str(), "cancelled" | "refunded" | "failed")
    }

    /// When it was last changed (ms), if it says.
    pub fn modified_ms(&self) -> Option<i64> {
        let at = self.date_modified_gmt.as_deref()?;
        let naive =
            NaiveDateTime::parse_from_str(at.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S").ok()?;
        Some(naive.and_utc().timestamp_millis())
    }

    /// Its tracking items, as the extension keeps them in the order's meta.
    pub fn trackings(&self) -> Vec<Tracking> {
        self.meta_data
            .iter()
            .filter(|m| m.key == TRACKING_META)
            .filter_map(|m| serde_json::from_value::<Vec<Tracking>>(m.value.clone()).ok())
            .flatten()
            .filter(|t| !t.tracking_number.trim().is_empty())
            .collect()
    }

    /// The order with `trackings` in its meta (read from the extension's endpoint).
    pub fn with_trackings(mut self, trackings: Vec<Tracking>) -> Order {
        self.meta_data.retain(|m| m.key != TRACKING_META);
        self.meta_data.push(Meta {
            key: TRACKING_META.into(),
            value: serde_json::to_value(trackings).unwrap_or_default(),
        });
        self
    }
}

impl Tracking {
    /// The carrier it names: the custom provider's name if set, else the provider's.
    pub fn provider(&self) -> Option<&str> {
        [&self.custom_tracking_provider, &self.tracking_provider]
            .into_iter()
            .map(|p| p.trim())
            .find(|p| !p.is_empty())
    }
}

/// The shipments an order's tracking items make, one per number.
pub fn requests(o: &Order, names: &CarrierNames) -> Vec<ShipmentRequest> {
    let pick = |a: &Option<String>, b: &Option<String>| {
        a.clone()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| b.clone())
    };
    let items: Vec<ItemRequest> = o
        .line_items
        .iter()
        .map(|i| ItemRequest {
            name: Some(i.name.clone()),
            quantity: Some(u32::try_from(i.quantity.max(1)).unwrap_or(1)),
        })
        .collect();
    let number = if o.number.is_empty() {
        o.id.to_string()
    } else {
        o.number.clone()
    };
    o.trackings()
        .into_iter()
        .map(|t| ShipmentRequest {
            tracking_number: Some(t.tracking_number.trim().to_owned()),
            carrier: carrier(names, t.provider()),
            order: Some(OrderRequest {
                number: Some(number.clone()),
                promised_by: None,
                items: items.clone(),
            }),
            customer: Some(CustomerRequest {
                name: pick(&o.shipping.first_name, &o.billing.first_name),
                email: o.billing.email.clone().filter(|e| !e.trim().is_empty()),
                phone: pick(&o.shipping.phone, &o.billing.phone),
                locale: None,
            }),
            destination: Some(DestinationRequest {
                city: pick(&o.shipping.city, &o.billing.city),
                postcode: pick(&o.shipping.postcode, &o.billing.postcode),
                country: pick(&o.shipping.country, &o.billing.country),
                timezone: None,
            }),
        })
        .collect()
}

/// A shop's REST API (basic authentication with the consumer key and secret).
pub struct Rest<'a> {
    pub http: &'a reqwest::Client,
    /// Whether the site may be a private address literal (never, but in tests).
    pub allow_private: bool,
    pub site: &'a str,
    pub key: &'a str,
    pub secret: &'a str,
}

impl Rest<'_> {
    async fn get(&self, url: &str) -> anyhow::Result<Vec<u8>> {
        // The public-only resolver never sees an address literal: refused here.
        outbound::refuse_private_literal(&url::Url::parse(url)?, self.allow_private)
            .map_err(anyhow::Error::msg)?;
        let resp = self
            .http
            .get(url)
            .basic_auth(self.key, Some(self.secret))
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_success(),
            "the shop answered {}",
            resp.status()
        );
        outbound::read_capped(resp, outbound::max_response_bytes())
            .await
            .map_err(|e| anyhow::anyhow!("reading the shop's answer: {e:?}"))
    }

    /// Orders modified since `since`, page by page (at most `max_pages` of 100).
    pub async fn orders_since(
        &self,
        since: DateTime<Utc>,
        max_pages: usize,
    ) -> anyhow::Result<Vec<Order>> {
        let after = since.format("%Y-%m-%dT%H:%M:%S");
        let mut all = vec![];
        for page in 1..=max_pages {
            let url = format!(
                "{}/wp-json/wc/v3/orders?modified_after={after}&dates_are_gmt=true&per_page=100&page={page}",
                self.site
            );
            let orders: Vec<Order> = serde_json::from_slice(&self.get(&url).await?)?;
            let last = orders.len() < 100;
            all.extend(orders);
            if last {
                break;
            }
        }
        Ok(all)
    }

    /// An order's tracking items from the extension's endpoint.
    pub async fn trackings(&self, order: u64) -> anyhow::Result<Vec<Tracking>> {
        let url = format!(
            "{}/wp-json/wc-shipment-tracking/v3/orders/{order}/shipment-trackings",
            self.site
        );
        Ok(serde_json::from_slice(&self.get(&url).await?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_orders_tracking_items_make_its_requests() {
        let o: Order = serde_json::from_value(serde_json::json!({
            "id": 727, "number": "727", "status": "completed", "date_modified_gmt": "2026-12-01T10:00:00",
            "billing": {"first_name": "John", "email": "john.doe@example.com", "phone": "(555) 555-5555", "city": "San Francisco", "postcode": "94103", "country": "US"},
            "shipping": {"first_name": "John", "city": "San Francisco", "postcode": "94103", "country": "US"},
            "line_items": [{"name": "Woo Single #1", "quantity": 2}],
            "meta_data": [{"id": 1, "key": "_wc_shipment_tracking_items", "value": [
                {"tracking_provider": "usps", "custom_tracking_provider": "", "tracking_number": "9400111899223197428490", "date_shipped": 1700000000, "tracking_id": "a1"},
                {"tracking_provider": "", "custom_tracking_provider": "Acme Post", "tracking_number": "AP123", "date_shipped": "1700000000"}
            ]}]
        }))
        .unwrap();
        assert_eq!(o.modified_ms(), Some(1_796_119_200_000));
        let names =
            CarrierNames::parse(&[("acme post".to_owned(), "dhl".to_owned())].into()).unwrap();
        let r = requests(&o, &names);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].carrier.as_deref(), Some("usps"));
        assert_eq!(r[1].carrier.as_deref(), Some("dhl"));
        assert_eq!(r[0].order.as_ref().unwrap().items[0].quantity, Some(2));
        assert_eq!(
            r[0].customer.as_ref().unwrap().email.as_deref(),
            Some("john.doe@example.com")
        );
        assert!(!o.cancelled());
        assert_eq!(o.clone().with_trackings(vec![]).trackings().len(), 0);
    }
}
