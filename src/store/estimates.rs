//! What a merchant's delivered parcels took: one hash per lane level
//! (`P:edd:<merchant>:<level>`), its field `a` the forward-decay anchor (seconds), `t` the
//! decay's tau (seconds) and each other field a quarter-working-day bucket's decayed
//! weight (`domain::estimate::Rollup`).
//! A delivery adds to each of its levels in one round trip; an estimate reads its levels,
//! and the merchant's pace beside them (`pace.rs`), in one round trip. Nothing scans the
//! keyspace.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::pace::{PACE_LEVEL, stored_pace};
use super::{Result, Store};
use crate::domain::MerchantId;
use crate::domain::estimate::{Pace, Rollup, bucket};

/// KEYS[1] the level. ARGV: delivered at (s), tau (s), bucket, the largest exponent kept,
/// the tau of a rollup that does not say its own (s). Sets the anchor and tau (`t`) on
/// first use; a rollup kept under another tau is first decayed to `at` under its own and
/// re-anchored there, so its parcels and the new ones weigh on one scale; rescales every
/// bucket and moves the anchor when the exponent grows past the largest kept; adds
/// `exp((at − anchor) / tau)` to the bucket.
const LEARN: &str = r"
local at, tau, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])
local anchor = tonumber(redis.call('HGET', KEYS[1], 'a') or '')
local kept = tonumber(redis.call('HGET', KEYS[1], 't') or '') or tonumber(ARGV[5])
if anchor == nil then
  anchor = at
  redis.call('HSET', KEYS[1], 'a', at, 't', tau)
  kept = tau
end
local function rescale(e)
  local all = redis.call('HGETALL', KEYS[1])
  local scale = math.exp(-e)
  for i = 1, #all, 2 do
    if all[i] ~= 'a' and all[i] ~= 't' then
      redis.call('HSET', KEYS[1], all[i], string.format('%.17g', tonumber(all[i + 1]) * scale))
    end
  end
  redis.call('HSET', KEYS[1], 'a', at, 't', tau)
  anchor = at
end
if kept ~= tau then
  rescale((at - anchor) / kept)
end
local e = (at - anchor) / tau
if e > limit then
  rescale(e)
  e = 0
end
return redis.call('HINCRBYFLOAT', KEYS[1], ARGV[3], string.format('%.17g', math.exp(e)))";

/// The tau of rollups written before each one kept its own: 15 days.
const UNSAID_TAU: Duration = Duration::from_secs(15 * 86_400);

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
                    .arg(UNSAID_TAU.as_secs())
                    .to_owned()
            })
            .collect();
        let _: Vec<redis::Value> = self.each(cmds).await?;
        Ok(())
    }

    /// Each level's rollup (empty for a level without parcels) read under `tau` (one kept
    /// under another is decayed to now under its own first), and the merchant's pace.
    pub async fn transit_rollups(
        &self,
        merchant: &MerchantId,
        levels: &[impl AsRef<str>],
        tau: Duration,
    ) -> Result<(Vec<Rollup>, Option<(DateTime<Utc>, Pace)>)> {
        let cmds = levels
            .iter()
            .map(AsRef::as_ref)
            .chain([PACE_LEVEL])
            .map(|level| {
                redis::cmd("HGETALL")
                    .arg(self.keys.estimates(merchant, level))
                    .to_owned()
            })
            .collect();
        let mut hashes: Vec<Vec<(String, String)>> = self.each(cmds).await?;
        let pace = hashes.pop().and_then(|fields| stored_pace(&fields));
        let now = Utc::now();
        let rollups = hashes.into_iter().map(|h| rollup(h, tau, now)).collect();
        Ok((rollups, pace))
    }
}

fn rollup(fields: Vec<(String, String)>, tau: Duration, now: DateTime<Utc>) -> Rollup {
    let mut r = Rollup {
        anchor: 0,
        weights: BTreeMap::new(),
    };
    let mut kept = UNSAID_TAU;
    for (k, v) in fields {
        if k == "a" {
            r.anchor = v.parse::<f64>().map_or(0, |a| a as i64);
        } else if k == "t" {
            kept = v
                .parse::<f64>()
                .ok()
                .filter(|t| t.is_finite() && *t >= 1.0)
                .map_or(UNSAID_TAU, |t| Duration::from_secs(t.round() as u64));
        } else if let (Ok(b), Ok(w)) = (k.parse::<u16>(), v.parse::<f64>())
            && w.is_finite()
            && w > 0.0
        {
            r.weights.insert(b, w);
        }
    }
    if kept != tau && !r.weights.is_empty() {
        r.rebase(now, kept);
    }
    r
}
