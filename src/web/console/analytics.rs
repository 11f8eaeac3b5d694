//! Analytics (every member): each report as a chart drawn on the server, its table (the
//! exact figures, and what screen readers read), every column's definition, and its CSV;
//! filtered by period, carrier and lane.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde_json::Value;

use super::{Chrome, Member, charts, unavailable};
use crate::domain::Action;
use crate::domain::analytics::{Breakdown, Report, ReportName};
use crate::services::{AnalyticsFilter, ServiceError};
use crate::web::AppState;
use crate::web::pages;

/// What each section shows: its report and rows, the chart's column, a line chart (days)
/// or bars, bars as shares.
const SECTIONS: [(ReportName, Breakdown, &str, bool); 8] = [
    (ReportName::Statuses, Breakdown::Carrier, "delivered", false),
    (
        ReportName::Delivery,
        Breakdown::Carrier,
        "on_time_rate",
        true,
    ),
    (ReportName::Delivery, Breakdown::Lane, "on_time_rate", true),
    (
        ReportName::Delivery,
        Breakdown::Carrier,
        "transit_p90_days",
        false,
    ),
    (
        ReportName::Exceptions,
        Breakdown::Carrier,
        "exception_rate",
        true,
    ),
    (
        ReportName::Estimates,
        Breakdown::Carrier,
        "inside_window",
        true,
    ),
    (ReportName::Messages, Breakdown::Carrier, "sent", false),
    (ReportName::Pages, Breakdown::Carrier, "views", false),
];

pub(super) struct Section {
    pub(super) id: String,
    /// Labels: the table, the definitions, the CSV link.
    pub(super) labels: [String; 3],
    pub(super) title: String,
    pub(super) svg: String,
    pub(super) columns: Vec<&'static str>,
    pub(super) rows: Vec<Vec<String>>,
    pub(super) definitions: Vec<(&'static str, &'static str)>,
    pub(super) csv: String,
}

#[derive(Template)]
#[template(path = "console/analytics.html")]
struct AnalyticsPage {
    chrome: Chrome,
    heading: String,
    errors: Vec<String>,
    /// Labels: from, to, carrier, lane, apply, feedback link.
    t: [String; 6],
    /// The filter as shown: from, to, carrier, lane.
    filter: [String; 4],
    sections: Vec<Section>,
    make_good: String,
}

fn query_value<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn parse(req: &HttpRequest) -> (Result<AnalyticsFilter, ServiceError>, Vec<(String, String)>) {
    let q = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .map(|q| q.into_inner())
        .unwrap_or_default();
    let get = |k| query_value(&q, k);
    let parsed = AnalyticsFilter::parse(get("from"), get("to"), get("carrier"), get("lane"));
    (parsed, q)
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let l = &m.lang;
    let (parsed, _) = parse(&req);
    let (filter, errors) = match parsed {
        Ok(f) => (f, vec![]),
        Err(ServiceError::Invalid(e)) => {
            let shown = e.iter().map(|e| format!("{}: {}", e.field, e.message));
            let default = AnalyticsFilter::parse(None, None, None, None);
            (
                default.unwrap_or_else(|_| unreachable_filter()),
                shown.collect(),
            )
        }
        Err(e) => return unavailable(&req, e),
    };
    let all: Vec<usize> = (0..SECTIONS.len()).collect();
    let sections = match sections(&app, &m, &filter, &all).await {
        Ok(s) => s,
        Err(e) => return unavailable(&req, e),
    };
    let pool = app.make_goods.status(&m.merchant.id).await;
    let make_good = pool.map_or_else(
        |_| String::new(),
        |p| {
            let args = [
                ("given", p.given.to_string()),
                ("again", p.reordered.to_string()),
            ];
            l.t_args("console-analytics-make-good", &args)
        },
    );
    let labels = [
        "console-analytics-from",
        "console-analytics-to",
        "console-analytics-carrier",
        "console-analytics-lane",
        "console-filter",
        "console-analytics-feedback",
    ];
    let view = AnalyticsPage {
        chrome: m.chrome(l.t("console-analytics")),
        heading: l.t("console-analytics"),
        errors,
        t: labels.map(|k| l.t(k)),
        filter: [
            filter.from.to_string(),
            filter.to.to_string(),
            filter.carrier.clone().unwrap_or_default(),
            filter.lane.clone().unwrap_or_default(),
        ],
        sections,
        make_good,
    };
    pages::render(StatusCode::OK, &view)
}

