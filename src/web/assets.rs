//! `GET /assets/logo/{merchant}`: merchant logos, served by shipmate so customer pages
//! never load a third-party image. `GET /favicon.ico`: a default icon (a parcel), so a
//! browser's automatic request is never a 404; tracking pages point at the shop's logo.

use actix_web::{HttpResponse, web};

use super::AppState;
use crate::domain::MerchantId;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/assets/logo/{merchant}", web::get().to(logo))
        .route("/favicon.ico", web::get().to(favicon));
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
