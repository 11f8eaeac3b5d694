//! One shipment in the console: its timeline with the carrier's raw codes, its messages
//! (sent or skipped, and why, each opening its text), its QR code and printable insert,
//! and what an agent or above may do to it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono_tz::Tz;

use super::shipments::{carrier_name, status_label};
use super::{Chrome, Member, unavailable};
use crate::domain::{Action, Delivery, Shipment, ShipmentId};
use crate::i18n::Lang;
use crate::services::{NotificationView, ServiceError};
use crate::web::AppState;
use crate::web::pages;

struct EventRow {
    when: String,
    status: String,
    description: String,
    location: Option<String>,
    code: String,
}

struct MessageRow {
    id: String,
    trigger: &'static str,
    channel: &'static str,
    outcome: String,
    when: String,
    why: String,
    /// Failed or skipped: it can be sent again.
    again: bool,
}

#[derive(Template)]
#[template(path = "console/shipment.html")]
struct ShipmentPage {
    chrome: Chrome,
    notice: Option<String>,
    id: String,
    heading: String,
    status: String,
    /// Refresh, stop tracking, send again: for agents and above, while tracked.
    act: bool,
    tracked: bool,
    labels: [String; 4],
    messages_title: String,
    message_columns: [String; 5],
    messages: Vec<MessageRow>,
    no_messages: String,
    send_again: String,
    facts: Vec<(String, String)>,
    tracking_url: String,
    customer_page: String,
    /// QR code title, hint, image alt text, insert link text.
    qr: [String; 4],
    open: String,
    timeline: String,
    columns: [String; 4],
    events: Vec<EventRow>,
    no_events: String,
    back: String,
}

pub async fn show(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let l = &m.lang;
    let not_found = || super::not_found(l);
    let Ok(id) = ShipmentId::parse(&id) else {
        return not_found();
    };
    let s = match app.shipments.get(&m.merchant.id, &id).await {
        Ok(s) => s,
        Err(ServiceError::NotFound) => return not_found(),
        Err(e) => return unavailable(&req, e),
    };
    let listed = app.notifications.list(&m.merchant.id, Some(&id), None, 100);
    let sent = match listed.await {
        Ok(all) => all,
        Err(e) => return unavailable(&req, e),
    };
    let zone: Tz = s.destination.zone_or(m.merchant.timezone);
    let messages = sent.into_iter().map(|n| message_row(l, &zone, n)).collect();
    let view = ShipmentPage {
        notice: super::notice(&req, l),
        tracking_url: app.shipments.tracking_url(&s),
        facts: vec![
            (
                l.t("console-tracking-number"),
                s.tracking_number.to_string(),
            ),
            (l.t("console-carrier"), carrier_name(&app, &s)),
            (
                l.t("console-created"),
                l.date_time(&s.created_at.with_timezone(&zone)),
            ),
        ],
        ..shipment_page(&m, &s, &zone, messages)
    };
    pages::render(StatusCode::OK, &view)
}

fn message_row(l: &Lang, zone: &Tz, n: NotificationView) -> MessageRow {
    MessageRow {
        again: matches!(n.status, Delivery::Dead | Delivery::Skipped),
        id: n.id,
        trigger: n.trigger.as_str(),
        channel: n.channel.as_str(),
        outcome: n.status.as_str().replace('_', " "),
        when: l.date_time(&n.sent_at.unwrap_or(n.created_at).with_timezone(zone)),
        why: n.last_error.unwrap_or_default(),
    }
}

/// The page's text and rows; `show` adds what needs the app (links, carrier names).
fn shipment_page(m: &Member, s: &Shipment, zone: &Tz, messages: Vec<MessageRow>) -> ShipmentPage {
    let l = &m.lang;
    let title = l.t_args("console-shipment", &[("number", s.order.number.clone())]);
    let events = s
        .events
        .iter()
        .rev()
        .map(|e| EventRow {
            when: l.date_time(&e.at.with_timezone(zone)),
            status: status_label(l, e.status),
            description: e.description.clone(),
            location: e.location.clone(),
            code: e.code.clone(),
        })
        .collect();
    ShipmentPage {
        chrome: m.chrome(title.clone()),
        notice: None,
        id: s.id.to_string(),
        heading: title,
        status: status_label(l, s.status),
        act: m.user.role.may(Action::ActOnShipments),
        tracked: !s.is_finished(),
        labels: [
            l.t("console-actions"),
            l.t("console-refresh"),
            l.t("console-cancel"),
            l.t("console-cancel-confirm"),
        ],
        messages_title: l.t("console-messages"),
        message_columns: [
            l.t("console-when"),
            l.t("console-trigger"),
            l.t("console-channel"),
            l.t("console-outcome"),
            l.t("console-why"),
        ],
        messages,
        no_messages: l.t("console-messages-none"),
        send_again: l.t("console-send-again"),
        facts: vec![],
        tracking_url: String::new(),
        customer_page: l.t("console-customer-page"),
        qr: [
            l.t("console-qr"),
            l.t("console-qr-hint"),
            l.t("console-qr-alt"),
            l.t("console-insert"),
        ],
        open: l.t("console-open"),
        timeline: l.t("console-timeline"),
        columns: [
            l.t("console-when"),
            l.t("console-status"),
            l.t("console-scan"),
            l.t("console-raw-code"),
        ],
        events,
        no_events: l.t("console-events-none"),
        back: l.t("console-back"),
    }
}

/// The shipment, if it is this member's shop's.
async fn own(
    req: &HttpRequest,
    app: &AppState,
    id: &str,
) -> Result<(Member, Shipment), HttpResponse> {
    let m = Member::allowed(req, app, Action::View).await?;
    let Ok(id) = ShipmentId::parse(id) else {
        return Err(HttpResponse::NotFound().finish());
    };
    match app.shipments.get(&m.merchant.id, &id).await {
        Ok(s) => Ok((m, s)),
        Err(ServiceError::NotFound) => Err(HttpResponse::NotFound().finish()),
        Err(e) => Err(unavailable(req, e)),
    }
}

/// `/console/shipments/{id}/qr.svg`: the code to print on the packaging.
pub async fn qr(req: HttpRequest, id: web::Path<String>, app: web::Data<AppState>) -> HttpResponse {
    let (_, s) = match own(&req, &app, &id).await {
        Ok(found) => found,
        Err(resp) => return resp,
    };
    let url = crate::domain::Links::absolute(&app.config.http.public_url, &s.token).package();
    match crate::qr::svg(&url, 256) {
        Some(svg) => HttpResponse::Ok().content_type("image/svg+xml").body(svg),
        None => HttpResponse::NotFound().finish(),
    }
}

/// `/console/shipments/{id}/insert`: the printable insert the API gives.
pub async fn insert(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    match own(&req, &app, &id).await {
        Ok((m, s)) => crate::web::api_inserts::render(&app, &m.merchant, &[s]),
        Err(resp) => resp,
    }
}
