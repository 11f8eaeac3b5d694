//! What a loaded configuration must satisfy across its keys; a value that breaks a rule
//! stops the boot with a message naming the key.

use super::{Config, ConfigError, MIN_ADMIN_TOKEN, RedisMode};
use crate::domain::Channel;

impl Config {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let token = self.admin.token.expose().trim();
        if !token.is_empty() && token.chars().count() < MIN_ADMIN_TOKEN {
            return Err(ConfigError::Value(format!(
                "admin.token: at least {MIN_ADMIN_TOKEN} characters (or empty to disable the admin API)"
            )));
        }
        crate::vault::Vault::from_spec(self.security.credential_keys.expose())
            .map_err(|e| ConfigError::Value(format!("security.credential_keys: {e}")))?;
        let p = &self.redis.prefix;
        let prefix_ok = !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'));
        if !prefix_ok {
            return Err(ConfigError::Value(format!(
                "redis.prefix {p:?}: use letters, digits, '-', '_', ':'"
            )));
        }
        if self.redis.mode == RedisMode::Cluster && self.redis.nodes.is_empty() {
            return Err(ConfigError::Value(
                "redis.mode is \"cluster\": list its seed nodes in redis.nodes".into(),
            ));
        }
        let n = &self.notifier;
        let used = |c: Channel| c == Channel::Webhook || n.channels.contains(&c);
        for (key, channel, timeout) in [
            (
                "notifier.webhook_timeout",
                Channel::Webhook,
                n.webhook_timeout,
            ),
            ("notifier.sms.timeout", Channel::Sms, n.sms.timeout),
            (
                "notifier.whatsapp.timeout",
                Channel::Whatsapp,
                n.whatsapp.timeout,
            ),
        ] {
            if !used(channel) {
                continue;
            }
            // A send must end well inside its claim, or another notifier could send it again.
            if timeout.saturating_mul(2) >= n.lease {
                return Err(ConfigError::Value(format!(
                    "{key}: shorter than half of notifier.lease"
                )));
            }
        }
        // A fetch must end inside its claim, or another web process could fetch it again.
        if self.logos.timeout >= self.logos.lease {
            return Err(ConfigError::Value(
                "logos.timeout: shorter than logos.lease".into(),
            ));
        }
        self.imports.check()?;
        self.intake.check()?;
        self.check_push()?;
        let c = &self.console;
        if c.idle_timeout.is_zero() || c.absolute_timeout < c.idle_timeout {
            return Err(ConfigError::Value(
                "console.idle_timeout: above zero and at most console.absolute_timeout".into(),
            ));
        }
        if c.invitation_ttl.is_zero() {
            return Err(ConfigError::Value(
                "console.invitation_ttl must be above zero".into(),
            ));
        }
        if self.redis.shards == 0 {
            return Err(ConfigError::Value("redis.shards must be at least 1".into()));
        }
        if !self.http.public_url.starts_with("http://")
            && !self.http.public_url.starts_with("https://")
        {
            return Err(ConfigError::Value(
                "http.public_url must be an absolute http(s) URL".into(),
            ));
        }
        Ok(())
    }

    /// Track Alert subscribes with the platform's UPS account, and UPS pushes only to an
    /// https address it can reach (private ones for tests and development only).
    fn check_push(&self) -> Result<(), ConfigError> {
        self.estimates.check()?;
        self.push.check()?;
        if self.push.ups_credential.expose().is_empty() {
            return Ok(());
        }
        if self.carriers["ups"].client_id.is_empty() {
            return Err(ConfigError::Value(
                "push.ups_credential: needs the platform's UPS account (carriers.ups.client_id and client_secret)".into(),
            ));
        }
        let url = self.http.public_url.to_ascii_lowercase();
        let public = url.starts_with("https://")
            && !["https://127.", "https://localhost", "https://[::1]"]
                .iter()
                .any(|p| url.starts_with(p));
        if !public && !self.notifier.webhooks_allow_private {
            return Err(ConfigError::Value(
                "push.ups_credential: http.public_url must be a public https address (UPS pushes there)".into(),
            ));
        }
        Ok(())
    }
}
