//! Structured logs: pretty for people, JSON for pipelines. Fields carry ids
//! (`shipment_id`, `merchant_id`, `carrier`), never personal data or secrets.

use tracing_subscriber::EnvFilter;

use crate::config::LogConfig;

/// Installs the global subscriber once; later calls (tests) are no-ops.
pub fn init(cfg: &LogConfig) {
    let filter = EnvFilter::try_new(&cfg.level).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    crate::supervise::install_panic_hook();
    let _ = if cfg.format == "json" {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.compact().try_init()
    };
}
