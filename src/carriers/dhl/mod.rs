//! DHL Shipment Tracking – Unified API (`GET /track/shipments?trackingNumber=`), with the
//! `DHL-API-Key` header. One number per request. `parse` is pure and tested.

mod codes;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use reqwest::Url;
use serde::Deserialize;

use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber, geo};

pub struct Dhl {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
    api_key: String,
}

impl Dhl {
    pub fn new(e: &Endpoint) -> Result<Dhl, String> {
        Ok(Dhl {
            info: e.info,
            http: crate::outbound::client(e.timeout)?,
            base: e.base.clone(),
            api_key: e.api_key()?.to_owned(),
        })
    }
}

#[async_trait]
impl Carrier for Dhl {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    async fn track_one(&self, number: &TrackingNumber) -> Result<Tracking, CarrierError> {
        let mut url = crate::outbound::join_url(&self.base, &["track", "shipments"]);
        url.query_pairs_mut()
            .append_pair("trackingNumber", number.as_str());
        let resp = self
            .http
            .get(url)
            .header("DHL-API-Key", &self.api_key)
            .send()
            .await?;
        let (status, body) = super::http::read(resp).await?;
        parse(status, &body)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(default)]
    shipments: Vec<Shipment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shipment {
    /// A string, or a number in DHL's own examples.
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    events: Vec<WireEvent>,
    estimated_time_of_delivery: Option<String>,
    estimated_delivery_time_frame: Option<TimeFrame>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TimeFrame {
    estimated_through: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireEvent {
    timestamp: String,
    location: Option<Place>,
    #[serde(default)]
    status_code: String,
    status: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct Place {
    address: Option<Address>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Address {
    country_code: Option<String>,
    address_locality: Option<String>,
}

/// Reads an answer (any HTTP status) into events or a typed error.
pub fn parse(http_status: u16, body: &[u8]) -> Result<Tracking, CarrierError> {
    match http_status {
        404 => return Err(CarrierError::NotFound),
        401 | 403 => return Err(CarrierError::Auth),
        400 => return Err(CarrierError::InvalidNumber),
        s if s >= 500 => return Err(CarrierError::Unavailable(format!("HTTP {s}"))),
        _ => {}
    }
    let wire: Wire =
        serde_json::from_slice(body).map_err(|e| CarrierError::Malformed(e.to_string()))?;
    let shipment = wire
        .shipments
        .into_iter()
        .next()
        .ok_or(CarrierError::NotFound)?;
    Ok(tracking(shipment))
}

/// Reads what DHL's Shipment Tracking – Unified – Push posts (`{"scope":
/// "subscription.push", "shipments": [...]}`, each shipment as the tracking API answers
/// it): each shipment's id and tracking. Another scope (`subscription.validate`, `.ready`)
/// carries no shipments.
pub fn parse_push(body: &[u8]) -> Result<Vec<(String, Tracking)>, CarrierError> {
    let wire: Wire =
        serde_json::from_slice(body).map_err(|e| CarrierError::Malformed(e.to_string()))?;
    Ok(wire
        .shipments
        .into_iter()
        .filter_map(|s| {
            let id = match &s.id {
                serde_json::Value::String(id) => id.clone(),
                serde_json::Value::Number(id) => id.to_string(),
                _ => return None,
            };
            Some((id, tracking(s)))
        })
        .collect())
}

fn tracking(shipment: Shipment) -> Tracking {
    let events = shipment.events.iter().filter_map(event).collect();
    let eta = shipment
        .estimated_delivery_time_frame
        .and_then(|f| f.estimated_through)
        .or(shipment.estimated_time_of_delivery)
        .and_then(|t| timestamp(&t, None));
    Tracking {
        events,
        eta,
        signed_by: None,
    }
}

fn event(e: &WireEvent) -> Option<TrackingEvent> {
    let address = e.location.as_ref().and_then(|l| l.address.as_ref());
    let at = timestamp(
        &e.timestamp,
        address.and_then(|a| a.country_code.as_deref()),
    )?;
    let (status, substatus, party) = codes::map(&e.status_code);
    let description = e
        .description
        .clone()
        .or_else(|| e.status.clone())
        .unwrap_or_default();
    Some(TrackingEvent {
        at,
        status,
        substatus,
        party,
        code: e.status_code.clone(),
        description,
        location: address.and_then(place),
        synthetic: false,
    })
}

/// The town only: DHL's `addressLocality` sometimes carries a street ("Oderweg 2, AMSTERDAM").
fn place(a: &Address) -> Option<String> {
    let town = a.address_locality.as_deref()?.rsplit(',').next()?.trim();
    if town.is_empty() {
        return None;
    }
    Some(match &a.country_code {
        Some(c) => format!("{town}, {c}"),
        None => town.to_owned(),
    })
}

/// ISO 8601; without an offset, local time in the country (when it has one zone) or UTC.
fn timestamp(raw: &str, country: Option<&str>) -> Option<DateTime<FixedOffset>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t);
    }
    let local = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S").ok()?;
    match country
        .and_then(|c| geo::zone_for(c, None))
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
    {
        Some(tz) => tz
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.fixed_offset()),
        None => Some(local.and_utc().fixed_offset()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    const BODY: &str = r#"{"shipments": [{"id": "00340434161094042557", "service": "parcel-de",
      "estimatedTimeOfDelivery": "2026-05-07T00:00:00Z",
      "events": [
        {"timestamp": "2026-05-06T08:12:00+02:00", "statusCode": "transit", "status": "The shipment has been loaded onto the delivery vehicle",
         "location": {"address": {"countryCode": "DE", "postalCode": "53113", "addressLocality": "Bonn"}}},
        {"timestamp": "2026-05-05T19:40:00", "statusCode": "pre-transit", "description": "The instruction data for this shipment have been provided by the sender to DHL electronically",
         "location": {"address": {"countryCode": "DE", "addressLocality": "Friedrich-Ebert-Allee 1, Bonn"}}}
      ]}]}"#;

