//! Imports of shipment files: the file appended to one Redis string as it is uploaded (so a
//! web process holds a piece of it, never all of it), its state in a hash, its failed rows
//! in a list, and a due set claimed with a lease, one batch of rows a claim. Every batch
//! ends in one script that moves the import's byte offset on only from where the batch
//! started, so a batch read twice (a lease that ran out) is counted once.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use redis::Script;

use super::logos::{CLAIM_DUE, SETTLE_DUE};
use super::{Result, Store, ms};
use crate::domain::{ImportId, MerchantId};

/// How long an import's state and failed rows are kept.
pub const IMPORT_KEPT: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);
/// Failed rows kept per import (all are counted).
pub const MAX_FAILED_KEPT: usize = 10_000;
/// Imports a merchant's list keeps.
const LISTED: isize = 50;

/// An import's state, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: String,
    pub merchant: String,
    /// `csv`, `csv;` or `ndjson` (`services::imports::reader::Format`).
    pub format: String,
    /// `receiving`, `running`, `done` or `failed`.
    pub status: String,
    /// Why it stopped, when `failed`.
    pub reason: String,
    /// The file's name, when the console uploaded it.
    pub name: String,
    pub bytes: u64,
    /// The file is read up to here.
    pub offset: u64,
    /// Rows read (the header not counted), then what became of them.
    pub rows: u64,
    pub created: u64,
    pub existing: u64,
    pub failed: u64,
    /// The header row (JSON array), once read.
    pub header: String,
    pub created_ms: i64,
    pub finished_ms: i64,
}

impl ImportRecord {
    fn from_hash(id: &ImportId, h: HashMap<String, String>) -> Option<ImportRecord> {
        let text = |k: &str| h.get(k).cloned().unwrap_or_default();
        let num = |k: &str| h.get(k).and_then(|v| v.parse().ok()).unwrap_or(0);
        let merchant = h.get("merchant")?.clone();
        Some(ImportRecord {
            id: id.to_string(),
            merchant,
            format: text("format"),
            status: text("status"),
            reason: text("reason"),
            name: text("name"),
            bytes: num("bytes"),
            offset: num("offset"),
            rows: num("rows"),
            created: num("created"),
            existing: num("existing"),
            failed: num("failed"),
            header: text("header"),
            created_ms: h
                .get("created_ms")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            finished_ms: h
                .get("finished_ms")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
        })
    }
}

/// What one batch of rows did, written in one step.
#[derive(Debug, Default)]
pub struct Checkpoint {
    /// The offset the batch started from (the script checks it) and where it ended.
    pub from: u64,
    pub to: u64,
    pub rows: u64,
    pub created: u64,
    pub existing: u64,
    /// Failed rows, each as JSON (`{"row", "reason", "fields"}`).
    pub failed: Vec<String>,
    /// The header, when this batch read it.
    pub header: Option<String>,
    /// `done` or `failed` when the import ends here.
    pub end: Option<&'static str>,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// KEYS: state, failed rows, file. ARGV: from, to, rows, created, existing, failed count,
/// header ('' = unchanged), end status ('' = goes on), reason, at ms, most failed rows kept,
/// kept for (ms), then the failed rows → 1, or 0 when another process moved the offset first.
static CHECKPOINT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('HGET', KEYS[1], 'offset') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'status') ~= 'running' then return 0 end
redis.call('HSET', KEYS[1], 'offset', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'rows', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'created', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'existing', ARGV[5])
redis.call('HINCRBY', KEYS[1], 'failed', ARGV[6])
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'header', ARGV[7]) end
local room = tonumber(ARGV[11]) - redis.call('LLEN', KEYS[2])
for i = 13, #ARGV do
  if room <= 0 then break end
  redis.call('RPUSH', KEYS[2], ARGV[i])
  room = room - 1
end
redis.call('PEXPIRE', KEYS[2], ARGV[12])
if ARGV[8] ~= '' then
  redis.call('HSET', KEYS[1], 'status', ARGV[8], 'reason', ARGV[9], 'finished_ms', ARGV[10])
  redis.call('DEL', KEYS[3])
end
return 1",
    )
});

/// A claimed import: its next batch is this process's until `lease_until_ms` (the token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportClaim {
    pub id: ImportId,
    pub lease_until_ms: i64,
}

