//! `[imports]`: files of shipments read in the background by the web role.

use std::time::Duration;

use serde::Deserialize;

use super::ConfigError;
use super::layers::duration;

/// How imports are taken and read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportsConfig {
    /// Largest file taken (bytes).
    pub max_bytes: u64,
    /// Imports of one merchant running at once; another is refused (409) until one finishes.
    pub max_running: usize,
    /// Rows registered at once by one web process.
    pub concurrency: usize,
    /// How long a claimed batch is held; another web process takes it over after this.
    #[serde(deserialize_with = "duration")]
    pub lease: Duration,
    /// How often an idle web process looks for imports to read (an upload wakes its own).
    #[serde(deserialize_with = "duration")]
    pub interval: Duration,
}

impl ImportsConfig {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
        if self.max_bytes == 0 || self.max_running == 0 || !(1..=256).contains(&self.concurrency) {
            return Err(ConfigError::Value(
                "imports: max_bytes and max_running above zero, concurrency 1–256".into(),
            ));
        }
        if self.lease < Duration::from_secs(10) {
            return Err(ConfigError::Value("imports.lease: at least 10s".into()));
        }
        Ok(())
    }
}
