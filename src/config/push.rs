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
    /// UPS Track Alert's `credential` header; empty: off (no receiver, no subscriptions).
    pub ups_credential: Secret,
    /// FedEx AIV's security token (`fdx-signature`); empty: off.
    pub fedex_security_token: Secret,
    /// DHL push's header token; empty: off.
    pub dhl_token: Secret,
    /// A shipment whose carrier pushed within this long is polled only as a backstop.
    #[serde(deserialize_with = "duration")]
    pub live_for: Duration,
    /// While push is live, polls are this many times further apart.
    pub backstop: u32,
}

impl PushConfig {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
        let secrets = [
            ("aftership_secret", &self.aftership_secret, 8..=256),
            ("ups_credential", &self.ups_credential, 16..=256),
            ("fedex_security_token", &self.fedex_security_token, 26..=100),
            ("dhl_token", &self.dhl_token, 16..=256),
        ];
        for (name, secret, range) in secrets {
            let len = secret.expose().len();
            if len > 0 && !range.contains(&len) {
                return Err(ConfigError::Value(format!(
                    "push.{name}: {}–{} characters",
                    range.start(),
                    range.end()
                )));
            }
        }
        if !(1..=100).contains(&self.backstop) {
            return Err(ConfigError::Value("push.backstop: 1–100".into()));
        }
        Ok(())
    }
}
