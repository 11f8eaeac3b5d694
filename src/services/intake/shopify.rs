//! Shopify as a source of parcels: the fulfillment and order resources as webhooks and the
//! Admin REST API send them (fields as in Shopify's REST reference; only what shipmate
//! reads), the requests each fulfillment makes, and the Admin API calls (an order; the
//! orders changed since a moment, page by page).

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{CarrierNames, ShopDomain};
use crate::outbound;
use crate::services::{
    CustomerRequest, DestinationRequest, ItemRequest, OrderRequest, ShipmentRequest,
};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Fulfillment {
    pub id: u64,
    pub order_id: u64,
    /// `pending`, `open`, `success`, `cancelled`, `error`, `failure`.
    pub status: String,
    /// `#1001.1`: the order's name and the fulfillment's number.
    pub name: String,
    pub tracking_company: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_numbers: Vec<String>,
    pub line_items: Vec<LineItem>,
    pub destination: Option<Address>,
    pub email: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LineItem {
    pub title: String,
    pub quantity: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub city: Option<String>,
    pub zip: Option<String>,
    pub country_code: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Order {
    pub id: u64,
    /// `#1001`.
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub customer_locale: Option<String>,
    pub customer: Option<Customer>,
    pub shipping_address: Option<Address>,
    pub fulfillments: Vec<Fulfillment>,
}

#[derive(Deserialize)]
struct OrderEnvelope {
    order: Order,
}

#[derive(Deserialize)]
struct OrdersPage {
    orders: Vec<Order>,
}

impl Fulfillment {
    pub fn cancelled(&self) -> bool {
        self.status == "cancelled"
    }

    /// Its tracking numbers, each once.
    pub fn numbers(&self) -> Vec<String> {
        let mut all: Vec<String> = self.tracking_numbers.clone();
        all.extend(self.tracking_number.clone());
        let mut seen = vec![];
        for n in all
            .into_iter()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
        {
            if !seen.contains(&n) {
                seen.push(n);
            }
        }
        seen
    }

    /// Whether the webhook carries whom and where to, so the order need not be read.
    pub fn addressed(&self) -> bool {
        self.email.is_some() && self.destination.is_some()
    }
}

/// The carrier the store names, as a code: the merchant's own names first, then the names
/// shipmate knows; `None` (told from the number) for a name neither knows.
pub fn carrier(names: &CarrierNames, company: Option<&str>) -> Option<String> {
    let company = company?.trim();
    names
        .get(company)
        .map(|c| c.to_string())
        .or_else(|| crate::carriers::table::by_name(company).map(|c| c.code.to_owned()))
}

/// The shipments a fulfillment makes, one per tracking number (`order`: read from the
/// Admin API when the webhook lacked the customer or destination).
pub fn requests(
    f: &Fulfillment,
    order: Option<&Order>,
    names: &CarrierNames,
) -> Vec<ShipmentRequest> {
    let number = order
        .map(|o| o.name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| match f.name.rsplit_once('.') {
            Some((order, n)) if n.bytes().all(|b| b.is_ascii_digit()) => order.to_owned(),
            _ => f.name.clone(),
        });
    let address = f
        .destination
        .clone()
        .or_else(|| order.and_then(|o| o.shipping_address.clone()))
        .unwrap_or_default();
    let customer = order.and_then(|o| o.customer.clone()).unwrap_or_default();
    let email = f
        .email
        .clone()
        .or_else(|| order.and_then(|o| o.email.clone()))
        .or(customer.email);
    let phone = address
        .phone
        .clone()
        .or_else(|| order.and_then(|o| o.phone.clone()))
        .or(customer.phone);
    let name = address.first_name.clone().or(customer.first_name);
    let items = f
        .line_items
        .iter()
        .map(|i| ItemRequest {
            name: Some(i.title.clone()),
            quantity: Some(i.quantity.max(1)),
        })
        .collect::<Vec<_>>();
    f.numbers()
        .into_iter()
        .map(|n| ShipmentRequest {
            tracking_number: Some(n),
            carrier: carrier(names, f.tracking_company.as_deref()),
            order: Some(OrderRequest {
                number: Some(number.clone()),
                promised_by: None,
                items: items.clone(),
            }),
            customer: Some(CustomerRequest {
                name: name.clone(),
                email: email.clone(),
                phone: phone.clone(),
                locale: order.and_then(|o| o.customer_locale.clone()),
            }),
            destination: Some(DestinationRequest {
                city: address.city.clone(),
                postcode: address.zip.clone(),
                country: address.country_code.clone(),
                timezone: None,
            }),
        })
        .collect()
}

/// For the fuzzer: a webhook body read as a fulfillment, its requests made and checked;
/// how many are valid input, `None` when the body is not a fulfillment.
pub fn requests_for_fuzzing(body: &[u8]) -> Option<usize> {
    let f: Fulfillment = serde_json::from_slice(body).ok()?;
    let order: Option<Order> = serde_json::from_slice(body).ok();
    let all = requests(&f, order.as_ref(), &CarrierNames::default());
    assert_eq!(all.len(), f.numbers().len());
    Some(
        all.into_iter()
            .filter(|r| crate::services::NewShipmentInput::try_from(r.clone()).is_ok())
            .count(),
    )
}

/// A store's Admin REST API.
pub struct Admin<'a> {
    pub http: &'a reqwest::Client,
    pub base: String,
    pub version: &'a str,
    pub token: &'a str,
}

impl<'a> Admin<'a> {
    pub fn new(
        http: &'a reqwest::Client,
        url: &str,
        shop: &ShopDomain,
        version: &'a str,
        token: &'a str,
    ) -> Self {
        Admin {
            http,
            base: url.replace("{shop}", shop.as_str()),
            version,
            token,
        }
    }

    async fn get(&self, url: &str) -> anyhow::Result<(Vec<u8>, Option<String>)> {
        let resp = self
            .http
            .get(url)
            .header("X-Shopify-Access-Token", self.token)
            .send()
            .await?;
        if let Some(wait) = outbound::retry_after(&resp).filter(|_| resp.status() == 429) {
            anyhow::bail!("the store asks to wait {} s", wait.as_secs());
        }
        anyhow::ensure!(
            resp.status().is_success(),
            "the store answered {}",
            resp.status()
        );
        let next = resp
            .headers()
            .get("link")
            .and_then(|l| l.to_str().ok())
            .and_then(next_link);
        let body = outbound::read_capped(resp, outbound::max_response_bytes())
            .await
            .map_err(|e| anyhow::anyhow!("reading the store's answer: {e:?}"))?;
        Ok((body, next))
    }

    pub async fn order(&self, id: u64) -> anyhow::Result<Order> {
        let url = format!("{}/admin/api/{}/orders/{id}.json", self.base, self.version);
        let (body, _) = self.get(&url).await?;
        Ok(serde_json::from_slice::<OrderEnvelope>(&body)?.order)
    }

    /// Orders updated since `since`, every page (at most `max_pages` of 250).
    pub async fn orders_since(
        &self,
        since: DateTime<Utc>,
        max_pages: usize,
    ) -> anyhow::Result<Vec<Order>> {
        let mut url = format!(
            "{}/admin/api/{}/orders.json?status=any&limit=250&updated_at_min={}",
            self.base,
            self.version,
            since
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                .replace('+', "%2B")
        );
        let mut all = vec![];
        for _ in 0..max_pages {
            let (body, next) = self.get(&url).await?;
            all.extend(serde_json::from_slice::<OrdersPage>(&body)?.orders);
            match next {
                Some(n) => url = n,
                None => break,
            }
        }
        Ok(all)
    }
}

/// The `rel="next"` URL of a `Link` header (Shopify's cursor pagination).
fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (url, rel) = part.split_once(';')?;
        rel.contains("rel=\"next\"").then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
    })
}

