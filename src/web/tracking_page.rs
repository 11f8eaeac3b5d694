//! `GET /t/{token}`: the customer's tracking page. Shows first name and city at most:
//! no street, phone, e-mail or price.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::AppState;
use super::error::PageError;
use super::pages;
use crate::carriers::Carrier;
use crate::domain::{PublicToken, Shipment, Status};
use crate::i18n::Lang;
use crate::services::{Audience, ServiceError};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/t/{token}", web::get().to(show));
}

/// Public tracking page: the token is the only key a customer holds.
async fn show(
    req: HttpRequest,
    token: web::Path<String>,
    app: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let browser = pages::request_langs(&req);
    let fallback = || Lang::negotiate(browser.iter().map(String::as_str));
    let token = PublicToken::parse(&token).map_err(|_| PageError::not_found(&fallback()))?;
    let body = app
        .tracking
        .page(&token, &browser, |who, carrier| {
            TrackingPage::new(who, carrier).render()
        })
        .await
        .map_err(|e| match e {
            ServiceError::NotFound => PageError::not_found(&fallback()),
            other => PageError::internal(&fallback(), other),
        })?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}

struct Step {
    label: String,
    state: &'static str,
}

struct EventRow {
    what: String,
    message: String,
    when: String,
    iso: String,
    location: Option<String>,
}

#[derive(Template)]
#[template(path = "tracking.html")]
pub struct TrackingPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    title: String,
    merchant_name: String,
    logo_url: Option<String>,
    greeting: String,
    order_line: String,
    headed_to: Option<String>,
    headline: String,
    why: Option<String>,
    eta_line: Option<String>,
    progress_label: String,
    steps: Vec<Step>,
    timeline_title: String,
    timeline_empty: String,
    events: Vec<EventRow>,
    times_in: String,
    carrier_line: String,
    carrier_url: Option<String>,
    carrier_link: String,
    items_title: String,
    items: Vec<(String, u32)>,
    support_title: String,
    support_email: Option<(String, String)>,
    support_url: Option<(String, String)>,
    lookup_link: String,
    /// The shop's order lookup.
    lookup_url: String,
    updated: Option<String>,
}

const STEPS: [&str; 5] = [
    "step-ordered",
    "step-shipped",
    "step-in_transit",
    "step-out_for_delivery",
    "step-delivered",
];

impl TrackingPage {
    pub fn new(who: &Audience<'_>, carrier: Option<&dyn Carrier>) -> Self {
        let (s, m, l, zone) = (who.shipment, who.merchant, &who.lang, who.zone);
        let first_name = s
            .customer
            .as_ref()
            .map(|c| c.first_name())
            .filter(|n| !n.is_empty());
        let zone_name = zone.name().rsplit('/').next().unwrap_or("UTC");
        let carrier_name = carrier.map_or(s.carrier.as_str(), |c| c.display_name());
        TrackingPage {
            lang: l.tag(),
            rtl: l.is_rtl(),
            brand_color: m.brand.legible_color(),
            title: l.t_args("page-title", &[("merchant", m.name.clone())]),
            merchant_name: m.name.clone(),
            logo_url: m
                .brand
                .logo_ready()
                .then(|| format!("/assets/logo/{}", m.id)),
            greeting: match first_name {
                Some(name) => l.t_args("greeting", &[("name", name.to_owned())]),
                None => l.t("greeting-anon"),
            },
            order_line: l.t_args("order-number", &[("number", s.order.number.clone())]),
            headed_to: s
                .destination
                .city
                .clone()
                .filter(|_| !s.status.is_terminal())
                .map(|city| l.t_args("headed-to", &[("city", city)])),
            headline: headline(s, l),
            why: why(s, l),
            eta_line: eta_line(s, l, &zone),
            progress_label: l.t("progress-label"),
            steps: steps(s, l),
            timeline_title: l.t("timeline"),
            timeline_empty: l.t("timeline-empty"),
            events: timeline(s, l, &zone),
            times_in: l.t_args("times-in", &[("zone", zone_name.replace('_', " "))]),
            carrier_line: l.t_args(
                "carrier-line",
                &[
                    ("carrier", carrier_name.to_owned()),
                    ("number", s.tracking_number.to_string()),
                ],
            ),
            carrier_url: carrier.and_then(|c| c.public_url(&s.tracking_number)),
            carrier_link: l.t("carrier-link"),
            items_title: l.t("items"),
            items: s
                .order
                .items
                .iter()
                .map(|i| (i.name.clone(), i.quantity))
                .collect(),
            support_title: l.t("support"),
            support_email: m.brand.support_email.as_ref().map(|e| {
                (
                    format!("mailto:{e}"),
                    l.t_args("support-email", &[("merchant", m.name.clone())]),
                )
            }),
            support_url: m
                .brand
                .support_url
                .as_ref()
                .map(|u| (u.to_string(), l.t("support-web"))),
            lookup_link: l.t("lookup-link"),
            lookup_url: m.lookup_path(),
            updated: s.updated_at.filter(|_| !s.is_finished()).map(|t| {
                l.t_args(
                    "updated-at",
                    &[("time", l.date_time(&t.with_timezone(&zone)))],
                )
            }),
        }
    }
}

