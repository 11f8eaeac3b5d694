//! `web::multipart::parts` on any body: never panics, and every part it returns lies inside
//! the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::web::multipart::{boundary, parts};

fuzz_target!(|data: &[u8]| {
    // The first line is the Content-Type header, the rest the body.
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let (head, body) = data.split_at(split);
    let Ok(content_type) = std::str::from_utf8(head) else {
        return;
    };
    let Some(b) = boundary(content_type) else {
        return;
    };
    if let Ok(found) = parts(b, body) {
        assert!(found.len() <= 8);
        let range = body.as_ptr_range();
        for p in found {
            let inner = p.body.as_ptr_range();
            assert!(range.start <= inner.start && inner.end <= range.end);
        }
    }
});
