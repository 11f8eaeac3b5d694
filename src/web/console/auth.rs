//! Signing in and out, and accepting an invitation (choosing a password).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Member, redirect, session_cookie, unavailable};
use crate::domain::{ConsoleToken, Password};
use crate::i18n::Lang;
use crate::services::SignIn;
use crate::web::AppState;
use crate::web::csrf::Csrf;
use crate::web::limits;
use crate::web::pages;

/// The sign-in and invitation forms' CSRF cookie (no session yet to hold the secret).
pub(super) const CSRF: Csrf = Csrf {
    name: "shipmate_console_csrf",
    path: "/console",
};

#[derive(Template)]
#[template(path = "console/sign_in.html")]
struct SignInPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    intro: String,
    error: Option<String>,
    csrf: String,
    email: String,
    email_label: String,
    password_label: String,
    submit: String,
    forgot: String,
}

fn sign_in_page(
    app: &AppState,
    l: &Lang,
    status: StatusCode,
    error: Option<&str>,
    email: &str,
) -> HttpResponse {
    let csrf = Csrf::fresh();
    let page = SignInPage {
        lang: l.tag(),
        rtl: l.is_rtl(),
        brand_color: pages::DEFAULT_BRAND.into(),
        heading: l.t("console-sign-in"),
        intro: l.t_args("console-sign-in-intro", &[("product", "shipmate".into())]),
        error: error.map(|id| l.t(id)),
        csrf: csrf.clone(),
        email: email.to_owned(),
        email_label: l.t("console-email"),
        password_label: l.t("console-password"),
        submit: l.t("console-sign-in"),
        forgot: l.t("console-forgot"),
    };
    let mut resp = pages::render(status, &page);
    CSRF.set(&mut resp, &app.config, csrf);
    resp
}

