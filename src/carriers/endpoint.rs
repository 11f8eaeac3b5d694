//! What an adapter is built from: its carrier's row, where the API is, how long to wait, and
//! the account's credentials — the platform's (from `[carriers.<code>]`) or a merchant's.

use std::time::Duration;

use reqwest::Url;
use serde::{Deserialize, Serialize};

use super::info::{Access, CarrierInfo, CredentialKind};
use crate::config::CarrierSettings;
use crate::domain::Secret;

/// A merchant's own credentials for one carrier (also the platform's, read from config).
/// `Debug` shows the client id or user name, never the secret part; serialised only to be
/// sealed in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Credentials {
    OAuth {
        client_id: String,
        #[serde(serialize_with = "Secret::serialize_exposed")]
        client_secret: Secret,
    },
    ApiKey {
        #[serde(serialize_with = "Secret::serialize_exposed")]
        api_key: Secret,
    },
    Basic {
        username: String,
        #[serde(serialize_with = "Secret::serialize_exposed")]
        password: Secret,
    },
}

impl Credentials {
    /// The platform's credentials of a kind, from a carrier's settings.
    fn from_settings(kind: CredentialKind, s: &CarrierSettings) -> Credentials {
        match kind {
            CredentialKind::OAuth => Credentials::OAuth {
                client_id: s.client_id.clone(),
                client_secret: s.client_secret.clone(),
            },
            CredentialKind::ApiKey => Credentials::ApiKey {
                api_key: s.api_key.clone(),
            },
            CredentialKind::Basic => Credentials::Basic {
                username: s.username.clone(),
                password: s.password.clone(),
            },
        }
    }

    /// Of this kind.
    pub fn is(&self, kind: CredentialKind) -> bool {
        matches!(
            (self, kind),
            (Credentials::OAuth { .. }, CredentialKind::OAuth)
                | (Credentials::ApiKey { .. }, CredentialKind::ApiKey)
                | (Credentials::Basic { .. }, CredentialKind::Basic)
        )
    }

    /// Set: the first of them (the client id, key or user name) is not empty.
    fn is_set(&self) -> bool {
        let first = match self {
            Credentials::OAuth { client_id, .. } => client_id,
            Credentials::ApiKey { api_key } => api_key.expose(),
            Credentials::Basic { username, .. } => username,
        };
        !first.is_empty()
    }
}

/// A carrier API and the account to use it with.
pub struct Endpoint {
    pub info: &'static CarrierInfo,
    pub base: Url,
    pub timeout: Duration,
    pub credentials: Option<Credentials>,
}

impl Endpoint {
    /// The platform's account, when the settings turn it on (credentials set, or switched
    /// on for a carrier that needs none).
    pub fn platform(
        info: &'static CarrierInfo,
        s: &CarrierSettings,
    ) -> Result<Option<Endpoint>, String> {
        let credentials = match info.access {
            Access::Open { .. } if !s.enabled => return Ok(None),
            Access::Open { .. } => None,
            Access::Account(kind) => match Credentials::from_settings(kind, s) {
                c if c.is_set() => Some(c),
                _ => return Ok(None),
            },
        };
        Self::new(info, s, credentials).map(Some)
    }

    /// An account at a carrier: the platform's endpoint with these credentials.
    pub fn new(
        info: &'static CarrierInfo,
        s: &CarrierSettings,
        credentials: Option<Credentials>,
    ) -> Result<Endpoint, String> {
        let base =
            Url::parse(&s.base_url).map_err(|e| format!("carriers.{}.base_url: {e}", info.code))?;
        Ok(Endpoint {
            info,
            base,
            timeout: s.timeout,
            credentials,
        })
    }

    /// OAuth client credentials: (client id, secret).
    pub fn oauth(&self) -> Result<(&str, &str), String> {
        match &self.credentials {
            Some(Credentials::OAuth {
                client_id,
                client_secret,
            }) => Ok((client_id, client_secret.expose())),
            _ => Err(self.wrong(CredentialKind::OAuth)),
        }
    }

    /// An API key.
    pub fn api_key(&self) -> Result<&str, String> {
        match &self.credentials {
            Some(Credentials::ApiKey { api_key }) => Ok(api_key.expose()),
            _ => Err(self.wrong(CredentialKind::ApiKey)),
        }
    }

    /// HTTP Basic credentials: (user name, password).
    pub fn basic(&self) -> Result<(&str, &str), String> {
        match &self.credentials {
            Some(Credentials::Basic { username, password }) => Ok((username, password.expose())),
            _ => Err(self.wrong(CredentialKind::Basic)),
        }
    }

    fn wrong(&self, kind: CredentialKind) -> String {
        format!("{} {}", self.info.code, kind.takes())
    }
}
