//! A merchant's polling cadence overrides, checked before they are stored.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::domain::Status;
use crate::services::{FieldError, ServiceError};

/// Shortest and longest cadence a merchant may ask for.
const CADENCE_RANGE: (Duration, Duration) =
    (Duration::from_secs(60), Duration::from_secs(7 * 86_400));

/// Checks cadence overrides: statuses that are polled, durations within range.
pub(super) fn check_cadence(
    cadence: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ServiceError> {
    let mut errors = vec![];
    let mut clean = BTreeMap::new();
    for (status, raw) in cadence {
        let field = format!("cadence.{status}");
        match Status::parse(status) {
            Some(s) if !s.is_terminal() => {}
            _ => {
                errors.push(FieldError::new(field, "not a status that is polled (pending, info_received, in_transit, out_for_delivery, failed_attempt, available_for_pickup, exception)"));
                continue;
            }
        }
        match crate::config::parse_duration(raw) {
            Ok(d) if (CADENCE_RANGE.0..=CADENCE_RANGE.1).contains(&d) => {
                clean.insert(status.clone(), raw.trim().to_owned());
            }
            Ok(_) => errors.push(FieldError::new(field, "between 1m and 7d")),
            Err(e) => errors.push(FieldError::new(field, e)),
        }
    }
    if errors.is_empty() {
        Ok(clean)
    } else {
        Err(ServiceError::Invalid(errors))
    }
}
