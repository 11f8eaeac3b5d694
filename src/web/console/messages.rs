//! Messages (owners and admins): which trigger goes out on which channel (a matrix), the
//! channel order, the daily cap, feedback timing, suggestions and the review link, saved
//! through the same settings service as the API; and a preview of any trigger on any
//! channel in any language, rendered as the customer gets it (the e-mail in a sandboxed
//! frame, the SMS text with its length in segments).

use std::collections::{BTreeMap, HashMap};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Chrome, Member, acting, framed, redirect, unavailable};
use crate::domain::{
    Action, Channel, DelayReason, Occasion, Suggestion, Trigger, TriggerSwitch, sms_length,
};
use crate::i18n::Lang;
use crate::services::{FieldError, ServiceError, SettingsInput};
use crate::web::AppState;
use crate::web::pages;

const BACK: &str = "/console/messages";
/// The languages customers may get messages in.
pub const LANGUAGES: [&str; 8] = ["en", "pt-BR", "es", "fr", "de", "pl", "ro", "ar"];
/// Suggestion rows on the form.
const SUGGESTIONS: usize = 6;

/// The customer channels a merchant switches: the usual three, and the outbox where the
/// platform writes messages to files (demos, tests).
fn columns(platform: &[Channel]) -> Vec<Channel> {
    let mut out = vec![Channel::Email, Channel::Sms, Channel::Whatsapp];
    if platform.contains(&Channel::Outbox) {
        out.push(Channel::Outbox);
    }
    out
}

struct Row {
    trigger: &'static str,
    label: String,
    /// Per column: checked.
    cells: Vec<bool>,
}

