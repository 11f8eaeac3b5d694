//! The figures every replica shares, read from Redis when `/metrics` is scraped.

use super::{Result, Store};
use crate::metrics::{self, Def};

impl Store {
    /// Due-set lag and size, claims, the notification queue's lag and the event streams'
    /// lag and pending entries, as of `now_ms`.
    pub async fn shared_figures(&self, now_ms: i64) -> Result<Vec<(&'static Def, f64)>> {
        let shards = self.keys.shards();
        let mut cmds = vec![];
        for shard in 0..shards {
            for key in [self.keys.due(shard), self.keys.notifications_due(shard)] {
                cmds.push(
                    redis::cmd("ZRANGE")
                        .arg(key)
                        .arg(0)
                        .arg(0)
                        .arg("WITHSCORES")
                        .to_owned(),
                );
            }
            cmds.push(redis::cmd("ZCARD").arg(self.keys.due(shard)).to_owned());
            cmds.push(redis::cmd("ZCARD").arg(self.keys.claims(shard)).to_owned());
        }
        let replies: Vec<redis::Value> = self.each(cmds).await?;
        let (mut due_lag, mut ndue_lag, mut due, mut claimed) = (0i64, 0i64, 0u64, 0u64);
        for chunk in replies.chunks(4) {
            let oldest = |v: &redis::Value| -> Option<i64> {
                let pairs: Vec<(String, f64)> = redis::from_redis_value_ref(v).ok()?;
                pairs.first().map(|(_, score)| *score as i64)
            };
            if let Some(at) = oldest(&chunk[0]) {
                due_lag = due_lag.max(now_ms - at);
            }
            if let Some(at) = oldest(&chunk[1]) {
                ndue_lag = ndue_lag.max(now_ms - at);
            }
            due += redis::from_redis_value_ref::<u64>(&chunk[2]).unwrap_or(0);
            claimed += redis::from_redis_value_ref::<u64>(&chunk[3]).unwrap_or(0);
        }
        let (lag, pending) = self.stream_figures().await?;
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
