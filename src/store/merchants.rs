//! Merchants, their API keys (stored as hashes only) and their logos.

use std::sync::Arc;
use std::time::Instant;

use super::{MERCHANT_TTL, Result, Store, decode, encode};
use crate::domain::{Merchant, MerchantId};

/// A logo image served by shipmate itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Saves a new merchant with its first API key (hash) and optional logo.
    pub async fn create_merchant(
        &self,
        merchant: &Merchant,
        key_hash: &str,
        logo: Option<&Logo>,
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
