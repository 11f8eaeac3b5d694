//! Shopify as a source of parcels: the fulfillment and order resources as webhooks and the
//! Admin REST API send them (fields as in Shopify's REST reference; only what shipmate
//! reads) and the requests each fulfillment makes. The Admin API calls are in
//! `shopify_admin.rs`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::CarrierNames;
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
pub(super) struct OrderEnvelope {
    pub order: Order,
}

#[derive(Deserialize)]
pub(super) struct OrdersPage {
    pub orders: Vec<Order>,
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
}
