//! The shipments export: the list's current filter as CSV (the API's writer and limits).

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::shipments::Wanted;
use super::{Member, unavailable};
use crate::domain::Action;
use crate::services::ServiceError;
use crate::web::AppState;

/// The shipments export: the current filter as CSV (the API's writer and limits).
pub async fn export(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let wanted = Wanted::of(&req, &app, &m);
    if wanted.error.is_some() {
        return super::redirect("/console/shipments");
    }
    let cursor = wanted.raw.cursor.clone();
    let rows = crate::web::api_shipments::CSV_ROWS;
    match app
        .shipments
        .export(&m.merchant.id, &wanted.filter, cursor, rows)
        .await
    {
        Ok(page) => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                "Content-Disposition",
                "attachment; filename=\"shipments.csv\"",
            ))
            .body(crate::web::api_shipments::csv_of(
                &page.items,
                Utc::now(),
                |s| app.shipments.tracking_url(s),
            )),
        Err(ServiceError::Invalid(_)) => super::redirect("/console/shipments"),
        Err(e) => unavailable(&req, e),
    }
}
