//! `POST /api/v1/imports` (a CSV or NDJSON file as the body, read as it arrives and
//! imported in the background), `GET /api/v1/imports`, `GET /api/v1/imports/{id}` and
//! `GET /api/v1/imports/{id}/failures` (the failed rows as a file to fix and upload again).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::domain::ImportId;
use crate::services::{ImportKind, ImportView};

pub fn routes(api: &mut Api) {
    api.post(
        "/imports",
        create,
        Doc::new("Import a file of shipments: CSV (`text/csv`; RFC 4180, UTF-8 with or without BOM, comma or semicolon; a header row naming the columns — AfterShip's names such as `tracking_number`, `courier`, `order_id`, `title`, `customer_name`, `email`, `sms`, `destination_country` alpha-2 or alpha-3, or ours: `carrier`, `order_number`, `promised_by`, `language`, `items` as `Mug x 2 | Towel`) or NDJSON (`application/x-ndjson`; one object a line: the same names, or the body of `POST /shipments`). Answered 202 once the file is stored; the rows are registered in the background, each as `POST /shipments` would. 409 while `imports.max_running` of the merchant's imports run")
            .file_body(&["text/csv", "application/x-ndjson"])
            .ok(202, output::<ImportView>()),
    )
    .get(
        "/imports",
        list,
        Doc::new("The merchant's recent imports, newest first (without their failed rows)")
            .ok(200, serde_json::json!({ "type": "object" })),
    )
    .get(
        "/imports/{id}",
        one,
        Doc::new("An import's progress: rows read, created, already known, failed (the first 100 with the row number and the reason; all in `…/failures`)")
            .ok(200, output::<ImportView>()),
    )
    .get(
        "/imports/{id}/failures",
        failures,
        Doc::new("The failed rows as a file like the one uploaded, with an `error` column (CSV) or member (NDJSON) saying why: fix it and upload it again")
            .ok_as("text/csv"),
    );
}

/// The kind of file a content type names.
fn kind(req: &HttpRequest) -> Result<ImportKind, ApiError> {
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "text/csv" => Ok(ImportKind::Csv),
        "application/x-ndjson" | "application/ndjson" | "application/jsonl" => {
            Ok(ImportKind::Ndjson)
        }
        _ => Err(ApiError::UnsupportedType(format!(
            "send the file as text/csv or application/x-ndjson, not {:?}",
            ct
        ))),
    }
}

async fn create(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let kind = kind(&req)?;
    let max = app.imports.max_bytes();
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(ApiError::TooLarge(max as usize));
    }
    let view = app
        .imports
        .receive(&caller, kind, "", body, Utc::now())
        .await?;
    Ok(HttpResponse::Accepted()
        .insert_header((header::LOCATION, format!("/api/v1/imports/{}", view.id)))
        .json(view))
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let items = app.imports.list(&merchant).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

fn parse_id(id: &str) -> Result<ImportId, ApiError> {
    ImportId::parse(id).map_err(|_| ApiError::NotFound)
}

async fn one(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let view = app.imports.get(&merchant, &parse_id(&id)?).await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn failures(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let file = app.imports.failures(&merchant, &parse_id(&id)?).await?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file.name),
        ))
        .body(file.body))
}
