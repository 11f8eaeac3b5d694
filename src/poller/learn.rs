//! Delivery estimates in the poller: each delivered parcel's transit in working days is
//! counted into its merchant's lane rollups, and a parcel whose learned chance of missing
//! its promise passes `[estimates] likely_late` gets the `likely_late` delay, once, while
//! the promise still stands; a learned window that moves by more than a day, or past the
//! promise, is told as a revised estimate.

use chrono::{DateTime, Utc};
use tracing::warn;

use super::Poller;
use crate::domain::estimate::{self, Model, Stage};
use crate::domain::{Applied, DelayReason, DomainEvent, MerchantId, Shipment, analytics};
use crate::services::estimates::{Estimates, Lanes};
use crate::store::{Handed, Keeping, Kept, StoreError};

impl Poller {
    /// Counts a just-delivered shipment as of `now` (best effort: a Redis failure is
    /// logged, and the estimates learn from the next parcels). A carrier's delivery time
    /// later than `now` counts as `now`.
    pub(super) async fn learn(&self, s: &Shipment, now: DateTime<Utc>) {
        let Some(transit) = estimate::transit(s) else {
            return;
        };
        let tau = Model::default().tau;
        let mut legs = vec![(estimate::levels(s), transit)];
        for stage in Stage::ALL {
            if let Some(leg) = estimate::leg(s, stage) {
                legs.push((estimate::stage_levels(s, stage), leg));
            }
        }
        self.keep_recent(s, Kept::Delivered(transit.0), now).await;
        for (levels, (days, at)) in legs {
            if let Err(e) = self
                .store
                .learn_transit(&s.merchant_id, &levels, (days, at.min(now)), tau)
                .await
            {
                warn!(shipment_id = %s.id, error = %e, "delivery not counted into the estimates");
            }
        }
    }

    /// Adds the settle to the merchant's analytics (best effort, like `learn`).
    pub(super) async fn count(&self, s: &Shipment, applied: &Applied, now: DateTime<Utc>) {
        let counts = analytics::tally(s, applied);
        let dims = analytics::Dims::of(s);
        if let Err(e) = self.store.count(&s.merchant_id, &dims, now, &counts).await {
            warn!(shipment_id = %s.id, error = %e, "settle not counted in the analytics");
        }
    }

    /// What the estimates have to say about `s` on this settle, its lanes read once: the
    /// `likely_late` delay (once, while the promise stands) and a revised window. `told`:
    /// the settle already has news for the customer (a new status, a delay), so a moved
    /// window is kept without a message of its own.
    pub(super) async fn estimate_events(
        &self,
        s: &mut Shipment,
        told: bool,
        now: DateTime<Utc>,
    ) -> Vec<DomainEvent> {
        // Nothing to say before the carrier has the parcel (a window drawn from "now"
        // moves with the clock), once it has ended, or over the carrier's own date.
        if s.status.is_terminal() || estimate::handed_over(s).is_none() || !estimated(s) {
            return vec![];
        }
        let estimates = Estimates::new(self.store.clone());
        let lanes = match estimates.lanes(&[&*s]).await {
            Ok(l) => l,
            Err(e) => {
                warn!(shipment_id = %s.id, error = %e, "estimates not read");
                return vec![];
            }
        };
        if s.stated.is_none() {
            self.keep_handed(s, &lanes, now).await;
        }
        let mut out: Vec<DomainEvent> = self.trending_late(s, &lanes, now).into_iter().collect();
        let window = estimates.window_in(s, &lanes, now);
        let deadline = estimate::promise_deadline(s);
        let revised = window.and_then(|w| estimate::revise(s.stated.as_ref(), &w, deadline, now));
        let Some((stated, news)) = revised else {
            return out;
        };
        s.stated = Some(stated);
        let Some(news) = news.filter(|_| !told && out.is_empty()) else {
            return out;
        };
        // Past the promise is said once, as `likely_late` is (after it, a new date).
        let already = s.likely_late_at.is_some();
        if news.past_promise {
            s.likely_late_at.get_or_insert(now);
        }
        out.push(DomainEvent::EstimateRevised {
            shipment_id: s.id.clone(),
            merchant_id: s.merchant_id.clone(),
            past_promise: news.past_promise && !already,
            at: now,
        });
        out
    }

    /// Keeps a parcel the carrier has taken, with what its lanes expect of it, among its
    /// merchant's recent parcels (best effort, like `learn`).
    async fn keep_handed(&self, s: &Shipment, lanes: &Lanes, now: DateTime<Utc>) {
        if let Some(handed) = handed(s, lanes, now) {
            self.keep_recent(s, Kept::Handed(&handed), now).await;
        }
    }

