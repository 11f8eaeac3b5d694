//! `GET /api/v1/feedback` (and `feedback.csv`): what customers said, newest first, filtered
//! by date and rating.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc};
use crate::carriers::table::CARRIERS;
use crate::services::{FeedbackFilter, FeedbackPage, FieldError};

pub fn routes(api: &mut Api) {
    api.get(
        "/feedback",
        list,
        Doc::new("Customers' answers, newest first").query::<Query>(),
    )
    .get(
        "/feedback.csv",
        csv,
        Doc::new("Customers' answers as CSV")
            .query::<Query>()
            .ok_as("text/csv"),
    )
    .get(
        "/feedback/summary",
        summary,
        Doc::new("Ratings, NPS and what customers talk about, over a period").query::<Period>(),
    );
}

#[derive(Deserialize, JsonSchema)]
struct Period {
    from: Option<String>,
    to: Option<String>,
}

/// `from`/`to` (RFC 3339; default: the last 30 days).
async fn summary(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let q = web::Query::<Period>::from_query(req.query_string())
        .map_err(|e| ApiError::Invalid(vec![FieldError::new("query", e.to_string())]))?;
    let when = |field: &str, raw: Option<&str>, default: DateTime<Utc>| {
        raw.map_or(Ok(default), |s| {
            DateTime::parse_from_rfc3339(s)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    ApiError::Invalid(vec![FieldError::new(
                        field,
                        "an RFC 3339 time, e.g. 2026-11-01T00:00:00Z",
                    )])
                })
        })
    };
    let now = Utc::now();
    let to = when("to", q.to.as_deref(), now)?;
    let from = when("from", q.from.as_deref(), now - chrono::Duration::days(30))?;
    if from > to {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "from",
            "before to",
        )]));
    }
    let s = app.feedbacks.summary(&merchant, from, to).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "from": from, "to": to, "summary": s })))
}

#[derive(Deserialize, JsonSchema)]
struct Query {
    since: Option<String>,
    rating_max: Option<u8>,
    /// Where the answer came from: `qr`, `email`, `sms`, `whatsapp` or `page`.
    source: Option<String>,
    /// The parcel's carrier code.
    carrier: Option<String>,
    /// `on_time` (delivered by the promised date) or `late`.
    delivery: Option<String>,
    cursor: Option<String>,
    limit: Option<usize>,
}

/// The answer filter of a query, parsed once; every bad field at once.
pub(super) fn feedback_filter(
    since: Option<&str>,
    rating_max: Option<u8>,
    (source, carrier, delivery): (Option<&str>, Option<&str>, Option<&str>),
) -> Result<FeedbackFilter, ApiError> {
    use crate::domain::feedback::Source;
    let mut errors = vec![];
    let mut bad = |f: &str, m: &str| errors.push(FieldError::new(f, m));
    let since = since.and_then(|s| match DateTime::parse_from_rfc3339(s) {
        Ok(t) => Some(t.with_timezone(&Utc)),
        Err(_) => {
            bad("since", "an RFC 3339 time, e.g. 2026-11-01T00:00:00Z");
            None
        }
    });
    if rating_max.is_some_and(|r| !(1..=5).contains(&r)) {
        bad("rating_max", "between 1 and 5");
    }
    let source = source.filter(|s| !s.is_empty()).and_then(|s| match s {
        "qr" | "email" | "sms" | "whatsapp" | "page" => Some(Source::parse(Some(s))),
        _ => {
            bad("source", "one of qr, email, sms, whatsapp, page");
            None
        }
    });
    let carrier = carrier.filter(|c| !c.is_empty()).and_then(|c| {
        let known = crate::domain::CarrierCode::parse(c)
            .ok()
            .filter(|c| CARRIERS.iter().any(|k| k.code == c.as_str()));
        if known.is_none() {
            bad("carrier", "not a carrier shipmate knows");
        }
        known
    });
    let on_time = delivery.filter(|d| !d.is_empty()).and_then(|d| match d {
        "on_time" => Some(true),
        "late" => Some(false),
        _ => {
            bad("delivery", "on_time or late");
            None
        }
    });
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    Ok(FeedbackFilter {
        since,
        rating_max,
        source,
        carrier,
        on_time,
    })
}

async fn page(
    req: &HttpRequest,
    app: &AppState,
    default_limit: usize,
) -> Result<FeedbackPage, ApiError> {
    let merchant = app.merchant(req).await?;
    let invalid = |f: &str, m: &str| ApiError::Invalid(vec![FieldError::new(f, m)]);
    let q = web::Query::<Query>::from_query(req.query_string())
        .map_err(|e| ApiError::Invalid(vec![FieldError::new("query", e.to_string())]))?;
    let filter = feedback_filter(
        q.since.as_deref(),
        q.rating_max,
        (
            q.source.as_deref(),
            q.carrier.as_deref(),
            q.delivery.as_deref(),
        ),
    )?;
    let cursor = q
        .cursor
        .as_deref()
        .map(|c| {
            crate::store::FeedbackCursor::parse(c)
                .ok_or_else(|| invalid("cursor", "a cursor from next_cursor"))
        })
        .transpose()?;
    let limit = q.limit.unwrap_or(default_limit);
    if !(1..=10_000).contains(&limit) {
        return Err(invalid("limit", "between 1 and 10000"));
    }
    Ok(app
        .feedbacks
        .list(&merchant, &filter, cursor, limit)
        .await?)
}

async fn list(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(page(&req, &app, 100).await?))
}

/// A CSV field, quoted when it must be (RFC 4180). A cell a spreadsheet would run as a
/// formula (it begins with `=`, `+`, `-`, `@`, a tab or CR) starts with `'` instead
/// (OWASP's CSV injection advice): customers write these comments.
pub(super) fn field(s: &str) -> String {
    crate::services::csv_cell(s, b',')
}

/// Answers as CSV (RFC 4180, CRLF), one row each: the API's and the console's export.
pub(super) fn csv_of(items: &[crate::domain::Feedback]) -> String {
    let mut out =
        String::from("shipment_id,rating,nps,comment,source,detractor,created_at,updated_at\r\n");
    for f in items {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\r\n",
            f.shipment_id,
            f.rating,
            f.nps.map(|n| n.to_string()).unwrap_or_default(),
            field(f.comment.as_deref().unwrap_or("")),
            f.source.as_str(),
            f.detractor,
            f.created_at.to_rfc3339(),
            f.updated_at.to_rfc3339()
        ));
    }
    out
}

async fn csv(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let page = page(&req, &app, 10_000).await?;
    let out = csv_of(&page.items);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"feedback.csv\"",
        ))
        .body(out))
}
