//! Wording a message: the same facts as the tracking page, in the customer's language —
//! what happened, why when we know, what happens next, and the link to follow it.

use askama::Template;

use crate::domain::{DelayReason, Merchant, Occasion, Shipment, Trigger};
use crate::i18n::Lang;

/// A message ready for any channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub lang: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// One short line for SMS and WhatsApp.
    pub short: String,
    /// The tracking (or feedback) page this message points to.
    pub url: String,
    pub unsubscribe_url: Option<String>,
}

#[derive(Template)]
#[template(path = "email.html")]
struct EmailHtml<'a> {
    lang: String,
    rtl: bool,
    subject: &'a str,
    merchant: &'a str,
    brand_color: &'a str,
    paragraphs: &'a [String],
    items_heading: String,
    items: Vec<String>,
    url: &'a str,
    button: String,
    footer: String,
    unsubscribe: String,
    unsubscribe_url: Option<&'a str>,
    also_like_heading: String,
    also_like: &'a [crate::domain::Suggestion],
}

/// What a message needs besides the shipment.
pub struct Context<'a> {
    pub merchant: &'a Merchant,
    pub carrier_name: &'a str,
    pub public_url: &'a str,
    /// The customer's earlier orders with this merchant (0: first order).
    pub previous_orders: u64,
    pub unsubscribe_url: Option<String>,
    /// The merchant's "you may also like" suggestions (shown once delivered).
    pub also_like: &'a [crate::domain::Suggestion],
    /// Other parcels of the order this message also speaks for: (tracking number, page).
    pub others: Vec<(String, String)>,
    /// Where a feedback link says the customer came from (`email`, `sms`, `whatsapp`).
    pub source: &'static str,
}

/// The customer's language, else the merchant's.
pub fn lang_for(s: &Shipment, merchant: &Merchant) -> Lang {
    let customer = s
        .customer
        .as_ref()
        .and_then(|c| c.locale.as_ref().map(|l| l.as_str()));
    Lang::negotiate(customer.into_iter().chain([merchant.locale.as_str()]))
}

