//! `GET,POST /f/{token}`: the one-tap feedback form — a 1–5 rating, optional "would you
//! recommend" and comment. No JavaScript; CSRF-protected (double-submit cookie); a honeypot
//! field; per-client and per-shipment limits; every refusal is a page that says why.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::AppState;
use super::csrf::Csrf;
use super::error::PageError;
use super::pages;
use crate::domain::feedback::{Answer, Source};
use crate::domain::{Feedback, Merchant, PublicToken};
use crate::i18n::Lang;
use crate::services::{Feedbacks, Refused, ServiceError};

const CSRF: Csrf = Csrf {
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

/// One item to rate: its index, name, and the five choices (value, chosen).
type ItemRow = (usize, String, Vec<(u8, bool)>);

#[derive(Template)]
#[template(path = "feedback.html")]
struct FeedbackPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    error: Option<String>,
    action: String,
    csrf: String,
    source: &'static str,
    website_label: String,
    rating_label: String,
    ratings: Vec<(u8, String, bool)>,
    nps_label: String,
    nps_low: String,
    nps_high: String,
    nps: Vec<(u8, bool)>,
    items_label: String,
    items: Vec<ItemRow>,
    comment_label: String,
    comment: String,
    submit: String,
    track_url: String,
    track_label: String,
}

struct Context {
    token: String,
    /// The order's item names, to rate one by one.
    items: Vec<String>,
    merchant: std::sync::Arc<Merchant>,
    existing: Option<Feedback>,
    lang: Lang,
    config: std::sync::Arc<crate::config::Config>,
}

async fn load(req: &HttpRequest, token: &str, app: &AppState) -> Result<Context, PageError> {
    let browser = pages::request_langs(req);
    let fallback = Lang::negotiate(browser.iter().map(String::as_str));
    let parsed = PublicToken::parse(token).map_err(|_| PageError::not_found(&fallback))?;
    let (shipment, merchant, existing) =
        app.feedbacks.show(&parsed).await.map_err(|e| match e {
            ServiceError::NotFound => PageError::not_found(&fallback),
            other => PageError::internal(&fallback, other),
        })?;
    let customer = shipment
        .customer
        .as_ref()
        .and_then(|c| c.locale.as_ref().map(|l| l.as_str()));
    let lang = Lang::negotiate(
        customer
            .into_iter()
            .chain(browser.iter().map(String::as_str))
            .chain([merchant.locale.as_str()]),
    );
    Ok(Context {
        token: token.to_owned(),
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

fn brand(m: &Merchant) -> String {
    m.brand.legible_color()
}

/// The form (prefilled with an earlier answer), with a fresh CSRF cookie.
fn page(
    status: StatusCode,
    cx: &Context,
    source: Source,
    error: Option<&str>,
    typed: Option<(&str, &str, &str)>,
) -> HttpResponse {
    let l = &cx.lang;
    let m = || vec![("merchant", cx.merchant.name.clone())];
    let (rating, nps, comment) = match (typed, &cx.existing) {
        (Some((r, n, c)), _) => (r.parse().ok(), n.parse().ok(), c.to_owned()),
        (None, Some(f)) => (Some(f.rating), f.nps, f.comment.clone().unwrap_or_default()),
        (None, None) => (None, None, String::new()),
    };
    let csrf = Csrf::fresh();
    let view = FeedbackPage {
        lang: l.tag(),
        rtl: l.is_rtl(),
        brand_color: brand(&cx.merchant),
        heading: l.t_args("fb-title", &m()),
        error: error.map(|id| l.t(id)),
        action: format!("/f/{}", cx.token),
        csrf: csrf.clone(),
        source: source.as_str(),
        website_label: l.t("fb-website"),
        rating_label: l.t("fb-rating"),
        ratings: (1..=5)
            .rev()
            .map(|r| (r, l.t(&format!("fb-rating-{r}")), rating == Some(r)))
            .collect(),
        nps_label: l.t_args("fb-nps", &m()),
        nps_low: l.t("fb-nps-low"),
        nps_high: l.t("fb-nps-high"),
        nps: (0..=10).map(|n| (n, nps == Some(n))).collect(),
        items_label: l.t("fb-items"),
        items: cx
            .items
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let given = cx
                    .existing
                    .as_ref()
                    .and_then(|f| f.items.iter().find(|r| &r.name == name))
                    .map(|r| r.rating);
                (
                    i,
                    name.clone(),
                    (1..=5).map(|r| (r, given == Some(r))).collect(),
                )
            })
            .collect(),
        comment_label: l.t("fb-comment"),
        comment,
        submit: l.t("fb-submit"),
        track_url: format!("/t/{}", cx.token),
        track_label: l.t("fb-track"),
    };
    let mut resp = pages::render(status, &view);
    CSRF.set(&mut resp, &cx.config, csrf);
    resp
}

/// Thanks; a happy customer is invited to review the shop, an unhappy one to reach it.
fn thanks(
    cx: &Context,
    closed: bool,
    answer: Option<&Feedback>,
    review_url: Option<String>,
) -> HttpResponse {
    let l = &cx.lang;
    let m = || vec![("merchant", cx.merchant.name.clone())];
    let mut body = if closed {
        l.t("fb-closed")
    } else {
        l.t_args("fb-thanks", &m())
    };
    let brand = &cx.merchant.brand;
    let support = brand
        .support_url
        .as_ref()
        .map(ToString::to_string)
        .or_else(|| brand.support_email.as_ref().map(|e| format!("mailto:{e}")));
    let mut link = (format!("/t/{}", cx.token), l.t("fb-track"));
    match answer {
        Some(f) if f.rating >= 4 && review_url.is_some() => {
            body = format!("{body} {}", l.t("fb-promoter"));
            link = (review_url.unwrap_or_default(), l.t("fb-review"));
        }
        Some(f) if f.detractor && support.is_some() => {
            body = format!("{body} {}", l.t_args("fb-detractor", &m()));
            link = (support.unwrap_or_default(), l.t_args("fb-contact", &m()));
        }
        _ => {}
    }
    pages::message(StatusCode::OK, l, l.t("fb-thanks-title"), body, Some(link))
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
            .insert_header(("Location", format!("/f/{}", cx.token)))
            .finish());
    };
    let review_url = app
        .notifications
        .settings(&cx.merchant.id)
        .await
        .map_err(|e| PageError::internal(&cx.lang, e))?
        .review_url;
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
    let parsed = PublicToken::parse(&token).map_err(|_| PageError::not_found(&cx.lang))?;
    let outcome = app
        .feedbacks
        .submit(&parsed, &answer, source, Utc::now())
        .await
        .map_err(|e| PageError::internal(&cx.lang, e))?;
    let review_url = app
        .notifications
        .settings(&cx.merchant.id)
        .await
        .map_err(|e| PageError::internal(&cx.lang, e))?
        .review_url;
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
