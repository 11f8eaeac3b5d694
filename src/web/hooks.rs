//! `POST /hooks/shopify/{merchant id}`: a store's webhooks. Checked (a connected store, its
//! signature, its shop), answered at once and applied from a queue; a duplicate or a topic
//! shipmate does not read is answered 200 too, so the store stops retrying. Both Shopify's
//! `X-Shopify-*` headers and the newer unprefixed `Shopify-*` ones are read.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde_json::json;

use super::AppState;
use crate::domain::MerchantId;
use crate::services::{Delivery, DeliveryRefused, Received};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/hooks/shopify/{merchant}", web::post().to(shopify));
}

/// A header in either spelling (`X-Shopify-Topic` or `Shopify-Topic`).
fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    let h = req.headers();
    h.get(format!("x-{name}"))
        .or_else(|| h.get(name))
        .and_then(|v| v.to_str().ok())
}

fn answer(status: StatusCode, what: &str) -> HttpResponse {
    HttpResponse::build(status).json(json!({ "status": what }))
}

async fn shopify(
    req: HttpRequest,
    merchant: web::Path<String>,
    body: web::Payload,
    app: web::Data<AppState>,
) -> HttpResponse {
    let Ok(merchant) = MerchantId::parse(&merchant) else {
        return answer(StatusCode::NOT_FOUND, "unknown");
    };
    let max = app.intake.max_body();
    let body = match body.to_bytes_limited(max).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => return answer(StatusCode::BAD_REQUEST, "unreadable"),
        Err(_) => return answer(StatusCode::PAYLOAD_TOO_LARGE, "too large"),
    };
    let delivery = Delivery {
        signature: header(&req, "shopify-hmac-sha256"),
        topic: header(&req, "shopify-topic"),
        shop: header(&req, "shopify-shop-domain"),
        event_id: header(&req, "shopify-event-id").or_else(|| header(&req, "shopify-webhook-id")),
        triggered_at: header(&req, "shopify-triggered-at"),
        body: &body,
    };
    match app
        .intake
        .receive_shopify(&merchant, delivery, Utc::now())
        .await
    {
        Ok(Received::Queued) => answer(StatusCode::OK, "queued"),
        Ok(Received::Duplicate) => answer(StatusCode::OK, "duplicate"),
        Ok(Received::Ignored) => answer(StatusCode::OK, "ignored"),
        Err(DeliveryRefused::Unknown) => answer(StatusCode::NOT_FOUND, "unknown"),
        Err(DeliveryRefused::Unsigned) => answer(StatusCode::UNAUTHORIZED, "bad signature"),
        Err(DeliveryRefused::Unavailable(e)) => {
            tracing::warn!(error = %e, "store delivery not taken");
            answer(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    }
}
