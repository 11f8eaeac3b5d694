//! The order-lookup form (`POST /track/{shop}`) as its handler receives it, on any body: never
//! panics; the decoded fields, encoded again, decode the same; the lookup digest is 32 hex
//! digits; and an e-mail typed exactly as registered finds the order (the digest of what
//! the customer types equals the one registration stored, from the canonical address).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::domain::{EmailAddress, MerchantId, lookup_digest};
use shipmate::fuzzing::lookup_form;

fuzz_target!(|body: &[u8]| {
    let Some((order, email, csrf)) = lookup_form(body) else {
        return;
    };
    let again =
        serde_urlencoded::to_string([("order", &order), ("email", &email), ("csrf", &csrf)])
            .unwrap();
    if again.len() <= 16_384 {
        let back = lookup_form(again.as_bytes()).expect("our own encoding decodes");
        assert_eq!(back, (order.clone(), email.clone(), csrf), "{again:?}");
    }

    let shop = MerchantId::from_random([2; 8]);
    let (order, typed) = (order.trim(), email.trim());
    let digest = lookup_digest(&shop, order, typed);
    assert!(
        digest.len() == 32
            && digest
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{digest:?}"
    );
    if let Ok(registered) = EmailAddress::parse(typed) {
        assert_eq!(
            lookup_digest(&shop, order, &registered.canonical()),
            digest,
            "typed {typed:?}, registered as {:?}",
            registered.canonical()
        );
    }
});
