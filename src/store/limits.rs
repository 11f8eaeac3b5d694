//! Rate limits shared by every web process: one token bucket per (what, who) in Redis, on
//! Redis' clock, so a client spreading requests over replicas gets no more than from one.

#![warn(clippy::arithmetic_side_effects)]

use std::time::Duration;

use super::{Result, Store, scripts};

/// `burst` requests at once, refilled at `burst` per `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub burst: u32,
    pub per: Duration,
}

impl Quota {
    pub fn per_minute(n: u32) -> Quota {
        Quota {
            burst: n.max(1),
            per: Duration::from_secs(60),
        }
    }
}

/// What a bucket said of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Until the bucket is full again.
    pub reset: Duration,
    /// Until the next request is allowed (zero when allowed).
    pub retry_after: Duration,
}

impl Store {
    /// Takes one request from the bucket `bucket` (e.g. `api:<key id>`, `nf:<client>`).
    pub async fn take(&self, bucket: &str, quota: Quota) -> Result<Verdict> {
        let per_ms = quota.per.as_millis().clamp(1, u128::from(u32::MAX)) as u64;
        let (allowed, remaining, reset_ms, retry_ms): (i64, i64, i64, i64) = scripts::TAKE
            .key(self.keys.rate(bucket))
            .arg(quota.burst.max(1))
            .arg(per_ms)
            .invoke_async(&mut self.conn())
            .await?;
        let ms = |v: i64| Duration::from_millis(v.max(0).unsigned_abs());
        Ok(Verdict {
            allowed: allowed == 1,
            limit: quota.burst.max(1),
            remaining: u32::try_from(remaining.max(0)).unwrap_or(u32::MAX),
            reset: ms(reset_ms),
            retry_after: if allowed == 1 {
                Duration::ZERO
            } else {
                ms(retry_ms)
            },
        })
    }
}