/// The charts `which` (indexes of [`SECTIONS`]) for the merchant's parcels `filter` selects.
pub(super) async fn sections(
    app: &AppState,
    m: &Member,
    filter: &AnalyticsFilter,
    which: &[usize],
) -> Result<Vec<Section>, ServiceError> {
    let l = &m.lang;
    let query = filter_query(filter);
    let labels = [
        l.t("console-analytics-table"),
        l.t("console-analytics-definitions"),
        l.t("console-export-csv"),
    ];
    let mut out = vec![];
    for i in which {
        let Some((name, by, column, share)) = SECTIONS.get(*i) else {
            continue;
        };
        let report = app.analytics.report(&m.merchant.id, *name, *by, filter);
        let title = l.t(&format!("console-analytics-{i}"));
        let mut s = section(*i, title, &*report.await?, (column, *share), (*by, &query));
        s.labels = labels.clone();
        out.push(s);
    }
    Ok(out)
}

/// Never reached: the default filter (no values) always parses.
fn unreachable_filter() -> AnalyticsFilter {
    let today = chrono::Utc::now().date_naive();
    AnalyticsFilter {
        from: today,
        to: today,
        carrier: None,
        lane: None,
    }
}

fn filter_query(f: &AnalyticsFilter) -> String {
    let mut q = format!("from={}&to={}", f.from, f.to);
    for (k, v) in [("carrier", &f.carrier), ("lane", &f.lane)] {
        if let Some(v) = v {
            q.push_str(&format!("&{k}={v}"));
        }
    }
    q
}

fn section(
    i: usize,
    title: String,
    report: &Report,
    (column, share): (&str, bool),
    (by, query): (Breakdown, &str),
) -> Section {
    let at = report
        .columns
        .iter()
        .position(|c| *c == column)
        .unwrap_or(1);
    let shown: Vec<&Vec<Value>> = report.rows.iter().filter(|r| r[0] != "total").collect();
    let name = ReportName::parse(report.report).unwrap_or(ReportName::Statuses);
    let svg = if name.is_series() {
        let days: Vec<String> = shown.iter().map(|r| text(&r[0])).collect();
        let values = shown
            .iter()
            .map(|r| r[at].as_f64().unwrap_or(0.0))
            .collect();
        charts::lines(&title, &days, &[(column.to_owned(), values)])
    } else {
        let bars: Vec<(String, Option<f64>)> = shown
            .iter()
            .map(|r| (text(&r[0]), r[at].as_f64()))
            .collect();
        charts::bars(&title, &bars, share)
    };
    let by = match by {
        Breakdown::Carrier => "carrier",
        Breakdown::Lane => "lane",
    };
    Section {
        id: format!("report-{i}"),
        labels: Default::default(),
        title,
        svg,
        columns: report.columns.clone(),
        rows: report
            .rows
            .iter()
            .map(|r| r.iter().map(text).collect())
            .collect(),
        definitions: report.definitions.iter().map(|(k, v)| (*k, *v)).collect(),
        csv: format!("/console/analytics/{}.csv?{query}&by={by}", report.report),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "–".to_owned(),
        other => other.to_string(),
    }
}

/// `GET /console/analytics/{report}.csv`: one report as CSV, as the page's filter chose.
pub async fn export(
    req: HttpRequest,
    name: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let name = name.into_inner();
    let Some(name) = name.strip_suffix(".csv").and_then(ReportName::parse) else {
        return HttpResponse::NotFound().finish();
    };
    let (parsed, q) = parse(&req);
    let by = match query_value(&q, "by") {
        Some("lane") => Breakdown::Lane,
        _ => Breakdown::Carrier,
    };
    let filter = match parsed {
        Ok(f) => f,
        Err(_) => return HttpResponse::BadRequest().body("from, to, carrier or lane"),
    };
    match app
        .analytics
        .report(&m.merchant.id, name, by, &filter)
        .await
    {
        Ok(r) => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                "content-disposition",
                format!("attachment; filename=\"{}.csv\"", r.report),
            ))
            .body(r.csv()),
        Err(e) => unavailable(&req, e),
    }
}
