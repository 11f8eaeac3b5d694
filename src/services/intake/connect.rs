//! Connecting a store: its address and secrets parsed, sealed with the credential keys and
//! bound to the merchant and the source; what a change leaves out stays as stored.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{
    Given, Intake, SHOPIFY, Secrets, ShopifyInput, StoreView, Stored, WOOCOMMERCE, WooInput, bound,
    token_ok,
};
use crate::domain::{CarrierNames, ShopDomain, SigningSecrets, StoreSite};
use crate::services::{Caller, FieldErrors, ServiceError};

impl Intake {
    /// Connects (or changes) the caller's Shopify store.
    pub async fn connect_shopify(
        &self,
        by: &Caller,
        input: ShopifyInput,
        now: DateTime<Utc>,
    ) -> Result<StoreView, ServiceError> {
        let mut e = FieldErrors::default();
        let shop = e.check("shop", ShopDomain::parse(&input.shop));
        let given = self.given(
            &mut e,
            input.signing_secrets,
            input.access_token,
            "access_token",
            &input.carrier_names,
        );
        match (shop, given) {
            (Some(shop), Some(mut g)) if e.0.is_empty() => {
                g.shop = shop.to_string();
                self.save(by, SHOPIFY, g, now).await
            }
            _ => Err(ServiceError::Invalid(e.0)),
        }
    }

    /// Connects (or changes) the caller's WooCommerce shop.
    pub async fn connect_woocommerce(
        &self,
        by: &Caller,
        input: WooInput,
        now: DateTime<Utc>,
    ) -> Result<StoreView, ServiceError> {
        let mut e = FieldErrors::default();
        let site = e.check("site", StoreSite::parse(&input.site));
        let private = site.as_ref().and_then(|site| {
            let url = url::Url::parse(site.as_str()).ok()?;
            crate::outbound::refuse_private_literal(&url, self.allow_private).err()
        });
        let site = match private {
            Some(why) => {
                e.add("site", why);
                None
            }
            None => site,
        };
        let given = self.given(
            &mut e,
            input.signing_secrets,
            input.consumer_key,
            "consumer_key",
            &input.carrier_names,
        );
        let secret = input.consumer_secret.map(|t| t.trim().to_owned());
        if secret.as_ref().is_some_and(|t| !token_ok(t)) {
            e.add("consumer_secret", "8–512 characters");
        }
        match (site, given) {
            (Some(site), Some(mut g)) if e.0.is_empty() => {
                g.shop = site.to_string();
                g.consumer_secret = secret;
                self.save(by, WOOCOMMERCE, g, now).await
            }
            _ => Err(ServiceError::Invalid(e.0)),
        }
    }

    /// The fields both stores share, parsed.
    fn given(
        &self,
        e: &mut FieldErrors,
        secrets: Option<Vec<String>>,
        token: Option<String>,
        token_field: &str,
        names: &BTreeMap<String, String>,
    ) -> Option<Given> {
        let signing_secrets =
            secrets.and_then(|s| e.check("signing_secrets", SigningSecrets::parse(&s)));
        let token = token.map(|t| t.trim().to_owned());
        if token.as_ref().is_some_and(|t| !token_ok(t)) {
            e.add(token_field, "8–512 characters");
        }
        let names = e.check("carrier_names", CarrierNames::parse(names))?;
        Some(Given {
            shop: String::new(),
            signing_secrets,
            token,
            consumer_secret: None,
            names,
        })
    }

    /// Seals and stores a connection; what was left out is taken from the stored one.
    async fn save(
        &self,
        by: &Caller,
        source: &str,
        g: Given,
        now: DateTime<Utc>,
    ) -> Result<StoreView, ServiceError> {
        let vault = self.vault()?;
        // Secrets left out stay only for the same shop: never sent to another address.
        let old = self
            .open(&by.merchant, source)
            .await?
            .filter(|c| c.shop == g.shop)
            .map(|c| c.secrets);
        let required = |field: &str| ServiceError::invalid(field, "required");
        let secrets = Secrets {
            signing_secrets: match (g.signing_secrets, &old) {
                (Some(s), _) => s,
                (None, Some(o)) => o.signing_secrets.clone(),
                (None, None) => return Err(required("signing_secrets")),
            },
            access_token: match (g.token, &old) {
                (Some(t), _) => t,
                (None, Some(o)) => o.access_token.clone(),
                (None, None) if source == SHOPIFY => return Err(required("access_token")),
                (None, None) => return Err(required("consumer_key")),
            },
            consumer_secret: match (g.consumer_secret, &old) {
                (Some(t), _) => t,
                (None, Some(o)) => o.consumer_secret.clone(),
                (None, None) if source == WOOCOMMERCE => return Err(required("consumer_secret")),
                (None, None) => String::new(),
            },
        };
        let chars: Vec<char> = secrets.access_token.chars().collect();
        let hint: String = chars[chars.len().saturating_sub(4)..].iter().collect();
        let plain = serde_json::to_vec(&secrets).unwrap_or_default();
        let sealed = vault
            .seal(&plain, &bound(&by.merchant, source))
            .map_err(|e| ServiceError::Conflict(e.to_string()))?;
        let stored = Stored {
            shop: g.shop,
            sealed,
            hint,
            secrets: secrets.signing_secrets.len(),
            carrier_names: g.names,
            updated_ms: now.timestamp_millis(),
        };
        let json = serde_json::to_string(&stored).unwrap_or_default();
        self.store
            .save_integration(&by.merchant, source, &json)
            .await?;
        tracing::info!(merchant_id = %by.merchant, by = %by.by, source, shop = %stored.shop, "store connected");
        Ok(self.view(&by.merchant, source, &stored))
    }
}
