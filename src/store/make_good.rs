//! A merchant's make-good: the pool of discount codes they upload, the grants drawn from it
//! for late parcels (each code once, one per customer), and the customers who ordered
//! again after one. Every step is one script on the merchant's keys (one hash tag).

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use redis::Script;

use super::{Result, Store};
use crate::domain::{DiscountCode, Grant, MerchantId, Shipment, ShipmentId};

/// KEYS: pool, seen, low. ARGV: low_at, most kept, code (each once)... → {added, left},
/// or {-1, left} when the new codes would overflow the pool. A code seen before (in the pool or given) is not
/// added again; a pool refilled above `low_at` may warn again.
static ADD: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local left = redis.call('LLEN', KEYS[1])
local fresh = 0
for i = 3, #ARGV do
  if redis.call('SISMEMBER', KEYS[2], ARGV[i]) == 0 then fresh = fresh + 1 end
end
if left + fresh > tonumber(ARGV[2]) then return {-1, left} end
local added = 0
for i = 3, #ARGV do
  if redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
    redis.call('RPUSH', KEYS[1], ARGV[i])
    added = added + 1
  end
end
left = left + added
if left > tonumber(ARGV[1]) then redis.call('DEL', KEYS[3]) end
return {added, left}",
    )
});

/// KEYS: pool, given, customers, low, the count of grants. ARGV: shipment, customer digest ('' unknown), the
/// grant's JSON without its closing brace, '1' to draw a code, low_at, at_ms, the order's
/// digest →
/// {grant JSON or '', 1 if this parcel's draw took the pool to its mark}. Idempotent per
/// shipment (asked again, it answers the same, so a crash between drawing and queueing
/// loses nothing); nothing for a customer who already had one, or when the pool is empty.
static DRAW: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local had = redis.call('HGET', KEYS[2], ARGV[1])
if had then return {had, redis.call('GET', KEYS[4]) == ARGV[1] and 1 or 0} end
if ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[3], ARGV[2]) == 1 then return {'', 0} end
local grant = ARGV[3] .. '}'
local low = 0
if ARGV[4] == '1' then
  local code = redis.call('LPOP', KEYS[1])
  if redis.call('LLEN', KEYS[1]) <= tonumber(ARGV[5]) then
    redis.call('SET', KEYS[4], ARGV[1], 'NX')
    if redis.call('GET', KEYS[4]) == ARGV[1] then low = 1 end
  end
  if not code then return {'', low} end
  grant = ARGV[3] .. ',' .. cjson.encode('code') .. ':' .. cjson.encode(code) .. '}'
end
redis.call('HSET', KEYS[2], ARGV[1], grant)
redis.call('INCR', KEYS[5])
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[1] .. ' ' .. ARGV[6] .. ' ' .. ARGV[7])
end
return {grant, low}",
    )
});

/// KEYS: customers, reordered. ARGV: customer digest, shipment, created_ms, order digest →
/// 1 when this is the customer's first order after their make-good (another parcel of the
/// late order is not a new order).
static NOTE_ORDER: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
local shipment, at, order = string.match(v, '^(%S+) (%d+) ?(%S*)$')
if not at or shipment == ARGV[2] or order == ARGV[4] or tonumber(ARGV[3]) <= tonumber(at) then
  return 0
end
return redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])",
    )
});

/// KEYS: pool, seen → the codes removed (forgotten as seen, so they may come back).
static CLEAR: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local codes = redis.call('LRANGE', KEYS[1], 0, -1)
for _, c in ipairs(codes) do redis.call('SREM', KEYS[2], c) end
redis.call('DEL', KEYS[1])
return #codes",
    )
});

/// A merchant's make-good in figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PoolStatus {
    /// Codes left in the pool.
    pub remaining: u64,
    /// Late parcels given a make-good (code or text).
    pub given: u64,
    /// Customers who ordered again after theirs.
    pub reordered: u64,
}

/// What a draw did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub grant: Option<Grant>,
    /// The pool just fell to its "running low" mark (once until refilled).
    pub ran_low: bool,
}

/// What an upload did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Added {
        added: u64,
        remaining: u64,
    },
    /// The pool would hold more than its most; nothing was added.
    Full {
        remaining: u64,
    },
}

