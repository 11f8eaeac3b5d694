//! Push subscriptions (UPS Track Alert): one sorted set per carrier of the numbers to
//! subscribe, scored by when to subscribe or renew. Registration adds a number (due at
//! once); the scheduler's `push_subscribe` job reads the due part, subscribes, and moves
//! each number to its renewal or drops it once nothing is tracked under it.

use chrono::{DateTime, Utc};

use super::{Result, Store, ms};
use crate::domain::{CarrierCode, TrackingNumber};

impl Store {
    /// Up to `limit` numbers whose subscription is due at `now`, oldest first.
    pub async fn push_due(
        &self,
        carrier: &CarrierCode,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<TrackingNumber>> {
        let numbers: Vec<String> = redis::cmd("ZRANGE")
            .arg(self.keys.push_subscriptions(carrier))
            .arg("-inf")
            .arg(ms(now))
            .arg("BYSCORE")
            .arg("LIMIT")
            .arg(0)
            .arg(limit)
            .query_async(&mut self.conn())
            .await?;
        Ok(numbers
            .iter()
            .filter_map(|n| TrackingNumber::parse(n).ok())
            .collect())
    }

    /// Subscribes or renews `numbers` next at `at` (only numbers still in the set).
    pub async fn push_next(
        &self,
        carrier: &CarrierCode,
        numbers: &[TrackingNumber],
        at: DateTime<Utc>,
    ) -> Result<()> {
        if numbers.is_empty() {
            return Ok(());
        }
        let mut cmd = redis::cmd("ZADD");
        cmd.arg(self.keys.push_subscriptions(carrier)).arg("XX");
        for n in numbers {
            cmd.arg(ms(at)).arg(n.as_str());
        }
        let _: i64 = cmd.query_async(&mut self.conn()).await?;
        Ok(())
    }

    /// Stops subscribing `numbers` (nothing tracked under them, or the carrier refused them).
    pub async fn push_drop(&self, carrier: &CarrierCode, numbers: &[TrackingNumber]) -> Result<()> {
        if numbers.is_empty() {
            return Ok(());
        }
        let mut cmd = redis::cmd("ZREM");
        cmd.arg(self.keys.push_subscriptions(carrier));
        for n in numbers {
            cmd.arg(n.as_str());
        }
        let _: i64 = cmd.query_async(&mut self.conn()).await?;
        Ok(())
    }

    /// How many numbers are waiting for or holding a subscription (tests, metrics).
    pub async fn push_subscription_count(&self, carrier: &CarrierCode) -> Result<usize> {
        Ok(redis::cmd("ZCARD")
            .arg(self.keys.push_subscriptions(carrier))
            .query_async(&mut self.conn())
            .await?)
    }
}