pub fn render(s: &Shipment, occasion: &Occasion, lang: &Lang, cx: &Context<'_>) -> Message {
    let trigger = occasion.trigger.as_str();
    let merchant = cx.merchant.name.clone();
    let carrier = cx.carrier_name.to_owned();
    let arg = |k: &'static str, v: &str| (k, v.to_owned());
    let base = [
        arg("merchant", &merchant),
        arg("carrier", &carrier),
        arg("order", &s.order.number),
    ];
    let subject = lang.t_args(&format!("notify-subject-{trigger}"), &base);
    let first = s.customer.as_ref().map(|c| c.first_name()).unwrap_or("");
    let mut paragraphs = vec![if first.is_empty() {
        lang.t("notify-hello-anon")
    } else {
        lang.t_args("notify-hello", &[arg("name", first)])
    }];
    let mut body = lang.t_args(&format!("notify-body-{trigger}"), &base);
    // Why, from the carrier's latest scan that names who is responsible, when there is one.
    let latest = s.events.iter().rev().find(|e| !e.synthetic);
    let party = s
        .events
        .iter()
        .rev()
        .filter(|e| !e.synthetic)
        .find_map(|e| e.party);
    let why = match (occasion.reason, party) {
        (Some(DelayReason::CarrierException), Some(p)) => {
            Some(lang.t(&format!("why-{}", p.as_str())))
        }
        (Some(reason), _) => {
            Some(lang.t_args(&format!("notify-reason-{}", reason.as_str()), &base))
        }
        (None, Some(p)) if occasion.trigger == Trigger::FailedAttempt => {
            Some(lang.t(&format!("why-{}", p.as_str())))
        }
        _ => None,
    };
    if let Some(why) = why {
        body = format!("{body} {why}");
    }
    paragraphs.push(body);
    if !cx.others.is_empty() {
        let count = (cx.others.len() + 1).to_string();
        let mut line = lang.t_args("notify-group", &[("count", count)]);
        line.push_str(&format!(" {}", s.tracking_number));
        for (number, _) in &cx.others {
            line.push_str(&format!(", {number}"));
        }
        paragraphs.push(line);
    }
    if occasion.trigger == Trigger::AvailableForPickup
        && let Some(place) = latest.and_then(|e| e.location.clone())
    {
        paragraphs.push(lang.t_args("pickup-at", &[("place", place)]));
    }
    if let Some(eta) = s.eta.filter(|_| {
        matches!(
            occasion.trigger,
            Trigger::Shipped | Trigger::InTransit | Trigger::Delay | Trigger::EtaChanged
        )
    }) {
        paragraphs.push(lang.t_args("notify-eta", &[arg("date", &lang.date(&eta))]));
    }
    paragraphs.push(lang.t_args(&format!("notify-next-{trigger}"), &base));
    if occasion.trigger == Trigger::Shipped {
        let welcome = if cx.previous_orders == 0 {
            "notify-first-order"
        } else {
            "notify-returning"
        };
        paragraphs.push(lang.t_args(welcome, &base));
    }
    let public = cx.public_url.trim_end_matches('/');
    let url = if occasion.trigger == Trigger::FeedbackRequest {
        format!("{public}/f/{}?s={}", s.token.as_str(), cx.source)
    } else {
        format!("{public}/t/{}", s.token.as_str())
    };
    let button = lang.t(if occasion.trigger == Trigger::FeedbackRequest {
        "notify-rate"
    } else {
        "notify-track"
    });
    let items: Vec<String> = s
        .order
        .items
        .iter()
        .map(|i| {
            if i.quantity > 1 {
                format!("{} × {}", i.quantity, i.name)
            } else {
                i.name.clone()
            }
        })
        .collect();
    let count: u32 = s.order.items.iter().map(|i| i.quantity).sum();
    let items_heading = lang.t_args("notify-items", &[("count", count.to_string())]);
    let footer = lang.t_args("notify-why-email", &base);
    let unsubscribe = lang.t("notify-unsubscribe");
    let mut text = paragraphs.join("\n\n");
    if !items.is_empty() {
        text.push_str(&format!("\n\n{items_heading}:\n- {}", items.join("\n- ")));
    }
    let also_like = if occasion.trigger == Trigger::Delivered {
        cx.also_like
    } else {
        &[]
    };
    let also_like_heading = lang.t("notify-also-like");
    if !also_like.is_empty() {
        text.push_str(&format!("\n\n{also_like_heading}:"));
        for s in also_like {
            text.push_str(&format!("\n- {}: {}", s.name, s.url));
        }
    }
    text.push_str(&format!("\n\n{button}: {url}\n\n-- \n{footer}"));
    if let Some(u) = &cx.unsubscribe_url {
        text.push_str(&format!("\n{unsubscribe}: {u}"));
    }
    let brand_color = cx.merchant.brand.legible_color();
    let html = EmailHtml {
        lang: lang.tag(),
        rtl: lang.is_rtl(),
        subject: &subject,
        merchant: &merchant,
        brand_color: &brand_color,
        paragraphs: &paragraphs,
        items_heading,
        items,
        url: &url,
        button,
        footer,
        unsubscribe,
        unsubscribe_url: cx.unsubscribe_url.as_deref(),
        also_like_heading,
        also_like,
    }
    .render()
    .unwrap_or_else(|e| {
        tracing::error!(error = %e, "e-mail template failed");
        String::new()
    });
    let short = lang.t_args(
        "notify-sms",
        &[
            arg("merchant", &merchant),
            arg("subject", &subject),
            arg("url", &url),
        ],
    );
    Message {
        lang: lang.tag(),
        subject: plain(&subject),
        text: plain(&text),
        html,
        short: plain(&short),
        url,
        unsubscribe_url: cx.unsubscribe_url.clone(),
    }
}

/// Text without Fluent's bidi isolation marks: plain-text channels (subjects, SMS) show
/// them as stray characters; HTML keeps them, where they protect right-to-left layouts.
fn plain(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}
