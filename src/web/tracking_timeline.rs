//! The tracking page's timeline: the carrier's scans, newest first, in the customer's
//! words and time zone.

use std::borrow::Cow;

use chrono_tz::Tz;

use crate::domain::{Shipment, Status};
use crate::i18n::Lang;

/// One scan as the page shows it.
pub(super) struct EventRow<'a> {
    pub what: Cow<'a, str>,
    pub message: &'a str,
    pub when: String,
    /// Digits, `-`, `:`, `+` and `T` only: the page writes it unescaped.
    pub iso: String,
    pub location: Option<&'a str>,
}

/// The carrier's scans, newest first, in the recipient's zone.
pub(super) fn timeline<'a>(s: &'a Shipment, l: &'a Lang, zone: &Tz) -> Vec<EventRow<'a>> {
    let row = |e: &'a crate::domain::TrackingEvent| {
        let what = l.text(status_id(e.status));
        // "Out for delivery" under "Out for delivery" says nothing twice.
        let same = e.description.trim().eq_ignore_ascii_case(&what);
        EventRow {
            message: if same { "" } else { &e.description },
            what,
            when: l.date_time(&e.at.with_timezone(zone)),
            iso: iso(&e.at),
            location: e.location.as_deref(),
        }
    };
    s.events.iter().rev().map(row).collect()
}

/// `2026-11-25T14:05:00+01:00`: a scan's time for `<time datetime>`, to the second.
fn iso(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The message naming a status in the timeline.
fn status_id(status: Status) -> &'static str {
    match status {
        Status::Pending => "status-pending",
        Status::InfoReceived => "status-info_received",
        Status::InTransit => "status-in_transit",
        Status::OutForDelivery => "status-out_for_delivery",
        Status::FailedAttempt => "status-failed_attempt",
        Status::AvailableForPickup => "status-available_for_pickup",
        Status::Delivered => "status-delivered",
        Status::Exception => "status-exception",
        Status::ReturnToSender => "status-return_to_sender",
        Status::Expired => "status-expired",
        Status::Cancelled => "status-cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_time_is_written_as_rfc_3339_to_the_second() {
        for t in [
            "2026-11-25T14:05:09+01:00",
            "2026-03-01T00:00:00-03:30",
            "0999-12-31T23:59:59+00:00",
        ] {
            let at = chrono::DateTime::parse_from_rfc3339(t).unwrap();
            assert_eq!(iso(&at), t);
            let later = at + chrono::Duration::milliseconds(250);
            assert_eq!(iso(&later), t);
        }
    }

    #[test]
    fn a_scan_whose_text_repeats_its_status_is_shown_once() {
        let mut s = crate::domain::shipment::tests::sample();
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T14:05:09+01:00").unwrap();
        let scan = |status, text: &str| crate::domain::TrackingEvent {
            at,
            status,
            substatus: None,
            party: None,
            code: "X".into(),
            description: text.into(),
            location: None,
            synthetic: false,
        };
        s.events = vec![
            scan(Status::InTransit, "Arrived at sorting facility"),
            scan(Status::OutForDelivery, "OUT FOR DELIVERY "),
        ];
        let l = Lang::negotiate(["en"]);
        let rows = timeline(&s, &l, &chrono_tz::UTC);
        assert_eq!(rows[0].what, "Out for delivery");
        assert_eq!(rows[0].message, "");
        assert_eq!(rows[1].message, "Arrived at sorting facility");
    }

    #[test]
    fn every_status_names_its_message() {
        for s in Status::ALL {
            assert_eq!(status_id(s), format!("status-{}", s.as_str()));
        }
    }
}
