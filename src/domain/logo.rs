//! Where a merchant's logo stands: fetched in the background from the URL the merchant gave
//! (`pending`, then `ready` or, once the retry schedule runs out, `failed` with the reason),
//! or given inline and `ready` at once. Pure: the fetch itself happens in `services::logos`.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::retry::{self, Jitter, Steps};

/// A logo's state as the API and the stored record spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogoState {
    /// Waiting for its first or next fetch.
    Pending,
    /// Stored by shipmate and shown on the pages.
    Ready,
    /// Every try failed; `error` says why the last one did.
    Failed,
}

/// A merchant's logo: its state, where it comes from (`None` when given inline, or when
/// stored before the state existed) and how the fetches went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoStatus {
    pub state: LogoState,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    /// Fetches tried so far.
    #[serde(default)]
    pub attempts: u32,
    /// When the image was last replaced (ms; 0 for one given at creation): the pages ask
    /// for `?v=` it, so a browser does not keep showing the old logo from its cache.
    #[serde(default)]
    pub revision: i64,
}

/// What to do after a failed fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again after this long.
    Retry(Duration),
    /// The schedule ran out: the logo is `failed`.
    GiveUp,
}

impl LogoStatus {
    /// A logo to fetch from `url`.
    pub fn pending(url: &str) -> Self {
        LogoStatus {
            state: LogoState::Pending,
            url: Some(url.to_owned()),
            error: None,
            attempts: 0,
            revision: 0,
        }
    }

    /// A logo given inline (stored with the merchant, nothing to fetch).
    pub fn inline() -> Self {
        LogoStatus {
            state: LogoState::Ready,
            url: None,
            error: None,
            attempts: 0,
            revision: 0,
        }
    }

    /// A logo uploaded at `at_ms`, replacing any other.
    pub fn uploaded(at_ms: i64) -> Self {
        LogoStatus {
            revision: at_ms,
            ..LogoStatus::inline()
        }
    }

    pub fn is_ready(&self) -> bool {
        self.state == LogoState::Ready
    }

    /// Whether a fetch of `url` may still change this logo (it is pending and still meant
    /// to come from `url`): a result for a logo replaced meanwhile is dropped.
    pub fn awaits(&self, url: &str) -> bool {
        self.state == LogoState::Pending && self.url.as_deref() == Some(url)
    }

    /// This logo after a successful fetch.
    pub fn fetched(&self) -> Self {
        LogoStatus {
            state: LogoState::Ready,
            error: None,
            attempts: self.attempts.saturating_add(1),
            url: self.url.clone(),
            revision: self.revision,
        }
    }

    /// This logo after a failed fetch (`unit`: a uniform draw in [0, 1) for the jitter):
    /// still pending with the reason while `retry` lasts (the n-th failure waits its n-th
    /// entry, ±20 %), `failed` after it.
    pub fn failed(&self, error: &str, retry: &[Duration], unit: f64) -> (Self, AfterFailure) {
        let attempts = self.attempts.saturating_add(1);
        let next = retry::delay(Steps::List(retry), Jitter::Narrow, attempts, unit, None);
        let status = LogoStatus {
            state: if next.is_some() {
                LogoState::Pending
            } else {
                LogoState::Failed
            },
            url: self.url.clone(),
            error: Some(error.to_owned()),
            attempts,
            revision: self.revision,
        };
        (
            status,
            next.map_or(AfterFailure::GiveUp, AfterFailure::Retry),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://acme.example/logo.png";

    #[test]
    fn a_fetched_logo_is_ready_and_a_replaced_one_is_left_alone() {
        let pending = LogoStatus::pending(URL);
        assert!(pending.awaits(URL) && !pending.is_ready());
        assert!(!pending.awaits("https://acme.example/other.png"));
        let ready = pending.fetched();
        assert_eq!((ready.state, ready.attempts), (LogoState::Ready, 1));
        assert!(ready.is_ready() && !ready.awaits(URL), "fetched once only");
        assert!(LogoStatus::inline().is_ready());
    }

    #[test]
    fn failures_follow_the_schedule_then_the_logo_fails_with_the_reason() {
        let retry = [Duration::from_secs(60), Duration::from_secs(600)];
        let mut logo = LogoStatus::pending(URL);
        let mut waits = vec![];
        loop {
            let (next, after) = logo.failed("HTTP 503", &retry, 0.5);
            logo = next;
            match after {
                AfterFailure::Retry(wait) => waits.push(wait),
                AfterFailure::GiveUp => break,
            }
            assert_eq!(logo.state, LogoState::Pending);
        }
        assert_eq!(waits, retry, "the n-th failure waits the n-th entry");
        assert_eq!(logo.state, LogoState::Failed);
        assert_eq!(logo.attempts, 3, "the first try and one per entry");
        assert_eq!(logo.error.as_deref(), Some("HTTP 503"));
        let (now, after) = LogoStatus::pending(URL).failed("x", &[], 0.5);
        assert_eq!(
            (now.state, after),
            (LogoState::Failed, AfterFailure::GiveUp)
        );
    }

    #[test]
    fn jitter_keeps_a_retry_near_its_entry() {
        let retry = [Duration::from_secs(100)];
        let wait = |unit| match LogoStatus::pending(URL).failed("x", &retry, unit).1 {
            AfterFailure::Retry(w) => w,
            AfterFailure::GiveUp => Duration::ZERO,
        };
        assert_eq!(wait(0.0), Duration::from_secs(80));
        assert_eq!(wait(1.0), Duration::from_secs(120));
    }
}
