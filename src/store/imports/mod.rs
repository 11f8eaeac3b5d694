//! Imports of shipment files: the file appended to one Redis string as it is uploaded (so a
//! web process holds a piece of it, never all of it), its state in a hash, its failed rows
//! in a list, and a due set claimed with a lease, one batch of rows a claim. Every batch
//! ends in one script that moves the import's byte offset on only from where the batch
//! started, so a batch read twice (a lease that ran out) is counted once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

mod batches;

pub use batches::{Checkpoint, ImportClaim};

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
}
