//! Carriers (owners and admins): one card per carrier that takes the shop's own account,
//! with the fields that carrier needs (from the carrier table, never a free-form box), the
//! rate and polling cadence, test connection (through the account's gate, like a poll), the
//! breaker's state and the last error; and a box that says who issued a pasted number.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

mod card;

use super::{Chrome, CsrfForm, Member, acting, redirect, unavailable};
use crate::carriers::{CarrierError, Carriers};
use crate::domain::{Action, CarrierCode, RequestRate, TrackingNumber};
use crate::services::{AccountOptions, AccountStatus, FieldError, ServiceError, credentials_from};
use crate::web::AppState;
use crate::web::pages;
use card::Card;

const BACK: &str = "/console/carriers";

#[derive(Template)]
#[template(path = "console/carriers.html")]
struct CarriersPage {
    chrome: Chrome,
    notice: Option<String>,
    heading: String,
    detect: String,
    detect_hint: String,
    number: String,
    /// The pasted number's candidates: carrier, format, check digit right.
    found: Option<Vec<(String, String, bool)>>,
    found_none: String,
    cards: Vec<Card>,
    labels: CardLabels,
}

struct CardLabels {
    save: String,
    test: String,
    remove: String,
    rate: String,
    rate_hint: String,
    /// Under a connected card's secret fields: empty keeps them.
    keep: String,
    cadence: String,
    cadence_hint: String,
    check_digit: String,
}

/// A card's form as posted: credential fields by name, the rate and the cadence.
pub(super) type Posted = HashMap<String, String>;

fn page(
    req: &HttpRequest,
    app: &AppState,
    m: &Member,
    statuses: Vec<AccountStatus>,
    failed: Option<(&str, &Posted, &[FieldError])>,
) -> HttpResponse {
    let l = &m.lang;
    let zone = m.merchant.timezone.tz();
    let when = |t: &chrono::DateTime<chrono::Utc>| l.date_time(&t.with_timezone(&zone));
    let number = query_number(req);
    let found = number.as_ref().map(|raw| match TrackingNumber::parse(raw) {
        Ok(n) => app
            .shipments
            .carriers()
            .detect(&n)
            .into_iter()
            .map(|c| (c.carrier, c.service, c.checksum_valid))
            .collect(),
        Err(_) => vec![],
    });
    let cards = statuses
        .iter()
        .map(|s| {
            card::card(
                s,
                l,
                &when,
                failed.filter(|(code, _, _)| *code == s.info.code),
            )
        })
        .collect();
    let view = CarriersPage {
        chrome: m.chrome(l.t("console-carriers")),
        notice: super::notice(req, l),
        heading: l.t("console-carriers"),
        detect: l.t("console-detect"),
        detect_hint: l.t("console-detect-hint"),
        number: number.unwrap_or_default(),
        found,
        found_none: l.t("console-detect-none"),
        cards,
        labels: CardLabels {
            save: l.t("console-save"),
            test: l.t("console-test"),
            remove: l.t("console-remove"),
            rate: l.t("console-rate"),
            rate_hint: l.t("console-rate-hint"),
            keep: l.t("console-credentials-keep"),
            cadence: l.t("console-cadence"),
            cadence_hint: l.t("console-cadence-hint"),
            check_digit: l.t("console-check-digit"),
        },
    };
    let status = match failed {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    pages::render(status, &view)
}

/// The number pasted in the detect box, if any (at most 64 characters are looked at).
fn query_number(req: &HttpRequest) -> Option<String> {
    web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .ok()?
        .get("number")
        .map(|n| n.trim().chars().take(64).collect::<String>())
        .filter(|n| !n.is_empty())
}

/// The cadence field read back into status → duration (checked by the service).
fn cadence_of(text: &str) -> Result<BTreeMap<String, String>, FieldError> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .take(16)
        .map(|pair| {
            pair.split_once('=')
                .map(|(s, d)| (s.trim().to_owned(), d.trim().to_owned()))
                .ok_or_else(|| {
                    FieldError::new("cadence", "write status=duration, e.g. in_transit=30m")
                })
        })
        .collect()
}

pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    match app.accounts.statuses(&m.merchant.id).await {
        Ok(statuses) => page(&req, &app, &m, statuses, None),
        Err(e) => unavailable(&req, e),
    }
}

/// A carrier code that takes merchant accounts.
fn account_code(raw: &str) -> Option<CarrierCode> {
    CarrierCode::parse(raw)
        .ok()
        .filter(|c| Carriers::credential_kind(c).is_some())
}

pub async fn save(
    req: HttpRequest,
    code: web::Path<String>,
    form: web::Form<Posted>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let csrf = form.get("csrf").map_or("", String::as_str);
    let m = match acting(&req, &app, Action::Configure, csrf, BACK).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let Some((code, kind)) =
        account_code(&code).and_then(|c| Some((c.clone(), Carriers::credential_kind(&c)?)))
    else {
        return redirect(BACK);
    };
    let mut errors = vec![];
    // Every secret field left empty: the stored credentials stay (a rate or cadence change).
    let blank = kind
        .fields()
        .iter()
        .all(|f| form.get(*f).is_none_or(|v| v.trim().is_empty()));
    let credentials = match blank {
        true => Some(None),
        false => credentials_from(kind, |name| form.get(name).cloned())
            .map(Some)
            .map_err(|e| errors.extend(e))
            .ok(),
    };
    let rate = match form
        .get("requests_per_second")
        .map(|r| r.trim())
        .unwrap_or("")
    {
        "" => None,
        raw => RequestRate::typed(raw)
            .map_err(|e| errors.push(FieldError::new("requests_per_second", e.0)))
            .ok(),
    };
    let cadence = cadence_of(form.get("cadence").map_or("", String::as_str))
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let outcome = match credentials.filter(|_| errors.is_empty()) {
        Some(credentials) => {
            let options = AccountOptions {
                requests_per_second: rate,
                cadence,
            };
            let now = chrono::Utc::now();
            app.accounts
                .put(&m.caller(), &code, credentials, options, now)
                .await
                .map(|_| ())
        }
        None => Err(ServiceError::Invalid(errors)),
    };
    match outcome {
        Ok(()) => {
            tracing::info!(merchant_id = %m.merchant.id, carrier = %code, by = %m.user.id, "carrier account saved in the console");
            redirect("/console/carriers?notice=carrier-saved")
        }
        Err(ServiceError::Invalid(errors)) => match app.accounts.statuses(&m.merchant.id).await {
            Ok(statuses) => page(
                &req,
                &app,
                &m,
                statuses,
                Some((code.as_str(), &form, &errors)),
            ),
            Err(e) => unavailable(&req, e),
        },
        Err(ServiceError::Conflict(_)) => redirect("/console/carriers?notice=accounts-off"),
        Err(e) => unavailable(&req, e),
    }
}

pub async fn test(
    req: HttpRequest,
    code: web::Path<String>,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match acting(&req, &app, Action::Configure, &form.csrf, BACK).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let Some(code) = account_code(&code) else {
        return redirect(BACK);
    };
    let notice = match app.accounts.test(&m.merchant.id, &code).await {
        Ok(Ok(())) => "test-ok",
        Ok(Err(CarrierError::Auth)) => "test-refused",
        Ok(Err(CarrierError::RateLimited { .. })) => "test-wait",
        Ok(Err(_)) => "test-failed",
        Err(ServiceError::NotFound) => "not-connected",
        Err(ServiceError::Conflict(_)) => "accounts-off",
        Err(e) => return unavailable(&req, e),
    };
    redirect(&format!("/console/carriers?notice={notice}#{code}"))
}

pub async fn remove(
    req: HttpRequest,
    code: web::Path<String>,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match acting(&req, &app, Action::Configure, &form.csrf, BACK).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let Some(code) = account_code(&code) else {
        return redirect(BACK);
    };
    match app
        .accounts
        .delete(&m.caller(), &code, chrono::Utc::now())
        .await
    {
        Ok(()) | Err(ServiceError::NotFound) => {
            redirect("/console/carriers?notice=carrier-removed")
        }
        Err(e) => unavailable(&req, e),
    }
}
