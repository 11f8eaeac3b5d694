//! Creating merchants and their API keys; authenticating API keys.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::ServiceError;
use super::api_keys::{ApiKeys, Caller};

use crate::domain::{ApiKey, AuditAction, AuditEntry, Brand, LookupSlug, Merchant, MerchantId};
use crate::entropy;
use crate::store::{Logo, Store};

use super::merchant_input::{LOGO_MAX_BYTES, LOGO_TYPES, LogoSource, MerchantInput};

/// A created merchant and its API key, which is shown once and never stored.
pub struct NewMerchant {
    pub merchant: Merchant,
    pub api_key: ApiKey,
}

#[derive(Clone)]
pub struct Merchants {
    store: Store,
    http: reqwest::Client,
    keys: ApiKeys,
}

impl Merchants {
    /// `allow_private`: logos may come from private addresses (development only).
    pub fn new(store: Store, allow_private: bool) -> Self {
        // Public addresses only, no redirects, no proxy; built once per process.
        let http = crate::outbound::public_only(Duration::from_secs(5), allow_private)
            .and_then(|b| b.build().map_err(|e| e.to_string()))
            .unwrap_or_default();
        let keys = ApiKeys::new(store.clone());
        Self { store, http, keys }
    }

    /// The same service over another store handle.
    pub fn with_store(&self, store: Store) -> Self {
        Self {
            keys: self.keys.with_store(store.clone()),
            store,
            http: self.http.clone(),
        }
    }

    /// Merchants' API keys (created, listed, revoked, rotated).
    pub fn api_keys(&self) -> &ApiKeys {
        &self.keys
    }

    pub async fn create(
        &self,
        input: MerchantInput,
        now: DateTime<Utc>,
    ) -> Result<NewMerchant, ServiceError> {
        let logo = match input.logo {
            None => None,
            Some(LogoSource::Inline(logo)) => Some(logo),
            Some(LogoSource::Remote(url)) => Some(
                self.fetch_logo(url)
                    .await
                    .map_err(|e| ServiceError::invalid("brand.logo_url", e))?,
            ),
        };
        let id = MerchantId::from_random(entropy::bytes());
        if let Some(slug) = &input.lookup_slug {
            self.reserve(slug, &id).await?;
        }
        let merchant = Merchant {
            id,
            name: input.name,
            brand: Brand {
                has_logo: logo.is_some(),
                ..input.brand
            },
            locale: input.locale,
            timezone: input.timezone,
            created_at: now,
            lookup_slug: input.lookup_slug,
        };
        let made = self.save_new(&merchant, logo.as_ref(), now).await;
        if made.is_err()
            && let Some(slug) = &merchant.lookup_slug
        {
            // Best effort: a failed creation should not keep the slug from the next try.
            let _ = self.store.release_lookup_slug(slug, &merchant.id).await;
        }
        Ok(NewMerchant {
            api_key: made?,
            merchant,
        })
    }

    async fn save_new(
        &self,
        merchant: &Merchant,
        logo: Option<&Logo>,
        now: DateTime<Utc>,
    ) -> Result<ApiKey, ServiceError> {
        // The key's entry first: creating the merchant writes the key's auth index last.
        let api_key = self.keys.first(&merchant.id, now).await?.api_key;
        self.store
            .create_merchant(merchant, &api_key.hash(), logo)
            .await?;
        Ok(api_key)
    }

    /// The caller's merchant as stored now (not from a cache).
    pub async fn profile(&self, merchant: &MerchantId) -> Result<Arc<Merchant>, ServiceError> {
        self.store.forget_merchant(merchant);
        self.store
            .merchant(merchant)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Gives the caller's shop the order lookup `/track/{slug}`, or takes it away (`None`);
    /// a slug another shop holds is a conflict. The old slug is freed after the record
    /// names the new one, so a crash in between leaves it reserved to this shop only.
    pub async fn set_lookup_slug(
        &self,
        by: &Caller,
        slug: Option<LookupSlug>,
        now: DateTime<Utc>,
    ) -> Result<Arc<Merchant>, ServiceError> {
        let current = self.profile(&by.merchant).await?;
        if current.lookup_slug == slug {
            return Ok(current);
        }
        if let Some(new) = &slug {
            self.reserve(new, &by.merchant).await?;
        }
        let mut updated = (*current).clone();
        updated.lookup_slug = slug;
        self.store.save_merchant(&updated).await?;
        if let Some(old) = &current.lookup_slug {
            self.store.release_lookup_slug(old, &by.merchant).await?;
        }
        let value = updated.lookup_slug.as_ref().map(LookupSlug::as_str);
        let entry = AuditEntry {
            at: now,
            key_id: Some(by.key_id.clone()),
            action: AuditAction::MerchantUpdate,
            target: by.merchant.to_string(),
            changes: [("lookup_slug".to_owned(), serde_json::json!(value))].into(),
        };
        self.store.append_audit(&by.merchant, &entry).await?;
        Ok(Arc::new(updated))
    }

    /// The merchant whose order lookup is at `/track/{slug}`.
    pub async fn by_lookup_slug(
        &self,
        slug: &LookupSlug,
    ) -> Result<Option<Arc<Merchant>>, ServiceError> {
        let Some(id) = self.store.merchant_for_lookup_slug(slug).await? else {
            return Ok(None);
        };
        let merchant = self.store.merchant(&id).await?;
        // A reservation whose record never named it (a crash in between) leads nowhere.
        Ok(merchant.filter(|m| m.lookup_slug.as_ref() == Some(slug)))
    }

    async fn reserve(&self, slug: &LookupSlug, merchant: &MerchantId) -> Result<(), ServiceError> {
        if self.store.claim_lookup_slug(slug, merchant).await? {
            Ok(())
        } else {
            Err(ServiceError::Conflict(format!(
                "the lookup slug {slug} is taken by another shop"
            )))
        }
    }

    /// The merchant and key id an API key authenticates as (see [`ApiKeys::authenticate`]).
    pub async fn authenticate(
        &self,
        key: &ApiKey,
        now: DateTime<Utc>,
    ) -> Result<Option<Caller>, ServiceError> {
        self.keys.authenticate(key, now).await
    }

    async fn fetch_logo(&self, url: reqwest::Url) -> Result<Logo, String> {
        let resp = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| format!("could not fetch the logo: {}", e.without_url()))?;
        if !resp.status().is_success() {
            return Err(format!("fetching the logo answered HTTP {}", resp.status()));
        }
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .filter(|t| LOGO_TYPES.contains(&t.as_str()))
            .ok_or_else(|| {
                format!(
                    "the logo must be served as one of {}",
                    LOGO_TYPES.join(", ")
                )
            })?;
        if resp
            .content_length()
            .is_some_and(|n| n > LOGO_MAX_BYTES as u64)
        {
            return Err(format!("logos are at most {} KiB", LOGO_MAX_BYTES / 1024));
        }
        let bytes = crate::outbound::read_capped(resp, LOGO_MAX_BYTES)
            .await
            .map_err(|e| match e {
                crate::outbound::ReadError::TooLarge(_) => {
                    format!("logos are at most {} KiB", LOGO_MAX_BYTES / 1024)
                }
                crate::outbound::ReadError::Http(e) => format!("could not read the logo: {e}"),
            })?;
        Ok(Logo {
            content_type,
            bytes: bytes.to_vec(),
        })
    }
}
