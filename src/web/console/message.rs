//! One message of a shipment in the console (`/console/messages/{id}`): what it was for,
//! where it went and how, and its text as the customer gets it — rendered again from the
//! shipment as it is now, in the customer's language.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Chrome, Member, unavailable};
use crate::domain::{Action, Channel, Occasion, sms_length};
use crate::services::ServiceError;
use crate::web::AppState;
use crate::web::pages;

#[derive(Template)]
#[template(path = "console/message.html")]
struct MessagePage {
    chrome: Chrome,
    heading: String,
    facts: Vec<(String, String)>,
    subject: Option<(String, String)>,
    body_label: String,
    body: String,
    length: Option<String>,
    note: String,
    back: (String, String),
}

pub async fn show(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::View).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let l = &m.lang;
    let not_found = || super::not_found(l);
    let id: String = id.chars().take(64).collect();
    let n = match app.notifications.find(&m.merchant.id, &id).await {
        Ok(Some(n)) => n,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(&req, e),
    };
    let occasion = Occasion {
        trigger: n.trigger,
        reason: n.reason,
    };
    let rendered = app
        .notifications
        .preview(&m.merchant.id, &n.shipment_id, occasion, None)
        .await;
    let message = match rendered {
        Ok(message) => message,
        // The shipment was purged: its messages' texts went with it.
        Err(ServiceError::NotFound) => return not_found(),
        Err(e) => return unavailable(&req, e),
    };
    let short = matches!(n.channel, Channel::Sms | Channel::Whatsapp);
    let length = short.then(|| {
        let len = sms_length(&message.short);
        l.t_args(
            "console-sms-length",
            &[
                ("characters", len.units.to_string()),
                ("segments", len.segments.to_string()),
                (
                    "encoding",
                    if len.gsm7 { "GSM-7" } else { "UCS-2" }.to_owned(),
                ),
            ],
        )
    });
    let title = l.t("console-message");
    let page = MessagePage {
        chrome: m.chrome(title.clone()),
        heading: title,
        facts: vec![
            (l.t("console-trigger"), n.trigger.as_str().to_owned()),
            (l.t("console-channel"), n.channel.as_str().to_owned()),
            (l.t("console-outcome"), n.status.as_str().replace('_', " ")),
            (l.t("console-why"), n.last_error.unwrap_or_default()),
            (l.t("console-language"), message.lang.clone()),
        ],
        subject: (!short).then(|| (l.t("console-subject"), message.subject.clone())),
        body_label: l.t("console-message-text"),
        body: if short { message.short } else { message.text },
        length,
        note: l.t("console-message-note"),
        back: (
            format!("/console/shipments/{}", n.shipment_id),
            l.t("console-back-to-shipment"),
        ),
    };
    pages::render(StatusCode::OK, &page)
}
