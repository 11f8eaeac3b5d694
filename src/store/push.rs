//! Push subscriptions (UPS Track Alert): per shard, one sorted set per carrier of the
//! numbers to subscribe, scored by when to subscribe or renew. Registration adds a number
//! (due at once); the scheduler's `push_subscribe` job reads the due part, subscribes, and
//! moves each number to its renewal or drops it once nothing is tracked under it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::keys::Shard;
use super::{Result, Store, ms};
use crate::domain::{CarrierCode, TrackingNumber};

impl Store {
    /// Up to `limit` numbers whose subscription is due at `now`, shard by shard.
    pub async fn push_due(
        &self,
        carrier: &CarrierCode,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<TrackingNumber>> {
        let mut due = vec![];
        for shard in 0..self.keys.shards() {
            let Some(left) = limit.checked_sub(due.len()).filter(|n| *n > 0) else {
                break;
            };
            let numbers: Vec<String> = redis::cmd("ZRANGE")
                .arg(self.keys.push_subscriptions(shard, carrier))
                .arg("-inf")
                .arg(ms(now))
                .arg("BYSCORE")
                .arg("LIMIT")
                .arg(0)
                .arg(left)
                .query_async(&mut self.conn())
                .await?;
            due.extend(numbers.iter().filter_map(|n| TrackingNumber::parse(n).ok()));
        }
        Ok(due)
    }

    /// Subscribes or renews `numbers` next at `at` (only numbers still in the set).
    pub async fn push_next(
        &self,
        carrier: &CarrierCode,
        numbers: &[TrackingNumber],
        at: DateTime<Utc>,
    ) -> Result<()> {
        for (shard, numbers) in self.by_shard(numbers) {
            let mut cmd = redis::cmd("ZADD");
            cmd.arg(self.keys.push_subscriptions(shard, carrier))
                .arg("XX");
            for n in numbers {
                cmd.arg(ms(at)).arg(n.as_str());
            }
            let _: i64 = cmd.query_async(&mut self.conn()).await?;
        }
        Ok(())
    }

    /// Stops subscribing `numbers` (nothing tracked under them, or the carrier refused them).
    pub async fn push_drop(&self, carrier: &CarrierCode, numbers: &[TrackingNumber]) -> Result<()> {
        for (shard, numbers) in self.by_shard(numbers) {
            let mut cmd = redis::cmd("ZREM");
            cmd.arg(self.keys.push_subscriptions(shard, carrier));
            for n in numbers {
                cmd.arg(n.as_str());
            }
            let _: i64 = cmd.query_async(&mut self.conn()).await?;
        }
        Ok(())
    }

    /// How many numbers are waiting for or holding a subscription.
    pub async fn push_subscription_count(&self, carrier: &CarrierCode) -> Result<usize> {
        let mut total = 0;
        for shard in 0..self.keys.shards() {
            let n: usize = redis::cmd("ZCARD")
                .arg(self.keys.push_subscriptions(shard, carrier))
                .query_async(&mut self.conn())
                .await?;
            total += n;
        }
        Ok(total)
    }

    fn by_shard<'a>(
        &self,
        numbers: &'a [TrackingNumber],
    ) -> BTreeMap<Shard, Vec<&'a TrackingNumber>> {
        let mut groups: BTreeMap<Shard, Vec<&TrackingNumber>> = BTreeMap::new();
        for n in numbers {
            groups.entry(self.keys.number_shard(n)).or_default().push(n);
        }
        groups
    }
}
