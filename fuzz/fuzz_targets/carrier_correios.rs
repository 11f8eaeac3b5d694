//! The correios adapter's parser (several numbers per answer) on any answer, then the
//! poller's steps for each number's result.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::carriers;

fuzz_target!(|body: &[u8]| {
    for status in shipmate_fuzz::statuses(body) {
        match carriers::correios(status, body) {
            Ok(by_number) => by_number
                .into_iter()
                .for_each(|(_, result)| shipmate_fuzz::check(result)),
            Err(e) => shipmate_fuzz::check(Err(e)),
        }
    }
});