impl Store {
    /// Adds codes to the pool (each code once ever); resets the "running low" warning when
    /// the pool ends above `low_at`.
    pub async fn add_make_good_codes(
        &self,
        merchant: &MerchantId,
        codes: &[DiscountCode],
        (low_at, most): (u32, u64),
    ) -> Result<Added> {
        let key = |part| self.keys.make_good(merchant, part);
        let mut call = ADD.key(key("pool"));
        call.key(key("seen")).key(key("low")).arg(low_at).arg(most);
        for c in codes {
            call.arg(c.as_str());
        }
        let (added, remaining): (i64, u64) = call.invoke_async(&mut self.conn()).await?;
        Ok(match u64::try_from(added) {
            Ok(added) => Added::Added { added, remaining },
            Err(_) => Added::Full { remaining },
        })
    }

    /// Gives the late parcel `s` its make-good (the same one when asked again): `text`,
    /// with a code from the pool when `code`. Nothing for a customer who had one.
    pub async fn draw_make_good(
        &self,
        s: &Shipment,
        (text, code, low_at): (&str, bool, u32),
        now: DateTime<Utc>,
    ) -> Result<Drawn> {
        let key = |part| self.keys.make_good(&s.merchant_id, part);
        let head = serde_json::json!({"shipment_id": s.id, "text": text, "at": now}).to_string();
        let head = head.strip_suffix('}').unwrap_or(&head);
        let (grant, low): (String, u8) = DRAW
            .key(key("pool"))
            .key(key("given"))
            .key(key("customers"))
            .key(key("low"))
            .key(key("count"))
            .arg(s.id.as_str())
            .arg(s.customer_digest().unwrap_or_default())
            .arg(head)
            .arg(if code { "1" } else { "0" })
            .arg(low_at)
            .arg(now.timestamp_millis())
            .arg(order_digest(s))
            .invoke_async(&mut self.conn())
            .await?;
        Ok(Drawn {
            grant: serde_json::from_str(&grant).ok(),
            ran_low: low == 1,
        })
    }

    /// The make-good the parcel was given, if any.
    pub async fn make_good_grant(
        &self,
        merchant: &MerchantId,
        shipment: &ShipmentId,
    ) -> Result<Option<Grant>> {
        let raw: Option<String> = redis::cmd("HGET")
            .arg(self.keys.make_good(merchant, "given"))
            .arg(shipment.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
    }

    /// Notes a new order: the customer's first after their make-good counts as a reorder.
    pub async fn note_make_good_order(&self, s: &Shipment) -> Result<()> {
        let Some(who) = s.customer_digest() else {
            return Ok(());
        };
        let _: i64 = NOTE_ORDER
            .key(self.keys.make_good(&s.merchant_id, "customers"))
            .key(self.keys.make_good(&s.merchant_id, "reordered"))
            .arg(who)
            .arg(s.id.as_str())
            .arg(s.created_at.timestamp_millis())
            .arg(order_digest(s))
            .invoke_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn make_good_status(&self, merchant: &MerchantId) -> Result<PoolStatus> {
        let key = |part| self.keys.make_good(merchant, part);
        let (remaining, given, reordered): (u64, Option<u64>, u64) = redis::pipe()
            .cmd("LLEN")
            .arg(key("pool"))
            .cmd("GET")
            .arg(key("count"))
            .cmd("HLEN")
            .arg(key("reordered"))
            .query_async(&mut self.conn())
            .await?;
        Ok(PoolStatus {
            remaining,
            given: given.unwrap_or(0),
            reordered,
        })
    }

    /// Empties the pool (codes already given stay given; removed codes may come back).
    pub async fn clear_make_good_pool(&self, merchant: &MerchantId) -> Result<u64> {
        let removed: u64 = CLEAR
            .key(self.keys.make_good(merchant, "pool"))
            .key(self.keys.make_good(merchant, "seen"))
            .invoke_async(&mut self.conn())
            .await?;
        Ok(removed)
    }
}

/// The order a parcel belongs to, as the customers hash notes it.
fn order_digest(s: &Shipment) -> String {
    crate::domain::legacy_lookup_digest(&s.order.number, "order")
}
