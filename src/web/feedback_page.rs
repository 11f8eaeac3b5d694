//! The pages of `/f/{token}`: the feedback form (prefilled with an earlier answer or with
//! what was typed when it is shown again with an error) and the thank-you.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use super::csrf::Csrf;
use super::feedback::{CSRF, Context};
use super::pages;
use crate::domain::feedback::Source;
use crate::domain::{Feedback, Merchant};

/// One item to rate: its index, name, and the five choices (value, chosen).
type ItemRow = (usize, String, Vec<(u8, bool)>);

#[derive(Template)]
#[template(path = "feedback.html")]
struct FeedbackPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    heading: String,
    error: Option<String>,
    action: String,
    csrf: String,
    source: &'static str,
    website_label: String,
    rating_label: String,
    ratings: Vec<(u8, String, bool)>,
    nps_label: String,
    nps_low: String,
    nps_high: String,
    nps: Vec<(u8, bool)>,
    items_label: String,
    items: Vec<ItemRow>,
    comment_label: String,
    comment: String,
    submit: String,
    track_url: String,
    track_label: String,
}

pub(super) fn brand(m: &Merchant) -> String {
    m.brand.legible_color()
}

/// The form (prefilled with an earlier answer), with a fresh CSRF cookie.
pub(super) fn page(
    status: StatusCode,
    cx: &Context,
    source: Source,
    error: Option<&str>,
    typed: Option<(&str, &str, &str)>,
) -> HttpResponse {
    let l = &cx.lang;
    let m = || vec![("merchant", cx.merchant.name.clone())];
    let (rating, nps, comment) = match (typed, &cx.existing) {
        (Some((r, n, c)), _) => (r.parse().ok(), n.parse().ok(), c.to_owned()),
        (None, Some(f)) => (Some(f.rating), f.nps, f.comment.clone().unwrap_or_default()),
        (None, None) => (None, None, String::new()),
    };
    let csrf = Csrf::fresh();
    let view = FeedbackPage {
        lang: l.tag(),
        rtl: l.is_rtl(),
        brand_color: brand(&cx.merchant),
        heading: l.t_args("fb-title", &m()),
        error: error.map(|id| l.t(id)),
        action: cx.links().feedback(None),
        csrf: csrf.clone(),
        source: source.as_str(),
        website_label: l.t("fb-website"),
        rating_label: l.t("fb-rating"),
        ratings: (1..=5)
            .rev()
            .map(|r| (r, l.t(&format!("fb-rating-{r}")), rating == Some(r)))
            .collect(),
        nps_label: l.t_args("fb-nps", &m()),
        nps_low: l.t("fb-nps-low"),
        nps_high: l.t("fb-nps-high"),
        nps: (0..=10).map(|n| (n, nps == Some(n))).collect(),
        items_label: l.t("fb-items"),
        items: cx
            .items
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let given = cx
                    .existing
                    .as_ref()
                    .and_then(|f| f.items.iter().find(|r| &r.name == name))
                    .map(|r| r.rating);
                (
                    i,
                    name.clone(),
                    (1..=5).map(|r| (r, given == Some(r))).collect(),
                )
            })
            .collect(),
        comment_label: l.t("fb-comment"),
        comment,
        submit: l.t("fb-submit"),
        track_url: cx.links().track(),
        track_label: l.t("fb-track"),
    };
    let mut resp = pages::render(status, &view);
    CSRF.set(&mut resp, &cx.config, csrf);
    resp
}

/// Thanks; a happy customer is invited to review the shop, an unhappy one to reach it.
pub(super) fn thanks(
    cx: &Context,
    closed: bool,
    answer: Option<&Feedback>,
    review_url: Option<String>,
) -> HttpResponse {
    let l = &cx.lang;
    let m = || vec![("merchant", cx.merchant.name.clone())];
    let mut body = if closed {
        l.t("fb-closed")
    } else {
        l.t_args("fb-thanks", &m())
    };
    let brand = &cx.merchant.brand;
    let support = brand
        .support_url
        .as_ref()
        .map(ToString::to_string)
        .or_else(|| brand.support_email.as_ref().map(|e| format!("mailto:{e}")));
    let mut link = (cx.links().track(), l.t("fb-track"));
    match answer {
        Some(f) if f.rating >= 4 && review_url.is_some() => {
            body = format!("{body} {}", l.t("fb-promoter"));
            link = (review_url.unwrap_or_default(), l.t("fb-review"));
        }
        Some(f) if f.detractor && support.is_some() => {
            body = format!("{body} {}", l.t_args("fb-detractor", &m()));
            link = (support.unwrap_or_default(), l.t_args("fb-contact", &m()));
        }
        _ => {}
    }
    pages::message(StatusCode::OK, l, l.t("fb-thanks-title"), body, Some(link))
}