    #[test]
    fn reads_events_local_times_and_towns_only() {
        let t = parse(200, BODY.as_bytes()).unwrap();
        assert_eq!(t.events.len(), 2);
        assert_eq!(t.events[0].status, Status::InTransit);
        assert_eq!(
            t.events[0].description,
            "The shipment has been loaded onto the delivery vehicle"
        );
        assert_eq!(
            t.events[1].at.to_rfc3339(),
            "2026-05-05T19:40:00+02:00",
            "German local time"
        );
        assert_eq!(
            t.events[1].location.as_deref(),
            Some("Bonn, DE"),
            "no street"
        );
        assert_eq!(t.eta.unwrap().date_naive().to_string(), "2026-05-07");
    }

    #[test]
    fn errors_are_typed() {
        let problem = br#"{"title": "No result found", "status": 404, "detail": "No shipment with given tracking number found."}"#;
        assert_eq!(parse(404, problem).unwrap_err(), CarrierError::NotFound);
        assert_eq!(parse(401, b"{}").unwrap_err(), CarrierError::Auth);
        assert!(matches!(
            parse(503, b"").unwrap_err(),
            CarrierError::Unavailable(_)
        ));
        assert!(matches!(
            parse(200, b"{]").unwrap_err(),
            CarrierError::Malformed(_)
        ));
        assert_eq!(
            parse(200, br#"{"shipments": []}"#).unwrap_err(),
            CarrierError::NotFound
        );
    }

    #[test]
    fn a_push_carries_each_shipment_with_its_id_and_a_handshake_none() {
        // DHL's example shipment (numeric id) inside the push envelope.
        let body = br#"{"scope": "subscription.push", "self": "https://api-eu.dhl.com/tracking/push/v1/subscription/none",
          "shipments": [{"id": 7777777770, "service": "express", "events": [{"timestamp": "2018-03-02T07:53:47",
            "location": {"address": {"countryCode": "NL", "postalCode": "1043 AG", "addressLocality": "Oderweg 2, AMSTERDAM"}},
            "statusCode": "pre-transit", "status": "DELIVERED", "description": "JESSICA"}]}]}"#;
        let pushed = parse_push(body).unwrap();
        assert_eq!(pushed[0].0, "7777777770");
        assert_eq!(pushed[0].1.events[0].status, Status::InfoReceived);
        let validate = br#"{"scope": "subscription.validate", "secret": "s"}"#;
        assert!(parse_push(validate).unwrap().is_empty());
        assert!(parse_push(b"[").is_err());
    }
}
