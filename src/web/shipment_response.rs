//! The merchant API's view of a shipment (full names, events newest first).

use chrono::{DateTime, FixedOffset, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use crate::domain::estimate::{Source, Window};
use crate::domain::{EmailAddress, Shipment};

#[derive(Serialize, JsonSchema)]
pub struct ShipmentResponse {
    pub id: String,
    pub status: &'static str,
    pub substatus: Option<&'static str>,
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: String,
    pub order: serde_json::Value,
    pub customer: Option<serde_json::Value>,
    pub destination: serde_json::Value,
    pub eta: Option<DateTime<FixedOffset>>,
    /// When it should arrive: the carrier's date, else the window learned from the
    /// merchant's delivered parcels, else the promise (`source` says which); none once
    /// delivered or ended, or when nothing is known.
    pub estimate: Option<EstimateResponse>,
    pub late: bool,
    /// Why it needs attention now, if it does: `exception`, `failed_attempt`,
    /// `return_to_sender`, `stalled`, `forgotten` or `late`.
    pub attention: Option<&'static str>,
    pub events: Vec<EventResponse>,
    pub created_at: DateTime<Utc>,
    pub last_polled_at: Option<DateTime<Utc>>,
    /// When the carrier last answered (differs from `last_polled_at` while it is failing).
    pub updated_at: Option<DateTime<Utc>>,
    /// Who signed for the delivery, when the carrier says.
    pub signed_by: Option<String>,
    pub next_poll_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, JsonSchema)]
pub struct EstimateResponse {
    pub earliest: DateTime<Utc>,
    pub likely: DateTime<Utc>,
    pub latest: DateTime<Utc>,
    /// `carrier`, `learned` or `promise`.
    pub source: &'static str,
    /// How much a learned window rests on (0–1: the recent parcels of its lane, n/(n+10));
    /// 1 for the carrier's date and the promise.
    pub confidence: f64,
    /// The last revision of a learned window told to the customer (its likely day moved
    /// by more than a day, or past the promise): when, and the days it replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revised: Option<RevisedResponse>,
}

#[derive(Serialize, JsonSchema)]
pub struct RevisedResponse {
    pub at: DateTime<Utc>,
    pub from_likely: DateTime<Utc>,
    pub from_latest: DateTime<Utc>,
}

impl From<Window> for EstimateResponse {
    fn from(w: Window) -> Self {
        EstimateResponse {
            earliest: w.earliest,
            likely: w.likely,
            latest: w.latest,
            source: match w.source {
                Source::Carrier => "carrier",
                Source::Learned => "learned",
                Source::Promise => "promise",
            },
            confidence: (w.confidence * 1000.0).round() / 1000.0,
            revised: None,
        }
    }
}

#[derive(Serialize, JsonSchema)]
pub struct EventResponse {
    pub time: DateTime<FixedOffset>,
    pub status: &'static str,
    pub substatus: Option<&'static str>,
    pub responsible_party: Option<&'static str>,
    pub description: String,
    pub location: Option<String>,
    pub carrier_code: String,
    pub synthetic: bool,
}

impl ShipmentResponse {
    /// The response with its delivery window.
    pub fn with(s: Shipment, tracking_url: String, estimate: Option<Window>) -> Self {
        let revised = s
            .stated
            .as_ref()
            .filter(|_| {
                estimate
                    .as_ref()
                    .is_some_and(|w| w.source == Source::Learned)
            })
            .and_then(|st| {
                let (from_likely, from_latest) = st.from?;
                Some(RevisedResponse {
                    at: st.at,
                    from_likely,
                    from_latest,
                })
            });
        ShipmentResponse {
            estimate: estimate.map(|w| EstimateResponse {
                revised,
                ..EstimateResponse::from(w)
            }),
            ..Self::new(s, tracking_url)
        }
    }

    pub fn new(s: Shipment, tracking_url: String) -> Self {
        let events = s
            .events
            .iter()
            .rev()
            .map(|e| EventResponse {
                time: e.at,
                status: e.status.as_str(),
                substatus: e.substatus.map(|x| x.as_str()),
                responsible_party: e.party.map(|p| p.as_str()),
                description: e.description.clone(),
                location: e.location.clone(),
                carrier_code: e.code.clone(),
                synthetic: e.synthetic,
            })
            .collect();
        ShipmentResponse {
            id: s.id.to_string(),
            status: s.status.as_str(),
            substatus: s.substatus.map(|x| x.as_str()),
            carrier: s.carrier.to_string(),
            tracking_number: s.tracking_number.to_string(),
            tracking_url,
            late: s.is_late(),
            attention: s.attention(Utc::now()).map(|a| a.as_str()),
            order: serde_json::json!({
                "number": s.order.number,
                "promised_by": s.order.promised_by,
                "items": s.order.items.iter().map(|i| serde_json::json!({"name": i.name, "quantity": i.quantity})).collect::<Vec<_>>(),
            }),
            customer: s.customer.map(|c| {
                serde_json::json!({
                    "name": c.name,
                    "email": c.email.as_ref().map(EmailAddress::as_str),
                    "phone": c.phone,
                    "locale": c.locale,
                })
            }),
            destination: serde_json::json!({
                "city": s.destination.city,
                "postcode": s.destination.postcode,
                "country": s.destination.country,
                "timezone": s.destination.timezone,
            }),
            eta: s.eta,
            estimate: None,
            events,
            created_at: s.created_at,
            last_polled_at: s.last_polled_at,
            updated_at: s.updated_at,
            signed_by: s.signed_by,
            next_poll_at: s.next_poll_at,
        }
    }
}
