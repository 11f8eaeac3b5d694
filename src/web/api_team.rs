//! `/api/v1/team`: the people who sign in to the merchant's console. Inviting answers the
//! invitation link (shown once; it works `console.invitation_ttl`, once); removing ends the
//! member's sessions at once.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::domain::{AuditAction, EmailAddress, Role, User, UserId};
use crate::services::FieldError;

pub fn routes(api: &mut Api) {
    api.post(
        "/team",
        invite,
        Doc::new("Invite a person to the console with a role (the link is shown once)")
            .body::<InviteRequest>()
            .ok(201, output::<Invited>()),
    )
    .get(
        "/team",
        list,
        Doc::new("The console's members").ok(200, output::<TeamList>()),
    )
    .delete(
        "/team/{id}",
        remove,
        Doc::new("Remove a member (not the last owner); their sessions end at once").no_content(),
    );
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct InviteRequest {
    email: String,
    /// `owner`, `admin` (everything but the team and API keys), `agent` (shipments and
    /// feedback, resend messages) or `viewer` (read only).
    role: String,
}

#[derive(Serialize, JsonSchema)]
struct Member {
    id: String,
    email: String,
    role: String,
    /// False until the invitation is accepted.
    active: bool,
    created_at: DateTime<Utc>,
}

#[derive(Serialize, JsonSchema)]
struct Invited {
    #[serde(flatten)]
    member: Member,
    /// Shown once: send it to the person.
    invitation_url: String,
}

#[derive(Serialize, JsonSchema)]
struct TeamList {
    members: Vec<Member>,
}

impl From<&User> for Member {
    fn from(u: &User) -> Self {
        Member {
            id: u.id.to_string(),
            email: u.email.to_string(),
            role: u.role.as_str().to_owned(),
            active: u.password.is_some(),
            created_at: u.created_at,
        }
    }
}

async fn invite(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let r: InviteRequest = super::json::read(body, app.config.http.body_limit).await?;
    let mut errors = vec![];
    let email = EmailAddress::parse(&r.email)
        .map_err(|e| errors.push(FieldError::new("email", e.0)))
        .ok();
    let role = Role::parse(&r.role);
    if role.is_none() {
        errors.push(FieldError::new(
            "role",
            "one of owner, admin, agent, viewer",
        ));
    }
    let (Some(email), Some(role)) = (email, role) else {
        return Err(ApiError::Invalid(errors));
    };
    let now = Utc::now();
    let (user, token) = app
        .console
        .invite(&caller.merchant, email, role, now)
        .await?;
    app.console
        .record(&caller, AuditAction::TeamInvite, &user, now)
        .await?;
    tracing::info!(merchant_id = %caller.merchant, user_id = %user.id, by = %caller.by, "console member invited");
    Ok(HttpResponse::Created().json(Invited {
        member: Member::from(&user),
        invitation_url: app.console.invitation_url(&token),
    }))
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let team = app.console.team(&merchant).await?;
    Ok(HttpResponse::Ok().json(TeamList {
        members: team.iter().map(Member::from).collect(),
    }))
}

async fn remove(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let id = UserId::parse(&id).map_err(|_| ApiError::NotFound)?;
    let user = app.console.remove(&caller.merchant, &id).await?;
    app.console
        .record(&caller, AuditAction::TeamRemove, &user, Utc::now())
        .await?;
    tracing::info!(merchant_id = %caller.merchant, user_id = %user.id, by = %caller.by, "console member removed");
    Ok(HttpResponse::NoContent().finish())
}
