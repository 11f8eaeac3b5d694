//! Delivery estimates in the poller: each delivered parcel's transit in working days is
//! counted into its merchant's lane rollups, and a parcel whose learned chance of missing
//! its promise passes `[estimates] likely_late` gets the `likely_late` delay, once, while
//! the promise still stands.

use chrono::{DateTime, Utc};
use tracing::warn;

use super::Poller;
use crate::domain::estimate::{self, Model, Rollup};
use crate::domain::{DelayReason, DomainEvent, Shipment};

impl Poller {
    /// Counts a just-delivered shipment (best effort: a Redis failure is logged, and the
    /// estimates learn from the next parcels).
    pub(super) async fn learn(&self, s: &Shipment) {
        let Some(transit) = estimate::transit(s) else {
            return;
        };
        let tau = Model::default().tau;
        let mut legs = vec![(estimate::levels(s), transit)];
        if let Some(leg) = estimate::last_leg(s) {
            legs.push((estimate::stage_levels(s), leg));
        }
        for (levels, days) in legs {
            if let Err(e) = self
                .store
                .learn_transit(&s.merchant_id, &levels, days, tau)
                .await
            {
                warn!(shipment_id = %s.id, error = %e, "delivery not counted into the estimates");
            }
        }
    }

    /// The `likely_late` delay for `s`, marked on it, when its time has come.
    pub(super) async fn trending_late(
        &self,
        s: &mut Shipment,
        now: DateTime<Utc>,
    ) -> Option<DomainEvent> {
        if s.likely_late_at.is_some() || s.status.is_terminal() || s.is_late() {
            return None;
        }
        let deadline = estimate::promise_deadline(s).filter(|d| now < *d)?;
        let handed_over = estimate::handed_over(s)?;
        let levels = estimate::levels(s);
        let rollups = match self.store.transit_rollups(&s.merchant_id, &levels).await {
            Ok(r) => r,
            Err(e) => {
                warn!(shipment_id = %s.id, error = %e, "estimates not read");
                return None;
            }
        };
        let model = Model::default();
        let enough = f64::from(self.config.estimates.likely_late_after);
        if rollups
            .first()
            .is_none_or(|r| r.count(now, model.tau) < enough)
        {
            return None;
        }
        let refs: Vec<&Rollup> = rollups.iter().collect();
        let (zone, calendar) = estimate::place(s);
        let times = (handed_over, now, deadline);
        let p = estimate::miss_probability(&model, &refs, times, (&zone, calendar))?;
        if p <= self.config.estimates.likely_late {
            return None;
        }
        s.likely_late_at = Some(now);
        Some(DomainEvent::Delayed {
            shipment_id: s.id.clone(),
            merchant_id: s.merchant_id.clone(),
            reason: DelayReason::LikelyLate,
            at: now,
        })
    }
}
