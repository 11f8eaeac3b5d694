//! `GET /assets/logo/{merchant}`: merchant logos, served by shipmate so customer pages
//! never load a third-party image.

use actix_web::{HttpResponse, web};

use super::AppState;
use crate::domain::MerchantId;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/assets/logo/{merchant}", web::get().to(logo));
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
