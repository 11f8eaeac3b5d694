//! UPS Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`), OAuth 2 client
//! credentials. One number per request. Wire types are private; `parse` is pure and tested
//! against fixtures written from UPS's OpenAPI document.

mod alert;
mod codes;
mod wire;

pub use alert::{MAX_PER_CALL as ALERT_MAX_PER_CALL, parse_alert};

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use reqwest::Url;
use wire::*;

use super::oauth::{ClientAuth, TokenSource, send_authorized};
use super::{Carrier, CarrierError, CarrierInfo, Endpoint, PushHook, Subscribed, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber, geo};

pub struct Ups {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
    tokens: TokenSource,
}

impl Ups {
    pub fn new(e: &Endpoint) -> Result<Ups, String> {
        let (client_id, client_secret) = e.oauth()?;
        let http = crate::outbound::client(e.timeout)?;
        let token_url = crate::outbound::join_url(&e.base, &["security", "v1", "oauth", "token"]);
        let tokens = TokenSource::new(
            http.clone(),
            token_url,
            ClientAuth::Basic,
            client_id,
            client_secret,
        );
        Ok(Ups {
            info: e.info,
            http,
            base: e.base.clone(),
            tokens,
        })
    }
}

#[async_trait]
impl Carrier for Ups {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    async fn track_one(&self, number: &TrackingNumber) -> Result<Tracking, CarrierError> {
        let mut url = crate::outbound::join_url(
            &self.base,
            &["api", "track", "v1", "details", number.as_str()],
        );
        url.query_pairs_mut()
            .append_pair("locale", "en_US")
            .append_pair("returnSignature", "false");
        let trans_id = trans_id();
        let resp = send_authorized(&self.tokens, |token| {
            self.http
                .get(url.clone())
                .bearer_auth(token)
                .header("transId", &trans_id)
                .header("transactionSrc", "shipmate")
        })
        .await?;
        let (status, body) = super::http::read(resp).await?;
        parse(status, &body)
    }

    async fn subscribe(
        &self,
        numbers: &[TrackingNumber],
        hook: &PushHook,
    ) -> Result<Subscribed, CarrierError> {
        self.subscribe_alerts(numbers, hook).await
    }
}

/// UPS's `transId`: unique to the request.
fn trans_id() -> String {
    crate::entropy::bytes::<8>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a Track API answer (any HTTP status) into events or a typed error.
pub fn parse(http_status: u16, body: &[u8]) -> Result<Tracking, CarrierError> {
    let wire: Wire = match serde_json::from_slice(body) {
        Ok(w) => w,
        Err(_) if http_status >= 500 => {
            return Err(CarrierError::Unavailable(format!("HTTP {http_status}")));
        }
        Err(e) => return Err(CarrierError::Malformed(e.to_string())),
    };
    if let Some(e) = wire.response.and_then(|r| r.errors.into_iter().next()) {
        return Err(error_for(&e, http_status));
    }
    let shipment = wire
        .track_response
        .and_then(|t| t.shipment.into_iter().next())
        .ok_or(CarrierError::NotFound)?;
    if let Some(w) = shipment.warnings.iter().find(|w| w.code == "TW0001") {
        return Err(error_for(w, http_status));
    }
    let package = shipment
        .package
        .into_iter()
        .next()
        .ok_or(CarrierError::NotFound)?;
    let events: Vec<TrackingEvent> = package.activity.iter().filter_map(event).collect();
    let zone = events.first().map_or(Utc.fix(), |e| *e.at.offset());
    let signed_by = package
        .delivery_information
        .as_ref()
        .and_then(|d| d.received_by.clone())
        .filter(|n| !n.trim().is_empty());
    Ok(Tracking {
        eta: eta(&package, zone),
        events,
        signed_by,
    })
}

fn error_for(m: &Message, http_status: u16) -> CarrierError {
    match m.code.as_str() {
        "TW0001" | "TW0002" => CarrierError::NotFound,
        "TV1002" | "TV1003" => CarrierError::InvalidNumber,
        "250001" | "250002" | "250003" => CarrierError::Auth,
        _ if http_status == 401 || http_status == 403 => CarrierError::Auth,
        code => CarrierError::Unavailable(format!("UPS {code}: {}", m.message)),
    }
}

fn event(a: &Activity) -> Option<TrackingEvent> {
    let address = a.location.as_ref().and_then(|l| l.address.as_ref());
    let at = timestamp(&a.date, &a.time, a.gmt_offset.as_deref(), address)?;
    let status = a.status.as_ref();
    let (kind, code) = status.map_or(("", ""), |s| (s.kind.as_str(), s.code.as_str()));
    let (st, substatus, party) = codes::map(kind, code);
    Some(TrackingEvent {
        at,
        status: st,
        substatus,
        party,
        code: if code.is_empty() {
            kind.to_owned()
        } else {
            code.to_owned()
        },
        description: status.map(|s| s.description.clone()).unwrap_or_default(),
        location: address.and_then(place),
        synthetic: false,
    })
}

/// "Wayne, NJ, US": city, state and country only (no street or postcode).
fn place(a: &Address) -> Option<String> {
    let country = a.country_code.as_ref().or(a.country.as_ref());
    super::http::place([
        a.city.as_deref(),
        a.state_province.as_deref(),
        country.map(String::as_str),
    ])
}

/// Local date and time with UPS's GMT offset, or else the location's zone, or else UTC.
fn timestamp(
    date: &str,
    time: &str,
    offset: Option<&str>,
    at: Option<&Address>,
) -> Option<DateTime<FixedOffset>> {
    let day = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
    let clock = clock(time)?;
    let local = NaiveDateTime::new(day, clock);
    if let Some(offset) = offset.and_then(|o| {
        DateTime::parse_from_str(&format!("2000-01-01T00:00:00{o}"), "%Y-%m-%dT%H:%M:%S%:z").ok()
    }) {
        return local.and_local_timezone(*offset.offset()).single();
    }
    let zone = at
        .and_then(|a| {
            geo::zone_for(
                a.country_code.as_deref().or(a.country.as_deref())?,
                a.state_province.as_deref(),
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

/// "HHMMSS" (leading zeros may be missing), or "HHMM".
fn clock(t: &str) -> Option<NaiveTime> {
    match t.len() {
        4 => NaiveTime::parse_from_str(t, "%H%M").ok(),
        _ => NaiveTime::parse_from_str(&format!("{t:0>6}"), "%H%M%S").ok(),
    }
}

/// The rescheduled date if any, else the scheduled one; at the end of the delivery window.
fn eta(p: &Package, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let pick = |kind: &str| p.delivery_date.iter().find(|d| d.kind == kind);
    let d = pick("RDD").or_else(|| pick("SDD"))?;
    let day = NaiveDate::parse_from_str(&d.date, "%Y%m%d").ok()?;
    let end = p
        .delivery_time
        .as_ref()
        .and_then(|t| t.end_time.as_deref())
        .and_then(clock)
        .unwrap_or(NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN));
    NaiveDateTime::new(day, end)
        .and_local_timezone(zone)
        .single()
}

#[cfg(test)]
mod tests;
