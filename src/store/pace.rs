//! The pace (`domain::estimate::pace`): the merchant's parcels handed over in the last 30
//! days (at most [`RECENT_KEPT`]) under `P:{pace:<merchant>}:*`, one slot — `h` a sorted
//! set by hand-over, `v` each one's expectation and place, `d` the delivered ones'
//! transits, `due` set for ten minutes after each draw — and the drawn pace beside the
//! rollups (`P:edd:<merchant>:~pace`, fields `at` and `q`; read with them, `estimates.rs`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Result, Store};
use crate::domain::estimate::{PACE_EVERY, Pace, WINDOW_DAYS};
use crate::domain::{MerchantId, ShipmentId};

/// A recent parcel as kept for the pace: its lane's likely transit when the carrier took it
/// (working days), and where its days are counted (country, zone).
#[derive(Debug, Clone, PartialEq)]
pub struct Handed {
    pub at: DateTime<Utc>,
    pub expected: f64,
    pub country: Option<String>,
    pub zone: Tz,
}

/// KEYS: the recent parcels by hand-over (sorted set), what each was expected to take and
/// where (hash), the delivered ones' transits (hash), the pace's "drawn lately" mark.
/// ARGV: shipment id, handed over at (s), the expectation ("" when delivered), the transit
/// ("" when handed over), the oldest hand-over kept (s), the most parcels kept, seconds
/// between draws. A hand-over is kept once; a delivery only of a parcel kept (-1, and
/// nothing changed, for one not kept); the oldest go. Returns 1 when the pace is due to
/// be drawn again, else 0.
const RECENT: &str = r"
local id = ARGV[1]
if ARGV[3] ~= '' and redis.call('ZSCORE', KEYS[1], id) == false then
  redis.call('ZADD', KEYS[1], ARGV[2], id)
  redis.call('HSET', KEYS[2], id, ARGV[3])
end
if ARGV[4] ~= '' then
  if redis.call('HEXISTS', KEYS[2], id) == 0 then return -1 end
  redis.call('HSET', KEYS[3], id, ARGV[4])
end
local function drop(ids)
  for _, old in ipairs(ids) do
    redis.call('HDEL', KEYS[2], old)
    redis.call('HDEL', KEYS[3], old)
    redis.call('ZREM', KEYS[1], old)
  end
end
drop(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[5], 'LIMIT', 0, 1000))
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[6])
if over > 0 then drop(redis.call('ZRANGE', KEYS[1], 0, over - 1)) end
if redis.call('SET', KEYS[4], '1', 'NX', 'EX', ARGV[7]) then return 1 end
return 0";

/// What is kept of a recent parcel: its hand-over, then its transit once delivered (both
/// at once for one delivered before it was seen in transit).
#[derive(Debug, Clone, Copy)]
pub enum Kept<'a> {
    Handed(&'a Handed),
    Delivered(f64),
    Both(&'a Handed, f64),
}

/// What keeping a recent parcel came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Kept, and the merchant's pace is due to be drawn again.
    Due,
    /// Kept.
    Kept,
    /// A delivery of a parcel whose hand-over is not kept (delivered before it was seen in
    /// transit, or its first keep failed): nothing changed; keep both.
    Unseen,
}

/// The most recent parcels a merchant's pace is drawn from.
pub const RECENT_KEPT: usize = 5_000;

