//! Webhooks (owners and admins): the endpoints with their events and state, a new one (its
//! signing secret shown once, on the answer to the form), disable/enable, remove; and one
//! endpoint's delivery log — each attempt's status and response time — with a replay of
//! any delivery. The API's services, audited the same way.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Chrome, Member, acting, redirect, unavailable};
use crate::domain::{Action, Trigger};
use crate::services::{ServiceError, WebhookView};
use crate::web::AppState;
use crate::web::pages;

struct Endpoint {
    id: String,
    url: String,
    events: String,
    state: String,
    disabled: bool,
    created: String,
}

#[derive(Template)]
#[template(path = "console/webhooks.html")]
struct WebhooksPage {
    chrome: Chrome,
    notice: Option<String>,
    /// A secret just made, shown this once.
    made: Option<String>,
    errors: Vec<String>,
    heading: String,
    t: Labels,
    endpoints: Vec<Endpoint>,
    /// Event type, label.
    events: Vec<(String, String)>,
}

struct Labels {
    columns: [String; 4],
    none: String,
    add: String,
    url: String,
    url_hint: String,
    events: String,
    events_hint: String,
    disable: String,
    enable: String,
    remove: String,
    confirm: String,
    deliveries: String,
}

fn labels(m: &Member) -> Labels {
    let l = &m.lang;
    Labels {
        columns: [
            l.t("console-endpoint"),
            l.t("console-events"),
            l.t("console-state"),
            l.t("console-created"),
        ],
        none: l.t("console-webhooks-none"),
        add: l.t("console-webhook-add"),
        url: l.t("console-endpoint"),
        url_hint: l.t("console-webhook-url-hint"),
        events: l.t("console-events"),
        events_hint: l.t("console-events-hint"),
        disable: l.t("console-disable"),
        enable: l.t("console-enable"),
        remove: l.t("console-remove"),
        confirm: l.t("console-webhook-remove-confirm"),
        deliveries: l.t("console-deliveries"),
    }
}

async fn page(
    req: &HttpRequest,
    app: &AppState,
    m: &Member,
    (made, errors): (Option<String>, Vec<String>),
) -> HttpResponse {
    let l = &m.lang;
    let all = match app.webhooks.list(&m.merchant.id).await {
        Ok(all) => all,
        Err(e) => return unavailable(req, e),
    };
    let zone = m.merchant.timezone.tz();
    let endpoints = all
        .iter()
        .map(|w: &WebhookView| Endpoint {
            id: w.id.to_string(),
            url: w.url.clone(),
            events: if w.events.is_empty() {
                l.t("console-events-all")
            } else {
                w.events.join(", ")
            },
            state: l.t(if w.disabled {
                "console-disabled"
            } else {
                "console-enabled"
            }),
            disabled: w.disabled,
            created: l.date_time(&w.created_at.with_timezone(&zone)),
        })
        .collect();
    let view = WebhooksPage {
        chrome: m.chrome(l.t("console-webhooks")),
        notice: super::notice(req, l),
        made: made.map(|s| l.t_args("console-webhook-secret-shown", &[("secret", s)])),
        errors,
        heading: l.t("console-webhooks"),
        t: labels(m),
        endpoints,
        events: Trigger::WEBHOOK_EVENTS
            .iter()
            .map(|t| (t.event_type(), t.event_type()))
            .collect(),
    };
    pages::render(StatusCode::OK, &view)
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => page(&req, &app, &m, (None, vec![])).await,
        Err(resp) => resp,
    }
}

pub async fn create(
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let back = "/console/webhooks";
    let m = match acting(&req, &app, Action::Configure, field("csrf"), back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let events: Vec<String> = form
        .iter()
        .filter(|(k, _)| k == "events")
        .map(|(_, v)| v.clone())
        .take(Trigger::WEBHOOK_EVENTS.len())
        .collect();
    let vault = app.accounts.credential_vault();
    let now = chrono::Utc::now();
    let made = app
        .webhooks
        .create(&m.caller(), field("url"), &events, vault, now)
        .await;
    match made {
        Ok(view) => {
            tracing::info!(webhook_id = %view.id, by = %m.user.id, "webhook endpoint created in the console");
            page(&req, &app, &m, (view.secret, vec![])).await
        }
        Err(ServiceError::Invalid(errors)) => {
            let errors = errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect();
            page(&req, &app, &m, (None, errors)).await
        }
        Err(ServiceError::Conflict(why)) => page(&req, &app, &m, (None, vec![why])).await,
        Err(e) => unavailable(&req, e),
    }
}

#[derive(serde::Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    csrf: String,
    /// The removal's confirmation box.
    #[serde(default)]
    confirm: String,
}

/// Disable, enable or remove an endpoint.
pub async fn change(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<ChangeForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/webhooks";
    let m = match acting(&req, &app, Action::Configure, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let (id, what) = path.into_inner();
    let (by, now) = (m.caller(), chrono::Utc::now());
    let done = match what.as_str() {
        "disable" | "enable" => app
            .webhooks
            .set_disabled(&by, &id, what == "disable", now)
            .await
            .map(|_| "webhook-saved"),
        "remove" if form.confirm == "yes" => app
            .webhooks
            .delete(&by, &id, now)
            .await
            .map(|_| "webhook-removed"),
        "remove" => Ok("confirm"),
        _ => Err(ServiceError::NotFound),
    };
    match done {
        Ok(notice) => redirect(&format!("{back}?notice={notice}")),
        Err(ServiceError::NotFound) => redirect(back),
        Err(e) => unavailable(&req, e),
    }
}
