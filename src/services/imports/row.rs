//! A row's cells as the API's shipment request: `(column, text)` pairs from a CSV row or a
//! flat NDJSON object, or an NDJSON line that is the API's own body.

use serde_json::{Map, Value};

use super::columns::{Column, column_of};
use crate::carriers::table::by_name;
use crate::domain::Country;
use crate::services::{
    CustomerRequest, DestinationRequest, ItemRequest, OrderRequest, ShipmentRequest,
};

/// An NDJSON line: the API's own body (`order`, `customer` and `destination` objects) or
/// a flat object with the CSV's column names.
pub fn json_request(line: &str) -> Result<ShipmentRequest, String> {
    let obj: Map<String, Value> =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    if ["order", "customer", "destination"]
        .iter()
        .any(|k| obj.get(*k).is_some_and(Value::is_object))
    {
        return serde_json::from_value(Value::Object(obj))
            .map_err(|e| format!("not a shipment: {e}"));
    }
    let cells: Vec<(Column, String)> = obj
        .iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Array(items) if column_of(k) == Some(Column::Items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(" | "),
                _ => return None,
            };
            Some((column_of(k)?, text))
        })
        .collect();
    flat(cells.iter().map(|(c, t)| (*c, t.as_str())))
}

/// The request of a row's `(column, text)` cells.
pub(super) fn flat<'a>(
    cells: impl Iterator<Item = (Column, &'a str)>,
) -> Result<ShipmentRequest, String> {
    let mut r = ShipmentRequest::default();
    let mut order = OrderRequest::default();
    let mut customer = CustomerRequest::default();
    let mut dest = DestinationRequest::default();
    let mut title = None;
    for (c, text) in cells {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let v = Some(text.to_owned());
        match c {
            Column::TrackingNumber => r.tracking_number = v,
            // A name shipmate does not know: told from the number, as if left out.
            Column::Carrier => r.carrier = by_name(text).map(|c| c.code.to_owned()),
            Column::OrderNumber => order.number = v,
            Column::Title => title = v,
            Column::Items => order.items = items(text)?,
            Column::PromisedBy => order.promised_by = Some(date(text)),
            Column::CustomerName => customer.name = v,
            // Several, comma-separated (AfterShip): the first is the customer's.
            Column::Email => customer.email = first(text),
            Column::Phone => customer.phone = first(text),
            Column::Language => customer.locale = v,
            Column::City => dest.city = v,
            Column::Postcode => dest.postcode = v,
            Column::Country => {
                dest.country = Some(
                    Country::parse_alpha2_or_3(text)
                        .map(|c| c.as_str().to_owned())
                        .unwrap_or_else(|_| text.to_owned()),
                )
            }
            Column::TimeZone => dest.timezone = v,
        }
    }
    if order.items.is_empty()
        && let Some(title) = title
    {
        order.items.push(ItemRequest {
            name: Some(title),
            quantity: Some(1),
        });
    }
    r.order = Some(order);
    let has_customer = customer.name.is_some()
        || customer.email.is_some()
        || customer.phone.is_some()
        || customer.locale.is_some();
    r.customer = has_customer.then_some(customer);
    r.destination = Some(dest);
    Ok(r)
}

fn first(text: &str) -> Option<String> {
    text.split(',')
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_owned)
}

/// `2026-12-01`, or AfterShip's `20261201`.
fn date(text: &str) -> String {
    let compact = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit());
    if compact {
        format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])
    } else {
        text.to_owned()
    }
}

/// `Blue mug x 2 | Tea towel`: items split by `|`, each with an optional `x N` (or `× N`).
fn items(text: &str) -> Result<Vec<ItemRequest>, String> {
    text.split('|')
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(|item| {
            let split = item
                .rsplit_once(" x ")
                .or_else(|| item.rsplit_once(" × "))
                .filter(|(_, n)| n.trim().bytes().all(|b| b.is_ascii_digit()));
            match split {
                Some((name, n)) => {
                    let quantity = n
                        .trim()
                        .parse::<u32>()
                        .map_err(|_| format!("items: {n:?} is not a quantity"))?;
                    Ok(ItemRequest {
                        name: Some(name.trim().to_owned()),
                        quantity: Some(quantity),
                    })
                }
                None => Ok(ItemRequest {
                    name: Some(item.to_owned()),
                    quantity: Some(1),
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::imports::columns::Header;

    fn header(names: &[&str]) -> Header {
        Header::read(names.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    fn row(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn items_with_quantities() {
        let h = header(&["tracking_number", "items"]);
        let r = h
            .request(&row(&["1", "Blue mug x 2 | Tea towel|  Box × 3 "]))
            .unwrap();
        let items = r.order.unwrap().items;
        let got: Vec<_> = items
            .iter()
            .map(|i| (i.name.clone().unwrap(), i.quantity.unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Blue mug".into(), 2),
                ("Tea towel".into(), 1),
                ("Box".into(), 3)
            ]
        );
    }

    #[test]
    fn ndjson_lines_are_flat_columns_or_the_api_body() {
        let flat = json_request(
            r#"{"tracking_number":"1Z1","order_number":1001,"items":["Mug x 2","Towel"],"phone":"+5511987654321","extra":{"a":1}}"#,
        )
        .unwrap();
        assert_eq!(flat.order.as_ref().unwrap().number.as_deref(), Some("1001"));
        assert_eq!(flat.order.as_ref().unwrap().items.len(), 2);
        let api = json_request(
            r#"{"tracking_number":"1Z1","order":{"number":"A-1","items":[{"name":"Mug","quantity":2}]}}"#,
        )
        .unwrap();
        assert_eq!(api.order.unwrap().items[0].quantity, Some(2));
        assert!(
            json_request("[1,2]")
                .unwrap_err()
                .starts_with("not a JSON object")
        );
        assert!(
            json_request(r#"{"order":{"number":5}}"#)
                .unwrap_err()
                .starts_with("not a shipment")
        );
    }
}
