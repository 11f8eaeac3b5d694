//! Carrier endpoints in the configuration: where each API is, the platform's credentials
//! (`Secret`s, redacted from Debug output), and how politely each account is used.

use std::time::Duration;

use serde::Deserialize;

use super::layers::duration;
use crate::domain::Secret;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriersConfig {
    pub sandbox: CarrierEndpoint,
    pub aftership: ApiKeyEndpoint,
    pub inpost: SwitchedEndpoint,
    pub canada_post: BasicEndpoint,
    pub correios: BasicEndpoint,
    pub dhl: ApiKeyEndpoint,
    pub fedex: OAuthEndpoint,
    pub royal_mail: OAuthEndpoint,
    pub ups: OAuthEndpoint,
    pub usps: OAuthEndpoint,
}

/// A carrier API reached with HTTP Basic credentials.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicEndpoint {
    pub base_url: String,
    pub username: String,
    pub password: Secret,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    #[serde(flatten)]
    pub limits: Limits,
}

impl BasicEndpoint {
    /// Configured: a username is set.
    pub fn enabled(&self) -> bool {
        !self.username.is_empty()
    }
}

/// A carrier API reached with an API key header.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyEndpoint {
    pub base_url: String,
    pub api_key: Secret,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    #[serde(flatten)]
    pub limits: Limits,
}

impl ApiKeyEndpoint {
    /// Configured: a key is set.
    pub fn enabled(&self) -> bool {
        !self.api_key.is_empty()
    }
}

/// A carrier API reached with OAuth client credentials.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthEndpoint {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    #[serde(flatten)]
    pub limits: Limits,
}

impl OAuthEndpoint {
    /// Configured: credentials are set.
    pub fn enabled(&self) -> bool {
        !self.client_id.is_empty()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierEndpoint {
    pub base_url: String,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    #[serde(flatten)]
    pub limits: Limits,
}

/// A carrier API that needs no credentials, switched on by the operator.
/// Unknown keys are refused by the flattened `endpoint` (which sees every key but
/// `enabled`): refusing them here too would refuse the endpoint's own keys.
#[derive(Debug, Clone, Deserialize)]
pub struct SwitchedEndpoint {
    pub enabled: bool,
    #[serde(flatten)]
    pub endpoint: CarrierEndpoint,
}

/// How politely one carrier account is used, shared by every poller process.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Requests per second at most (0 = no limit).
    pub requests_per_second: f64,
    /// Consecutive failed requests that open the circuit breaker.
    pub breaker_failures: u32,
    /// How long an open breaker waits before one probe request.
    #[serde(deserialize_with = "duration")]
    pub breaker_cooldown: Duration,
}
