//! Messages (owners and admins): which trigger goes out on which channel (a matrix), the
//! channel order, the daily cap, feedback timing, suggestions, the review link and the
//! make-good for late parcels, saved
//! through the same settings service as the API; and a preview of any trigger on any
//! channel in any language, rendered as the customer gets it (the e-mail in a sandboxed
//! frame, the SMS text with its length in segments).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

mod form;
mod preview;
mod values;

use super::{Chrome, Member, acting, redirect, unavailable};
use form::settings_of;
use preview::preview_query;
use values::{Row, Shown, Values, rows};

use crate::domain::{Action, Channel, Trigger};
use crate::i18n::Lang;
use crate::services::{FieldError, ServiceError};
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
    /// The make-good fieldset: legend, hint (with the codes left), text, days late, codes,
    /// the "running low" mark.
    late: (String, String, String, String, String, String),
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

/// The make-good fieldset's legend, hint (with the codes left) and labels.
fn late_labels(l: &Lang, pool_left: u64) -> (String, String, String, String, String, String) {
    (
        l.t("console-make-good"),
        l.t_args("console-make-good-hint", &[("left", pool_left.to_string())]),
        l.t("console-make-good-text"),
        l.t("console-make-good-days"),
        l.t("console-make-good-codes"),
        l.t("console-make-good-low"),
    )
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
    (shown, pool_left): (Shown<'_>, u64),
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
        late: late_labels(l, pool_left),
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
    let pool = app.make_goods.status(&m.merchant.id).await;
    match (app.notifications.settings(&m.merchant.id).await, pool) {
        (Ok(settings), Ok(pool)) => {
            let shown = (Shown::Saved(&settings), pool.remaining);
            page(&req, &app, &m, shown, &[])
        }
        (Err(e), _) | (_, Err(e)) => unavailable(&req, e),
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
    let left = app.make_goods.status(&m.merchant.id).await;
    let left = left.map_or(0, |p| p.remaining);
    let settings = match settings_of(&form, &cols) {
        Ok(s) => s,
        Err(e) => return page(&req, &app, &m, (Shown::Posted(&form), left), &[e]),
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
        Err(ServiceError::Invalid(errors)) => {
            page(&req, &app, &m, (Shown::Posted(&form), left), &errors)
        }
        Err(e) => unavailable(&req, e),
    }
}
