//! API keys and the audit log (owners only): the keys (make one — shown once —, revoke
//! one: refused at once on every replica) and the newest configuration changes, by key or
//! by member.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Chrome, CsrfForm, Member, acting, redirect, unavailable};
use crate::domain::Action;
use crate::services::ServiceError;
use crate::web::AppState;
use crate::web::pages;

/// Audit entries shown.
const AUDIT_ROWS: usize = 50;

struct KeyRow {
    id: String,
    hint: String,
    created: String,
    last_used: String,
}

struct AuditRow {
    when: String,
    who: String,
    what: &'static str,
    target: String,
    changes: String,
}

#[derive(Template)]
#[template(path = "console/keys.html")]
struct KeysPage {
    chrome: Chrome,
    notice: Option<String>,
    /// A key just made, shown this once.
    made: Option<String>,
    heading: String,
    key_columns: [String; 3],
    keys: Vec<KeyRow>,
    new_key: String,
    revoke: String,
    audit: String,
    audit_columns: [String; 5],
    entries: Vec<AuditRow>,
}

async fn page(req: &HttpRequest, app: &AppState, m: &Member, made: Option<String>) -> HttpResponse {
    let l = &m.lang;
    let merchant = &m.merchant.id;
    let keys = match app.merchants.api_keys().list(merchant).await {
        Ok(keys) => keys,
        Err(e) => return unavailable(req, e),
    };
    let audit = match app.store.audit(merchant, None, AUDIT_ROWS).await {
        Ok(page) => page.items,
        Err(e) => return unavailable(req, e),
    };
    let team = match app.console.team(merchant).await {
        Ok(team) => team,
        Err(e) => return unavailable(req, e),
    };
    let zone = m.merchant.timezone.tz();
    let when = |t: &chrono::DateTime<chrono::Utc>| l.date_time(&t.with_timezone(&zone));
    let view = KeysPage {
        chrome: m.chrome(l.t("console-keys")),
        notice: super::notice(req, l),
        made: made.map(|key| l.t_args("console-new-key-shown", &[("key", key)])),
        heading: l.t("console-keys"),
        key_columns: [
            l.t("console-key-hint"),
            l.t("console-created"),
            l.t("console-last-used"),
        ],
        keys: keys
            .iter()
            .map(|k| KeyRow {
                id: k.id.to_string(),
                hint: k.hint.clone(),
                created: when(&k.created_at),
                last_used: k
                    .last_used_at
                    .as_ref()
                    .map_or_else(|| l.t("console-never"), when),
            })
            .collect(),
        new_key: l.t("console-new-key"),
        revoke: l.t("console-revoke"),
        audit: l.t("console-audit"),
        audit_columns: [
            l.t("console-when"),
            l.t("console-who"),
            l.t("console-what"),
            l.t("console-target"),
            l.t("console-changes"),
        ],
        entries: audit
            .iter()
            .map(|e| AuditRow {
                when: when(&e.at),
                // A member by their address (the merchant's own team), a key by its id.
                who: match (&e.user_id, &e.key_id) {
                    (Some(u), _) => team
                        .iter()
                        .find(|t| &t.id == u)
                        .map_or_else(|| u.to_string(), |t| t.email.to_string()),
                    (None, Some(k)) => k.to_string(),
                    (None, None) => l.t("console-operator"),
                },
                what: e.action.as_str(),
                target: e.target.clone(),
                changes: e
                    .changes
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
    };
    pages::render(StatusCode::OK, &view)
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    match Member::allowed(&req, &app, Action::ManageTeam).await {
        Ok(m) => page(&req, &app, &m, None).await,
        Err(resp) => resp,
    }
}

pub async fn create(
    req: HttpRequest,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/keys";
    let m = match acting(&req, &app, Action::ManageTeam, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let now = chrono::Utc::now();
    match app.merchants.api_keys().create(&m.caller(), now).await {
        Ok(key) => {
            tracing::info!(key_id = %key.id, by = %m.user.id, "API key made in the console");
            let shown = key.api_key.expose().to_owned();
            page(&req, &app, &m, Some(shown)).await
        }
        Err(ServiceError::Conflict(_)) => redirect("/console/keys?notice=too-many-keys"),
        Err(e) => unavailable(&req, e),
    }
}

pub async fn revoke(
    req: HttpRequest,
    id: web::Path<String>,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/keys";
    let m = match acting(&req, &app, Action::ManageTeam, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let now = chrono::Utc::now();
    match app.merchants.api_keys().revoke(&m.caller(), &id, now).await {
        Ok(()) => {
            tracing::info!(key_id = %id, by = %m.user.id, "API key revoked in the console");
            redirect("/console/keys?notice=revoked")
        }
        Err(ServiceError::Conflict(_)) => redirect("/console/keys?notice=last-key"),
        Err(ServiceError::NotFound) => redirect(back),
        Err(e) => unavailable(&req, e),
    }
}
