//! A Shopify webhook body (`services::intake::shopify`) on any bytes: read as a fulfillment
//! (or not), one request per tracking number, each checked as `POST /shipments` checks one;
//! never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::shopify_fulfillment;

fuzz_target!(|data: &[u8]| {
    let _ = shopify_fulfillment(data);
});
