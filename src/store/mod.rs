//! The only code that talks to Redis. Everything is keyed through [`Keys`]; multi-key
//! writes are Lua scripts confined to one shard's hash tag.

mod accounts;
mod analytics;
mod api_keys;
mod audit;
mod changes;
mod claims;
pub(crate) mod codec;
mod conn;
mod delivery;
mod endings;
mod estimates;
mod event_stream;
mod feedback;
mod gate;
mod imports;
mod intake;
mod keys;
mod limits;
mod lists;
mod logos;
mod make_good;
mod merchants;
mod notification_settings;
mod notifications;
mod ops;
mod opt_outs;
mod pace;
mod push;
mod scripts;
mod search;
mod sent;
mod shipments;
mod users;
mod views;
mod webhooks;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::RedisConfig;
use crate::domain::{Merchant, MerchantId, PublicToken, Shipment, ShipmentId};

pub use accounts::StoredAccount;
pub use api_keys::{Revoked, StoredKey, Touch};
pub use audit::{AUDIT_KEEP, AuditPage, is_audit_cursor};
pub use claims::{Claim, Next, RefreshOutcome};
pub use conn::{Conn, redact_url};
pub use delivery::Gathered;
pub use event_stream::StreamEntry;
pub use feedback::FeedbackCursor;
pub use gate::{Admission, GateOutcome, GateState};
pub use imports::{Checkpoint, IMPORT_KEPT, ImportClaim, ImportRecord, MAX_FAILED_KEPT};
pub use intake::HookClaim;
pub use keys::{Keys, Shard};
pub use limits::{Quota, Verdict};
pub use lists::{Cursor, ListCounts};
pub use logos::LogoClaim;
pub use make_good::{Added, Drawn, PoolStatus};
pub use merchants::Logo;
pub use pace::{Handed, Keeping, Kept};
pub use shipments::{NewShipment, Page, Registration};
pub use users::Session;
pub use views::Views;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("redis: {0}")]
    Redis(redis::RedisError),
    #[error("stored value is unreadable: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Config(String),
    /// A value larger than the store keeps (refused before writing).
    #[error("too large to store: {0}")]
    TooLarge(String),
}

