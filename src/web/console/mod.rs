//! `/console`: the merchant console, server-rendered. A member signs in with an e-mail and
//! a password; the session lives in Redis and its cookie (`__Host-` and `Secure` when the
//! public URL is https; HttpOnly, SameSite=Lax) carries only a random token. Every page
//! checks the member's role on the server, and every form carries the session's CSRF
//! secret. Pages call the same services as the JSON API.

mod actions;
mod analytics;
mod auth;
mod brand_previews;
mod branding;
mod carriers;
mod charts;
mod feedback;
mod imports;
mod keys;
mod logo;
mod member;
mod message;
mod messages;
mod notices;
mod overview;
mod reset;
mod shipment;
mod shipments;
mod shipments_csv;
mod stores;
mod stores_save;
mod team;
mod webhook_log;
mod webhooks;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use super::AppState;
use super::pages;
use crate::config::Config;
use crate::domain::Action;
pub use member::{Chrome, Member};
use notices::notice;

pub fn routes(cfg: &mut web::ServiceConfig) {
    let console = web::scope("/console")
        .wrap(actix_web::middleware::DefaultHeaders::new().add(("Content-Security-Policy", CSP)))
        .route("", web::get().to(overview::show))
        .route("/sign-in", web::get().to(auth::form))
        .route("/sign-in", web::post().to(auth::sign_in))
        .route("/sign-out", web::post().to(auth::sign_out))
        .route("/reset", web::get().to(reset::form))
        .route("/reset", web::post().to(reset::request))
        .route("/invitation/{token}", web::get().to(auth::invitation))
        .route("/invitation/{token}", web::post().to(auth::accept))
        .route("/analytics", web::get().to(analytics::show))
        .route("/analytics/{report}", web::get().to(analytics::export))
        .route("/shipments", web::get().to(shipments::list))
        .route("/shipments.csv", web::get().to(shipments_csv::export))
        .route("/shipments/{id}", web::get().to(shipment::show))
        .route("/shipments/{id}/qr.svg", web::get().to(shipment::qr))
        .route("/shipments/{id}/insert", web::get().to(shipment::insert))
        .route("/shipments/{id}/refresh", web::post().to(actions::refresh))
        .route("/shipments/{id}/cancel", web::post().to(actions::cancel))
        .route("/messages/{id}/resend", web::post().to(actions::resend))
        .route("/messages", web::get().to(messages::show))
        .route("/messages", web::post().to(messages::save))
        .route("/messages/preview", web::get().to(messages::preview))
        .route("/messages/{id}", web::get().to(message::show))
        .route("/imports", web::get().to(imports::list))
        .route("/imports", web::post().to(imports::upload))
        .route("/imports/{id}", web::get().to(imports::show))
        .route("/imports/{id}/failures", web::get().to(imports::failures))
        .route("/feedback", web::get().to(feedback::show))
        .route("/feedback.csv", web::get().to(feedback::export))
        .route("/branding", web::get().to(branding::show))
        .route("/branding", web::post().to(branding::save))
        .route("/branding/preview", web::post().to(branding::preview))
        .route("/branding/logo", web::post().to(logo::upload))
        .route("/branding/logo/remove", web::post().to(logo::remove))
        .route("/branding/page", web::get().to(brand_previews::page))
        .route("/branding/email", web::get().to(brand_previews::email))
        .route("/stores", web::get().to(stores::show))
        .route("/stores/{source}", web::post().to(stores_save::save))
        .route(
            "/stores/{source}/remove",
            web::post().to(stores_save::remove),
        )
        .route("/carriers", web::get().to(carriers::show))
        .route("/carriers/{code}", web::post().to(carriers::save))
        .route("/carriers/{code}/test", web::post().to(carriers::test))
        .route("/carriers/{code}/remove", web::post().to(carriers::remove))
        .route("/webhooks", web::get().to(webhooks::show))
        .route("/webhooks", web::post().to(webhooks::create))
        .route("/webhooks/{id}", web::get().to(webhook_log::deliveries))
        .route(
            "/webhooks/{id}/replay/{delivery}",
            web::post().to(webhook_log::replay),
        )
        .route("/webhooks/{id}/{what}", web::post().to(webhooks::change))
        .route("/team", web::get().to(team::show))
        .route("/team", web::post().to(team::invite))
        .route("/team/{id}/remove", web::post().to(team::remove))
        .route("/keys", web::get().to(keys::show))
        .route("/keys", web::post().to(keys::create))
        .route("/keys/{id}/revoke", web::post().to(keys::revoke));
    cfg.service(console);
}

/// The console's pages: the customer pages' policy plus the console's own script and
/// preview frames (no inline script, no third party).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// A preview drawn inside a console page's sandboxed frame: framed by the console only;
/// the e-mail's own inline styles allowed, nothing else.
const PREVIEW_CSP: &str = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

/// A preview for a console frame.
fn framed(html: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Content-Security-Policy", PREVIEW_CSP))
        .insert_header(("X-Frame-Options", "SAMEORIGIN"))
        .body(html)
}

const COOKIE: &str = "shipmate_console";

fn secure(config: &Config) -> bool {
    config.http.public_url.starts_with("https://")
}

fn cookie_name(config: &Config) -> String {
    if secure(config) {
        format!("__Host-{COOKIE}")
    } else {
        COOKIE.to_owned()
    }
}

/// The session cookie: a browser session's lifetime, the server keeps the timeouts.
fn session_cookie(config: &Config, value: &str) -> Cookie<'static> {
    Cookie::build(cookie_name(config), value.to_owned())
        .path(if secure(config) { "/" } else { "/console" })
        .secure(secure(config))
        .http_only(true)
        .same_site(SameSite::Lax)
        .finish()
}

/// `303 See Other` to `to` (after a form, the browser GETs the next page).
fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_owned()))
        .finish()
}

/// The console's 404 page.
fn not_found(l: &crate::i18n::Lang) -> HttpResponse {
    pages::message(
        StatusCode::NOT_FOUND,
        l,
        l.t("console"),
        l.t("not-found-body"),
        None,
    )
}

fn unavailable(req: &HttpRequest, e: impl std::fmt::Display) -> HttpResponse {
    tracing::warn!(error = %e, "console unavailable");
    let l = pages::request_lang(req);
    pages::message(
        StatusCode::SERVICE_UNAVAILABLE,
        &l,
        l.t("error-title"),
        l.t("error-body"),
        None,
    )
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// The member, if the role allows `action` and the form carries the session's secret: a
/// forged or stale form goes back to `back` without doing anything.
async fn acting(
    req: &HttpRequest,
    app: &AppState,
    action: Action,
    csrf: &str,
    back: &str,
) -> Result<Member, HttpResponse> {
    Member::allowed(req, app, action).await?.posting(csrf, back)
}

impl Member {
    /// This member, if the form carries the session's secret; otherwise back to `back`.
    #[expect(
        clippy::result_large_err,
        reason = "the console's answers, as its async checks give"
    )]
    fn posting(self, csrf: &str, back: &str) -> Result<Member, HttpResponse> {
        if csrf.is_empty() || csrf != self.session.csrf {
            tracing::warn!(user = %self.user.id, "console form without its CSRF secret");
            return Err(redirect(back));
        }
        Ok(self)
    }
}
