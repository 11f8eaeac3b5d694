//! `/api/v1/carriers`: carrier detection, and the merchant's own carrier accounts
//! (credentials sealed at rest, never returned).

use actix_web::{HttpRequest, HttpResponse, web};
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc};
use chrono::Utc;

use crate::carriers::{CarrierError, Carriers, Credentials, registry::CredentialKind};
use crate::domain::{CarrierCode, RequestRate, TrackingNumber};
use crate::services::{AccountOptions, FieldError, credentials_from};

/// Routes under `/api/v1`.
pub fn routes(api: &mut Api) {
    api.get(
        "/carriers/detect",
        detect,
        Doc::new("Which carriers could have issued a tracking number").query::<DetectQuery>(),
    )
    .get(
        "/carriers",
        list,
        Doc::new("The merchant's own carrier accounts and the platform's carriers"),
    )
    .put(
        "/carriers/{code}",
        put,
        Doc::new("Set the merchant's own account at a carrier (credentials are never returned; left out, the stored ones are kept, e.g. to change the rate or cadence alone)")
            .body::<AccountRequest>(),
    )
    .delete(
        "/carriers/{code}",
        delete,
        Doc::new("Remove the merchant's own account at a carrier").no_content(),
    )
    .post(
        "/carriers/{code}/test",
        test,
        Doc::new("Try the merchant's account at a carrier"),
    );
}

fn carrier_code(raw: &str) -> Result<(CarrierCode, CredentialKind), ApiError> {
    let code = CarrierCode::parse(raw).map_err(|_| ApiError::NotFound)?;
    let kind = Carriers::credential_kind(&code).ok_or(ApiError::NotFound)?;
    Ok((code, kind))
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let accounts = app.accounts.list(&merchant).await?;
    let platform: Vec<&str> = app
        .shipments
        .carriers()
        .codes()
        .map(|c| c.as_str())
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "accounts": accounts, "platform": platform })))
}

#[derive(Deserialize, Default, JsonSchema)]
#[serde(default)]
struct AccountRequest {
    credentials: Option<serde_json::Map<String, serde_json::Value>>,
    requests_per_second: Option<f64>,
    /// Polling cadence by status, e.g. `{"in_transit": "30m"}`.
    cadence: std::collections::BTreeMap<String, String>,
}

fn credentials(
    kind: CredentialKind,
    given: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Result<Credentials, ApiError> {
    let field = |name: &str| {
        given
            .and_then(|m| m.get(name))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    credentials_from(kind, field).map_err(ApiError::Invalid)
}

async fn put(
    req: HttpRequest,
    code: web::Path<String>,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let (code, kind) = carrier_code(&code)?;
    let request: AccountRequest = super::json::read(body, app.config.http.body_limit).await?;
    let creds = match &request.credentials {
        Some(given) => Some(credentials(kind, Some(given))?),
        None => None,
    };
    let rate = request
        .requests_per_second
        .map(RequestRate::parse)
        .transpose()
        .map_err(|e| ApiError::Invalid(vec![FieldError::new("requests_per_second", e.0)]))?;
    let view = app
        .accounts
        .put(
            &caller,
            &code,
            creds,
            AccountOptions {
                requests_per_second: rate,
                cadence: request.cadence,
            },
            Utc::now(),
        )
        .await?;
    tracing::info!(merchant_id = %caller.merchant, carrier = %code, "carrier account saved");
    Ok(HttpResponse::Ok().json(view))
}

async fn delete(
    req: HttpRequest,
    code: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let (code, _) = carrier_code(&code)?;
    app.accounts.delete(&caller, &code, Utc::now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Asks the carrier whether the stored credentials work; says clearly why not.
async fn test(
    req: HttpRequest,
    code: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let (code, _) = carrier_code(&code)?;
    match app.accounts.test(&merchant, &code).await? {
        Ok(()) => Ok(HttpResponse::Ok().json(serde_json::json!({ "carrier": code, "ok": true }))),
        Err(CarrierError::Auth) => Err(ApiError::Invalid(vec![FieldError::new(
            "credentials",
            format!("{code} refused these credentials"),
        )])),
        // The account's gate says wait (its rate, or the carrier's Retry-After).
        Err(CarrierError::RateLimited { retry_after }) => Err(ApiError::TooManyRequests(
            retry_after.map_or(1, |w| w.as_secs().max(1)),
        )),
        Err(e) => Err(ApiError::BadGateway(format!(
            "{code} could not be asked: {e}"
        ))),
    }
}

#[derive(Deserialize, JsonSchema)]
struct DetectQuery {
    tracking_number: Option<String>,
}

async fn detect(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    app.merchant(&req).await?;
    let invalid = |msg: String| ApiError::Invalid(vec![FieldError::new("tracking_number", msg)]);
    let q = web::Query::<DetectQuery>::from_query(req.query_string())
        .map_err(|e| invalid(e.to_string()))?;
    let raw = q
        .tracking_number
        .as_deref()
        .ok_or_else(|| invalid("required".into()))?;
    let number = TrackingNumber::parse(raw).map_err(|e| invalid(e.0))?;
    let candidates = app.shipments.carriers().detect(&number);
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "tracking_number": number,
        "candidates": candidates,
    })))
}
