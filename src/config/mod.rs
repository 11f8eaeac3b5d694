//! Configuration: embedded `config/default.toml`, overlaid by `config/{environment}.toml`,
//! overridden by `SHIPMATE__SECTION__KEY` environment variables. Read once at start into
//! typed values; a bad value stops the boot with a message naming the key.

mod carriers;
mod estimates;
mod http;
mod imports;
mod intake;
mod layers;
mod logos;
mod notifier;
mod poller;
mod push;
mod rules;

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

pub use carriers::{CarrierSettings, CarriersConfig, Limits};
pub use estimates::EstimatesConfig;
pub use http::HttpConfig;
pub use imports::ImportsConfig;
pub use intake::IntakeConfig;
pub use layers::parse_duration;
use layers::{apply_env, duration, merge, schedule};
pub use logos::LogosConfig;
pub use notifier::{EmailConfig, NotifierConfig, SmsConfig, WhatsAppConfig};
pub use poller::{CadenceConfig, PollerConfig, StallConfig};
pub use push::PushConfig;

use crate::domain::Secret;

const DEFAULT_TOML: &str = include_str!("../../config/default.toml");
/// The demo's overlay, embedded so `shipmate demo` works from any directory.
pub const DEMO_TOML: &str = include_str!("../../config/demo.toml");

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {file}: {source}")]
    File {
        file: String,
        source: toml::de::Error,
    },
    #[error("environment variable {var}: {msg}")]
    Env { var: String, msg: String },
    #[error("config: {0}")]
    Value(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub http: HttpConfig,
    pub admin: AdminConfig,
    pub redis: RedisConfig,
    pub log: LogConfig,
    pub poller: PollerConfig,
    pub scheduler: SchedulerConfig,
    pub notifier: NotifierConfig,
    pub carriers: CarriersConfig,
    pub lookup: LookupConfig,
    pub security: SecurityConfig,
    pub demo: DemoConfig,
    pub dev: DevConfig,
    pub outbound: OutboundConfig,
    pub limits: LimitsConfig,
    pub metrics: MetricsConfig,
    pub logos: LogosConfig,
    pub console: ConsoleConfig,
    pub imports: ImportsConfig,
    pub intake: IntakeConfig,
    pub push: PushConfig,
    pub estimates: EstimatesConfig,
}

/// The merchant console's sign-in: sessions, invitations and how many tries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleConfig {
    /// A session ends after this long without a request.
    #[serde(deserialize_with = "duration")]
    pub idle_timeout: Duration,
    /// And this long after signing in, whatever its use.
    #[serde(deserialize_with = "duration")]
    pub absolute_timeout: Duration,
    /// An invitation or password-reset link works this long, once.
    #[serde(deserialize_with = "duration")]
    pub invitation_ttl: Duration,
    /// Sign-in attempts per account per quarter hour.
    pub sign_ins_per_account: u32,
    /// Sign-in attempts per client per minute.
    pub sign_ins_per_client: u32,
}

/// Where Prometheus scrapes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsConfig {
    /// Serve `/metrics` on this address only (not on `http.addr`); empty: on `http.addr`.
    pub addr: String,
}

/// Outbound HTTP: carriers, webhooks, SMS, WhatsApp, logos.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboundConfig {
    /// The largest answer read; a larger one is refused mid-read.
    pub max_response_bytes: usize,
    /// A proxy for every outbound request; empty: none (the environment's is ignored).
    pub proxy: String,
}

impl Default for OutboundConfig {
    fn default() -> Self {
        OutboundConfig {
            max_response_bytes: 2 * 1024 * 1024,
            proxy: String::new(),
        }
    }
}

/// Development conveniences, all off by default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevConfig {
    /// Serve `/dev/outbox`.
    pub outbox_page: bool,
}

/// The shortest admin token accepted.
pub const MIN_ADMIN_TOKEN: usize = 32;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityConfig {
    pub credential_keys: Secret,
}

