//! "Forgot your password?": an e-mail address in, a one-time link out by e-mail (the
//! invitation page chooses the new password). The same answer whether the account exists.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::auth::CSRF;
use super::unavailable;
use crate::i18n::Lang;
use crate::services::Reset;
use crate::web::AppState;
use crate::web::csrf::Csrf;
use crate::web::{limits, pages};

#[derive(Template)]
#[template(path = "console/reset.html")]
struct ResetPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    intro: String,
    /// What came of a request: (text, is an error).
    outcome: Option<(String, bool)>,
    csrf: String,
    email_label: String,
    submit: String,
    back: String,
}

fn page(
    app: &AppState,
    l: &Lang,
    status: StatusCode,
    outcome: Option<(String, bool)>,
) -> HttpResponse {
    let csrf = Csrf::fresh();
    let view = ResetPage {
        lang: l.tag(),
        rtl: l.is_rtl(),
        brand_color: pages::DEFAULT_BRAND.into(),
        heading: l.t("console-reset-title"),
        intro: l.t("console-reset-intro"),
        outcome,
        csrf: csrf.clone(),
        email_label: l.t("console-email"),
        submit: l.t("console-reset-send"),
        back: l.t("console-sign-in"),
    };
    let mut resp = pages::render(status, &view);
    CSRF.set(&mut resp, &app.config, csrf);
    resp
}

pub async fn form(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let l = pages::request_lang(&req);
    page(&app, &l, StatusCode::OK, None)
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf: String,
}

pub async fn request(
    req: HttpRequest,
    form: web::Form<ResetForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let l = pages::request_lang(&req);
    if !CSRF.check(&req, &app.config, &form.csrf) {
        let expired = Some((l.t("console-form-expired"), true));
        return page(&app, &l, StatusCode::FORBIDDEN, expired);
    }
    let email: String = form.email.trim().chars().take(254).collect();
    let ip = limits::client_ip(&req, &app.config.http.trusted_proxies);
    let client = crate::domain::client_key(ip);
    match app
        .console
        .request_reset(&email, &client, chrono::Utc::now())
        .await
    {
        Ok(Reset::Sent) => page(
            &app,
            &l,
            StatusCode::OK,
            Some((l.t("console-reset-sent"), false)),
        ),
        Ok(Reset::NoEmail) => {
            let none = Some((l.t("console-reset-no-email"), true));
            page(&app, &l, StatusCode::OK, none)
        }
        Ok(Reset::Limited(wait)) => {
            let limited = Some((l.t("console-sign-in-limited"), true));
            let mut resp = page(&app, &l, StatusCode::TOO_MANY_REQUESTS, limited);
            let secs = wait.as_secs().max(1).to_string();
            if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&secs) {
                resp.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
            resp
        }
        Err(e) => unavailable(&req, e),
    }
}
