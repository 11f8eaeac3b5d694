//! `POST /hooks/carriers/{aftership,ups,fedex,dhl}`: carriers that push their scans, each
//! authenticated as that carrier does it (see `services::push`). Answered 200 when applied
//! or not for us (the carrier stops sending), 401 when the signature or token is wrong,
//! 404 while that carrier's push is not configured, 503 while a poller holds a shipment
//! or Redis is away (the carrier sends it again).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::{answer, read_body, refused};
use crate::services::PushOutcome;
use crate::web::AppState;

/// The header DHL sends our token in (the subscription's `authentication.header`).
pub const DHL_TOKEN_HEADER: &str = "shipmate-push-token";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/hooks/carriers/{carrier}", web::post().to(push));
}

async fn push(
    req: HttpRequest,
    carrier: web::Path<String>,
    body: web::Payload,
    app: web::Data<AppState>,
) -> HttpResponse {
    // The carrier and the header that authenticates it.
    let header = match carrier.as_str() {
        "aftership" => "aftership-hmac-sha256",
        "ups" => "credential",
        "fedex" => "fdx-signature",
        "dhl" => DHL_TOKEN_HEADER,
        _ => return answer(StatusCode::NOT_FOUND, "unknown"),
    };
    let body = match read_body(body, &app).await {
        Ok(body) => body,
        Err(resp) => return resp,
    };
    let given = req.headers().get(header).and_then(|v| v.to_str().ok());
    let (push, now) = (&app.push, Utc::now());
    let got = match carrier.as_str() {
        "aftership" => push.aftership(&body, given, now).await,
        "ups" => push.ups(&body, given, now).await,
        "fedex" => push.fedex(&body, given, now).await,
        _ => push.dhl(&body, given, now).await,
    };
    let what = match &got {
        Ok(PushOutcome::Applied(_)) => "applied",
        Ok(PushOutcome::Ignored) => "ignored",
        Ok(PushOutcome::Busy) => "busy",
        Err(_) => "refused",
    };
    crate::metrics::STORE_DELIVERIES.inc(&[("source", carrier.as_str()), ("outcome", what)]);
    match got {
        Ok(PushOutcome::Busy) => answer(StatusCode::SERVICE_UNAVAILABLE, "busy"),
        Ok(_) => answer(StatusCode::OK, what),
        Err(e) => refused(&carrier, e),
    }
}
