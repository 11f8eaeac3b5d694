//! The HTTP servers: the web role's, and the operators' own listener.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, Service};
use actix_web::{App, HttpServer, web};

use super::{AppState, configure, health, layers, limits, not_found};
use crate::store::Store;
use crate::supervise::Liveness;

/// Builds the HTTP server on a bound listener. Signals are handled by the caller, which
/// stops the server gracefully through its handle.
pub fn server(state: Arc<AppState>, listener: TcpListener) -> std::io::Result<Server> {
    let http = &state.config.http;
    let workers = if http.workers == 0 {
        std::thread::available_parallelism().map_or(2, usize::from)
    } else {
        http.workers
    };
    let shutdown = http.shutdown_timeout.as_secs();
    let metrics_here = state.config.metrics.addr.is_empty();
    let server = HttpServer::new(move || {
        let state = state.clone();
        App::new()
            .app_data(web::Data::new(state.store.clone()))
            .app_data(web::Data::new(state.liveness.clone()))
            .data_factory(move || {
                let state = state.clone();
                async move { state.for_worker().await }
            })
            .wrap(actix_web::middleware::from_fn(limits::pages))
            .wrap(layers::security_headers())
            .wrap_fn(|req, srv| {
                let started = std::time::Instant::now();
                let call = srv.call(req);
                async move {
                    let res = call.await?;
                    layers::observe(&res, started.elapsed());
                    Ok(res)
                }
            })
            .configure(configure)
            .configure(|cfg| {
                if metrics_here {
                    health::metrics_route(cfg);
                }
            })
            .default_service(web::to(not_found))
    })
    .workers(workers)
    .shutdown_timeout(shutdown)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok(server)
}

/// A listener for operators only: probes (`/healthz`, `/readyz`) for a process without the
/// web role, and/or `/metrics` (on `http.addr`, or alone on `metrics.addr`).
pub fn ops_server(
    store: Store,
    liveness: Liveness,
    listener: TcpListener,
    (with_probes, with_metrics): (bool, bool),
) -> std::io::Result<Server> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(store.clone()))
            .app_data(web::Data::new(liveness.clone()))
            .configure(|cfg| {
                if with_probes {
                    health::routes(cfg);
                }
                if with_metrics {
                    health::metrics_route(cfg);
                }
            })
    })
    .workers(1)
    .shutdown_timeout(1)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok(server)
}
