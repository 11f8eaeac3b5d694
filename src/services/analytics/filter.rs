//! Which parcels a report counts: a period, and a carrier or a lane.

use chrono::{Datelike, Duration, NaiveDate, Utc};

use crate::services::{FieldError, ServiceError};

/// The longest period a report covers.
pub const MAX_DAYS: i64 = 366;
/// The period when none is asked for: the last 30 days.
const DEFAULT_DAYS: i64 = 30;

/// Which parcels a report counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Filter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub carrier: Option<String>,
    pub lane: Option<String>,
}

impl Filter {
    /// The filter from the query's values: dates `YYYY-MM-DD` (default: the last 30 days,
    /// at most 366), a carrier code, a lane (`BR-01`).
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        carrier: Option<&str>,
        lane: Option<&str>,
    ) -> Result<Filter, ServiceError> {
        let date = |field: &str, raw: Option<&str>| {
            raw.map(|r| {
                NaiveDate::parse_from_str(r, "%Y-%m-%d")
                    .ok()
                    .filter(|d| (2000..=2100).contains(&d.year()))
                    .ok_or_else(|| FieldError::new(field, "a date like 2026-12-01"))
            })
            .transpose()
        };
        let mut errors = vec![];
        let to = date("to", to).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let from = date("from", from).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let to = to.unwrap_or_else(|| Utc::now().date_naive());
        let from = from.unwrap_or_else(|| to - Duration::days(DEFAULT_DAYS - 1));
        if from > to || (to - from).num_days() >= MAX_DAYS {
            let why = format!("from on or before to, at most {MAX_DAYS} days");
            errors.push(FieldError::new("from", why));
        }
        let token = |field: &str, raw: Option<&str>, errors: &mut Vec<FieldError>| {
            raw.filter(|r| !r.is_empty()).and_then(|r| {
                let ok = r.len() <= 32
                    && r.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c));
                if !ok {
                    errors.push(FieldError::new(field, "letters, digits, - and _"));
                }
                ok.then(|| r.to_owned())
            })
        };
        let carrier = token("carrier", carrier, &mut errors).map(|c| c.to_ascii_lowercase());
        let lane = token("lane", lane, &mut errors).map(|l| l.to_ascii_uppercase());
        if carrier.is_some() && lane.is_some() {
            let why = "a carrier or a lane (figures are kept for each, not for both)";
            errors.push(FieldError::new("lane", why));
        }
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        Ok(Filter {
            from,
            to,
            carrier,
            lane,
        })
    }

    pub(super) fn days(&self) -> Vec<NaiveDate> {
        self.from
            .iter_days()
            .take_while(|d| *d <= self.to)
            .collect()
    }

    /// The first day of each month the period touches.
    pub(super) fn months(&self) -> Vec<NaiveDate> {
        let mut out: Vec<NaiveDate> = self.days().iter().filter_map(|d| d.with_day(1)).collect();
        out.dedup();
        out
    }
}
