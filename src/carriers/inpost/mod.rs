//! InPost (PL) via the public ShipX tracking endpoint (`GET /v1/tracking/{number}`, no
//! credentials). Written from InPost's documentation; UNTESTED against recorded
//! responses until we have some.

mod codes;

use async_trait::async_trait;
use chrono::DateTime;
use reqwest::Url;
use serde::Deserialize;

use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber};

pub struct InPost {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
}

impl InPost {
    pub fn new(e: &Endpoint) -> Result<InPost, String> {
        Ok(InPost {
            info: e.info,
            http: crate::outbound::client(e.timeout)?,
            base: e.base.clone(),
        })
    }
}

#[async_trait]
impl Carrier for InPost {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    async fn track_one(&self, number: &TrackingNumber) -> Result<Tracking, CarrierError> {
        let url = crate::outbound::join_url(&self.base, &["v1", "tracking", number.as_str()]);
        let resp = self.http.get(url).send().await?;
        let (status, body) = super::http::read(resp).await?;
        parse(status, &body)
    }
}

#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    tracking_details: Vec<Detail>,
}

#[derive(Deserialize)]
struct Detail {
    status: String,
    origin_status: Option<String>,
    datetime: String,
}

/// Reads an answer (any HTTP status) into events or a typed error.
pub fn parse(http_status: u16, body: &[u8]) -> Result<Tracking, CarrierError> {
    match http_status {
        404 => return Err(CarrierError::NotFound),
        400 | 422 => return Err(CarrierError::InvalidNumber),
        401 | 403 => return Err(CarrierError::Auth),
        s if s >= 500 => return Err(CarrierError::Unavailable(format!("HTTP {s}"))),
        _ => {}
    }
    let wire: Wire =
        serde_json::from_slice(body).map_err(|e| CarrierError::Malformed(e.to_string()))?;
    if wire.tracking_details.is_empty() {
        return Err(CarrierError::NotFound);
    }
    let events = wire
        .tracking_details
        .iter()
        .filter_map(|d| {
            let (status, substatus, party) = codes::map(&d.status);
            Some(TrackingEvent {
                at: DateTime::parse_from_rfc3339(&d.datetime).ok()?,
                status,
                substatus,
                party,
                code: d.origin_status.clone().unwrap_or_else(|| d.status.clone()),
                description: d.status.replace('_', " "),
                location: None,
                synthetic: false,
            })
        })
        .collect();
    Ok(Tracking {
        events,
        eta: None,
        signed_by: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    /// Shaped after the ShipX documentation's example.
    const BODY: &str = r#"{"tracking_number": "602677439331630337653846", "type": "inpost_locker_standard", "status": "ready_to_pickup",
      "tracking_details": [
        {"status": "ready_to_pickup", "origin_status": "PRD", "agency": null, "datetime": "2026-02-25T13:37:40.000+01:00"},
        {"status": "adopted_at_sorting_center", "origin_status": "PPS", "agency": null, "datetime": "2026-02-24T21:02:11.000+01:00"},
        {"status": "confirmed", "origin_status": "NPR", "agency": null, "datetime": "2026-02-24T09:10:00.000+01:00"}
      ]}"#;

    #[test]
    fn reads_tracking_details() {
        let t = parse(200, BODY.as_bytes()).unwrap();
        assert_eq!(t.events.len(), 3);
        assert_eq!(t.events[0].status, Status::AvailableForPickup);
        assert_eq!(t.events[0].at.to_rfc3339(), "2026-02-25T13:37:40+01:00");
        assert_eq!(t.events[0].code, "PRD");
        assert_eq!(
            parse(404, br#"{"status": 404, "error": "resource_not_found"}"#).unwrap_err(),
            CarrierError::NotFound
        );
        assert!(matches!(
            parse(200, b"{]").unwrap_err(),
            CarrierError::Malformed(_)
        ));
    }
}
