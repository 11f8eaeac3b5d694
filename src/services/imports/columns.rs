//! What an import's columns mean: AfterShip's names as they are (`tracking_number`,
//! `courier`, `order_id`, `title`, `customer_name`, `email`, `sms`/`phone`,
//! `destination_country` alpha-2 or alpha-3, …) and ours (`carrier`, `order_number`,
//! `promised_by`, `language`, `items`), into the API's shipment request — so a row is
//! checked exactly as `POST /shipments` checks a body (`row.rs` builds it). Unknown columns
//! are ignored and named.

use super::reader::uncell;
use crate::services::ShipmentRequest;

/// A column shipmate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    TrackingNumber,
    Carrier,
    OrderNumber,
    Title,
    Items,
    PromisedBy,
    CustomerName,
    Email,
    Phone,
    Language,
    City,
    Postcode,
    Country,
    TimeZone,
}

/// Names each column is known by (lower case, `_` for spaces), the first ours.
const NAMES: [(Column, &[&str]); 14] = [
    (
        Column::TrackingNumber,
        &["tracking_number", "tracking", "tracking_no"],
    ),
    (
        Column::Carrier,
        &["carrier", "courier", "slug", "tracking_company"],
    ),
    (
        Column::OrderNumber,
        &["order_number", "order_id", "order", "order_name"],
    ),
    (Column::Title, &["title"]),
    (Column::Items, &["items"]),
    (
        Column::PromisedBy,
        &[
            "promised_by",
            "promised_date",
            "order_promised_delivery_date",
        ],
    ),
    (
        Column::CustomerName,
        &["customer_name", "name", "recipient"],
    ),
    (Column::Email, &["email", "emails", "customer_email"]),
    (Column::Phone, &["phone", "sms", "smses", "customer_phone"]),
    (Column::Language, &["language", "locale"]),
    (Column::City, &["destination_city", "city"]),
    (
        Column::Postcode,
        &[
            "destination_postal_code",
            "postcode",
            "postal_code",
            "tracking_postal_code",
            "zip",
        ],
    ),
    (
        Column::Country,
        &[
            "destination_country",
            "country",
            "destination_country_iso3",
            "tracking_destination_country",
        ],
    ),
    (
        Column::TimeZone,
        &["destination_timezone", "timezone", "time_zone"],
    ),
];

pub(super) fn column_of(name: &str) -> Option<Column> {
    let name = name.trim().to_lowercase().replace([' ', '-'], "_");
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&name.as_str()))
        .map(|(c, _)| *c)
}

/// A file's header, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The column at each position (`None`: ignored).
    columns: Vec<Option<Column>>,
    /// The names as the file spells them.
    pub names: Vec<String>,
}

impl Header {
    /// A header row; `Err` says what is wrong with it.
    pub fn read(names: Vec<String>) -> Result<Header, String> {
        let names: Vec<String> = names.iter().map(|n| uncell(n).trim().to_owned()).collect();
        let columns: Vec<Option<Column>> = names.iter().map(|n| column_of(n)).collect();
        if !columns.contains(&Some(Column::TrackingNumber)) {
            return Err(format!(
                "the first row names no tracking_number column (it has: {})",
                names.join(", ")
            ));
        }
        for (i, c) in columns.iter().enumerate() {
            if let Some(c) = c
                && columns[..i].contains(&Some(*c))
            {
                return Err(format!("two columns mean the same: {:?}", names[i]));
            }
        }
        Ok(Header { columns, names })
    }