impl Store {
    /// Starts an import (`receiving`) in `merchant`'s list.
    pub async fn create_import(&self, r: &ImportRecord, id: &ImportId) -> Result<()> {
        let key = self.keys.import(id);
        let list =
            self.keys
                .merchant_imports(&MerchantId::parse(&r.merchant).map_err(|e| {
                    super::StoreError::Corrupt(format!("import merchant: {}", e.0))
                })?);
        let kept = IMPORT_KEPT.as_millis() as i64;
        let () = redis::pipe()
            .cmd("HSET")
            .arg(&key)
            .arg("merchant")
            .arg(&r.merchant)
            .arg("status")
            .arg("receiving")
            .arg("name")
            .arg(&r.name)
            .arg("offset")
            .arg(0)
            .arg("created_ms")
            .arg(r.created_ms)
            .ignore()
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(kept)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        let () = redis::pipe()
            .cmd("ZADD")
            .arg(&list)
            .arg(r.created_ms)
            .arg(id.as_str())
            .ignore()
            .cmd("ZREMRANGEBYRANK")
            .arg(&list)
            .arg(0)
            .arg(-LISTED - 1)
            .ignore()
            .cmd("PEXPIRE")
            .arg(&list)
            .arg(kept)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Appends a piece of the file; its length so far.
    pub async fn append_import(&self, id: &ImportId, bytes: &[u8]) -> Result<u64> {
        let key = self.keys.import_data(id);
        let (len,): (u64,) = redis::pipe()
            .cmd("APPEND")
            .arg(&key)
            .arg(bytes)
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(IMPORT_KEPT.as_millis() as i64)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        Ok(len)
    }

    /// The whole file is in: its rows are read from `at`.
    pub async fn queue_import(
        &self,
        id: &ImportId,
        format: &str,
        bytes: u64,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let () = redis::cmd("HSET")
            .arg(self.keys.import(id))
            .arg("format")
            .arg(format)
            .arg("status")
            .arg("running")
            .arg("bytes")
            .arg(bytes)
            .query_async(&mut self.conn())
            .await?;
        let () = redis::cmd("ZADD")
            .arg(self.keys.imports_due())
            .arg(ms(at))
            .arg(id.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Forgets an import whose file never arrived whole.
    pub async fn drop_import(&self, merchant: &MerchantId, id: &ImportId) -> Result<()> {
        let () = redis::cmd("DEL")
            .arg(self.keys.import(id))
            .query_async(&mut self.conn())
            .await?;
        let () = redis::cmd("DEL")
            .arg(self.keys.import_data(id))
            .query_async(&mut self.conn())
            .await?;
        let () = redis::cmd("ZREM")
            .arg(self.keys.merchant_imports(merchant))
            .arg(id.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn import(&self, id: &ImportId) -> Result<Option<ImportRecord>> {
        let h: HashMap<String, String> = redis::cmd("HGETALL")
            .arg(self.keys.import(id))
            .query_async(&mut self.conn())
            .await?;
        Ok(ImportRecord::from_hash(id, h))
    }

    /// A merchant's imports, newest first.
    pub async fn imports(&self, merchant: &MerchantId) -> Result<Vec<ImportRecord>> {
        let ids: Vec<String> = redis::cmd("ZREVRANGE")
            .arg(self.keys.merchant_imports(merchant))
            .arg(0)
            .arg(LISTED - 1)
            .query_async(&mut self.conn())
            .await?;
        let mut out = vec![];
        for id in ids.iter().filter_map(|id| ImportId::parse(id).ok()) {
            if let Some(r) = self.import(&id).await? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Failed rows `start..=stop` (JSON each).
    pub async fn import_failures(
        &self,
        id: &ImportId,
        start: isize,
        stop: isize,
    ) -> Result<Vec<String>> {
        Ok(redis::cmd("LRANGE")
            .arg(self.keys.import_errors(id))
            .arg(start)
            .arg(stop)
            .query_async(&mut self.conn())
            .await?)
    }

    /// Up to `len` bytes of the file from `offset`.
    pub async fn import_bytes(&self, id: &ImportId, offset: u64, len: usize) -> Result<Vec<u8>> {
        if len == 0 {
            return Ok(vec![]);
        }
        Ok(redis::cmd("GETRANGE")
            .arg(self.keys.import_data(id))
            .arg(offset)
            .arg(offset + len as u64 - 1)
            .query_async(&mut self.conn())
            .await?)
    }

    /// Records a batch; false when another process recorded it first.
    pub async fn checkpoint_import(&self, id: &ImportId, c: &Checkpoint) -> Result<bool> {
        let mut inv = CHECKPOINT.prepare_invoke();
        inv.key(self.keys.import(id))
            .key(self.keys.import_errors(id))
            .key(self.keys.import_data(id))
            .arg(c.from)
            .arg(c.to)
            .arg(c.rows)
            .arg(c.created)
            .arg(c.existing)
            .arg(c.failed.len())
            .arg(c.header.as_deref().unwrap_or(""))
            .arg(c.end.unwrap_or(""))
            .arg(&c.reason)
            .arg(ms(c.at))
            .arg(MAX_FAILED_KEPT)
            .arg(IMPORT_KEPT.as_millis() as i64);
        for f in &c.failed {
            inv.arg(f);
        }
        let done: i32 = inv.invoke_async(&mut self.conn()).await?;
        Ok(done == 1)
    }

    /// Claims up to `limit` imports with a batch due by `now`, until `lease_until`.
    pub async fn claim_imports(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ImportClaim>> {
        let ids: Vec<String> = CLAIM_DUE
            .key(self.keys.imports_due())
            .arg(ms(now))
            .arg(ms(lease_until))
            .arg(limit)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| ImportId::parse(id).ok())
            .map(|id| ImportClaim {
                id,
                lease_until_ms: ms(lease_until),
            })
            .collect())
    }

    /// Ends a claim: the next batch is due at `next`, or the import is finished (`None`).
    pub async fn settle_import(
        &self,
        c: &ImportClaim,
        next: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let settled: i32 = SETTLE_DUE
            .key(self.keys.imports_due())
            .arg(c.id.as_str())
            .arg(c.lease_until_ms)
            .arg(next.map(|t| ms(t).to_string()).unwrap_or_default())
            .invoke_async(&mut self.conn())
            .await?;
        Ok(settled == 1)
    }
}
