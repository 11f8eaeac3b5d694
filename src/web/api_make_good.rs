//! `/api/v1/make-good`: the pool of discount codes late parcels draw from, and what it gave.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::services::{AddedView, CodesInput, PoolView};

pub fn routes(api: &mut Api) {
    api.get(
        "/make-good",
        status,
        Doc::new(
            "Codes left in the pool, late parcels given a make-good, customers who ordered again",
        )
        .ok(200, output::<PoolView>()),
    )
    .post(
        "/make-good/codes",
        add,
        Doc::new("Add discount codes to the pool (each used once, one per customer)")
            .body::<CodesInput>()
            .ok(200, output::<AddedView>()),
    )
    .delete(
        "/make-good/codes",
        clear,
        Doc::new("Empty the pool (codes already given stay given)").ok(200, output::<PoolView>()),
    );
}

async fn status(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    Ok(HttpResponse::Ok().json(app.make_goods.status(&merchant).await?))
}

async fn add(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    // Up to 10,000 codes: the larger body shop webhooks may send.
    let input: CodesInput = super::json::read(body, app.config.intake.max_body).await?;
    let added = app.make_goods.add_codes(&caller, input, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(added))
}

async fn clear(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    app.make_goods.clear(&caller, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(app.make_goods.status(&caller.merchant).await?))
}
