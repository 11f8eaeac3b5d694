//! Royal Mail Tracking API v2 (`GET /mailpieces/v2/{mailPieceId}/events`), with the
//! `X-IBM-Client-Id` / `X-IBM-Client-Secret` headers and the `X-Accept-RMG-Terms` consent
//! header Royal Mail requires. One number per request. `parse` is pure and tested.

mod codes;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use reqwest::Url;
use serde::Deserialize;

use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber};

pub struct RoyalMail {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
    client_id: String,
    client_secret: String,
}

impl RoyalMail {
    pub fn new(e: &Endpoint) -> Result<RoyalMail, String> {
        let (client_id, client_secret) = e.oauth()?;
        Ok(RoyalMail {
            info: e.info,
            http: crate::outbound::client(e.timeout)?,
            base: e.base.clone(),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
        })
    }
}

#[async_trait]
impl Carrier for RoyalMail {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    async fn track_one(&self, number: &TrackingNumber) -> Result<Tracking, CarrierError> {
        let url =
            crate::outbound::join_url(&self.base, &["mailpieces", "v2", number.as_str(), "events"]);
        let resp = self
            .http
            .get(url)
            .header("Accept", "application/json")
            .header("X-Accept-RMG-Terms", "yes")
            .header("X-IBM-Client-Id", &self.client_id)
            .header("X-IBM-Client-Secret", &self.client_secret)
            .send()
            .await?;
        let (status, body) = super::http::read(resp).await?;
        parse(status, &body)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    mail_pieces: Option<MailPieces>,
    #[serde(default)]
    errors: Vec<WireError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireError {
    #[serde(default)]
    error_code: String,
    #[serde(default)]
    error_description: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MailPieces {
    #[serde(default)]
    events: Vec<WireEvent>,
    estimated_delivery: Option<Estimate>,
    signature: Option<Signature>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireEvent {
    #[serde(default)]
    event_code: String,
    #[serde(default)]
    event_name: String,
    event_date_time: String,
    location_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Estimate {
    date: String,
    end_of_estimated_window: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Signature {
    recipient_name: Option<String>,
}

/// Reads an answer (any HTTP status) into events or a typed error. Royal Mail's error codes
/// (`errors[].errorCode`) decide first; the HTTP status when there are none.
pub fn parse(http_status: u16, body: &[u8]) -> Result<Tracking, CarrierError> {
    let wire: Result<Wire, _> = serde_json::from_slice(body);
    if let Ok(Wire { errors, .. }) = &wire
        && let Some(e) = errors.first()
    {
        return Err(error(http_status, e));
    }
    match http_status {
        401 | 403 => return Err(CarrierError::Auth),
        404 => return Err(CarrierError::NotFound),
        400 => return Err(CarrierError::InvalidNumber),
        s if s >= 500 => return Err(CarrierError::Unavailable(format!("HTTP {s}"))),
        _ => {}
    }
    let pieces = wire
        .map_err(|e| CarrierError::Malformed(e.to_string()))?
        .mail_pieces
        .ok_or(CarrierError::NotFound)?;
    if pieces.events.is_empty() {
        return Err(CarrierError::NotFound);
    }
    let events = pieces.events.iter().filter_map(event).collect();
    let eta = pieces.estimated_delivery.as_ref().and_then(eta);
    Ok(Tracking {
        events,
        eta,
        signed_by: pieces
            .signature
            .and_then(|s| s.recipient_name)
            .filter(|n| !n.trim().is_empty()),
    })
}

/// Royal Mail's documented error codes as typed errors.
fn error(http_status: u16, e: &WireError) -> CarrierError {
    match e.error_code.as_str() {
        // Barcode not recognised; no update yet; no delivery update yet.
        "E1142" | "E1308" | "E1284" => CarrierError::NotFound,
        // Tracking not supported for this item.
        "E1283" => CarrierError::InvalidNumber,
        "E0010" => CarrierError::RateLimited { retry_after: None },
        _ if http_status == 401 || http_status == 403 => CarrierError::Auth,
        code => CarrierError::Unavailable(format!("Royal Mail {code}: {}", e.error_description)),
    }
}

fn event(e: &WireEvent) -> Option<TrackingEvent> {
    let at = DateTime::parse_from_rfc3339(&e.event_date_time).ok()?;
    let (status, substatus, party) = codes::map(&e.event_code, &e.event_name);
    Some(TrackingEvent {
        at,
        status,
        substatus,
        party,
        code: e.event_code.clone(),
        description: e.event_name.clone(),
        location: e
            .location_name
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned),
        synthetic: false,
    })
}

/// The end of the estimated window on the estimated day; without a window, the end of the
/// working day in the UK.
fn eta(e: &Estimate) -> Option<DateTime<FixedOffset>> {
    let day = NaiveDate::parse_from_str(e.date.get(..10)?, "%Y-%m-%d").ok()?;
    if let Some(end) = &e.end_of_estimated_window
        && let Ok(t) = DateTime::parse_from_rfc3339(&format!("{day}T{end}"))
    {
        return Some(t);
    }
    let evening = day.and_time(NaiveTime::from_hms_opt(18, 0, 0)?);
    chrono_tz::Europe::London
        .from_local_datetime(&evening)
        .earliest()
        .map(|t| t.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Status, status_of};

    // Shaped after Royal Mail's documented example answer.
    const BODY: &str = r#"{"mailPieces": {"mailPieceId": "AB123456789GB", "carrierShortName": "RM",
      "summary": {"oneDBarcode": "AB123456789GB", "statusCategory": "DELIVERED"},
      "signature": {"recipientName": "Jones", "signatureDateTime": "2026-03-12T13:05:00Z", "imageId": "12"},
      "estimatedDelivery": {"date": "2026-03-12", "startOfEstimatedWindow": "08:00:00Z", "endOfEstimatedWindow": "14:00:00Z"},
      "events": [
        {"eventCode": "EVKSP", "eventName": "Delivered and signed for", "eventDateTime": "2026-03-12T13:05:00Z", "locationName": "Bristol DO"},
        {"eventCode": "EVGPD", "eventName": "Due to be delivered today", "eventDateTime": "2026-03-12T06:40:00Z", "locationName": "Bristol DO"},
        {"eventCode": "EVAIP", "eventName": "We've got it", "eventDateTime": "2026-03-11T17:22:00+00:00", "locationName": " "}
      ]}}"#;

    #[test]
    fn reads_events_signature_and_window() {
        let t = parse(200, BODY.as_bytes()).unwrap();
        assert_eq!(t.events.len(), 3);
        assert_eq!(status_of(&t.events).0, Status::Delivered);
        assert_eq!(t.events[1].status, Status::OutForDelivery);
        assert_eq!(t.events[2].status, Status::InTransit, "read from its name");
        assert_eq!(t.events[2].location, None);
        assert_eq!(t.signed_by.as_deref(), Some("Jones"));
        assert_eq!(t.eta.unwrap().to_rfc3339(), "2026-03-12T14:00:00+00:00");
    }

    #[test]
    fn a_day_without_window_ends_at_six_in_london() {
        let e = Estimate {
            date: "2026-07-01".into(),
            end_of_estimated_window: None,
        };
        assert_eq!(eta(&e).unwrap().to_rfc3339(), "2026-07-01T18:00:00+01:00");
    }

    #[test]
    fn errors_are_typed() {
        let err = |code: &str| {
            format!(
                r#"{{"httpCode": "404", "httpMessage": "Not Found", "errors": [{{"errorCode": "{code}", "errorDescription": "x"}}]}}"#
            )
        };
        assert_eq!(
            parse(404, err("E1142").as_bytes()).unwrap_err(),
            CarrierError::NotFound
        );
        assert_eq!(
            parse(400, err("E1283").as_bytes()).unwrap_err(),
            CarrierError::InvalidNumber
        );
        assert_eq!(
            parse(429, err("E0010").as_bytes()).unwrap_err(),
            CarrierError::RateLimited { retry_after: None }
        );
        assert_eq!(
            parse(401, err("E0008").as_bytes()).unwrap_err(),
            CarrierError::Auth
        );
        assert!(matches!(
            parse(400, err("E0004").as_bytes()).unwrap_err(),
            CarrierError::Unavailable(m) if m.contains("E0004")
        ));
        assert_eq!(parse(401, b"").unwrap_err(), CarrierError::Auth);
        assert!(matches!(
            parse(503, b"").unwrap_err(),
            CarrierError::Unavailable(_)
        ));
        assert!(matches!(
            parse(200, b"{]").unwrap_err(),
            CarrierError::Malformed(_)
        ));
        assert_eq!(
            parse(200, br#"{"mailPieces": {"events": []}}"#).unwrap_err(),
            CarrierError::NotFound
        );
    }
}
