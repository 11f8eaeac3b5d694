//! Standard Webhooks signing (`notifier::channels::webhook::{sign, verify}`) on any secret,
//! id, timestamp and body: a signature verifies, also among others in the header; changing
//! the body, the timestamp, the id or the signature makes it fail.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use shipmate::notifier::channels::webhook::{sign, verify};

#[derive(Arbitrary, Debug)]
struct Input {
    secret: String,
    id: String,
    timestamp: i64,
    body: Vec<u8>,
    /// Which body byte to change.
    at: usize,
    other_timestamp: i64,
}

fuzz_target!(|i: Input| {
    let sig = sign(&i.secret, &i.id, i.timestamp, &i.body);
    assert!(sig.starts_with("v1,") && sig.len() == 47, "{sig:?}");
    assert!(verify(&i.secret, &i.id, i.timestamp, &i.body, &sig));
    let several = format!("v1,bm90IHRoaXMgb25l {sig} v2,x");
    assert!(verify(&i.secret, &i.id, i.timestamp, &i.body, &several));

    let mut body = i.body.clone();
    match body.len() {
        0 => body.push(0),
        n => body[i.at % n] ^= 1,
    }
    assert!(
        !verify(&i.secret, &i.id, i.timestamp, &body, &sig),
        "tampered body"
    );
    if i.other_timestamp != i.timestamp {
        assert!(
            !verify(&i.secret, &i.id, i.other_timestamp, &i.body, &sig),
            "timestamp"
        );
    }
    let other_id = format!("{}x", i.id);
    assert!(
        !verify(&i.secret, &other_id, i.timestamp, &i.body, &sig),
        "id"
    );
    assert!(!verify(
        &i.secret,
        &i.id,
        i.timestamp,
        &i.body,
        &sig[..sig.len() - 1]
    ));
    assert!(!verify(&i.secret, &i.id, i.timestamp, &i.body, ""));
});