/// How long one request to a store may take.
pub fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    outbound::client(timeout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fulfillment_makes_one_request_per_number() {
        let f: Fulfillment = serde_json::from_value(serde_json::json!({
            "id": 255858046, "order_id": 450789469, "status": "success", "name": "#1001.1",
            "tracking_company": "UPS", "tracking_number": "1Z2345", "tracking_numbers": ["1Z2345", "1Z6789"],
            "line_items": [{"title": "IPod Nano - 8gb", "quantity": 1}]
        }))
        .unwrap();
        assert!(!f.addressed());
        let order: Order = serde_json::from_value(serde_json::json!({
            "id": 450789469, "name": "#1001", "email": "bob.norman@mail.example.com", "customer_locale": "en",
            "shipping_address": {"first_name": "Bob", "city": "Louisville", "zip": "40202", "country_code": "US", "phone": "+15555555555"}
        }))
        .unwrap();
        let r = requests(&f, Some(&order), &CarrierNames::default());
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].tracking_number.as_deref(), Some("1Z6789"));
        assert_eq!(r[0].carrier.as_deref(), Some("ups"));
        assert_eq!(
            r[0].order.as_ref().unwrap().number.as_deref(),
            Some("#1001")
        );
        let c = r[0].customer.as_ref().unwrap();
        assert_eq!(
            (c.name.as_deref(), c.email.as_deref()),
            (Some("Bob"), Some("bob.norman@mail.example.com"))
        );
        assert_eq!(
            r[0].destination.as_ref().unwrap().country.as_deref(),
            Some("US")
        );
        // Without the order: the number from the fulfillment's name.
        let alone = requests(&f, None, &CarrierNames::default());
        assert_eq!(
            alone[0].order.as_ref().unwrap().number.as_deref(),
            Some("#1001")
        );
    }

    #[test]
    fn the_next_page_is_read_from_the_link_header() {
        let link = r#"<https://acme.myshopify.com/admin/api/2025-01/orders.json?page_info=abc&limit=250>; rel="next", <https://x/prev>; rel="previous""#;
        assert_eq!(
            next_link(link).as_deref(),
            Some(
                "https://acme.myshopify.com/admin/api/2025-01/orders.json?page_info=abc&limit=250"
            )
        );
        assert_eq!(next_link(r#"<https://x/prev>; rel="previous""#), None);
    }
}
