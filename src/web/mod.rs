//! The web role: the merchant JSON API, the customer pages and the operator endpoints.
//! Handlers extract, parse, make one call into a service or the store, and render; no
//! Redis commands and no outbound HTTP here.

mod api_analytics;
mod api_audit;
mod api_carriers;
mod api_feedback;
mod api_imports;
mod api_inserts;
mod api_integrations;
mod api_keys;
mod api_make_good;
mod api_merchants;
mod api_notifications;
mod api_overview;
mod api_profile;
mod api_qr;
mod api_shipments;
mod api_team;
mod api_webhooks;
mod assets;
mod auth;
mod console;
mod csrf;
mod error;
mod feedback;
mod feedback_page;
mod health;
mod hooks;
mod json;
mod layers;
mod limits;
pub(crate) mod lookup;
pub mod multipart;
mod multipart_stream;
mod openapi;
mod outbox;
mod package;
pub(crate) mod pages;
mod preferences;
mod serve;
mod shipment_response;
mod tracking_eta;
mod tracking_page;
mod tracking_timeline;

use crate::supervise::Liveness;
use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};

use self::openapi::Api;
use crate::config::Config;
use crate::services::{
    Analytics, CarrierAccounts, Console, Feedbacks, Imports, Intake, MakeGoods, Merchants,
    Notifications, Preferences, Push, Shipments, TrackingPages, Webhooks,
};
use crate::store::{Quota, Store};

pub use error::{ApiError, PageError};
pub use serve::{ops_server, server};
pub use tracking_page::TrackingPage;

/// What brings parcels in besides the API's own calls: files, and the shops' webhooks.
pub struct Inflow {
    pub imports: Imports,
    pub intake: Intake,
    pub push: Push,
}

/// Everything a handler can reach.
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub shipments: Shipments,
    pub merchants: Merchants,
    pub accounts: CarrierAccounts,
    pub notifications: Notifications,
    pub make_goods: MakeGoods,
    pub analytics: Analytics,
    pub webhooks: Webhooks,
    pub preferences: Preferences,
    pub feedbacks: Feedbacks,
    pub tracking: TrackingPages,
    pub console: Console,
    pub imports: Imports,
    pub intake: Intake,
    pub push: Push,
    /// Which role loops of this process run (`/healthz`).
    pub liveness: Liveness,
    /// Clients refused for too many unknown links (see `limits.rs`).
    pub blocked: Arc<limits::Blocked>,
}

impl AppState {
    pub fn new(
        config: Arc<Config>,
        store: Store,
        shipments: Shipments,
        merchants: Merchants,
        accounts: CarrierAccounts,
        inflow: Inflow,
        liveness: Liveness,
    ) -> Self {
        let notifications = Notifications::new(store.clone(), shipments.clone(), config.clone());
        let webhooks = Webhooks::new(store.clone(), config.notifier.webhooks_allow_private);
        AppState {
            notifications,
            make_goods: MakeGoods::new(store.clone()),
            analytics: Analytics::new(store.clone(), config.http.analytics_cache),
            webhooks,
            preferences: Preferences::new(store.clone()),
            feedbacks: Feedbacks::new(store.clone(), config.notifier.detractor_max_rating),
            tracking: TrackingPages::new(
                store.clone(),
                shipments.carriers().clone(),
                config.clone(),
            ),
            console: Console::new(store.clone(), config.clone()),
            imports: inflow.imports,
            intake: inflow.intake,
            push: inflow.push,
            config,
            store,
            shipments,
            merchants,
            accounts,
            liveness,
            blocked: Arc::default(),
        }
    }

    /// A copy for one HTTP worker thread, with its own Redis connection.
    async fn for_worker(&self) -> Result<AppState, crate::store::StoreError> {
        let store = self.store.reconnect().await?;
        Ok(AppState {
            config: self.config.clone(),
            shipments: self.shipments.with_store(store.clone()),
            merchants: self.merchants.with_store(store.clone()),
            accounts: self.accounts.with_store(store.clone()),
            notifications: self.notifications.with_store(store.clone()),
            make_goods: MakeGoods::new(store.clone()),
            analytics: self.analytics.with_store(store.clone()),
            webhooks: self.webhooks.with_store(store.clone()),
            preferences: Preferences::new(store.clone()),
            feedbacks: self.feedbacks.with_store(store.clone()),
            tracking: self.tracking.with_store(store.clone()),
            console: Console::new(store.clone(), self.config.clone()),
            imports: self.imports.with_store(store.clone()),
            intake: self.intake.with_store(store.clone()),
            push: self.push.with_store(store.clone()),
            liveness: self.liveness.clone(),
            store,
            blocked: self.blocked.clone(),
        })
    }

    /// Whether this client may send another feedback form now.
    async fn allow_feedback(&self, req: &HttpRequest) -> bool {
        let quota = Quota::per_minute(self.config.limits.pages_per_minute);
        self.allow(req, "fb", quota).await
    }

    /// Whether this client may try another order lookup now.
    async fn allow_lookup(&self, req: &HttpRequest) -> bool {
        let quota = Quota::per_minute(self.config.lookup.per_minute);
        self.allow(req, "lk", quota).await
    }

    /// Takes one request of this client from the `kind` bucket.
    async fn allow(&self, req: &HttpRequest, kind: &str, quota: Quota) -> bool {
        let ip = limits::client_ip(req, &self.config.http.trusted_proxies);
        limits::take(&self.store, &limits::bucket(kind, ip), quota)
            .await
            .is_none_or(|v| v.allowed)
    }
}

async fn not_found(req: HttpRequest) -> Result<HttpResponse, actix_web::Error> {
    if req.path().starts_with("/api/") {
        Err(ApiError::NotFound.into())
    } else {
        Err(PageError::not_found(&pages::request_lang(&req)).into())
    }
}

/// Registers every route (tests and the server share this). The tracking page, the hot
/// path, is matched first; the API sits behind one prefix check.
pub fn configure(cfg: &mut web::ServiceConfig) {
    tracking_page::routes(cfg);
    lookup::routes(cfg);
    preferences::routes(cfg);
    feedback::routes(cfg);
    package::routes(cfg);
    outbox::routes(cfg);
    health::routes(cfg);
    assets::routes(cfg);
    console::routes(cfg);
    hooks::routes(cfg);
    cfg.route("/api/openapi.json", web::get().to(openapi::serve));
    cfg.service(
        web::scope("/api/v1")
            .wrap(actix_web::middleware::from_fn(limits::api))
            .configure(|cfg| api_routes(&mut Api::new(Some(cfg)))),
    );
}

/// Every `/api/v1` route, registered and documented in one go.
fn api_routes(api: &mut Api) {
    api_merchants::routes(api);
    api_profile::routes(api);
    api_keys::routes(api);
    api_analytics::routes(api);
    api_audit::routes(api);
    api_carriers::routes(api);
    api_feedback::routes(api);
    api_imports::routes(api);
    api_integrations::routes(api);
    api_make_good::routes(api);
    api_inserts::routes(api);
    api_notifications::routes(api);
    api_overview::routes(api);
    api_qr::routes(api);
    api_shipments::routes(api);
    api_team::routes(api);
    api_webhooks::routes(api);
}

/// The OpenAPI 3.1 document of `/api/v1`, from the same calls that register the routes.
pub fn openapi_document() -> serde_json::Value {
    let mut api = Api::new(None);
    api_routes(&mut api);
    api.document("/api/v1")
}
