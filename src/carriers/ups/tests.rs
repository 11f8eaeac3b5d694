//! Fixtures written from UPS's Track API OpenAPI document (field names and example values).

use super::*;
use crate::domain::{Party, Status, Substatus};

const IN_TRANSIT: &str = r#"{
  "trackResponse": {"shipment": [{"inquiryNumber": "1Z8V92A70367203024", "package": [{
    "trackingNumber": "1Z8V92A70367203024",
    "deliveryDate": [{"type": "SDD", "date": "20260212"}, {"type": "RDD", "date": "20260213"}],
    "deliveryTime": {"type": "EOD", "endTime": "200000"},
    "deliveryInformation": {"location": "Front Door", "receivedBy": "J SMITH"},
    "activity": [
      {"date": "20260210", "time": "071356", "gmtOffset": "-05:00",
       "location": {"address": {"city": "Wayne", "stateProvince": "NJ", "postalCode": "07470", "countryCode": "US", "addressLine1": "100 Main St"}},
       "status": {"type": "X", "code": "SR", "description": "Your package was released by the customs agency.", "statusCode": "003"}},
      {"date": "20260209", "time": "221500",
       "location": {"address": {"city": "Chicago", "stateProvince": "IL", "countryCode": "US"}},
       "status": {"type": "I", "code": "AR", "description": "Arrived at Facility"}},
      {"date": "20260208", "time": "0930",
       "location": {"address": {"countryCode": "US"}},
       "status": {"type": "M", "code": "MP", "description": "Shipper created a label"}}
    ]}]}]}
}"#;

#[test]
fn reads_events_offsets_locations_and_the_rescheduled_eta() {
    let t = parse(200, IN_TRANSIT.as_bytes()).unwrap();
    assert_eq!(t.events.len(), 3);
    let released = &t.events[0];
    assert_eq!(released.at.to_rfc3339(), "2026-02-10T07:13:56-05:00");
    assert_eq!(
        (released.status, released.substatus, released.party),
        (
            Status::InTransit,
            Some(Substatus::CustomsReleased),
            Some(Party::Customs)
        )
    );
    assert_eq!(released.code, "SR");
    assert_eq!(
        released.location.as_deref(),
        Some("Wayne, NJ, US"),
        "no street or postcode"
    );
    // No gmtOffset: the location's zone (Chicago in February is UTC−6).
    assert_eq!(t.events[1].at.to_rfc3339(), "2026-02-09T22:15:00-06:00");
    assert_eq!(t.events[2].status, Status::InfoReceived);
    // A country spanning several zones without a state: read as UTC.
    assert_eq!(t.events[2].at.to_rfc3339(), "2026-02-08T09:30:00+00:00");
    assert_eq!(t.eta.unwrap().to_rfc3339(), "2026-02-13T20:00:00-05:00");
    assert_eq!(t.signed_by.as_deref(), Some("J SMITH"));
}

#[test]
fn errors_are_typed() {
    let err = |code: &str, http: u16| {
        let body =
            format!(r#"{{"response": {{"errors": [{{"code": "{code}", "message": "m"}}]}}}}"#);
        parse(http, body.as_bytes()).unwrap_err()
    };
    assert_eq!(err("TV1002", 400), CarrierError::InvalidNumber);
    assert_eq!(err("250003", 401), CarrierError::Auth);
    assert_eq!(err("TW0001", 404), CarrierError::NotFound);
    assert!(err("9999", 400).is_transient());
    let warning = r#"{"trackResponse": {"shipment": [{"warnings": [{"code": "TW0001", "message": "Tracking Information Not Found"}]}]}}"#;
    assert_eq!(
        parse(200, warning.as_bytes()).unwrap_err(),
        CarrierError::NotFound
    );
    assert!(matches!(
        parse(200, b"{\"trackResponse\": [tru").unwrap_err(),
        CarrierError::Malformed(_)
    ));
    assert!(matches!(
        parse(503, b"<html>down</html>").unwrap_err(),
        CarrierError::Unavailable(_)
    ));
}
