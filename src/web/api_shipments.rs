//! `/api/v1/shipments`: register, read, list, refresh and delete a merchant's shipments.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::api_feedback::field;
use super::error::ApiError;
use super::openapi::{Api, Doc, object, output};
use super::shipment_response::ShipmentResponse;
use crate::domain::estimate::Window;
use crate::domain::{MerchantId, Shipment, ShipmentFilter, ShipmentId, TimeZone};
use crate::services::ShipmentRequest;
use crate::services::{FieldError, FilterInput, NewShipmentInput};

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
        Doc::new("The merchant's shipments, newest first, filtered; or those found by `q`")
            .query::<ListQuery>(),
    )
    .get(
        "/shipments.csv",
        csv,
        Doc::new("The filtered list as CSV (at most 10,000 rows; a `Link: rel=next` goes on)")
            .query::<ListQuery>()
            .ok_as("text/csv"),
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
    let estimate = estimate_of(&app, &s).await?;
    let mut resp = if registered.created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(resp
        .insert_header(("Location", format!("/api/v1/shipments/{}", s.id)))
        .json(ShipmentResponse::with(s, url, estimate)))
}

/// One shipment's delivery window as of now.
async fn estimate_of(app: &AppState, s: &Shipment) -> Result<Option<Window>, ApiError> {
    let windows = app
        .shipments
        .estimates()
        .windows(std::slice::from_ref(s), Utc::now());
    Ok(windows.await?.pop().flatten())
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
    let estimate = estimate_of(&app, &s).await?;
    Ok(HttpResponse::Ok().json(ShipmentResponse::with(s, url, estimate)))
}

#[derive(Deserialize, JsonSchema)]
struct ListQuery {
    status: Option<String>,
    /// A carrier code (`ups`, `dhl`, …).
    carrier: Option<String>,
    /// `true`: only those that need attention (exception, failed attempt, return to sender,
    /// stalled, forgotten, late against the promise).
    attention: Option<String>,
    /// Created on or after: a day (`2026-11-01`, in the merchant's time zone) or an RFC 3339
    /// time.
    created_from: Option<String>,
    /// Created up to: a day (included) or an RFC 3339 time (excluded).
    created_to: Option<String>,
    cursor: Option<String>,
    limit: Option<usize>,
    /// Exactly this tracking number, order number or customer e-mail (case and spaces
    /// aside): the matches, newest first, at most 100, without paging.
    q: Option<String>,
}

/// The query and the filter it names.
async fn filtered(
    req: &HttpRequest,
    app: &AppState,
) -> Result<(MerchantId, ListQuery, ShipmentFilter), ApiError> {
    let merchant = app.merchant(req).await?;
    let q = web::Query::<ListQuery>::from_query(req.query_string())
        .map_err(|e| ApiError::Invalid(vec![FieldError::new("query", e.to_string())]))?
        .into_inner();
    let input = FilterInput {
        status: q.status.as_deref(),
        carrier: q.carrier.as_deref(),
        attention: q.attention.as_deref(),
        created_from: q.created_from.as_deref(),
        created_to: q.created_to.as_deref(),
    };
    // Days are the merchant's: its zone is read only when a day is given.
    let zone = if input.created_from.is_some() || input.created_to.is_some() {
        app.merchants.profile(&merchant).await?.timezone
    } else {
        TimeZone::UTC
    };
    let filter = app
        .shipments
        .filter(&input, zone)
        .map_err(ApiError::Invalid)?;
    Ok((merchant, q, filter))
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let (merchant, q, filter) = filtered(&req, &app).await?;
    let page = match q.q.as_deref() {
        Some(query) => app.shipments.search(&merchant, query, &filter).await?,
        None => {
            let cursor = q.cursor.as_deref();
            let limit = q.limit.unwrap_or(50);
            app.shipments
                .list(&merchant, &filter, cursor, limit)
                .await?
        }
    };
    let windows = app.shipments.estimates().windows(&page.items, Utc::now());
    let windows = windows.await?;
    let items: Vec<ShipmentResponse> = page
        .items
        .into_iter()
        .zip(windows)
        .map(|(s, estimate)| {
            let url = app.shipments.tracking_url(&s);
            ShipmentResponse::with(s, url, estimate)
        })
        .collect();
    Ok(HttpResponse::Ok()
        .json(serde_json::json!({ "items": items, "next_cursor": page.next_cursor })))
}

/// Rows one CSV export holds at most.
pub(super) const CSV_ROWS: usize = 10_000;

async fn csv(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let (merchant, q, filter) = filtered(&req, &app).await?;
    let page = app
        .shipments
        .export(&merchant, &filter, q.cursor.clone(), CSV_ROWS)
        .await?;
    let mut resp = HttpResponse::Ok();
    resp.content_type("text/csv; charset=utf-8").insert_header((
        "Content-Disposition",
        "attachment; filename=\"shipments.csv\"",
    ));
    if let Some(next) = &page.next_cursor {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
        pairs.retain(|(k, _)| k != "cursor");
        pairs.push(("cursor".into(), next.clone()));
        let rest = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        resp.insert_header((
            "Link",
            format!("</api/v1/shipments.csv?{rest}>; rel=\"next\""),
        ));
    }
    let now = Utc::now();
    let out = csv_of(&page.items, now, |s| app.shipments.tracking_url(s));
    Ok(resp.body(out))
}

/// Shipments as CSV (RFC 4180, CRLF), one row each, without the customer's personal data:
/// the API's and the console's export.
pub(super) fn csv_of(
    items: &[Shipment],
    now: DateTime<Utc>,
    url: impl Fn(&Shipment) -> String,
) -> String {
    let mut out = String::from(
        "id,carrier,tracking_number,status,substatus,attention,order_number,promised_by,eta,destination_country,created_at,updated_at,tracking_url\r\n",
    );
    for s in items {
        let cells = [
            s.id.to_string(),
            s.carrier.to_string(),
            field(s.tracking_number.as_str()),
            s.status.as_str().to_owned(),
            s.substatus.map_or("", |x| x.as_str()).to_owned(),
            s.attention(now).map_or("", |a| a.as_str()).to_owned(),
            field(&s.order.number),
            s.order
                .promised_by
                .map(|d| d.to_string())
                .unwrap_or_default(),
            s.eta.map(|t| t.to_rfc3339()).unwrap_or_default(),
            s.destination
                .country
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            s.created_at.to_rfc3339(),
            s.updated_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            url(s),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
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
