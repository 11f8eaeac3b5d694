//! `[estimates]`: delivery estimates learned from each merchant's delivered parcels.

use serde::Deserialize;

use super::ConfigError;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstimatesConfig {
    /// A parcel whose learned chance of missing its promise passes this (0–1) gets the
    /// `delay` message with reason `likely_late`, once, before the promise is broken.
    pub likely_late: f64,
    /// Recent parcels the merchant must have delivered with the carrier before that is
    /// judged (one delivered 15 days ago counts 1/e, as in the estimates).
    pub likely_late_after: u32,
}

impl EstimatesConfig {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
        if !(self.likely_late > 0.0 && self.likely_late <= 1.0) {
            return Err(ConfigError::Value(
                "estimates.likely_late: above 0, at most 1".into(),
            ));
        }
        Ok(())
    }
}
