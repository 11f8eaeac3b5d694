//! The console's first page and `GET /api/v1/overview`: parcels by status, the watchlist of
//! those needing attention, messages sent today (the merchant's day) by channel, and the
//! week's feedback. Every figure comes from a counter or an index, never from a scan.

use chrono::{DateTime, Duration, TimeZone as _, Utc};

use super::{Feedbacks, Notifications, ServiceError, Shipments};
use crate::domain::{MerchantId, Shipment, ShipmentFilter, Status, TimeZone};

/// Shipments the watchlist shows.
pub const WATCHLIST: usize = 10;

/// Answers of the week read for the average rating (the count is exact).
const FEEDBACK_READ: usize = 1_000;

pub struct Overview {
    pub by_status: Vec<(Status, u64)>,
    pub attention: u64,
    /// The newest shipments needing attention.
    pub watchlist: Vec<Shipment>,
    /// Since midnight in the merchant's time zone.
    pub sent_today: Vec<(String, u64)>,
    pub feedback: FeedbackWeek,
}

/// The last seven days' answers.
#[derive(Debug, Default, PartialEq)]
pub struct FeedbackWeek {
    pub answers: u64,
    /// Over the newest `read` answers.
    pub average_rating: Option<f64>,
    pub detractors: u64,
    pub read: usize,
}

/// The services the overview reads.
pub struct Sources<'a> {
    pub shipments: &'a Shipments,
    pub notifications: &'a Notifications,
    pub feedbacks: &'a Feedbacks,
}

impl Overview {
    pub async fn gather(
        from: Sources<'_>,
        merchant: &MerchantId,
        zone: TimeZone,
        now: DateTime<Utc>,
    ) -> Result<Overview, ServiceError> {
        let watch = ShipmentFilter {
            attention: true,
            ..Default::default()
        };
        let midnight = now
            .with_timezone(&zone.tz())
            .date_naive()
            .and_time(chrono::NaiveTime::MIN);
        let today = zone
            .tz()
            .from_local_datetime(&midnight)
            .earliest()
            .map_or(now, |t| t.with_timezone(&Utc));
        let week_ago = now.checked_sub_signed(Duration::days(7)).unwrap_or(now);
        let (counts, watchlist, sent_today, answers) = tokio::try_join!(
            from.shipments.counts(merchant),
            from.shipments.list(merchant, &watch, None, WATCHLIST),
            from.notifications.sent_between(merchant, today, now),
            from.feedbacks.since(merchant, week_ago, FEEDBACK_READ),
        )?;
        let (answers, read) = answers;
        let ratings: Vec<f64> = read.iter().map(|f| f64::from(f.rating)).collect();
        let feedback = FeedbackWeek {
            answers,
            average_rating: (!ratings.is_empty())
                .then(|| ratings.iter().sum::<f64>() / ratings.len() as f64),
            detractors: read.iter().filter(|f| f.detractor).count() as u64,
            read: read.len(),
        };
        Ok(Overview {
            by_status: counts.by_status,
            attention: counts.attention,
            watchlist: watchlist.items,
            sent_today,
            feedback,
        })
    }
}