/// The progress bar: steps before the shipment's are done.
fn steps(s: &Shipment, l: &Lang) -> Vec<Step> {
    let current = s.status.progress_step();
    let state = |i: usize| match i.cmp(&current) {
        std::cmp::Ordering::Less => "done",
        std::cmp::Ordering::Equal => "current",
        std::cmp::Ordering::Greater => "todo",
    };
    let step = |(i, id): (usize, &&str)| Step {
        label: l.t(id),
        state: state(i),
    };
    STEPS.iter().enumerate().map(step).collect()
}

/// The carrier's scans, newest first, in the recipient's zone.
fn timeline(s: &Shipment, l: &Lang, zone: &Tz) -> Vec<EventRow> {
    let row = |e: &crate::domain::TrackingEvent| EventRow {
        what: l.t(&format!("status-{}", e.status.as_str())),
        message: e.description.clone(),
        when: l.date_time(&e.at.with_timezone(zone)),
        iso: e.at.to_rfc3339(),
        location: e.location.clone(),
    };
    s.events.iter().rev().map(row).collect()
}

/// "Out for delivery today", "Delayed — held in customs", "Running late"…
fn headline(s: &Shipment, l: &Lang) -> String {
    let moving = matches!(s.status, Status::InfoReceived | Status::InTransit);
    if moving && s.is_late() {
        return l.t("headline-late");
    }
    let status = s.status.as_str();
    s.substatus
        .and_then(|sub| l.try_t(&format!("headline-{status}-{}", sub.as_str())))
        .unwrap_or_else(|| l.t(&format!("headline-{status}")))
}

/// Why it is late or stuck, from the responsible party of the latest scan that names one.
fn why(s: &Shipment, l: &Lang) -> Option<String> {
    let latest = s.events.iter().rev().find(|e| !e.synthetic)?;
    if s.status == Status::AvailableForPickup {
        return latest
            .location
            .clone()
            .map(|place| l.t_args("pickup-at", &[("place", place)]));
    }
    let troubled = matches!(s.status, Status::Exception | Status::FailedAttempt) || s.is_late();
    if !troubled || s.status.is_terminal() {
        return None;
    }
    let party = s.events.iter().rev().find_map(|e| e.party)?;
    Some(l.t(&format!("why-{}", party.as_str())))
}

fn eta_line(s: &Shipment, l: &Lang, zone: &Tz) -> Option<String> {
    if s.status == Status::Delivered {
        let at = s
            .events
            .iter()
            .rev()
            .find(|e| e.status == Status::Delivered)?
            .at
            .with_timezone(zone);
        return Some(l.t_args("delivered-on", &[("date", l.date(&at))]));
    }
    if s.status.is_terminal() {
        return None;
    }
    if let Some(eta) = s.eta {
        let id = if s.is_late() {
            "eta-new"
        } else {
            "eta-expected"
        };
        return Some(l.t_args(id, &[("date", l.date(&eta.with_timezone(zone)))]));
    }
    let promised = s.order.promised_by?;
    Some(l.t_args("eta-promised", &[("date", l.date(&midday(promised)))]))
}

fn midday(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::hours(12)
}
