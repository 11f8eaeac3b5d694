//! The customer's feedback on a delivery: one answer per shipment, editable for a day,
//! reached with the shipment's public token.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::ServiceError;
use crate::domain::feedback::{self, Answer, EDITABLE_FOR, Source};
use crate::domain::{Feedback, Merchant, PublicToken, Shipment};
use crate::store::{FeedbackCursor, Store};

/// Most submissions for one shipment in a day (edits included).
const TRIES_PER_DAY: u64 = 20;

/// Why an answer was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// A field is wrong: its name.
    Invalid(String),
    /// Answered more than a day ago.
    Closed,
    TooMany,
}

#[derive(Clone)]
pub struct Feedbacks {
    store: Store,
    /// Ratings at or below this alert the merchant (`detractor` in the webhook).
    detractor_max: u8,
}

impl Feedbacks {
    pub fn new(store: Store, detractor_max: u8) -> Self {
        Feedbacks {
            store,
            detractor_max,
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        Feedbacks {
            store,
            detractor_max: self.detractor_max,
        }
    }

    /// The shipment, merchant and any earlier answer behind a token.
    pub async fn show(
        &self,
        token: &PublicToken,
    ) -> Result<(Arc<Shipment>, Arc<Merchant>, Option<Feedback>), ServiceError> {
        let (s, m) = super::audience::find(&self.store, token, std::time::Duration::ZERO).await?;
        let existing = self.store.feedback(&s.id).await?;
        Ok((s, m, existing))
    }

    /// Whether an earlier answer may still be changed.
    pub fn editable(existing: Option<&Feedback>, now: DateTime<Utc>) -> bool {
        existing.is_none_or(|f| now - f.created_at < EDITABLE_FOR)
    }

    pub async fn submit(
        &self,
        token: &PublicToken,
        answer: &Answer<'_>,
        source: Source,
        now: DateTime<Utc>,
    ) -> Result<Result<Feedback, Refused>, ServiceError> {
        let (s, _, existing) = self.show(token).await?;
        if !Self::editable(existing.as_ref(), now) {
            return Ok(Err(Refused::Closed));
        }
        if self.store.count_feedback_try(&s.id).await? > TRIES_PER_DAY {
            return Ok(Err(Refused::TooMany));
        }
        let checked = feedback::check(answer).and_then(|v| Ok((v, feedback::check_items(answer)?)));
        let ((rating, nps, comment), items) = match checked {
            Ok(v) => v,
            Err(field) => return Ok(Err(Refused::Invalid(field.0))),
        };
        let f = Feedback {
            shipment_id: s.id.clone(),
            merchant_id: s.merchant_id.clone(),
            rating,
            nps,
            comment,
            source: existing.as_ref().map_or(source, |e| e.source),
            detractor: rating <= self.detractor_max,
            items,
            created_at: existing.as_ref().map_or(now, |e| e.created_at),
            updated_at: now,
        };
        let event = crate::domain::DomainEvent::FeedbackReceived {
            shipment_id: f.shipment_id.clone(),
            merchant_id: f.merchant_id.clone(),
            rating: f.rating,
            detractor: f.detractor,
            at: now,
        };
        self.store.put_feedback(&f, &event).await?;
        tracing::info!(shipment_id = %s.id, rating, source = f.source.as_str(), "feedback received");
        Ok(Ok(f))
    }
}

impl Feedbacks {
    /// Records a scan of the parcel's QR code.
    pub async fn scanned(
        &self,
        id: &crate::domain::ShipmentId,
        now: DateTime<Utc>,
    ) -> Result<u64, ServiceError> {
        Ok(self.store.record_scan(id, now.timestamp_millis()).await?)
    }
}

/// One page of a merchant's feedback.
#[derive(Debug, serde::Serialize)]
pub struct FeedbackPage {
    pub items: Vec<Feedback>,
    /// Pass as `cursor` for the next page; none at the end.
    pub next_cursor: Option<String>,
}

impl Feedbacks {
    /// How many answers came since `since`, and the newest `read` of them.
    pub async fn since(
        &self,
        merchant: &crate::domain::MerchantId,
        since: DateTime<Utc>,
        read: usize,
    ) -> Result<(u64, Vec<crate::domain::Feedback>), ServiceError> {
        let since_ms = since.timestamp_millis();
        let count = self.store.feedback_count(merchant, since_ms);
        let newest = self.store.merchant_feedback(merchant, since_ms, None, read);
        Ok(tokio::try_join!(count, newest)?)
    }

