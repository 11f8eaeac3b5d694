//! Lua scripts: each runs atomically on one shard's keys (one hash tag, one cluster slot).

use std::sync::LazyLock;

use redis::Script;

mod notifications;
pub use notifications::*;

/// KEYS: snapshot, due, expiry, events. ARGV: id, json, next_poll_ms, expires_ms, maxlen,
/// event... → 1 if created, 0 if the shipment already existed.
pub static CREATE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
for i = 6, #ARGV do
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'e', ARGV[i])
end
return 1",
    )
});

/// KEYS: due, claims. ARGV: now_ms, lease_until_ms, limit → claimed ids.
/// Expired claims (their poller died) go back to the due set first.
pub static CLAIM: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local back = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 1000)
for _, m in ipairs(back) do
  redis.call('ZREM', KEYS[2], m)
  redis.call('ZADD', KEYS[1], ARGV[1], m)
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, m in ipairs(due) do
  redis.call('ZREM', KEYS[1], m)
  redis.call('ZADD', KEYS[2], ARGV[2], m)
end
return due",
    )
});

/// KEYS: due, claims, expiry. ARGV: lease_until_ms, id... → the ids claimed (those that
/// were waiting in the due set). Ids in neither set are orphans and leave the expiry set.
pub static CLAIM_IDS: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local got = {}
for i = 2, #ARGV do
  if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
    redis.call('ZADD', KEYS[2], ARGV[1], ARGV[i])
    table.insert(got, ARGV[i])
  elseif not redis.call('ZSCORE', KEYS[2], ARGV[i]) then
    redis.call('ZREM', KEYS[3], ARGV[i])
  end
end
return got",
    )
});

/// KEYS: snapshot, due, claims, expiry, retain, events, changes. ARGV: id, claim token, json,
/// next_poll_ms or '', 'expiry'|'retain', deadline_ms, maxlen, event...
/// → 1 if saved, 0 if the claim was lost (lease expired, or the shipment was cancelled).
pub static SAVE_CLAIMED: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local s = redis.call('ZSCORE', KEYS[3], ARGV[1])
if (not s) or tonumber(s) ~= tonumber(ARGV[2]) then return 0 end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('SET', KEYS[1], ARGV[3])
if ARGV[4] ~= '' then redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1]) end
if ARGV[5] == 'retain' then
  redis.call('ZREM', KEYS[4], ARGV[1])
  redis.call('ZADD', KEYS[5], ARGV[6], ARGV[1])
else
  redis.call('ZADD', KEYS[4], ARGV[6], ARGV[1])
end
for i = 8, #ARGV do
  redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[7], '*', 'e', ARGV[i])
end
redis.call('XADD', KEYS[7], 'MAXLEN', '~', 10000, '*', 'id', ARGV[1])
return 1",
    )
});

/// KEYS: due, claims, expiry. ARGV: id, claim token. Drops a claim whose snapshot is gone.
pub static DROP_CLAIMED: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local s = redis.call('ZSCORE', KEYS[2], ARGV[1])
if (not s) or tonumber(s) ~= tonumber(ARGV[2]) then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1",
    )
});

/// KEYS: snapshot, due, claims, expiry, retain, events, changes. ARGV: id, old bytes, new
/// bytes, retain_ms, maxlen, event... Ends tracking if the snapshot is still `old`.
pub static FINISH_IF_UNCHANGED: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1])
for i = 6, #ARGV do
  redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[5], '*', 'e', ARGV[i])
end
redis.call('XADD', KEYS[7], 'MAXLEN', '~', 10000, '*', 'id', ARGV[1])
return 1",
    )
});

/// KEYS: snapshot, due, claims, expiry, retain, changes. ARGV: id, expected bytes.
/// Deletes the shipment if it is still what the purge read.
pub static PURGE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[2] then return 0 end
if redis.call('DEL', KEYS[1]) == 1 then
  redis.call('XADD', KEYS[6], 'MAXLEN', '~', 10000, '*', 'id', ARGV[1])
end
for i = 2, 5 do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1",
    )
});

/// KEYS: due, claims. ARGV: id, now_ms → 1 moved forward, 2 being polled, 0 not tracked.
pub static REFRESH: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], 'LT', ARGV[2], ARGV[1])
  return 1
end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 2 end
return 0",
    )
});

