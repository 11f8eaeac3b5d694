//! What the carrier targets share: a carrier's answer, whatever its bytes, goes through the
//! adapter's parser and then the poller's steps (apply, expiry, silence, next poll, domain
//! events) without a panic, applying the same answer twice changes nothing, and the snapshot
//! written afterwards reads back equal.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use shipmate::carriers::{CarrierError, Tracking};
use shipmate::domain::{DomainEvent, Shipment, status_of};
use shipmate::fuzzing::{decode_snapshot, encode_snapshot};

/// Statuses a body is also read with, besides 200 (picked by the body's length, so the
/// fuzzer reaches each of them).
const STATUSES: [u16; 9] = [201, 204, 400, 401, 403, 404, 410, 500, 503];

/// The statuses to read `body` with.
pub fn statuses(body: &[u8]) -> [u16; 2] {
    [200, STATUSES[body.len() % STATUSES.len()]]
}

static SHIPMENT: LazyLock<Shipment> = LazyLock::new(|| {
    let json =
        br#"{"id":"shp_fuzz","m":"mer_fuzz","tk":"tok_fuzz","c":"ups","n":"1Z999AA10123456784",
        "o":{"n":"1001","p":"2026-11-25"},"d":{"ci":"Lisboa","co":"PT","tz":"Europe/Lisbon"},
        "s":"pending","ca":"2026-11-01T00:00:00Z"}"#;
    decode_snapshot(json).expect("the sample snapshot is valid")
});

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap()
}

/// Every outcome of a parse: errors must be usable (kind, transience, message) too.
pub fn check(result: Result<Tracking, CarrierError>) {
    match result {
        Ok(t) => poll(t),
        Err(e) => {
            let _ = (e.kind(), e.is_transient(), e.retry_after(), e.to_string());
        }
    }
}

/// What `poller` does with a carrier's answer (`settle`), then the snapshot round trip.
fn poll(t: Tracking) {
    let now = now();
    let mut s = SHIPMENT.clone();
    s.updated_at = Some(now);
    if t.signed_by.is_some() {
        s.signed_by = t.signed_by.clone();
    }
    let applied = s.apply(t.events.clone(), t.eta);
    assert_eq!((s.status, s.substatus), status_of(&s.events));
    let _ = DomainEvent::from_applied(&s, &applied, now);

    let again = s.apply(t.events, t.eta);
    assert!(
        again.is_empty(),
        "the same answer applied twice changed the shipment: {again:?}"
    );

    let expired = s.expire_if_idle(now, Duration::days(30));
    let _ = DomainEvent::from_applied(&s, &expired, now);
    let _ = s.flag_silence(now, Some(Duration::days(3)), Duration::days(7));
    let _ = s.next_poll(now, Duration::hours(1), Duration::days(30));
    let _ = s.is_late();

    // Refusing a snapshot too large to read back is allowed; writing an unreadable one is not.
    let Ok(stored) = encode_snapshot(&s) else {
        return;
    };
    let back = decode_snapshot(&stored).expect("a snapshot shipmate wrote must read back");
    assert_eq!(back, s, "the snapshot changed through encode/decode");
}
