//! Merchants' API keys. `P:k:<hash>` → merchant id is the auth index, read on every request
//! and never cached, so deleting it refuses the key at once on every replica. `P:keys:<m>`
//! holds each key's entry (hash, hint, created and last used); it decides how many keys are
//! active and which one is the last. Keys made before entries existed have none: the first
//! use adopts such a key, and from then on (`legacy` = `closed`) a key without an entry is
//! refused and its index deleted. The two keys are in different slots: an entry is written
//! before its index and removed before it, so a key never authenticates without an entry.

use std::sync::LazyLock;

use redis::Script;
use serde::{Deserialize, Serialize};

use super::{Result, Store, decode, encode};
use crate::domain::{KeyId, MerchantId};

/// An API key's entry: never the key itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredKey {
    /// SHA-256 hex of the key (its auth index is `P:k:<hash>`).
    pub hash: String,
    /// `…` and the key's last 4 characters.
    pub hint: String,
    /// Ms; none for a key adopted from before entries existed (made with its merchant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<i64>,
}

/// What recording a key's use found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touch {
    Used,
    /// A key from before entries existed, now with one.
    Adopted,
    /// No entry (revoked): the key's index was deleted.
    Refused,
}

/// What revoking a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    Done(StoredKey),
    NotFound,
    /// It is the merchant's last key: kept.
    Last,
}

impl Store {
    /// Adds a key's entry unless the merchant has `max_active` keys already; false if full.
    /// The key authenticates once [`Store::index_api_key`] (or `create_merchant`) ran.
    pub async fn add_api_key(
        &self,
        merchant: &MerchantId,
        id: &KeyId,
        key: &StoredKey,
        max_active: usize,
    ) -> Result<bool> {
        let added: i64 = ADD_API_KEY
            .key(self.keys.api_keys(merchant))
            .arg(id.as_str())
            .arg(encode(key))
            .arg(max_active)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(added == 1)
    }

    /// Makes a key with an entry authenticate as its merchant.
    pub async fn index_api_key(&self, hash: &str, merchant: &MerchantId) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.api_key(hash))
            .arg(merchant.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Checks an authenticated key's entry and records its use (at most once per
    /// `interval_ms`); a key refused here loses its auth index too.
    pub async fn touch_api_key(
        &self,
        merchant: &MerchantId,
        id: &KeyId,
        hash: &str,
        hint: &str,
        now_ms: i64,
        interval_ms: i64,
    ) -> Result<Touch> {
        let found: i64 = TOUCH_API_KEY
            .key(self.keys.api_keys(merchant))
            .arg(id.as_str())
            .arg(hash)
            .arg(hint)
            .arg(now_ms)
            .arg(interval_ms)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(match found {
            1 => Touch::Used,
            2 => Touch::Adopted,
            _ => {
                self.drop_api_key_index(hash).await?;
                Touch::Refused
            }
        })
    }

    /// The merchant's keys with entries.
    pub async fn api_keys(&self, merchant: &MerchantId) -> Result<Vec<(KeyId, StoredKey)>> {
        let all: Vec<(String, String)> = redis::cmd("HGETALL")
            .arg(self.keys.api_keys(merchant))
            .query_async(&mut self.conn())
            .await?;
        all.iter()
            .filter_map(|(id, json)| Some((KeyId::parse(id).ok()?, json)))
            .map(|(id, json)| Ok((id, decode("api key", json)?)))
            .collect()
    }

    /// Revokes a key (entry, then auth index) unless it is the merchant's last.
    pub async fn revoke_api_key(&self, merchant: &MerchantId, id: &KeyId) -> Result<Revoked> {
        let (code, json): (i64, String) = REVOKE_API_KEY
            .key(self.keys.api_keys(merchant))
            .arg(id.as_str())
            .invoke_async(&mut self.conn())
            .await?;
        match code {
            2 => {
                let key: StoredKey = decode("api key", &json)?;
                self.drop_api_key_index(&key.hash).await?;
                Ok(Revoked::Done(key))
            }
            1 => Ok(Revoked::Last),
            _ => Ok(Revoked::NotFound),
        }
    }

    /// Replaces every key of the merchant by `key` (entries, then auth indexes: the new one
    /// set, the old ones deleted); returns the old entries.
    pub async fn replace_api_keys(
        &self,
        merchant: &MerchantId,
        id: &KeyId,
        key: &StoredKey,
    ) -> Result<Vec<StoredKey>> {
        let old: Vec<String> = REPLACE_API_KEYS
            .key(self.keys.api_keys(merchant))
            .arg(id.as_str())
            .arg(encode(key))
            .invoke_async(&mut self.conn())
            .await?;
        let old = old
            .iter()
            .map(|json| decode::<StoredKey>("api key", json))
            .collect::<Result<Vec<_>>>()?;
        let mut cmds = vec![
            redis::cmd("SET")
                .arg(self.keys.api_key(&key.hash))
                .arg(merchant.as_str())
                .to_owned(),
        ];
        for k in &old {
            cmds.push(redis::cmd("DEL").arg(self.keys.api_key(&k.hash)).to_owned());
        }
        let _: Vec<redis::Value> = self.each(cmds).await?;
        Ok(old)
    }

    /// Deletes a key's auth index: the key is refused from the next request on.
    pub async fn drop_api_key_index(&self, hash: &str) -> Result<()> {
        let _: i64 = redis::cmd("DEL")
            .arg(self.keys.api_key(hash))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }
}

