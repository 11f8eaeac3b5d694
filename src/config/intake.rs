//! `[intake]`: shops that send their parcels in (Shopify and WooCommerce webhooks, and the
//! reconciliation that asks the stores for what the webhooks missed).

use std::time::Duration;

use serde::Deserialize;

use super::ConfigError;
use super::layers::duration;
use super::notifier::durations;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeConfig {
    /// Largest webhook body taken (bytes).
    pub max_body: usize,
    /// A Shopify store's Admin API, `{shop}` standing for `acme.myshopify.com`.
    pub shopify_admin_url: String,
    /// The Admin API version asked for.
    pub shopify_api_version: String,
    /// One request to a store's API (connect, answer, body).
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    /// A delivery that could not be applied (Redis or the store's API down) waits the n-th
    /// entry before the n+1-th try; past the last it is dropped (reconciliation finds it).
    #[serde(deserialize_with = "durations")]
    pub retry: Vec<Duration>,
    /// How long a claimed delivery is held; another web process takes it over after this.
    #[serde(deserialize_with = "duration")]
    pub lease: Duration,
    /// How often an idle web process looks for deliveries (a delivery wakes its own).
    #[serde(deserialize_with = "duration")]
    pub interval: Duration,
    /// How far back the first reconciliation of a store looks.
    #[serde(deserialize_with = "duration")]
    pub first_lookback: Duration,
}

impl IntakeConfig {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
        if !self.shopify_admin_url.contains("{shop}") {
            return Err(ConfigError::Value(
                "intake.shopify_admin_url: must contain {shop}".into(),
            ));
        }
        if self.timeout >= self.lease || self.max_body == 0 {
            return Err(ConfigError::Value(
                "intake: timeout shorter than lease, max_body above zero".into(),
            ));
        }
        Ok(())
    }
}
