//! The change feed: every snapshot write also appends the shipment's id to its shard's
//! `chg` stream (inside the same script). Each web process follows the feeds and drops
//! what changed from its snapshot cache, so tracking pages can be served from memory yet
//! show another process's write within about one follow interval.

use std::time::Duration;

use redis::streams::StreamReadReply;
use tokio_util::sync::CancellationToken;

use super::{Result, Store};
use crate::domain::ShipmentId;

/// Entries read per shard per round; a full batch means more wait, so read again at once.
const BATCH: usize = 1000;

impl Store {
    /// Drops one shipment from this process's snapshot cache.
    pub(super) fn forget_cached(&self, id: &ShipmentId) {
        if let Ok(mut map) = self.cache.snapshots.lock() {
            map.remove(id);
        }
        if let Ok(mut map) = self.cache.pages.lock() {
            map.remove(id);
        }
    }

    fn forget_all_cached(&self) {
        if let Ok(mut map) = self.cache.snapshots.lock() {
            map.clear();
        }
        if let Ok(mut map) = self.cache.pages.lock() {
            map.clear();
        }
    }

    /// A page rendered from this shipment's current snapshot in `lang`, if one was kept
    /// less than `max_age` ago.
    pub fn rendered_page(
        &self,
        id: &ShipmentId,
        lang: &str,
        max_age: Duration,
    ) -> Option<bytes::Bytes> {
        let map = self.cache.pages.lock().ok()?;
        map.get(id)?
            .iter()
            .find(|(l, at, _)| l == lang && at.elapsed() < max_age)
            .map(|(_, _, page)| page.clone())
    }

    /// Keeps a page rendered from `id`'s snapshot (dropped with it when it changes).
    pub fn keep_rendered_page(&self, id: &ShipmentId, lang: String, page: bytes::Bytes) {
        if let Ok(mut map) = self.cache.pages.lock() {
            if map.len() >= super::TOKEN_CACHE_MAX {
                map.clear();
            }
            let pages = map.entry(id.clone()).or_default();
            pages.retain(|(l, _, _)| *l != lang);
            pages.push((lang, std::time::Instant::now(), page));
        }
    }

    /// Tells every web process that what a shipment's page shows changed besides its
    /// snapshot (a make-good given): they drop their cached copies.
    pub async fn note_changed(&self, id: &ShipmentId) -> Result<()> {
        let _: String = redis::cmd("XADD")
            .arg(self.keys.changes(self.keys.shard_of(id)))
            .arg("MAXLEN")
            .arg("~")
            .arg(10_000)
            .arg("*")
            .arg("id")
            .arg(id.as_str())
            .query_async(&mut self.conn())
            .await?;
        self.forget_cached(id);
        Ok(())
    }

    /// The newest entry id of every shard's feed ("0-0" for an empty one).
    async fn change_tails(&self) -> Result<Vec<String>> {
        let cmds = (0..self.keys.shards())
            .map(|shard| {
                redis::cmd("XREVRANGE")
                    .arg(self.keys.changes(shard))
                    .arg("+")
                    .arg("-")
                    .arg("COUNT")
                    .arg(1)
                    .to_owned()
            })
            .collect();
        let tails: Vec<Vec<(String, redis::Value)>> = self.each(cmds).await?;
        Ok(tails
            .into_iter()
            .map(|t| t.into_iter().next().map_or("0-0".into(), |(id, _)| id))
            .collect())
    }

    /// One round: drops every shipment changed after `after` (per shard) from the cache and
    /// moves `after` on. Returns how many entries it read.
    pub async fn follow_changes_once(&self, after: &mut [String]) -> Result<usize> {
        let cmds = after
            .iter()
            .enumerate()
            .map(|(shard, last)| {
                redis::cmd("XREAD")
                    .arg("COUNT")
                    .arg(BATCH)
                    .arg("STREAMS")
                    .arg(self.keys.changes(shard as u16))
                    .arg(last)
                    .to_owned()
            })
            .collect();
        let replies: Vec<Option<StreamReadReply>> = self.each(cmds).await?;
        let mut read = 0;
        for (last, reply) in after.iter_mut().zip(replies) {
            for entry in reply.into_iter().flat_map(|r| r.keys).flat_map(|k| k.ids) {
                if let Some(id) = entry
                    .get::<String>("id")
                    .and_then(|id| ShipmentId::parse(&id).ok())
                {
                    self.forget_cached(&id);
                }
                *last = entry.id;
                read += 1;
            }
        }
        Ok(read)
    }

    /// Follows the change feeds every `every` until cancelled. Whatever it cannot read (Redis
    /// away, a restart) it cannot vouch for: the whole cache goes.
    pub async fn follow_changes(self, every: Duration, cancel: CancellationToken) {
        let mut after: Option<Vec<String>> = None;
        let mut failing = false;
        loop {
            let result = match after.as_mut() {
                None => self.change_tails().await.map(|tails| {
                    after = Some(tails);
                    0
                }),
                Some(after) => self.follow_changes_once(after).await,
            };
            match result {
                Ok(n) => {
                    failing = false;
                    if n >= BATCH {
                        continue;
                    }
                }
                Err(e) => {
                    if !failing {
                        tracing::warn!(error = %e, "cannot read the change feed; dropping cached pages until it answers again");
                    }
                    failing = true;
                    self.forget_all_cached();
                    after = None;
                }
            }
            tokio::select! {
                () = cancel.cancelled() => return,
                () = tokio::time::sleep(every) => {}
            }
        }
    }
}
