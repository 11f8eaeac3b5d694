//! Outbound HTTP (carriers, webhooks, SMS, WhatsApp, logos): one way to build a client —
//! redirects never followed, no proxy unless the operator names one (`HTTP(S)_PROXY` in the
//! environment is ignored) — one resolver that answers public addresses only, and one way
//! to read an answer with a size cap, so a hostile server cannot fill the memory; URLs
//! under a base, and `Retry-After` read with its cap.

#![warn(clippy::arithmetic_side_effects)]

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::Url;

use crate::config::OutboundConfig;
use crate::domain::{clock, is_public_address};

static SETTINGS: OnceLock<OutboundConfig> = OnceLock::new();

/// Sets this process's outbound settings (at boot; the first call wins).
pub fn configure(cfg: &OutboundConfig) {
    let _ = SETTINGS.set(cfg.clone());
}

fn settings() -> OutboundConfig {
    SETTINGS.get().cloned().unwrap_or_default()
}

/// The largest answer read from a carrier or provider.
pub fn max_response_bytes() -> usize {
    settings().max_response_bytes
}

/// A client builder with the rules above and `timeout` for the whole exchange.
pub fn builder(timeout: Duration) -> Result<reqwest::ClientBuilder, String> {
    let b = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .redirect(reqwest::redirect::Policy::none());
    let proxy = settings().proxy;
    if proxy.trim().is_empty() {
        return Ok(b.no_proxy());
    }
    let proxy = reqwest::Proxy::all(proxy.trim()).map_err(|e| format!("outbound.proxy: {e}"))?;
    Ok(b.proxy(proxy))
}

/// A client with the rules above (credentials never travel to another host): carriers'.
pub fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    builder(timeout)?
        .build()
        .map_err(|e| format!("http client: {e}"))
}

/// A client that only connects to public addresses (unless `allow_private`), whatever a
/// hostname resolves to.
pub fn public_only(
    timeout: Duration,
    allow_private: bool,
) -> Result<reqwest::ClientBuilder, String> {
    Ok(builder(timeout)?.dns_resolver(Arc::new(PublicOnly { allow_private })))
}

/// Refuses a URL whose host is a private, loopback or link-local address literal (unless
/// `allow_private`): a literal is never resolved, so [`public_only`]'s resolver cannot.
pub fn refuse_private_literal(url: &Url, allow_private: bool) -> Result<(), String> {
    let host = url.host_str().unwrap_or("");
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let Ok(literal) = host.parse::<std::net::IpAddr>() else {
        return Ok(());
    };
    if allow_private || is_public_address(literal) {
        Ok(())
    } else {
        Err("must not point to a private, loopback or link-local address".into())
    }
}

/// An answer larger than the cap.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the answer is larger than {0} bytes")]
    TooLarge(usize),
    #[error("{0}")]
    Http(String),
}

/// Reads an answer's body, stopping (and dropping the connection) past `cap` bytes.
pub async fn read_capped(mut resp: reqwest::Response, cap: usize) -> Result<Vec<u8>, ReadError> {
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Err(ReadError::TooLarge(cap));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| ReadError::Http(e.without_url().to_string()))?
    {
        if body.len().saturating_add(chunk.len()) > cap {
            return Err(ReadError::TooLarge(cap));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// An error answer's JSON body (capped), `Null` when it is not JSON.
pub async fn error_json(resp: reqwest::Response) -> serde_json::Value {
    match read_capped(resp, max_response_bytes()).await {
        Ok(body) => serde_json::from_slice(&body).unwrap_or_default(),
        Err(_) => serde_json::Value::Null,
    }
}

/// `base` with `segments` appended to its path (percent-encoded), its query kept.
pub fn join_url(base: &Url, segments: &[&str]) -> Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

/// The answer's `Retry-After`, read as [`parse_retry_after`] does.
pub fn retry_after(resp: &reqwest::Response) -> Option<Duration> {
    let value = resp.headers().get(reqwest::header::RETRY_AFTER)?;
    parse_retry_after(value.to_str().ok()?, Utc::now())
}

/// Reads `Retry-After`: delay-seconds or an HTTP date, capped at a day (a hostile or broken
/// server cannot hold an account or a message for longer).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still "a very long time".
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(clock::retry_after(Duration::from_secs(secs)));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at
        .with_timezone(&Utc)
        .signed_duration_since(now)
        .to_std()
        .unwrap_or_default();
    Some(clock::retry_after(wait))
}

/// DNS that answers only public addresses (unless private ones are allowed), so a hostname
/// cannot point shipmate at the inside of the network.
struct PublicOnly {
    allow_private: bool,
}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow = self.allow_private;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0))
                .await?
                .filter(|a| allow || is_public_address(a.ip()))
                .collect();
            if addrs.is_empty() {
                let e: Box<dyn std::error::Error + Send + Sync> =
                    format!("{} has no public address", name.as_str()).into();
                return Err(e);
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
            .unwrap();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        let date = "Sun, 22 Nov 2026 10:01:30 GMT";
        assert_eq!(parse_retry_after(date, now), Some(Duration::from_secs(90)));
        assert_eq!(parse_retry_after("soon", now), None);
        let day = Some(Duration::from_secs(86_400));
        assert_eq!(parse_retry_after("100000000000000", now), day);
        assert_eq!(parse_retry_after("99999999999999999999999", now), day);
        assert_eq!(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now), day);
        assert_eq!(parse_retry_after("-5", now), None);
        let zeros = format!("{}725", "0".repeat(127));
        assert_eq!(
            parse_retry_after(&zeros, now),
            Some(Duration::from_secs(725))
        );
    }

    #[test]
    fn joined_urls_keep_the_base_path_and_query() {
        let base = Url::parse("https://api.example/v2/?k=1").unwrap();
        assert_eq!(
            join_url(&base, &["a b", "c"]).as_str(),
            "https://api.example/v2/a%20b/c?k=1"
        );
    }
}
