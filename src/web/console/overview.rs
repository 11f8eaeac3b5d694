//! `/console`: the first page after sign-in — parcels by status, the watchlist of those
//! needing attention, messages sent today by channel, and the week's feedback (the API's
//! `GET /api/v1/overview`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::shipments::{carrier_name, status_label};
use super::{Chrome, Member, unavailable};
use crate::domain::Action;
use crate::web::AppState;
use crate::web::pages;

struct Watch {
    id: String,
    number: String,
    order: String,
    carrier: String,
    why: String,
}

#[derive(Template)]
#[template(path = "console/overview.html")]
struct OverviewPage {
    chrome: Chrome,
    heading: String,
    t: Labels,
    /// Label, count, link.
    statuses: Vec<(String, u64, String)>,
    attention: u64,
    watchlist: Vec<Watch>,
    sent: Vec<(String, u64)>,
    feedback: Vec<(String, String)>,
    /// The last 30 days' deliveries and punctuality (more on the analytics page).
    charts: Vec<super::analytics::Section>,
    more: String,
}

struct Labels {
    by_status: String,
    needs_attention: String,
    see_all: String,
    all_calm: String,
    sent_today: String,
    none_sent: String,
    feedback_week: String,
    columns: [String; 4],
}

/// The last 30 days' deliveries and punctuality; none when the analytics cannot be read
/// (the overview stands without them).
async fn charts(app: &AppState, m: &Member) -> Vec<super::analytics::Section> {
    let month = crate::services::AnalyticsFilter::parse(None, None, None, None);
    let charts = match month {
        Ok(f) => super::analytics::sections(app, m, &f, &[0, 1]).await,
        Err(e) => Err(e),
    };
    charts.unwrap_or_else(|e| {
        tracing::warn!(merchant_id = %m.merchant.id, error = %e, "overview charts not drawn");
        vec![]
    })
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let o = match crate::web::api_overview::gather(&app, &m.merchant).await {
        Ok(o) => o,
        Err(e) => return unavailable(&req, format!("{e:?}")),
    };
    let charts = charts(&app, &m).await;
    let l = &m.lang;
    let now = Utc::now();
    let watchlist = o
        .watchlist
        .iter()
        .map(|s| Watch {
            id: s.id.to_string(),
            number: s.tracking_number.to_string(),
            order: s.order.number.clone(),
            carrier: carrier_name(&app, s),
            why: s
                .attention(now)
                .map(|a| l.t(&format!("console-attention-{}", a.as_str())))
                .unwrap_or_default(),
        })
        .collect();
    let f = &o.feedback;
    let page = OverviewPage {
        chrome: m.chrome(l.t("console-overview")),
        heading: l.t("console-overview"),
        t: Labels {
            by_status: l.t("console-by-status"),
            needs_attention: l.t("console-needs-attention"),
            see_all: l.t("console-see-all"),
            all_calm: l.t("console-all-calm"),
            sent_today: l.t("console-sent-today"),
            none_sent: l.t("console-none-sent"),
            feedback_week: l.t("console-feedback-week"),
            columns: [
                l.t("console-tracking-number"),
                l.t("console-order"),
                l.t("console-carrier"),
                l.t("console-why"),
            ],
        },
        statuses: o
            .by_status
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| {
                let href = format!("/console/shipments?status={}", s.as_str());
                (status_label(l, *s), *n, href)
            })
            .collect(),
        attention: o.attention,
        watchlist,
        sent: o
            .sent_today
            .iter()
            .map(|(c, n)| (l.t(&format!("console-channel-{c}")), *n))
            .collect(),
        feedback: vec![
            (l.t("console-answers"), f.answers.to_string()),
            (
                l.t("console-average-rating"),
                f.average_rating
                    .map_or_else(|| "–".to_owned(), |a| format!("{a:.1}/5")),
            ),
            (l.t("console-detractors"), f.detractors.to_string()),
        ],
        charts,
        more: l.t("console-analytics-more"),
    };
    pages::render(StatusCode::OK, &page)
}
