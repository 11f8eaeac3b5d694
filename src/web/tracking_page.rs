//! `GET /t/{token}`: the customer's tracking page. Shows first name and city at most:
//! no street, phone, e-mail or price.

use std::borrow::Cow;

use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::AppState;
use super::error::PageError;
use super::pages;
use crate::carriers::Carrier;
use crate::domain::estimate::Window;
use crate::domain::{Grant, PublicToken, Shipment, Status};
use crate::i18n::Lang;
use crate::services::{Audience, ServiceError};

/// What a page with a dozen scans takes.
const PAGE_BYTES: usize = 8 << 10;

/// The route, as metrics name it.
pub const PATTERN: &str = "/t/{token}";

/// Everything under `/t`, the token read from the rest of the path: a prefix is matched by
/// comparing strings, where a `{token}` pattern runs a regex on every view.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::scope("/t").default_service(web::to(show)));
}

/// Public tracking page: the token is the only key a customer holds.
async fn show(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, PageError> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return Ok(HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD"))
            .finish());
    }
    let browser = pages::request_langs(&req);
    let fallback = || Lang::negotiate(browser.iter().map(String::as_str));
    let token = req
        .match_info()
        .unprocessed()
        .strip_prefix('/')
        .unwrap_or("");
    let token = PublicToken::parse(token).map_err(|_| PageError::not_found(&fallback()))?;
    let body = app
        .tracking
        .page(&token, &browser, |who, carrier, extras| {
            // Room for a long journey up front: growing the page copies it each time.
            let mut page = String::with_capacity(PAGE_BYTES);
            TrackingPage::new(who, carrier, extras.window.as_ref())
                .with_make_good(extras.make_good.as_ref(), &who.lang)
                .render_into(&mut page)
                .map(|()| page)
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

struct Step<'a> {
    label: Cow<'a, str>,
    /// A class name of ours: the page writes it unescaped.
    state: &'static str,
}

#[derive(Template)]
#[template(path = "tracking.html", whitespace = "minimize")]
pub struct TrackingPage<'a> {
    lang: &'a str,
    rtl: bool,
    brand_color: String,
    title: String,
    merchant_name: &'a str,
    logo_url: Option<String>,
    greeting: Cow<'a, str>,
    order_line: String,
    headed_to: Option<String>,
    headline: Cow<'a, str>,
    why: Option<Cow<'a, str>>,
    eta_line: Option<String>,
    progress_label: Cow<'a, str>,
    steps: Vec<Step<'a>>,
    timeline_title: Cow<'a, str>,
    timeline_empty: Cow<'a, str>,
    events: Vec<super::tracking_timeline::EventRow<'a>>,
    times_in: String,
    carrier_line: String,
    carrier_url: Option<String>,
    carrier_link: Cow<'a, str>,
    items_title: Cow<'a, str>,
    items: Vec<(&'a str, u32)>,
    support_title: Cow<'a, str>,
    support_email: Option<(String, String)>,
    support_url: Option<(&'a str, Cow<'a, str>)>,
    lookup_link: Cow<'a, str>,
    /// The shop's order lookup.
    lookup_url: String,
    updated: Option<String>,
    /// After a late delivery: the title, the merchant's text, the code line.
    make_good: Option<(Cow<'a, str>, String, Option<String>)>,
}

const STEPS: [&str; 5] = [
    "step-ordered",
    "step-shipped",
    "step-in_transit",
    "step-out_for_delivery",
    "step-delivered",
];

impl<'a> TrackingPage<'a> {
    pub fn new(
        who: &'a Audience<'a>,
        carrier: Option<&dyn Carrier>,
        window: Option<&Window>,
    ) -> Self {
        let (s, m, l, zone) = (who.shipment, who.merchant, &who.lang, who.zone);
        let first_name = s
            .customer
            .as_ref()
            .map(|c| c.first_name())
            .filter(|n| !n.is_empty());
        let zone_name = zone.name().rsplit('/').next().unwrap_or("UTC");
        let carrier_name = carrier.map_or(s.carrier.as_str(), |c| c.display_name());
        TrackingPage {
            lang: l.tag_str(),
            rtl: l.is_rtl(),
            brand_color: m.brand.legible_color(),
            title: l.t_args("page-title", &[("merchant", m.name.clone())]),
            merchant_name: &m.name,
            logo_url: m.logo_path(),
            greeting: match first_name {
                Some(name) => l.t_args("greeting", &[("name", name.to_owned())]).into(),
                None => l.text("greeting-anon"),
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
            eta_line: super::tracking_eta::eta_line(s, l, &zone, window),
            progress_label: l.text("progress-label"),
            steps: steps(s, l),
            timeline_title: l.text("timeline"),
            timeline_empty: l.text("timeline-empty"),
            events: super::tracking_timeline::timeline(s, l, &zone),
            times_in: l.t_args("times-in", &[("zone", zone_name.replace('_', " "))]),
            carrier_line: l.t_args(
                "carrier-line",
                &[
                    ("carrier", carrier_name.to_owned()),
                    ("number", s.tracking_number.to_string()),
                ],
            ),
            carrier_url: carrier.and_then(|c| c.public_url(&s.tracking_number)),
            carrier_link: l.text("carrier-link"),
            items_title: l.text("items"),
            items: s
                .order
                .items
                .iter()
                .map(|i| (i.name.as_str(), i.quantity))
                .collect(),
            support_title: l.text("support"),
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
                .map(|u| (u.as_str(), l.text("support-web"))),
            lookup_link: l.text("lookup-link"),
            lookup_url: m.lookup_path(),
            updated: s.updated_at.filter(|_| !s.is_finished()).map(|t| {
                l.t_args(
                    "updated-at",
                    &[("time", l.date_time(&t.with_timezone(&zone)))],
                )
            }),
            make_good: None,
        }
    }

    /// Shows the make-good a late delivery earned.
    pub fn with_make_good(mut self, grant: Option<&Grant>, l: &'a Lang) -> Self {
        self.make_good = grant.map(|g| {
            let code = g.code.as_ref();
            let code = code.map(|c| l.t_args("make-good-code", &[("code", c.clone())]));
            (l.text("make-good-title"), g.text.clone(), code)
        });
        self
    }
}

/// The progress bar: steps before the shipment's are done.
fn steps<'a>(s: &Shipment, l: &'a Lang) -> Vec<Step<'a>> {
    let current = s.status.progress_step();
    let state = |i: usize| match i.cmp(&current) {
        std::cmp::Ordering::Less => "done",
        std::cmp::Ordering::Equal => "current",
        std::cmp::Ordering::Greater => "todo",
    };
    let step = |(i, id): (usize, &&str)| Step {
        label: l.text(id),
        state: state(i),
    };
    STEPS.iter().enumerate().map(step).collect()
}

/// "Out for delivery today", "Delayed — held in customs", "Running late"…
fn headline<'a>(s: &Shipment, l: &'a Lang) -> Cow<'a, str> {
    let moving = matches!(s.status, Status::InfoReceived | Status::InTransit);
    if moving && s.is_late() {
        return l.text("headline-late");
    }
    let status = s.status.as_str();
    s.substatus
        .and_then(|sub| l.try_t(&format!("headline-{status}-{}", sub.as_str())))
        .map_or_else(|| l.text(&format!("headline-{status}")), Cow::Owned)
}

/// Why it is late or stuck, from the responsible party of the latest scan that names one.
fn why<'a>(s: &Shipment, l: &'a Lang) -> Option<Cow<'a, str>> {
    let latest = s.events.iter().rev().find(|e| !e.synthetic)?;
    if s.status == Status::AvailableForPickup {
        return latest
            .location
            .clone()
            .map(|place| l.t_args("pickup-at", &[("place", place)]).into());
    }
    let troubled = matches!(s.status, Status::Exception | Status::FailedAttempt) || s.is_late();
    if !troubled || s.status.is_terminal() {
        return None;
    }
    let party = s.events.iter().rev().find_map(|e| e.party)?;
    Some(l.text(&format!("why-{}", party.as_str())))
}