    /// Columns shipmate does not read.
    pub fn ignored(&self) -> Vec<String> {
        self.names
            .iter()
            .zip(&self.columns)
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The name the file gives `c`, else ours (for reasons).
    fn name_of(&self, c: Column) -> &str {
        self.columns
            .iter()
            .position(|x| *x == Some(c))
            .map(|i| self.names[i].as_str())
            .unwrap_or_else(|| {
                NAMES
                    .iter()
                    .find(|(x, _)| *x == c)
                    .map_or("", |(_, n)| n[0])
            })
    }

    /// A CSV row as the API's request; `Err` when it has more fields than the header.
    pub fn request(&self, fields: &[String]) -> Result<ShipmentRequest, String> {
        if fields.len() > self.columns.len() {
            return Err(format!(
                "{} fields where the first row names {} columns",
                fields.len(),
                self.columns.len()
            ));
        }
        let cells = self
            .columns
            .iter()
            .zip(fields)
            .filter_map(|(c, f)| Some((((*c)?), uncell(f))));
        super::row::flat(cells)
    }

    /// A row's field errors (`order.number: required`) named as the file names them.
    pub fn reason(&self, errors: &[crate::services::FieldError]) -> String {
        reason(errors, |c| self.name_of(c).to_owned())
    }
}

/// The field errors of a row, each named by `name` where it is a column.
pub fn reason(errors: &[crate::services::FieldError], name: impl Fn(Column) -> String) -> String {
    errors
        .iter()
        .map(|e| {
            let field = match e.field.as_str() {
                "tracking_number" => name(Column::TrackingNumber),
                "carrier" => name(Column::Carrier),
                "order.number" => name(Column::OrderNumber),
                "order.promised_by" => name(Column::PromisedBy),
                "customer.name" => name(Column::CustomerName),
                "customer.email" => name(Column::Email),
                "customer.phone" => name(Column::Phone),
                "customer.locale" => name(Column::Language),
                "destination.city" => name(Column::City),
                "destination.postcode" => name(Column::Postcode),
                "destination.country" => name(Column::Country),
                "destination.timezone" => name(Column::TimeZone),
                f if f.starts_with("order.items") => name(Column::Items),
                f => f.to_owned(),
            };
            format!("{field}: {}", e.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::NewShipmentInput;

    fn header(names: &[&str]) -> Header {
        Header::read(names.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    fn row(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn aftership_columns_read_as_a_shipment() {
        let h = header(&[
            "Tracking Number",
            "courier",
            "order_id",
            "title",
            "customer_name",
            "email",
            "sms",
            "destination_country",
            "order_promised_delivery_date",
            "custom_field",
        ]);
        assert_eq!(h.ignored(), vec!["custom_field"]);
        let r = h
            .request(&row(&[
                "1Z999AA10123456784",
                "ups",
                "#1001",
                "Blue mug",
                "Ana Lima",
                "ana@example.com, other@example.com",
                "'+5511987654321",
                "BRA",
                "20261201",
                "x",
            ]))
            .unwrap();
        let input = NewShipmentInput::try_from(r).unwrap();
        assert_eq!(input.tracking_number.as_str(), "1Z999AA10123456784");
        assert_eq!(input.carrier.unwrap().as_str(), "ups");
        assert_eq!(input.order.number, "#1001");
        assert_eq!(input.order.items[0].name, "Blue mug");
        assert_eq!(input.order.promised_by.unwrap().to_string(), "2026-12-01");
        let c = input.customer.unwrap();
        assert_eq!(c.email.unwrap().as_str(), "ana@example.com");
        assert_eq!(c.phone.unwrap().as_str(), "+5511987654321");
        assert_eq!(input.destination.country.unwrap().as_str(), "BR");
    }

    #[test]
    fn bad_rows_say_why_in_the_files_own_names() {
        let h = header(&[
            "tracking_number",
            "order_id",
            "email",
            "destination_country",
        ]);
        let r = h.request(&row(&["", "", "not-mail", "Brazil"])).unwrap();
        let Err(errors) = NewShipmentInput::try_from(r) else {
            panic!()
        };
        let reason = h.reason(&errors);
        assert!(reason.contains("tracking_number: required"), "{reason}");
        assert!(reason.contains("order_id: required"), "{reason}");
        assert!(reason.contains("email: "), "{reason}");
        assert!(reason.contains("destination_country: "), "{reason}");
        assert!(h.request(&row(&["a", "b", "c", "d", "e"])).is_err());
        assert!(
            Header::read(row(&["order_id", "email"]))
                .unwrap_err()
                .contains("tracking_number")
        );
        assert!(Header::read(row(&["tracking_number", "courier", "carrier"])).is_err());
    }
}
