//! A merchant's analytics counters (`domain::analytics`): one small hash per day for the
//! whole shop and for each carrier (`P:{an:<m>}:D<yyyymmdd>:<dim>`), one per month for
//! each carrier and each lane (`…:M<yyyymm>:c:<carrier>`, `…:M<yyyymm>:l:<lane>`), all
//! lanes of a month in one more (`…:M<yyyymm>:lanes`, fields `<lane>|<counter>`), the
//! dimensions seen (`…:dims`), and HyperLogLogs of the parcels whose page was viewed each
//! day and month (`…:VD<yyyymmdd>`, `…:VM<yyyymm>`; `views.rs`). One hash tag per
//! merchant: a report's reads go to one node. Kept 400 days. A settle adds in one round
//! trip; nothing scans the keyspace.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{Result, Store};
use crate::domain::MerchantId;
use crate::domain::analytics::{Count, Dims, Figures};

/// How long counters are kept.
pub(super) const KEEP_SECS: i64 = 400 * 86_400;

pub(super) fn day(d: NaiveDate) -> String {
    d.format("D%Y%m%d").to_string()
}

pub(super) fn month(d: NaiveDate) -> String {
    format!("M{:04}{:02}", d.year(), d.month())
}

/// The hashes that cover `days`: a month's when the days hold all of it (or `monthly`),
/// else each day's.
pub(super) fn periods(days: &[NaiveDate], monthly: bool) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut i = 0;
    while i < days.len() {
        let first = days[i];
        let same = days[i..]
            .iter()
            .take_while(|d| d.year() == first.year() && d.month() == first.month())
            .count();
        let whole = first.day() == 1 && (first + chrono::Duration::days(same as i64)).day() == 1;
        if monthly || whole {
            out.push(month(first));
        } else {
            out.extend(days[i..i + same].iter().map(|d| day(*d)));
        }
        i += same;
    }
    out
}

impl Store {
    pub(super) fn an(&self, m: &MerchantId, part: &str) -> String {
        self.keys.analytics(m, part)
    }

    /// Adds `counts` for a parcel of `dims` at `at`: to the day's whole-shop and carrier
    /// hashes and the month's carrier and lane hashes.
    pub async fn count(
        &self,
        m: &MerchantId,
        dims: &Dims,
        at: DateTime<Utc>,
        counts: &[Count],
    ) -> Result<()> {
        if counts.is_empty() {
            return Ok(());
        }
        let d = at.date_naive();
        let carrier = format!("c:{}", dims.carrier);
        let lane = format!("l:{}", dims.lane);
        let keys = [
            self.an(m, &format!("{}:all", day(d))),
            self.an(m, &format!("{}:{carrier}", day(d))),
            self.an(m, &format!("{}:{carrier}", month(d))),
            self.an(m, &format!("{}:{lane}", month(d))),
        ];
        let mut pipe = redis::pipe();
        for key in &keys {
            for (field, n) in counts {
                pipe.cmd("HINCRBY").arg(key).arg(field).arg(n).ignore();
            }
            pipe.cmd("EXPIRE").arg(key).arg(KEEP_SECS).ignore();
        }
        // Every lane of the month in one hash too: a breakdown by lane reads a month at once.
        let lanes = self.an(m, &format!("{}:lanes", month(d)));
        for (field, n) in counts {
            let field = format!("{}|{field}", dims.lane);
            pipe.cmd("HINCRBY").arg(&lanes).arg(field).arg(n).ignore();
        }
        pipe.cmd("EXPIRE").arg(&lanes).arg(KEEP_SECS).ignore();
        pipe.cmd("SADD")
            .arg(self.an(m, "dims"))
            .arg(&carrier)
            .arg(&lane)
            .ignore();
        pipe.cmd("EXPIRE")
            .arg(self.an(m, "dims"))
            .arg(KEEP_SECS)
            .ignore();
        let () = pipe.query_async(&mut self.conn()).await?;
        Ok(())
    }