    /// Newest first, the answers `filter` admits: pages of the merchant's answers are read
    /// (with their shipments when the filter needs them) until `limit` match or
    /// [`FEEDBACK_SCAN`] were read; the cursor goes on from the last one read.
    pub async fn list(
        &self,
        merchant: &crate::domain::MerchantId,
        filter: &FeedbackFilter,
        mut cursor: Option<FeedbackCursor>,
        limit: usize,
    ) -> Result<FeedbackPage, ServiceError> {
        let since_ms = filter.since.map_or(0, |s| s.timestamp_millis());
        let needs_shipments = filter.carrier.is_some() || filter.on_time.is_some();
        let (mut items, mut scanned) = (vec![], 0usize);
        let batch = limit.clamp(1, 500);
        loop {
            let page = self
                .store
                .merchant_feedback(merchant, since_ms, cursor.as_ref(), batch)
                .await?;
            let shipments = if needs_shipments {
                let ids: Vec<_> = page.iter().map(|f| f.shipment_id.clone()).collect();
                self.store.shipments(&ids).await?
            } else {
                vec![None; page.len()]
            };
            let read = page.len();
            for (f, s) in page.into_iter().zip(shipments) {
                scanned += 1;
                cursor = Some(FeedbackCursor::of(&f));
                if filter.admits(&f, s.as_ref()) {
                    items.push(f);
                }
                if items.len() == limit || scanned >= FEEDBACK_SCAN.max(limit) {
                    return Ok(FeedbackPage {
                        items,
                        next_cursor: cursor.map(|c| c.to_string()),
                    });
                }
            }
            if read < batch {
                return Ok(FeedbackPage {
                    items,
                    next_cursor: None,
                });
            }
        }
    }
}

/// Answers one list request reads at most to fill a filtered page.
pub const FEEDBACK_SCAN: usize = 2_000;

/// Which answers a list shows (all conditions hold).
#[derive(Debug, Clone, Default)]
pub struct FeedbackFilter {
    pub since: Option<DateTime<Utc>>,
    pub rating_max: Option<u8>,
    pub source: Option<crate::domain::feedback::Source>,
    pub carrier: Option<crate::domain::CarrierCode>,
    /// Delivered by the promised date (`true`) or after it (`false`).
    pub on_time: Option<bool>,
}

impl FeedbackFilter {
    /// `s`: the answer's shipment, read when the filter names a carrier or punctuality (an
    /// answer whose shipment is gone matches neither).
    fn admits(&self, f: &Feedback, s: Option<&crate::domain::Shipment>) -> bool {
        self.rating_max.is_none_or(|m| f.rating <= m)
            && self.source.is_none_or(|src| f.source == src)
            && self
                .carrier
                .as_ref()
                .is_none_or(|c| s.is_some_and(|s| &s.carrier == c))
            && self
                .on_time
                .is_none_or(|want| s.and_then(|s| s.on_time()) == Some(want))
    }
}

impl Feedbacks {
    /// CSAT, NPS and their splits for answers given between `from` and `to`.
    pub async fn summary(
        &self,
        merchant: &crate::domain::MerchantId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<crate::domain::summary::Summary, ServiceError> {
        use crate::domain::summary::{Row, summarise};
        use crate::domain::{Channel, Delivery, Trigger};
        let answers = self
            .store
            .merchant_feedback(
                merchant,
                from.timestamp_millis(),
                Some(&FeedbackCursor::before(
                    to.timestamp_millis().saturating_add(1),
                )),
                100_000,
            )
            .await?;
        let ids: Vec<_> = answers.iter().map(|f| f.shipment_id.clone()).collect();
        let shipments = self.store.shipments(&ids).await?;
        let rows: Vec<Row<'_>> = answers
            .iter()
            .zip(&shipments)
            .filter_map(|(f, s)| {
                let s = s.as_ref()?;
                let first_country = s
                    .events
                    .iter()
                    .find(|e| !e.synthetic)
                    .and_then(|e| e.location.as_deref())
                    .and_then(|l| l.rsplit(',').next())
                    .map(str::trim)
                    .filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()));
                let route = match (
                    first_country,
                    s.destination.country.as_ref().map(|c| c.as_str()),
                ) {
                    (Some(a), Some(b)) => Some(format!("{a} → {b}")),
                    _ => None,
                };
                let on_time = s.on_time();
                Some(Row {
                    rating: f.rating,
                    nps: f.nps,
                    source: f.source.as_str(),
                    carrier: s.carrier.as_str(),
                    route,
                    on_time,
                })
            })
            .collect();
        let mut requests = std::collections::BTreeMap::new();
        for n in self.store.merchant_notifications(merchant, 100_000).await? {
            let in_period = n.sent_at.is_some_and(|t| t >= from && t <= to);
            if n.occasion.trigger == Trigger::FeedbackRequest
                && n.status == Delivery::Sent
                && in_period
            {
                let channel = match n.channel {
                    Channel::Outbox => "email",
                    c => c.as_str(),
                };
                *requests.entry(channel.to_owned()).or_insert(0u64) += 1;
            }
        }
        Ok(summarise(&rows, requests))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MerchantId, ShipmentId};

    #[test]
    fn an_answer_can_be_changed_for_a_day_then_not() {
        let at = Utc::now();
        let answer = Feedback {
            shipment_id: ShipmentId::from_random([1; 12]),
            merchant_id: MerchantId::from_random([2; 8]),
            rating: 3,
            nps: None,
            comment: None,
            source: Source::Email,
            detractor: false,
            items: vec![],
            created_at: at,
            updated_at: at,
        };
        assert!(Feedbacks::editable(None, at));
        assert!(Feedbacks::editable(
            Some(&answer),
            at + chrono::Duration::hours(23)
        ));
        assert!(!Feedbacks::editable(
            Some(&answer),
            at + chrono::Duration::hours(24)
        ));
    }
}
