//! The shipment event streams as the notifier reads them: one consumer group over every
//! shard's stream, at least once (entries a dead notifier left are taken over), with the
//! planning crashes of an entry counted so a poison entry is parked.

use redis::streams::{StreamAutoClaimReply, StreamId, StreamReadReply};

use super::{Result, Shard, Store};
use crate::domain::DomainEvent;

/// The consumer group every notifier joins.
pub(super) const GROUP: &str = "notifier";

/// One entry of a shard's event stream.
#[derive(Debug, Clone)]
pub struct StreamEntry {
    pub id: String,
    /// `None` when the entry is unreadable (it is acknowledged and skipped).
    pub event: Option<DomainEvent>,
}

impl Store {
    /// Creates the notifier group on a shard's stream (from its start) if it is missing.
    pub async fn ensure_event_group(&self, shard: Shard) -> Result<()> {
        let created: redis::RedisResult<String> = redis::cmd("XGROUP")
            .arg("CREATE")
            .arg(self.keys.events(shard))
            .arg(GROUP)
            .arg("0")
            .arg("MKSTREAM")
            .query_async(&mut self.conn())
            .await;
        match created {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("BUSYGROUP") => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// New entries for this consumer (never blocks).
    pub async fn read_events(
        &self,
        shard: Shard,
        consumer: &str,
        count: usize,
    ) -> Result<Vec<StreamEntry>> {
        let reply: Option<StreamReadReply> = redis::cmd("XREADGROUP")
            .arg("GROUP")
            .arg(GROUP)
            .arg(consumer)
            .arg("COUNT")
            .arg(count)
            .arg("STREAMS")
            .arg(self.keys.events(shard))
            .arg(">")
            .query_async(&mut self.conn())
            .await?;
        Ok(reply
            .map(|r| r.keys.into_iter().flat_map(|k| k.ids).map(entry).collect())
            .unwrap_or_default())
    }

    /// Entries another consumer took but did not acknowledge within `min_idle_ms`.
    pub async fn reclaim_events(
        &self,
        shard: Shard,
        consumer: &str,
        min_idle_ms: u64,
        count: usize,
    ) -> Result<Vec<StreamEntry>> {
        let reply: StreamAutoClaimReply = redis::cmd("XAUTOCLAIM")
            .arg(self.keys.events(shard))
            .arg(GROUP)
            .arg(consumer)
            .arg(min_idle_ms)
            .arg("0-0")
            .arg("COUNT")
            .arg(count)
            .query_async(&mut self.conn())
            .await?;
        Ok(reply.claimed.into_iter().map(entry).collect())
    }

    /// Counts one more failure on planning a stream entry; the count so far.
    pub async fn note_event_crash(&self, shard: Shard, entry: &str) -> Result<u32> {
        let key = self.keys.event_crashes(shard);
        let (count,): (u32,) = redis::pipe()
            .cmd("HINCRBY")
            .arg(&key)
            .arg(entry)
            .arg(1)
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(86_400_000)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        Ok(count)
    }

    pub async fn ack_events(&self, shard: Shard, ids: &[String]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let _: i64 = redis::cmd("XACK")
            .arg(self.keys.events(shard))
            .arg(GROUP)
            .arg(ids)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Entries not yet delivered to the group plus those delivered but not acknowledged,
    /// across the shards (the benchmark's stream lag).
    pub async fn event_backlog(&self) -> Result<u64> {
        let figures = self.shared_figures(0).await?;
        let of = |def: &crate::metrics::Def| {
            figures
                .iter()
                .find(|(d, _)| d.name == def.name)
                .map_or(0, |(_, v)| *v as u64)
        };
        Ok(of(&crate::metrics::STREAM_LAG) + of(&crate::metrics::STREAM_PENDING))
    }
}

fn entry(s: StreamId) -> StreamEntry {
    let event = s
        .get::<String>("e")
        .and_then(|json| serde_json::from_str(&json).ok());
    StreamEntry { id: s.id, event }
}
