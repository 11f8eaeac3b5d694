//! `[push]`: carriers that push their scans instead of waiting to be asked.

use std::time::Duration;

use serde::Deserialize;

use super::ConfigError;
use super::layers::duration;
use crate::domain::Secret;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushConfig {
    /// The secret of the platform's AfterShip webhooks (AfterShip → Settings → Webhooks);
    /// empty: `/hooks/carriers/aftership` is off.
    pub aftership_secret: Secret,
    /// A shipment whose carrier pushed within this long is polled only as a backstop.
    #[serde(deserialize_with = "duration")]
    pub live_for: Duration,
    /// While push is live, polls are this many times further apart.
    pub backstop: u32,
}

impl PushConfig {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
        let secret = self.aftership_secret.expose();
        if !secret.is_empty() && !(8..=256).contains(&secret.len()) {
            return Err(ConfigError::Value(
                "push.aftership_secret: 8–256 characters".into(),
            ));
        }
        if !(1..=100).contains(&self.backstop) {
            return Err(ConfigError::Value("push.backstop: 1–100".into()));
        }
        Ok(())
    }
}
