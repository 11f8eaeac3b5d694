//! `outbound::parse_retry_after` on any header value: never panics, and a plain number of
//! seconds up to a day is read as exactly that.
#![no_main]

use std::time::Duration;

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use shipmate::outbound::parse_retry_after;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    let wait = parse_retry_after(value, now);
    let digits = value.trim();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(secs) = digits.parse::<u64>().ok().filter(|s| *s <= 86_400) {
            assert_eq!(wait, Some(Duration::from_secs(secs)), "{value:?}");
        }
    }
});
