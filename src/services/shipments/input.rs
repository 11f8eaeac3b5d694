//! The merchant API's shipment request: parsed into domain types, every bad field reported
//! at once.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

use super::NewShipmentInput;
use crate::domain::{
    CarrierCode, Country, Customer, Destination, EmailAddress, Invalid, Item, Locale, Order,
    PhoneNumber, TimeZone, TrackingNumber,
};
use crate::services::FieldError;

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct ShipmentRequest {
    pub tracking_number: Option<String>,
    pub carrier: Option<String>,
    pub order: Option<OrderRequest>,
    pub customer: Option<CustomerRequest>,
    pub destination: Option<DestinationRequest>,
}

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct OrderRequest {
    pub number: Option<String>,
    pub promised_by: Option<String>,
    pub items: Vec<ItemRequest>,
}

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct ItemRequest {
    pub name: Option<String>,
    pub quantity: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct CustomerRequest {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct DestinationRequest {
    pub city: Option<String>,
    pub postcode: Option<String>,
    pub country: Option<String>,
    pub timezone: Option<String>,
}

/// Collects field errors while parsing.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: &str, msg: impl Into<String>) {
        self.0.push(FieldError::new(field, msg));
    }

    /// A trimmed optional string of at most `max` characters.
    fn text(&mut self, field: &str, v: Option<String>, max: usize) -> Option<String> {
        let v = v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())?;
        if v.chars().count() > max || v.chars().any(char::is_control) {
            self.add(
                field,
                format!("at most {max} characters, no control characters"),
            );
            return None;
        }
        Some(v)
    }

    /// A trimmed optional string of at most `max` characters, parsed by `parse`.
    fn parsed<T>(
        &mut self,
        field: &str,
        v: Option<String>,
        max: usize,
        parse: impl FnOnce(&str) -> Result<T, Invalid>,
    ) -> Option<T> {
        let v = self.text(field, v, max)?;
        parse(&v).map_err(|err| self.add(field, err.0)).ok()
    }
}

impl TryFrom<ShipmentRequest> for NewShipmentInput {
    type Error = Vec<FieldError>;

    fn try_from(r: ShipmentRequest) -> Result<Self, Self::Error> {
        let mut e = Errors::default();
        let tracking_number = match r.tracking_number.as_deref().map(TrackingNumber::parse) {
            Some(Ok(n)) => Some(n),
            Some(Err(err)) => {
                e.add("tracking_number", err.0);
                None
            }
            None => {
                e.add("tracking_number", "required");
                None
            }
        };
        // No carrier: detected from the number.
        let carrier = match r
            .carrier
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(CarrierCode::parse)
        {
            Some(Ok(c)) => Some(Some(c)),
            Some(Err(err)) => {
                e.add("carrier", err.0);
                None
            }
            None => Some(None),
        };
        let o = r.order.unwrap_or_default();
        let number = e.text("order.number", o.number, 64);
        if number.is_none() && !e.0.iter().any(|f| f.field == "order.number") {
            e.add("order.number", "required");
        }
        let promised_by =
            o.promised_by
                .and_then(|d| match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        e.add("order.promised_by", "a date like 2026-12-01");
                        None
                    }
                });
        if o.items.len() > 100 {
            e.add("order.items", "at most 100 items");
        }
        let mut items = vec![];
        for (i, item) in o.items.into_iter().take(100).enumerate() {
            let name = e.text(&format!("order.items[{i}].name"), item.name, 200);
            let quantity = item.quantity.unwrap_or(1);
            if quantity == 0 {
                e.add(&format!("order.items[{i}].quantity"), "at least 1");
            }
            let field = format!("order.items[{i}].name");
            match name {
                Some(name) => items.push(Item { name, quantity }),
                None if !e.0.iter().any(|f| f.field == field) => e.add(&field, "required"),
                None => {}
            }
        }
        let customer = r.customer.and_then(|c| parse_customer(&mut e, c));
        let destination = parse_destination(&mut e, r.destination.unwrap_or_default());
        match (e.0.is_empty(), tracking_number, carrier, number) {
            (true, Some(tracking_number), Some(carrier), Some(number)) => Ok(NewShipmentInput {
                carrier,
                tracking_number,
                order: Order {
                    number,
                    promised_by,
                    items,
                },
                customer,
                destination,
            }),
            _ => Err(e.0),
        }
    }
}

fn parse_destination(e: &mut Errors, d: DestinationRequest) -> Destination {
    let country = e.parsed("destination.country", d.country, 2, Country::parse);
    let timezone = e.parsed("destination.timezone", d.timezone, 64, |z| {
        TimeZone::parse(z)
            .map_err(|_| Invalid::new("not an IANA time zone such as America/Sao_Paulo"))
    });
    Destination {
        city: e.text("destination.city", d.city, 100),
        postcode: e.text("destination.postcode", d.postcode, 16),
        country,
        timezone,
    }
}

fn parse_customer(e: &mut Errors, c: CustomerRequest) -> Option<Customer> {
    let name = e.text("customer.name", c.name, 100).unwrap_or_default();
    let email =
        c.email
            .filter(|m| !m.trim().is_empty())
            .and_then(|m| match EmailAddress::parse(&m) {
                Ok(m) => Some(m),
                Err(err) => {
                    e.add("customer.email", err.0);
                    None
                }
            });
    let phone = e.parsed("customer.phone", c.phone, 20, PhoneNumber::parse);
    let locale = e.parsed("customer.locale", c.locale, 35, |l| {
        Locale::parse(l).map_err(|_| Invalid::new("not a language tag such as pt-BR"))
    });
    Some(Customer {
        name,
        email,
        phone,
        locale,
    })
}
