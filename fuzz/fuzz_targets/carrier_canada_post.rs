//! The canada_post adapter's parser (XML) on any answer, then the poller's steps. The
//! adapter reads the body as text with `String::from_utf8_lossy`, and so does this target.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::carriers;

fuzz_target!(|body: &[u8]| {
    let text = String::from_utf8_lossy(body);
    for status in shipmate_fuzz::statuses(body) {
        shipmate_fuzz::check(carriers::canada_post(status, &text));
    }
});
