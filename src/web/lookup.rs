//! `GET,POST /track`: find an order by order number + e-mail (or postcode) and go to its
//! tracking page. A wrong pair and a missing order get the same answer; rate-limited per
//! client; CSRF-protected with a double-submit cookie.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use base64::Engine;
use serde::Deserialize;

use super::AppState;
use super::error::PageError;
use super::pages::{self, DEFAULT_BRAND};
use crate::i18n::Lang;

const CSRF_COOKIE: &str = "shipmate_csrf";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/track", web::get().to(form))
        .route("/track", web::post().to(submit));
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
    csrf: String,
    order: String,
    order_label: String,
    email_label: String,
    submit: String,
}

fn page(status: StatusCode, l: &Lang, error: Option<&str>, order: &str) -> HttpResponse {
    let csrf =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::entropy::bytes::<16>());
    let view = LookupPage {
        lang: l.tag(),
        rtl: l.is_rtl(),
        brand_color: DEFAULT_BRAND.into(),
        heading: l.t("lookup-title"),
        intro: l.t("lookup-intro"),
        error: error.map(|id| l.t(id)),
        csrf: csrf.clone(),
        order: order.to_owned(),
        order_label: l.t("lookup-order"),
        email_label: l.t("lookup-email"),
        submit: l.t("lookup-submit"),
    };
    let mut resp = pages::render(status, &view);
    let cookie = Cookie::build(CSRF_COOKIE, csrf)
        .path("/track")
        .http_only(true)
        .same_site(SameSite::Strict)
        .finish();
    let _ = resp.add_cookie(&cookie);
    resp
}

async fn form(req: HttpRequest) -> HttpResponse {
    page(StatusCode::OK, &pages::request_lang(&req), None, "")
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
    form: web::Form<LookupForm>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let l = pages::request_lang(&req);
    let cookie_ok = req
        .cookie(CSRF_COOKIE)
        .is_some_and(|c| !form.csrf.is_empty() && c.value() == form.csrf);
    if !cookie_ok {
        return Ok(page(
            StatusCode::FORBIDDEN,
            &l,
            Some("error-body"),
            &form.order,
        ));
    }
    if !app.allow_lookup(&req) {
        return Ok(page(
            StatusCode::TOO_MANY_REQUESTS,
            &l,
            Some("lookup-rate-limited"),
            &form.order,
        ));
    }
    let (order, secret) = (form.order.trim(), form.email.trim());
    if order.is_empty() || secret.is_empty() || order.len() > 64 || secret.len() > 254 {
        return Ok(page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &l,
            Some("lookup-missing"),
            order,
        ));
    }
    let found = app
        .shipments
        .find_by_order(order, secret)
        .await
        .map_err(|e| PageError::internal(&l, e))?;
    Ok(match found {
        Some(token) => HttpResponse::SeeOther()
            .insert_header(("Location", format!("/t/{}", token.as_str())))
            .finish(),
        None => page(StatusCode::NOT_FOUND, &l, Some("lookup-not-found"), order),
    })
}
