//! USPS Tracking API v3 (`GET /tracking/v3/tracking/{trackingNumber}?expand=DETAIL`),
//! OAuth 2 client credentials. One number per request. `parse` is pure and tested.

mod codes;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use reqwest::Url;
use serde::Deserialize;

use super::oauth::{ClientAuth, TokenSource, send_authorized};
use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber};

pub struct Usps {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
    tokens: TokenSource,
}

impl Usps {
    pub fn new(e: &Endpoint) -> Result<Usps, String> {
        let (client_id, client_secret) = e.oauth()?;
        let http = crate::outbound::client(e.timeout)?;
        let token_url = crate::outbound::join_url(&e.base, &["oauth2", "v3", "token"]);
        let tokens = TokenSource::new(
            http.clone(),
            token_url,
            ClientAuth::Form,
            client_id,
            client_secret,
        );
        Ok(Usps {
            info: e.info,
            http,
            base: e.base.clone(),
            tokens,
        })
    }
}

#[async_trait]
impl Carrier for Usps {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    async fn track_one(&self, number: &TrackingNumber) -> Result<Tracking, CarrierError> {
        let mut url =
            crate::outbound::join_url(&self.base, &["tracking", "v3", "tracking", number.as_str()]);
        url.query_pairs_mut().append_pair("expand", "DETAIL");
        let resp = send_authorized(&self.tokens, |token| {
            self.http.get(url.clone()).bearer_auth(token)
        })
        .await?;
        let (status, body) = super::http::read(resp).await?;
        parse(status, &body)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(default)]
    tracking_events: Vec<WireEvent>,
    expected_delivery_time_stamp: Option<String>,
    expected_delivery_date: Option<String>,
    /// An object `{code, message}` from the API, or a string from the OAuth layer.
    error: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireEvent {
    #[serde(default)]
    event_type: String,
    event_timestamp: String,
    #[serde(rename = "GMTOffset")]
    gmt_offset: Option<String>,
    #[serde(rename = "GMTTimestamp")]
    gmt_timestamp: Option<String>,
    event_city: Option<String>,
    event_state: Option<String>,
    event_country: Option<String>,
    #[serde(default)]
    event_code: String,
}

/// Reads an answer (any HTTP status) into events or a typed error.
pub fn parse(http_status: u16, body: &[u8]) -> Result<Tracking, CarrierError> {
    let wire: Wire = match serde_json::from_slice(body) {
        Ok(w) => w,
        Err(_) if http_status >= 500 => {
            return Err(CarrierError::Unavailable(format!("HTTP {http_status}")));
        }
        Err(e) => return Err(CarrierError::Malformed(e.to_string())),
    };
    match (http_status, &wire.error) {
        (401 | 403, _) => return Err(CarrierError::Auth),
        (_, Some(serde_json::Value::String(e))) if e.starts_with("invalid_") => {
            return Err(CarrierError::Auth);
        }
        (404, _) => return Err(CarrierError::NotFound),
        (400, _) => return Err(CarrierError::InvalidNumber),
        (s, _) if s >= 500 => return Err(CarrierError::Unavailable(format!("HTTP {s}"))),
        (_, Some(e)) => return Err(CarrierError::Unavailable(format!("USPS error: {e}"))),
        _ => {}
    }
    if wire.tracking_events.is_empty() {
        return Err(CarrierError::NotFound);
    }
    let events = wire.tracking_events.iter().filter_map(event).collect();
    let eta = wire
        .expected_delivery_time_stamp
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .or_else(|| {
            let day =
                NaiveDate::parse_from_str(wire.expected_delivery_date.as_deref()?, "%Y-%m-%d")
                    .ok()?;
            Some(
                NaiveDateTime::new(day, NaiveTime::from_hms_opt(20, 0, 0)?)
                    .and_utc()
                    .fixed_offset(),
            )
        });
    Ok(Tracking {
        events,
        eta,
        signed_by: None,
    })
}

fn event(e: &WireEvent) -> Option<TrackingEvent> {
    let (status, substatus, party) = codes::map(&e.event_code);
    Some(TrackingEvent {
        at: timestamp(e)?,
        status,
        substatus,
        party,
        code: e.event_code.clone(),
        description: e.event_type.clone(),
        location: place(e),
        synthetic: false,
    })
}

/// Local time with USPS's GMT offset; else the GMT timestamp; else local read as UTC.
fn timestamp(e: &WireEvent) -> Option<DateTime<FixedOffset>> {
    let local = NaiveDateTime::parse_from_str(&e.event_timestamp, "%Y-%m-%dT%H:%M:%S").ok();
    let offset = e
        .gmt_offset
        .as_deref()
        .and_then(|o| {
            DateTime::parse_from_str(&format!("2000-01-01T00:00:00{o}"), "%Y-%m-%dT%H:%M:%S%:z")
                .ok()
        })
        .map(|d| *d.offset());
    match (local, offset) {
        (Some(l), Some(o)) => l.and_local_timezone(o).single(),
        _ => e
            .gmt_timestamp
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .or_else(|| local.map(|l| l.and_utc().fixed_offset())),
    }
}

fn place(e: &WireEvent) -> Option<String> {
    super::http::place([
        e.event_city.as_deref(),
        e.event_state.as_deref(),
        e.event_country.as_deref(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    const BODY: &str = r#"{"trackingNumber": "9400100000000000000000", "statusCategory": "In Transit",
      "expectedDeliveryTimeStamp": "2026-04-09T21:00:00-04:00",
      "trackingEvents": [
        {"eventType": "Arrived at USPS Regional Facility", "eventTimestamp": "2026-04-07T23:10:00", "GMTOffset": "-04:00",
         "GMTTimestamp": "2026-04-08T03:10:00Z", "eventCity": "ATLANTA GA DISTRIBUTION CENTER", "eventState": null, "eventCode": "A1"},
        {"eventType": "Shipping Label Created, USPS Awaiting Item", "eventTimestamp": "2026-04-06T15:00:00",
         "GMTTimestamp": "2026-04-06T19:00:00Z", "eventCity": "MACON", "eventState": "GA", "eventCode": "GX"}
      ]}"#;

    #[test]
    fn reads_events_with_their_offsets_and_the_expected_delivery() {
        let t = parse(200, BODY.as_bytes()).unwrap();
        assert_eq!(t.events[0].at.to_rfc3339(), "2026-04-07T23:10:00-04:00");
        assert_eq!(t.events[0].status, Status::InTransit);
        assert_eq!(
            t.events[1].at.to_rfc3339(),
            "2026-04-06T19:00:00+00:00",
            "GMT when no offset is given"
        );
        assert_eq!(t.events[1].status, Status::InfoReceived);
        assert_eq!(t.events[1].location.as_deref(), Some("MACON, GA"));
        assert_eq!(t.eta.unwrap().to_rfc3339(), "2026-04-09T21:00:00-04:00");
    }

    #[test]
    fn errors_are_typed() {
        let api_error = br#"{"apiVersion": "3.0", "error": {"code": "400", "message": "Invalid tracking number"}}"#;
        assert_eq!(
            parse(400, api_error).unwrap_err(),
            CarrierError::InvalidNumber
        );
        assert_eq!(
            parse(
                404,
                br#"{"error": {"code": "404", "message": "not found"}}"#
            )
            .unwrap_err(),
            CarrierError::NotFound
        );
        let oauth =
            br#"{"error": "invalid_client", "error_description": "Client authentication failed."}"#;
        assert_eq!(parse(200, oauth).unwrap_err(), CarrierError::Auth);
        assert!(matches!(
            parse(503, b"down").unwrap_err(),
            CarrierError::Unavailable(_)
        ));
    }
}
