//! FedEx Track API v1 (`POST /track/v1/trackingnumbers`, up to 30 numbers a request),
//! OAuth 2 client credentials sent in the form body. `parse` is pure and tested against
//! fixtures written from FedEx's API reference.

mod codes;
mod wire;

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use reqwest::Url;
use wire::*;

use super::oauth::{ClientAuth, TokenSource, send_authorized};
use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber, geo};

pub struct Fedex {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
    tokens: TokenSource,
}

impl Fedex {
    pub fn new(e: &Endpoint) -> Result<Fedex, String> {
        let (client_id, client_secret) = e.oauth()?;
        let http = crate::outbound::client(e.timeout)?;
        let token_url = crate::outbound::join_url(&e.base, &["oauth", "token"]);
        let tokens = TokenSource::new(
            http.clone(),
            token_url,
            ClientAuth::Form,
            client_id,
            client_secret,
        );
        Ok(Fedex {
            info: e.info,
            http,
            base: e.base.clone(),
            tokens,
        })
    }
}

#[async_trait]
impl Carrier for Fedex {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    fn max_batch(&self) -> usize {
        30
    }

    async fn track(
        &self,
        numbers: &[TrackingNumber],
    ) -> Result<Vec<(TrackingNumber, Result<Tracking, CarrierError>)>, CarrierError> {
        let url = crate::outbound::join_url(&self.base, &["track", "v1", "trackingnumbers"]);
        let info: Vec<_> = numbers
            .iter()
            .map(|n| serde_json::json!({ "trackingNumberInfo": { "trackingNumber": n.as_str() } }))
            .collect();
        let body = serde_json::json!({ "includeDetailedScans": true, "trackingInfo": info });
        let resp = send_authorized(&self.tokens, |token| {
            self.http
                .post(url.clone())
                .bearer_auth(token)
                .header("X-locale", "en_US")
                .json(&body)
        })
        .await?;
        let (status, bytes) = super::http::read(resp).await?;
        let mut by_number = parse(status, &bytes)?;
        Ok(numbers
            .iter()
            .map(|n| {
                (
                    n.clone(),
                    by_number
                        .remove(n.as_str())
                        .unwrap_or(Err(CarrierError::NotFound)),
                )
            })
            .collect())
    }
}

/// Reads a Track API answer: per tracking number, events or a typed error. A request-wide
/// error (bad credentials, malformed request) is the outer error.
pub fn parse(
    http_status: u16,
    body: &[u8],
) -> Result<HashMap<String, Result<Tracking, CarrierError>>, CarrierError> {
    let wire: Wire = match serde_json::from_slice(body) {
        Ok(w) => w,
        Err(_) if http_status >= 500 => {
            return Err(CarrierError::Unavailable(format!("HTTP {http_status}")));
        }
        Err(e) => return Err(CarrierError::Malformed(e.to_string())),
    };
    if let Some(e) = wire.errors.first() {
        return Err(match error_for(e) {
            CarrierError::Unavailable(_) if http_status == 401 || http_status == 403 => {
                CarrierError::Auth
            }
            other => other,
        });
    }
    let output = wire
        .output
        .ok_or_else(|| CarrierError::Malformed("no output".into()))?;
    Ok(output
        .complete_track_results
        .into_iter()
        .map(|c| (c.tracking_number.clone(), read(c)))
        .collect())
}

fn error_for(e: &WireError) -> CarrierError {
    let code = e.code.to_ascii_uppercase();
    if code.contains("NOTFOUND") {
        CarrierError::NotFound
    } else if code.contains("TRACKINGNUMBER") {
        CarrierError::InvalidNumber
    } else if code.contains("AUTHORIZ") || code.contains("UNAUTHORIZED") {
        CarrierError::Auth
    } else {
        CarrierError::Unavailable(format!("FedEx {}: {}", e.code, e.message))
    }
}

/// One number's result. FedEx may return several shipments under one number (it reuses
/// numbers); the one with the most recent scan is the customer's.
fn read(c: Complete) -> Result<Tracking, CarrierError> {
    let latest = c
        .track_results
        .into_iter()
        .map(|r| {
            let events: Vec<TrackingEvent> = r.scan_events.iter().filter_map(event).collect();
            (events.iter().map(|e| e.at).max(), events, r)
        })
        .max_by_key(|(newest, ..)| *newest);
    let Some((_, events, result)) = latest else {
        return Err(CarrierError::NotFound);
    };
    if events.is_empty() {
        return Err(result
            .error
            .as_ref()
            .map_or(CarrierError::NotFound, error_for));
    }
    let signed_by = result
        .delivery_details
        .as_ref()
        .and_then(|d| d.received_by_name.clone())
        .filter(|n| !n.trim().is_empty());
    Ok(Tracking {
        eta: eta(&result),
        events,
        signed_by,
    })
}

fn event(s: &ScanEvent) -> Option<TrackingEvent> {
    let at = timestamp(&s.date, s.scan_location.as_ref())?;
    let (status, substatus, party) = codes::map(&s.event_type);
    let description = match s.exception_description.as_deref().filter(|d| !d.is_empty()) {
        Some(why) => format!("{}: {why}", s.event_description),
        None => s.event_description.clone(),
    };
    Some(TrackingEvent {
        at,
        status,
        substatus,
        party,
        code: s.event_type.clone(),
        description,
        location: s.scan_location.as_ref().and_then(place),
        synthetic: false,
    })
}

fn place(a: &Address) -> Option<String> {
    super::http::place([
        a.city.as_deref(),
        a.state_or_province_code.as_deref(),
        a.country_code.as_deref(),
    ])
}

/// ISO 8601 with an offset; without one, local time at the scan location (or UTC).
fn timestamp(raw: &str, at: Option<&Address>) -> Option<DateTime<FixedOffset>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t);
    }
    let local = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S").ok()?;
    let zone = at
        .and_then(|a| {
            geo::zone_for(
                a.country_code.as_deref()?,
                a.state_or_province_code.as_deref(),
            )
        })
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok());
    match zone {
        Some(tz) => tz
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.fixed_offset()),
        None => Some(local.and_utc().fixed_offset()),
    }
}

/// The end of the estimated delivery window (a parcel is late only after it), else its
/// start, else the `ESTIMATED_DELIVERY` date.
fn eta(r: &TrackResult) -> Option<DateTime<FixedOffset>> {
    let window = r
        .estimated_delivery_time_window
        .as_ref()
        .and_then(|w| w.window.as_ref());
    let estimated = r
        .date_and_times
        .iter()
        .find(|d| d.kind == "ESTIMATED_DELIVERY")
        .map(|d| d.date_time.as_str());
    [
        window.and_then(|w| w.ends.as_deref()),
        window.and_then(|w| w.begins.as_deref()),
        estimated,
    ]
    .into_iter()
    .flatten()
    .find_map(|raw| timestamp(raw, None))
}

#[cfg(test)]
mod tests;
