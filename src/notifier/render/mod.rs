//! Wording a message: the same facts as the tracking page, in the customer's language —
//! what happened, why when we know, what happens next, and the link to follow it.
//! `compose` decides what the message says (pure); `render` lays it out for every channel
//! (the e-mail's HTML from a template; a template that fails is an error, never an empty
//! body).

use askama::Template;

use crate::domain::estimate::{self, Window};
use crate::domain::feedback::Source;
use crate::domain::{DelayReason, Grant, Links, Merchant, Occasion, Shipment, Suggestion, Trigger};
use crate::i18n::Lang;
use text::{item_line, plain, text};

mod text;

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
    /// The window learned from the shop's delivered parcels, when the message used one.
    pub estimate: Option<Window>,
    /// The make-good a late delivery earned, when the message carries one.
    pub make_good: Option<Grant>,
}

/// What a message says, before it is laid out.
#[derive(Debug, Clone)]
pub struct Composed<'a> {
    pub merchant: String,
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub items_heading: String,
    pub items: Vec<String>,
    pub also_like_heading: String,
    pub also_like: &'a [Suggestion],
    /// The tracking (or feedback) page.
    pub url: String,
    pub button: String,
    pub footer: String,
    pub unsubscribe: String,
    pub unsubscribe_url: Option<String>,
    /// One short line for SMS and WhatsApp.
    pub short: String,
}

#[derive(Template)]
#[template(path = "email.html")]
struct EmailHtml<'a> {
    lang: String,
    rtl: bool,
    brand_color: &'a str,
    m: &'a Composed<'a>,
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
    pub also_like: &'a [Suggestion],
    /// Other parcels of the order this message also speaks for: (tracking number, page).
    pub others: Vec<(String, String)>,
    /// Where a feedback link says the customer came from (`email`, `sms`, `whatsapp`).
    pub source: Source,
    /// The window learned from the shop's delivered parcels (said when the carrier gives
    /// no date).
    pub window: Option<&'a Window>,
    /// The make-good this late parcel earned (said in its delivered message).
    pub make_good: Option<&'a Grant>,
}

/// The message in every form a channel sends.
pub fn render(
    s: &Shipment,
    occasion: &Occasion,
    lang: &Lang,
    cx: &Context<'_>,
) -> Result<Message, askama::Error> {
    let m = compose(s, occasion, lang, cx);
    let brand_color = cx.merchant.brand.legible_color();
    let html = EmailHtml {
        lang: lang.tag(),
        rtl: lang.is_rtl(),
        brand_color: &brand_color,
        m: &m,
    }
    .render()?;
    Ok(Message {
        lang: lang.tag(),
        subject: plain(&m.subject),
        text: plain(&text(&m)),
        html,
        short: plain(&m.short),
        unsubscribe_url: m.unsubscribe_url.clone(),
        url: m.url,
        estimate: cx.window.filter(|_| s.eta.is_none()).cloned(),
        make_good: make_good(occasion, cx).cloned(),
    })
}

/// What the message says: greeting, the news and why, the order's other parcels, where to
/// pick it up, the estimate, what happens next, the items and the link.
pub fn compose<'a>(
    s: &Shipment,
    occasion: &Occasion,
    lang: &Lang,
    cx: &Context<'a>,
) -> Composed<'a> {
    let trigger = occasion.trigger;
    let merchant = cx.merchant.name.clone();
    let base = [
        ("merchant", merchant.clone()),
        ("carrier", cx.carrier_name.to_owned()),
        ("order", s.order.number.clone()),
    ];
    let t = trigger.as_str();
    let subject = lang.t_args(&format!("notify-subject-{t}"), &base);
    let feedback = trigger == Trigger::FeedbackRequest;
    let links = Links::absolute(cx.public_url, &s.token);
    let url = if feedback {
        links.feedback(Some(cx.source))
    } else {
        links.track()
    };
    let button = lang.t(if feedback {
        "notify-rate"
    } else {
        "notify-track"
    });
    let count: u32 = s.order.items.iter().map(|i| i.quantity).sum();
    // Text messages carry the make-good too: the one line says it all.
    let headline = match make_good(occasion, cx) {
        Some(g) => {
            let code = g.code.as_ref();
            let code = code.map(|c| lang.t_args("make-good-code", &[("code", c.clone())]));
            [Some(subject.clone()), Some(g.text.clone()), code]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        }
        None => subject.clone(),
    };
    let short = [
        ("merchant", merchant.clone()),
        ("subject", headline),
        ("url", url.clone()),
    ];
    Composed {
        paragraphs: paragraphs(s, occasion, lang, cx, &base),
        items_heading: lang.t_args("notify-items", &[("count", count.to_string())]),
        items: s.order.items.iter().map(item_line).collect(),
        also_like_heading: lang.t("notify-also-like"),
        also_like: if trigger == Trigger::Delivered {
            cx.also_like
        } else {
            &[]
        },
        footer: lang.t_args("notify-why-email", &base),
        unsubscribe: lang.t("notify-unsubscribe"),
        unsubscribe_url: cx.unsubscribe_url.clone(),
        short: lang.t_args("notify-sms", &short),
        merchant,
        subject,
        url,
        button,
    }
}

