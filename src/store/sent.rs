//! Messages sent per merchant, hour and channel (`P:sent:<merchant>:<hour>`, a hash of
//! channel → count, kept two days): the console overview's "sent today" in the merchant's
//! own day, without reading the notification records. Counted after the record says sent,
//! so a message whose record is retried may count twice; the records stay the truth.

use chrono::{DateTime, Utc};

use super::{Result, Store};
use crate::domain::MerchantId;

/// How long an hour's counts are kept.
const KEEP_SECS: i64 = 49 * 3600;

fn hour_of(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(3600)
}

impl Store {
    pub async fn count_sent(&self, m: &MerchantId, channel: &str, at: DateTime<Utc>) -> Result<()> {
        let key = self.keys.sent(m, hour_of(at));
        let _: Vec<redis::Value> = redis::pipe()
            .cmd("HINCRBY")
            .arg(&key)
            .arg(channel)
            .arg(1)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(KEEP_SECS)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Messages sent from the hour of `from` to the hour of `to`, by channel (at most two
    /// days back).
    pub async fn sent_between(
        &self,
        m: &MerchantId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(String, u64)>> {
        let last = hour_of(to);
        let first = hour_of(from).max(last.saturating_sub(48));
        let cmds = (first..=last)
            .map(|h| redis::cmd("HGETALL").arg(self.keys.sent(m, h)).to_owned())
            .collect();
        let hours: Vec<Vec<(String, u64)>> = self.each(cmds).await?;
        let mut total: Vec<(String, u64)> = vec![];
        for (channel, n) in hours.into_iter().flatten() {
            match total.iter_mut().find(|(c, _)| *c == channel) {
                Some((_, sum)) => *sum = sum.saturating_add(n),
                None => total.push((channel, n)),
            }
        }
        total.sort();
        Ok(total)
    }
}
