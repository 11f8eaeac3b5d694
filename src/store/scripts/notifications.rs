//! The notification queue's scripts: queueing once per id, claiming with a lease,
//! saving only while queued, and gathering one message's facts.

use std::sync::LazyLock;

use redis::Script;

/// Queues a notification unless one with its id (its idempotency key) exists.
/// KEYS: record, due set, shipment index. ARGV: id, json, due ms.
pub static QUEUE_NOTIFICATION: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
",
    )
});

/// Takes up to ARGV[3] notifications due by ARGV[1], pushing each to ARGV[2] (a lease: a
/// notifier that dies leaves them due again then) and returns their records; an id whose
/// record is gone leaves the due set. KEYS: due set. ARGV[4]: the shard's record prefix.
pub static CLAIM_NOTIFICATIONS: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local out = {}
for _, id in ipairs(ids) do
  local json = redis.call('GET', ARGV[4] .. id)
  if json then
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    out[#out + 1] = json
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
",
    )
});

/// Saves a notification's new state only while the stored one is still queued (another
/// notifier may have sent it inside an order's combined message meanwhile); a stored state
/// that is not queued leaves the due set. KEYS: record, due set, shipment index. ARGV: id,
/// json, due ms ('' when finished), ms to keep a finished one.
pub static UPDATE_QUEUED_NOTIFICATION: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local cur = redis.call('GET', KEYS[1])
if cur and cjson.decode(cur)['status'] ~= 'queued' then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
else
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
return 1
",
    )
});

/// The facts about one queued notification in its shipment's shard. KEYS: the record, the
/// snapshot, the shipment's notification index, its feedback. ARGV: the shard's
/// notification key prefix (same slot). → `{}` when the record is gone, else `{record,
/// snapshot or false, feedback exists, {trigger, sent_at, …}}` listing the shipment's
/// messages sent to its customer (not webhooks).
pub static GATHER: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local n = redis.call('GET', KEYS[1])
if not n then return {} end
local s = redis.call('GET', KEYS[2])
local answered = redis.call('EXISTS', KEYS[4])
local sent = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local raw = redis.call('GET', ARGV[1] .. id)
  if raw then
    local ok, m = pcall(cjson.decode, raw)
    if ok and m['status'] == 'sent' and m['channel'] ~= 'webhook'
        and type(m['sent_at']) == 'string' and type(m['trigger']) == 'string' then
      sent[#sent + 1] = m['trigger']
      sent[#sent + 1] = m['sent_at']
    end
  end
end
return {n, s, answered, sent}
",
    )
});