/// KEYS: key. ARGV: value. Deletes the key only if it still holds `value`.
pub static DEL_IF_EQUALS: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0",
    )
});

/// KEYS: gate. ARGV: requests per second (0 = unlimited), breaker cooldown ms.
/// → 0 to go ahead; > 0: milliseconds until the rate allows a request; < 0: the account is
/// held (Retry-After or open breaker) for that many milliseconds. Redis' clock, so every
/// poller agrees.
/// A closed breaker and a spent token bucket (burst 1) make callers wait; an open breaker
/// past its cooldown lets exactly one caller through as the probe.
pub static GATE_ADMIT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'blocked', 'open')
local blocked = tonumber(h[3]) or 0
if blocked > now then return now - blocked end
local open = tonumber(h[4]) or 0
if open > now then return now - open end
local probe = open > 0
if probe then redis.call('HSET', KEYS[1], 'open', now + tonumber(ARGV[2])) end
local rate = tonumber(ARGV[1])
if rate > 0 then
  local tokens = tonumber(h[1]) or 1
  local ts = tonumber(h[2]) or now
  tokens = math.min(1, tokens + (now - ts) * rate / 1000)
  if tokens < 1 then
    if probe then redis.call('HSET', KEYS[1], 'open', open) end
    return math.ceil((1 - tokens) * 1000 / rate)
  end
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'ts', now)
end
return 0",
    )
});

/// One shard's figures for `/metrics`. KEYS: due, notifications due, claims, events.
/// ARGV: the notifier group → {oldest due ms (-1: none), oldest notification due ms (-1),
/// due count, claims count, entries the group has not read, entries read but not acked}.
/// Redis' own `lag` can stay above 0 after it restarts from its append-only file; nothing
/// waits when no entry follows the group's last-delivered id.
pub const SHARD_FIGURES: &str = r"
local function oldest(key)
  local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if #first == 0 then return -1 end
  return math.floor(tonumber(first[2]))
end
local lag, pending = 0, 0
local groups = redis.pcall('XINFO', 'GROUPS', KEYS[4])
if type(groups) == 'table' and not groups.err then
  local found = false
  for _, g in ipairs(groups) do
    local f = {}
    for i = 1, #g, 2 do f[g[i]] = g[i + 1] end
    if f['name'] == ARGV[1] then
      found = true
      pending = tonumber(f['pending']) or 0
      local last = f['last-delivered-id'] or '0-0'
      local after = redis.call('XRANGE', KEYS[4], '(' .. last, '+', 'COUNT', 1)
      if #after > 0 then lag = math.max(tonumber(f['lag']) or 0, 1) end
    end
  end
  if not found then lag = redis.call('XLEN', KEYS[4]) end
end
return {oldest(KEYS[1]), oldest(KEYS[2]), redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[3]), lag, pending}
";

/// A token bucket: `burst` tokens, refilled at `burst` per `per_ms`. KEYS: bucket.
/// ARGV: burst, per_ms → {allowed (0/1), remaining, ms until full, ms until the next token}.
pub static TAKE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
local h = redis.call('HMGET', KEYS[1], 'tk', 'ts')
local tokens = tonumber(h[1]) or burst
local ts = tonumber(h[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * burst / per)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tk', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], per)
return {allowed, math.floor(tokens), math.ceil((burst - tokens) * per / burst), math.ceil((1 - tokens) * per / burst)}
",
    )
});

/// KEYS: gate. ARGV: 'ok' | 'fail' | 'limited', failures to open, cooldown ms, retry-after ms.
/// → 1 while the breaker is open, else 0.
pub static GATE_REPORT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[1] == 'ok' then
  redis.call('HSET', KEYS[1], 'fails', 0, 'open', 0)
elseif ARGV[1] == 'limited' then
  local till = now + tonumber(ARGV[4])
  local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked')) or 0
  if till > blocked then redis.call('HSET', KEYS[1], 'blocked', till) end
else
  local fails = redis.call('HINCRBY', KEYS[1], 'fails', 1)
  if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'err', ARGV[5], 'err_at', now) end
  if fails >= tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], 'open', now + tonumber(ARGV[3])) end
end
if (tonumber(redis.call('HGET', KEYS[1], 'open')) or 0) > now then return 1 end
return 0",
    )
});
