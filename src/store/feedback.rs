//! Customers' feedback, one record per shipment, a per-shipment submission counter, and the
//! scans of the parcel's QR code.

use super::{Result, Store, decode, encode};
use crate::domain::{DomainEvent, Feedback, ShipmentId};

impl Store {
    pub async fn feedback(&self, id: &ShipmentId) -> Result<Option<Feedback>> {
        let json: Option<String> = redis::cmd("GET")
            .arg(self.keys.feedback(id))
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("feedback", &j)).transpose()
    }

    /// Saves an answer and appends its event to the shipment's stream, together.
    pub async fn put_feedback(&self, f: &Feedback, event: &DomainEvent) -> Result<()> {
        let shard = self.keys.shard_of(&f.shipment_id);
        let () = redis::pipe()
            .atomic()
            .cmd("SET")
            .arg(self.keys.feedback(&f.shipment_id))
            .arg(encode(f))
            .ignore()
            .cmd("XADD")
            .arg(self.keys.events(shard))
            .arg("MAXLEN")
            .arg("~")
            .arg(self.stream_maxlen)
            .arg("*")
            .arg("e")
            .arg(encode(event))
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        let _: i64 = redis::cmd("ZADD")
            .arg(self.keys.merchant_feedback(&f.merchant_id))
            .arg(f.updated_at.timestamp_millis())
            .arg(f.shipment_id.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// A merchant's answers, newest first: after `after` (see [`FeedbackCursor`]; none: from
    /// the newest) and at or after `since_ms`; at most `limit`.
    pub async fn merchant_feedback(
        &self,
        merchant: &crate::domain::MerchantId,
        since_ms: i64,
        after: Option<&FeedbackCursor>,
        limit: usize,
    ) -> Result<Vec<Feedback>> {
        // Inclusive of the cursor's moment: answers of the same millisecond come in
        // descending id order, and those down to the cursor's were shown.
        let upper = after.map_or_else(|| "+inf".to_owned(), |c| c.ms.to_string());
        let mut skip = 0usize;
        let ids = loop {
            let entries: Vec<(String, i64)> = redis::cmd("ZREVRANGEBYSCORE")
                .arg(self.keys.merchant_feedback(merchant))
                .arg(&upper)
                .arg(since_ms)
                .arg("WITHSCORES")
                .arg("LIMIT")
                .arg(skip)
                .arg(limit)
                .query_async(&mut self.conn())
                .await?;
            let read = entries.len();
            let fresh: Vec<ShipmentId> = entries
                .into_iter()
                .filter(|(id, ms)| after.is_none_or(|c| !c.covers(*ms, id)))
                .filter_map(|(id, _)| ShipmentId::parse(&id).ok())
                .collect();
            if !fresh.is_empty() || read < limit.max(1) {
                break fresh;
            }
            skip = skip.saturating_add(read);
        };
        if ids.is_empty() {
            return Ok(vec![]);
        }
        // One round trip for the page, not one per answer.
        let cmds = ids
            .iter()
            .map(|id| redis::cmd("GET").arg(self.keys.feedback(id)).to_owned())
            .collect();
        let found: Vec<Option<String>> = self.each(cmds).await?;
        found
            .iter()
            .flatten()
            .map(|j| decode("feedback", j))
            .collect()
    }

    /// How many answers a merchant had at or after `since_ms`.
    pub async fn feedback_count(
        &self,
        merchant: &crate::domain::MerchantId,
        since_ms: i64,
    ) -> Result<u64> {
        Ok(redis::cmd("ZCOUNT")
            .arg(self.keys.merchant_feedback(merchant))
            .arg(since_ms)
            .arg("+inf")
            .query_async(&mut self.conn())
            .await?)
    }

    /// Counts one more submission for a shipment today; returns the count.
    pub async fn count_feedback_try(&self, id: &ShipmentId) -> Result<u64> {
        let key = self.keys.feedback_tries(id);
        let (n, _): (u64, i64) = redis::pipe()
            .atomic()
            .cmd("INCR")
            .arg(&key)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(86_400)
            .arg("NX")
            .query_async(&mut self.conn())
            .await?;
        Ok(n)
    }
}

impl Store {
    /// Records a scan of the parcel's QR code; returns how many there have been.
    pub async fn record_scan(&self, id: &ShipmentId, at_ms: i64) -> Result<u64> {
        let key = self.keys.scans(id);
        let (_, _, n): (i64, i64, u64) = redis::pipe()
            .atomic()
            .cmd("HSETNX")
            .arg(&key)
            .arg("first")
            .arg(at_ms)
            .cmd("HSET")
            .arg(&key)
            .arg("last")
            .arg(at_ms)
            .cmd("HINCRBY")
            .arg(&key)
            .arg("count")
            .arg(1)
            .query_async(&mut self.conn())
            .await?;
        Ok(n)
    }

    /// When the QR code was first scanned (ms), if ever: the "package opened" moment.
    pub async fn first_scan(&self, id: &ShipmentId) -> Result<Option<i64>> {
        Ok(redis::cmd("HGET")
            .arg(self.keys.scans(id))
            .arg("first")
            .query_async(&mut self.conn())
            .await?)
    }
}

/// Where a page of answers stopped: the last one's moment (ms) and shipment id, written
/// `{ms}:{id}`. A bare `{ms}` (older cursors; the summary's bound) stops before every
/// answer of that millisecond.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackCursor {
    ms: i64,
    id: Option<String>,
}

impl FeedbackCursor {
    pub fn of(f: &Feedback) -> Self {
        FeedbackCursor {
            ms: f.updated_at.timestamp_millis(),
            id: Some(f.shipment_id.to_string()),
        }
    }

    /// Before `ms`, every answer of that millisecond left out.
    pub fn before(ms: i64) -> Self {
        FeedbackCursor { ms, id: None }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let (ms, id) = match raw.split_once(':') {
            Some((ms, id)) => (ms, Some(ShipmentId::parse(id).ok()?.to_string())),
            None => (raw, None),
        };
        Some(FeedbackCursor {
            ms: ms.parse().ok()?,
            id,
        })
    }

    /// Whether the answer at `ms` of shipment `id` was at or before this cursor.
    fn covers(&self, ms: i64, id: &str) -> bool {
        ms > self.ms || (ms == self.ms && self.id.as_deref().is_none_or(|c| id >= c))
    }
}

impl std::fmt::Display for FeedbackCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{}:{id}", self.ms),
            None => write!(f, "{}", self.ms),
        }
    }
}
