//! Parcels that come in by themselves: a merchant connects its store (the signing secrets
//! and the API token sealed at rest, never shown again), the store's webhooks are checked
//! (signature, shop, duplicates) and answered at once, and web processes apply them from a
//! queue (`apply.rs`): each tracking number of a fulfillment becomes a shipment, a cancelled
//! fulfillment stops tracking, and a delivery older than one already applied changes
//! nothing. The scheduler's reconciliation asks the stores for what the webhooks missed.

mod apply;
mod connect;
mod receive;
mod reconcile;
mod shopify;
mod shopify_admin;
mod woo;
mod woocommerce;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

pub use receive::{Delivery, Received, Refused};
pub use shopify::requests_for_fuzzing as shopify_requests_for_fuzzing;

use super::{Caller, ServiceError, Shipments};
use crate::config::IntakeConfig;
use crate::domain::{CarrierNames, MerchantId, SigningSecrets};
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

/// What `PUT /integrations/woocommerce` takes.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct WooInput {
    /// The shop's address, `https://shop.example`.
    pub site: String,
    /// The secret of the shop's webhooks (WooCommerce → Settings → Advanced → Webhooks);
    /// two while one is rotated. Left out: the stored ones stay.
    pub signing_secrets: Option<Vec<String>>,
    /// A REST API key that may read orders (`ck_…`, `cs_…`). Left out: the stored ones stay.
    pub consumer_key: Option<String>,
    pub consumer_secret: Option<String>,
    /// The shop's names for carriers (`tracking_provider`) → shipmate's carrier codes.
    pub carrier_names: BTreeMap<String, String>,
}

/// A connected store as shown: never its secrets.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StoreView {
    /// The Shopify store (`acme.myshopify.com`) or the WooCommerce site.
    pub shop: String,
    /// Where the store sends its webhooks.
    pub webhook_url: String,
    pub signing_secrets: usize,
    /// The API token's (Shopify) or consumer key's (WooCommerce) last four characters.
    pub token_hint: String,
    pub carrier_names: BTreeMap<String, String>,
    pub updated_at: DateTime<Utc>,
}

/// What is stored of a connection; the secrets sealed, bound to the merchant and the source.
#[derive(Serialize, Deserialize)]
struct Stored {
    /// A `ShopDomain` (Shopify) or a `StoreSite` (WooCommerce), checked when connected.
    shop: String,
    sealed: Sealed,
    hint: String,
    secrets: usize,
    carrier_names: CarrierNames,
    updated_ms: i64,
}

#[derive(Serialize, Deserialize)]
struct Secrets {
    signing_secrets: SigningSecrets,
    /// Shopify's Admin API token, or WooCommerce's consumer key.
    access_token: String,
    /// WooCommerce's consumer secret.
    #[serde(default)]
    consumer_secret: String,
}

/// An open connection: what applying a delivery needs.
struct Connection {
    shop: String,
    secrets: Secrets,
    carrier_names: CarrierNames,
}

pub const SHOPIFY: &str = "shopify";
pub const WOOCOMMERCE: &str = "woocommerce";

/// A connection as given, parsed: what is left out (`None`) stays as stored.
struct Given {
    shop: String,
    signing_secrets: Option<SigningSecrets>,
    token: Option<String>,
    consumer_secret: Option<String>,
    names: CarrierNames,
}

#[derive(Clone)]
pub struct Intake {
    store: Store,
    shipments: Shipments,
    vault: Option<Arc<Vault>>,
    config: IntakeConfig,
    public_url: String,
    http: reqwest::Client,
    /// For merchants' own sites (WooCommerce): public addresses only.
    sites: reqwest::Client,
    /// Whether merchants' sites may be private addresses (tests, development).
    allow_private: bool,
    wake: Arc<Notify>,
}

fn token_ok(t: &str) -> bool {
    (8..=512).contains(&t.len()) && !t.chars().any(char::is_control)
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
            http: shopify_admin::client(config.intake.timeout)?,
            sites: crate::outbound::public_only(
                config.intake.timeout,
                config.notifier.webhooks_allow_private,
            )?
            .build()
            .map_err(|e| format!("http client: {e}"))?,
            allow_private: config.notifier.webhooks_allow_private,
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

    /// Whether secrets can be sealed (the operator set `security.credential_keys`).
    pub fn sealing(&self) -> bool {
        self.vault.is_some()
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

    /// The merchant's connection to `source`, as shown.
    pub async fn connection(
        &self,
        m: &MerchantId,
        source: &str,
    ) -> Result<StoreView, ServiceError> {
        let stored = self
            .stored(m, source)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(self.view(m, source, &stored))
    }

    pub async fn disconnect(&self, by: &Caller, source: &str) -> Result<(), ServiceError> {
        if !self.store.delete_integration(&by.merchant, source).await? {
            return Err(ServiceError::NotFound);
        }
        tracing::info!(merchant_id = %by.merchant, by = %by.by, source, "store disconnected");
        Ok(())
    }

    fn view(&self, m: &MerchantId, source: &str, s: &Stored) -> StoreView {
        StoreView {
            shop: s.shop.clone(),
            webhook_url: format!(
                "{}/hooks/{source}/{m}",
                self.public_url.trim_end_matches('/')
            ),
            signing_secrets: s.secrets,
            token_hint: format!("…{}", s.hint),
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
