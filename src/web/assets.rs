//! `GET /assets/logo/{merchant}`: merchant logos, served by shipmate so customer pages
//! never load a third-party image. `GET /favicon.ico`: a default icon (a parcel), so a
//! browser's automatic request is never a 404; tracking pages point at the shop's logo.
//! `GET /assets/page.css`, `/assets/console.css` and `/assets/brand/{rrggbb}.css`: the
//! pages' styles, kept by browsers (a page carries no inline style, so the CSP allows only
//! the server's own); `/assets/console.js`: the console's live previews.

use std::sync::LazyLock;

use actix_web::{HttpRequest, HttpResponse, web};

use super::AppState;
use crate::domain::MerchantId;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/assets/logo/{merchant}", web::get().to(logo))
        .route("/assets/page.css", web::get().to(sheet))
        .route("/assets/console.css", web::get().to(sheet))
        .route("/assets/console.js", web::get().to(sheet))
        .route("/assets/brand/{color}", web::get().to(brand_css))
        .route("/favicon.ico", web::get().to(favicon));
}

/// The stylesheets (the customer pages' and the console's, which adds to the first) and the
/// console's one script (live previews; every page works without it).
const SHEETS: [(&str, &str); 3] = [
    (
        "/assets/page.css",
        include_str!("../../templates/css/page.css"),
    ),
    (
        "/assets/console.css",
        include_str!("../../templates/css/console.css"),
    ),
    (
        "/assets/console.js",
        include_str!("../../templates/js/console.js"),
    ),
];

/// A year: the URL changes whenever the content does.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Each sheet's URL with `?v=` a hash of its content.
static URLS: LazyLock<Vec<String>> = LazyLock::new(|| {
    SHEETS
        .iter()
        .map(|(path, body)| format!("{path}?v={}", version(body)))
        .collect()
});

pub fn page_css() -> &'static str {
    &URLS[0]
}

pub fn console_css() -> &'static str {
    &URLS[1]
}

pub fn console_js() -> &'static str {
    &URLS[2]
}

/// FNV-1a of a stylesheet, in hex: enough to tell versions apart.
fn version(body: &str) -> String {
    let hash = body.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:x}", hash & 0xffff_ffff)
}

async fn sheet(req: HttpRequest) -> HttpResponse {
    let Some(i) = SHEETS.iter().position(|(path, _)| *path == req.path()) else {
        return HttpResponse::NotFound().finish();
    };
    // An old version asked for gets today's, briefly cached.
    let current = URLS[i].split_once('?').map(|(_, q)| q) == Some(req.query_string());
    let (path, body) = SHEETS[i];
    let content_type = match path.ends_with(".js") {
        true => "text/javascript; charset=utf-8",
        false => "text/css; charset=utf-8",
    };
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "Cache-Control",
            if current {
                IMMUTABLE
            } else {
                "public, max-age=300"
            },
        ))
        .body(body)
}

/// `:root{--brand:#rrggbb}` for `{rrggbb}.css` (six lower-case hex digits), else 404.
async fn brand_css(color: web::Path<String>) -> HttpResponse {
    let hex = color.strip_suffix(".css").unwrap_or("");
    let valid = hex.len() == 6 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !valid {
        return HttpResponse::NotFound().finish();
    }
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", IMMUTABLE))
        .body(format!(":root{{--brand:#{hex}}}"))
}

/// A parcel in the default brand colour.
const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="3" y="7" width="26" height="20" rx="3" fill="#2b5f8a"/><path d="M3 13h26M16 7v20" stroke="#fff" stroke-width="2"/></svg>"##;

async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(FAVICON)
}

async fn logo(merchant: web::Path<String>, app: web::Data<AppState>) -> HttpResponse {
    let Ok(id) = MerchantId::parse(&merchant) else {
        return HttpResponse::NotFound().finish();
    };
    match app.store.logo(&id).await {
        Ok(Some(logo)) => HttpResponse::Ok()
            .content_type(logo.content_type)
            .insert_header(("Cache-Control", "public, max-age=3600"))
            // An SVG opened directly must not run script.
            .insert_header((
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ))
            .body(logo.bytes),
        Ok(None) => HttpResponse::NotFound().finish(),
        Err(e) => {
            tracing::warn!(error = %e, "logo unavailable");
            HttpResponse::ServiceUnavailable().finish()
        }
    }
}
