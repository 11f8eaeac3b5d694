//! `/api/v1/shipments`: register, read, list, refresh and delete a merchant's shipments.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, object, output};
use super::shipment_dto::ShipmentRequest;
use super::shipment_response::ShipmentResponse;
use crate::domain::{ShipmentId, Status};
use crate::services::{FieldError, NewShipmentInput};

/// Routes under `/api/v1`.
pub fn routes(api: &mut Api) {
    let shipment = output::<ShipmentResponse>;
    api.post(
        "/shipments",
        register,
        Doc::new("Register a shipment (the same number again answers 200 with the first)")
            .body::<ShipmentRequest>()
            .ok(201, shipment())
            .also(200, shipment()),
    )
    .get(
        "/shipments",
        list,
        Doc::new("The merchant's shipments, newest first; or those found by `q`")
            .query::<ListQuery>(),
    )
    .get(
        "/shipments/{id}",
        show,
        Doc::new("One shipment with its events").ok(200, shipment()),
    )
    .delete(
        "/shipments/{id}",
        delete,
        Doc::new("Cancel a shipment and erase its customer's personal data").no_content(),
    )
    .post(
        "/shipments/{id}/refresh",
        refresh,
        Doc::new("Ask the carrier again soon").ok(202, object()),
    );
}

async fn register(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let request: ShipmentRequest = super::json::read(body, app.config.http.body_limit).await?;
    let input = NewShipmentInput::try_from(request).map_err(ApiError::Invalid)?;
    let registered = app.shipments.register(&merchant, input, Utc::now()).await?;
    let s = registered.shipment;
    if registered.created {
        tracing::info!(shipment_id = %s.id, merchant_id = %merchant, carrier = %s.carrier, "shipment registered");
    }
    let url = app.shipments.tracking_url(&s);
    let mut resp = if registered.created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(resp
        .insert_header(("Location", format!("/api/v1/shipments/{}", s.id)))
        .json(ShipmentResponse::new(s, url)))
}

fn parse_id(raw: &str) -> Result<ShipmentId, ApiError> {
    ShipmentId::parse(raw).map_err(|_| ApiError::NotFound)
}

async fn show(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let s = app.shipments.get(&merchant, &parse_id(&id)?).await?;
    let url = app.shipments.tracking_url(&s);
    Ok(HttpResponse::Ok().json(ShipmentResponse::new(s, url)))
}

#[derive(Deserialize, JsonSchema)]
struct ListQuery {
    status: Option<String>,
    cursor: Option<String>,
    limit: Option<usize>,
    /// Exactly this tracking number, order number or customer e-mail (case and spaces
    /// aside): the matches, newest first, at most 100, without paging.
    q: Option<String>,
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let q = web::Query::<ListQuery>::from_query(req.query_string())
        .map_err(|e| ApiError::Invalid(vec![FieldError::new("query", e.to_string())]))?;
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            let all: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
            ApiError::Invalid(vec![FieldError::new(
                "status",
                format!("one of {}", all.join(", ")),
            )])
        })?),
        None => None,
    };
    let page = match q.q.as_deref() {
        Some(query) => app.shipments.search(&merchant, query, status).await?,
        None => {
            let cursor = q.cursor.as_deref();
            let limit = q.limit.unwrap_or(50);
            app.shipments.list(&merchant, status, cursor, limit).await?
        }
    };
    let items: Vec<ShipmentResponse> = page
        .items
        .into_iter()
        .map(|s| {
            let url = app.shipments.tracking_url(&s);
            ShipmentResponse::new(s, url)
        })
        .collect();
    Ok(HttpResponse::Ok()
        .json(serde_json::json!({ "items": items, "next_cursor": page.next_cursor })))
}

async fn refresh(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    app.shipments
        .refresh(&merchant, &parse_id(&id)?, Utc::now())
        .await?;
    Ok(HttpResponse::Accepted().json(serde_json::json!({ "status": "queued" })))
}

async fn delete(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let id = parse_id(&id)?;
    app.shipments.cancel(&merchant, &id, Utc::now()).await?;
    tracing::info!(shipment_id = %id, merchant_id = %merchant, "shipment deleted; personal data erased");
    Ok(HttpResponse::NoContent().finish())
}
