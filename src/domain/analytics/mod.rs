//! A merchant's analytics as counters: what each settled parcel, message and page view
//! adds (`tally`), kept per day (the whole shop and each carrier) and per month (each
//! lane), and the figures read back from them (`figures`). Pure; the store keeps the
//! counters, the service reads them.

mod figures;
mod report;

use chrono::{DateTime, Utc};

use super::estimate;
use super::{Applied, Shipment, Status};
pub use figures::Figures;
pub use report::{Breakdown, Report, ReportName, Row, definitions};

/// Transit histogram buckets: whole working days 0 to 20, and 21 or more.
pub const TRANSIT_BUCKETS: usize = 22;
/// Their counters' names.
pub const TRANSIT: [&str; TRANSIT_BUCKETS] = [
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11", "t12", "t13", "t14",
    "t15", "t16", "t17", "t18", "t19", "t20", "t21",
];

/// The dimensions a parcel counts under: the whole shop, its carrier, its lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dims {
    pub carrier: String,
    pub lane: String,
}

impl Dims {
    /// The carrier, and the lane: destination country and region (the postcode's first two
    /// letters or digits), `BR-01`; the country alone without a postcode; `-` unknown.
    pub fn of(s: &Shipment) -> Dims {
        let country = s.destination.country.as_ref().map(|c| c.as_str());
        let region = estimate::levels(s)
            .get(2)
            .and_then(|l| l.rsplit(':').next().map(str::to_owned));
        let lane = match (country, region) {
            (Some(c), Some(r)) => format!("{c}-{r}"),
            (Some(c), None) => c.to_owned(),
            (None, _) => "-".to_owned(),
        };
        Dims {
            carrier: s.carrier.to_string(),
            lane,
        }
    }
}

/// A counter and what to add.
pub type Count = (String, i64);

/// What a settle adds: the status entered (with an exception's reason), and at delivery
/// whether it kept its promise, came on the first attempt, how long it took, and how far
/// the first learned window was off.
pub fn tally(s: &Shipment, applied: &Applied) -> Vec<Count> {
    let Some((_, to)) = applied.status_changed else {
        return vec![];
    };
    let mut out = vec![(format!("s:{}", to.as_str()), 1)];
    if to == Status::Exception {
        let reason = s.substatus.map_or("other", |x| x.as_str());
        out.push((format!("x:{reason}"), 1));
    }
    if to == Status::Delivered {
        out.extend(delivered(s));
    }
    out
}

fn delivered(s: &Shipment) -> Vec<Count> {
    let mut out = vec![("dl".to_owned(), 1)];
    if let Some(on_time) = s.on_time() {
        out.push(("pr".into(), 1));
        if on_time {
            out.push(("ot".into(), 1));
        }
    }
    let tried = s
        .events
        .iter()
        .any(|e| !e.synthetic && e.status == Status::FailedAttempt);
    if !tried {
        out.push(("fa".into(), 1));
    }
    if let Some((days, at)) = estimate::transit(s) {
        let bucket = (days.max(0.0).round() as usize).min(TRANSIT_BUCKETS - 1);
        out.push((TRANSIT[bucket].to_owned(), 1));
        out.push(("ts".into(), hundredths(days)));
        out.extend(accuracy(s, at));
    }
    out
}

/// How far the first learned window told was off the delivery.
fn accuracy(s: &Shipment, delivered: DateTime<Utc>) -> Vec<Count> {
    let Some((earliest, likely, latest)) = s.stated.as_ref().and_then(|st| st.first) else {
        return vec![];
    };
    let off = (delivered - likely).num_seconds().abs() as f64 / 86_400.0;
    let mut out = vec![("en".to_owned(), 1), ("ee".to_owned(), hundredths(off))];
    if (earliest..=latest).contains(&delivered) {
        out.push(("ei".into(), 1));
    }
    if delivered > latest {
        out.push(("el".into(), 1));
    }
    out
}

/// A message settled: sent, or dead, on its channel.
pub fn message(channel: &str, sent: bool) -> Count {
    let kind = if sent { "m" } else { "f" };
    (format!("{kind}:{channel}"), 1)
}

fn hundredths(days: f64) -> i64 {
    (days * 100.0).round().clamp(0.0, 1e12) as i64
}

#[cfg(test)]
mod tests;
