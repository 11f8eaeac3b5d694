//! The stores page (owners and admins): a card each for Shopify and WooCommerce with the
//! webhook URL to paste into the store, the connection's form (secrets never shown; left
//! empty, the stored ones stay) and disconnecting.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Chrome, Member, unavailable};
use crate::domain::Action;
use crate::services::{FieldError, SHOPIFY, ServiceError, StoreView, WOOCOMMERCE};
use crate::web::AppState;
use crate::web::pages;

struct Input {
    name: &'static str,
    label: String,
    kind: &'static str,
    value: String,
    error: Option<String>,
}

struct Card {
    source: &'static str,
    name: &'static str,
    connected: Option<String>,
    webhook_url: String,
    steps: String,
    inputs: Vec<Input>,
}

struct Labels {
    not_connected: String,
    webhook_url: String,
    keep: String,
    save: String,
    remove: String,
}

#[derive(Template)]
#[template(path = "console/stores.html")]
struct StoresPage {
    chrome: Chrome,
    notice: Option<String>,
    heading: String,
    intro: String,
    off: Option<String>,
    labels: Labels,
    cards: Vec<Card>,
}

/// The form of either card (fields a card lacks stay empty).
#[derive(Deserialize, Default)]
pub struct StoreForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) shop: String,
    #[serde(default)]
    pub(super) secret: String,
    #[serde(default)]
    pub(super) secret2: String,
    #[serde(default)]
    pub(super) token: String,
    #[serde(default)]
    pub(super) consumer_secret: String,
    #[serde(default)]
    pub(super) carrier_names: String,
}

/// A refused form: its source, what was typed, and why.
pub(super) type Failed<'a> = Option<(&'a str, &'a StoreForm, &'a [FieldError])>;

/// A card's fields: form name, label (Shopify's, WooCommerce's), input kind, the API fields
/// whose errors it shows.
const FIELDS: [(&str, [&str; 2], &str, &[&str]); 6] = [
    (
        "shop",
        ["console-stores-shop", "console-stores-site"],
        "text",
        &["shop", "site"],
    ),
    (
        "secret",
        ["console-stores-secret"; 2],
        "password",
        &["signing_secrets"],
    ),
    ("secret2", ["console-stores-secret2"; 2], "password", &[]),
    (
        "token",
        ["console-stores-token", "console-stores-consumer-key"],
        "password",
        &["access_token", "consumer_key"],
    ),
    (
        "consumer_secret",
        ["", "console-stores-consumer-secret"],
        "password",
        &["consumer_secret"],
    ),
    (
        "carrier_names",
        ["console-stores-carrier-names"; 2],
        "textarea",
        &["carrier_names"],
    ),
];

/// One store's card: what is stored (`view`), or what was typed when refused.
fn card(
    m: &Member,
    public_url: &str,
    source: &'static str,
    view: Option<StoreView>,
    failed: Failed<'_>,
) -> Card {
    let l = &m.lang;
    let woo = usize::from(source == WOOCOMMERCE);
    let (form, errors) = match failed {
        Some((s, f, e)) if s == source => (Some(f), e),
        _ => (None, &[][..]),
    };
    let value = |name: &str| match (name, form, &view) {
        ("shop", Some(f), _) => f.shop.clone(),
        ("shop", None, Some(v)) => v.shop.clone(),
        ("carrier_names", Some(f), _) => f.carrier_names.clone(),
        ("carrier_names", None, Some(v)) => v
            .carrier_names
            .iter()
            .map(|(k, c)| format!("{k} = {c}\n"))
            .collect(),
        _ => String::new(),
    };
    let inputs = FIELDS
        .iter()
        .filter(|(_, labels, _, _)| !labels[woo].is_empty())
        .map(|(name, labels, kind, fields)| Input {
            name,
            label: l.t(labels[woo]),
            kind,
            value: value(name),
            error: errors
                .iter()
                .find(|e| fields.contains(&e.field.as_str()))
                .map(|e| e.message.clone()),
        })
        .collect();
    let zone = m.merchant.timezone.tz();
    let connected = view.as_ref().map(|v| {
        let when = l.date_time(&v.updated_at.with_timezone(&zone));
        l.t_args(
            "console-stores-connected",
            &[("shop", v.shop.clone()), ("when", when)],
        )
    });
    Card {
        source,
        name: ["Shopify", "WooCommerce"][woo],
        connected,
        webhook_url: format!(
            "{}/hooks/{source}/{}",
            public_url.trim_end_matches('/'),
            m.merchant.id
        ),
        steps: l.t(&format!("console-stores-{source}-steps")),
        inputs,
    }
}

pub(super) async fn page(
    req: &HttpRequest,
    app: &AppState,
    m: &Member,
    failed: Failed<'_>,
) -> HttpResponse {
    let l = &m.lang;
    let mut cards = vec![];
    for source in [SHOPIFY, WOOCOMMERCE] {
        let view = match app.intake.connection(&m.merchant.id, source).await {
            Ok(v) => Some(v),
            Err(ServiceError::NotFound) => None,
            Err(e) => return unavailable(req, e),
        };
        cards.push(card(m, app.config.public_url(), source, view, failed));
    }
    let view = StoresPage {
        chrome: m.chrome(l.t("console-stores")),
        notice: super::notice(req, l),
        heading: l.t("console-stores-heading"),
        intro: l.t("console-stores-intro"),
        off: (!app.intake.sealing()).then(|| l.t("console-stores-off")),
        labels: Labels {
            not_connected: l.t("console-stores-not-connected"),
            webhook_url: l.t("console-stores-webhook-url"),
            keep: l.t("console-stores-keep"),
            save: l.t("console-stores-save"),
            remove: l.t("console-stores-remove"),
        },
        cards,
    };
    let status = if failed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    pages::render(status, &view)
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => page(&req, &app, &m, None).await,
        Err(resp) => resp,
    }
}
