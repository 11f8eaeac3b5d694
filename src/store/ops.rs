//! The figures every replica shares, read from Redis when `/metrics` is scraped.

use super::{Result, Store, scripts};
use crate::metrics::{self, Def};

impl Store {
    /// Due-set lag and size, claims, the notification queue's lag and the event streams'
    /// lag and pending entries, as of `now_ms`.
    pub async fn shared_figures(&self, now_ms: i64) -> Result<Vec<(&'static Def, f64)>> {
        // One script per shard (its keys share a hash tag), all in one pipeline: one round
        // trip on a single node, one per master over a cluster, whatever `redis.shards` is.
        let cmds = (0..self.keys.shards())
            .map(|shard| {
                redis::cmd("EVAL")
                    .arg(scripts::SHARD_FIGURES)
                    .arg(4)
                    .arg(self.keys.due(shard))
                    .arg(self.keys.notifications_due(shard))
                    .arg(self.keys.claims(shard))
                    .arg(self.keys.events(shard))
                    .arg(super::event_stream::GROUP)
                    .to_owned()
            })
            .collect();
        let replies: Vec<(i64, i64, u64, u64, u64, u64)> = self.each(cmds).await?;
        let (mut due_lag, mut ndue_lag, mut due, mut claimed, mut lag, mut pending) =
            (0i64, 0i64, 0u64, 0u64, 0u64, 0u64);
        for (oldest_due, oldest_ndue, n_due, n_claimed, n_lag, n_pending) in replies {
            if oldest_due >= 0 {
                due_lag = due_lag.max(now_ms.saturating_sub(oldest_due));
            }
            if oldest_ndue >= 0 {
                ndue_lag = ndue_lag.max(now_ms.saturating_sub(oldest_ndue));
            }
            due = due.saturating_add(n_due);
            claimed = claimed.saturating_add(n_claimed);
            lag = lag.saturating_add(n_lag);
            pending = pending.saturating_add(n_pending);
        }
        Ok(vec![
            (&metrics::DUE_LAG, due_lag.max(0) as f64 / 1000.0),
            (&metrics::DUE_SHIPMENTS, due as f64),
            (&metrics::CLAIMED_SHIPMENTS, claimed as f64),
            (
                &metrics::NOTIFICATIONS_DUE_LAG,
                ndue_lag.max(0) as f64 / 1000.0,
            ),
            (&metrics::STREAM_LAG, lag as f64),
            (&metrics::STREAM_PENDING, pending as f64),
        ])
    }
}
