//! `services::reencode_logo` on any file: never panics, stays within its limits, and what it
//! keeps is a PNG no larger than its box or an SVG that reads again the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::services::reencode_logo;

fuzz_target!(|data: &[u8]| {
    let Ok(logo) = reencode_logo(data) else {
        return;
    };
    match logo.content_type.as_str() {
        "image/png" => {
            let image = image::load_from_memory(&logo.bytes).expect("our PNG reads back");
            assert!(image.width() <= 600 && image.height() <= 200);
        }
        "image/svg+xml" => {
            let again = reencode_logo(&logo.bytes).expect("our SVG is accepted again");
            assert_eq!(again.bytes, logo.bytes, "writing it again changes nothing");
        }
        other => panic!("unexpected type {other}"),
    }
});