    /// `s`'s hand-over as kept for the pace, its lanes read now (none when they cannot be).
    async fn read_handed(&self, s: &Shipment, now: DateTime<Utc>) -> Option<Handed> {
        let lanes = Estimates::new(self.store.clone()).lanes(&[s]).await;
        handed(s, &lanes.ok()?, now)
    }

    /// Keeps `kept` of `s`, and draws its merchant's pace again when it is due. A delivered
    /// parcel whose hand-over was never kept (delivered before any settle saw it in transit,
    /// or its first keep failed) is kept with both, what its lanes expect now standing for
    /// what they expected then: fast parcels count in the pace too, and a failed keep is
    /// made good.
    async fn keep_recent(&self, s: &Shipment, kept: Kept<'_>, now: DateTime<Utc>) {
        let m = &s.merchant_id;
        let mut keeping = self.store.keep_recent(m, &s.id, kept, now).await;
        if let (Ok(Keeping::Unseen), Kept::Delivered(transit)) = (&keeping, kept)
            && estimated(s)
            && let Some(h) = self.read_handed(s, now).await
        {
            keeping = self
                .store
                .keep_recent(m, &s.id, Kept::Both(&h, transit), now)
                .await;
        }
        let drawn = match keeping {
            Ok(Keeping::Due) => self.draw_pace(m, now).await,
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        };
        if let Err(e) = drawn {
            warn!(shipment_id = %s.id, error = %e, "recent pace not kept");
        }
    }

    /// Draws the merchant's pace from its recent parcels, those in transit at their age so
    /// far, as of `now`.
    pub async fn draw_pace(&self, m: &MerchantId, now: DateTime<Utc>) -> Result<(), StoreError> {
        let recent: Vec<estimate::Recent> = self
            .store
            .recent(m)
            .await?
            .into_iter()
            .map(|(h, transit)| {
                let local = |t: DateTime<Utc>| t.with_timezone(&h.zone).naive_local();
                let calendar = estimate::calendar(h.country.as_deref());
                estimate::Recent {
                    expected: h.expected,
                    taken: transit.unwrap_or_else(|| calendar.between(local(h.at), local(now))),
                    delivered: transit.is_some(),
                }
            })
            .collect();
        let pace = estimate::pace(&recent);
        self.store.set_pace(m, pace.as_ref(), now).await
    }

    /// The `likely_late` delay for `s`, marked on it, when its time has come.
    fn trending_late(
        &self,
        s: &mut Shipment,
        lanes: &Lanes,
        now: DateTime<Utc>,
    ) -> Option<DomainEvent> {
        if s.likely_late_at.is_some() || s.is_late() {
            return None;
        }
        let deadline = estimate::promise_deadline(s).filter(|d| now < *d)?;
        let handed_over = estimate::handed_over(s)?;
        let rollups = lanes.of(s, &estimate::levels(s));
        let model = Model::default();
        let enough = f64::from(self.config.estimates.likely_late_after);
        if rollups
            .first()
            .is_none_or(|r| r.count(now, model.tau) < enough)
        {
            return None;
        }
        let (zone, calendar) = estimate::place(s);
        let times = (handed_over, now, deadline);
        let known = (&rollups[..], lanes.pace(s, now));
        let p = estimate::miss_probability(&model, known, times, (&zone, calendar))?;
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

/// Whether shipmate draws its own estimate of `s` in transit: not over its carrier's date,
/// unless there is a promise to miss. A parcel it draws none for is not kept for the pace
/// either: its time in transit goes unwatched, and kept only once delivered it would tilt
/// the pace towards the parcels that arrived.
fn estimated(s: &Shipment) -> bool {
    s.eta.is_none() || s.order.promised_by.is_some()
}

/// `s`'s hand-over, with what its lanes expect of it (none before the carrier took it or
/// without lanes).
fn handed(s: &Shipment, lanes: &Lanes, now: DateTime<Utc>) -> Option<Handed> {
    let at = estimate::handed_over(s)?;
    let expected = estimate::expected(&Model::default(), &lanes.of(s, &estimate::levels(s)), now)?;
    Some(Handed {
        at,
        expected,
        country: s
            .destination
            .country
            .as_ref()
            .map(|c| c.as_str().to_owned()),
        zone: estimate::place(s).0,
    })
}
