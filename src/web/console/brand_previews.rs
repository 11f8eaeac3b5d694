//! The branding page's previews, drawn in its sandboxed frames from the form's values (the
//! query) on an example parcel: the tracking page and the "shipped" e-mail.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::branding::BrandingForm;
use super::{Member, framed, unavailable};
use crate::domain::{Action, Merchant, Occasion, Trigger};
use crate::services::Audience;
use crate::web::AppState;
use crate::web::tracking_page::TrackingPage;

/// The merchant as the preview's query draws it, for a member who may configure.
async fn drawn(req: &HttpRequest, app: &AppState) -> Result<(Member, Merchant), HttpResponse> {
    let m = Member::allowed(req, app, Action::Configure).await?;
    let form = web::Query::<BrandingForm>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let drawn = form.drawn_on(&m.merchant);
    Ok((m, drawn))
}

/// The tracking page of an example parcel, as the form's values would draw it.
pub async fn page(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let (m, merchant) = match drawn(&req, &app).await {
        Ok(found) => found,
        Err(resp) => return resp,
    };
    let ids = (
        crate::domain::ShipmentId::from_random(crate::entropy::bytes()),
        crate::domain::PublicToken::from_random(crate::entropy::bytes()),
    );
    let shipment =
        match crate::domain::example_shipment(&merchant.id, ids, 1001, 7, chrono::Utc::now()) {
            Ok(s) => s,
            Err(e) => return unavailable(&req, e),
        };
    let mut who = Audience::new(&shipment, &merchant, &[], "");
    who.lang = m.lang.clone();
    let carrier = app.shipments.carriers().get(&shipment.carrier);
    match TrackingPage::new(&who, carrier.as_deref(), None).render() {
        Ok(html) => framed(html),
        Err(e) => unavailable(&req, e),
    }
}

/// The "shipped" e-mail of an example parcel, as the form's values would draw it.
pub async fn email(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let (m, merchant) = match drawn(&req, &app).await {
        Ok(found) => found,
        Err(resp) => return resp,
    };
    let occasion = Occasion {
        trigger: Trigger::Shipped,
        reason: None,
    };
    let now = chrono::Utc::now();
    match app
        .notifications
        .preview_example(&merchant, occasion, &m.lang, now)
        .await
    {
        Ok(message) => framed(message.html),
        Err(e) => unavailable(&req, e),
    }
}
