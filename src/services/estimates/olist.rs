//! The Olist order files (Kaggle `olistbr/brazilian-ecommerce`, CC BY-NC-SA 4.0; read in
//! place, never copied): each delivered order with a carrier hand-over, a delivery and a
//! promise becomes a parcel, its lane the seller's state → the customer's state.
//! Timestamps are Brazil's local time (`YYYY-MM-DD HH:MM:SS`).

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::America::Sao_Paulo;

/// One delivered order as the estimator sees it.
#[derive(Debug, Clone)]
pub struct Parcel {
    pub handed_over: DateTime<Utc>,
    pub delivered: DateTime<Utc>,
    pub promised: DateTime<Utc>,
    /// The seller's state, the customer's state, the customer's postcode's first two
    /// digits; the seller.
    pub origin: String,
    pub destination: String,
    pub area: String,
    pub seller: String,
}

/// Rows of a CSV file as (header → field) maps.
fn rows(dir: &Path, file: &str) -> anyhow::Result<Vec<HashMap<String, String>>> {
    let path = dir.join(file);
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut reader = csv_core::Reader::new();
    let (mut input, mut records) = (&bytes[..], vec![]);
    let (mut field, mut fields) = (vec![0u8; 4096], vec![]);
    let mut len = 0;
    loop {
        let (result, read, written) = reader.read_field(input, &mut field[len..]);
        input = &input[read..];
        len += written;
        match result {
            csv_core::ReadFieldResult::OutputFull => field.resize(field.len() * 2, 0),
            csv_core::ReadFieldResult::InputEmpty => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                fields.push(String::from_utf8_lossy(&field[..len]).trim().to_owned());
                len = 0;
                if record_end {
                    records.push(std::mem::take(&mut fields));
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    let mut records = records.into_iter();
    let header = records.next().context("an empty file")?;
    Ok(records
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect())
}

fn local(raw: Option<&String>) -> Option<DateTime<Utc>> {
    let t = NaiveDateTime::parse_from_str(raw?, "%Y-%m-%d %H:%M:%S").ok()?;
    Some(
        Sao_Paulo
            .from_local_datetime(&t)
            .earliest()?
            .with_timezone(&Utc),
    )
}

/// The delivered parcels of the files in `dir`, in no particular order.
pub fn parcels(dir: &Path) -> anyhow::Result<Vec<Parcel>> {
    let by = |file: &str, key: &str| -> anyhow::Result<HashMap<String, HashMap<String, String>>> {
        Ok(rows(dir, file)?
            .into_iter()
            .filter_map(|r| Some((r.get(key)?.clone(), r)))
            .collect())
    };
    let customers = by("olist_customers_dataset.csv", "customer_id")?;
    let sellers = by("olist_sellers_dataset.csv", "seller_id")?;
    // An order's first item names its seller.
    let mut seller_of: HashMap<String, String> = HashMap::new();
    for item in rows(dir, "olist_order_items_dataset.csv")? {
        if let (Some(order), Some(seller)) = (item.get("order_id"), item.get("seller_id")) {
            seller_of
                .entry(order.clone())
                .or_insert_with(|| seller.clone());
        }
    }
    let mut parcels = vec![];
    for o in rows(dir, "olist_orders_dataset.csv")? {
        if o.get("order_status").map(String::as_str) != Some("delivered") {
            continue;
        }
        let field = |k: &str| o.get(k);
        let seller = field("order_id")
            .and_then(|id| seller_of.get(id))
            .and_then(|s| sellers.get(s));
        let customer = field("customer_id").and_then(|c| customers.get(c));
        let (Some(seller), Some(customer)) = (seller, customer) else {
            continue;
        };
        let times = (
            local(field("order_delivered_carrier_date")),
            local(field("order_delivered_customer_date")),
            local(field("order_estimated_delivery_date")),
        );
        let (Some(handed_over), Some(delivered), Some(promised)) = times else {
            continue;
        };
        let text = |r: &HashMap<String, String>, k: &str| r.get(k).cloned().unwrap_or_default();
        parcels.push(Parcel {
            handed_over,
            delivered,
            promised,
            origin: text(seller, "seller_state"),
            destination: text(customer, "customer_state"),
            area: text(customer, "customer_zip_code_prefix")
                .chars()
                .take(2)
                .collect(),
            seller: text(seller, "seller_id"),
        });
    }
    Ok(parcels)
}
