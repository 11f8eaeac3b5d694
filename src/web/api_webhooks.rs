//! `/api/v1/webhooks`: the merchant's endpoints for shipment events, their delivery logs and
//! replays.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, object, output};

pub fn routes(api: &mut Api) {
    api.post(
        "/webhooks",
        create,
        Doc::new("Add a webhook endpoint (its signing secret is shown once)")
            .body::<CreateRequest>()
            .ok(201, object()),
    )
    .get(
        "/webhooks",
        list,
        Doc::new("The merchant's webhook endpoints"),
    )
    .delete(
        "/webhooks/{id}",
        delete,
        Doc::new("Remove a webhook endpoint").no_content(),
    )
    .patch(
        "/webhooks/{id}",
        update,
        Doc::new("Disable or enable a webhook endpoint")
            .body::<UpdateRequest>()
            .ok(200, object()),
    )
    .get(
        "/webhooks/{id}/deliveries",
        deliveries,
        Doc::new("The endpoint's newest 100 delivery attempts: status, response time, error")
            .ok(200, output::<DeliveriesResponse>()),
    )
    .post(
        "/webhooks/{id}/deliveries/{delivery}/replay",
        replay,
        Doc::new("Send one delivery again (same webhook-id), from its first attempt")
            .ok(202, object()),
    );
}

#[derive(Deserialize, JsonSchema)]
struct UpdateRequest {
    /// `true` stops sending to it; `false` resumes.
    disabled: bool,
}

async fn update(
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let request: UpdateRequest = super::json::read(body, app.config.http.body_limit).await?;
    let view = app
        .webhooks
        .set_disabled(&caller, &id, request.disabled, Utc::now())
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Serialize, JsonSchema)]
struct DeliveriesResponse {
    deliveries: Vec<AttemptResponse>,
}

#[derive(Serialize, JsonSchema)]
struct AttemptResponse {
    at: DateTime<Utc>,
    /// The delivery's `webhook-id` (replay it with this).
    delivery: String,
    event: String,
    /// The endpoint's HTTP status; none when no answer came.
    status: Option<u16>,
    error: Option<String>,
    /// Milliseconds until the answer's headers.
    response_ms: u32,
}

async fn deliveries(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let (_, log) = app.webhooks.deliveries(&merchant, &id).await?;
    let deliveries = log
        .into_iter()
        .map(|a| AttemptResponse {
            at: a.at,
            delivery: a.notification_id,
            event: a.event,
            status: a.status,
            error: a.error,
            response_ms: a.ms,
        })
        .collect();
    Ok(HttpResponse::Ok().json(DeliveriesResponse { deliveries }))
}

async fn replay(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let (id, delivery) = path.into_inner();
    app.webhooks
        .replay(&merchant, &id, &delivery, Utc::now())
        .await?;
    Ok(HttpResponse::Accepted().json(serde_json::json!({ "queued": delivery })))
}

#[derive(Deserialize, JsonSchema)]
struct CreateRequest {
    url: String,
    #[serde(default)]
    events: Vec<String>,
}

async fn create(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let request: CreateRequest = super::json::read(body, app.config.http.body_limit).await?;
    // Secrets are sealed with the operator's credential keys, when there are any.
    let vault = app.accounts.credential_vault();
    let view = app
        .webhooks
        .create(&caller, &request.url, &request.events, vault, Utc::now())
        .await?;
    tracing::info!(merchant_id = %caller.merchant, webhook_id = %view.id, "webhook endpoint created");
    Ok(HttpResponse::Created().json(view))
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let all = app.webhooks.list(&merchant).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "webhooks": all })))
}

async fn delete(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    app.webhooks.delete(&caller, &id, Utc::now()).await?;
    Ok(HttpResponse::NoContent().finish())
}
