//! What every customer page shares: rendering, language from the request, the plain
//! message page (not found, errors).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::i18n::Lang;

/// Brand colour of pages that belong to no merchant.
pub const DEFAULT_BRAND: &str = crate::domain::Brand::DEFAULT_COLOR;

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    body: String,
    link: Option<(String, String)>,
}

/// Renders a template into an HTML response.
pub fn render(status: StatusCode, page: &impl Template) -> HttpResponse {
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            HttpResponse::InternalServerError()
                .content_type("text/plain")
                .body("internal error")
        }
    }
}

pub fn message(
    status: StatusCode,
    lang: &Lang,
    heading: String,
    body: String,
    link: Option<(String, String)>,
) -> HttpResponse {
    let page = MessagePage {
        lang: lang.tag(),
        rtl: lang.is_rtl(),
        brand_color: DEFAULT_BRAND.into(),
        heading,
        body,
        link,
    };
    render(status, &page)
}

/// The browser's preferred language among those shipmate speaks.
pub fn request_lang(req: &HttpRequest) -> Lang {
    Lang::negotiate(request_langs(req).iter().map(String::as_str))
}

/// The browser's Accept-Language tags, most preferred first.
pub fn request_langs(req: &HttpRequest) -> Vec<String> {
    let header = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut tags: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            (!tag.is_empty() && tag != "*").then_some((q, tag))
        })
        .collect();
    tags.sort_by(|a, b| b.0.total_cmp(&a.0));
    tags.into_iter().map(|(_, t)| t.to_owned()).collect()
}
