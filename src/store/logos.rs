//! Logo fetches waiting for a web process: one sorted set of due times, claimed with a
//! lease (a process that dies leaves its fetch due again when the lease runs out), and
//! the merchant record changed by compare-and-set, so the fetcher's write and a
//! merchant's own edit never overwrite each other.

use std::sync::{Arc, LazyLock};

use chrono::{DateTime, Utc};
use redis::Script;

use super::{Logo, Result, Store, StoreError, decode, encode, ms};
use crate::domain::{Merchant, MerchantId};

/// Sets KEYS[1]'s image (ARGV[1] type, ARGV[2] bytes) at revision ARGV[3], unless that is 0
/// (a fetch) and an upload's image (revision > 0) is there.
static SAVE_LOGO: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        local current = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0') or 0
        if tonumber(ARGV[3]) == 0 and current > 0 then return 0 end
        redis.call('HSET', KEYS[1], 'type', ARGV[1], 'bytes', ARGV[2], 'rev', ARGV[3])
        return 1",
    )
});

/// A logo fetch claimed by this process until `lease_until_ms` (also the claim's token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoClaim {
    pub merchant: MerchantId,
    pub lease_until_ms: i64,
}

/// KEYS: due set. ARGV: now ms, lease-until ms, limit → the ids due, each pushed to the
/// lease's end.
static CLAIM_DUE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids",
    )
});

/// KEYS: due set. ARGV: id, claim token, next ms or '' (done) → 1, or 0 when the claim was
/// lost (its lease ran out and another process took it).
static SETTLE_DUE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if (not s) or tonumber(s) ~= tonumber(ARGV[2]) then return 0 end
if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1])
else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
return 1",
    )
});

/// KEYS: key. ARGV: expected value, new value → 1 if it held the expected value and now
/// holds the new one, else 0.
static SET_IF_EQUALS: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1",
    )
});

/// Compare-and-set tries before giving up (each lost try means another write succeeded).
const CAS_TRIES: usize = 32;

impl Store {
    /// Fetches `merchant`'s logo at `at` (again, if one is queued).
    pub async fn queue_logo(&self, merchant: &MerchantId, at: DateTime<Utc>) -> Result<()> {
        let () = redis::cmd("ZADD")
            .arg(self.keys.logos_due())
            .arg(ms(at))
            .arg(merchant.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Claims up to `limit` members of the due set `key` due by `now`, each pushed to
    /// `lease_until` (the claim's token): logo fetches, imports, store deliveries.
    pub(super) async fn claim_due(
        &self,
        key: String,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<String>> {
        Ok(CLAIM_DUE
            .key(key)
            .arg(ms(now))
            .arg(ms(lease_until))
            .arg(limit)
            .invoke_async(&mut self.conn())
            .await?)
    }

    /// Ends the claim `token` on `member` of the due set `key`: due again at `next`, or
    /// done (`None`). False when the claim was lost meanwhile.
    pub(super) async fn settle_due(
        &self,
        key: String,
        member: &str,
        token: i64,
        next: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let settled: i32 = SETTLE_DUE
            .key(key)
            .arg(member)
            .arg(token)
            .arg(next.map(|t| ms(t).to_string()).unwrap_or_default())
            .invoke_async(&mut self.conn())
            .await?;
        Ok(settled == 1)
    }

    /// Claims up to `limit` logo fetches due by `now` until `lease_until`.
    pub async fn claim_logos(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<LogoClaim>> {
        let key = self.keys.logos_due();
        let ids = self.claim_due(key, now, lease_until, limit).await?;
        Ok(ids
            .iter()
            .filter_map(|id| MerchantId::parse(id).ok())
            .map(|merchant| LogoClaim {
                merchant,
                lease_until_ms: ms(lease_until),
            })
            .collect())
    }

    /// Ends a claim: the fetch is due again at `next`, or done (`None`). False when the
    /// claim was lost meanwhile.
    pub async fn settle_logo(
        &self,
        claim: &LogoClaim,
        next: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let (key, member) = (self.keys.logos_due(), claim.merchant.as_str());
        self.settle_due(key, member, claim.lease_until_ms, next)
            .await
    }

    /// When the logo of `merchant` is due to be fetched, if it is queued (tests, tools).
    pub async fn logo_due_at(&self, merchant: &MerchantId) -> Result<Option<i64>> {
        let score: Option<f64> = redis::cmd("ZSCORE")
            .arg(self.keys.logos_due())
            .arg(merchant.as_str())
            .query_async(&mut self.conn())
            .await?;
        // Scores are whole milliseconds.
        Ok(score.map(|s| s as i64))
    }

    /// Stores a merchant's logo image. `revision`: the upload's moment (ms), which always
    /// replaces the image, or 0 for a fetched one, which never replaces an upload (a fetch
    /// still in flight when the merchant uploads loses). Returns whether it was stored.
    pub async fn save_logo(
        &self,
        merchant: &MerchantId,
        logo: &Logo,
        revision: i64,
    ) -> Result<bool> {
        let saved: i32 = SAVE_LOGO
            .key(self.keys.logo(merchant))
            .arg(&logo.content_type)
            .arg(&logo.bytes)
            .arg(revision)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(saved == 1)
    }

    /// Removes a merchant's logo image.
    pub async fn delete_logo(&self, merchant: &MerchantId) -> Result<()> {
        let _: i64 = redis::cmd("DEL")
            .arg(self.keys.logo(merchant))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Changes a merchant's record with `change` (returning false leaves it as it is) by
    /// compare-and-set: when another process wrote the record in between, it is read again
    /// and `change` applied to that, so neither write is lost. The record as stored after;
    /// `None` for an unknown merchant.
    pub async fn update_merchant(
        &self,
        id: &MerchantId,
        mut change: impl FnMut(&mut Merchant) -> bool,
    ) -> Result<Option<Arc<Merchant>>> {
        let key = self.keys.merchant(id);
        for _ in 0..CAS_TRIES {
            let json: Option<String> = redis::cmd("GET")
                .arg(&key)
                .query_async(&mut self.conn())
                .await?;
            let Some(json) = json else { return Ok(None) };
            let mut merchant: Merchant = decode("merchant", &json)?;
            if !change(&mut merchant) {
                return Ok(Some(Arc::new(merchant)));
            }
            let set: i32 = SET_IF_EQUALS
                .key(&key)
                .arg(&json)
                .arg(encode(&merchant))
                .invoke_async(&mut self.conn())
                .await?;
            if set == 1 {
                self.forget_merchant(id);
                return Ok(Some(Arc::new(merchant)));
            }
        }
        Err(StoreError::Corrupt(format!(
            "merchant {id}: changed by others {CAS_TRIES} times in a row"
        )))
    }
}
