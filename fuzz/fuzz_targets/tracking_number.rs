//! `domain::TrackingNumber::parse` on any text: never panics; what it accepts is 4 to 40
//! upper-case ASCII letters and digits, and reads back as itself, also when typed in lower
//! case with spaces and dashes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::domain::TrackingNumber;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(n) = TrackingNumber::parse(raw) else {
        return;
    };
    let s = n.as_str();
    assert!((4..=40).contains(&s.len()), "{s:?}");
    assert!(
        s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
        "{s:?}"
    );
    assert_eq!(TrackingNumber::parse(s).as_ref(), Ok(&n));
    let typed: String = s
        .chars()
        .enumerate()
        .flat_map(|(i, c)| {
            let sep = [' ', '-', '\t'][i % 3];
            [c.to_ascii_lowercase(), sep]
        })
        .collect();
    assert_eq!(TrackingNumber::parse(&typed).as_ref(), Ok(&n), "{typed:?}");
});
