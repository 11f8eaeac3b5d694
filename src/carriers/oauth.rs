//! OAuth 2 client-credentials tokens for carrier APIs: fetched once, cached, refreshed a
//! minute before they expire, one fetch at a time (callers wait for the one in flight).
//! A 401 on a request refreshes the rejected token once; the caller then retries once.

use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Mutex;

use super::CarrierError;

/// Refresh this long before the carrier says the token expires (or a tenth of its life,
/// for short-lived tokens).
const EARLY: Duration = Duration::from_secs(60);

/// How the carrier wants the client credentials sent to its token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// HTTP Basic (`client_secret_basic`; UPS).
    Basic,
    /// In the form body (`client_secret_post`; FedEx).
    Form,
    /// HTTP Basic on a bare POST, answered with `{token, expiraEm}` (Correios CWS).
    BasicBare,
}

pub struct TokenSource {
    http: reqwest::Client,
    url: reqwest::Url,
    auth: ClientAuth,
    client_id: String,
    client_secret: String,
    cached: Mutex<Option<Token>>,
}

#[derive(Clone)]
struct Token {
    value: String,
    refresh_at: Instant,
}

#[derive(Deserialize)]
struct TokenResponse {
    #[serde(alias = "token")]
    access_token: String,
    /// Seconds; some carriers (UPS) send it as a string.
    #[serde(default, deserialize_with = "seconds")]
    expires_in: Option<u64>,
    /// Correios: when the token expires, in Brasília time without an offset.
    #[serde(rename = "expiraEm")]
    expires_at: Option<String>,
}

impl TokenResponse {
    fn lifetime(&self) -> Duration {
        if let Some(secs) = self.expires_in {
            return Duration::from_secs(secs);
        }
        let at = self.expires_at.as_deref().and_then(|t| {
            let local =
                chrono::NaiveDateTime::parse_from_str(t.get(..19)?, "%Y-%m-%dT%H:%M:%S").ok()?;
            chrono::TimeZone::from_local_datetime(&chrono_tz::America::Sao_Paulo, &local).earliest()
        });
        at.and_then(|at| {
            (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
                .to_std()
                .ok()
        })
        .unwrap_or(Duration::from_secs(3600))
    }
}

fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Number(u64),
        Text(String),
    }
    Ok(match Option::<Either>::deserialize(d)? {
        Some(Either::Number(n)) => Some(n),
        Some(Either::Text(s)) => s.trim().parse().ok(),
        None => None,
    })
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "TokenSource({}, client_id={}, secret=<redacted>)",
            self.url, self.client_id
        )
    }
}

impl TokenSource {
    pub fn new(
        http: reqwest::Client,
        url: reqwest::Url,
        auth: ClientAuth,
        client_id: &str,
        client_secret: &str,
    ) -> Self {
        TokenSource {
            http,
            url,
            auth,
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            cached: Mutex::new(None),
        }
    }

    /// A token valid for at least another minute.
    pub async fn token(&self) -> Result<String, CarrierError> {
        let mut cached = self.cached.lock().await;
        if let Some(t) = cached.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.value.clone());
        }
        let fresh = self.fetch().await?;
        *cached = Some(fresh.clone());
        Ok(fresh.value)
    }

    /// The carrier refused `rejected`: fetch a new token unless another caller already did.
    pub async fn refresh(&self, rejected: &str) -> Result<String, CarrierError> {
        let mut cached = self.cached.lock().await;
        if let Some(t) = cached.as_ref().filter(|t| t.value != rejected) {
            return Ok(t.value.clone());
        }
        let fresh = self.fetch().await?;
        *cached = Some(fresh.clone());
        Ok(fresh.value)
    }

    async fn fetch(&self) -> Result<Token, CarrierError> {
        let request = self.http.post(self.url.clone());
        let request = match self.auth {
            ClientAuth::Basic => request
                .basic_auth(&self.client_id, Some(&self.client_secret))
                .form(&[("grant_type", "client_credentials")]),
            ClientAuth::BasicBare => request.basic_auth(&self.client_id, Some(&self.client_secret)),
            ClientAuth::Form => request.form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.as_str()),
            ]),
        };
        let resp = request.send().await?;
        let status = resp.status();
        if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
            return Err(CarrierError::Auth);
        }
        if !status.is_success() {
            return Err(CarrierError::Unavailable(format!(
                "token endpoint answered HTTP {status}"
            )));
        }
        let (_, bytes) = super::http::read(resp).await?;
        let body: TokenResponse = serde_json::from_slice(&bytes)
            .map_err(|e| CarrierError::Malformed(format!("token response: {e}")))?;
        // Whatever the carrier says, a token is asked for again within a day.
        let lifetime = body.lifetime().min(MAX_LIFETIME);
        Ok(Token {
            value: body.access_token,
            refresh_at: Instant::now() + lifetime.saturating_sub(EARLY.min(lifetime / 10)),
        })
    }
}

/// The longest a token is kept, whatever lifetime the carrier gives it.
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// Sends an authorised request; on 401 refreshes the token once and sends once more.
pub async fn send_authorized<F>(
    tokens: &TokenSource,
    build: F,
) -> Result<reqwest::Response, CarrierError>
where
    F: Fn(&str) -> reqwest::RequestBuilder,
{
    let token = tokens.token().await?;
    let resp = build(&token).send().await?;
    if resp.status() != reqwest::StatusCode::UNAUTHORIZED {
        return Ok(resp);
    }
    let token = tokens.refresh(&token).await?;
    let resp = build(&token).send().await?;
    if resp.status() == reqwest::StatusCode::UNAUTHORIZED {
        return Err(CarrierError::Auth);
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_come_from_seconds_or_a_brasilia_expiry() {
        let r: TokenResponse =
            serde_json::from_str(r#"{"access_token": "a", "expires_in": "14399"}"#).unwrap();
        assert_eq!(r.lifetime(), Duration::from_secs(14399));
        let in_two_hours = (chrono::Utc::now() + chrono::Duration::hours(2))
            .with_timezone(&chrono_tz::America::Sao_Paulo)
            .format("%Y-%m-%dT%H:%M:%S");
        let r: TokenResponse = serde_json::from_str(&format!(
            r#"{{"token": "b", "expiraEm": "{in_two_hours}", "zoneOffset": "-03:00"}}"#
        ))
        .unwrap();
        assert_eq!(r.access_token, "b");
        let secs = r.lifetime().as_secs();
        assert!((7190..=7200).contains(&secs), "{secs}");
        let r: TokenResponse = serde_json::from_str(r#"{"token": "c"}"#).unwrap();
        assert_eq!(r.lifetime(), Duration::from_secs(3600));
    }
}
