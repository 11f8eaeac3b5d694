//! Canada Post tracking (`GET /vis/track/pin/{pin}/detail`, XML), HTTP Basic credentials.
//! One number per request. `parse` is pure and tested.

mod codes;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use reqwest::Url;
use serde::Deserialize;

use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber};

pub struct CanadaPost {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
    username: String,
    password: String,
}

impl CanadaPost {
    pub fn new(e: &Endpoint) -> Result<CanadaPost, String> {
        let (username, password) = e.basic()?;
        Ok(CanadaPost {
            info: e.info,
            http: crate::outbound::client(e.timeout)?,
            base: e.base.clone(),
            username: username.to_owned(),
            password: password.to_owned(),
        })
    }
}

#[async_trait]
impl Carrier for CanadaPost {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    async fn track_one(&self, number: &TrackingNumber) -> Result<Tracking, CarrierError> {
        let segments = ["vis", "track", "pin", number.as_str(), "detail"];
        let url = crate::outbound::join_url(&self.base, &segments);
        let resp = self
            .http
            .get(url)
            .basic_auth(&self.username, Some(&self.password))
            .header("Accept", "application/vnd.cpc.track-v2+xml")
            .header("Accept-Language", "en-CA")
            .send()
            .await?;
        let (status, body) = super::http::read(resp).await?;
        parse(status, &String::from_utf8_lossy(&body))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Detail {
    expected_delivery_date: Option<String>,
    changed_expected_date: Option<String>,
    significant_events: Option<Events>,
}

#[derive(Deserialize)]
struct Events {
    #[serde(default)]
    occurrence: Vec<Occurrence>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Occurrence {
    event_identifier: String,
    event_date: String,
    event_time: String,
    event_time_zone: Option<String>,
    #[serde(default)]
    event_description: String,
    event_site: Option<String>,
    event_province: Option<String>,
    signatory_name: Option<String>,
}

#[derive(Deserialize)]
struct Messages {
    #[serde(default)]
    message: Vec<Message>,
}

#[derive(Deserialize)]
struct Message {
    code: String,
    #[serde(default)]
    description: String,
}

/// The XML documents Canada Post answers with (also wrapped, as recorded samples are).
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Envelope {
    tracking_detail: Option<Detail>,
    messages: Option<Messages>,
    /// When the document is <messages> itself.
    #[serde(default)]
    message: Vec<Message>,
    significant_events: Option<Events>,
    expected_delivery_date: Option<String>,
    changed_expected_date: Option<String>,
}

/// Reads an answer (any HTTP status) into events or a typed error.
pub fn parse(http_status: u16, body: &str) -> Result<Tracking, CarrierError> {
    if http_status == 401 || http_status == 403 {
        return Err(CarrierError::Auth);
    }
    let doc: Envelope = match quick_xml::de::from_str(body) {
        Ok(d) => d,
        Err(_) if http_status >= 500 => {
            return Err(CarrierError::Unavailable(format!("HTTP {http_status}")));
        }
        Err(e) => return Err(CarrierError::Malformed(e.to_string())),
    };
    if let Some(m) = doc
        .messages
        .as_ref()
        .and_then(|m| m.message.first())
        .or(doc.message.first())
    {
        return Err(match m.code.as_str() {
            "004" | "002" => CarrierError::NotFound,
            "001" | "003" => CarrierError::InvalidNumber,
            c if c.starts_with('E') => CarrierError::Auth,
            c => CarrierError::Unavailable(format!("Canada Post {c}: {}", m.description)),
        });
    }
    // The document is either <tracking-detail> itself or wraps one.
    let (events, expected, changed) = match doc.tracking_detail {
        Some(d) => (
            d.significant_events,
            d.expected_delivery_date,
            d.changed_expected_date,
        ),
        None => (
            doc.significant_events,
            doc.expected_delivery_date,
            doc.changed_expected_date,
        ),
    };
    let occurrences = events.map(|e| e.occurrence).unwrap_or_default();
    if occurrences.is_empty() {
        return Err(CarrierError::NotFound);
    }
    let signed_by = occurrences
        .iter()
        .filter_map(|o| o.signatory_name.as_deref().map(str::trim))
        .find(|n| !n.is_empty())
        .map(str::to_owned);
    let events = occurrences.iter().filter_map(event).collect();
    let eta = [changed, expected]
        .into_iter()
        .flatten()
        .find_map(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .and_then(|d| {
            NaiveDateTime::new(d, NaiveTime::from_hms_opt(20, 0, 0)?)
                .and_local_timezone(FixedOffset::west_opt(5 * 3600)?)
                .single()
        });
    Ok(Tracking {
        events,
        eta,
        signed_by,
    })
}

fn event(o: &Occurrence) -> Option<TrackingEvent> {
    let local = NaiveDateTime::parse_from_str(
        &format!("{} {}", o.event_date.trim(), o.event_time.trim()),
        "%Y-%m-%d %H:%M:%S",
    )
    .ok()?;
    let minutes = o
        .event_time_zone
        .as_deref()
        .and_then(codes::zone_offset_minutes)
        .unwrap_or(0);
    let at: DateTime<FixedOffset> = local
        .and_local_timezone(FixedOffset::east_opt(minutes * 60)?)
        .single()?;
    let (status, substatus, party) = codes::map(o.event_identifier.trim());
    Some(TrackingEvent {
        at,
        status,
        substatus,
        party,
        code: o.event_identifier.trim().to_owned(),
        description: o.event_description.trim().to_owned(),
        location: super::http::place([o.event_site.as_deref(), o.event_province.as_deref()]),
        synthetic: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    const DETAIL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tracking-detail xmlns="http://www.canadapost.ca/ws/track-v2">
  <pin>1371134583769923</pin>
  <expected-delivery-date>2026-06-12</expected-delivery-date>
  <changed-expected-date/>
  <significant-events>
    <occurrence>
      <event-identifier>0174</event-identifier><event-date>2026-06-11</event-date><event-time>08:27:43</event-time>
      <event-time-zone>EDT</event-time-zone><event-description>Item out for delivery</event-description>
      <event-site>OTTAWA</event-site><event-province>ON</event-province>
    </occurrence>
    <occurrence>
      <event-identifier>0100</event-identifier><event-date>2026-06-10</event-date><event-time>22:05:00</event-time>
      <event-time-zone>CDT</event-time-zone><event-description>Item processed at postal facility</event-description>
      <event-site>WINNIPEG</event-site><event-province>MB</event-province>
    </occurrence>
  </significant-events>
</tracking-detail>"#;

    #[test]
    fn reads_events_with_their_zone_abbreviations() {
        let t = parse(200, DETAIL).unwrap();
        assert_eq!(t.events.len(), 2);
        assert_eq!(t.events[0].status, Status::OutForDelivery);
        assert_eq!(t.events[0].at.to_rfc3339(), "2026-06-11T08:27:43-04:00");
        assert_eq!(t.events[1].at.to_rfc3339(), "2026-06-10T22:05:00-05:00");
        assert_eq!(t.events[1].location.as_deref(), Some("WINNIPEG, MB"));
        assert_eq!(t.eta.unwrap().date_naive().to_string(), "2026-06-12");
    }

    #[test]
    fn messages_are_typed_errors() {
        let msg = |code: &str| {
            format!(
                r#"<messages xmlns="http://www.canadapost.ca/ws/messages"><message><code>{code}</code><description>d</description></message></messages>"#
            )
        };
        assert_eq!(parse(404, &msg("004")).unwrap_err(), CarrierError::NotFound);
        assert_eq!(parse(401, &msg("E002")).unwrap_err(), CarrierError::Auth);
        assert_eq!(parse(200, &msg("E002")).unwrap_err(), CarrierError::Auth);
        assert!(matches!(
            parse(200, "<tracking-detail><unclosed>").unwrap_err(),
            CarrierError::Malformed(_)
        ));
        assert!(matches!(
            parse(503, "Service Unavailable").unwrap_err(),
            CarrierError::Unavailable(_)
        ));
    }
}
