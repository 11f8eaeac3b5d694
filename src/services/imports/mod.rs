//! Files of shipments imported in the background (`POST /api/v1/imports`, the console's
//! import page): the file is stored as it arrives, a piece at a time, and answered at once;
//! web processes then read it a batch of rows at a time (imports of different merchants
//! taking turns), register each row exactly as `POST /shipments` would, and count what
//! became of it. A process that dies mid-batch leaves the batch to another after the lease.

mod batch;
mod columns;
mod failures;
pub mod reader;
mod row;
mod view;

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

pub use failures::FailuresFile;
pub use reader::{Format, csv_cell};
pub use view::{ImportView, RowError};

use super::{Caller, ServiceError, Shipments};
use crate::config::ImportsConfig;
use crate::domain::{ImportId, MerchantId};
use crate::entropy;
use crate::store::{ImportRecord, Store};

/// For the fuzzer (`fuzz/`): every row of `bytes` read as an import reads them, in windows
/// that end at `cut` first, each row made into a request and checked as `POST /shipments`
/// checks one; the rows, and how many became valid input.
pub fn rows_for_fuzzing(bytes: &[u8], cut: usize, ndjson: bool) -> (Vec<reader::Fields>, usize) {
    let format = if ndjson {
        Format::Ndjson
    } else {
        Format::csv_from_header(bytes)
    };
    let mut rows = vec![];
    let mut at = 0;
    let mut end = cut.min(bytes.len());
    while at < bytes.len() {
        let eof = end == bytes.len();
        match reader::rows(format, &bytes[at..end], at == 0, eof, 100) {
            Ok(w) if w.consumed == 0 && eof => break,
            Ok(w) if w.consumed == 0 => end = bytes.len(),
            Ok(w) => {
                at += w.consumed;
                rows.extend(w.rows);
            }
            // A row longer than a window: read on in one window to the end.
            Err(reader::TooLong) if end < bytes.len() => end = bytes.len(),
            Err(reader::TooLong) => break,
        }
    }
    let header = match rows.first() {
        Some(reader::Fields::Csv(names)) => columns::Header::read(names.clone()).ok(),
        _ => None,
    };
    let valid = rows
        .iter()
        .filter_map(|r| match (r, &header) {
            (reader::Fields::Csv(f), Some(h)) => h.request(f).ok(),
            (reader::Fields::Json(l), _) => row::json_request(l).ok(),
            _ => None,
        })
        .filter(|r| super::NewShipmentInput::try_from(r.clone()).is_ok())
        .count();
    (rows, valid)
}

/// Bytes of a file kept in memory before they are appended to Redis.
const PIECE: usize = 256 * 1024;

/// What a file is, as the upload says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Ndjson,
}

#[derive(Clone)]
pub struct Imports {
    store: Store,
    shipments: Shipments,
    config: ImportsConfig,
    wake: Arc<Notify>,
}

