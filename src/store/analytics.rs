//! A merchant's analytics counters (`domain::analytics`): one small hash per day for the
//! whole shop and for each carrier (`P:{an:<m>}:D<yyyymmdd>:<dim>`), one per month for
//! each lane (`…:M<yyyymm>:l:<lane>`), the dimensions seen (`…:dims`), and a HyperLogLog
//! of the parcels whose page was viewed each day (`…:V<yyyymmdd>`). One hash tag per
//! merchant: a report's reads go to one node. Kept 400 days. A settle adds in one round
//! trip; nothing scans the keyspace.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{Result, Store};
use crate::domain::MerchantId;
use crate::domain::analytics::{Count, Dims, Figures};

/// How long counters are kept.
const KEEP_SECS: i64 = 400 * 86_400;

fn day(d: NaiveDate) -> String {
    d.format("D%Y%m%d").to_string()
}

fn month(d: NaiveDate) -> String {
    format!("M{:04}{:02}", d.year(), d.month())
}

/// Page views of one merchant's parcels on one day, by carrier: views, and the parcels.
pub type Views = Vec<(MerchantId, String, NaiveDate, u64, Vec<String>)>;

impl Store {
    fn an(&self, m: &MerchantId, part: &str) -> String {
        self.keys.analytics(m, part)
    }

    /// Adds `counts` for a parcel of `dims` at `at`: to the day's whole-shop and carrier
    /// hashes and the month's lane hash.
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
            self.an(m, &format!("{}:{lane}", month(d))),
        ];
        let mut pipe = redis::pipe();
        for key in &keys {
            for (field, n) in counts {
                pipe.cmd("HINCRBY").arg(key).arg(field).arg(n).ignore();
            }
            pipe.cmd("EXPIRE").arg(key).arg(KEEP_SECS).ignore();
        }
        pipe.cmd("SADD")
            .arg(self.an(m, "dims"))
            .arg(&carrier)
            .arg(&lane)
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

    /// Adds page views gathered by a web worker.
    pub async fn count_views(&self, views: &Views) -> Result<()> {
        let mut pipe = redis::pipe();
        for (m, carrier, d, n, parcels) in views {
            for dim in ["all".to_owned(), format!("c:{carrier}")] {
                let key = self.an(m, &format!("{}:{dim}", day(*d)));
                pipe.cmd("HINCRBY").arg(&key).arg("pv").arg(n).ignore();
                pipe.cmd("EXPIRE").arg(&key).arg(KEEP_SECS).ignore();
            }
            let seen = self.an(m, &format!("V{}", &day(*d)[1..]));
            pipe.cmd("PFADD").arg(&seen).arg(parcels).ignore();
            pipe.cmd("EXPIRE").arg(&seen).arg(KEEP_SECS).ignore();
        }
        let () = pipe.query_async(&mut self.conn()).await?;
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

    /// For each of `dims`, its counters summed over `days` (`monthly`: the months of
    /// `days`), all read in one round trip.
    pub async fn sums(
        &self,
        m: &MerchantId,
        dims: &[String],
        (days, monthly): (&[NaiveDate], bool),
    ) -> Result<Vec<Figures>> {
        let mut periods: Vec<String> = days
            .iter()
            .map(|d| if monthly { month(*d) } else { day(*d) })
            .collect();
        periods.dedup();
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
                    total.merge(f.clone());
                }
                total
            })
            .collect())
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

    /// Distinct parcels viewed on each day, and over all of them.
    pub async fn parcels_viewed(
        &self,
        m: &MerchantId,
        days: &[NaiveDate],
    ) -> Result<(Vec<u64>, u64)> {
        let keys: Vec<String> = days
            .iter()
            .map(|d| self.an(m, &format!("V{}", &day(*d)[1..])))
            .collect();
        let mut pipe = redis::pipe();
        for k in &keys {
            pipe.cmd("PFCOUNT").arg(k);
        }
        let each: Vec<u64> = pipe.query_async(&mut self.conn()).await?;
        let total: u64 = if keys.is_empty() {
            0
        } else {
            redis::cmd("PFCOUNT")
                .arg(&keys)
                .query_async(&mut self.conn())
                .await?
        };
        Ok((each, total))
    }
}
