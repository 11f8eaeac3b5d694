//! The web role's HTTP settings.

use std::time::Duration;

use serde::Deserialize;

use super::layers::duration;
use crate::domain::Cidr;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    pub addr: String,
    pub public_url: String,
    pub workers: usize,
    pub body_limit: usize,
    #[serde(deserialize_with = "duration")]
    pub shutdown_timeout: Duration,
    #[serde(deserialize_with = "duration")]
    pub page_cache_ttl: Duration,
    /// How often each worker adds the tracking-page views it counted to the analytics.
    #[serde(deserialize_with = "duration")]
    pub page_views_flush: Duration,
    /// How long an analytics report once read is reused by this process.
    #[serde(deserialize_with = "duration")]
    pub analytics_cache: Duration,
    /// Proxies whose `X-Forwarded-For` / `Forwarded` say who the client is.
    #[serde(deserialize_with = "cidrs")]
    pub trusted_proxies: Vec<Cidr>,
}

/// Comma-separated address blocks ("10.0.0.0/8, 192.0.2.7").
fn cidrs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Cidr>, D::Error> {
    let s = String::deserialize(d)?;
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Cidr::parse(p).map_err(serde::de::Error::custom))
        .collect()
}
