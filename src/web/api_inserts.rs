//! Packing-slip inserts to print: `GET /api/v1/shipments/{id}/insert` and, for a batch,
//! `POST /api/v1/inserts` with `{"shipment_ids": […]}` — one page per parcel with the
//! merchant's logo, "scan to follow your parcel and tell us how it went", the QR code and
//! the short URL, in the customer's language.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc};
use crate::domain::{Merchant, Shipment, ShipmentId};
use crate::services::{Audience, FieldError};

pub fn routes(api: &mut Api) {
    api.get(
        "/shipments/{id}/insert",
        one,
        Doc::new("A printable package insert with the parcel's QR code").ok_as("text/html"),
    )
    .post(
        "/inserts",
        many,
        Doc::new("Printable inserts for several parcels, one per page")
            .body::<Batch>()
            .ok_as("text/html"),
    );
}

struct Insert {
    lang: String,
    rtl: bool,
    title: String,
    svg: String,
    short: String,
    order: String,
}

#[derive(Template)]
#[template(path = "insert.html")]
struct InsertsPage {
    lang: String,
    merchant: String,
    brand_color: String,
    logo_url: Option<String>,
    inserts: Vec<Insert>,
}

pub(super) fn render(app: &AppState, m: &Merchant, shipments: &[Shipment]) -> HttpResponse {
    let inserts = shipments
        .iter()
        .map(|s| {
            let who = Audience::new(s, m, &[], app.config.public_url());
            let (l, url) = (&who.lang, who.links.package());
            Insert {
                lang: l.tag(),
                rtl: l.is_rtl(),
                title: l.t("insert-title"),
                svg: crate::qr::svg(&url, 256).unwrap_or_default(),
                short: l.t_args("insert-short", &[("url", url.clone())]),
                order: l.t_args("order-number", &[("number", s.order.number.clone())]),
            }
        })
        .collect();
    let page = InsertsPage {
        lang: m.locale.to_string(),
        merchant: m.name.clone(),
        brand_color: m.brand.legible_color(),
        logo_url: m.logo_path(),
        inserts,
    };
    let mut resp = super::pages::render(actix_web::http::StatusCode::OK, &page);
    // A sheet to save and print offline: its styles travel inline, unlike the pages'.
    resp.headers_mut().insert(
        actix_web::http::header::CONTENT_SECURITY_POLICY,
        actix_web::http::header::HeaderValue::from_static(INSERT_CSP),
    );
    resp
}

const INSERT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn merchant_record(
    req: &HttpRequest,
    app: &AppState,
) -> Result<std::sync::Arc<Merchant>, ApiError> {
    let id = app.merchant(req).await?;
    app.store
        .merchant(&id)
        .await
        .map_err(|e| ApiError::from(crate::services::ServiceError::from(e)))?
        .ok_or(ApiError::NotFound)
}

async fn one(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let m = merchant_record(&req, &app).await?;
    let id = ShipmentId::parse(&id).map_err(|_| ApiError::NotFound)?;
    let s = app.shipments.get(&m.id, &id).await?;
    Ok(render(&app, &m, &[s]))
}

#[derive(Deserialize, JsonSchema)]
struct Batch {
    shipment_ids: Vec<String>,
}

async fn many(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let m = merchant_record(&req, &app).await?;
    let batch: Batch = super::json::read(body, app.config.http.body_limit).await?;
    if batch.shipment_ids.is_empty() || batch.shipment_ids.len() > 500 {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "shipment_ids",
            "between 1 and 500 shipment ids",
        )]));
    }
    // Ids that are not ids find nothing; a Redis failure is a 503, never "no such shipment".
    let ids: Vec<Option<ShipmentId>> = batch
        .shipment_ids
        .iter()
        .map(|raw| ShipmentId::parse(raw).ok())
        .collect();
    let wanted: Vec<ShipmentId> = ids.iter().flatten().cloned().collect();
    let mut found = app.shipments.get_many(&m.id, &wanted).await?.into_iter();
    let mut shipments = Vec::with_capacity(ids.len());
    let mut errors = vec![];
    for (i, id) in ids.iter().enumerate() {
        match id.as_ref().and_then(|_| found.next().flatten()) {
            Some(s) => shipments.push(s),
            None => errors.push(FieldError::new(
                format!("shipment_ids[{i}]"),
                "no such shipment",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    Ok(render(&app, &m, &shipments))
}
