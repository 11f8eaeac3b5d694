//! `GET /api/v1/carriers/detect?tracking_number=…`: who could have issued a number.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use crate::domain::TrackingNumber;
use crate::services::FieldError;

/// Routes under `/api/v1`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/carriers/detect").get(detect));
}

#[derive(Deserialize)]
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
