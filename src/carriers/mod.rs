//! Carrier adapters: one folder per carrier (`<code>/`: the adapter in `mod.rs`, its code
//! table in `codes.rs`, wire types and tests) behind [`Carrier`], and one row per carrier in
//! [`table::CARRIERS`] saying everything else about it (name, tracking page, credentials,
//! number lengths and formats, default endpoint). Wire types stay private to each adapter,
//! which returns events already mapped to the domain model.

mod aftership;
mod canada_post;
mod classify;
mod correios;
pub mod detect;
mod dhl;
mod endpoint;
mod fedex;
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod info;
mod inpost;
mod oauth;
pub mod registry;
mod royal_mail;
mod sandbox;
pub mod table;
mod ups;
mod usps;

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset};

use crate::domain::{CarrierCode, Invalid, TrackingEvent, TrackingNumber};

pub use aftership::parse as parse_aftership;
pub use dhl::parse_push as parse_dhl_push;
pub use fedex::parse as parse_fedex;
pub use ups::{ALERT_MAX_PER_CALL, parse_alert as parse_ups_alert};

/// Where a carrier pushes scans: shipmate's URL and the opaque credential it sends back.
pub struct PushHook {
    pub url: reqwest::Url,
    pub credential: crate::domain::Secret,
}

/// What a push subscription came to: the numbers the carrier took and those it refused.
#[derive(Debug, Default)]
pub struct Subscribed {
    pub valid: Vec<String>,
    pub invalid: Vec<String>,
}
pub use endpoint::{Credentials, Endpoint};
pub use info::{Access, Adapter, CarrierInfo, CredentialKind};
pub use registry::Carriers;
pub use sandbox::Sandbox;
pub use sandbox::codes::SANDBOX_CODES;

/// What a carrier knows about one tracking number.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracking {
    pub events: Vec<TrackingEvent>,
    pub eta: Option<DateTime<FixedOffset>>,
    /// Who signed for the delivery (personal data: the merchant's API shows it, public
    /// pages never do, and erasure clears it).
    pub signed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CarrierError {
    /// The carrier does not know the number (yet).
    #[error("not found at the carrier yet")]
    NotFound,
    #[error("the carrier rejects this tracking number")]
    InvalidNumber,
    #[error("the carrier refused our credentials")]
    Auth,
    #[error("rate limited by the carrier")]
    RateLimited { retry_after: Option<Duration> },
    #[error("carrier unavailable: {0}")]
    Unavailable(String),
    #[error("carrier answered something we cannot read: {0}")]
    Malformed(String),
}

/// A request that did not get an answer (connection, timeout, body): worth retrying. The
/// message leaves the URL out, so query strings never reach the logs.
impl From<reqwest::Error> for CarrierError {
    fn from(e: reqwest::Error) -> Self {
        CarrierError::Unavailable(e.without_url().to_string())
    }
}

impl CarrierError {
    /// A short name for metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            CarrierError::NotFound => "not_found",
            CarrierError::InvalidNumber => "invalid_number",
            CarrierError::Auth => "auth",
            CarrierError::RateLimited { .. } => "rate_limited",
            CarrierError::Unavailable(_) => "unavailable",
            CarrierError::Malformed(_) => "malformed",
        }
    }

    /// Worth retrying soon with back-off (as opposed to a fact about the number).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            CarrierError::RateLimited { .. }
                | CarrierError::Unavailable(_)
                | CarrierError::Malformed(_)
        )
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            CarrierError::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}

/// One carrier's tracking API.
#[async_trait]
pub trait Carrier: Send + Sync {
    /// The carrier's row of [`table::CARRIERS`].
    fn info(&self) -> &'static CarrierInfo;
    fn code(&self) -> CarrierCode {
        self.info().carrier_code()
    }
    /// Name shown to customers.
    fn display_name(&self) -> &str {
        self.info().name
    }
    /// The carrier's own tracking page for a number.
    fn public_url(&self, number: &TrackingNumber) -> Option<String> {
        self.info().public_url(number)
    }
    /// Numbers per request the API accepts.
    fn max_batch(&self) -> usize {
        1
    }

    /// Whether a (normalised) number has this carrier's format (by default: a length the
    /// API of the carrier it speaks for accepts).
    fn check_number(&self, number: &TrackingNumber) -> Result<(), Invalid> {
        table::info(self.code().as_str()).map_or(Ok(()), |c| c.check_length(number))
    }

    /// Tracks one number. Implement this or `track`: each defaults to the other.
    async fn track_one(&self, number: &TrackingNumber) -> Result<Tracking, CarrierError> {
        let mut results = self.track(std::slice::from_ref(number)).await?;
        results
            .pop()
            .map_or(Err(CarrierError::NotFound), |(_, r)| r)
    }

    /// Tracks a batch. The outer error fails the whole request (credentials, rate limit);
    /// inner ones are per number. By default, one request per number.
    async fn track(
        &self,
        numbers: &[TrackingNumber],
    ) -> Result<Vec<(TrackingNumber, Result<Tracking, CarrierError>)>, CarrierError> {
        http::one_by_one(numbers, |n| self.track_one(n)).await
    }

    /// Asks the carrier to push scans of `numbers` to `hook` (UPS Track Alert). A carrier
    /// without a subscription API says so.
    async fn subscribe(
        &self,
        _numbers: &[TrackingNumber],
        _hook: &PushHook,
    ) -> Result<Subscribed, CarrierError> {
        Err(CarrierError::Unavailable(format!(
            "{} takes no push subscriptions",
            self.code()
        )))
    }

    /// Checks that the carrier accepts our credentials: asks about a number that does not
    /// exist, so "not found" means the credentials work.
    async fn verify(&self) -> Result<(), CarrierError> {
        let probe =
            TrackingNumber::parse("0000000000000000").map_err(|e| CarrierError::Malformed(e.0))?;
        match self.track(&[probe]).await {
            Ok(_) | Err(CarrierError::NotFound | CarrierError::InvalidNumber) => Ok(()),
            Err(e) => Err(e),
        }
    }
}
