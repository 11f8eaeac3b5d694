//! `GET /api/v1/audit`: the merchant's configuration changes, newest first: when, which
//! API key, what and which fields (never a secret's value).

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::domain::AuditEntry;
use crate::services::FieldError;
use crate::store::is_audit_cursor;

const MAX_LIMIT: usize = 200;

pub fn routes(api: &mut Api) {
    api.get(
        "/audit",
        list,
        Doc::new("Changes to the merchant's configuration, newest first")
            .query::<Query>()
            .ok(200, output::<AuditList>()),
    );
}

#[derive(Deserialize, JsonSchema)]
struct Query {
    cursor: Option<String>,
    /// 1–200 (default 50).
    limit: Option<usize>,
}

#[derive(Serialize, JsonSchema)]
struct AuditItem {
    at: DateTime<Utc>,
    /// The API key that made the change; null: the operator.
    key_id: Option<String>,
    /// The console member who made the change; null: an API key or the operator.
    user_id: Option<String>,
    /// e.g. `carrier_account.put`, `webhook.create`, `api_key.revoke`.
    action: String,
    target: String,
    /// Field → new value; secrets only as `(set)`.
    changes: BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize, JsonSchema)]
struct AuditList {
    items: Vec<AuditItem>,
    /// Pass as `cursor` for the next page; null at the end.
    next_cursor: Option<String>,
}

impl From<AuditEntry> for AuditItem {
    fn from(e: AuditEntry) -> Self {
        AuditItem {
            at: e.at,
            key_id: e.key_id.map(|k| k.to_string()),
            user_id: e.user_id.map(|u| u.to_string()),
            action: e.action.as_str().to_owned(),
            target: e.target,
            changes: e.changes,
        }
    }
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let invalid = |f: &str, m: String| ApiError::Invalid(vec![FieldError::new(f, m)]);
    let q = web::Query::<Query>::from_query(req.query_string())
        .map_err(|e| invalid("query", e.to_string()))?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(invalid("limit", format!("between 1 and {MAX_LIMIT}")));
    }
    let cursor = q.cursor.as_deref().filter(|c| !c.is_empty());
    if cursor.is_some_and(|c| !is_audit_cursor(c)) {
        return Err(invalid("cursor", "a cursor from next_cursor".into()));
    }
    let page = app.store.audit(&merchant, cursor, limit).await?;
    Ok(HttpResponse::Ok().json(AuditList {
        items: page.items.into_iter().map(AuditItem::from).collect(),
        next_cursor: page.next_cursor,
    }))
}
