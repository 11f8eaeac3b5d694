//! Fixtures written from FedEx's Track API reference (field names and documented values).

use super::*;
use crate::domain::{Status, Substatus};

const TWO_NUMBERS: &str = r#"{
  "transactionId": "t-1",
  "output": {"completeTrackResults": [
    {"trackingNumber": "794843185271", "trackResults": [{
      "trackingNumberInfo": {"trackingNumber": "794843185271", "carrierCode": "FDXE"},
      "dateAndTimes": [{"type": "ESTIMATED_DELIVERY", "dateTime": "2026-03-04T20:00:00-05:00"}],
      "scanEvents": [
        {"date": "2026-03-03T08:10:00-05:00", "eventType": "OD", "eventDescription": "On FedEx vehicle for delivery",
         "scanLocation": {"city": "NEWARK", "stateOrProvinceCode": "NJ", "countryCode": "US", "postalCode": "07101", "streetLines": ["1 Main St"]}},
        {"date": "2026-03-02T23:40:00", "eventType": "AR", "eventDescription": "Arrived at FedEx location",
         "scanLocation": {"city": "MEMPHIS", "stateOrProvinceCode": "TN", "countryCode": "US"}},
        {"date": "2026-03-01T17:05:00-08:00", "eventType": "PU", "eventDescription": "Picked up",
         "scanLocation": {"city": "SEATTLE", "stateOrProvinceCode": "WA", "countryCode": "US"}}
      ]}]},
    {"trackingNumber": "000000000000", "trackResults": [{
      "error": {"code": "TRACKING.TRACKINGNUMBER.NOTFOUND", "message": "Tracking number cannot be found."}}]}
  ]}
}"#;

#[test]
fn reads_a_batch_with_offsets_local_times_and_per_number_errors() {
    let mut out = parse(200, TWO_NUMBERS.as_bytes()).unwrap();
    let t = out.remove("794843185271").unwrap().unwrap();
    assert_eq!(t.events.len(), 3);
    assert_eq!(t.events[0].status, Status::OutForDelivery);
    assert_eq!(
        t.events[0].location.as_deref(),
        Some("NEWARK, NJ, US"),
        "no street or postcode"
    );
    // No offset given: local time in Memphis (UTC−6 in early March).
    assert_eq!(t.events[1].at.to_rfc3339(), "2026-03-02T23:40:00-06:00");
    assert_eq!(
        (t.events[2].status, t.events[2].substatus),
        (Status::InTransit, Some(Substatus::PickedUp))
    );
    assert_eq!(t.eta.unwrap().to_rfc3339(), "2026-03-04T20:00:00-05:00");
    assert_eq!(
        out.remove("000000000000").unwrap().unwrap_err(),
        CarrierError::NotFound
    );
}

#[test]
fn a_reused_number_reads_as_its_latest_shipment() {
    let body = r#"{"output": {"completeTrackResults": [{"trackingNumber": "111111111111", "trackResults": [
      {"scanEvents": [{"date": "2025-01-02T10:00:00+00:00", "eventType": "DL", "eventDescription": "Delivered"}]},
      {"scanEvents": [{"date": "2026-01-02T10:00:00+00:00", "eventType": "PU", "eventDescription": "Picked up"}]}
    ]}]}}"#;
    let t = parse(200, body.as_bytes())
        .unwrap()
        .remove("111111111111")
        .unwrap()
        .unwrap();
    assert_eq!(t.events.len(), 1);
    assert_eq!(t.events[0].code, "PU");
}

#[test]
fn request_wide_errors_are_typed() {
    let body = |code: &str| format!(r#"{{"errors": [{{"code": "{code}", "message": "m"}}]}}"#);
    assert_eq!(
        parse(401, body("NOT.AUTHORIZED.ERROR").as_bytes()).unwrap_err(),
        CarrierError::Auth
    );
    assert_eq!(
        parse(400, body("TRACKING.TRACKINGNUMBER.EMPTY").as_bytes()).unwrap_err(),
        CarrierError::InvalidNumber
    );
    assert!(
        parse(400, body("SYSTEM.UNEXPECTED.ERROR").as_bytes())
            .unwrap_err()
            .is_transient()
    );
    assert!(matches!(
        parse(502, b"<html>").unwrap_err(),
        CarrierError::Unavailable(_)
    ));
    assert!(matches!(
        parse(200, b"{]").unwrap_err(),
        CarrierError::Malformed(_)
    ));
}
