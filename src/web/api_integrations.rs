//! `PUT, GET, DELETE /api/v1/integrations/shopify` and `…/woocommerce`: the merchant's stores.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::services::{SHOPIFY, ShopifyInput, StoreView, WOOCOMMERCE, WooInput};

pub fn routes(api: &mut Api) {
    api.put(
        "/integrations/shopify",
        put,
        Doc::new("Connect the shop's Shopify store (or change it): its domain, the webhook signing secrets (an app's client secret or the key the store admin shows with its webhooks; two while one is rotated), an Admin API token that may read orders, and the store's own names for carriers. Secrets are sealed and never shown again; left out, the stored ones stay. The answer gives the webhook URL to subscribe `fulfillments/create` and `fulfillments/update` to")
            .body::<ShopifyInput>()
            .ok(200, output::<StoreView>()),
    )
    .get(
        "/integrations/shopify",
        get,
        Doc::new("The connected Shopify store, without its secrets").ok(200, output::<StoreView>()),
    )
    .delete(
        "/integrations/shopify",
        delete,
        Doc::new("Disconnect the Shopify store: its webhooks are refused from now on").no_content(),
    )
    .put(
        "/integrations/woocommerce",
        put_woo,
        Doc::new("Connect the shop's WooCommerce site (or change it): its address, the webhooks' secret (two while one is rotated), a REST API key that may read orders, and the shop's own names for carriers. Secrets are sealed and never shown again; left out, the stored ones stay. The answer gives the delivery URL for webhooks on `order.updated` (and `order.created`)")
            .body::<WooInput>()
            .ok(200, output::<StoreView>()),
    )
    .get(
        "/integrations/woocommerce",
        get_woo,
        Doc::new("The connected WooCommerce site, without its secrets").ok(200, output::<StoreView>()),
    )
    .delete(
        "/integrations/woocommerce",
        delete_woo,
        Doc::new("Disconnect the WooCommerce site: its webhooks are refused from now on").no_content(),
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
    Ok(HttpResponse::Ok().json(app.intake.connection(&merchant, SHOPIFY).await?))
}

async fn delete(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    app.intake.disconnect(&caller, SHOPIFY).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn put_woo(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let input: WooInput = super::json::read(body, app.config.http.body_limit).await?;
    let view = app
        .intake
        .connect_woocommerce(&caller, input, Utc::now())
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn get_woo(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    Ok(HttpResponse::Ok().json(app.intake.connection(&merchant, WOOCOMMERCE).await?))
}

async fn delete_woo(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    app.intake.disconnect(&caller, WOOCOMMERCE).await?;
    Ok(HttpResponse::NoContent().finish())
}
