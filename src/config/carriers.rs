//! Carrier endpoints in the configuration: where each API is, the platform's credentials
//! (redacted from Debug output), and how politely each account is used.

use std::time::Duration;

use serde::Deserialize;

use super::layers::duration;

#[derive(Debug, Clone, Deserialize)]
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
#[derive(Clone, Deserialize)]
pub struct BasicEndpoint {
    pub base_url: String,
    pub username: String,
    pub password: String,
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

impl std::fmt::Debug for BasicEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "BasicEndpoint {{ base_url: {:?}, username: {:?}, password: <redacted> }}",
            self.base_url, self.username
        )
    }
}

/// A carrier API reached with an API key header.
#[derive(Clone, Deserialize)]
pub struct ApiKeyEndpoint {
    pub base_url: String,
    pub api_key: String,
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

impl std::fmt::Debug for ApiKeyEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ApiKeyEndpoint {{ base_url: {:?}, api_key: <redacted> }}",
            self.base_url
        )
    }
}

/// A carrier API reached with OAuth client credentials.
#[derive(Clone, Deserialize)]
pub struct OAuthEndpoint {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: String,
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

impl std::fmt::Debug for OAuthEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "OAuthEndpoint {{ base_url: {:?}, client_id: {:?}, client_secret: <redacted> }}",
            self.base_url, self.client_id
        )
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct CarrierEndpoint {
    pub base_url: String,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    #[serde(flatten)]
    pub limits: Limits,
}

/// A carrier API that needs no credentials, switched on by the operator.
#[derive(Debug, Clone, Deserialize)]
pub struct SwitchedEndpoint {
    pub enabled: bool,
    #[serde(flatten)]
    pub endpoint: CarrierEndpoint,
}

/// How politely one carrier account is used, shared by every poller process.
#[derive(Debug, Clone, Deserialize)]
pub struct Limits {
    /// Requests per second at most (0 = no limit).
    pub requests_per_second: f64,
    /// Consecutive failed requests that open the circuit breaker.
    pub breaker_failures: u32,
    /// How long an open breaker waits before one probe request.
    #[serde(deserialize_with = "duration")]
    pub breaker_cooldown: Duration,
}
