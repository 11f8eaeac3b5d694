#![allow(clippy::arithmetic_side_effects)] // test fixtures

use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::domain::{DelayReason, Order, Party, Substatus};

pub(crate) fn sample() -> Shipment {
    Shipment {
        id: ShipmentId::from_random([1; 12]),
        merchant_id: MerchantId::from_random([2; 8]),
        token: PublicToken::from_random([3; 16]),
        carrier: CarrierCode::parse("sandbox").unwrap(),
        tracking_number: TrackingNumber::parse("SBOT00000001").unwrap(),
        order: Order {
            number: "1001".into(),
            promised_by: None,
            items: vec![],
        },
        customer: Some(Customer {
            name: "Ana Souza".into(),
            email: None,
            phone: crate::domain::PhoneNumber::parse("+5511912345678").ok(),
            locale: None,
        }),
        destination: Destination {
            city: Some("São Paulo".into()),
            postcode: Some("01310-100".into()),
            country: crate::domain::Country::parse("BR").ok(),
            timezone: None,
        },
        status: Status::Pending,
        substatus: None,
        eta: None,
        events: vec![],
        created_at: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
        last_polled_at: None,
        updated_at: None,
        signed_by: None,
        next_poll_at: None,
        poll_failures: 0,
        poll_crashes: 0,
        pushed_at: None,
        likely_late_at: None,
        stated: None,
    }
}

fn ev(hour: i64, status: Status, code: &str) -> TrackingEvent {
    let base = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    TrackingEvent {
        at: (base + Duration::hours(hour)).fixed_offset(),
        status,
        substatus: None,
        party: Some(Party::Carrier),
        code: code.into(),
        description: code.into(),
        location: Some("Lisbon, PT".into()),
        synthetic: false,
    }
}

#[test]
fn duplicate_scans_are_ignored() {
    let mut s = sample();
    let a = s.apply(
        vec![
            ev(1, Status::InfoReceived, "LC"),
            ev(2, Status::InTransit, "PU"),
        ],
        None,
    );
    assert_eq!(a.added.len(), 2);
    assert_eq!(a.status_changed, Some((Status::Pending, Status::InTransit)));
    let b = s.apply(vec![ev(2, Status::InTransit, "PU")], None);
    assert!(b.is_empty());
    assert_eq!(s.events.len(), 2);
}

#[test]
fn a_late_older_scan_does_not_move_status_back() {
    let mut s = sample();
    s.apply(vec![ev(5, Status::OutForDelivery, "OD")], None);
    let a = s.apply(vec![ev(3, Status::InTransit, "AF")], None);
    assert_eq!(s.status, Status::OutForDelivery);
    assert_eq!(a.status_changed, None);
    assert_eq!(s.events.first().map(|e| e.code.as_str()), Some("AF"));
}

#[test]
fn delivered_is_final_except_for_a_return() {
    let mut s = sample();
    s.apply(vec![ev(5, Status::Delivered, "DL")], None);
    s.apply(vec![ev(6, Status::InTransit, "AF")], None);
    assert_eq!(s.status, Status::Delivered);
    s.apply(vec![ev(7, Status::ReturnToSender, "RS")], None);
    assert_eq!(s.status, Status::ReturnToSender);
}

#[test]
fn a_return_is_tracked_until_it_is_back_with_the_sender() {
    let mut s = sample();
    let mut returning = ev(7, Status::ReturnToSender, "RS");
    returning.substatus = Some(Substatus::ReturningToSender);
    s.apply(vec![returning], None);
    assert!(!s.is_finished());
    assert!(
        s.next_poll(s.created_at, Duration::hours(1), Duration::days(30))
            .is_some()
    );
    s.apply(vec![ev(8, Status::InTransit, "AF")], None);
    assert_eq!(
        s.status,
        Status::ReturnToSender,
        "never back towards the customer"
    );
    let mut back = ev(9, Status::ReturnToSender, "RD");
    back.substatus = Some(Substatus::ReturnedToSender);
    s.apply(vec![back], None);
    assert_eq!(s.substatus, Some(Substatus::ReturnedToSender));
    assert!(s.is_finished());
}

