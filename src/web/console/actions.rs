//! What an agent (or above) does to a shipment from its page: refresh it now, stop tracking
//! it (confirmed: the customer's link dies and their personal data is erased), send a
//! failed or skipped message again. Each goes back to the shipment's page with a notice.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::{CsrfForm, Member, acting, redirect, unavailable};
use crate::domain::{Action, ShipmentId};
use crate::services::ServiceError;
use crate::web::AppState;

fn back(id: &str, notice: &str) -> HttpResponse {
    redirect(&format!("/console/shipments/{id}?notice={notice}"))
}

/// The member acting on shipment `id` (an agent or above, with the form's secret), and the
/// shipment's id; otherwise where to go instead.
async fn acting_on(
    req: &HttpRequest,
    app: &AppState,
    id: &str,
    csrf: &str,
) -> Result<(Member, ShipmentId), HttpResponse> {
    let page = format!("/console/shipments/{id}");
    let m = acting(req, app, Action::ActOnShipments, csrf, &page).await?;
    let sid = ShipmentId::parse(id).map_err(|_| redirect("/console/shipments"))?;
    Ok((m, sid))
}

pub async fn refresh(
    req: HttpRequest,
    id: web::Path<String>,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let (m, sid) = match acting_on(&req, &app, &id, &form.csrf).await {
        Ok(found) => found,
        Err(resp) => return resp,
    };
    let now = chrono::Utc::now();
    match app.shipments.refresh(&m.merchant.id, &sid, now).await {
        Ok(()) => back(&id, "refreshed"),
        Err(ServiceError::TooManyRequests { .. }) => back(&id, "too-soon"),
        Err(ServiceError::Conflict(_)) => back(&id, "not-tracked"),
        Err(ServiceError::NotFound) => redirect("/console/shipments"),
        Err(e) => unavailable(&req, e),
    }
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    confirm: String,
}

pub async fn cancel(
    req: HttpRequest,
    id: web::Path<String>,
    form: web::Form<CancelForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let (m, sid) = match acting_on(&req, &app, &id, &form.csrf).await {
        Ok(found) => found,
        Err(resp) => return resp,
    };
    if form.confirm != "yes" {
        return back(&id, "confirm");
    }
    match app
        .shipments
        .cancel(&m.merchant.id, &sid, chrono::Utc::now())
        .await
    {
        Ok(()) => {
            tracing::info!(user = %m.user.id, shipment = %sid, "tracking stopped from the console");
            back(&id, "cancelled")
        }
        Err(ServiceError::NotFound) => redirect("/console/shipments"),
        Err(e) => unavailable(&req, e),
    }
}

pub async fn resend(
    req: HttpRequest,
    id: web::Path<String>,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match acting(&req, &app, Action::ActOnShipments, &form.csrf, "/console").await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let now = chrono::Utc::now();
    match app.notifications.retry(&m.merchant.id, &id, now).await {
        Ok(n) => back(n.shipment_id.as_str(), "resent"),
        Err(ServiceError::Conflict(_)) => {
            // Already sent or queued: back to its shipment, found through the listing.
            match app.notifications.find(&m.merchant.id, &id).await {
                Ok(Some(n)) => back(n.shipment_id.as_str(), "not-resent"),
                _ => redirect("/console/shipments"),
            }
        }
        Err(ServiceError::NotFound) => redirect("/console/shipments"),
        Err(e) => unavailable(&req, e),
    }
}
