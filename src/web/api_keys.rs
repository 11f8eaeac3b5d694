//! `/api/v1/api-keys`: the merchant's API keys, made (shown once), listed (never the key or
//! its hash) and revoked (refused at once on every replica).

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::services::{KeyView, NewKey};

pub fn routes(api: &mut Api) {
    api.post(
        "/api-keys",
        create,
        Doc::new("Make another API key (shown once; at most 2 active)")
            .ok(201, output::<CreatedKey>()),
    )
    .get(
        "/api-keys",
        list,
        Doc::new("The merchant's API keys (never the keys themselves)")
            .ok(200, output::<KeyList>()),
    )
    .delete(
        "/api-keys/{id}",
        revoke,
        Doc::new("Revoke an API key (not the last one)").no_content(),
    );
}

/// A key just made: `api_key` is never shown again.
#[derive(Serialize, JsonSchema)]
struct CreatedKey {
    id: String,
    api_key: String,
    /// `…` and the key's last 4 characters.
    hint: String,
    created_at: DateTime<Utc>,
}

#[derive(Serialize, JsonSchema)]
struct KeyItem {
    id: String,
    hint: String,
    created_at: DateTime<Utc>,
    /// Within a minute.
    last_used_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, JsonSchema)]
struct KeyList {
    api_keys: Vec<KeyItem>,
}

impl From<NewKey> for CreatedKey {
    fn from(k: NewKey) -> Self {
        CreatedKey {
            id: k.id.to_string(),
            api_key: k.api_key.expose().to_owned(),
            hint: k.hint,
            created_at: k.created_at,
        }
    }
}

impl From<KeyView> for KeyItem {
    fn from(k: KeyView) -> Self {
        KeyItem {
            id: k.id.to_string(),
            hint: k.hint,
            created_at: k.created_at,
            last_used_at: k.last_used_at,
        }
    }
}

async fn create(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let key = app.merchants.api_keys().create(&caller, Utc::now()).await?;
    tracing::info!(merchant_id = %caller.merchant, key_id = %key.id, by = %caller.by, "API key created");
    Ok(HttpResponse::Created().json(CreatedKey::from(key)))
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let keys = app.merchants.api_keys().list(&merchant).await?;
    Ok(HttpResponse::Ok().json(KeyList {
        api_keys: keys.into_iter().map(KeyItem::from).collect(),
    }))
}

async fn revoke(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    app.merchants
        .api_keys()
        .revoke(&caller, &id, Utc::now())
        .await?;
    tracing::info!(merchant_id = %caller.merchant, key_id = %id, by = %caller.by, "API key revoked");
    Ok(HttpResponse::NoContent().finish())
}
