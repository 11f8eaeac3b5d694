//! `PUT, GET, DELETE /api/v1/integrations/shopify`: the merchant's Shopify store.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::services::{SHOPIFY, ShopifyInput, ShopifyView};

pub fn routes(api: &mut Api) {
    api.put(
        "/integrations/shopify",
        put,
        Doc::new("Connect the shop's Shopify store (or change it): its domain, the webhook signing secrets (an app's client secret or the key the store admin shows with its webhooks; two while one is rotated), an Admin API token that may read orders, and the store's own names for carriers. Secrets are sealed and never shown again; left out, the stored ones stay. The answer gives the webhook URL to subscribe `fulfillments/create` and `fulfillments/update` to")
            .body::<ShopifyInput>()
            .ok(200, output::<ShopifyView>()),
    )
    .get(
        "/integrations/shopify",
        get,
        Doc::new("The connected Shopify store, without its secrets").ok(200, output::<ShopifyView>()),
    )
    .delete(
        "/integrations/shopify",
        delete,
        Doc::new("Disconnect the Shopify store: its webhooks are refused from now on").no_content(),
    );
}

async fn put(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let input: ShopifyInput = super::json::read(body, app.config.http.body_limit).await?;
    let view = app
        .intake
        .connect_shopify(&caller, input, Utc::now())
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn get(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    Ok(HttpResponse::Ok().json(app.intake.shopify(&merchant).await?))
}

async fn delete(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    app.intake.disconnect(&caller, SHOPIFY).await?;
    Ok(HttpResponse::NoContent().finish())
}