pub async fn form(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let l = pages::request_lang(&req);
    sign_in_page(&app, &l, StatusCode::OK, None, "")
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

pub async fn sign_in(
    req: HttpRequest,
    form: web::Form<SignInForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let l = pages::request_lang(&req);
    let email: String = form.email.trim().chars().take(254).collect();
    if !CSRF.check(&req, &app.config, &form.csrf) {
        let expired = Some("console-form-expired");
        return sign_in_page(&app, &l, StatusCode::FORBIDDEN, expired, &email);
    }
    let ip = limits::client_ip(&req, &app.config.http.trusted_proxies);
    let client = crate::domain::client_key(ip);
    let now = chrono::Utc::now();
    match app
        .console
        .sign_in(&email, &form.password, &client, now)
        .await
    {
        Ok(SignIn::Signed(token, user)) => {
            tracing::info!(user = %user.id, merchant = %user.merchant_id, "console sign-in");
            let mut resp = redirect("/console");
            let _ = resp.add_cookie(&session_cookie(&app.config, token.expose()));
            resp
        }
        Ok(SignIn::Refused) => {
            let refused = Some("console-sign-in-refused");
            sign_in_page(&app, &l, StatusCode::UNAUTHORIZED, refused, &email)
        }
        Ok(SignIn::Limited(wait)) => {
            let limited = Some("console-sign-in-limited");
            let mut resp = sign_in_page(&app, &l, StatusCode::TOO_MANY_REQUESTS, limited, &email);
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

/// Ends this browser's session.
#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf: String,
    /// `yes`: every browser this member signed in from.
    #[serde(default)]
    everywhere: String,
}

/// Ends this browser's session, or all of the member's.
pub async fn sign_out(
    req: HttpRequest,
    form: web::Form<SignOutForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let member = match Member::of(&req, &app).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    if form.csrf != member.session.csrf {
        return redirect("/console");
    }
    let ended = if form.everywhere == "yes" {
        let all = app.console.sign_out_everywhere(&member.user.id).await;
        all.map(|n| tracing::info!(user = %member.user.id, sessions = n, "signed out everywhere"))
    } else {
        app.console.sign_out(&member.token, &member.user.id).await
    };
    if let Err(e) = ended {
        return unavailable(&req, e);
    }
    let mut resp = redirect("/console/sign-in");
    let mut gone = session_cookie(&app.config, "");
    gone.make_removal();
    let _ = resp.add_cookie(&gone);
    resp
}

#[derive(Template)]
#[template(path = "console/invitation.html")]
struct InvitationPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    intro: String,
    error: Option<String>,
    csrf: String,
    action: String,
    email: String,
    email_label: String,
    password_label: String,
    hint: String,
    submit: String,
}

/// The invitation's form, or a page saying the link is gone.
async fn invitation_page(
    req: &HttpRequest,
    app: &AppState,
    raw: &str,
    (status, error): (StatusCode, Option<&str>),
) -> HttpResponse {
    let l = pages::request_lang(req);
    let gone = || {
        let body = l.t("console-invitation-gone");
        pages::message(StatusCode::NOT_FOUND, &l, l.t("console"), body, None)
    };
    let Ok(token) = ConsoleToken::parse(raw) else {
        return gone();
    };
    let user = match app.console.invited(&token).await {
        Ok(Some(user)) => user,
        Ok(None) => return gone(),
        Err(e) => return unavailable(req, e),
    };
    let merchant = match app.store.merchant(&user.merchant_id).await {
        Ok(Some(m)) => m,
        Ok(None) => return gone(),
        Err(e) => return unavailable(req, e),
    };
    let role = l.t(&format!("console-role-{}", user.role.as_str()));
    let name = merchant.name.clone();
    let csrf = Csrf::fresh();
    let page = InvitationPage {
        lang: l.tag(),
        rtl: l.is_rtl(),
        brand_color: merchant.brand.legible_color(),
        heading: l.t_args("console-invitation", &[("merchant", name.clone())]),
        intro: l.t_args(
            "console-invitation-intro",
            &[("merchant", name), ("role", role)],
        ),
        error: error.map(|id| l.t(id)),
        csrf: csrf.clone(),
        action: format!("/console/invitation/{raw}"),
        email: user.email.to_string(),
        email_label: l.t("console-email"),
        password_label: l.t("console-password"),
        hint: l.t("console-password-hint"),
        submit: l.t("console-set-password"),
    };
    let mut resp = pages::render(status, &page);
    CSRF.set(&mut resp, &app.config, csrf);
    // The link is the secret: never sent on to another site.
    resp.headers_mut().insert(
        actix_web::http::header::REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static("no-referrer"),
    );
    resp
}

pub async fn invitation(
    req: HttpRequest,
    token: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    invitation_page(&req, &app, &token, (StatusCode::OK, None)).await
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

pub async fn accept(
    req: HttpRequest,
    raw: web::Path<String>,
    form: web::Form<AcceptForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    if !CSRF.check(&req, &app.config, &form.csrf) {
        let expired = (StatusCode::FORBIDDEN, Some("console-form-expired"));
        return invitation_page(&req, &app, &raw, expired).await;
    }
    let Ok(password) = Password::parse(&form.password) else {
        let invalid = (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("console-password-invalid"),
        );
        return invitation_page(&req, &app, &raw, invalid).await;
    };
    let Ok(token) = ConsoleToken::parse(&raw) else {
        return invitation_page(&req, &app, &raw, (StatusCode::NOT_FOUND, None)).await;
    };
    match app
        .console
        .accept(&token, password, chrono::Utc::now())
        .await
    {
        Ok((session, user)) => {
            tracing::info!(user = %user.id, merchant = %user.merchant_id, "console invitation accepted");
            let mut resp = redirect("/console");
            let _ = resp.add_cookie(&session_cookie(&app.config, session.expose()));
            resp
        }
        Err(crate::services::ServiceError::NotFound) => {
            invitation_page(&req, &app, &raw, (StatusCode::NOT_FOUND, None)).await
        }
        Err(e) => unavailable(&req, e),
    }
}
