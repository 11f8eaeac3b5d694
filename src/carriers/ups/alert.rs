//! UPS Track Alert: subscribing numbers (`POST /api/track/v1/subscription/standard/package`,
//! at most 100 a call, each for 14 days) and reading what it pushes — one activity a
//! message, with local and GMT times, no history. Shapes from UPS's published OpenAPI file
//! (`UPS-API/api-documentation:UPSTrackAlert.yaml`, schemas `TrackSubsServiceRequest`,
//! `TrackSubsServiceResponse` and the `TrackingEvent` webhook); v2's optional `gmtOffset`
//! and `receivedBy` are read too, and an empty field may be `""` or absent.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::Deserialize;
use serde_json::json;

use super::wire::{ActivityStatus, Address};
use super::{Ups, clock, codes, place, timestamp};
use crate::carriers::oauth::send_authorized;
use crate::carriers::{CarrierError, PushHook, Subscribed, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber};

/// Numbers per subscription request.
pub const MAX_PER_CALL: usize = 100;

/// The widest offset from UTC a place has (UTC+14).
const MAX_OFFSET_MINUTES: i64 = 14 * 60;

/// The `TrackingEvent` webhook's body (`TrackingEventRequest`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Alert {
    tracking_number: String,
    #[serde(default)]
    local_activity_date: String,
    #[serde(default)]
    local_activity_time: String,
    #[serde(default)]
    gmt_activity_date: String,
    #[serde(default)]
    gmt_activity_time: String,
    /// v2: "(-/+)HH.MM".
    gmt_offset: Option<String>,
    activity_location: Option<AlertLocation>,
    activity_status: Option<ActivityStatus>,
    #[serde(default)]
    scheduled_delivery_date: String,
    #[serde(default)]
    delivery_end_time: String,
    received_by: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AlertLocation {
    city: Option<String>,
    state_province: Option<String>,
    country: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubscribeAnswer {
    #[serde(default)]
    valid_tracking_numbers: Vec<String>,
    #[serde(default)]
    invalid_tracking_numbers: Vec<String>,
}

/// Reads one pushed activity: the number it is for and what it says (an "updated delivery
/// date" message, type `U`, moves the ETA only).
pub fn parse_alert(body: &[u8]) -> Result<(TrackingNumber, Tracking), CarrierError> {
    let a: Alert =
        serde_json::from_slice(body).map_err(|e| CarrierError::Malformed(e.to_string()))?;
    let number =
        TrackingNumber::parse(a.tracking_number.trim()).map_err(|_| CarrierError::InvalidNumber)?;
    let address = a.activity_location.as_ref().map(|l| Address {
        city: l.city.clone(),
        state_province: l.state_province.clone(),
        country_code: l.country.clone(),
        country: None,
    });
    let at = at(&a, address.as_ref())
        .ok_or_else(|| CarrierError::Malformed("no activity date".into()))?;
    let status = a.activity_status.as_ref();
    let (kind, code) = status.map_or(("", ""), |s| (s.kind.as_str(), s.code.as_str()));
    let events = if kind == "U" {
        vec![]
    } else {
        let (st, substatus, party) = codes::map(kind, code);
        vec![TrackingEvent {
            at,
            status: st,
            substatus,
            party,
            code: if code.is_empty() { kind } else { code }.to_owned(),
            description: status.map(|s| s.description.clone()).unwrap_or_default(),
            location: address.as_ref().and_then(place),
            synthetic: false,
        }]
    };
    let eta = NaiveDate::parse_from_str(&a.scheduled_delivery_date, "%Y%m%d")
        .ok()
        .and_then(|day| {
            let end = time(&a.delivery_end_time).unwrap_or(NaiveTime::from_hms_opt(23, 59, 0)?);
            NaiveDateTime::new(day, end)
                .and_local_timezone(*at.offset())
                .single()
        });
    Ok((
        number,
        Tracking {
            events,
            eta,
            signed_by: a.received_by.filter(|n| !n.trim().is_empty()),
        },
    ))
}

/// "HHMMSS"; blank (as v1 sends an empty field) is no time, not midnight.
fn time(t: &str) -> Option<NaiveTime> {
    if t.trim().is_empty() { None } else { clock(t) }
}

/// The local time, its offset taken from v2's `gmtOffset`, else from the GMT time beside
/// it (whole minutes, within ±14 h), else from the place.
fn at(a: &Alert, address: Option<&Address>) -> Option<DateTime<FixedOffset>> {
    let local = NaiveDate::parse_from_str(&a.local_activity_date, "%Y%m%d")
        .ok()
        .zip(time(&a.local_activity_time))
        .map(|(d, t)| NaiveDateTime::new(d, t));
    let gmt = NaiveDate::parse_from_str(&a.gmt_activity_date, "%Y%m%d")
        .ok()
        .zip(time(&a.gmt_activity_time))
        .map(|(d, t)| NaiveDateTime::new(d, t));
    let Some(local) = local else {
        return gmt.map(|g| g.and_utc().fixed_offset());
    };
    let stated = a.gmt_offset.as_deref().and_then(|o| {
        let (hours, minutes) = o.split_once('.')?;
        let sign = if hours.starts_with('-') { -1 } else { 1 };
        let hours: i64 = hours.trim_start_matches(['-', '+']).parse().ok()?;
        let minutes: i64 = minutes.parse().ok()?;
        (hours <= 14 && minutes < 60).then(|| sign * (hours * 60 + minutes))
    });
    let derived = gmt.map(|g| (local - g).num_minutes());
    let offset = stated
        .or(derived)
        .filter(|m| m.abs() <= MAX_OFFSET_MINUTES)
        .and_then(|m| FixedOffset::east_opt(i32::try_from(m * 60).ok()?));
    match offset {
        Some(offset) => offset.from_local_datetime(&local).single(),
        None => timestamp(
            &a.local_activity_date,
            &a.local_activity_time,
            None,
            address,
        ),
    }
}

impl Ups {
    /// Subscribes up to [`MAX_PER_CALL`] numbers to Track Alert, pushing to `hook`.
    pub(super) async fn subscribe_alerts(
        &self,
        numbers: &[TrackingNumber],
        hook: &PushHook,
    ) -> Result<Subscribed, CarrierError> {
        let url = crate::outbound::join_url(
            &self.base,
            &["api", "track", "v1", "subscription", "standard", "package"],
        );
        let list: Vec<&str> = numbers
            .iter()
            .take(MAX_PER_CALL)
            .map(TrackingNumber::as_str)
            .collect();
        let body = json!({
            "locale": "en_US",
            "countryCode": "US",
            "trackingNumberList": list,
            "destination": {
                "url": hook.url.as_str(),
                "credentialType": "Bearer",
                "credential": hook.credential.expose(),
            },
        });
        let trans_id = super::trans_id();
        let resp = send_authorized(&self.tokens, |token| {
            self.http
                .post(url.clone())
                .bearer_auth(token)
                .header("transId", &trans_id)
                .header("transactionSrc", "shipmate")
                .json(&body)
        })
        .await?;
        let (status, bytes) = crate::carriers::http::read(resp).await?;
        let answer = serde_json::from_slice::<SubscribeAnswer>(&bytes);
        if !(200..300).contains(&status) {
            // A refusal that names the numbers it refused (`TrackSubsServiceErrorResponse`):
            // those are dropped, the others tried again.
            if let Ok(a) = &answer
                && !a.invalid_tracking_numbers.is_empty()
            {
                return Ok(Subscribed {
                    valid: vec![],
                    invalid: a.invalid_tracking_numbers.clone(),
                });
            }
            return Err(match super::parse(status, &bytes) {
                Err(e) => e,
                Ok(_) => CarrierError::Unavailable(format!("HTTP {status}")),
            });
        }
        let answer = answer.map_err(|e| CarrierError::Malformed(e.to_string()))?;
        Ok(Subscribed {
            valid: answer.valid_tracking_numbers,
            invalid: answer.invalid_tracking_numbers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spec's delivered example, as written (`TrackingEvent` examples).
    const DELIVERED: &str = r#"{"trackingNumber":"1Z204W4R0308071865","localActivityDate":"20240423","localActivityTime":"095004",
 "activityLocation":{"city":"CHARLOTTE","stateProvince":"NC","postalCode":"28209","country":"US"},
 "activityStatus":{"type":"D","code":"FS","description":"Delivered","descriptionCode":"011"},
 "scheduledDeliveryDate":"","actualDeliveryDate":"20240423","actualDeliveryTime":"095004",
 "gmtActivityDate":"20240423","gmtActivityTime":"135004","deliveryStartTime":"","deliveryEndTime":"",
 "deliveryTimeDescription":""}"#;

    /// The spec's manifest example: note the leading space in the number.
    const MANIFEST: &str = r#"{"activityLocation":{"city":"","country":"US","postalCode":"","stateProvince":""},
 "activityStatus":{"code":"MP","description":"Shipment Ready for UPS","descriptionCode":"003","type":"M"},
 "actualDeliveryDate":"","actualDeliveryTime":"","deliveryEndTime":"","deliveryPhoto":"","deliveryStartTime":"",
 "deliveryTimeDescription":"","gmtActivityDate":"20240422","gmtActivityTime":"041230",
 "localActivityDate":"20240422","localActivityTime":"091230","scheduledDeliveryDate":"",
 "trackingNumber":" 1ZABCXYZ0112346789"}"#;

    #[test]
    fn the_documented_examples_read_with_the_offset_from_gmt() {
        let (number, t) = parse_alert(DELIVERED.as_bytes()).unwrap();
        assert_eq!(number.as_str(), "1Z204W4R0308071865");
        let e = &t.events[0];
        assert_eq!(e.status.as_str(), "delivered");
        assert_eq!(e.at.to_rfc3339(), "2024-04-23T09:50:04-04:00");
        assert_eq!(e.location.as_deref(), Some("CHARLOTTE, NC, US"));
        assert_eq!(t.eta, None);

        let (number, t) = parse_alert(MANIFEST.as_bytes()).unwrap();
        assert_eq!(number.as_str(), "1ZABCXYZ0112346789");
        assert_eq!(t.events[0].status.as_str(), "info_received");
        assert_eq!(t.events[0].at.to_rfc3339(), "2024-04-22T09:12:30+05:00");
        assert_eq!(t.events[0].location.as_deref(), Some("US"));
    }

    #[test]
    fn out_for_delivery_and_a_scheduled_date_give_the_eta() {
        let body = r#"{"trackingNumber":"1ZXXXXXXXXXXXXXXXX","localActivityDate":"20240112","localActivityTime":"154207",
          "activityLocation":{"city":"Atlanta","stateProvince":"GA","postalCode":"","country":"US"},
          "activityStatus":{"type":"I","code":"OT","description":"Out For Delivery Today"},
          "scheduledDeliveryDate":"20240118","gmtActivityDate":"20240112","gmtActivityTime":"204207","deliveryEndTime":"190000"}"#;
        let (_, t) = parse_alert(body.as_bytes()).unwrap();
        assert_eq!(t.events[0].status.as_str(), "out_for_delivery");
        assert_eq!(t.eta.unwrap().to_rfc3339(), "2024-01-18T19:00:00-05:00");
    }

    #[test]
    fn v2_fields_and_an_updated_date_only_move_the_eta() {
        let body = r#"{"trackingNumber":"1Z204W4R0308071865","localActivityDate":"20240422","localActivityTime":"120000",
          "gmtOffset":"-04.00","activityStatus":{"type":"U","code":"UD","description":"Updated delivery date"},
          "scheduledDeliveryDate":"20240425","receivedBy":""}"#;
        let (_, t) = parse_alert(body.as_bytes()).unwrap();
        assert!(t.events.is_empty());
        assert_eq!(t.eta.unwrap().to_rfc3339(), "2024-04-25T23:59:00-04:00");
        assert_eq!(t.signed_by, None);
    }

    #[test]
    fn a_push_without_number_or_date_is_refused() {
        assert!(parse_alert(b"{}").is_err());
        assert!(parse_alert(br#"{"trackingNumber":"1Z204W4R0308071865"}"#).is_err());
        assert!(
            parse_alert(
                br#"{"trackingNumber":"","localActivityDate":"20240423","localActivityTime":"1"}"#
            )
            .is_err()
        );
    }

    #[test]
    fn an_offset_beyond_fourteen_hours_is_not_believed() {
        let body = |offset: &str| {
            format!(
                r#"{{"trackingNumber":"1Z204W4R0308071865","localActivityDate":"20240423","localActivityTime":"095004",
                "gmtOffset":"{offset}","activityStatus":{{"type":"I","code":"OR","description":"On the Way"}}}}"#
            )
        };
        for hostile in ["999999999.00", "-15.00", "+05.75"] {
            let (_, t) = parse_alert(body(hostile).as_bytes()).unwrap();
            let at = t.events[0].at.to_rfc3339();
            assert_eq!(at, "2024-04-23T09:50:04+00:00", "{hostile}");
        }
        let (_, t) = parse_alert(body("+05.30").as_bytes()).unwrap();
        assert_eq!(t.events[0].at.to_rfc3339(), "2024-04-23T09:50:04+05:30");
        let far = br#"{"trackingNumber":"1Z204W4R0308071865","localActivityDate":"20240423","localActivityTime":"095004",
          "gmtActivityDate":"20240425","gmtActivityTime":"095004"}"#;
        let (_, t) = parse_alert(far).unwrap();
        assert_eq!(t.events[0].at.to_rfc3339(), "2024-04-23T09:50:04+00:00");
    }
}
