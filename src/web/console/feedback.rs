//! Feedback (every member): the summary of the last 30 days, then the answers newest first,
//! filtered by rating, source, carrier and punctuality, detractors marked; the current
//! filter as CSV.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Chrome, Member, unavailable};
use crate::carriers::table::CARRIERS;
use crate::domain::summary::{Group, Summary};
use crate::domain::{Action, Feedback};
use crate::services::FeedbackFilter;
use crate::web::AppState;
use crate::web::pages;

/// Answers on a page, and at most in an export.
const PAGE: usize = 50;
const EXPORT: usize = 10_000;
const SOURCES: [&str; 5] = ["qr", "email", "sms", "whatsapp", "page"];

struct Row {
    when: String,
    rating: u8,
    nps: String,
    comment: String,
    source: &'static str,
    detractor: bool,
    shipment: String,
}

#[derive(Template)]
#[template(path = "console/feedback.html")]
struct FeedbackPage {
    chrome: Chrome,
    heading: String,
    /// Label and figure.
    figures: Vec<(String, String)>,
    rating_label: String,
    any: String,
    source_label: String,
    filter: String,
    export: String,
    columns: [String; 6],
    detractor: String,
    empty: String,
    rows: Vec<Row>,
    /// The filter: highest rating, source.
    chosen: (u8, String),
    carrier_label: String,
    /// Code, name, chosen.
    carriers: Vec<(&'static str, &'static str, bool)>,
    delivery_label: String,
    /// Value, label, chosen.
    deliveries: Vec<(&'static str, String, bool)>,
    query: String,
    next: Option<(String, String)>,
}

/// The filter from the query: highest rating (1–5), source, carrier, on time or late,
/// cursor; a value not among the choices is ignored.
struct Filter {
    rating_max: Option<u8>,
    source: Option<&'static str>,
    carrier: Option<&'static str>,
    delivery: Option<&'static str>,
    cursor: Option<crate::store::FeedbackCursor>,
}

impl Filter {
    /// The services' filter (the API's parser: the form offers only valid choices).
    fn answers(&self) -> FeedbackFilter {
        crate::web::api_feedback::feedback_filter(
            None,
            self.rating_max,
            (self.source, self.carrier, self.delivery),
        )
        .unwrap_or_default()
    }

    fn query(&self) -> String {
        format!(
            "rating={}&source={}&carrier={}&delivery={}",
            self.rating_max.map(|r| r.to_string()).unwrap_or_default(),
            self.source.unwrap_or(""),
            self.carrier.unwrap_or(""),
            self.delivery.unwrap_or("")
        )
    }
}

fn filter(req: &HttpRequest) -> Filter {
    let q = web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    Filter {
        rating_max: q
            .get("rating")
            .and_then(|r| r.parse().ok())
            .filter(|r| (1..=5).contains(r)),
        source: q
            .get("source")
            .and_then(|s| SOURCES.iter().find(|k| *k == s).copied()),
        carrier: q
            .get("carrier")
            .and_then(|c| CARRIERS.iter().find(|k| k.code == c).map(|k| k.code)),
        delivery: q
            .get("delivery")
            .and_then(|d| ["on_time", "late"].into_iter().find(|k| k == d)),
        cursor: q
            .get("cursor")
            .and_then(|c| crate::store::FeedbackCursor::parse(c)),
    }
}

/// Answers matching `f`, newest first, up to `limit` (and the next page's cursor).
async fn answers(
    app: &AppState,
    m: &Member,
    f: &Filter,
    limit: usize,
) -> Result<(Vec<Feedback>, Option<String>), crate::services::ServiceError> {
    let page = app
        .feedbacks
        .list(&m.merchant.id, &f.answers(), f.cursor.clone(), limit)
        .await?;
    Ok((page.items, page.next_cursor))
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let f = filter(&req);
    let now = chrono::Utc::now();
    let month = now - chrono::Duration::days(30);
    let (summary, found) = tokio::join!(
        app.feedbacks.summary(&m.merchant.id, month, now),
        answers(&app, &m, &f, PAGE)
    );
    let (summary, (items, next)) = match (summary, found) {
        (Ok(s), Ok(found)) => (s, found),
        (Err(e), _) | (_, Err(e)) => return unavailable(&req, e),
    };
    let l = &m.lang;
    let zone = m.merchant.timezone.tz();
    let query = f.query();
    let view = FeedbackPage {
        chrome: m.chrome(l.t("console-feedback")),
        heading: l.t("console-feedback"),
        figures: figures(l, &summary),
        rating_label: l.t("console-rating-max"),
        any: l.t("console-any"),
        source_label: l.t("console-source"),
        filter: l.t("console-filter"),
        export: l.t("console-export-csv"),
        columns: [
            l.t("console-when"),
            l.t("console-rating"),
            l.t("console-nps"),
            l.t("console-comment"),
            l.t("console-source"),
            l.t("console-parcel"),
        ],
        detractor: l.t("console-detractor"),
        empty: l.t("console-feedback-none"),
        rows: items
            .iter()
            .map(|a| Row {
                when: l.date_time(&a.updated_at.with_timezone(&zone)),
                rating: a.rating,
                nps: a.nps.map(|n| n.to_string()).unwrap_or_default(),
                comment: a.comment.clone().unwrap_or_default(),
                source: a.source.as_str(),
                detractor: a.detractor,
                shipment: a.shipment_id.to_string(),
            })
            .collect(),
        chosen: (f.rating_max.unwrap_or(0), f.source.unwrap_or("").to_owned()),
        carrier_label: l.t("console-carrier"),
        carriers: CARRIERS
            .iter()
            .map(|c| (c.code, c.name, f.carrier == Some(c.code)))
            .collect(),
        delivery_label: l.t("console-delivery"),
        deliveries: [
            ("on_time", "console-delivered-on-time"),
            ("late", "console-delivered-late"),
        ]
        .into_iter()
        .map(|(v, id)| (v, l.t(id), f.delivery == Some(v)))
        .collect(),
        next: next.map(|c| {
            (
                format!("/console/feedback?{query}&cursor={c}"),
                l.t("console-next"),
            )
        }),
        query,
    };
    pages::render(StatusCode::OK, &view)
}

/// The summary's figures, label and value.
fn figures(l: &crate::i18n::Lang, summary: &Summary) -> Vec<(String, String)> {
    let one = |v: f64| format!("{v:.1}");
    let group = |g: &Group| match g.responses {
        0 => "—".to_owned(),
        _ => one(g.csat_average),
    };
    vec![
        (l.t("console-responses"), summary.responses.to_string()),
        (
            l.t("console-csat"),
            format!("{} / 5", one(summary.csat_average)),
        ),
        (
            l.t("console-satisfied"),
            format!("{}%", one(summary.csat_percent)),
        ),
        (
            l.t("console-nps"),
            summary.nps.map(one).unwrap_or_else(|| "—".into()),
        ),
        (l.t("console-on-time"), group(&summary.on_time)),
        (l.t("console-late"), group(&summary.late)),
    ]
}

/// The current filter's answers as CSV (up to 10,000, newest first).
pub async fn export(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let f = filter(&req);
    match answers(&app, &m, &f, EXPORT).await {
        Ok((items, _)) => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                "Content-Disposition",
                "attachment; filename=\"feedback.csv\"",
            ))
            .body(crate::web::api_feedback::csv_of(&items)),
        Err(e) => unavailable(&req, e),
    }
}
