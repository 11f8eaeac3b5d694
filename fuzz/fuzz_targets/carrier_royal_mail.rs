//! The royal_mail adapter's parser on any answer (status and body), then the poller's steps.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::carriers;

fuzz_target!(|body: &[u8]| {
    for status in shipmate_fuzz::statuses(body) {
        shipmate_fuzz::check(carriers::royal_mail(status, body));
    }
});
