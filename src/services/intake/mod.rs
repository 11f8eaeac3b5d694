//! Parcels that come in by themselves: a merchant connects its store (the signing secrets
//! and the API token sealed at rest, never shown again), the store's webhooks are checked
//! (signature, shop, duplicates) and answered at once, and web processes apply them from a
//! queue (`apply.rs`): each tracking number of a fulfillment becomes a shipment, a cancelled
//! fulfillment stops tracking, and a delivery older than one already applied changes
//! nothing. The scheduler's reconciliation asks the stores for what the webhooks missed.

mod apply;
mod receive;
mod shopify;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

pub use receive::{Delivery, Received, Refused};
pub use shopify::requests_for_fuzzing as shopify_requests_for_fuzzing;

use super::{Caller, FieldErrors, ServiceError, Shipments};
use crate::config::IntakeConfig;
use crate::domain::{CarrierNames, MerchantId, ShopDomain, SigningSecrets};
use crate::store::Store;
use crate::vault::{Sealed, Vault};

/// What `PUT /integrations/shopify` takes.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ShopifyInput {
    /// `acme.myshopify.com`.
    pub shop: String,
    /// The app's client secret, or the key the store admin shows with its webhooks; two
    /// while one is rotated. Left out: the stored ones stay.
    pub signing_secrets: Option<Vec<String>>,
    /// An Admin API access token that may read orders. Left out: the stored one stays.
    pub access_token: Option<String>,
    /// The store's names for carriers (`tracking_company`) → shipmate's carrier codes.
    pub carrier_names: BTreeMap<String, String>,
}

/// A connected Shopify store as shown: never its secrets.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ShopifyView {
    pub shop: String,
    /// Where the store sends `fulfillments/create` and `fulfillments/update`.
    pub webhook_url: String,
    pub signing_secrets: usize,
    /// The token's last four characters.
    pub access_token_hint: String,
    pub carrier_names: BTreeMap<String, String>,
    pub updated_at: DateTime<Utc>,
}

/// What is stored of a connection; the secrets sealed, bound to the merchant and the source.
#[derive(Serialize, Deserialize)]
struct Stored {
    shop: ShopDomain,
    sealed: Sealed,
    hint: String,
    secrets: usize,
    carrier_names: CarrierNames,
    updated_ms: i64,
}

#[derive(Serialize, Deserialize)]
struct Secrets {
    signing_secrets: SigningSecrets,
    access_token: String,
}

/// An open connection: what applying a delivery needs.
struct Connection {
    shop: ShopDomain,
    secrets: Secrets,
    carrier_names: CarrierNames,
}

pub const SHOPIFY: &str = "shopify";

#[derive(Clone)]
pub struct Intake {
    store: Store,
    shipments: Shipments,
    vault: Option<Arc<Vault>>,
    config: IntakeConfig,
    public_url: String,
    http: reqwest::Client,
    wake: Arc<Notify>,
}

fn bound(m: &MerchantId, source: &str) -> String {
    format!("{m}:{source}")
}

impl Intake {
    pub fn new(
        store: Store,
        shipments: Shipments,
        vault: Option<Arc<Vault>>,
        config: &crate::config::Config,
    ) -> Result<Self, String> {
        Ok(Intake {
            http: shopify::client(config.intake.timeout)?,
            store,
            shipments,
            vault,
            config: config.intake.clone(),
            public_url: config.public_url().to_owned(),
            wake: Arc::new(Notify::new()),
        })
    }

    pub fn with_store(&self, store: Store) -> Self {
        Intake {
            shipments: self.shipments.with_store(store.clone()),
            store,
            ..self.clone()
        }
    }

    pub fn max_body(&self) -> usize {
        self.config.max_body
    }

    fn vault(&self) -> Result<&Vault, ServiceError> {
        self.vault.as_deref().ok_or_else(|| {
            ServiceError::Conflict(
                "store integrations are disabled: the operator must set security.credential_keys"
                    .into(),
            )
        })
    }

