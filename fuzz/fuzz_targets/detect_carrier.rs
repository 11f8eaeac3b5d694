//! Carrier detection (`carriers::detect`) on any tracking number: never panics (nor runs
//! away in a pattern), one candidate per carrier, best first, and a format without a check
//! digit never counts as failing one.
#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use shipmate::carriers::detect::{detect, is_known_carrier};
use shipmate::domain::TrackingNumber;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let _ = is_known_carrier(raw);
    let Ok(n) = TrackingNumber::parse(raw) else {
        return;
    };
    let found = detect(&n);
    let mut carriers = HashSet::new();
    let mut last = (false, false);
    for c in &found {
        assert!(!c.carrier.is_empty() && !c.format.is_empty(), "{c:?}");
        assert!(
            carriers.insert(c.carrier.clone()),
            "two candidates for {}",
            c.carrier
        );
        assert!(c.has_checksum || c.checksum_valid, "{c:?}");
        let rank = (!c.checksum_valid, !c.has_checksum);
        assert!(rank >= last, "not best first: {found:?}");
        last = rank;
    }
});