impl Imports {
    pub fn new(store: Store, shipments: Shipments, config: &crate::config::Config) -> Self {
        Imports {
            store,
            shipments,
            config: config.imports.clone(),
            wake: Arc::new(Notify::new()),
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Imports {
            shipments: self.shipments.with_store(store.clone()),
            store,
            ..self.clone()
        }
    }

    pub fn max_bytes(&self) -> u64 {
        self.config.max_bytes
    }

    /// Takes a file as it arrives (`name`: the console's file name), stores it, and queues
    /// it. A file over `imports.max_bytes`, an empty one, or one cut off leaves nothing.
    pub async fn receive<E: std::fmt::Display>(
        &self,
        caller: &Caller,
        kind: Kind,
        name: &str,
        mut body: impl Stream<Item = Result<Bytes, E>> + Unpin,
        now: DateTime<Utc>,
    ) -> Result<ImportView, ServiceError> {
        let id = ImportId::from_random(entropy::bytes());
        let record = ImportRecord {
            merchant: caller.merchant.to_string(),
            name: name.chars().filter(|c| !c.is_control()).take(200).collect(),
            created_ms: now.timestamp_millis(),
            ..ImportRecord::default()
        };
        // Counted with itself, after it is listed: uploads racing each other can at worst
        // all be refused, never all taken.
        self.store.create_import(&record, &id).await?;
        let running = self
            .store
            .imports(&caller.merchant)
            .await?
            .iter()
            .filter(|r| ImportView::of(r, &[]).running())
            .count();
        if running > self.config.max_running {
            self.store.drop_import(&caller.merchant, &id).await?;
            return Err(ServiceError::Conflict(format!(
                "{} imports are still running; start another when one is done",
                running - 1
            )));
        }
        let stored = self.store_file(&id, kind, &mut body).await;
        let (format, bytes) = match stored {
            Ok(Some(stored)) => stored,
            Ok(None) => {
                self.store.drop_import(&caller.merchant, &id).await?;
                return Err(ServiceError::invalid("file", "the file is empty"));
            }
            Err(e) => {
                self.store.drop_import(&caller.merchant, &id).await?;
                return Err(e);
            }
        };
        self.store
            .queue_import(&id, format.as_str(), bytes, now)
            .await?;
        self.wake.notify_one();
        info!(merchant_id = %caller.merchant, by = %caller.by, import_id = %id, bytes, "import received");
        self.get(&caller.merchant, &id).await
    }

    /// Appends the body to Redis a piece at a time: its format and length, `None` if empty.
    async fn store_file<E: std::fmt::Display>(
        &self,
        id: &ImportId,
        kind: Kind,
        body: &mut (impl Stream<Item = Result<Bytes, E>> + Unpin),
    ) -> Result<Option<(Format, u64)>, ServiceError> {
        let mut piece: Vec<u8> = Vec::with_capacity(PIECE);
        let mut format = None;
        let mut total = 0u64;
        loop {
            let next = body.next().await;
            let end = next.is_none();
            if let Some(chunk) = next {
                let chunk = chunk.map_err(|e| ServiceError::invalid("file", format!("{e}")))?;
                total += chunk.len() as u64;
                if total > self.config.max_bytes {
                    return Err(ServiceError::TooLarge(self.config.max_bytes));
                }
                piece.extend_from_slice(&chunk);
            }
            if piece.len() >= PIECE || (end && !piece.is_empty()) {
                format.get_or_insert_with(|| match kind {
                    Kind::Csv => Format::csv_from_header(&piece),
                    Kind::Ndjson => Format::Ndjson,
                });
                self.store.append_import(id, &piece).await?;
                piece.clear();
            }
            if end {
                return Ok(format.map(|f| (f, total)));
            }
        }
    }

    /// One of `merchant`'s imports; another merchant's is not found.
    pub async fn get(
        &self,
        merchant: &MerchantId,
        id: &ImportId,
    ) -> Result<ImportView, ServiceError> {
        let r = self.record(merchant, id).await?;
        let errors = self
            .store
            .import_failures(id, 0, view::ERRORS_SHOWN - 1)
            .await?;
        Ok(ImportView::of(&r, &errors))
    }

    /// `merchant`'s recent imports, newest first (without their failed rows).
    pub async fn list(&self, merchant: &MerchantId) -> Result<Vec<ImportView>, ServiceError> {
        let all = self.store.imports(merchant).await?;
        Ok(all.iter().map(|r| ImportView::of(r, &[])).collect())
    }

    async fn record(
        &self,
        merchant: &MerchantId,
        id: &ImportId,
    ) -> Result<ImportRecord, ServiceError> {
        self.store
            .import(id)
            .await?
            .filter(|r| r.merchant == merchant.as_str())
            .ok_or(ServiceError::NotFound)
    }

    /// Reads due imports until `cancel` fires; idle, it looks every `imports.interval` or
    /// when an upload in this process wakes it.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        while !cancel.is_cancelled() {
            let busy = match self.read_due_once(Utc::now()).await {
                Ok(claimed) => claimed,
                Err(e) => {
                    warn!(error = format!("{e:#}"), "import step failed");
                    false
                }
            };
            if !busy {
                tokio::select! {
                    () = cancel.cancelled() => {}
                    () = tokio::time::sleep(self.config.interval) => {}
                    () = self.wake.notified() => {}
                }
            }
        }
        info!("import reader stopped");
    }
}
