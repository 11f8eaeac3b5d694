//! `/api/v1/notifications`: what was sent on the merchant's behalf (and what failed), a
//! retry for dead letters, and a preview of any message.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, object};
use crate::domain::{Channel, DelayReason, Delivery, Occasion, ShipmentId, Trigger};
use crate::services::{FieldError, SettingsInput};

pub fn routes(api: &mut Api) {
    api.get(
        "/notifications",
        list,
        Doc::new("Messages sent, queued, skipped or dead").query::<ListQuery>(),
    )
    .get(
        "/notifications/preview",
        preview,
        Doc::new("Render any message in any language without sending it").query::<PreviewQuery>(),
    )
    .post(
        "/notifications/{id}/retry",
        retry,
        Doc::new("Send a dead or skipped message again").ok(202, object()),
    )
    .get(
        "/notification-settings",
        get_settings,
        Doc::new("The merchant's message settings"),
    )
    .put(
        "/notification-settings",
        put_settings,
        Doc::new("Change channels, triggers, the daily cap, feedback timing and suggestions")
            .raw_body(object()),
    );
}

async fn get_settings(
    req: HttpRequest,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    Ok(HttpResponse::Ok().json(app.notifications.settings(&merchant).await?))
}

async fn put_settings(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let input: SettingsInput = super::json::read(body, app.config.http.body_limit).await?;
    let saved = app
        .notifications
        .put_settings(&caller, input, Utc::now())
        .await?;
    Ok(HttpResponse::Ok().json(saved))
}

fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::Invalid(vec![FieldError::new(field, message)])
}

fn shipment_id(raw: Option<&str>) -> Result<Option<ShipmentId>, ApiError> {
    raw.map(|r| ShipmentId::parse(r).map_err(|_| invalid("shipment_id", "not a shipment id")))
        .transpose()
}

#[derive(Deserialize, JsonSchema)]
struct ListQuery {
    shipment_id: Option<String>,
    status: Option<String>,
    limit: Option<usize>,
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let q = web::Query::<ListQuery>::from_query(req.query_string())
        .map_err(|e| invalid("query", e.to_string()))?;
    let shipment = shipment_id(q.shipment_id.as_deref())?;
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(
            [
                Delivery::Queued,
                Delivery::Sent,
                Delivery::Skipped,
                Delivery::Dead,
            ]
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| invalid("status", "one of queued, sent, skipped, dead"))?,
        ),
    };
    let limit = q.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(invalid("limit", "between 1 and 1000"));
    }
    let all = app
        .notifications
        .list(&merchant, shipment.as_ref(), status, limit)
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "notifications": all })))
}

async fn retry(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let view = app.notifications.retry(&merchant, &id, Utc::now()).await?;
    Ok(HttpResponse::Accepted().json(view))
}

#[derive(Deserialize, JsonSchema)]
struct PreviewQuery {
    shipment_id: Option<String>,
    trigger: Option<String>,
    reason: Option<String>,
    channel: Option<String>,
    locale: Option<String>,
}

async fn preview(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let q = web::Query::<PreviewQuery>::from_query(req.query_string())
        .map_err(|e| invalid("query", e.to_string()))?;
    let shipment =
        shipment_id(q.shipment_id.as_deref())?.ok_or_else(|| invalid("shipment_id", "required"))?;
    let trigger = q
        .trigger
        .as_deref()
        .and_then(Trigger::parse)
        .ok_or_else(|| invalid("trigger", "one of shipped, in_transit, delay, eta_changed, out_for_delivery, failed_attempt, available_for_pickup, delivered, return_to_sender, feedback_request"))?;
    let reason = match (trigger, q.reason.as_deref()) {
        (Trigger::Delay, r) => Some(
            [
                DelayReason::CarrierException,
                DelayReason::CarrierDelay,
                DelayReason::LikelyLate,
                DelayReason::EtaPastPromise,
                DelayReason::Stalled,
                DelayReason::Forgotten,
            ]
            .into_iter()
            .find(|d| Some(d.as_str()) == r.or(Some("carrier_exception")))
            .ok_or_else(|| {
                invalid(
                    "reason",
                    "one of carrier_exception, carrier_delay, likely_late, eta_past_promise, stalled, forgotten",
                )
            })?,
        ),
        _ => None,
    };
    let channel = match q.channel.as_deref() {
        None => Channel::Email,
        Some(c) => Channel::parse(c)
            .ok_or_else(|| invalid("channel", "one of email, sms, whatsapp, webhook, outbox"))?,
    };
    let m = app
        .notifications
        .preview(
            &merchant,
            &shipment,
            Occasion { trigger, reason },
            q.locale.as_deref(),
        )
        .await?;
    let body = match channel {
        Channel::Sms | Channel::Whatsapp => serde_json::json!({
            "channel": channel, "lang": m.lang, "text": m.short,
        }),
        _ => serde_json::json!({
            "channel": channel, "lang": m.lang, "subject": m.subject, "text": m.text, "html": m.html,
        }),
    };
    Ok(HttpResponse::Ok().json(body))
}
