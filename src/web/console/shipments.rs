//! The console's shipments: newest first, filtered by status, carrier, attention and
//! creation day, with cursor paging and a CSV export of the filter (the API's listing).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use chrono::Utc;

use super::{Chrome, Member, unavailable};
use crate::carriers::table::CARRIERS;
use crate::domain::{Action, Shipment, ShipmentFilter, Status};
use crate::i18n::Lang;
use crate::services::{FilterInput, ServiceError};
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
    attention: Option<String>,
    created: String,
}

#[derive(Template)]
#[template(path = "console/shipments.html")]
struct ListPage {
    chrome: Chrome,
    heading: String,
    t: Labels,
    statuses: Vec<(&'static str, String, bool)>,
    carriers: Vec<(&'static str, &'static str, bool)>,
    attention: bool,
    from: String,
    to: String,
    query: String,
    columns: [String; 5],
    rows: Vec<Row>,
    empty: String,
    next: Option<(String, String)>,
    first: Option<(String, String)>,
    export: String,
    error: Option<String>,
}

/// The filter form's fixed texts.
struct Labels {
    status: String,
    all_statuses: String,
    carrier: String,
    all_carriers: String,
    attention: String,
    from: String,
    to: String,
    filter: String,
    search: String,
    search_hint: String,
    export: String,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    carrier: Option<String>,
    attention: Option<String>,
    from: Option<String>,
    to: Option<String>,
    pub(super) cursor: Option<String>,
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

/// What the list shows: a page of the filtered listing, or the search's matches.
pub(super) struct Wanted {
    pub(super) raw: ListQuery,
    pub(super) filter: ShipmentFilter,
    query: String,
    /// Why the filter was not applied.
    pub(super) error: Option<String>,
}

impl Wanted {
    pub(super) fn of(req: &HttpRequest, app: &AppState, m: &Member) -> Wanted {
        let raw = web::Query::<ListQuery>::from_query(req.query_string())
            .map(web::Query::into_inner)
            .unwrap_or_default();
        let input = FilterInput {
            status: raw.status.as_deref(),
            carrier: raw.carrier.as_deref(),
            attention: raw.attention.as_deref(),
            created_from: raw.from.as_deref(),
            created_to: raw.to.as_deref(),
        };
        let (filter, error) = match app.shipments.filter(&input, m.merchant.timezone) {
            Ok(f) => (f, None),
            Err(errors) => {
                let l = &m.lang;
                let fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
                let msg = l.t_args("console-filter-bad", &[("fields", fields.join(", "))]);
                (ShipmentFilter::default(), Some(msg))
            }
        };
        let query = raw
            .q
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .chars()
            .take(254)
            .collect();
        Wanted {
            raw,
            filter,
            query,
            error,
        }
    }

    async fn fetch(&self, app: &AppState, m: &Member) -> Result<Page, ServiceError> {
        let merchant = &m.merchant.id;
        if self.query.is_empty() {
            let cursor = self.raw.cursor.as_deref();
            return app
                .shipments
                .list(merchant, &self.filter, cursor, PAGE)
                .await;
        }
        app.shipments
            .search(merchant, &self.query, &self.filter)
            .await
    }

    /// The filter as a query string (without the cursor), for links.
    fn query_string(&self) -> String {
        let r = &self.raw;
        let pairs: Vec<(&str, &str)> = [
            ("status", r.status.as_deref()),
            ("carrier", r.carrier.as_deref()),
            ("attention", r.attention.as_deref()),
            ("from", r.from.as_deref()),
            ("to", r.to.as_deref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect();
        if self.error.is_some() {
            return String::new();
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

pub async fn list(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let wanted = Wanted::of(&req, &app, &m);
    let page = match wanted.fetch(&app, &m).await {
        Ok(page) => page,
        Err(ServiceError::Invalid(_)) => return super::redirect("/console/shipments"),
        Err(e) => return unavailable(&req, e),
    };
    let l = &m.lang;
    let zone = m.merchant.timezone.tz();
    let now = Utc::now();
    let rows = page
        .items
        .iter()
        .map(|s| Row {
            id: s.id.to_string(),
            number: s.tracking_number.to_string(),
            order: s.order.number.clone(),
            carrier: carrier_name(&app, s),
            status: status_label(l, s.status),
            attention: s
                .attention(now)
                .map(|a| l.t(&format!("console-attention-{}", a.as_str()))),
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
    let args = wanted.query_string();
    let and_args = if args.is_empty() {
        String::new()
    } else {
        format!("&{args}")
    };
    let f = &wanted.filter;
    ListPage {
        chrome: m.chrome(l.t("console-shipments")),
        heading: l.t("console-shipments"),
        t: Labels {
            status: l.t("console-status"),
            all_statuses: l.t("console-all-statuses"),
            carrier: l.t("console-carrier"),
            all_carriers: l.t("console-all-carriers"),
            attention: l.t("console-needs-attention"),
            from: l.t("console-created-from"),
            to: l.t("console-created-to"),
            filter: l.t("console-filter"),
            search: l.t("console-search"),
            search_hint: l.t("console-search-hint"),
            export: l.t("console-export-csv"),
        },
        statuses: Status::ALL
            .iter()
            .map(|s| (s.as_str(), status_label(l, *s), Some(*s) == f.status))
            .collect(),
        carriers: CARRIERS
            .iter()
            .map(|c| {
                let chosen = f.carrier.as_ref().is_some_and(|x| x.as_str() == c.code);
                (c.code, c.name, chosen)
            })
            .collect(),
        attention: f.attention,
        from: wanted
            .raw
            .from
            .clone()
            .filter(|_| wanted.error.is_none())
            .unwrap_or_default(),
        to: wanted
            .raw
            .to
            .clone()
            .filter(|_| wanted.error.is_none())
            .unwrap_or_default(),
        columns: [
            l.t("console-tracking-number"),
            l.t("console-order"),
            l.t("console-carrier"),
            l.t("console-status"),
            l.t("console-created"),
        ],
        rows,
        empty: if wanted.query.is_empty() {
            l.t("console-no-shipments")
        } else {
            l.t_args("console-search-none", &[("query", wanted.query.clone())])
        },
        next: next.map(|c| {
            let href = format!("/console/shipments?cursor={c}{and_args}");
            (href, l.t("console-next-page"))
        }),
        first: wanted.raw.cursor.is_some().then(|| {
            (
                format!("/console/shipments?{args}"),
                l.t("console-first-page"),
            )
        }),
        export: format!("/console/shipments.csv?{args}"),
        query: wanted.query,
        error: wanted.error,
    }
}
