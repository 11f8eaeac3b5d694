//! Accept-Language reading and negotiation (`web::pages::request_langs`, `i18n::Lang`) on
//! any header value: never panics; the page's language is one shipmate speaks, and asking
//! for it by its tag gives it again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::accept_language;
use shipmate::i18n::Lang;

fuzz_target!(|value: &[u8]| {
    let Some((tags, lang)) = accept_language(value) else {
        return;
    };
    assert!(tags.iter().all(|t| !t.is_empty() && t != "*"), "{tags:?}");
    let tag = lang.tag();
    assert!(Lang::supported().contains(&tag), "{tag:?}");
    assert_eq!(Lang::negotiate([tag.as_str()]).tag(), tag);
    let _ = (lang.is_rtl(), lang.t("lookup-title"));
});
