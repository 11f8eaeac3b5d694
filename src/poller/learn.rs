//! Delivery estimates learn from each delivered parcel: its transit in working days is
//! counted into its merchant's lane rollups when the poller saves the delivery.

use tracing::warn;

use super::Poller;
use crate::domain::Shipment;
use crate::domain::estimate::{self, Model};

impl Poller {
    /// Counts a just-delivered shipment (best effort: a Redis failure is logged, and the
    /// estimates learn from the next parcels).
    pub(super) async fn learn(&self, s: &Shipment) {
        let Some(transit) = estimate::transit(s) else {
            return;
        };
        let levels = estimate::levels(s);
        let tau = Model::default().tau;
        if let Err(e) = self
            .store
            .learn_transit(&s.merchant_id, &levels, transit, tau)
            .await
        {
            warn!(shipment_id = %s.id, error = %e, "delivery not counted into the estimates");
        }
    }
}
