//! The team (owners only): members and their roles, inviting one (the link shown once, on
//! the page that follows), removing one (their sessions end at once).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Chrome, CsrfForm, Member, acting, redirect, unavailable};
use crate::domain::{Action, AuditAction, EmailAddress, Role, UserId};
use crate::services::ServiceError;
use crate::web::AppState;
use crate::web::pages;

struct Row {
    id: String,
    email: String,
    role: String,
    state: String,
    /// Not the member looking: nobody removes themselves here.
    removable: bool,
}

#[derive(Template)]
#[template(path = "console/team.html")]
struct TeamPage {
    chrome: Chrome,
    notice: Option<String>,
    heading: String,
    columns: [String; 3],
    rows: Vec<Row>,
    remove: String,
    invite: String,
    email_label: String,
    role_label: String,
    roles: Vec<(&'static str, String)>,
    /// The link just made, shown this once.
    link: Option<String>,
}

fn page(
    m: &Member,
    members: Vec<crate::domain::User>,
    notice: Option<String>,
    link: Option<String>,
) -> HttpResponse {
    let l = &m.lang;
    let role = |r: Role| l.t(&format!("console-role-{}", r.as_str()));
    let view = TeamPage {
        chrome: m.chrome(l.t("console-team")),
        notice,
        heading: l.t("console-team"),
        columns: [
            l.t("console-member"),
            l.t("console-role"),
            l.t("console-state"),
        ],
        rows: members
            .iter()
            .map(|u| Row {
                id: u.id.to_string(),
                email: u.email.to_string(),
                role: role(u.role),
                state: l.t(if u.password.is_some() {
                    "console-active"
                } else {
                    "console-invited"
                }),
                removable: u.id != m.user.id,
            })
            .collect(),
        remove: l.t("console-remove"),
        invite: l.t("console-invite"),
        email_label: l.t("console-email"),
        role_label: l.t("console-role"),
        roles: Role::ALL.iter().map(|r| (r.as_str(), role(*r))).collect(),
        link,
    };
    pages::render(StatusCode::OK, &view)
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::ManageTeam).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    match app.console.team(&m.merchant.id).await {
        Ok(team) => page(&m, team, super::notice(&req, &m.lang), None),
        Err(e) => unavailable(&req, e),
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

pub async fn invite(
    req: HttpRequest,
    form: web::Form<InviteForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/team";
    let m = match acting(&req, &app, Action::ManageTeam, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let (Ok(email), Some(role)) = (
        EmailAddress::parse(form.email.trim()),
        Role::parse(&form.role),
    ) else {
        return redirect("/console/team?notice=bad-email");
    };
    let now = chrono::Utc::now();
    let (user, token) = match app.console.invite(&m.merchant.id, email, role, now).await {
        Ok(made) => made,
        Err(ServiceError::Conflict(_)) => return redirect("/console/team?notice=taken"),
        Err(e) => return unavailable(&req, e),
    };
    tracing::info!(user = %user.id, by = %m.user.id, "console member invited from the console");
    let by = m.caller();
    let recorded = app.console.record(&by, AuditAction::TeamInvite, &user, now);
    if let Err(e) = recorded.await {
        return unavailable(&req, e);
    }
    let url = app.console.invitation_url(&token);
    // E-mailed when the server sends e-mail; shown once here either way.
    let text = if app.console.mails() {
        "console-invite-mailed"
    } else {
        "console-invite-link"
    };
    let link = m
        .lang
        .t_args(text, &[("email", user.email.to_string()), ("url", url)]);
    match app.console.team(&m.merchant.id).await {
        Ok(team) => page(&m, team, None, Some(link)),
        Err(e) => unavailable(&req, e),
    }
}

pub async fn remove(
    req: HttpRequest,
    id: web::Path<String>,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/team";
    let m = match acting(&req, &app, Action::ManageTeam, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let Ok(id) = UserId::parse(&id) else {
        return redirect(back);
    };
    match app.console.remove(&m.merchant.id, &id).await {
        Ok(user) => {
            tracing::info!(user = %user.id, by = %m.user.id, "console member removed from the console");
            let now = chrono::Utc::now();
            let by = m.caller();
            let recorded = app.console.record(&by, AuditAction::TeamRemove, &user, now);
            match recorded.await {
                Ok(()) => redirect("/console/team?notice=removed"),
                Err(e) => unavailable(&req, e),
            }
        }
        Err(ServiceError::Conflict(_)) => redirect("/console/team?notice=last-owner"),
        Err(ServiceError::NotFound) => redirect(back),
        Err(e) => unavailable(&req, e),
    }
}