    /// Adds a settled message to the day's whole-shop hash.
    pub async fn count_message(
        &self,
        m: &MerchantId,
        at: DateTime<Utc>,
        count: &Count,
    ) -> Result<()> {
        let key = self.an(m, &format!("{}:all", day(at.date_naive())));
        let () = redis::pipe()
            .cmd("HINCRBY")
            .arg(&key)
            .arg(&count.0)
            .arg(count.1)
            .ignore()
            .cmd("EXPIRE")
            .arg(&key)
            .arg(KEEP_SECS)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// The counters of `dim` (`all`, `c:<carrier>`) for each day.
    pub async fn daily(
        &self,
        m: &MerchantId,
        dim: &str,
        days: &[NaiveDate],
    ) -> Result<Vec<Figures>> {
        self.hashes(
            days.iter()
                .map(|d| self.an(m, &format!("{}:{dim}", day(*d)))),
        )
        .await
    }

    /// The counters of `dim` (`l:<lane>`) for each month (any day of it).
    pub async fn monthly(
        &self,
        m: &MerchantId,
        dim: &str,
        months: &[NaiveDate],
    ) -> Result<Vec<Figures>> {
        self.hashes(
            months
                .iter()
                .map(|d| self.an(m, &format!("{}:{dim}", month(*d)))),
        )
        .await
    }

    /// For each of `dims` (one each, zero over no days), its counters summed over `days`,
    /// all read in one round trip: whole months from the month's hash, the days of a month
    /// begun or ended inside the period from theirs (`monthly`, for lanes, which have only
    /// months: every month the period touches, whole).
    pub async fn sums(
        &self,
        m: &MerchantId,
        dims: &[String],
        (days, monthly): (&[NaiveDate], bool),
    ) -> Result<Vec<Figures>> {
        let periods = periods(days, monthly);
        if periods.is_empty() {
            return Ok(vec![Figures::default(); dims.len()]);
        }
        let keys = dims.iter().flat_map(|dim| {
            periods
                .iter()
                .map(move |p| self.an(m, &format!("{p}:{dim}")))
        });
        let all = self.hashes(keys).await?;
        let per = periods.len().max(1);
        Ok(all
            .chunks(per)
            .map(|chunk| {
                let mut total = Figures::default();
                for f in chunk {
                    total.merge(f);
                }
                total
            })
            .collect())
    }

    /// Every lane's counters summed over the months of `days` (their `lanes` hashes).
    pub async fn lane_sums(
        &self,
        m: &MerchantId,
        days: &[NaiveDate],
    ) -> Result<std::collections::BTreeMap<String, Figures>> {
        if days.is_empty() {
            return Ok(Default::default());
        }
        let mut pipe = redis::pipe();
        for p in periods(days, true) {
            pipe.cmd("HGETALL").arg(self.an(m, &format!("{p}:lanes")));
        }
        let months: Vec<Vec<(String, i64)>> = pipe.query_async(&mut self.conn()).await?;
        let mut out: std::collections::HashMap<String, Figures> = Default::default();
        for (field, n) in months.iter().flatten() {
            let Some((lane, counter)) = field.split_once('|') else {
                continue;
            };
            match out.get_mut(lane) {
                Some(f) => f.add_one(counter, *n),
                None => {
                    let mut f = Figures::default();
                    f.add_one(counter, *n);
                    out.insert(lane.to_owned(), f);
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    async fn hashes(&self, keys: impl Iterator<Item = String>) -> Result<Vec<Figures>> {
        let mut pipe = redis::pipe();
        for k in keys {
            pipe.cmd("HGETALL").arg(k);
        }
        if pipe.cmd_iter().next().is_none() {
            return Ok(vec![]);
        }
        let all: Vec<Vec<(String, i64)>> = pipe.query_async(&mut self.conn()).await?;
        Ok(all
            .into_iter()
            .map(|fields| {
                let mut f = Figures::default();
                f.add(fields);
                f
            })
            .collect())
    }

    /// The carriers (`c:…`) and lanes (`l:…`) a merchant's parcels counted under.
    pub async fn analytics_dims(&self, m: &MerchantId) -> Result<Vec<String>> {
        let mut dims: Vec<String> = redis::cmd("SMEMBERS")
            .arg(self.an(m, "dims"))
            .query_async(&mut self.conn())
            .await?;
        dims.sort();
        Ok(dims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_months_are_read_from_their_hash_and_the_edges_day_by_day() {
        let from = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
        assert_eq!(
            periods(&days, false),
            [
                "D20261030",
                "D20261031",
                "M202611",
                "D20261201",
                "D20261202"
            ]
        );
        assert_eq!(periods(&days, true), ["M202610", "M202611", "M202612"]);
    }
}