#[derive(Template)]
#[template(path = "console/messages.html")]
struct MessagesPage {
    chrome: Chrome,
    notice: Option<String>,
    errors: Vec<String>,
    heading: String,
    matrix: String,
    trigger_label: String,
    channels: Vec<(&'static str, String)>,
    rows: Vec<Row>,
    order: String,
    order_hint: String,
    cap: String,
    cap_hint: String,
    feedback: String,
    feedback_hint: String,
    review: String,
    suggestions: String,
    suggestion_name: String,
    suggestion_url: String,
    suggestion_rows: Vec<(String, String)>,
    quiet: String,
    values: Values,
    save: String,
    preview: String,
    preview_heading: String,
    triggers: Vec<(&'static str, String)>,
    languages: Vec<(&'static str, bool)>,
    language: String,
    channel: String,
    /// The preview's choice (selected in its form) and its frame's query.
    chosen: (&'static str, &'static str),
    query: String,
}

#[derive(Default)]
struct Values {
    order: String,
    cap: String,
    feedback: String,
    review: String,
}

fn page(
    req: &HttpRequest,
    app: &AppState,
    m: &Member,
    settings: &SettingsInput,
    errors: &[FieldError],
) -> HttpResponse {
    let l = &m.lang;
    let platform = &app.config.notifier;
    let cols = columns(&platform.channels);
    let channel_name = |c: Channel| l.t(&format!("console-channel-{}", c.as_str()));
    let trigger_name =
        |t: Trigger| l.t(&format!("console-trigger-{}", t.as_str().replace('_', "-")));
    let stored = crate::domain::NotificationSettings {
        triggers: settings.triggers.clone(),
        ..Default::default()
    };
    let rows = Trigger::ALL
        .iter()
        .map(|t| Row {
            trigger: t.as_str(),
            label: trigger_name(*t),
            cells: cols
                .iter()
                .map(|c| stored.allows(*t, *c, &platform.triggers))
                .collect(),
        })
        .collect();
    let list = |v: Vec<&str>| v.join(", ");
    let order = settings.channels.as_deref().unwrap_or(&platform.channels);
    let mut suggestion_rows: Vec<(String, String)> = settings
        .also_like
        .iter()
        .map(|s| (s.name.clone(), s.url.clone()))
        .collect();
    suggestion_rows.resize(SUGGESTIONS, (String::new(), String::new()));
    let preview = preview_query(req, l);
    let view = MessagesPage {
        chrome: m.chrome(l.t("console-messages")),
        notice: super::notice(req, l),
        errors: errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect(),
        heading: l.t("console-messages"),
        matrix: l.t("console-matrix"),
        trigger_label: l.t("console-trigger"),
        channels: cols
            .iter()
            .map(|c| (c.as_str(), channel_name(*c)))
            .collect(),
        rows,
        order: l.t("console-channel-order"),
        order_hint: l.t("console-channel-order-hint"),
        cap: l.t("console-daily-cap"),
        cap_hint: l.t_args(
            "console-daily-cap-hint",
            &[("platform", platform.daily_cap.to_string())],
        ),
        feedback: l.t("console-feedback-after"),
        feedback_hint: l.t("console-feedback-after-hint"),
        review: l.t("console-review-url"),
        suggestions: l.t("console-suggestions"),
        suggestion_name: l.t("console-suggestion-name"),
        suggestion_url: l.t("console-suggestion-url"),
        suggestion_rows,
        quiet: match platform.quiet_hours {
            Some((from, to)) => l.t_args(
                "console-quiet-hours",
                &[
                    ("from", from.format("%H:%M").to_string()),
                    ("to", to.format("%H:%M").to_string()),
                ],
            ),
            None => l.t("console-quiet-hours-none"),
        },
        values: Values {
            order: list(order.iter().map(|c| c.as_str()).collect()),
            cap: settings
                .daily_cap
                .map(|c| c.to_string())
                .unwrap_or_default(),
            feedback: settings
                .feedback_after
                .as_ref()
                .map(|v| v.join(", "))
                .unwrap_or_default(),
            review: settings.review_url.clone().unwrap_or_default(),
        },
        save: l.t("console-save"),
        preview: l.t("console-preview"),
        preview_heading: l.t("console-preview-message"),
        triggers: Trigger::ALL
            .iter()
            .map(|t| (t.as_str(), trigger_name(*t)))
            .collect(),
        languages: LANGUAGES.iter().map(|t| (*t, *t == preview.lang)).collect(),
        language: l.t("console-language"),
        channel: l.t("console-channel"),
        chosen: (preview.trigger.as_str(), preview.channel.as_str()),
        query: format!(
            "trigger={}&channel={}&lang={}",
            preview.trigger.as_str(),
            preview.channel.as_str(),
            preview.lang
        ),
    };
    let status = match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    };
    pages::render(status, &view)
}

/// What the preview shows: a trigger, a channel, a language (defaults: shipped, e-mail,
/// the member's language); only known values are read.
struct PreviewChoice {
    trigger: Trigger,
    channel: Channel,
    lang: &'static str,
}

fn preview_query(req: &HttpRequest, l: &Lang) -> PreviewChoice {
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

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    match app.notifications.settings(&m.merchant.id).await {
        Ok(settings) => page(&req, &app, &m, &settings, &[]),
        Err(e) => unavailable(&req, e),
    }
}

/// The form read back into the API's settings document (checked by the service).
fn settings_of(form: &[(String, String)], cols: &[Channel]) -> Result<SettingsInput, FieldError> {
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map_or("", |(_, v)| v.trim())
    };
    let mut triggers = BTreeMap::new();
    for t in Trigger::ALL {
        let key = format!("t.{}", t.as_str());
        let on: Vec<Channel> = cols
            .iter()
            .copied()
            .filter(|c| form.iter().any(|(n, v)| *n == key && v == c.as_str()))
            .collect();
        let switch = match on.len() {
            0 => TriggerSwitch::All(false),
            n if n == cols.len() => TriggerSwitch::All(true),
            _ => TriggerSwitch::Only(on),
        };
        triggers.insert(t, switch);
    }
    let mut channels = vec![];
    for name in get("channels")
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .take(8)
    {
        channels.push(Channel::parse(name).ok_or_else(|| {
            FieldError::new(
                "channels",
                "email, sms, whatsapp or outbox, comma-separated",
            )
        })?);
    }
    let daily_cap = match get("daily_cap") {
        "" => None,
        raw => Some(
            raw.parse::<u32>()
                .map_err(|_| FieldError::new("daily_cap", "a whole number"))?,
        ),
    };
    let feedback: Vec<String> = get("feedback_after")
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect();
    let also_like = (0..SUGGESTIONS)
        .map(|i| (get(&format!("like_name{i}")), get(&format!("like_url{i}"))))
        .filter(|(n, u)| !n.is_empty() || !u.is_empty())
        .map(|(name, url)| Suggestion {
            name: name.to_owned(),
            url: url.to_owned(),
        })
        .collect();
    Ok(SettingsInput {
        channels: (!channels.is_empty()).then_some(channels),
        triggers,
        feedback_after: (!feedback.is_empty()).then_some(feedback),
        daily_cap,
        also_like,
        review_url: Some(get("review_url").to_owned()).filter(|u| !u.is_empty()),
    })
}

pub async fn save(
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let csrf = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map_or("", |(_, v)| v.as_str());
    let m = match acting(&req, &app, Action::Configure, csrf, BACK).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let cols = columns(&app.config.notifier.channels);
    let settings = match settings_of(&form, &cols) {
        Ok(s) => s,
        Err(e) => return refused(&req, &app, &m, vec![e]).await,
    };
    match app
        .notifications
        .put_settings(&m.caller(), settings, chrono::Utc::now())
        .await
    {
        Ok(_) => {
            tracing::info!(merchant_id = %m.merchant.id, by = %m.user.id, "message settings saved in the console");
            redirect("/console/messages?notice=saved")
        }
        Err(ServiceError::Invalid(errors)) => refused(&req, &app, &m, errors).await,
        Err(e) => unavailable(&req, e),
    }
}

/// The page again with what was wrong (the saved settings stay as they were).
async fn refused(
    req: &HttpRequest,
    app: &AppState,
    m: &Member,
    errors: Vec<FieldError>,
) -> HttpResponse {
    match app.notifications.settings(&m.merchant.id).await {
        Ok(settings) => page(req, app, m, &settings, &errors),
        Err(e) => unavailable(req, e),
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