/// Rate limits, shared by every web process through Redis.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    pub api_per_minute: u32,
    pub api_expensive_per_minute: u32,
    pub pages_per_minute: u32,
    pub not_found_per_minute: u32,
    pub lookups_per_order_per_hour: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminConfig {
    pub token: Secret,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedisConfig {
    pub mode: RedisMode,
    pub url: String,
    /// Seed nodes of a Redis Cluster (`mode = "cluster"`).
    pub nodes: Vec<String>,
    pub prefix: String,
    pub shards: u16,
    pub stream_maxlen: u64,
}

/// A single Redis node (`redis.url`) or a Redis Cluster (`redis.nodes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RedisMode {
    Single,
    Cluster,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    pub format: String,
    pub level: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerConfig {
    #[serde(deserialize_with = "duration")]
    pub retention: Duration,
    #[serde(deserialize_with = "schedule")]
    pub expiry_sweep: cron::Schedule,
    #[serde(deserialize_with = "schedule")]
    pub retention_purge: cron::Schedule,
    /// Asking connected stores for the fulfillments their webhooks may have missed.
    #[serde(deserialize_with = "schedule")]
    pub store_reconcile: cron::Schedule,
    /// Subscribing UPS numbers to Track Alert, and renewing them.
    #[serde(deserialize_with = "schedule")]
    pub push_subscribe: cron::Schedule,
    pub batch: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookupConfig {
    pub per_minute: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoConfig {
    pub sim_addr: String,
    pub speed: f64,
    pub data_dir: String,
}

impl Config {
    /// Loads the configuration the process runs with: defaults, the environment's overlay
    /// file (and `extra`, e.g. the demo's), then `SHIPMATE__*` variables.
    pub fn load(extra: Option<&str>) -> Result<Config, ConfigError> {
        let environment = std::env::var("SHIPMATE_ENV").unwrap_or_else(|_| "local".into());
        let file = format!("config/{environment}.toml");
        let mut layers = vec![];
        if let Some(extra) = extra {
            layers.push(("embedded overlay".to_owned(), extra.to_owned()));
        }
        if let Ok(text) = std::fs::read_to_string(&file) {
            layers.push((file, text));
        }
        let env = std::env::vars().filter(|(k, _)| k.starts_with("SHIPMATE__"));
        Self::from_layers(&layers, env)
    }

    /// Builds a configuration from TOML overlays and `SHIPMATE__*` pairs (used by tests).
    pub fn from_layers(
        layers: &[(String, String)],
        env: impl Iterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let parse = |file: &str, text: &str| {
            toml::from_str::<toml::Table>(text).map_err(|source| ConfigError::File {
                file: file.to_owned(),
                source,
            })
        };
        let mut root = carriers::defaults();
        merge(&mut root, parse("config/default.toml", DEFAULT_TOML)?);
        for (file, text) in layers {
            merge(&mut root, parse(file, text)?);
        }
        carriers::check_sections(&root)?;
        let env: BTreeMap<String, String> = env.collect();
        for (var, value) in env {
            apply_env(&mut root, &var, &value)?;
        }
        // The path names the key of a bad value or a misspelt key ("http.adress").
        let config: Config = serde_path_to_error::deserialize(toml::Value::Table(root))
            .map_err(|e| ConfigError::Value(format!("{}: {}", e.path(), e.inner().message())))?;
        config.validate()?;
        Ok(config)
    }

    /// The public base URL without a trailing slash.
    pub fn public_url(&self) -> &str {
        self.http.public_url.trim_end_matches('/')
    }
}

/// Whether `SHIPMATE__<key>` is set, e.g. `is_overridden("REDIS__URL")` (the demo starts
/// its own Redis only when it is not).
pub fn is_overridden(key: &str) -> bool {
    std::env::var_os(format!("SHIPMATE__{key}")).is_some()
}

#[cfg(test)]
mod tests;