// The scripts touch one merchant's keys hash only (one cluster slot).

/// Adds an API key's entry unless the merchant already has `ARGV[3]` active keys, and closes
/// the door to keys without an entry. KEYS: the merchant's keys. ARGV: key id, json, max
/// → 1 if added, 0 if full.
static ADD_API_KEY: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local active = redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'legacy')
if active >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'legacy', 'closed')
return 1
",
    )
});

/// Checks an authenticated key against the merchant's keys and records its use at most
/// once per interval. A key without an entry is adopted (it was made before keys had
/// entries) unless the door is closed. KEYS: the merchant's keys. ARGV: key id, hash, hint,
/// now ms, interval ms → 1 used, 2 adopted, 0 refused (revoked).
static TOUCH_API_KEY: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local now = tonumber(ARGV[4])
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if raw then
  local e = cjson.decode(raw)
  if e['hash'] ~= ARGV[2] then return 0 end
  local last = e['last_used_at']
  if type(last) ~= 'number' or last + tonumber(ARGV[5]) <= now then
    e['last_used_at'] = now
    redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
  end
  return 1
end
if redis.call('HEXISTS', KEYS[1], 'legacy') == 1 then return 0 end
local e = cjson.encode({hash = ARGV[2], hint = ARGV[3], last_used_at = now})
redis.call('HSET', KEYS[1], ARGV[1], e, 'legacy', 'closed')
return 2
",
    )
});

/// Removes an API key's entry unless it is the merchant's last one. KEYS: the merchant's
/// keys. ARGV: key id → {0, ''} unknown, {1, ''} the last key, {2, its json} removed.
static REVOKE_API_KEY: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {0, ''} end
local active = redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'legacy')
if active <= 1 then return {1, ''} end
redis.call('HDEL', KEYS[1], ARGV[1])
return {2, raw}
",
    )
});

/// Replaces all of a merchant's API keys by one (the operator's rotation). KEYS: the
/// merchant's keys. ARGV: new key id, json → the removed entries (json).
static REPLACE_API_KEYS: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local all = redis.call('HGETALL', KEYS[1])
local old = {}
for i = 1, #all, 2 do
  if all[i] ~= 'legacy' then
    table.insert(old, all[i + 1])
    redis.call('HDEL', KEYS[1], all[i])
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'legacy', 'closed')
return old
",
    )
});
