//! The messages page's preview: any trigger on any channel in any language, for the example
//! parcel, as the customer gets it.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::LANGUAGES;
use crate::domain::{Action, Channel, DelayReason, Occasion, Trigger, sms_length};
use crate::i18n::Lang;
use crate::web::AppState;
use crate::web::console::{Member, framed, unavailable};

/// What the preview shows: a trigger, a channel, a language (defaults: shipped, e-mail,
/// the member's language); only known values are read.
pub(super) struct PreviewChoice {
    pub trigger: Trigger,
    pub channel: Channel,
    pub lang: &'static str,
}

pub(super) fn preview_query(req: &HttpRequest, l: &Lang) -> PreviewChoice {
    let q = web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let get = |k: &str| q.get(k).map(String::as_str);
    let own = l.tag();
    PreviewChoice {
        trigger: get("trigger")
            .and_then(Trigger::parse)
            .filter(|t| Trigger::ALL.contains(t))
            .unwrap_or(Trigger::Shipped),
        channel: get("channel")
            .and_then(Channel::parse)
            .filter(|c| *c != Channel::Webhook)
            .unwrap_or(Channel::Email),
        lang: LANGUAGES
            .iter()
            .find(|t| Some(**t) == get("lang"))
            .or_else(|| LANGUAGES.iter().find(|t| **t == own))
            .copied()
            .unwrap_or("en"),
    }
}

#[derive(Template)]
#[template(path = "console/sms_preview.html")]
struct ShortPreview {
    lang: String,
    rtl: bool,
    text: String,
    length: String,
}

/// A trigger's message for the example parcel on a channel in a language, as sent.
pub async fn preview(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let choice = preview_query(&req, &m.lang);
    let lang = Lang::negotiate([choice.lang]);
    let occasion = Occasion {
        trigger: choice.trigger,
        reason: (choice.trigger == Trigger::Delay).then_some(DelayReason::CarrierException),
    };
    let now = chrono::Utc::now();
    let message = match app
        .notifications
        .preview_example(&m.merchant, occasion, &lang, now)
        .await
    {
        Ok(message) => message,
        Err(e) => return unavailable(&req, e),
    };
    if matches!(choice.channel, Channel::Email | Channel::Outbox) {
        return framed(message.html);
    }
    let length = sms_length(&message.short);
    let view = ShortPreview {
        lang: lang.tag(),
        rtl: lang.is_rtl(),
        length: m.lang.t_args(
            "console-sms-length",
            &[
                ("characters", length.units.to_string()),
                ("segments", length.segments.to_string()),
                (
                    "encoding",
                    if length.gsm7 { "GSM-7" } else { "UCS-2" }.to_owned(),
                ),
            ],
        ),
        text: message.short,
    };
    match view.render() {
        Ok(html) => framed(html),
        Err(e) => unavailable(&req, e),
    }
}
