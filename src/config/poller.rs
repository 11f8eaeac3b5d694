//! How the poller role paces itself: its loop, leases, back-off, and the cadence and stall
//! thresholds by status.

use std::time::Duration;

use serde::Deserialize;

use super::layers::duration;
use crate::domain::Status;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollerConfig {
    #[serde(deserialize_with = "duration")]
    pub interval: Duration,
    pub batch_size: usize,
    pub concurrency: usize,
    #[serde(deserialize_with = "duration")]
    pub lease: Duration,
    #[serde(deserialize_with = "duration")]
    pub expire_after: Duration,
    #[serde(deserialize_with = "duration")]
    pub backoff_base: Duration,
    #[serde(deserialize_with = "duration")]
    pub backoff_max: Duration,
    #[serde(deserialize_with = "duration")]
    pub refresh_min_interval: Duration,
    #[serde(deserialize_with = "duration")]
    pub forgotten_after: Duration,
    pub cadence: CadenceConfig,
    pub stall_after: StallConfig,
}

/// How long a status may go without a carrier scan before the parcel counts as stalled
/// ("0s": not watched).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StallConfig {
    #[serde(deserialize_with = "duration")]
    pub in_transit: Duration,
    #[serde(deserialize_with = "duration")]
    pub out_for_delivery: Duration,
    #[serde(deserialize_with = "duration")]
    pub failed_attempt: Duration,
    #[serde(deserialize_with = "duration")]
    pub exception: Duration,
}

impl StallConfig {
    pub fn for_status(&self, status: Status) -> Option<Duration> {
        let d = match status {
            Status::InTransit => self.in_transit,
            Status::OutForDelivery => self.out_for_delivery,
            Status::FailedAttempt => self.failed_attempt,
            Status::Exception => self.exception,
            _ => return None,
        };
        (!d.is_zero()).then_some(d)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CadenceConfig {
    #[serde(deserialize_with = "duration")]
    pub pending: Duration,
    #[serde(deserialize_with = "duration")]
    pub info_received: Duration,
    #[serde(deserialize_with = "duration")]
    pub in_transit: Duration,
    #[serde(deserialize_with = "duration")]
    pub out_for_delivery: Duration,
    #[serde(deserialize_with = "duration")]
    pub failed_attempt: Duration,
    #[serde(deserialize_with = "duration")]
    pub available_for_pickup: Duration,
    #[serde(deserialize_with = "duration")]
    pub exception: Duration,
}

impl CadenceConfig {
    /// Time between polls for a shipment in `status` (terminal statuses use the longest).
    pub fn for_status(&self, status: Status) -> Duration {
        match status {
            Status::Pending => self.pending,
            Status::InfoReceived => self.info_received,
            Status::InTransit => self.in_transit,
            Status::OutForDelivery => self.out_for_delivery,
            Status::FailedAttempt => self.failed_attempt,
            Status::AvailableForPickup => self.available_for_pickup,
            Status::Exception => self.exception,
            Status::Delivered | Status::ReturnToSender | Status::Expired | Status::Cancelled => {
                self.pending
            }
        }
    }
}
