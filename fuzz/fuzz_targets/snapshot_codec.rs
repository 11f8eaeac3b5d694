//! The snapshot codec (`store::codec`) on any bytes, stored plain or deflated: decoding
//! never panics, plain and deflated JSON decode alike, and whatever decodes encodes and
//! decodes back to the same shipment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::{decode_snapshot, encode_snapshot};

fuzz_target!(|data: &[u8]| {
    let plain = decode_snapshot(data).ok();
    let mut deflated = vec![0x01];
    deflated.extend(miniz_oxide::deflate::compress_to_vec(data, 1));
    let inflated = decode_snapshot(&deflated).ok();
    if data.first() == Some(&b'{') {
        assert_eq!(
            plain, inflated,
            "plain and deflated JSON decode differently"
        );
    }
    for s in [plain, inflated].into_iter().flatten() {
        // Too large to store is a refusal; anything encoded must decode to the same.
        if let Ok(stored) = encode_snapshot(&s) {
            let back = decode_snapshot(&stored).expect("an encoded snapshot decodes");
            assert_eq!(back, s);
        }
    }
});
