//! `GET /dev/outbox`: the messages the outbox channel wrote, for the demo and development.
//! Exists only with `dev.outbox_page` (the demo's) while the outbox is a configured channel.

use std::path::Path;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};

use super::AppState;
use super::pages::{self, DEFAULT_BRAND};
use crate::domain::Channel;
use crate::notifier::channels::outbox;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/dev/outbox", web::get().to(list))
        .route("/dev/outbox/{name}", web::get().to(show));
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    lang: String,
    rtl: bool,
    brand_color: String,
    messages: Vec<(String, String, String)>,
}

fn dir(app: &AppState) -> Option<&Path> {
    let cfg = &app.config.notifier;
    (app.config.dev.outbox_page && cfg.channels.contains(&Channel::Outbox))
        .then(|| Path::new(&cfg.outbox_dir))
}

async fn list(app: web::Data<AppState>) -> HttpResponse {
    let Some(dir) = dir(&app) else {
        return HttpResponse::NotFound().finish();
    };
    let messages = outbox::list(dir, 200)
        .into_iter()
        .map(|f| {
            let at: DateTime<Utc> = f.written.into();
            (
                f.name,
                f.subject,
                at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            )
        })
        .collect();
    let page = OutboxPage {
        lang: "en".into(),
        rtl: false,
        brand_color: DEFAULT_BRAND.into(),
        messages,
    };
    pages::render(StatusCode::OK, &page)
}

async fn show(name: web::Path<String>, app: web::Data<AppState>) -> HttpResponse {
    match dir(&app).and_then(|d| outbox::read(d, &name)) {
        Some(text) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body(text),
        None => HttpResponse::NotFound().finish(),
    }
}
