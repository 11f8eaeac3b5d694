//! `POST /hooks/shopify/{merchant id}` and `POST /hooks/woocommerce/{merchant id}`: a store's
//! webhooks. Checked (a connected store, its signature, its shop), answered at once and
//! applied from a queue; a duplicate, a topic shipmate does not read or WooCommerce's ping
//! is answered 200 too, so the store stops retrying. Both Shopify's `X-Shopify-*` headers
//! and the newer unprefixed `Shopify-*` ones are read.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde_json::json;

use super::AppState;

mod carriers;
use crate::domain::MerchantId;
use crate::services::{Delivery, DeliveryRefused, Received};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/hooks/shopify/{merchant}", web::post().to(shopify))
        .route("/hooks/woocommerce/{merchant}", web::post().to(woocommerce))
        .configure(carriers::routes);
}

pub(super) fn answer(status: StatusCode, what: &str) -> HttpResponse {
    HttpResponse::build(status).json(json!({ "status": what }))
}

/// The merchant of the URL and the body, read within `intake.max_body`.
async fn read(
    merchant: &str,
    body: web::Payload,
    app: &AppState,
) -> Result<(MerchantId, bytes::Bytes), HttpResponse> {
    let Ok(merchant) = MerchantId::parse(merchant) else {
        return Err(answer(StatusCode::NOT_FOUND, "unknown"));
    };
    Ok((merchant, read_body(body, app).await?))
}

/// A webhook's body, read within `intake.max_body`.
pub(super) async fn read_body(
    body: web::Payload,
    app: &AppState,
) -> Result<bytes::Bytes, HttpResponse> {
    match body.to_bytes_limited(app.intake.max_body()).await {
        Ok(Ok(body)) => Ok(body),
        Ok(Err(_)) => Err(answer(StatusCode::BAD_REQUEST, "unreadable")),
        Err(_) => Err(answer(StatusCode::PAYLOAD_TOO_LARGE, "too large")),
    }
}

/// The answer to a delivery refused (a store's or a carrier's, named by `source`).
pub(super) fn refused(source: &str, e: DeliveryRefused) -> HttpResponse {
    match e {
        DeliveryRefused::Unknown => answer(StatusCode::NOT_FOUND, "unknown"),
        DeliveryRefused::Unsigned => answer(StatusCode::UNAUTHORIZED, "bad signature"),
        DeliveryRefused::Unavailable(e) => {
            tracing::warn!(source, error = %e, "delivery not taken");
            answer(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    }
}

fn outcome(source: &str, got: Result<Received, DeliveryRefused>) -> HttpResponse {
    let what = match &got {
        Ok(Received::Queued) => "queued",
        Ok(Received::Duplicate) => "duplicate",
        Ok(Received::Ignored) => "ignored",
        Err(_) => "refused",
    };
    crate::metrics::STORE_DELIVERIES.inc(&[("source", source), ("outcome", what)]);
    match got {
        Ok(Received::Queued) => answer(StatusCode::OK, "queued"),
        Ok(Received::Duplicate) => answer(StatusCode::OK, "duplicate"),
        Ok(Received::Ignored) => answer(StatusCode::OK, "ignored"),
        Err(e) => refused(source, e),
    }
}

async fn shopify(
    req: HttpRequest,
    merchant: web::Path<String>,
    body: web::Payload,
    app: web::Data<AppState>,
) -> HttpResponse {
    let (merchant, body) = match read(&merchant, body, &app).await {
        Ok(read) => read,
        Err(resp) => return resp,
    };
    // Either spelling: `X-Shopify-Topic` or `Shopify-Topic`.
    let h = |name: &str| {
        let headers = req.headers();
        headers
            .get(format!("x-{name}"))
            .or_else(|| headers.get(name))
            .and_then(|v| v.to_str().ok())
    };
    let delivery = Delivery {
        signature: h("shopify-hmac-sha256"),
        topic: h("shopify-topic"),
        shop: h("shopify-shop-domain"),
        event_id: h("shopify-event-id").or_else(|| h("shopify-webhook-id")),
        triggered_at: h("shopify-triggered-at"),
        body: &body,
    };
    let got = app
        .intake
        .receive_shopify(&merchant, delivery, Utc::now())
        .await;
    outcome("shopify", got)
}

/// WooCommerce's `X-WC-Webhook-*` headers.
async fn woocommerce(
    req: HttpRequest,
    merchant: web::Path<String>,
    body: web::Payload,
    app: web::Data<AppState>,
) -> HttpResponse {
    let (merchant, body) = match read(&merchant, body, &app).await {
        Ok(read) => read,
        Err(resp) => return resp,
    };
    let h = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let delivery = Delivery {
        signature: h("x-wc-webhook-signature"),
        topic: h("x-wc-webhook-topic"),
        shop: h("x-wc-webhook-source"),
        event_id: h("x-wc-webhook-delivery-id"),
        triggered_at: None,
        body: &body,
    };
    let got = app
        .intake
        .receive_woocommerce(&merchant, delivery, Utc::now())
        .await;
    outcome("woocommerce", got)
}
