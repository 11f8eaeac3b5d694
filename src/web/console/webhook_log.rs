//! One webhook endpoint's delivery log (owners and admins): each attempt with its HTTP
//! status, response time and scrubbed error, and the replay of one delivery.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Chrome, CsrfForm, Member, acting, redirect, unavailable};
use crate::domain::Action;
use crate::services::ServiceError;
use crate::web::AppState;
use crate::web::pages;

struct Attempt {
    when: String,
    event: String,
    status: String,
    ok: bool,
    ms: String,
    error: String,
    delivery: String,
}

#[derive(Template)]
#[template(path = "console/webhook.html")]
struct DeliveriesPage {
    chrome: Chrome,
    notice: Option<String>,
    heading: String,
    id: String,
    url: String,
    columns: [String; 5],
    attempts: Vec<Attempt>,
    none: String,
    replay: String,
    back: String,
}

pub async fn deliveries(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let l = &m.lang;
    let (w, log) = match app.webhooks.deliveries(&m.merchant.id, &id).await {
        Ok(found) => found,
        Err(ServiceError::NotFound) => return redirect("/console/webhooks"),
        Err(e) => return unavailable(&req, e),
    };
    let zone = m.merchant.timezone.tz();
    let view = DeliveriesPage {
        chrome: m.chrome(l.t("console-deliveries")),
        notice: super::notice(&req, l),
        heading: l.t("console-deliveries"),
        id: w.id.to_string(),
        url: w.url,
        columns: [
            l.t("console-when"),
            l.t("console-event"),
            l.t("console-http-status"),
            l.t("console-response-time"),
            l.t("console-why"),
        ],
        attempts: log
            .into_iter()
            .map(|a| Attempt {
                when: l.date_time(&a.at.with_timezone(&zone)),
                ok: a.ok(),
                status: a.status.map_or_else(|| "–".to_owned(), |s| s.to_string()),
                ms: format!("{} ms", a.ms),
                error: a.error.unwrap_or_default(),
                event: a.event,
                delivery: a.notification_id,
            })
            .collect(),
        none: l.t("console-deliveries-none"),
        replay: l.t("console-replay"),
        back: l.t("console-webhooks"),
    };
    pages::render(StatusCode::OK, &view)
}

pub async fn replay(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let (id, delivery) = path.into_inner();
    // Back to the endpoint's page: only a well-formed id goes into the Location header.
    let back = crate::domain::WebhookId::parse(&id).map_or_else(
        |_| "/console/webhooks".to_owned(),
        |w| format!("/console/webhooks/{w}"),
    );
    let m = match acting(&req, &app, Action::Configure, &form.csrf, &back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let now = chrono::Utc::now();
    match app
        .webhooks
        .replay(&m.merchant.id, &id, &delivery, now)
        .await
    {
        Ok(()) => redirect(&format!("{back}?notice=replayed")),
        Err(ServiceError::Conflict(_)) => redirect(&format!("{back}?notice=not-replayed")),
        Err(ServiceError::NotFound) => redirect(&back),
        Err(e) => unavailable(&req, e),
    }
}
