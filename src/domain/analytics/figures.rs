//! Counters summed into figures, and the reports a merchant reads: each a table whose first
//! column is the key (a day, a carrier, a lane, a channel), every column defined.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::{TRANSIT, TRANSIT_BUCKETS};
use crate::domain::Status;

/// Summed counters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures(BTreeMap<String, i64>);

impl Figures {
    pub fn add(&mut self, counts: impl IntoIterator<Item = (String, i64)>) {
        for (field, n) in counts {
            let sum = self.0.entry(field).or_default();
            *sum = sum.saturating_add(n);
        }
    }

    /// Adds `n` to one counter (allocating its name only the first time).
    pub fn add_one(&mut self, field: &str, n: i64) {
        match self.0.get_mut(field) {
            Some(sum) => *sum = sum.saturating_add(n),
            None => {
                self.0.insert(field.to_owned(), n);
            }
        }
    }

    pub fn merge(&mut self, other: Figures) {
        self.add(other.0);
    }

    pub fn get(&self, field: &str) -> i64 {
        self.0.get(field).copied().unwrap_or(0)
    }

    /// `num / den` to three places; none without a denominator.
    fn rate(&self, num: &str, den: i64) -> Value {
        match den {
            0 => Value::Null,
            d => json!(round(self.get(num) as f64 / d as f64)),
        }
    }

    /// The `q` quantile of the transit histogram in working days, each bucket spread
    /// evenly over its day (`k − ½ … k + ½`).
    fn transit(&self, q: f64) -> Value {
        let counts: Vec<i64> = (0..TRANSIT_BUCKETS).map(|k| self.get(TRANSIT[k])).collect();
        let total: i64 = counts.iter().sum();
        if total == 0 {
            return Value::Null;
        }
        let want = q * total as f64;
        let mut seen = 0.0;
        for (k, n) in counts.iter().enumerate() {
            let n = *n as f64;
            if n > 0.0 && seen + n >= want {
                let inside = (want - seen) / n;
                return json!(round((k as f64 - 0.5 + inside).max(0.0)));
            }
            seen += n;
        }
        json!(TRANSIT_BUCKETS - 1)
    }

    /// A sum kept in hundredths, as a mean over `den`.
    fn mean(&self, field: &str, den: i64) -> Value {
        match den {
            0 => Value::Null,
            d => json!(round(self.get(field) as f64 / 100.0 / d as f64)),
        }
    }

    /// The exception reasons counted, most first: `customs_hold 3; weather_delay 1`.
    fn reasons(&self) -> String {
        let mut all: Vec<(&str, i64)> = self
            .0
            .iter()
            .filter_map(|(k, n)| Some((k.strip_prefix("x:")?, *n)))
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = all.iter().map(|(r, n)| format!("{r} {n}")).collect();
        shown.join("; ")
    }

    /// The channels counted.
    fn channels(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .0
            .keys()
            .filter_map(|k| k.strip_prefix("m:").or_else(|| k.strip_prefix("f:")))
            .map(str::to_owned)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportName {
    Statuses,
    Delivery,
    Exceptions,
    Estimates,
    Messages,
    Pages,
}

impl ReportName {
    pub const ALL: [ReportName; 6] = [
        ReportName::Statuses,
        ReportName::Delivery,
        ReportName::Exceptions,
        ReportName::Estimates,
        ReportName::Messages,
        ReportName::Pages,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportName::Statuses => "statuses",
            ReportName::Delivery => "delivery",
            ReportName::Exceptions => "exceptions",
            ReportName::Estimates => "estimates",
            ReportName::Messages => "messages",
            ReportName::Pages => "pages",
        }
    }

    pub fn parse(s: &str) -> Option<ReportName> {
        ReportName::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether its rows are days (a time series) rather than carriers, lanes or channels.
    pub fn is_series(self) -> bool {
        matches!(self, ReportName::Statuses | ReportName::Pages)
    }
}

/// What a breakdown report's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    Carrier,
    Lane,
}

/// One row's key and its figures.
pub struct Row {
    pub key: String,
    pub figures: Figures,
    /// Parcels whose page was viewed (the pages report).
    pub viewed: Option<u64>,
}

/// A report: columns, each defined, and rows whose first value is the key.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub report: &'static str,
    pub columns: Vec<&'static str>,
    pub definitions: BTreeMap<&'static str, &'static str>,
    pub rows: Vec<Vec<Value>>,
}

const STATUSES: [Status; 8] = [
    Status::InfoReceived,
    Status::InTransit,
    Status::OutForDelivery,
    Status::FailedAttempt,
    Status::AvailableForPickup,
    Status::Delivered,
    Status::Exception,
    Status::ReturnToSender,
];

