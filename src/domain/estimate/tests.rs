use chrono::Duration as Span;
use proptest::prelude::*;

use super::*;

fn day(n: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600 + n * 86_400, 0).unwrap() // 2026-01-01
}

fn rollup(transits: &[f64], at: DateTime<Utc>) -> Rollup {
    let mut r = Rollup::default();
    for t in transits {
        r.add(*t, at, Model::default().tau);
    }
    r
}

#[test]
fn a_lane_of_three_to_five_days_gives_that_window_in_working_days() {
    let lane = rollup(&[3.0, 3.5, 4.0, 4.0, 4.5, 5.0], day(0));
    let model = Model::default();
    // Handed over Monday 2026-01-05 09:00 UTC; counted in UTC without holidays.
    let monday = day(4) + Span::hours(9);
    let w = learned(
        &model,
        (&[&lane], None),
        monday,
        monday,
        (&Utc, calendar(None)),
    )
    .unwrap();
    assert_eq!(w.source, Source::Learned);
    assert_eq!(w.likely.format("%a %d").to_string(), "Fri 09");
    assert!(w.earliest <= w.likely && w.likely <= w.latest);
    assert!(w.latest < monday + Span::days(8), "{w:?}");
    assert!(
        w.confidence > 0.3 && w.confidence < 0.4,
        "6 parcels, shrink 10"
    );
}

#[test]
fn a_thin_lane_leans_on_the_coarser_level() {
    let country = rollup(&[2.0; 200], day(0));
    let thin = rollup(&[10.0], day(0));
    let model = Model::default();
    let w = learned(
        &model,
        (&[&country, &thin], None),
        day(4),
        day(4),
        (&Utc, calendar(None)),
    )
    .unwrap();
    let alone = learned(
        &model,
        (&[&thin], None),
        day(4),
        day(4),
        (&Utc, calendar(None)),
    )
    .unwrap();
    assert!(w.likely < alone.likely);
    assert!(learned(&model, (&[], None), day(4), day(4), (&Utc, calendar(None))).is_none());
}

#[test]
fn a_parcel_older_than_everything_learned_gets_no_window() {
    let lane = rollup(&[2.0, 3.0], day(0));
    let model = Model::default();
    let w = learned(
        &model,
        (&[&lane], None),
        day(0),
        day(30),
        (&Utc, calendar(None)),
    );
    assert!(w.is_none(), "never a made-up date: {w:?}");
}

#[test]
fn a_lane_that_takes_ten_days_makes_a_three_day_promise_likely_missed() {
    let slow = rollup(&[9.5, 10.0, 10.0, 10.5, 11.0], day(0));
    let model = Model::default();
    let monday = day(4) + Span::hours(9);
    let place = (&Utc, calendar(None));
    let p = miss_probability(
        &model,
        (&[&slow], None),
        (monday, monday, monday + Span::days(3)),
        place,
    );
    assert!(p.unwrap() > 0.99, "{p:?}");
    let p = miss_probability(
        &model,
        (&[&slow], None),
        (monday, monday, monday + Span::days(30)),
        place,
    );
    assert!(p.unwrap() < 0.01, "{p:?}");
    let p = miss_probability(
        &model,
        (&[&slow], None),
        (monday, monday + Span::days(10), monday + Span::days(14)),
        place,
    );
    assert!(p.unwrap() > 0.0 && p.unwrap() < 1.0, "partly spent: {p:?}");
}

proptest! {
    #[test]
    fn the_window_is_ordered_and_never_in_the_past(
        transits in proptest::collection::vec(0.0f64..70.0, 1..40),
        age_hours in 0i64..2_000,
    ) {
        let lane = rollup(&transits, day(0));
        let handed = day(10);
        let now = handed + Span::hours(age_hours);
        let model = Model::default();
        if let Some(w) = learned(&model, (&[&lane], None), handed, now, (&chrono_tz::America::Sao_Paulo, calendar(Some("BR")))) {
            prop_assert!(w.earliest <= w.likely && w.likely <= w.latest, "{:?}", w);
            prop_assert!(w.earliest >= now, "{:?} before {}", w, now);
            prop_assert!((0.0..=1.0).contains(&w.confidence));
        }
    }
}

