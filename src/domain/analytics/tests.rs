use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::domain::{Substatus, TrackingEvent, sample_shipment};

fn scan(day: i64, status: Status) -> TrackingEvent {
    let monday = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(); // a Monday
    TrackingEvent {
        at: (monday + Duration::days(day)).fixed_offset(),
        status,
        substatus: None,
        party: None,
        code: status.as_str().into(),
        description: status.as_str().into(),
        location: None,
        synthetic: false,
    }
}

fn field(counts: &[Count], name: &str) -> i64 {
    counts
        .iter()
        .filter(|(f, _)| f == name)
        .map(|(_, n)| n)
        .sum()
}

#[test]
fn a_delivery_counts_its_promise_first_attempt_transit_and_the_windows_error() {
    let mut s = sample_shipment();
    s.destination.country = None;
    s.order.promised_by = chrono::NaiveDate::from_ymd_opt(2026, 11, 5);
    s.apply(vec![scan(0, Status::InTransit)], None);
    let first = (
        Utc.with_ymd_and_hms(2026, 11, 4, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 5, 9, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 6, 0, 0, 0).unwrap(),
    );
    s.stated = Some(crate::domain::estimate::Stated {
        likely: first.1,
        latest: first.2,
        at: first.0,
        from: None,
        first: Some(first),
    });
    let applied = s.apply(vec![scan(3, Status::Delivered)], None);
    let counts = tally(&s, &applied);
    assert_eq!(field(&counts, "s:delivered"), 1);
    assert_eq!(field(&counts, "dl"), 1);
    assert_eq!(field(&counts, "pr"), 1);
    assert_eq!(field(&counts, "ot"), 1, "the 5th, as promised");
    assert_eq!(field(&counts, "fa"), 1);
    assert_eq!(field(&counts, "t3"), 1, "Monday to Thursday");
    assert_eq!(field(&counts, "ee"), 0, "delivered at the likely moment");
    assert_eq!((field(&counts, "ei"), field(&counts, "el")), (1, 0));
    assert!(
        tally(&s, &Applied::default()).is_empty(),
        "no status change, nothing"
    );
}

#[test]
fn a_failed_attempt_and_an_exception_count_with_their_reason() {
    let mut s = sample_shipment();
    s.apply(vec![scan(0, Status::InTransit)], None);
    let mut hold = scan(1, Status::Exception);
    hold.substatus = Some(Substatus::CustomsHold);
    let applied = s.apply(vec![hold], None);
    let counts = tally(&s, &applied);
    assert_eq!(field(&counts, "x:customs_hold"), 1);
    s.apply(vec![scan(2, Status::FailedAttempt)], None);
    let applied = s.apply(vec![scan(3, Status::Delivered)], None);
    assert_eq!(field(&tally(&s, &applied), "fa"), 0);
}

#[test]
fn figures_give_rates_quantiles_and_csv() {
    let mut f = Figures::default();
    f.add([
        ("dl".to_owned(), 4),
        ("pr".into(), 4),
        ("ot".into(), 3),
        ("fa".into(), 4),
        ("t2".into(), 2),
        ("t4".into(), 2),
        ("ts".into(), 1200),
    ]);
    let rows = [Row {
        key: "ups, \"air\"".into(),
        figures: f,
        viewed: None,
    }];
    let r = Report::build(ReportName::Delivery, "carrier", &rows);
    assert_eq!(r.columns.len(), 8);
    assert!(r.definitions.contains_key("on_time_rate"));
    let row = &r.rows[0];
    assert_eq!(row[3], json_f(0.75));
    assert_eq!(row[4], json_f(1.0));
    assert_eq!(row[5], json_f(2.5), "p50 at the top of day 2");
    assert_eq!(row[7], json_f(3.0));
    let csv = r.csv();
    assert!(
        csv.starts_with("carrier,delivered,promised,on_time_rate,"),
        "{csv}"
    );
    assert!(
        csv.contains("\"ups, \"\"air\"\"\",4,4,0.75,1.0,2.5,"),
        "{csv}"
    );
}

fn json_f(x: f64) -> serde_json::Value {
    serde_json::json!(x)
}