/// Each report's columns after the key, and what each means.
pub fn definitions(name: ReportName) -> Vec<(&'static str, &'static str)> {
    match name {
        ReportName::Statuses => STATUSES
            .iter()
            .map(|s| {
                let d = "parcels that entered this status that day (the status a poll or push moved them to; the day shipmate saw it, UTC)";
                (s.as_str(), d)
            })
            .collect(),
        ReportName::Delivery => vec![
            ("delivered", "parcels delivered in the period"),
            ("promised", "of those, parcels with a promised date"),
            (
                "on_time_rate",
                "share of promised parcels delivered on or before the promised date (the delivery scan's own day)",
            ),
            (
                "first_attempt_rate",
                "share of delivered parcels with no failed attempt before the delivery",
            ),
            (
                "transit_p50_days",
                "median working days from the carrier's first scan to delivery (Mon–Fri less the destination's holidays)",
            ),
            ("transit_p90_days", "90th percentile of the same"),
            ("transit_mean_days", "mean of the same"),
        ],
        ReportName::Exceptions => vec![
            (
                "exceptions",
                "times parcels entered the exception status in the period",
            ),
            (
                "exception_rate",
                "exceptions per parcel finished (delivered or returned) in the period",
            ),
            ("returns", "parcels that started back to the sender"),
            (
                "return_rate",
                "returns per parcel finished (delivered or returned)",
            ),
            ("reasons", "exceptions by the carrier's reason, most first"),
        ],
        ReportName::Estimates => vec![
            (
                "windows",
                "delivered parcels that had a learned window (the first one told is judged)",
            ),
            (
                "mae_days",
                "mean absolute days between the window's likely moment and the delivery",
            ),
            (
                "inside_window",
                "share delivered between the window's earliest and latest",
            ),
            (
                "later_than_latest",
                "share delivered after the window's latest",
            ),
        ],
        ReportName::Messages => vec![
            ("sent", "messages sent on the channel in the period"),
            ("failed", "messages that failed for good (dead letters)"),
            ("failure_rate", "failed / (sent + failed)"),
        ],
        ReportName::Pages => vec![
            (
                "views",
                "tracking-page views (each a \"where is my order?\" the page answered)",
            ),
            (
                "parcels_viewed",
                "distinct parcels whose page was viewed (estimated, ±1%)",
            ),
            ("views_per_parcel", "views / parcels viewed"),
        ],
    }
}

impl Report {
    /// The report `name` over `rows`, its key column called `key`.
    pub fn build(name: ReportName, key: &'static str, rows: &[Row]) -> Report {
        let defs = definitions(name);
        let mut columns = vec![key];
        columns.extend(defs.iter().map(|(c, _)| *c));
        Report {
            report: name.as_str(),
            columns,
            definitions: defs.into_iter().collect(),
            rows: rows
                .iter()
                .map(|r| {
                    let mut cells = vec![json!(r.key)];
                    cells.extend(values(name, r));
                    cells
                })
                .collect(),
        }
    }

    /// The report as CSV (RFC 4180; a header row).
    pub fn csv(&self) -> String {
        let cell = |v: &Value| {
            let raw = match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            // A spreadsheet runs a cell that starts like a formula: quote it as text.
            let raw = match raw.chars().next() {
                Some('=' | '+' | '@' | '\t') => format!("'{raw}"),
                Some('-') if raw.len() > 1 && raw.parse::<f64>().is_err() => format!("'{raw}"),
                _ => raw,
            };
            if raw.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", raw.replace('"', "\"\""))
            } else {
                raw
            }
        };
        let mut out = self.columns.join(",") + "\r\n";
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(cell).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// A row's values after its key.
fn values(name: ReportName, r: &Row) -> Vec<Value> {
    let f = &r.figures;
    match name {
        ReportName::Statuses => STATUSES
            .iter()
            .map(|s| json!(f.get(&format!("s:{}", s.as_str()))))
            .collect(),
        ReportName::Delivery => {
            let dl = f.get("dl");
            vec![
                json!(dl),
                json!(f.get("pr")),
                f.rate("ot", f.get("pr")),
                f.rate("fa", dl),
                f.transit(0.5),
                f.transit(0.9),
                f.mean("ts", TRANSIT.iter().map(|t| f.get(t)).sum()),
            ]
        }
        ReportName::Exceptions => {
            let finished = f.get("s:delivered") + f.get("s:return_to_sender");
            vec![
                json!(f.get("s:exception")),
                f.rate("s:exception", finished),
                json!(f.get("s:return_to_sender")),
                f.rate("s:return_to_sender", finished),
                json!(f.reasons()),
            ]
        }
        ReportName::Estimates => {
            let n = f.get("en");
            vec![json!(n), f.mean("ee", n), f.rate("ei", n), f.rate("el", n)]
        }
        ReportName::Messages => {
            let of = |kind: &str| -> i64 {
                match r.key.as_str() {
                    "total" => {
                        f.0.iter()
                            .filter(|(k, _)| k.starts_with(kind))
                            .map(|(_, n)| n)
                            .sum()
                    }
                    channel => f.get(&format!("{kind}{channel}")),
                }
            };
            let (sent, failed) = (of("m:"), of("f:"));
            let rate = match sent + failed {
                0 => Value::Null,
                all => json!(round(failed as f64 / all as f64)),
            };
            vec![json!(sent), json!(failed), rate]
        }
        ReportName::Pages => {
            let views = f.get("pv");
            let per = match r.viewed {
                None | Some(0) => Value::Null,
                Some(v) => json!(round(views as f64 / v as f64)),
            };
            vec![json!(views), json!(r.viewed), per]
        }
    }
}

impl Figures {
    /// One row per channel counted, and the total (the messages report reads one set of
    /// figures).
    pub fn channel_rows(&self) -> Vec<Row> {
        self.channels()
            .into_iter()
            .chain(std::iter::once("total".to_owned()))
            .map(|c| Row {
                key: c,
                figures: self.clone(),
                viewed: None,
            })
            .collect()
    }
}