/// The message's paragraphs, greeting first.
fn paragraphs(
    s: &Shipment,
    occasion: &Occasion,
    lang: &Lang,
    cx: &Context<'_>,
    base: &[(&'static str, String)],
) -> Vec<String> {
    let trigger = occasion.trigger;
    let t = trigger.as_str();
    let first = s.customer.as_ref().map(|c| c.first_name()).unwrap_or("");
    let mut out = vec![if first.is_empty() {
        lang.t("notify-hello-anon")
    } else {
        lang.t_args("notify-hello", &[("name", first.to_owned())])
    }];
    // A new window learned from the shop's parcels, not a date the carrier changed.
    let learned = cx
        .window
        .is_some_and(|w| w.source == estimate::Source::Learned);
    let body = if trigger == Trigger::EtaChanged && s.eta.is_none() && learned {
        lang.t_args("notify-body-eta_changed-learned", base)
    } else {
        lang.t_args(&format!("notify-body-{t}"), base)
    };
    out.push(match why(s, occasion, lang, base) {
        Some(why) => format!("{body} {why}"),
        None => body,
    });
    if !cx.others.is_empty() {
        let count = (cx.others.len() + 1).to_string();
        let numbers: Vec<&str> = std::iter::once(s.tracking_number.as_str())
            .chain(cx.others.iter().map(|(n, _)| n.as_str()))
            .collect();
        let line = lang.t_args("notify-group", &[("count", count)]);
        out.push(format!("{line} {}", numbers.join(", ")));
    }
    let latest = s.events.iter().rev().find(|e| !e.synthetic);
    if trigger == Trigger::AvailableForPickup
        && let Some(place) = latest.and_then(|e| e.location.clone())
    {
        out.push(lang.t_args("pickup-at", &[("place", place)]));
    }
    let news = matches!(
        trigger,
        Trigger::Shipped | Trigger::InTransit | Trigger::Delay | Trigger::EtaChanged
    );
    if let Some(eta) = s.eta.filter(|_| news) {
        out.push(lang.t_args("notify-eta", &[("date", lang.date(&eta))]));
    } else if let Some(w) = cx
        .window
        .filter(|w| news && w.source == estimate::Source::Learned)
    {
        let (zone, _) = estimate::place(s);
        let from = lang.date(&w.earliest.with_timezone(&zone));
        let to = lang.date(&w.latest.with_timezone(&zone));
        out.push(if from == to {
            lang.t_args("notify-eta", &[("date", from)])
        } else {
            lang.t_args("eta-window", &[("from", from), ("to", to)])
        });
    }
    if let Some(g) = make_good(occasion, cx) {
        out.push(g.text.clone());
        if let Some(code) = &g.code {
            out.push(lang.t_args("make-good-code", &[("code", code.clone())]));
        }
    }
    out.push(lang.t_args(&format!("notify-next-{t}"), base));
    if trigger == Trigger::Shipped {
        let welcome = if cx.previous_orders == 0 {
            "notify-first-order"
        } else {
            "notify-returning"
        };
        out.push(lang.t_args(welcome, base));
    }
    out
}

/// Why, from the delay's reason or the carrier's latest scan naming who is responsible.
fn why(
    s: &Shipment,
    occasion: &Occasion,
    lang: &Lang,
    base: &[(&'static str, String)],
) -> Option<String> {
    let party = s
        .events
        .iter()
        .rev()
        .filter(|e| !e.synthetic)
        .find_map(|e| e.party);
    match (occasion.reason, party) {
        (Some(DelayReason::CarrierException), Some(p)) => {
            Some(lang.t(&format!("why-{}", p.as_str())))
        }
        (Some(reason), _) => Some(lang.t_args(&format!("notify-reason-{}", reason.as_str()), base)),
        (None, Some(p)) if occasion.trigger == Trigger::FailedAttempt => {
            Some(lang.t(&format!("why-{}", p.as_str())))
        }
        _ => None,
    }
}

/// The make-good, said in the delivered message only.
fn make_good<'a>(occasion: &Occasion, cx: &Context<'a>) -> Option<&'a Grant> {
    cx.make_good
        .filter(|_| occasion.trigger == Trigger::Delivered)
}
