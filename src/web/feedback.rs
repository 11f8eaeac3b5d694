//! `GET,POST /f/{token}`: the one-tap feedback form — a 1–5 rating, optional "would you
//! recommend" and comment. No JavaScript; CSRF-protected (double-submit cookie); a honeypot
//! field; per-client and per-shipment limits; every refusal is a page that says why.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::AppState;
use super::csrf::Csrf;
use super::error::PageError;
use super::feedback_page::{page, thanks};
use super::pages;
use crate::domain::feedback::{Answer, Source};
use crate::domain::{Feedback, Links, Merchant, PublicToken};
use crate::i18n::Lang;
use crate::services::{Audience, Feedbacks, Refused, ServiceError};

pub(super) const CSRF: Csrf = Csrf {
    name: "shipmate_fb",
    path: "/f",
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    // A 2,000-character comment in CJK or emoji is ~18–24 KB once form-encoded.
    cfg.service(
        web::resource("/f/{token}")
            .app_data(web::FormConfig::default().limit(32 * 1024))
            .route(web::get().to(form))
            .route(web::post().to(submit)),
    )
    .route("/f/{token}/thanks", web::get().to(answered));
}

/// What the form and the thank-you page are made from.
pub(super) struct Context {
    pub(super) token: PublicToken,
    /// The order's item names, to rate one by one.
    pub(super) items: Vec<String>,
    pub(super) merchant: std::sync::Arc<Merchant>,
    pub(super) existing: Option<Feedback>,
    pub(super) lang: Lang,
    pub(super) config: std::sync::Arc<crate::config::Config>,
}

impl Context {
    pub(super) fn links(&self) -> Links<'_> {
        Links::relative(&self.token)
    }
}

async fn load(req: &HttpRequest, token: &str, app: &AppState) -> Result<Context, PageError> {
    let browser = pages::request_langs(req);
    let fallback = || Lang::negotiate(browser.iter().map(String::as_str));
    let token = PublicToken::parse(token).map_err(|_| PageError::not_found(&fallback()))?;
    let (shipment, merchant, existing) = app.feedbacks.show(&token).await.map_err(|e| match e {
        ServiceError::NotFound => PageError::not_found(&fallback()),
        other => PageError::internal(&fallback(), other),
    })?;
    let lang = Audience::new(&shipment, &merchant, &browser, "").lang;
    Ok(Context {
        token,
        items: shipment
            .order
            .items
            .iter()
            .map(|i| i.name.clone())
            .collect(),
        merchant,
        existing,
        lang,
        config: app.config.clone(),
    })
}

async fn form(
    req: HttpRequest,
    token: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let cx = load(&req, &token, &app).await?;
    let source = Source::parse(
        web::Query::<HashMap<String, String>>::from_query(req.query_string())
            .ok()
            .and_then(|q| q.get("s").cloned())
            .as_deref(),
    );
    if !Feedbacks::editable(cx.existing.as_ref(), Utc::now()) {
        return Ok(thanks(&cx, true, None, None));
    }
    Ok(page(StatusCode::OK, &cx, source, None, None))
}

/// The thank-you for an answer already given (where the QR code leads once answered).
async fn answered(
    req: HttpRequest,
    token: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let cx = load(&req, &token, &app).await?;
    let Some(answer) = cx.existing.clone() else {
        return Ok(HttpResponse::SeeOther()
            .insert_header(("Location", cx.links().feedback(None)))
            .finish());
    };
    let review_url = review_url(&app, &cx).await?;
    Ok(thanks(&cx, false, Some(&answer), review_url))
}

async fn submit(
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let cx = load(&req, &token, &app).await?;
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let source = Source::parse(form.get("s").map(String::as_str));
    let typed = Some((field("rating"), field("nps"), field("comment")));
    let csrf_ok = CSRF.check(&req, &app.config, field("csrf"));
    if !csrf_ok {
        return Ok(page(
            StatusCode::FORBIDDEN,
            &cx,
            source,
            Some("fb-error-expired"),
            typed,
        ));
    }
    if !app.allow_feedback(&req).await {
        return Ok(page(
            StatusCode::TOO_MANY_REQUESTS,
            &cx,
            source,
            Some("fb-rate-limited"),
            typed,
        ));
    }
    // A robot fills every field it sees; a person never sees this one.
    if !field("website").is_empty() {
        return Ok(thanks(&cx, false, None, None));
    }
    let keys: Vec<String> = (0..cx.items.len()).map(|i| format!("item_{i}")).collect();
    let answer = Answer {
        rating: field("rating"),
        nps: field("nps"),
        comment: field("comment"),
        items: cx
            .items
            .iter()
            .zip(&keys)
            .map(|(name, k)| (name.as_str(), field(k)))
            .collect(),
    };
    let outcome = app
        .feedbacks
        .submit(&cx.token, &answer, source, Utc::now())
        .await
        .map_err(|e| PageError::internal(&cx.lang, e))?;
    let review_url = review_url(&app, &cx).await?;
    Ok(match outcome {
        Ok(f) => thanks(&cx, false, Some(&f), review_url),
        Err(Refused::Closed) => thanks(&cx, true, None, None),
        Err(Refused::TooMany) => page(
            StatusCode::TOO_MANY_REQUESTS,
            &cx,
            source,
            Some("fb-rate-limited"),
            typed,
        ),
        Err(Refused::Invalid(f)) => {
            let id = match f.as_str() {
                "nps" => "fb-error-nps",
                "items" => "fb-error-rating",
                "comment" => "fb-error-comment",
                _ => "fb-error-rating",
            };
            page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &cx,
                source,
                Some(id),
                typed,
            )
        }
    })
}

/// Where the merchant invites happy customers to review the shop, if anywhere.
async fn review_url(app: &AppState, cx: &Context) -> Result<Option<String>, PageError> {
    let settings = app.notifications.settings(&cx.merchant.id).await;
    Ok(settings
        .map_err(|e| PageError::internal(&cx.lang, e))?
        .review_url)
}
