//! What the merchant's lists sort a shipment under: its status, and whether it needs
//! someone's attention (and why), plus the filter a list is asked for, parsed once.

use chrono::{DateTime, Utc};

use super::Shipment;
use crate::domain::{CarrierCode, Status, Substatus};

/// Why a shipment is on the merchant's watchlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    Exception,
    FailedAttempt,
    ReturnToSender,
    Stalled,
    Forgotten,
    /// Past the promised date (or the carrier's estimate is) and not delivered.
    Late,
}

impl Attention {
    pub fn as_str(self) -> &'static str {
        match self {
            Attention::Exception => "exception",
            Attention::FailedAttempt => "failed_attempt",
            Attention::ReturnToSender => "return_to_sender",
            Attention::Stalled => "stalled",
            Attention::Forgotten => "forgotten",
            Attention::Late => "late",
        }
    }
}

/// Where a shipment sits in the merchant's list indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPlace {
    pub status: Status,
    pub attention: bool,
}

impl Shipment {
    /// Why this shipment needs attention now, if it does. Delivered, expired and cancelled
    /// shipments never do; a return does until it is back with the sender.
    pub fn attention(&self, now: DateTime<Utc>) -> Option<Attention> {
        match self.status {
            Status::Exception => return Some(Attention::Exception),
            Status::FailedAttempt => return Some(Attention::FailedAttempt),
            Status::ReturnToSender if !self.is_finished() => {
                return Some(Attention::ReturnToSender);
            }
            _ if self.is_finished() => return None,
            _ => {}
        }
        match self.substatus {
            Some(Substatus::Stalled) => return Some(Attention::Stalled),
            Some(Substatus::Forgotten) => return Some(Attention::Forgotten),
            _ => {}
        }
        let overdue = self.order.promised_by.is_some_and(|p| p < now.date_naive());
        (overdue || self.is_late()).then_some(Attention::Late)
    }

    /// Whether it was delivered by the promised date (none: not delivered, or no promise).
    pub fn on_time(&self) -> Option<bool> {
        let delivered = self
            .events
            .iter()
            .find(|e| !e.synthetic && e.status == Status::Delivered)
            .map(|e| e.at.date_naive())?;
        Some(delivered <= self.order.promised_by?)
    }

    pub fn list_place(&self, now: DateTime<Utc>) -> ListPlace {
        ListPlace {
            status: self.status,
            attention: self.attention(now).is_some(),
        }
    }
}

/// Which of a merchant's shipments a list shows (all conditions hold).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShipmentFilter {
    pub status: Option<Status>,
    pub attention: bool,
    pub carrier: Option<CarrierCode>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
}

impl ShipmentFilter {
    /// Whether a shipment read through an index still belongs in the list (indexes only
    /// point at ids; the snapshot decides).
    pub fn admits(&self, s: &Shipment, now: DateTime<Utc>) -> bool {
        self.status.is_none_or(|st| st == s.status)
            && (!self.attention || s.attention(now).is_some())
            && self.carrier.as_ref().is_none_or(|c| c == &s.carrier)
            && self.created_from.is_none_or(|t| s.created_at >= t)
            && self.created_to.is_none_or(|t| s.created_at < t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample_shipment;
    use chrono::NaiveDate;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn attention_follows_status_flags_and_promise() {
        let now = at("2026-11-10T12:00:00Z");
        let mut s = sample_shipment();
        s.status = Status::InTransit;
        assert_eq!(s.attention(now), None);
        s.order.promised_by = NaiveDate::from_ymd_opt(2026, 11, 9);
        assert_eq!(s.attention(now), Some(Attention::Late));
        s.order.promised_by = NaiveDate::from_ymd_opt(2026, 11, 10);
        assert_eq!(s.attention(now), None, "due today is not late yet");
        s.substatus = Some(Substatus::Stalled);
        assert_eq!(s.attention(now), Some(Attention::Stalled));
        s.status = Status::Exception;
        assert_eq!(s.attention(now), Some(Attention::Exception));
        s.status = Status::Delivered;
        s.substatus = None;
        s.order.promised_by = NaiveDate::from_ymd_opt(2026, 11, 1);
        assert_eq!(s.attention(now), None, "delivered late is done");
        s.status = Status::ReturnToSender;
        assert_eq!(s.attention(now), Some(Attention::ReturnToSender));
        s.substatus = Some(Substatus::ReturnedToSender);
        assert_eq!(s.attention(now), None, "back with the sender");
    }

    #[test]
    fn a_filter_admits_only_what_it_names() {
        let now = at("2026-11-10T12:00:00Z");
        let mut s = sample_shipment();
        s.created_at = at("2026-11-05T23:30:00Z");
        s.status = Status::InTransit;
        let days = |a: &str, b: &str| ShipmentFilter {
            created_from: Some(at(a)),
            created_to: Some(at(b)),
            ..Default::default()
        };
        assert!(days("2026-11-05T00:00:00Z", "2026-11-06T00:00:00Z").admits(&s, now));
        assert!(days("2026-11-05T23:30:00Z", "2026-11-05T23:30:01Z").admits(&s, now));
        assert!(!days("2026-11-06T00:00:00Z", "2026-11-10T00:00:00Z").admits(&s, now));
        assert!(!days("2026-11-01T00:00:00Z", "2026-11-05T23:30:00Z").admits(&s, now));
        let mut f = ShipmentFilter {
            status: Some(Status::InTransit),
            ..Default::default()
        };
        assert!(f.admits(&s, now));
        f.attention = true;
        assert!(!f.admits(&s, now));
        f.attention = false;
        f.carrier = Some(CarrierCode::parse("ups").unwrap());
        assert!(!f.admits(&s, now), "the sample is a sandbox parcel");
        f.carrier = Some(s.carrier.clone());
        assert!(f.admits(&s, now));
    }
}