impl Store {
    /// Keeps a parcel the carrier took (once), or the transit of one kept and delivered.
    pub async fn keep_recent(
        &self,
        merchant: &MerchantId,
        shipment: &ShipmentId,
        kept: Kept<'_>,
        now: DateTime<Utc>,
    ) -> Result<Keeping> {
        let key = |part| self.keys.pace(merchant, part);
        let handed = |h: &Handed| {
            let country = h.country.as_deref().unwrap_or("-");
            let expected = format!("{:.3} {country} {}", h.expected, h.zone.name());
            (h.at.timestamp(), expected)
        };
        let ((at, expected), transit) = match kept {
            Kept::Handed(h) => (handed(h), String::new()),
            Kept::Delivered(t) => ((0, String::new()), format!("{t:.3}")),
            Kept::Both(h, t) => (handed(h), format!("{t:.3}")),
        };
        let oldest = now - chrono::Duration::days(WINDOW_DAYS);
        let due: i64 = redis::cmd("EVAL")
            .arg(RECENT)
            .arg(4)
            .arg(key("h"))
            .arg(key("v"))
            .arg(key("d"))
            .arg(key("due"))
            .arg(shipment.as_str())
            .arg(at)
            .arg(expected)
            .arg(transit)
            .arg(oldest.timestamp())
            .arg(RECENT_KEPT)
            .arg(PACE_EVERY.num_seconds())
            .query_async(&mut self.conn())
            .await?;
        Ok(match due {
            1 => Keeping::Due,
            -1 => Keeping::Unseen,
            _ => Keeping::Kept,
        })
    }

    /// The merchant's recent parcels: each as handed over, and its transit once delivered.
    pub async fn recent(&self, merchant: &MerchantId) -> Result<Vec<(Handed, Option<f64>)>> {
        let key = |part| self.keys.pace(merchant, part);
        type Read = (
            Vec<(String, f64)>,
            HashMap<String, String>,
            HashMap<String, f64>,
        );
        let (order, expected, delivered): Read = redis::pipe()
            .cmd("ZRANGE")
            .arg(key("h"))
            .arg(0)
            .arg(-1)
            .arg("WITHSCORES")
            .cmd("HGETALL")
            .arg(key("v"))
            .cmd("HGETALL")
            .arg(key("d"))
            .query_async(&mut self.conn())
            .await?;
        Ok(order
            .into_iter()
            .filter_map(|(id, at)| {
                let mut parts = expected.get(&id)?.split(' ');
                let handed = Handed {
                    at: DateTime::from_timestamp(at as i64, 0)?,
                    expected: parts.next()?.parse().ok()?,
                    country: parts.next().filter(|c| *c != "-").map(str::to_owned),
                    zone: parts.next()?.parse().ok()?,
                };
                Some((handed, delivered.get(&id).copied()))
            })
            .collect())
    }

    /// Stores the merchant's pace as of `at` (none: the lanes alone).
    pub async fn set_pace(
        &self,
        merchant: &MerchantId,
        pace: Option<&Pace>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let key = self.keys.estimates(merchant, PACE_LEVEL);
        let mut pipe = redis::pipe();
        pipe.atomic().del(&key);
        if let Some(p) = pace {
            let (ratio, spread) = p.encode();
            pipe.hset_multiple(
                &key,
                &[
                    ("at", at.timestamp().to_string()),
                    ("q", ratio),
                    ("s", spread),
                ],
            );
        }
        let () = pipe.query_async(&mut self.conn()).await?;
        Ok(())
    }
}

/// The merchant's pace, kept beside its lanes' rollups so one round trip reads both.
pub const PACE_LEVEL: &str = "~pace";

/// The pace as stored, and when it was drawn. One stored before the window's ends had a
/// form of their own (no `s`) reads as none until the merchant's next draw (due at most
/// [`PACE_EVERY`] after the last, once a parcel is kept) stores both.
pub fn stored_pace(fields: &[(String, String)]) -> Option<(DateTime<Utc>, Pace)> {
    let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.as_str());
    let at = DateTime::from_timestamp(get("at")?.parse().ok()?, 0)?;
    Some((at, Pace::decode(get("q")?, get("s")?)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pace_stored_without_its_ends_reads_as_none() {
        let points = |x: f64| vec![format!("{x:.4}"); 101].join(",");
        let field = |k: &str, v: String| (k.to_owned(), v);
        let now = vec![
            field("at", "1767225600".to_owned()),
            field("q", points(0.1)),
            field("s", points(0.2)),
        ];
        let (at, pace) = stored_pace(&now).unwrap();
        assert_eq!(at.timestamp(), 1_767_225_600);
        assert_eq!((pace.ratio[0], pace.spread[100]), (0.1, 0.2));
        assert!(stored_pace(&now[..2]).is_none(), "an older process's pace");
    }
}
