//! `GET /api/v1/shipments/{id}/qr.svg` and `qr.png?size=`: the code to print on the
//! packaging; it opens `/p/{token}` (tracking before delivery, feedback after).

use actix_web::{HttpRequest, HttpResponse, web};
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc};
use crate::domain::{Links, ShipmentId};
use crate::services::FieldError;

pub fn routes(api: &mut Api) {
    api.get(
        "/shipments/{id}/qr.svg",
        svg,
        Doc::new("The parcel's QR code (SVG)")
            .query::<SizeQuery>()
            .ok_as("image/svg+xml"),
    )
    .get(
        "/shipments/{id}/qr.png",
        png,
        Doc::new("The parcel's QR code (PNG)")
            .query::<SizeQuery>()
            .ok_as("image/png"),
    );
}

#[derive(Deserialize, JsonSchema)]
struct SizeQuery {
    size: Option<u32>,
}

/// The package page's absolute URL and the asked size (64–2048 px, default 256).
async fn target(req: &HttpRequest, id: &str, app: &AppState) -> Result<(String, u32), ApiError> {
    let merchant = app.merchant(req).await?;
    let id = ShipmentId::parse(id).map_err(|_| ApiError::NotFound)?;
    let size = web::Query::<SizeQuery>::from_query(req.query_string())
        .map_err(|e| ApiError::Invalid(vec![FieldError::new("size", e.to_string())]))?
        .size
        .unwrap_or(256);
    if !(64..=2048).contains(&size) {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "size",
            "between 64 and 2048 pixels",
        )]));
    }
    let s = app.shipments.get(&merchant, &id).await?;
    let url = Links::absolute(&app.config.http.public_url, &s.token).package();
    Ok((url, size))
}

async fn svg(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let (url, size) = target(&req, &id, &app).await?;
    let body = crate::qr::svg(&url, size).ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().content_type("image/svg+xml").body(body))
}

async fn png(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let (url, size) = target(&req, &id, &app).await?;
    let body = crate::qr::png(&url, size).ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().content_type("image/png").body(body))
}
