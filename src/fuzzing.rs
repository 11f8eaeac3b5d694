//! Entry points for `fuzz/` into code private to its module: the customer pages' form
//! decoders and Accept-Language reading (through actix's own extractors, as a request would
//! reach them), and the snapshot codec. Not an API; nothing in the service calls it.

use std::collections::HashMap;

use actix_web::http::header::{self, HeaderValue};
use actix_web::test::TestRequest;
use actix_web::{FromRequest, web};
use futures_util::FutureExt;
use serde::de::DeserializeOwned;

use crate::domain::Invalid;
use crate::domain::feedback::{self, Answer, ItemRating, Source};
use crate::i18n::Lang;

pub use crate::carriers::fuzzing as carriers;
pub use crate::store::codec::{decode as decode_snapshot, encode as encode_snapshot};

/// A urlencoded body decoded by `web::Form<T>`, as a handler receives it; `None` when the
/// extractor refuses it (too large, not decodable into `T`).
fn form<T: DeserializeOwned + 'static>(body: &[u8]) -> Option<T> {
    let (req, mut payload) = TestRequest::post()
        .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
        .set_payload(body.to_vec())
        .to_http_parts();
    // The payload is in memory, so the extractor is ready on its first poll.
    let extracted = web::Form::<T>::from_request(&req, &mut payload).now_or_never()?;
    extracted.ok().map(web::Form::into_inner)
}

/// (rating, nps, comment).
pub type Ratings = (u8, Option<u8>, Option<String>);

/// What `POST /f/{token}` reads from its form before saving.
#[derive(Debug)]
pub struct FeedbackForm {
    pub source: Source,
    /// The honeypot field was filled (a robot): nothing is saved.
    pub honeypot: bool,
    /// (rating, nps, comment) and the item ratings, or the field that is wrong.
    pub checked: Result<(Ratings, Vec<ItemRating>), Invalid>,
}

/// The feedback form as `web::feedback::submit` reads it, for an order with `items`: the same
/// field names, then the domain's checks.
pub fn feedback_form(body: &[u8], items: &[String]) -> Option<FeedbackForm> {
    let form: HashMap<String, String> = form(body)?;
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let keys: Vec<String> = (0..items.len()).map(|i| format!("item_{i}")).collect();
    let answer = Answer {
        rating: field("rating"),
        nps: field("nps"),
        comment: field("comment"),
        items: items
            .iter()
            .zip(&keys)
            .map(|(name, k)| (name.as_str(), field(k)))
            .collect(),
    };
    let checked = feedback::check(&answer).and_then(|v| Ok((v, feedback::check_items(&answer)?)));
    Some(FeedbackForm {
        source: Source::parse(form.get("s").map(String::as_str)),
        honeypot: !field("website").is_empty(),
        checked,
    })
}

/// The order-lookup form (`POST /track/{shop}`) as its handler receives it: (order, e-mail or
/// postcode, CSRF token).
pub fn lookup_form(body: &[u8]) -> Option<(String, String, String)> {
    let f: crate::web::lookup::LookupForm = form(body)?;
    Some((f.order, f.email, f.csrf))
}

/// A page's language for an `Accept-Language` value: the header's tags, most preferred
/// first, and the language negotiated from them. `None` when the bytes cannot be a header
/// value (the HTTP parser refuses those before any handler runs).
pub fn accept_language(value: &[u8]) -> Option<(Vec<String>, Lang)> {
    let value = HeaderValue::from_bytes(value).ok()?;
    let req = TestRequest::default()
        .insert_header((header::ACCEPT_LANGUAGE, value))
        .to_http_request();
    let tags = crate::web::pages::request_langs(&req);
    let lang = Lang::negotiate(tags.iter().map(String::as_str));
    Some((tags, lang))
}

/// An import file's rows, read in windows cut at `cut` (`services::imports`).
pub use crate::services::import_rows_for_fuzzing as import_rows;
/// The requests a Shopify fulfillment makes, each checked as `POST /shipments` checks one.
pub use crate::services::shopify_requests_for_fuzzing as shopify_fulfillment;