impl From<redis::RedisError> for StoreError {
    fn from(e: redis::RedisError) -> Self {
        crate::metrics::REDIS_ERRORS.inc(&[]);
        StoreError::Redis(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Handle to the shared Redis (one node or a cluster); cheap to clone (one multiplexed
/// connection).
#[derive(Clone)]
pub struct Store {
    client: conn::Client,
    conn: Conn,
    keys: Keys,
    stream_maxlen: u64,
    cache: Arc<ReadCache>,
}

/// In-process cache for the read-mostly paths: token → shipment id (safe to keep: every
/// read checks the snapshot, which says whether the token was revoked by a cancellation),
/// decoded snapshots for public pages (dropped when the change feed says they changed, and
/// kept at most `http.page_cache_ttl`) and the pages rendered from them, and merchants
/// (branding changes rarely; kept for a few seconds).
#[derive(Default)]
struct ReadCache {
    tokens: Mutex<crate::FastMap<String, ShipmentId>>,
    snapshots: Mutex<crate::FastMap<ShipmentId, (Instant, Arc<Shipment>)>>,
    /// Rendered pages of cached snapshots, by language tag; they go with their snapshot.
    pages: Mutex<crate::FastMap<ShipmentId, Vec<RenderedPage>>>,
    merchants: Mutex<crate::FastMap<MerchantId, (Instant, Arc<Merchant>)>>,
}

/// A page rendered in one language (tag), when, and its bytes.
type RenderedPage = (String, Instant, bytes::Bytes);

const TOKEN_CACHE_MAX: usize = 200_000;
const MERCHANT_TTL: Duration = Duration::from_secs(10);

impl Store {
    /// Connects and checks that the shard count matches the one this prefix was created with.
    pub async fn connect(cfg: &RedisConfig) -> Result<Store> {
        let client = conn::Client::open(cfg)?;
        let conn = client.connect().await?;
        let store = Store {
            client,
            conn,
            keys: Keys::new(&cfg.prefix, cfg.shards),
            stream_maxlen: cfg.stream_maxlen,
            cache: Arc::default(),
        };
        store.check_shards().await?;
        Ok(store)
    }

    /// `connect`, waiting out a Redis that is down or still loading its data (restarting)
    /// for up to `within`, so a process started meanwhile does not exit and start again in
    /// a loop. Configuration errors return at once.
    pub async fn connect_patiently(cfg: &RedisConfig, within: Duration) -> Result<Store> {
        let started = Instant::now();
        loop {
            match Store::connect(cfg).await {
                Err(StoreError::Redis(e)) if started.elapsed() < within => {
                    tracing::warn!(error = %e, "Redis is not answering yet; trying again");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                done => return done,
            }
        }
    }

    /// The same store over a connection of its own, driven by the calling runtime (each
    /// HTTP worker thread gets one, so replies need no hop to another thread). Caches stay shared.
    pub async fn reconnect(&self) -> Result<Store> {
        let conn = self.client.connect().await?;
        Ok(Store {
            conn,
            ..self.clone()
        })
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    fn conn(&self) -> Conn {
        self.conn.clone()
    }

    /// A raw connection, for tests and tools that inspect what is stored.
    pub fn connection(&self) -> Conn {
        self.conn()
    }

    pub async fn ping(&self) -> Result<()> {
        let _: String = redis::cmd("PING").query_async(&mut self.conn()).await?;
        Ok(())
    }

    async fn check_shards(&self) -> Result<()> {
        let key = self.keys.meta_shards();
        let want = self.keys.shards();
        let _: Option<String> = redis::cmd("SET")
            .arg(&key)
            .arg(want)
            .arg("NX")
            .query_async(&mut self.conn())
            .await?;
        let have: u16 = redis::cmd("GET")
            .arg(&key)
            .query_async(&mut self.conn())
            .await?;
        if have != want {
            return Err(StoreError::Config(format!(
                "redis.shards is {want} but this prefix was created with {have}; keep it at {have}"
            )));
        }
        Ok(())
    }

    /// Takes the lock for one run of a scheduled job; true for exactly one caller per slot.
    pub async fn try_lock_job_slot(&self, job: &str, slot: i64, ttl: Duration) -> Result<bool> {
        let set: Option<String> = redis::cmd("SET")
            .arg(self.keys.job_slot(job, slot))
            .arg(std::process::id())
            .arg("NX")
            .arg("PX")
            .arg(ttl.as_millis().max(1) as u64)
            .query_async(&mut self.conn())
            .await?;
        Ok(set.is_some())
    }

    /// Redis' `used_memory`, for the benchmark's bytes-per-shipment figure.
    pub async fn used_memory(&self) -> Result<u64> {
        self.info_number("memory", "used_memory").await
    }

    /// Commands Redis has processed since it started, for the benchmarks.
    pub async fn commands_processed(&self) -> Result<u64> {
        self.info_number("stats", "total_commands_processed").await
    }

    /// One numeric field of an `INFO` section.
    async fn info_number(&self, section: &str, field: &str) -> Result<u64> {
        let info: String = redis::cmd("INFO")
            .arg(section)
            .query_async(&mut self.conn())
            .await?;
        info.lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| StoreError::Corrupt(format!("INFO {section} has no {field}")))
    }

    /// `MEMORY USAGE` of one key, in bytes (the benchmark's breakdown).
    pub async fn memory_usage(&self, key: &str) -> Result<u64> {
        let n: Option<u64> = redis::cmd("MEMORY")
            .arg("USAGE")
            .arg(key)
            .arg("SAMPLES")
            .arg(0)
            .query_async(&mut self.conn())
            .await?;
        Ok(n.unwrap_or(0))
    }

    fn cached_token(&self, token: &PublicToken) -> Option<ShipmentId> {
        self.cache.tokens.lock().ok()?.get(token.as_str()).cloned()
    }

    fn cache_token(&self, token: &PublicToken, id: &ShipmentId) {
        if let Ok(mut map) = self.cache.tokens.lock() {
            if map.len() >= TOKEN_CACHE_MAX {
                map.clear();
            }
            map.insert(token.as_str().to_owned(), id.clone());
        }
    }
}

fn decode<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn encode<T: serde::Serialize>(value: &T) -> String {
    // Serializing our own plain structs (string keys, no maps with non-string keys) cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

fn ms(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp_millis()
}
