//! The stores page's forms: connecting (or changing) a store, and disconnecting it.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::stores::{StoreForm, page};
use super::{acting, redirect, unavailable};
use crate::domain::Action;
use crate::services::{FieldError, SHOPIFY, ServiceError, ShopifyInput, WOOCOMMERCE, WooInput};
use crate::web::AppState;

/// `Acme Express = dhl`, one a line.
fn carrier_names(text: &str) -> Result<BTreeMap<String, String>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.rsplit_once('=') {
            Some((name, code)) => Ok((name.trim().to_owned(), code.trim().to_owned())),
            None => Err(format!("{l:?}: write a name, =, and a carrier code")),
        })
        .collect()
}

fn optional(v: &str) -> Option<String> {
    Some(v.trim().to_owned()).filter(|v| !v.is_empty())
}

pub async fn save(
    req: HttpRequest,
    source: web::Path<String>,
    form: web::Form<StoreForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/stores";
    let m = match acting(&req, &app, Action::Configure, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let source = match source.as_str() {
        SHOPIFY => SHOPIFY,
        WOOCOMMERCE => WOOCOMMERCE,
        _ => return super::not_found(&m.lang),
    };
    let secrets: Vec<String> = [&form.secret, &form.secret2]
        .into_iter()
        .filter_map(|s| optional(s))
        .collect();
    let signing_secrets = (!secrets.is_empty()).then_some(secrets);
    let names = match carrier_names(&form.carrier_names) {
        Ok(names) => names,
        Err(why) => {
            let errors = [FieldError::new("carrier_names", why)];
            return page(&req, &app, &m, Some((source, &form, &errors))).await;
        }
    };
    let now = Utc::now();
    let saved = if source == SHOPIFY {
        let input = ShopifyInput {
            shop: form.shop.clone(),
            signing_secrets,
            access_token: optional(&form.token),
            carrier_names: names,
        };
        app.intake.connect_shopify(&m.caller(), input, now).await
    } else {
        let input = WooInput {
            site: form.shop.clone(),
            signing_secrets,
            consumer_key: optional(&form.token),
            consumer_secret: optional(&form.consumer_secret),
            carrier_names: names,
        };
        app.intake
            .connect_woocommerce(&m.caller(), input, now)
            .await
    };
    match saved {
        Ok(_) => redirect(&format!("/console/stores?notice=store-saved#{source}")),
        Err(ServiceError::Invalid(errors)) => {
            page(&req, &app, &m, Some((source, &form, &errors))).await
        }
        Err(ServiceError::Conflict(why)) => {
            let errors = [FieldError::new("shop", why)];
            page(&req, &app, &m, Some((source, &form, &errors))).await
        }
        Err(e) => unavailable(&req, e),
    }
}

pub async fn remove(
    req: HttpRequest,
    source: web::Path<String>,
    form: web::Form<super::CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/stores";
    let m = match acting(&req, &app, Action::Configure, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    match app.intake.disconnect(&m.caller(), source.as_str()).await {
        Ok(()) => redirect("/console/stores?notice=store-removed"),
        Err(ServiceError::NotFound) => redirect(back),
        Err(e) => unavailable(&req, e),
    }
}
