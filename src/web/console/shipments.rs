//! The console's shipments: newest first with a status filter and cursor paging (the API's
//! listing), and one shipment's timeline with the carrier's raw codes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono_tz::Tz;
use serde::Deserialize;

use super::{Chrome, Member, unavailable};
use crate::domain::{Action, Delivery, Shipment, ShipmentId, Status};
use crate::i18n::Lang;
use crate::services::ServiceError;
use crate::store::Page;
use crate::web::AppState;
use crate::web::pages;

/// Rows per page.
const PAGE: usize = 50;

struct Row {
    id: String,
    number: String,
    order: String,
    carrier: String,
    status: String,
    created: String,
}

#[derive(Template)]
#[template(path = "console/shipments.html")]
struct ListPage {
    chrome: Chrome,
    heading: String,
    status_label: String,
    all_statuses: String,
    statuses: Vec<(&'static str, String, bool)>,
    filter: String,
    search: String,
    search_hint: String,
    query: String,
    columns: [String; 5],
    rows: Vec<Row>,
    empty: String,
    next: Option<(String, String)>,
    first: Option<(String, String)>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    cursor: Option<String>,
    q: Option<String>,
}

fn status_label(l: &Lang, s: Status) -> String {
    l.t(&format!("console-status-{}", s.as_str()))
}

fn carrier_name(app: &AppState, s: &Shipment) -> String {
    app.shipments
        .carriers()
        .get(&s.carrier)
        .map_or_else(|| s.carrier.to_string(), |c| c.display_name().to_owned())
}

pub async fn list(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let l = &m.lang;
    let q = web::Query::<ListQuery>::from_query(req.query_string()).ok();
    let status = q
        .as_ref()
        .and_then(|q| q.status.as_deref())
        .and_then(Status::parse);
    let cursor = q.as_ref().and_then(|q| q.cursor.clone());
    let query: String = q
        .as_ref()
        .and_then(|q| q.q.as_deref())
        .map(str::trim)
        .unwrap_or("")
        .chars()
        .take(254)
        .collect();
    let merchant = &m.merchant.id;
    let page = if query.is_empty() {
        app.shipments
            .list(merchant, status, cursor.as_deref(), PAGE)
            .await
    } else {
        app.shipments
            .search(merchant, &query)
            .await
            .map(|found| Page {
                items: found
                    .into_iter()
                    .filter(|s| status.is_none_or(|st| s.status == st))
                    .collect(),
                next_cursor: None,
            })
    };
    let page = match page {
        Ok(page) => page,
        Err(ServiceError::Invalid(_)) => return super::redirect("/console/shipments"),
        Err(e) => return unavailable(&req, e),
    };
    let zone = m.merchant.timezone.tz();
    let rows = page
        .items
        .iter()
        .map(|s| Row {
            id: s.id.to_string(),
            number: s.tracking_number.to_string(),
            order: s.order.number.clone(),
            carrier: carrier_name(&app, s),
            status: status_label(l, s.status),
            created: l.date_time(&s.created_at.with_timezone(&zone)),
        })
        .collect();
    let filter_arg = status.map_or(String::new(), |s| format!("&status={}", s.as_str()));
    let view = ListPage {
        chrome: m.chrome(l.t("console-shipments")),
        heading: l.t("console-shipments"),
        status_label: l.t("console-status"),
        all_statuses: l.t("console-all-statuses"),
        statuses: Status::ALL
            .iter()
            .map(|s| (s.as_str(), status_label(l, *s), Some(*s) == status))
            .collect(),
        filter: l.t("console-filter"),
        columns: [
            l.t("console-tracking-number"),
            l.t("console-order"),
            l.t("console-carrier"),
            l.t("console-status"),
            l.t("console-created"),
        ],
        rows,
        empty: if query.is_empty() {
            l.t("console-no-shipments")
        } else {
            l.t_args("console-search-none", &[("query", query.clone())])
        },
        search: l.t("console-search"),
        search_hint: l.t("console-search-hint"),
        query,
        next: page.next_cursor.map(|c| {
            let href = format!("/console/shipments?cursor={c}{filter_arg}");
            (href, l.t("console-next-page"))
        }),
        first: cursor.is_some().then(|| {
            let href = format!("/console/shipments?{}", filter_arg.trim_start_matches('&'));
            (href, l.t("console-first-page"))
        }),
    };
    pages::render(StatusCode::OK, &view)
}

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
    let not_found = || {
        let body = l.t("not-found-body");
        pages::message(StatusCode::NOT_FOUND, l, l.t("console"), body, None)
    };
    let Ok(id) = ShipmentId::parse(&id) else {
        return not_found();
    };
    let s = match app.shipments.get(&m.merchant.id, &id).await {
        Ok(s) => s,
        Err(ServiceError::NotFound) => return not_found(),
        Err(e) => return unavailable(&req, e),
    };
    let zone: Tz = s.destination.zone_or(m.merchant.timezone);
    let sent = match app
        .notifications
        .list(&m.merchant.id, Some(&id), None, 100)
        .await
    {
        Ok(all) => all,
        Err(e) => return unavailable(&req, e),
    };
    let messages = sent
        .into_iter()
        .map(|n| MessageRow {
            again: matches!(n.status, Delivery::Dead | Delivery::Skipped),
            id: n.id,
            trigger: n.trigger.as_str(),
            channel: n.channel.as_str(),
            outcome: n.status.as_str().replace('_', " "),
            when: l.date_time(&n.sent_at.unwrap_or(n.created_at).with_timezone(&zone)),
            why: n.last_error.unwrap_or_default(),
        })
        .collect();
    let events = s
        .events
        .iter()
        .rev()
        .map(|e| EventRow {
            when: l.date_time(&e.at.with_timezone(&zone)),
            status: status_label(l, e.status),
            description: e.description.clone(),
            location: e.location.clone(),
            code: e.code.clone(),
        })
        .collect();
    let view = ShipmentPage {
        notice: super::notice(&req, l),
        id: s.id.to_string(),
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
        heading: l.t_args("console-shipment", &[("number", s.order.number.clone())]),
        chrome: m.chrome(l.t_args("console-shipment", &[("number", s.order.number.clone())])),
        status: status_label(l, s.status),
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
        tracking_url: app.shipments.tracking_url(&s),
        customer_page: l.t("console-customer-page"),
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
    };
    pages::render(StatusCode::OK, &view)
}
