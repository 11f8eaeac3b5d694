//! Messages (owners and admins): which trigger goes out on which channel (a matrix), the
//! channel order, the daily cap, feedback timing, suggestions and the review link, saved
//! through the same settings service as the API; and a preview of any trigger on any
//! channel in any language, rendered as the customer gets it (the e-mail in a sandboxed
//! frame, the SMS text with its length in segments).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

mod form;
mod preview;

use super::{Chrome, Member, acting, redirect, unavailable};
use form::settings_of;
use preview::preview_query;

use crate::domain::{Action, Channel, Trigger};
use crate::i18n::Lang;
use crate::services::{FieldError, ServiceError, SettingsInput};
use crate::web::AppState;
use crate::web::pages;
pub use preview::preview;

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
    /// The field's label and hint (the platform's window).
    quiet: (String, String),
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

/// The form's values: the saved settings, or the platform's where the shop set none.
struct Values {
    order: String,
    cap: String,
    quiet: String,
    feedback: String,
    review: String,
    /// Name and link; empty rows up to [`SUGGESTIONS`].
    suggestions: Vec<(String, String)>,
}

impl Values {
    fn of(settings: &SettingsInput, platform: &[Channel]) -> Values {
        let order = settings.channels.as_deref().unwrap_or(platform);
        let mut suggestions: Vec<(String, String)> = settings
            .also_like
            .iter()
            .map(|s| (s.name.clone(), s.url.clone()))
            .collect();
        suggestions.resize(SUGGESTIONS, (String::new(), String::new()));
        Values {
            order: order
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            cap: settings
                .daily_cap
                .map(|c| c.to_string())
                .unwrap_or_default(),
            quiet: settings.quiet_hours.clone().unwrap_or_default(),
            feedback: settings
                .feedback_after
                .as_ref()
                .map(|v| v.join(", "))
                .unwrap_or_default(),
            review: settings.review_url.clone().unwrap_or_default(),
            suggestions,
        }
    }

    /// The values as the member typed them (a refused form is drawn again with them).
    fn posted(form: &[(String, String)]) -> Values {
        let get = |k: &str| {
            form.iter()
                .find(|(n, _)| n == k)
                .map_or_else(String::new, |(_, v)| v.clone())
        };
        Values {
            order: get("channels"),
            cap: get("daily_cap"),
            quiet: get("quiet_hours"),
            feedback: get("feedback_after"),
            review: get("review_url"),
            suggestions: (0..SUGGESTIONS)
                .map(|i| (get(&format!("like_name{i}")), get(&format!("like_url{i}"))))
                .collect(),
        }
    }
}

/// What the form shows: the saved settings, or a refused form as it was posted.
enum Shown<'a> {
    Saved(&'a SettingsInput),
    Posted(&'a [(String, String)]),
}

/// The matrix: per trigger, whether it goes out on each column's channel.
fn rows(
    shown: &Shown<'_>,
    cols: &[Channel],
    platform: &[Trigger],
    name: &dyn Fn(Trigger) -> String,
) -> Vec<Row> {
    let stored = match shown {
        Shown::Saved(settings) => crate::domain::NotificationSettings {
            triggers: settings.triggers.clone(),
            ..Default::default()
        },
        Shown::Posted(_) => crate::domain::NotificationSettings::default(),
    };
    let on = |t: Trigger, c: Channel| match shown {
        Shown::Saved(_) => stored.allows(t, c, platform),
        Shown::Posted(form) => {
            let key = format!("t.{}", t.as_str());
            form.iter().any(|(k, v)| *k == key && v == c.as_str())
        }
    };
    Trigger::ALL
        .iter()
        .map(|t| Row {
            trigger: t.as_str(),
            label: name(*t),
            cells: cols.iter().map(|c| on(*t, *c)).collect(),
        })
        .collect()
}

/// The platform's quiet hours, said plainly.
fn quiet(l: &Lang, hours: Option<(chrono::NaiveTime, chrono::NaiveTime)>) -> String {
    match hours {
        Some((from, to)) => l.t_args(
            "console-quiet-hours",
            &[
                ("from", from.format("%H:%M").to_string()),
                ("to", to.format("%H:%M").to_string()),
            ],
        ),
        None => l.t("console-quiet-hours-none"),
    }
}

fn page(
    req: &HttpRequest,
    app: &AppState,
    m: &Member,
    shown: Shown<'_>,
    errors: &[FieldError],
) -> HttpResponse {
    let l = &m.lang;
    let platform = &app.config.notifier;
    let cols = columns(&platform.channels);
    let channel_name = |c: Channel| l.t(&format!("console-channel-{}", c.as_str()));
    let trigger_name =
        |t: Trigger| l.t(&format!("console-trigger-{}", t.as_str().replace('_', "-")));
    let rows = rows(&shown, &cols, &platform.triggers, &trigger_name);
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
        quiet: (
            l.t("console-quiet-hours-label"),
            quiet(l, platform.quiet_hours),
        ),
        values: match shown {
            Shown::Saved(settings) => Values::of(settings, &platform.channels),
            Shown::Posted(form) => Values::posted(form),
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

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    match app.notifications.settings(&m.merchant.id).await {
        Ok(settings) => page(&req, &app, &m, Shown::Saved(&settings), &[]),
        Err(e) => unavailable(&req, e),
    }
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
        Err(e) => return page(&req, &app, &m, Shown::Posted(&form), &[e]),
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
        // The page again as posted, with what was wrong (the saved settings stay).
        Err(ServiceError::Invalid(errors)) => page(&req, &app, &m, Shown::Posted(&form), &errors),
        Err(e) => unavailable(&req, e),
    }
}
