//! Outbound HTTP (carriers, webhooks, SMS, WhatsApp, logos): one way to build a client —
//! redirects never followed, no proxy unless the operator names one (`HTTP(S)_PROXY` in the
//! environment is ignored) — one resolver that answers public addresses only, and one way
//! to read an answer with a size cap, so a hostile server cannot fill the memory.

#![warn(clippy::arithmetic_side_effects)]

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::config::OutboundConfig;
use crate::domain::is_public_address;

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

/// A client that only connects to public addresses (unless `allow_private`), whatever a
/// hostname resolves to.
pub fn public_only(
    timeout: Duration,
    allow_private: bool,
) -> Result<reqwest::ClientBuilder, String> {
    Ok(builder(timeout)?.dns_resolver(Arc::new(PublicOnly { allow_private })))
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
