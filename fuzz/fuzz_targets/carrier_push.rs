//! What UPS Track Alert and DHL push on any body: read (or refused), then the poller's
//! steps on each tracking; never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::carriers;

fuzz_target!(|body: &[u8]| {
    shipmate_fuzz::check(carriers::ups_alert(body).map(|(_, t)| t));
    if let Ok(shipments) = carriers::dhl_push(body) {
        for (_, t) in shipments {
            shipmate_fuzz::check(Ok(t));
        }
    }
});
