//! `/healthz` (the process is up), `/readyz` (it can reach Redis) and `/metrics`
//! (Prometheus text).

use actix_web::{HttpResponse, web};

use crate::store::Store;
use crate::supervise::Liveness;

/// `/healthz` and `/readyz`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz));
}

/// `/metrics` (on the main listener unless `metrics.addr` gives it one of its own).
pub fn metrics_route(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(metrics));
}

async fn metrics(store: web::Data<Store>) -> HttpResponse {
    let shared = match store
        .shared_figures(chrono::Utc::now().timestamp_millis())
        .await
    {
        Ok(figures) => figures,
        Err(e) => {
            tracing::warn!(error = %e, "metrics: cannot read the shared figures");
            vec![]
        }
    };
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(crate::metrics::render(&shared))
}

/// Up while every role loop of this process runs; 503 naming the ones that stopped.
async fn healthz(liveness: web::Data<Liveness>) -> HttpResponse {
    let stopped = liveness.stopped();
    if stopped.is_empty() {
        return HttpResponse::Ok().content_type("text/plain").body("ok");
    }
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain")
        .body(format!("stopped: {}", stopped.join(", ")))
}

async fn readyz(store: web::Data<Store>) -> HttpResponse {
    match store.ping().await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("redis unreachable")
        }
    }
}
