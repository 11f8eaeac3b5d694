//! Carrier endpoints in the configuration, one `[carriers.<code>]` section per row of
//! [`crate::carriers::table::CARRIERS`]: where each API is, the platform's credentials
//! (`Secret`s, redacted from Debug output), and how politely each account is used. The table
//! gives every section its defaults; files and `SHIPMATE__CARRIERS__<CODE>__<KEY>` override
//! them. A section for a code the table lacks is refused ([`check_sections`]), and so is a
//! key a section does not have.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use super::ConfigError;
use super::layers::duration;
use crate::carriers::table::{CARRIERS, info};
use crate::carriers::{Access, CarrierInfo};
use crate::domain::Secret;

/// Every carrier's settings, by code.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct CarriersConfig(BTreeMap<String, CarrierSettings>);

impl CarriersConfig {
    /// A carrier's settings (every carrier of the table has some).
    pub fn get(&self, code: &str) -> Option<&CarrierSettings> {
        self.0.get(code)
    }
}

/// `config.carriers["ups"]`: a carrier of the table (panics on a code it does not have, like
/// a map's index; for tests and code that names a carrier the table has).
impl std::ops::Index<&str> for CarriersConfig {
    type Output = CarrierSettings;
    fn index(&self, code: &str) -> &CarrierSettings {
        self.0
            .get(code)
            .unwrap_or_else(|| panic!("no carrier {code:?} in the table"))
    }
}

impl std::ops::IndexMut<&str> for CarriersConfig {
    fn index_mut(&mut self, code: &str) -> &mut CarrierSettings {
        self.0
            .get_mut(code)
            .unwrap_or_else(|| panic!("no carrier {code:?} in the table"))
    }
}

/// One carrier API: where it is, the platform's account (the credentials its row names;
/// empty ones leave it off), or `enabled` for an API that takes none.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierSettings {
    pub base_url: String,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub api_key: Secret,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: Secret,
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Secret,
    #[serde(flatten)]
    pub limits: Limits,
}

/// How politely one carrier account is used, shared by every poller process.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Requests per second at most (0 = no limit).
    pub requests_per_second: f64,
    /// Consecutive failed requests that open the circuit breaker.
    pub breaker_failures: u32,
    /// How long an open breaker waits before one probe request.
    #[serde(deserialize_with = "duration")]
    pub breaker_cooldown: Duration,
}

/// The layer under `config/default.toml`: every carrier's section with its row's defaults
/// (and the same timeout and breaker for all).
pub(super) fn defaults() -> toml::Table {
    let sections: toml::Table = CARRIERS
        .iter()
        .map(|c| (c.code.to_owned(), toml::Value::Table(section(c))))
        .collect();
    toml::Table::from_iter([("carriers".to_owned(), toml::Value::Table(sections))])
}

fn section(c: &CarrierInfo) -> toml::Table {
    let text = |s: &str| toml::Value::String(s.to_owned());
    let mut t = toml::Table::new();
    t.insert("base_url".into(), text(c.base_url));
    t.insert("timeout".into(), text("10s"));
    match c.access {
        Access::Open { enabled } => {
            t.insert("enabled".into(), toml::Value::Boolean(enabled));
        }
        Access::Account(kind) => {
            for field in kind.fields() {
                t.insert((*field).into(), text(""));
            }
        }
    }
    t.insert(
        "requests_per_second".into(),
        toml::Value::Float(c.requests_per_second),
    );
    t.insert("breaker_failures".into(), toml::Value::Integer(5));
    t.insert("breaker_cooldown".into(), text("30s"));
    t
}

/// Refuses a `[carriers.<code>]` section for a carrier the table does not have.
pub(super) fn check_sections(root: &toml::Table) -> Result<(), ConfigError> {
    let Some(toml::Value::Table(sections)) = root.get("carriers") else {
        return Ok(());
    };
    match sections.keys().find(|code| info(code).is_none()) {
        Some(code) => Err(ConfigError::Value(format!(
            "carriers.{code}: no such carrier (known: {})",
            CARRIERS
                .iter()
                .map(|c| c.code)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        None => Ok(()),
    }
}
