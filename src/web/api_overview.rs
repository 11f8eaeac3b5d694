//! `GET /api/v1/overview`: what the console's first page shows, for a merchant's own
//! dashboards.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use super::shipment_response::ShipmentResponse;
use crate::services::{FeedbackWeek, Overview, Sources};

pub fn routes(api: &mut Api) {
    api.get(
        "/overview",
        show,
        Doc::new("Shipments by status, the watchlist, messages sent today, the week's feedback")
            .ok(200, output::<OverviewResponse>()),
    );
}

#[derive(Serialize, JsonSchema)]
struct OverviewResponse {
    /// Shipments per status (every status, 0 included).
    by_status: BTreeMap<&'static str, u64>,
    /// Shipments that need attention.
    attention: u64,
    /// The newest of them (at most 10).
    watchlist: Vec<ShipmentResponse>,
    /// Messages sent since midnight in the merchant's time zone, by channel.
    sent_today: BTreeMap<String, u64>,
    feedback_week: FeedbackWeekResponse,
}

#[derive(Serialize, JsonSchema)]
struct FeedbackWeekResponse {
    /// Answers in the last 7 days.
    answers: u64,
    /// Average rating (1–5) of the newest `read` of them.
    average_rating: Option<f64>,
    detractors: u64,
    read: usize,
}

/// The overview of the merchant's shop, as the services gather it for the API and console.
pub(super) async fn gather(
    app: &AppState,
    merchant: &crate::domain::Merchant,
) -> Result<Overview, ApiError> {
    let sources = Sources {
        shipments: &app.shipments,
        notifications: &app.notifications,
        feedbacks: &app.feedbacks,
    };
    Ok(Overview::gather(sources, &merchant.id, merchant.timezone, Utc::now()).await?)
}

async fn show(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let id = app.merchant(&req).await?;
    let merchant = app.merchants.profile(&id).await?;
    let o = gather(&app, &merchant).await?;
    let FeedbackWeek {
        answers,
        average_rating,
        detractors,
        read,
    } = o.feedback;
    Ok(HttpResponse::Ok().json(OverviewResponse {
        by_status: o.by_status.iter().map(|(s, n)| (s.as_str(), *n)).collect(),
        attention: o.attention,
        watchlist: o
            .watchlist
            .into_iter()
            .map(|s| {
                let url = app.shipments.tracking_url(&s);
                ShipmentResponse::new(s, url)
            })
            .collect(),
        sent_today: o.sent_today.into_iter().collect(),
        feedback_week: FeedbackWeekResponse {
            answers,
            average_rating,
            detractors,
            read,
        },
    }))
}
