//! `GET,POST /track/{shop}`: find an order of one shop by order number + e-mail (or
//! postcode) and go to its tracking page. The shop is the slug the merchant chose
//! (`/track/acme-coffee`) or its id (the tracking pages' footer link uses whichever it
//! has), so a guess never searches every shop's orders. A wrong
//! pair and a missing order get the same answer; rate-limited per client and per order
//! number; CSRF-protected with a double-submit cookie. `GET /track` alone says where to
//! find the shop's lookup.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::AppState;
use super::csrf::Csrf;
use super::error::PageError;
use super::pages::{self, DEFAULT_BRAND};
use crate::config::Config;
use crate::domain::{Links, LookupSlug, Merchant, MerchantId};
use crate::i18n::Lang;
use crate::store::Quota;

const CSRF: Csrf = Csrf {
    name: "shipmate_csrf",
    path: "/track",
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/track", web::get().to(pick_shop))
        .route("/track/{shop}", web::get().to(form))
        .route("/track/{shop}", web::post().to(submit));
}

#[derive(Template)]
#[template(path = "lookup.html")]
struct LookupPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    intro: String,
    error: Option<String>,
    action: String,
    csrf: String,
    order: String,
    order_label: String,
    email_label: String,
    submit: String,
}

/// The lookup form of one shop, with a fresh CSRF cookie.
fn page(
    status: StatusCode,
    (config, shop, l): (&Config, &Merchant, &Lang),
    error: Option<&str>,
    order: &str,
) -> HttpResponse {
    let csrf = Csrf::fresh();
    let view = LookupPage {
        lang: l.tag(),
        rtl: l.is_rtl(),
        brand_color: DEFAULT_BRAND.into(),
        heading: l.t("lookup-title"),
        intro: l.t("lookup-intro"),
        error: error.map(|id| l.t(id)),
        action: shop.lookup_path(),
        csrf: csrf.clone(),
        order: order.to_owned(),
        order_label: l.t("lookup-order"),
        email_label: l.t("lookup-email"),
        submit: l.t("lookup-submit"),
    };
    let mut resp = pages::render(status, &view);
    CSRF.set(&mut resp, config, csrf);
    resp
}

async fn pick_shop(req: HttpRequest) -> HttpResponse {
    let l = pages::request_lang(&req);
    pages::message(
        StatusCode::OK,
        &l,
        l.t("lookup-title"),
        l.t("lookup-from-shop"),
        None,
    )
}

/// The shop in the path (its id or its slug), if it is one.
async fn shop(app: &AppState, raw: &str, l: &Lang) -> Result<Arc<Merchant>, PageError> {
    let found = if let Ok(id) = MerchantId::parse(raw) {
        app.store
            .merchant(&id)
            .await
            .map_err(|e| PageError::internal(l, e))?
    } else if let Ok(slug) = LookupSlug::parse(raw) {
        let found = app.merchants.by_lookup_slug(&slug).await;
        found.map_err(|e| PageError::internal(l, e))?
    } else {
        None
    };
    found.ok_or_else(|| PageError::not_found(l))
}

async fn form(
    req: HttpRequest,
    raw: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let l = pages::request_lang(&req);
    let shop = shop(&app, &raw, &l).await?;
    Ok(page(StatusCode::OK, (&app.config, &shop, &l), None, ""))
}

#[derive(Deserialize)]
pub(crate) struct LookupForm {
    #[serde(default)]
    pub(crate) order: String,
    #[serde(default)]
    pub(crate) email: String,
    #[serde(default)]
    pub(crate) csrf: String,
}

async fn submit(
    req: HttpRequest,
    raw: web::Path<String>,
    form: web::Form<LookupForm>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let l = pages::request_lang(&req);
    let shop = shop(&app, &raw, &l).await?;
    let cx = (app.config.as_ref(), shop.as_ref(), &l);
    if !CSRF.check(&req, &app.config, &form.csrf) {
        return Ok(page(
            StatusCode::FORBIDDEN,
            cx,
            Some("error-body"),
            &form.order,
        ));
    }
    if !app.allow_lookup(&req).await {
        let limited = Some("lookup-rate-limited");
        return Ok(page(
            StatusCode::TOO_MANY_REQUESTS,
            cx,
            limited,
            &form.order,
        ));
    }
    let (order, secret) = (form.order.trim(), form.email.trim());
    if order.is_empty() || secret.is_empty() || order.len() > 64 || secret.len() > 254 {
        return Ok(page(
            StatusCode::UNPROCESSABLE_ENTITY,
            cx,
            Some("lookup-missing"),
            order,
        ));
    }
    // One order's postcode is few guesses away: each order number has its own budget.
    let per_order = Quota {
        burst: app.config.limits.lookups_per_order_per_hour.max(1),
        per: std::time::Duration::from_secs(3600),
    };
    let bucket = format!(
        "lo:{}",
        crate::domain::lookup_digest(&shop.id, order, "order")
    );
    if super::limits::take(&app.store, &bucket, per_order)
        .await
        .is_some_and(|v| !v.allowed)
    {
        let limited = Some("lookup-rate-limited");
        return Ok(page(StatusCode::TOO_MANY_REQUESTS, cx, limited, order));
    }
    let found = app
        .shipments
        .find_by_order(&shop.id, order, secret)
        .await
        .map_err(|e| PageError::internal(&l, e))?;
    Ok(match found {
        Some(token) => HttpResponse::SeeOther()
            .insert_header(("Location", Links::relative(&token).track()))
            .finish(),
        None => page(StatusCode::NOT_FOUND, cx, Some("lookup-not-found"), order),
    })
}
