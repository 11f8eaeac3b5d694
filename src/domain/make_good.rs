//! Making a late delivery right: the merchant's rule (how late, what to say, whether a
//! discount code from their pool goes with it) and what one parcel was given.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Shipment, ShipmentId, Status};

/// Most days late a rule may wait for.
pub const MAX_LATE_BY_DAYS: u16 = 60;
/// Longest apology text.
pub const MAX_TEXT: usize = 300;
/// Longest discount code.
pub const MAX_CODE: usize = 64;

/// When a late parcel earns a make-good, and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakeGoodRule {
    /// Delivered more than this many days after the promised date.
    pub late_by_days: u16,
    /// Said with the delivered message and on the page ("Sorry it was late: 15% off …").
    pub text: String,
    /// Whether a code from the merchant's pool goes with the text (none left: no make-good).
    pub codes: bool,
    /// The pool's "running low" webhook fires once when this many codes or fewer are left.
    pub low_at: u32,
}

impl MakeGoodRule {
    /// Whether the parcel, delivered, came more than `late_by_days` after its promise.
    pub fn earned_by(&self, s: &Shipment) -> bool {
        let (Some(promised), Some(delivered)) = (s.order.promised_by, delivered_on(s)) else {
            return false;
        };
        delivered
            .signed_duration_since(promised)
            .num_days()
            .gt(&i64::from(self.late_by_days))
    }
}

/// The day the carrier scanned the delivery, in the scan's own zone.
fn delivered_on(s: &Shipment) -> Option<NaiveDate> {
    if s.status != Status::Delivered {
        return None;
    }
    s.events
        .iter()
        .find(|e| !e.synthetic && e.status == Status::Delivered)
        .map(|e| e.at.date_naive())
}

/// What one late parcel was given: the text, and the code drawn for it (none when the rule
/// gives text alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub shipment_id: ShipmentId,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub at: DateTime<Utc>,
}

/// A discount code as the merchant's shop issues it: 1–64 printable characters, no spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountCode(String);

impl DiscountCode {
    pub fn parse(raw: &str) -> Result<DiscountCode, &'static str> {
        let ok = !raw.is_empty()
            && raw.len() <= MAX_CODE
            && raw.chars().all(|c| !c.is_whitespace() && !c.is_control());
        ok.then(|| DiscountCode(raw.to_owned()))
            .ok_or("1 to 64 characters, no spaces")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The apology text: 1–300 characters, one paragraph.
pub fn parse_text(raw: &str) -> Result<String, &'static str> {
    let text = raw.trim();
    let ok =
        !text.is_empty() && text.chars().count() <= MAX_TEXT && !text.chars().any(char::is_control);
    ok.then(|| text.to_owned())
        .ok_or("1 to 300 characters on one line")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{TrackingEvent, sample_shipment};

    fn delivered(on: &str, promised: &str) -> Shipment {
        let mut s = sample_shipment();
        s.order.promised_by = promised.parse().ok();
        let at = format!("{on}T23:30:00-05:00").parse().unwrap();
        let scan = TrackingEvent {
            at,
            status: Status::Delivered,
            substatus: None,
            party: None,
            code: "DL".into(),
            description: "Delivered".into(),
            location: None,
            synthetic: false,
        };
        s.apply(vec![scan], None);
        s
    }

    #[test]
    fn a_make_good_is_earned_past_the_promise_by_more_than_the_rules_days() {
        let rule = MakeGoodRule {
            late_by_days: 2,
            text: "Sorry".into(),
            codes: true,
            low_at: 5,
        };
        assert!(rule.earned_by(&delivered("2026-11-13", "2026-11-10")));
        assert!(
            !rule.earned_by(&delivered("2026-11-12", "2026-11-10")),
            "two days late is not more than two, on the scan's own day (UTC's is the 13th)"
        );
        let mut unpromised = delivered("2026-11-20", "2026-11-10");
        unpromised.order.promised_by = None;
        assert!(!rule.earned_by(&unpromised));
        let mut moving = sample_shipment();
        moving.order.promised_by = "2026-01-01".parse().ok();
        assert!(!rule.earned_by(&moving), "not delivered yet");
    }

    #[test]
    fn codes_and_texts_are_bounded() {
        assert!(DiscountCode::parse("SORRY-15").is_ok());
        for bad in ["", "two words", "tab\tbed", &"x".repeat(65)] {
            assert!(DiscountCode::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_text("  Sorry!  ").unwrap(), "Sorry!");
        assert!(parse_text("a\nb").is_err());
        assert!(parse_text(&"é".repeat(301)).is_err());
        assert!(parse_text(&"é".repeat(300)).is_ok());
    }
}