proptest! {
    /// Out for delivery, the last leg's window kept within the journey's: it never
    /// widens, and stays ordered and ahead of now.
    #[test]
    fn the_window_narrows_as_the_parcel_advances(
        transits in proptest::collection::vec(0.5f64..20.0, 1..30),
        legs in proptest::collection::vec(0.0f64..1.5, 1..30),
        age_hours in 0i64..200,
    ) {
        let (whole, leg) = (rollup(&transits, day(0)), rollup(&legs, day(0)));
        let model = Model::default();
        let place = (&Utc, calendar(Some("DE")));
        let handed = day(10);
        let now = handed + Span::hours(age_hours);
        let (Some(outer), Some(inner)) = (
            learned(&model, (&[&whole], None), handed, now, place),
            learned(&model, (&[&leg], None), now, now, place),
        ) else {
            return Ok(());
        };
        let w = narrowed(&outer, inner.clone());
        prop_assert!(w.earliest <= w.likely && w.likely <= w.latest, "{:?}", w);
        prop_assert!(w.earliest >= now);
        let overlap = outer.earliest.max(inner.earliest) <= outer.latest.min(inner.latest);
        if overlap {
            prop_assert!(w.latest - w.earliest <= outer.latest - outer.earliest);
            prop_assert!(w.earliest >= outer.earliest && w.latest <= outer.latest);
        } else {
            prop_assert_eq!(w, inner);
        }
    }
}

#[test]
fn a_scan_in_at_the_destination_citys_facility_starts_the_short_stage() {
    use crate::domain::{Status, Substatus, TrackingEvent, sample_shipment};
    let scan = |hour: i64, status, substatus, place: &str| TrackingEvent {
        at: (day(0) + Span::hours(hour)).fixed_offset(),
        status,
        substatus: Some(substatus),
        party: None,
        code: "AF".into(),
        description: "Arrived at facility".into(),
        location: Some(place.into()),
        synthetic: false,
    };
    let mut s = sample_shipment();
    s.destination.city = Some("Lisbon".into());
    let hub = scan(
        2,
        Status::InTransit,
        Substatus::ArrivedAtFacility,
        "MADRID, ES",
    );
    s.apply(vec![hub], None);
    assert_eq!(current_stage(&s), None, "another city's hub");
    let local = scan(
        30,
        Status::InTransit,
        Substatus::ArrivedAtFacility,
        "LISBON DC, PT",
    );
    s.apply(vec![local], None);
    assert_eq!(
        current_stage(&s),
        Some((Stage::AtDestination, day(0) + Span::hours(30)))
    );
    let out = scan(
        40,
        Status::OutForDelivery,
        Substatus::DepartedFacility,
        "Lisbon",
    );
    s.apply(vec![out], None);
    assert_eq!(
        current_stage(&s),
        Some((Stage::OutForDelivery, day(0) + Span::hours(40)))
    );
    assert!(stage_levels(&s, Stage::AtDestination)[0].starts_with("adf:c:"));

    // Accents and case do not matter; a city inside another's name does not count.
    let mut sp = sample_shipment();
    sp.destination.city = Some("São Paulo".into());
    let hub = scan(
        5,
        Status::InTransit,
        Substatus::ArrivedAtFacility,
        "SAO PAULO - SP",
    );
    sp.apply(vec![hub], None);
    assert_eq!(
        current_stage(&sp).map(|(st, _)| st),
        Some(Stage::AtDestination)
    );
    let mut york = sample_shipment();
    york.destination.city = Some("York".into());
    let hub = scan(
        5,
        Status::InTransit,
        Substatus::ArrivedAtFacility,
        "NEW YORK, NY",
    );
    york.apply(vec![hub], None);
    assert_eq!(current_stage(&york), None);
}

#[test]
fn a_day_whose_midnight_a_clock_change_skips_starts_when_the_clocks_resume() {
    // Santiago moves its clocks from 00:00 to 01:00 on Sunday 6 September 2026.
    let zone = chrono_tz::America::Santiago;
    let noon = DateTime::parse_from_rfc3339("2026-09-06T12:00:00-03:00").unwrap();
    let (start, end) = day_of(&zone, noon.with_timezone(&Utc)).unwrap();
    assert_eq!(
        start.with_timezone(&zone).to_rfc3339(),
        "2026-09-06T01:00:00-03:00"
    );
    assert_eq!(
        end.with_timezone(&zone).to_rfc3339(),
        "2026-09-06T23:59:59-03:00"
    );
    let gap = "2026-09-06T00:30:00".parse::<NaiveDateTime>().unwrap();
    let after = instant(&zone, gap, true).unwrap().with_timezone(&zone);
    assert_eq!(after.to_rfc3339(), "2026-09-06T01:00:00-03:00");
}