#[test]
fn idle_shipments_expire_and_stop_polling() {
    let mut s = sample();
    s.apply(vec![ev(1, Status::InTransit, "PU")], None);
    let early = s.created_at + Duration::days(2);
    assert!(s.expire_if_idle(early, Duration::days(30)).is_empty());
    let next = s.next_poll(early, Duration::hours(2), Duration::days(30));
    assert_eq!(next, Some(early + Duration::hours(2)));
    let late = s.created_at + Duration::days(31);
    let a = s.expire_if_idle(late, Duration::days(30));
    assert_eq!(a.status_changed, Some((Status::InTransit, Status::Expired)));
    assert_eq!(
        s.next_poll(late, Duration::hours(2), Duration::days(30)),
        None
    );
}

#[test]
fn next_poll_never_passes_the_expiry_moment() {
    let s = sample();
    let now = s.created_at + Duration::hours(23);
    let next = s.next_poll(now, Duration::hours(6), Duration::days(1));
    assert_eq!(next, Some(s.created_at + Duration::days(1)));
}

#[test]
fn cancelling_erases_personal_data() {
    let mut s = sample();
    s.signed_by = Some("A SOUZA".into());
    s.cancel(s.created_at);
    assert_eq!(s.status, Status::Cancelled);
    assert!(s.customer.is_none());
    assert!(s.destination.postcode.is_none());
    assert!(s.signed_by.is_none(), "who signed is personal data too");
    assert_eq!(s.destination.city.as_deref(), Some("São Paulo"));
}

#[test]
fn eta_past_the_promise_is_late() {
    let mut s = sample();
    s.order.promised_by = chrono::NaiveDate::from_ymd_opt(2026, 11, 3);
    let eta = Utc
        .with_ymd_and_hms(2026, 11, 5, 12, 0, 0)
        .unwrap()
        .fixed_offset();
    let a = s.apply(vec![], Some(eta));
    assert_eq!(a.eta_changed, Some(None));
    assert!(s.is_late());
}

