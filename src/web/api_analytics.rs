//! `/api/v1/analytics/{report}` (and `{report}.csv`): the merchant's figures over a period,
//! filtered by carrier and lane; every column defined in the answer.

use actix_web::{HttpRequest, HttpResponse, web};
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, object};
use crate::domain::analytics::{Breakdown, ReportName};
use crate::services::{AnalyticsFilter, FieldError};

pub fn routes(api: &mut Api) {
    api.get(
        "/analytics/{report}",
        report,
        Doc::new("A report: statuses, delivery, exceptions, estimates, messages or pages (add .csv for CSV); columns and their definitions, one row per day, carrier, lane or channel")
            .query::<ReportQuery>()
            .ok(200, object()),
    );
}

#[derive(Deserialize, JsonSchema)]
struct ReportQuery {
    /// First day, `YYYY-MM-DD` (default: 29 days before `to`).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (default: today, UTC); at most 366 days in all.
    to: Option<String>,
    /// Only this carrier's parcels (a carrier code).
    carrier: Option<String>,
    /// Only this lane's parcels: destination country and region, `BR-01` (whole months).
    lane: Option<String>,
    /// Breakdown rows: `carrier` (default) or `lane`.
    by: Option<String>,
}

async fn report(
    req: HttpRequest,
    name: web::Path<String>,
    query: web::Query<ReportQuery>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let name = name.into_inner();
    let (name, csv) = match name.strip_suffix(".csv") {
        Some(n) => (n, true),
        None => (name.as_str(), false),
    };
    let name = ReportName::parse(name).ok_or(ApiError::NotFound)?;
    let q = query.into_inner();
    let by = match q.by.as_deref() {
        None | Some("carrier") => Breakdown::Carrier,
        Some("lane") => Breakdown::Lane,
        Some(_) => {
            let e = FieldError::new("by", "carrier or lane");
            return Err(ApiError::Invalid(vec![e]));
        }
    };
    let (from, to) = (q.from.as_deref(), q.to.as_deref());
    let filter = AnalyticsFilter::parse(from, to, q.carrier.as_deref(), q.lane.as_deref())?;
    let report = app.analytics.report(&merchant, name, by, &filter).await?;
    if csv {
        let file = format!(
            "attachment; filename=\"{}-{}-{}.csv\"",
            report.report, filter.from, filter.to
        );
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(("content-disposition", file))
            .body(report.csv()));
    }
    let mut body = serde_json::to_value(&*report).unwrap_or_default();
    body["from"] = serde_json::json!(filter.from);
    body["to"] = serde_json::json!(filter.to);
    body["carrier"] = serde_json::json!(filter.carrier);
    body["lane"] = serde_json::json!(filter.lane);
    Ok(HttpResponse::Ok().json(body))
}
