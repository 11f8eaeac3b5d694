use super::formats::FORMATS;
use super::*;

/// The vendored data's own test numbers: every valid one is read by its format with a right
/// check digit (and its carrier is among the detected candidates); every invalid one is not.
#[test]
fn every_vendored_test_number_is_detected_or_refused() {
    let (mut valid, mut valid_ok, mut invalid, mut invalid_ok, mut top) = (0, 0, 0, 0, 0);
    let mut failures = vec![];
    for f in FORMATS.iter() {
        for raw in &f.valid {
            valid += 1;
            let n = TrackingNumber::parse(raw).expect("vendored numbers normalise");
            let own = read(f, n.as_str());
            let detected = detect(&n);
            let as_carrier = detected
                .iter()
                .any(|c| c.checksum_valid && c.format == f.id)
                || detected.iter().any(|c| {
                    c.checksum_valid && own.as_ref().is_some_and(|o| o.carrier == c.carrier)
                });
            if own.is_some_and(|c| c.checksum_valid) && as_carrier {
                valid_ok += 1;
                top += usize::from(detected.first().is_some_and(|c| c.format == f.id));
            } else {
                failures.push(format!("valid {} {raw}: {detected:?}", f.id));
            }
        }
        for raw in &f.invalid {
            invalid += 1;
            let refused = match TrackingNumber::parse(raw) {
                Err(_) => true,
                Ok(n) => !read(f, n.as_str()).is_some_and(|c| c.checksum_valid),
            };
            if refused {
                invalid_ok += 1;
            } else {
                failures.push(format!("invalid {} {raw} accepted", f.id));
            }
        }
    }
    println!(
        "tracking_number_data: {} formats; {valid_ok}/{valid} valid numbers detected ({top} ranked first), {invalid_ok}/{invalid} invalid refused",
        FORMATS.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        FORMATS.len() >= 37,
        "every vendored format compiles ({})",
        FORMATS.len()
    );
}

#[test]
fn s10_numbers_resolve_to_the_issuing_postal_operator() {
    let n = TrackingNumber::parse("RB123456785GB").unwrap();
    let best = &detect(&n)[0];
    assert_eq!(
        (best.carrier.as_str(), best.checksum_valid),
        ("royal_mail", true)
    );
    assert!(best.service.contains("Royal Mail"), "{}", best.service);
    let br = TrackingNumber::parse("RB123456785BR").unwrap();
    assert_eq!(detect(&br)[0].carrier, "correios");
}

#[test]
fn ups_numbers_name_their_service() {
    let n = TrackingNumber::parse("1Z5R89390357567127").unwrap();
    let best = &detect(&n)[0];
    assert_eq!(best.carrier, "ups");
    assert!(best.checksum_valid);
    assert!(
        best.tracking_url
            .as_deref()
            .unwrap_or("")
            .contains("1Z5R89390357567127")
    );
}
