//! The console's shipments: newest first with a status filter and cursor paging (the API's
//! listing), and one shipment's timeline with the carrier's raw codes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Chrome, Member, unavailable};
use crate::domain::{Action, Shipment, Status};
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

pub(super) fn status_label(l: &Lang, s: Status) -> String {
    l.t(&format!("console-status-{}", s.as_str()))
}

pub(super) fn carrier_name(app: &AppState, s: &Shipment) -> String {
    app.shipments
        .carriers()
        .get(&s.carrier)
        .map_or_else(|| s.carrier.to_string(), |c| c.display_name().to_owned())
}

/// What the list shows: a page of the listing, or the search's matches.
struct Wanted {
    status: Option<Status>,
    cursor: Option<String>,
    query: String,
}

impl Wanted {
    fn of(req: &HttpRequest) -> Wanted {
        let q = web::Query::<ListQuery>::from_query(req.query_string()).ok();
        let q = q.as_ref();
        Wanted {
            status: q.and_then(|q| q.status.as_deref()).and_then(Status::parse),
            cursor: q.and_then(|q| q.cursor.clone()),
            query: q
                .and_then(|q| q.q.as_deref())
                .map(str::trim)
                .unwrap_or("")
                .chars()
                .take(254)
                .collect(),
        }
    }

    async fn fetch(&self, app: &AppState, m: &Member) -> Result<Page, ServiceError> {
        let merchant = &m.merchant.id;
        if self.query.is_empty() {
            let cursor = self.cursor.as_deref();
            return app
                .shipments
                .list(merchant, self.status, cursor, PAGE)
                .await;
        }
        app.shipments
            .search(merchant, &self.query, self.status)
            .await
    }
}

pub async fn list(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let wanted = Wanted::of(&req);
    let page = match wanted.fetch(&app, &m).await {
        Ok(page) => page,
        Err(ServiceError::Invalid(_)) => return super::redirect("/console/shipments"),
        Err(e) => return unavailable(&req, e),
    };
    let l = &m.lang;
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
    pages::render(
        StatusCode::OK,
        &list_page(&m, wanted, rows, page.next_cursor),
    )
}

fn list_page(m: &Member, wanted: Wanted, rows: Vec<Row>, next: Option<String>) -> ListPage {
    let l = &m.lang;
    let Wanted {
        status,
        cursor,
        query,
    } = wanted;
    let filter_arg = status.map_or(String::new(), |s| format!("&status={}", s.as_str()));
    ListPage {
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
        next: next.map(|c| {
            let href = format!("/console/shipments?cursor={c}{filter_arg}");
            (href, l.t("console-next-page"))
        }),
        first: cursor.is_some().then(|| {
            let href = format!("/console/shipments?{}", filter_arg.trim_start_matches('&'));
            (href, l.t("console-first-page"))
        }),
    }
}
