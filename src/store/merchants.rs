//! Merchants, their API keys (stored as hashes only) and their logos.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::{MERCHANT_TTL, Result, Store, decode, encode, ms, scripts};
use crate::domain::{LookupSlug, Merchant, MerchantId};

/// A logo image served by shipmate itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Saves a new merchant with its first API key (hash) and optional logo, queueing the
    /// logo's fetch at `fetch_logo_at`.
    pub async fn create_merchant(
        &self,
        merchant: &Merchant,
        key_hash: &str,
        logo: Option<&Logo>,
        fetch_logo_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        // Across slots, so not one transaction: the key that finds the merchant is written
        // last, so a crash in between leaves nothing reachable half-made.
        let mut cmds = vec![
            redis::cmd("SET")
                .arg(self.keys.merchant(&merchant.id))
                .arg(encode(merchant))
                .to_owned(),
        ];
        if let Some(logo) = logo {
            cmds.push(
                redis::cmd("HSET")
                    .arg(self.keys.logo(&merchant.id))
                    .arg("type")
                    .arg(&logo.content_type)
                    .arg("bytes")
                    .arg(&logo.bytes)
                    .to_owned(),
            );
        }
        if let Some(at) = fetch_logo_at {
            cmds.push(
                redis::cmd("ZADD")
                    .arg(self.keys.logos_due())
                    .arg(ms(at))
                    .arg(merchant.id.as_str())
                    .to_owned(),
            );
        }
        let _: Vec<redis::Value> = self.each(cmds).await?;
        let () = redis::cmd("SET")
            .arg(self.keys.api_key(key_hash))
            .arg(merchant.id.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn merchant_for_key(&self, key_hash: &str) -> Result<Option<MerchantId>> {
        let id: Option<String> = redis::cmd("GET")
            .arg(self.keys.api_key(key_hash))
            .query_async(&mut self.conn())
            .await?;
        Ok(id.and_then(|id| MerchantId::parse(&id).ok()))
    }

    /// A merchant, from a short-lived in-process cache when possible.
    pub async fn merchant(&self, id: &MerchantId) -> Result<Option<Arc<Merchant>>> {
        if let Ok(map) = self.cache.merchants.lock()
            && let Some((at, m)) = map.get(id)
            && at.elapsed() < MERCHANT_TTL
        {
            return Ok(Some(m.clone()));
        }
        let json: Option<String> = redis::cmd("GET")
            .arg(self.keys.merchant(id))
            .query_async(&mut self.conn())
            .await?;
        let Some(json) = json else { return Ok(None) };
        let merchant: Arc<Merchant> = Arc::new(decode("merchant", &json)?);
        if let Ok(mut map) = self.cache.merchants.lock() {
            map.insert(id.clone(), (Instant::now(), merchant.clone()));
        }
        Ok(Some(merchant))
    }

    /// Drops this process's cached copy, so the next read goes to Redis.
    pub fn forget_merchant(&self, id: &MerchantId) {
        if let Ok(mut map) = self.cache.merchants.lock() {
            map.remove(id);
        }
    }

    /// Reserves `slug` for `merchant`: true when it was free or is already the merchant's
    /// (a retry after a crash between the reservation and the merchant's record).
    pub async fn claim_lookup_slug(
        &self,
        slug: &LookupSlug,
        merchant: &MerchantId,
    ) -> Result<bool> {
        let held: Option<String> = redis::cmd("SET")
            .arg(self.keys.lookup_slug(slug))
            .arg(merchant.as_str())
            .arg("NX")
            .arg("GET")
            .query_async(&mut self.conn())
            .await?;
        Ok(held.is_none_or(|owner| owner == merchant.as_str()))
    }

    /// Frees `slug` if `merchant` still holds it.
    pub async fn release_lookup_slug(
        &self,
        slug: &LookupSlug,
        merchant: &MerchantId,
    ) -> Result<()> {
        let _: i32 = scripts::DEL_IF_EQUALS
            .key(self.keys.lookup_slug(slug))
            .arg(merchant.as_str())
            .invoke_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// The merchant holding `slug`, if any. Callers check the merchant's record names it
    /// (a reservation whose record was never written leads nowhere).
    pub async fn merchant_for_lookup_slug(&self, slug: &LookupSlug) -> Result<Option<MerchantId>> {
        let id: Option<String> = redis::cmd("GET")
            .arg(self.keys.lookup_slug(slug))
            .query_async(&mut self.conn())
            .await?;
        Ok(id.and_then(|id| MerchantId::parse(&id).ok()))
    }

    pub async fn logo(&self, id: &MerchantId) -> Result<Option<Logo>> {
        let (content_type, bytes): (Option<String>, Option<Vec<u8>>) = redis::cmd("HMGET")
            .arg(self.keys.logo(id))
            .arg("type")
            .arg("bytes")
            .query_async(&mut self.conn())
            .await?;
        Ok(content_type.zip(bytes).map(|(content_type, bytes)| Logo {
            content_type,
            bytes,
        }))
    }
}
