//! What a merchant's delivered parcels took: one hash per lane level
//! (`P:edd:<merchant>:<level>`), its field `a` the forward-decay anchor (seconds) and each
//! other field a quarter-working-day bucket's decayed weight (`domain::estimate::Rollup`).
//! A delivery adds to each of its levels in one round trip; an estimate reads its levels
//! in one round trip. Nothing scans the keyspace.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Result, Store};
use crate::domain::MerchantId;
use crate::domain::estimate::{Rollup, bucket};

/// KEYS[1] the level. ARGV: delivered at (s), tau (s), bucket, the largest exponent kept.
/// Sets the anchor on first use; rescales every bucket and moves the anchor when the
/// exponent grows past the largest kept; adds `exp((at − anchor) / tau)` to the bucket.
const LEARN: &str = r"
local at, tau, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])
local anchor = tonumber(redis.call('HGET', KEYS[1], 'a') or '')
if anchor == nil then
  anchor = at
  redis.call('HSET', KEYS[1], 'a', at)
end
local e = (at - anchor) / tau
if e > limit then
  local all = redis.call('HGETALL', KEYS[1])
  local scale = math.exp(-e)
  for i = 1, #all, 2 do
    if all[i] ~= 'a' then
      redis.call('HSET', KEYS[1], all[i], string.format('%.17g', tonumber(all[i + 1]) * scale))
    end
  end
  redis.call('HSET', KEYS[1], 'a', at)
  e = 0
end
return redis.call('HINCRBYFLOAT', KEYS[1], ARGV[3], string.format('%.17g', math.exp(e)))";

/// The exponent past which the anchor moves (as `Rollup::add` does).
const MAX_EXPONENT: f64 = 300.0;

impl Store {
    /// Counts a parcel delivered at `at` after `working_days` in transit, in each level.
    pub async fn learn_transit(
        &self,
        merchant: &MerchantId,
        levels: &[String],
        (working_days, at): (f64, DateTime<Utc>),
        tau: Duration,
    ) -> Result<()> {
        let cmds = levels
            .iter()
            .map(|level| {
                redis::cmd("EVAL")
                    .arg(LEARN)
                    .arg(1)
                    .arg(self.keys.estimates(merchant, level))
                    .arg(at.timestamp())
                    .arg(tau.as_secs().max(1))
                    .arg(bucket(working_days))
                    .arg(MAX_EXPONENT)
                    .to_owned()
            })
            .collect();
        let _: Vec<redis::Value> = self.each(cmds).await?;
        Ok(())
    }

    /// Each level's rollup (empty for a level without parcels).
    pub async fn transit_rollups(
        &self,
        merchant: &MerchantId,
        levels: &[String],
    ) -> Result<Vec<Rollup>> {
        let cmds = levels
            .iter()
            .map(|level| {
                redis::cmd("HGETALL")
                    .arg(self.keys.estimates(merchant, level))
                    .to_owned()
            })
            .collect();
        let hashes: Vec<Vec<(String, String)>> = self.each(cmds).await?;
        Ok(hashes.into_iter().map(rollup).collect())
    }
}

fn rollup(fields: Vec<(String, String)>) -> Rollup {
    let mut r = Rollup {
        anchor: 0,
        weights: BTreeMap::new(),
    };
    for (k, v) in fields {
        if k == "a" {
            r.anchor = v.parse::<f64>().map_or(0, |a| a as i64);
        } else if let (Ok(b), Ok(w)) = (k.parse::<u16>(), v.parse::<f64>())
            && w.is_finite()
            && w > 0.0
        {
            r.weights.insert(b, w);
        }
    }
    r
}