    /// Connects (or changes) the caller's Shopify store.
    pub async fn connect_shopify(
        &self,
        by: &Caller,
        input: ShopifyInput,
        now: DateTime<Utc>,
    ) -> Result<ShopifyView, ServiceError> {
        let vault = self.vault()?;
        let mut e = FieldErrors::default();
        let shop = e.check("shop", ShopDomain::parse(&input.shop));
        let secrets = input
            .signing_secrets
            .map(|s| e.check("signing_secrets", SigningSecrets::parse(&s)));
        let token = input.access_token.map(|t| t.trim().to_owned());
        if token
            .as_ref()
            .is_some_and(|t| t.len() < 8 || t.len() > 512 || t.chars().any(char::is_control))
        {
            e.add("access_token", "8–512 characters");
        }
        let names = e.check("carrier_names", CarrierNames::parse(&input.carrier_names));
        let old = self.open(&by.merchant, SHOPIFY).await?;
        let (Some(shop), Some(names)) = (shop, names) else {
            return Err(ServiceError::Invalid(e.0));
        };
        let signing_secrets = match (secrets, &old) {
            (Some(Some(s)), _) => s,
            (None, Some(o)) => o.secrets.signing_secrets.clone(),
            _ => {
                e.add("signing_secrets", "required");
                return Err(ServiceError::Invalid(e.0));
            }
        };
        let access_token = match (token, &old) {
            (Some(t), _) => t,
            (None, Some(o)) => o.secrets.access_token.clone(),
            (None, None) => {
                e.add("access_token", "required");
                return Err(ServiceError::Invalid(e.0));
            }
        };
        if !e.0.is_empty() {
            return Err(ServiceError::Invalid(e.0));
        }
        let count = signing_secrets.len();
        let hint: String = access_token
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let plain = serde_json::to_vec(&Secrets {
            signing_secrets,
            access_token,
        })
        .unwrap_or_default();
        let sealed = vault
            .seal(&plain, &bound(&by.merchant, SHOPIFY))
            .map_err(|e| ServiceError::Conflict(e.to_string()))?;
        let stored = Stored {
            shop,
            sealed,
            hint,
            secrets: count,
            carrier_names: names,
            updated_ms: now.timestamp_millis(),
        };
        let json = serde_json::to_string(&stored).unwrap_or_default();
        self.store
            .save_integration(&by.merchant, SHOPIFY, &json)
            .await?;
        tracing::info!(merchant_id = %by.merchant, by = %by.by, shop = %stored.shop.as_str(), "shopify store connected");
        Ok(self.view(&by.merchant, &stored))
    }

    pub async fn shopify(&self, m: &MerchantId) -> Result<ShopifyView, ServiceError> {
        let stored = self
            .stored(m, SHOPIFY)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(self.view(m, &stored))
    }

    pub async fn disconnect(&self, by: &Caller, source: &str) -> Result<(), ServiceError> {
        if !self.store.delete_integration(&by.merchant, source).await? {
            return Err(ServiceError::NotFound);
        }
        tracing::info!(merchant_id = %by.merchant, by = %by.by, source, "store disconnected");
        Ok(())
    }

    fn view(&self, m: &MerchantId, s: &Stored) -> ShopifyView {
        ShopifyView {
            shop: s.shop.to_string(),
            webhook_url: format!(
                "{}/hooks/shopify/{m}",
                self.public_url.trim_end_matches('/')
            ),
            signing_secrets: s.secrets,
            access_token_hint: format!("…{}", s.hint),
            carrier_names: s.carrier_names.as_map(),
            updated_at: DateTime::from_timestamp_millis(s.updated_ms).unwrap_or_default(),
        }
    }

    async fn stored(&self, m: &MerchantId, source: &str) -> Result<Option<Stored>, ServiceError> {
        let Some(json) = self.store.integration(m, source).await? else {
            return Ok(None);
        };
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| ServiceError::Internal(format!("integration record: {e}")))
    }

    /// The merchant's connection with its secrets opened, if it has one.
    async fn open(&self, m: &MerchantId, source: &str) -> Result<Option<Connection>, ServiceError> {
        let Some(s) = self.stored(m, source).await? else {
            return Ok(None);
        };
        let plain = self
            .vault()?
            .open(&s.sealed, &bound(m, source))
            .map_err(|e| ServiceError::Internal(format!("integration secrets: {e}")))?;
        let secrets: Secrets = serde_json::from_slice(&plain)
            .map_err(|e| ServiceError::Internal(format!("integration secrets: {e}")))?;
        Ok(Some(Connection {
            shop: s.shop,
            secrets,
            carrier_names: s.carrier_names,
        }))
    }
}
