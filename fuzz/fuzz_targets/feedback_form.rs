//! The feedback form (`POST /f/{token}`) as its handler reads it, on any body: never
//! panics; accepted values are in range; and the accepted values, submitted again, read
//! back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::feedback_form;

/// actix's default body limit for `web::Form` (the service sets no other).
const FORM_LIMIT: usize = 16_384;

fn items() -> Vec<String> {
    ["Caneca azul", "Chá verde", "Mug"]
        .map(String::from)
        .to_vec()
}

fuzz_target!(|body: &[u8]| {
    let items = items();
    let Some(form) = feedback_form(body, &items) else {
        return;
    };
    let Ok(((rating, nps, comment), rated)) = form.checked else {
        return;
    };
    assert!((1..=5).contains(&rating));
    assert!(nps.is_none_or(|n| n <= 10));
    if let Some(c) = &comment {
        assert!(
            !c.is_empty() && c.trim() == c && c.chars().count() <= 2000,
            "{c:?}"
        );
    }
    for r in &rated {
        assert!(
            (1..=5).contains(&r.rating) && items.contains(&r.name),
            "{r:?}"
        );
    }

    let mut fields = vec![
        ("rating".to_owned(), rating.to_string()),
        (
            "nps".to_owned(),
            nps.map(|n| n.to_string()).unwrap_or_default(),
        ),
        ("comment".to_owned(), comment.clone().unwrap_or_default()),
        ("s".to_owned(), form.source.as_str().to_owned()),
    ];
    for r in &rated {
        let i = items.iter().position(|name| *name == r.name).unwrap();
        fields.push((format!("item_{i}"), r.rating.to_string()));
    }
    let again = serde_urlencoded::to_string(&fields).unwrap();
    if again.len() > FORM_LIMIT {
        return;
    }
    let back = feedback_form(again.as_bytes(), &items).expect("our own encoding decodes");
    assert_eq!(back.source, form.source);
    assert_eq!(
        back.checked.ok(),
        Some(((rating, nps, comment), rated)),
        "{again:?}"
    );
});
