//! Wiring: builds the shared parts from the configuration and runs the selected roles
//! until cancelled, then shuts down in order (stop accepting, finish in-flight work, exit).

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::ServerHandle;
use anyhow::Context;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::info;

use crate::carriers::Carriers;
use crate::config::Config;
use crate::notifier::Notifier;
use crate::poller::Poller;
use crate::scheduler::Scheduler;
use crate::services::{
    CarrierAccounts, Console, Imports, Intake, Logos, Merchants, Push, Shipments,
};
use crate::store::{Store, redact_url};
use crate::supervise::Liveness;
use crate::vault::Vault;
use crate::web::{self, AppState};

/// A role `shipmate serve` can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    Web,
    Poller,
    Notifier,
    Scheduler,
    All,
}

/// How long `shipmate serve` waits for Redis before giving up.
const REDIS_START_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The shared parts every role is built from.
#[derive(Clone)]
pub struct Parts {
    pub config: Arc<Config>,
    pub store: Store,
    pub carriers: Carriers,
    pub shipments: Shipments,
    pub merchants: Merchants,
    /// Merchants' logos fetched in the background (run with the web role).
    pub logos: Arc<Logos>,
    pub accounts: CarrierAccounts,
    /// Files of shipments read in the background (run with the web role).
    pub imports: Arc<Imports>,
    /// Store webhooks applied in the background (web role); reconciled by the scheduler.
    pub intake: Arc<Intake>,
    pub poller: Arc<Poller>,
    /// Carriers' pushes (web role); UPS subscriptions (scheduler).
    pub push: Push,
    pub notifier: Arc<Notifier>,
    pub scheduler: Arc<Scheduler>,
    /// Which role loops of this process run (`/healthz`).
    pub liveness: Liveness,
}

impl Parts {
    pub async fn build(config: Arc<Config>) -> anyhow::Result<Parts> {
        Parts::build_waiting(config, std::time::Duration::ZERO).await
    }

    /// `build`, waiting up to `wait` for a Redis that is down or still loading (a service
    /// starting beside a restarting Redis; the CLI's commands fail at once instead).
    pub async fn build_waiting(
        config: Arc<Config>,
        wait: std::time::Duration,
    ) -> anyhow::Result<Parts> {
        crate::outbound::configure(&config.outbound);
        // What the configuration alone decides is built first, so a mistake in it is
        // reported at once rather than after waiting for Redis.
        let carriers = Carriers::from_config(&config.carriers).map_err(anyhow::Error::msg)?;
        let vault = Vault::from_spec(config.security.credential_keys.expose())
            .map_err(anyhow::Error::msg)?
            .map(Arc::new);
        let store = Store::connect_patiently(&config.redis, wait)
            .await
            .with_context(|| format!("connecting to Redis at {}", redact_url(&config.redis.url)))?;
        let shipments = Shipments::new(store.clone(), carriers.clone(), config.clone());
        let allow_private = config.notifier.webhooks_allow_private;
        let logos = Arc::new(
            Logos::new(store.clone(), &config.logos, allow_private).map_err(anyhow::Error::msg)?,
        );
        let console = Console::new(store.clone(), config.clone());
        let merchants = Merchants::new(store.clone(), logos.waker(), console);
        let accounts = CarrierAccounts::new(store.clone(), carriers.clone(), vault.clone());
        let imports = Arc::new(Imports::new(store.clone(), shipments.clone(), &config));
        let intake = Intake::new(store.clone(), shipments.clone(), vault.clone(), &config);
        let intake = Arc::new(intake.map_err(anyhow::Error::msg)?);
        let poller = Arc::new(Poller::new(
            store.clone(),
            carriers.clone(),
            accounts.clone(),
            config.clone(),
        ));
        let transports =
            Notifier::transports_from(&config, &store, vault).map_err(anyhow::Error::msg)?;
        let notifier = Arc::new(Notifier::new(
            store.clone(),
            carriers.clone(),
            config.clone(),
            transports,
        ));
        let push = Push::new(
            store.clone(),
            poller.clone(),
            carriers.clone(),
            config.clone(),
        );
        let scheduler = Arc::new(Scheduler::new(
            store.clone(),
            poller.clone(),
            (intake.clone(), push.clone()),
            config.clone(),
        ));
        Ok(Parts {
            config,
            store,
            carriers,
            shipments,
            merchants,
            logos,
            accounts,
            imports,
            intake,
            poller,
            push,
            notifier,
            scheduler,
            liveness: Liveness::default(),
        })
    }

    pub fn app_state(&self) -> Arc<AppState> {
        let inflow = web::Inflow {
            imports: (*self.imports).clone(),
            intake: (*self.intake).clone(),
            push: self.push.clone(),
        };
        Arc::new(AppState::new(
            self.config.clone(),
            self.store.clone(),
            self.shipments.clone(),
            self.merchants.clone(),
            self.accounts.clone(),
            inflow,
            self.liveness.clone(),
        ))
    }
}

