//! Counters summed into figures: rates, transit quantiles and means, as the reports
//! (`report.rs`) show them.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::report::Row;
use super::{TRANSIT, TRANSIT_BUCKETS};

/// Summed counters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures(pub(super) BTreeMap<String, i64>);

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

    pub fn merge(&mut self, other: &Figures) {
        for (field, n) in &other.0 {
            self.add_one(field, *n);
        }
    }

    pub fn get(&self, field: &str) -> i64 {
        self.0.get(field).copied().unwrap_or(0)
    }

    /// `num / den` to three places; none without a denominator.
    pub(super) fn rate(&self, num: &str, den: i64) -> Value {
        match den {
            0 => Value::Null,
            d => json!(round(self.get(num) as f64 / d as f64)),
        }
    }

    /// The `q` quantile of the transit histogram in working days, each bucket spread
    /// evenly over its day (`k − ½ … k + ½`).
    pub(super) fn transit(&self, q: f64) -> Value {
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
    pub(super) fn mean(&self, field: &str, den: i64) -> Value {
        match den {
            0 => Value::Null,
            d => json!(round(self.get(field) as f64 / 100.0 / d as f64)),
        }
    }

    /// The exception reasons counted, most first: `customs_hold 3; weather_delay 1`.
    pub(super) fn reasons(&self) -> String {
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
    pub(super) fn channels(&self) -> Vec<String> {
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

pub(super) fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
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
