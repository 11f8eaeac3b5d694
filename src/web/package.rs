//! `GET /p/{token}`: where the QR code on the packaging leads. Each scan is recorded (the
//! first is the "package opened" moment); before delivery it opens the tracking page, once
//! delivered the feedback form, and after the customer answered a thank-you (with the
//! merchant's review link for the happy, its support contact for the unhappy).

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::AppState;
use super::error::PageError;
use super::pages;
use crate::domain::feedback::Source;
use crate::domain::{Links, PublicToken, Status};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/p/{token}", web::get().to(land));
}

async fn land(
    req: HttpRequest,
    token: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let lang = pages::request_lang(&req);
    let parsed = PublicToken::parse(&token).map_err(|_| PageError::not_found(&lang))?;
    let (shipment, _, answered) = app.feedbacks.show(&parsed).await.map_err(|e| match e {
        crate::services::ServiceError::NotFound => PageError::not_found(&lang),
        other => PageError::internal(&lang, other),
    })?;
    app.feedbacks
        .scanned(&shipment.id, Utc::now())
        .await
        .map_err(|e| PageError::internal(&lang, e))?;
    let links = Links::relative(&parsed);
    let to = match (shipment.status, answered) {
        (Status::Delivered, None) => links.feedback(Some(Source::Qr)),
        (_, Some(_)) => links.feedback_thanks(),
        _ => links.track(),
    };
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", to))
        .insert_header(("Cache-Control", "no-store"))
        .finish())
}
