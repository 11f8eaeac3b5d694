//! The sandbox carrier: shipmate's own carrier-sim, spoken to over HTTP like a real API.

pub mod codes;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset};
use reqwest::Url;
use serde::Deserialize;

use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{Invalid, TrackingEvent, TrackingNumber};
use codes::map_code;

/// Journeys carrier-sim knows, by the two letters after `SB`.
pub const SCENARIOS: [&str; 8] = ["OT", "DL", "EX", "FA", "PU", "RT", "ST", "CU"];

pub struct Sandbox {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
}

#[derive(Deserialize)]
struct WireResponse {
    results: Vec<WireResult>,
}

#[derive(Deserialize)]
struct WireResult {
    number: String,
    found: bool,
    #[serde(default)]
    events: Vec<WireEvent>,
    eta: Option<DateTime<FixedOffset>>,
}

#[derive(Deserialize)]
struct WireEvent {
    code: String,
    time: DateTime<FixedOffset>,
    location: Option<String>,
    message: String,
}

impl Sandbox {
    pub fn new(e: &Endpoint) -> Result<Sandbox, String> {
        Ok(Sandbox {
            info: e.info,
            http: crate::outbound::client(e.timeout)?,
            base: e.base.clone(),
        })
    }

    fn url(&self, segments: &[&str]) -> Url {
        crate::outbound::join_url(&self.base, segments)
    }
}

#[async_trait]
impl Carrier for Sandbox {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    fn public_url(&self, number: &TrackingNumber) -> Option<String> {
        Some(self.url(&["track", number.as_str()]).to_string())
    }

    fn max_batch(&self) -> usize {
        40
    }

    fn check_number(&self, number: &TrackingNumber) -> Result<(), Invalid> {
        let n = number.as_str();
        let ok = n.len() == 12
            && n.starts_with("SB")
            && SCENARIOS.contains(&&n[2..4])
            && n[4..].bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(())
        } else {
            Err(Invalid::new(format!(
                "sandbox numbers are SB + a scenario ({}) + 8 digits",
                SCENARIOS.join(", ")
            )))
        }
    }

    async fn track(
        &self,
        numbers: &[TrackingNumber],
    ) -> Result<Vec<(TrackingNumber, Result<Tracking, CarrierError>)>, CarrierError> {
        let body = serde_json::json!({ "numbers": numbers.iter().map(|n| n.as_str()).collect::<Vec<_>>() });
        let resp = self
            .http
            .post(self.url(&["v1", "track"]))
            .json(&body)
            .send()
            .await?;
        let (status, bytes) = super::http::read(resp).await?;
        let results = parse(status, &bytes)?;
        let mut out = Vec::with_capacity(numbers.len());
        for number in numbers {
            let result = results
                .iter()
                .find(|(n, _)| n == number.as_str())
                .map_or(Err(CarrierError::NotFound), |(_, r)| r.clone());
            out.push((number.clone(), result));
        }
        Ok(out)
    }
}

/// Each number of an answer with what the carrier said of it.
pub type PerNumber = Vec<(String, Result<Tracking, CarrierError>)>;

/// Reads an answer (any HTTP status): per number in it, events or `NotFound`; a
/// request-wide failure is the outer error.
pub fn parse(http_status: u16, body: &[u8]) -> Result<PerNumber, CarrierError> {
    match http_status {
        200 => {}
        401 | 403 => return Err(CarrierError::Auth),
        s => return Err(CarrierError::Unavailable(format!("HTTP {s}"))),
    }
    let wire: WireResponse =
        serde_json::from_slice(body).map_err(|e| CarrierError::Malformed(e.to_string()))?;
    Ok(wire
        .results
        .iter()
        .map(|r| {
            let result = if r.found {
                Ok(normalise(r))
            } else {
                Err(CarrierError::NotFound)
            };
            (r.number.clone(), result)
        })
        .collect())
}

fn normalise(r: &WireResult) -> Tracking {
    let events = r
        .events
        .iter()
        .map(|e| {
            let (status, substatus, party) = map_code(&e.code);
            TrackingEvent {
                at: e.time,
                status,
                substatus,
                party,
                code: e.code.clone(),
                description: e.message.clone(),
                location: e.location.clone(),
                synthetic: false,
            }
        })
        .collect();
    Tracking {
        events,
        eta: r.eta,
        signed_by: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sandbox() -> Sandbox {
        let mut config = crate::config::Config::from_layers(&[], std::iter::empty()).unwrap();
        config.carriers["sandbox"].base_url = "http://sim.local/base/".into();
        let info = crate::carriers::table::info("sandbox").unwrap();
        let endpoint = Endpoint::platform(info, &config.carriers["sandbox"]).unwrap();
        Sandbox::new(&endpoint.unwrap()).unwrap()
    }

    #[test]
    fn checks_the_sandbox_number_format() {
        let s = sandbox();
        assert!(
            s.check_number(&TrackingNumber::parse("SBOT12345678").unwrap())
                .is_ok()
        );
        for bad in [
            "SBZZ12345678",
            "SBOT1234567",
            "XXOT12345678",
            "SBOT1234567A",
        ] {
            assert!(
                s.check_number(&TrackingNumber::parse(bad).unwrap())
                    .is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn urls_keep_the_base_path() {
        let n = TrackingNumber::parse("SBOT12345678").unwrap();
        assert_eq!(
            s_url(&sandbox(), &n),
            "http://sim.local/base/track/SBOT12345678"
        );
    }

    fn s_url(s: &Sandbox, n: &TrackingNumber) -> String {
        s.public_url(n).unwrap()
    }
}
