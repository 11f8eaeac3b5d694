//! An import read a batch at a time: the due set claimed with a lease, the file read from
//! an offset, and each batch recorded in one script that moves the offset on only from
//! where the batch started.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use redis::Script;

use super::{IMPORT_KEPT, MAX_FAILED_KEPT};
use crate::domain::ImportId;
use crate::store::{Result, Store, ms};

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
        let key = self.keys.imports_due();
        let ids = self.claim_due(key, now, lease_until, limit).await?;
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
        let key = self.keys.imports_due();
        self.settle_due(key, c.id.as_str(), c.lease_until_ms, next)
            .await
    }
}