#[test]
fn snapshot_round_trips_through_json() {
    let mut s = sample();
    s.apply(vec![ev(1, Status::InTransit, "PU")], None);
    let json = serde_json::to_string(&s).unwrap();
    let back: Shipment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

const STATUSES: [Status; 9] = [
    Status::InfoReceived,
    Status::InTransit,
    Status::OutForDelivery,
    Status::FailedAttempt,
    Status::AvailableForPickup,
    Status::Delivered,
    Status::Exception,
    Status::ReturnToSender,
    Status::InTransit,
];

fn events_strategy() -> impl Strategy<Value = Vec<TrackingEvent>> {
    prop::collection::vec((0i64..200, 0usize..STATUSES.len()), 1..12).prop_map(|v| {
        v.into_iter()
            .map(|(h, i)| ev(h, STATUSES[i], &format!("C{i}")))
            .collect()
    })
}

proptest! {
    /// Whatever order and batching the scans arrive in, the result is the same.
    #[test]
    fn arrival_order_does_not_matter(events in events_strategy(), split in 0usize..12) {
        let mut all_at_once = sample();
        all_at_once.apply(events.clone(), None);
        let mut reversed = sample();
        let split = split.min(events.len());
        let mut rev = events.clone();
        rev.reverse();
        reversed.apply(rev[..split].to_vec(), None);
        reversed.apply(rev[split..].to_vec(), None);
        prop_assert_eq!(all_at_once.status, reversed.status);
        prop_assert_eq!(all_at_once.events, reversed.events);
    }

    /// A scan older than everything seen leaves the status alone (or finalises it).
    #[test]
    fn older_scans_never_move_status_back(events in events_strategy(), i in 0usize..STATUSES.len()) {
        let mut s = sample();
        s.apply(events, None);
        let before = s.status;
        s.apply(vec![ev(-1, STATUSES[i], "OLD")], None);
        prop_assert!(s.status == before || s.status.is_terminal(), "{:?} -> {:?}", before, s.status);
    }

    /// Once delivered, only a return can change the status.
    #[test]
    fn delivered_stays_delivered(events in events_strategy()) {
        let mut s = sample();
        s.apply(vec![ev(0, Status::Delivered, "DL")], None);
        s.apply(events, None);
        prop_assert!(matches!(s.status, Status::Delivered | Status::ReturnToSender));
    }
}

#[test]
fn silence_is_flagged_once_then_again_after_new_scans() {
    let mut s = sample();
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let days = |d: i64| start + Duration::days(d);
    let window = Some(Duration::hours(72));
    assert_eq!(
        s.flag_silence(days(9), window, Duration::hours(48)),
        None,
        "nothing scanned yet"
    );
    s.apply(vec![ev(1, Status::InTransit, "AF")], None);
    assert_eq!(
        s.flag_silence(days(2), window, Duration::hours(48)),
        None,
        "quiet for a day"
    );
    assert_eq!(
        s.flag_silence(days(4), window, Duration::hours(48)),
        Some(DelayReason::Stalled)
    );
    assert_eq!(s.status, Status::InTransit, "a stall is not a status");
    assert_eq!(s.substatus, Some(Substatus::Stalled));
    assert_eq!(
        s.flag_silence(days(5), window, Duration::hours(48)),
        None,
        "once"
    );
    s.apply(vec![ev(24 * 5, Status::InTransit, "DF")], None);
    assert_eq!(s.flag_silence(days(6), window, Duration::hours(48)), None);
    assert_eq!(
        s.flag_silence(days(9), window, Duration::hours(48)),
        Some(DelayReason::Stalled),
        "a new silence"
    );
    assert_eq!(s.flag_silence(days(30), None, Duration::hours(48)), None);
}

#[test]
fn a_flood_of_scans_keeps_the_newest_and_repeating_it_is_no_news() {
    let mut s = sample();
    let flood: Vec<TrackingEvent> = (0..5_000)
        .map(|h| ev(h, Status::InTransit, &format!("S{h}")))
        .collect();
    let a = s.apply(flood.clone(), None);
    assert_eq!(s.events.len(), Shipment::MAX_EVENTS);
    assert_eq!(a.added.len(), Shipment::MAX_EVENTS);
    assert_eq!(s.events[0].code, "S4500", "the newest are kept");
    let again = s.apply(flood, None);
    assert!(again.is_empty(), "the same answer again changes nothing");
}

#[test]
fn a_historic_offset_with_seconds_reads_back_unchanged() {
    let mut s = sample();
    let mut e = ev(1, Status::InTransit, "LMT");
    e.at = chrono::FixedOffset::west_opt(4 * 3600 + 56 * 60 + 2)
        .unwrap()
        .with_ymd_and_hms(1800, 1, 1, 12, 0, 0)
        .unwrap();
    let instant = e.at;
    s.apply(vec![e.clone()], None);
    assert_eq!(s.events[0].at, instant, "the same instant");
    let json = serde_json::to_string(&s).unwrap();
    let mut back: Shipment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    assert!(
        back.apply(vec![e], None).is_empty(),
        "the same scan is no news"
    );
}

#[test]
fn a_leap_second_from_a_carrier_reads_back_unchanged() {
    // Found by fuzzing the DHL and Correios parsers: `…T19:40:60` and an ETA at `23:59:60`.
    let mut s = sample();
    let mut e = ev(1, Status::InTransit, "LEAP");
    e.at = chrono::DateTime::parse_from_rfc3339("2024-05-05T19:40:60+02:00").unwrap();
    let eta = chrono::DateTime::parse_from_rfc3339("2026-05-12T23:59:60Z").unwrap();
    s.apply(vec![e.clone()], Some(eta));
    assert_eq!(s.events[0].at.to_rfc3339(), "2024-05-05T19:40:59+02:00");
    let stored = crate::store::codec::encode(&s).unwrap();
    let back = crate::store::codec::decode(&stored).unwrap();
    assert_eq!(back, s);
    let mut back = back;
    assert!(
        back.apply(vec![e], Some(eta)).is_empty(),
        "the same scan is no news"
    );
}
