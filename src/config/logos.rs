//! `[logos]`: fetching merchants' logos in the background (web role).

use std::time::Duration;

use serde::Deserialize;

use super::layers::duration;
use super::notifier::durations;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogosConfig {
    /// The n-th failed fetch waits the n-th entry (±20 %); past the last, the logo fails.
    #[serde(deserialize_with = "durations")]
    pub retry: Vec<Duration>,
    /// How often an idle web process looks for due fetches.
    #[serde(deserialize_with = "duration")]
    pub interval: Duration,
    /// How long a claimed fetch is held; another web process takes it over after this.
    #[serde(deserialize_with = "duration")]
    pub lease: Duration,
    /// The whole fetch (connect, answer, body); shorter than `lease`.
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
}
