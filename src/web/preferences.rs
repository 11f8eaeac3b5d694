//! `GET,POST /u/{token}`: the customer's message preferences — stop one channel or all of a
//! merchant's messages (also the one-click `List-Unsubscribe-Post` of e-mails), or resume.
//! The unguessable token in the path is what authorises the change.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::AppState;
use super::error::PageError;
use super::pages;
use crate::domain::PublicToken;
use crate::i18n::Lang;
use crate::services::{Audience, Choice, ServiceError};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/u/{token}", web::get().to(show))
        .route("/u/{token}", web::post().to(choose));
}

#[derive(Template)]
#[template(path = "preferences.html")]
struct PreferencesPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    intro: String,
    done: Option<String>,
    action: String,
    choices: Vec<(&'static str, String)>,
    track_url: String,
    track_label: String,
}

async fn show(
    req: HttpRequest,
    token: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let fallback = pages::request_lang(&req);
    let parsed = PublicToken::parse(&token).map_err(|_| PageError::not_found(&fallback))?;
    render(&req, &parsed, &app, None).await
}

async fn choose(
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let fallback = pages::request_lang(&req);
    let parsed = PublicToken::parse(&token).map_err(|_| PageError::not_found(&fallback))?;
    // RFC 8058 one-click: the mail client posts "List-Unsubscribe=One-Click".
    let choice = if form.get("List-Unsubscribe").map(String::as_str) == Some("One-Click") {
        Some(Choice::Stop(crate::domain::Channel::Email))
    } else {
        form.get("channel").and_then(|c| Choice::parse(c))
    };
    let Some(choice) = choice else {
        return Ok(pages::message(
            StatusCode::BAD_REQUEST,
            &fallback,
            fallback.t("error-title"),
            fallback.t("lookup-missing"),
            None,
        ));
    };
    app.preferences
        .choose(&parsed, choice)
        .await
        .map_err(|e| page_error(&fallback, e))?;
    render(&req, &parsed, &app, Some(choice)).await
}

fn page_error(lang: &Lang, e: ServiceError) -> PageError {
    match e {
        ServiceError::NotFound => PageError::not_found(lang),
        other => PageError::internal(lang, other),
    }
}

async fn render(
    req: &HttpRequest,
    parsed: &PublicToken,
    app: &AppState,
    done: Option<Choice>,
) -> Result<HttpResponse, PageError> {
    let browser = pages::request_langs(req);
    let fallback = Lang::negotiate(browser.iter().map(String::as_str));
    let (s, merchant, opted_out) = app
        .preferences
        .show(parsed)
        .await
        .map_err(|e| page_error(&fallback, e))?;
    let who = Audience::new(&s, &merchant, &browser, "");
    let lang = who.lang;
    let m = || vec![("merchant", merchant.name.clone())];
    let all_off = opted_out.iter().any(|o| o == "all");
    let mut choices = vec![];
    if !all_off {
        choices.push(("all", lang.t("unsub-all")));
        let c = s.customer.as_ref();
        if c.is_some_and(|c| c.email.is_some()) && !opted_out.iter().any(|o| o == "email") {
            choices.push(("email", lang.t("unsub-channel-email")));
        }
        if c.is_some_and(|c| c.phone.is_some()) {
            for (v, label) in [
                ("sms", "unsub-channel-sms"),
                ("whatsapp", "unsub-channel-whatsapp"),
            ] {
                if !opted_out.iter().any(|o| o == v) {
                    choices.push((v, lang.t(label)));
                }
            }
        }
    }
    if !opted_out.is_empty() {
        choices.push(("resubscribe", lang.t("unsub-resubscribe")));
    }
    let done = done.map(|c| match c {
        Choice::Resume => lang.t_args("unsub-resubscribed", &m()),
        _ => lang.t_args("unsub-done", &m()),
    });
    let intro = if all_off {
        lang.t_args("unsub-status-none", &m())
    } else {
        lang.t_args("unsub-intro", &m())
    };
    let page = PreferencesPage {
        lang: lang.tag(),
        rtl: lang.is_rtl(),
        brand_color: merchant.brand.legible_color(),
        heading: lang.t_args("unsub-title", &m()),
        intro,
        done,
        action: who.links.preferences(),
        choices,
        track_url: who.links.track(),
        track_label: lang.t("unsub-track"),
    };
    Ok(pages::render(StatusCode::OK, &page))
}
