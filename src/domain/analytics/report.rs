//! The reports a merchant reads: each a table whose first column is the key (a day, a
//! carrier, a lane, a channel), every column defined.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::TRANSIT;
use super::figures::{Figures, round};
use crate::domain::Status;

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
