//! Creating merchants and their API keys; authenticating API keys.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use super::ServiceError;
use super::api_keys::ApiKeys;
use super::caller::Caller;
use super::console::Console;

use crate::domain::{ApiKey, Brand, LogoStatus, LookupSlug, Merchant, MerchantId, Role};
use crate::entropy;
use crate::store::{Logo, Store};

use super::merchant_input::{LogoSource, MerchantInput};

/// A created merchant and its API key, which is shown once and never stored.
pub struct NewMerchant {
    pub merchant: Merchant,
    pub api_key: ApiKey,
    /// The owner's invitation link to the console (shown once), when an owner was named.
    pub owner_invitation: Option<String>,
}

#[derive(Clone)]
pub struct Merchants {
    store: Store,
    keys: ApiKeys,
    /// Wakes this process's logo fetcher (`Logos::waker`).
    logo_wake: Arc<Notify>,
    console: Console,
}

impl Merchants {
    pub fn new(store: Store, logo_wake: Arc<Notify>, console: Console) -> Self {
        let keys = ApiKeys::new(store.clone());
        Self {
            store,
            keys,
            logo_wake,
            console,
        }
    }

    /// The same service over another store handle.
    pub fn with_store(&self, store: Store) -> Self {
        Self {
            keys: self.keys.with_store(store.clone()),
            console: self.console.with_store(store.clone()),
            store,
            logo_wake: self.logo_wake.clone(),
        }
    }

    /// Merchants' API keys (created, listed, revoked, rotated).
    pub(super) fn store(&self) -> &Store {
        &self.store
    }

    pub fn api_keys(&self) -> &ApiKeys {
        &self.keys
    }

    /// Creates the merchant at once: an inline logo is stored with it, a logo URL is
    /// fetched in the background (the logo is `pending` until then).
    pub async fn create(
        &self,
        input: MerchantInput,
        now: DateTime<Utc>,
    ) -> Result<NewMerchant, ServiceError> {
        let (logo, status, fetch_at) = match input.logo {
            None => (None, None, None),
            Some(LogoSource::Inline(bytes)) => {
                let logo = super::logo_image::reencode_off_thread(bytes)
                    .await
                    .map_err(|e| ServiceError::invalid("logo_url", &e.0))?;
                (Some(logo), Some(LogoStatus::inline()), None)
            }
            Some(LogoSource::Remote(url)) => {
                (None, Some(LogoStatus::pending(url.as_str())), Some(now))
            }
        };
        if let Some(owner) = &input.owner
            && self.store.user_by_email(owner).await?.is_some()
        {
            return Err(ServiceError::invalid(
                "owner_email",
                "has a console account already",
            ));
        }
        let id = MerchantId::from_random(entropy::bytes());
        if let Some(slug) = &input.lookup_slug {
            self.reserve(slug, &id).await?;
        }
        let merchant = Merchant {
            id,
            name: input.name,
            brand: Brand {
                logo: status,
                ..input.brand
            },
            locale: input.locale,
            timezone: input.timezone,
            created_at: now,
            lookup_slug: input.lookup_slug,
        };
        let made = self.save_new(&merchant, logo.as_ref(), fetch_at, now).await;
        if made.is_err()
            && let Some(slug) = &merchant.lookup_slug
        {
            // Best effort: a failed creation should not keep the slug from the next try.
            let _ = self.store.release_lookup_slug(slug, &merchant.id).await;
        }
        let api_key = made?;
        if fetch_at.is_some() {
            self.logo_wake.notify_one();
        }
        let owner_invitation = match input.owner {
            Some(owner) => {
                let invited = self.console.invite(&merchant.id, owner, Role::Owner, now);
                Some(self.console.invitation_url(&invited.await?.1))
            }
            None => None,
        };
        Ok(NewMerchant {
            api_key,
            merchant,
            owner_invitation,
        })
    }

    async fn save_new(
        &self,
        merchant: &Merchant,
        logo: Option<&Logo>,
        fetch_logo_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<ApiKey, ServiceError> {
        // The key's entry first: creating the merchant writes the key's auth index last.
        let api_key = self.keys.first(&merchant.id, now).await?.api_key;
        self.store
            .create_merchant(merchant, &api_key.hash(), logo, fetch_logo_at)
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

    pub(super) async fn reserve(
        &self,
        slug: &LookupSlug,
        merchant: &MerchantId,
    ) -> Result<(), ServiceError> {
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
}
