//! A list's filter as the API's query and the console's form give it, parsed once.

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};

use super::Shipments;
use crate::carriers::table::CARRIERS;
use crate::domain::{CarrierCode, Invalid, ShipmentFilter, Status, TimeZone};
use crate::services::{FieldError, FieldErrors};

/// The filter's fields as text (empty = not given).
#[derive(Debug, Default, Clone)]
pub struct FilterInput<'a> {
    pub status: Option<&'a str>,
    pub carrier: Option<&'a str>,
    /// `true`, or `1`/`on` from a checkbox.
    pub attention: Option<&'a str>,
    /// A day (`2026-11-01`, in the merchant's time zone) or an RFC 3339 time.
    pub created_from: Option<&'a str>,
    /// A day (included) or an RFC 3339 time (excluded).
    pub created_to: Option<&'a str>,
}

impl Shipments {
    /// Parses a list filter; a carrier must be one shipmate knows.
    pub fn filter(
        &self,
        input: &FilterInput<'_>,
        zone: TimeZone,
    ) -> Result<ShipmentFilter, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let status = errors.optional("status", input.status, |s| {
            Status::parse(s).ok_or_else(|| {
                let all: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
                Invalid::new(format!("one of {}", all.join(", ")))
            })
        });
        let carrier = errors.optional("carrier", input.carrier, |c| {
            CarrierCode::parse(c)
                .ok()
                .filter(|c| CARRIERS.iter().any(|known| known.code == c.as_str()))
                .ok_or_else(|| Invalid::new("not a carrier shipmate knows"))
        });
        let attention = errors.optional("attention", input.attention, |a| match a {
            "true" | "1" | "on" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(Invalid::new("true or false")),
        });
        let from = errors.optional("created_from", input.created_from, |t| {
            moment(t, zone, false)
        });
        let to = errors.optional("created_to", input.created_to, |t| moment(t, zone, true));
        if let (Some(f), Some(t)) = (from, to)
            && f >= t
        {
            errors.add("created_to", "after created_from");
        }
        errors.or_errors(Some(ShipmentFilter {
            status,
            attention: attention.unwrap_or(false),
            carrier,
            created_from: from,
            created_to: to,
        }))
    }
}

/// An RFC 3339 time, or the start of a day in `zone` (of the next day when the day is
/// the range's end, so that it is included).
fn moment(raw: &str, zone: TimeZone, end: bool) -> Result<DateTime<Utc>, Invalid> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Ok(t.with_timezone(&Utc));
    }
    let bad = || Invalid::new("a day (2026-11-01) or an RFC 3339 time");
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| bad())?;
    let day = if end {
        day.succ_opt().ok_or_else(bad)?
    } else {
        day
    };
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    zone.tz()
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_the_merchants_and_the_last_one_is_included() {
        let lisbon = TimeZone::parse("Europe/Lisbon").unwrap();
        let from = moment("2026-07-01", lisbon, false).unwrap();
        assert_eq!(from.to_rfc3339(), "2026-06-30T23:00:00+00:00");
        let to = moment("2026-07-01", lisbon, true).unwrap();
        assert_eq!(to.to_rfc3339(), "2026-07-01T23:00:00+00:00");
        let exact = moment("2026-07-01T10:00:00+02:00", lisbon, true).unwrap();
        assert_eq!(exact.to_rfc3339(), "2026-07-01T08:00:00+00:00");
        assert!(moment("yesterday", lisbon, false).is_err());
        assert!(moment("+262143-12-31", lisbon, true).is_err());
    }
}
