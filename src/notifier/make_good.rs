//! Making a late delivery right, at planning: a parcel delivered past its promise by more
//! than the merchant's days gets its make-good (a code drawn from the pool, or the text
//! alone) before its delivered message is queued, so every channel and the page say the
//! same; the pool falling to its mark queues the merchant's `make_good.pool_low` once.
//! A new order from a customer who had one counts as a reorder.

use chrono::{DateTime, Utc};

use super::Notifier;
use crate::domain::{DomainEvent, NotificationSettings, Occasion, Shipment, Trigger};

impl Notifier {
    /// The make-good `s` earned, drawn once; the occasions it calls for besides (the
    /// merchant's "pool running low").
    pub(super) async fn make_good(
        &self,
        s: &Shipment,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Occasion>> {
        let Some(rule) = settings.make_good.as_ref().filter(|r| r.earned_by(s)) else {
            return Ok(vec![]);
        };
        let drawn = self
            .store
            .draw_make_good(s, (&rule.text, rule.codes, rule.low_at), now)
            .await?;
        if let Some(g) = &drawn.grant {
            tracing::info!(shipment_id = %s.id, code = g.code.is_some(), "make-good given for a late delivery");
            // A page drawn since the delivery, cached without it, is drawn again.
            self.store.note_changed(&s.id).await?;
        }
        Ok(if drawn.ran_low {
            vec![Occasion::new(Trigger::MakeGoodLow)]
        } else {
            vec![]
        })
    }

    /// Notes a registration for the reorder figures.
    pub(super) async fn note_order(&self, event: &DomainEvent, s: &Shipment) -> anyhow::Result<()> {
        if matches!(event, DomainEvent::Registered { .. }) {
            self.store.note_make_good_order(s).await?;
        }
        Ok(())
    }
}