/// How often a web process reads the change feeds (the most a page lags another process).
const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Runs `roles` until `cancel` fires. With the web role the listener serves everything;
/// without it, only `/healthz`, `/readyz` and `/metrics`.
pub async fn run(
    parts: Parts,
    roles: &[Role],
    listener: Option<TcpListener>,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    let has = |r: Role| roles.contains(&r) || roles.contains(&Role::All);
    let mut tasks = tokio::task::JoinSet::new();
    let mut server = None;
    if has(Role::Web) {
        let listener = listener.context("the web role needs a listener")?;
        info!(addr = %listener.local_addr()?, "web role listening");
        let srv = web::server(parts.app_state(), listener)?;
        server = Some(srv.handle());
        tasks.spawn(async move {
            if let Err(e) = srv.await {
                tracing::error!(error = %e, "web server failed");
            }
        });
        tasks.spawn(
            parts
                .store
                .clone()
                .follow_changes(FOLLOW_EVERY, cancel.clone()),
        );
        let logos = parts.logos.clone().run(cancel.clone());
        tasks.spawn(parts.liveness.watch("logos", cancel.clone(), logos));
        let imports = parts.imports.clone().run(cancel.clone());
        tasks.spawn(parts.liveness.watch("imports", cancel.clone(), imports));
        let intake = parts.intake.clone().run(cancel.clone());
        tasks.spawn(parts.liveness.watch("intake", cancel.clone(), intake));
    } else if let Some(listener) = listener {
        info!(addr = %listener.local_addr()?, "health and metrics listening");
        let metrics_here = parts.config.metrics.addr.is_empty();
        let srv = web::ops_server(
            parts.store.clone(),
            parts.liveness.clone(),
            listener,
            (true, metrics_here),
        )?;
        server = Some(srv.handle());
        tasks.spawn(async move {
            if let Err(e) = srv.await {
                tracing::error!(error = %e, "web server failed");
            }
        });
    }
    let metrics_server = spawn_metrics_server(&parts, &mut tasks)?;
    spawn_workers(&parts, &has, &mut tasks, &cancel);
    cancel.cancelled().await;
    info!("shutting down: no new work; finishing what is in flight");
    for handle in [server, metrics_server].into_iter().flatten() {
        handle.stop(true).await;
    }
    while tasks.join_next().await.is_some() {}
    info!("stopped");
    Ok(())
}

/// With `metrics.addr` set, Prometheus on its own address (not the public one): only
/// `/metrics` there.
fn spawn_metrics_server(
    parts: &Parts,
    tasks: &mut JoinSet<()>,
) -> anyhow::Result<Option<ServerHandle>> {
    if parts.config.metrics.addr.is_empty() {
        return Ok(None);
    }
    let addr = &parts.config.metrics.addr;
    let listener =
        TcpListener::bind(addr).with_context(|| format!("binding metrics.addr {addr}"))?;
    info!(addr = %listener.local_addr()?, "metrics listening");
    let only_metrics = (false, true);
    let srv = web::ops_server(
        parts.store.clone(),
        parts.liveness.clone(),
        listener,
        only_metrics,
    )?;
    let handle = srv.handle();
    tasks.spawn(async move {
        if let Err(e) = srv.await {
            tracing::error!(error = %e, "metrics server failed");
        }
    });
    Ok(Some(handle))
}

/// The background roles among `has`, each loop watched for `/healthz`.
fn spawn_workers(
    parts: &Parts,
    has: &impl Fn(Role) -> bool,
    tasks: &mut JoinSet<()>,
    cancel: &CancellationToken,
) {
    if has(Role::Poller) {
        info!("poller role running");
        let run = parts.poller.clone().run(cancel.clone());
        tasks.spawn(parts.liveness.watch("poller", cancel.clone(), run));
    }
    if has(Role::Notifier) {
        info!("notifier role running");
        let run = parts.notifier.clone().run(cancel.clone());
        tasks.spawn(parts.liveness.watch("notifier", cancel.clone(), run));
    }
    if has(Role::Scheduler) {
        info!("scheduler role running");
        let run = parts.scheduler.clone().run(cancel.clone());
        tasks.spawn(parts.liveness.watch("scheduler", cancel.clone(), run));
    }
}

/// `shipmate serve`: the configuration from files and the environment, logging, a listener
/// on `http.addr` (every role serves at least probes and metrics), then `roles` until
/// SIGTERM or Ctrl-C.
pub async fn serve(roles: &[Role]) -> anyhow::Result<()> {
    let config = Arc::new(Config::load(None)?);
    crate::telemetry::init(&config.log);
    let listener = Some(
        TcpListener::bind(&config.http.addr)
            .with_context(|| format!("binding {}", config.http.addr))?,
    );
    let parts = Parts::build_waiting(config, REDIS_START_WAIT).await?;
    let cancel = CancellationToken::new();
    crate::supervise::cancel_on_signals(cancel.clone());
    run(parts, roles, listener, cancel).await
}
