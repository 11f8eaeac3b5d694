//! `/api/v1/webhooks`: the merchant's endpoints for shipment events.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, object};

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
    );
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
