//! The gate in front of each carrier account, shared by every poller through Redis: a
//! token bucket for the configured request rate, the carrier's `Retry-After`, and a circuit
//! breaker that opens after consecutive failures and lets one probe through per cooldown.

#![warn(clippy::arithmetic_side_effects)]

use std::time::Duration;

use super::{Result, Store, scripts};
use crate::config::Limits;
use crate::domain::clock;

/// What one request to a carrier account amounted to, for the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateOutcome {
    Success,
    Failure,
    /// The carrier said to wait this long.
    RateLimited(Option<Duration>),
}

/// An account's gate as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GateState {
    /// Failures in a row (the breaker opens at the configured count).
    pub failures: u32,
    /// Held by the carrier's Retry-After until then.
    pub held_until: Option<chrono::DateTime<chrono::Utc>>,
    /// The breaker is open until then (one probe goes through after).
    pub open_until: Option<chrono::DateTime<chrono::Utc>>,
    /// The last failure's error and when.
    pub last_error: Option<(String, chrono::DateTime<chrono::Utc>)>,
}

/// Whether a request to a carrier account may go now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Go,
    /// The rate limit allows the next request after this wait.
    Pace(Duration),
    /// The account is held (the carrier's Retry-After, or the breaker is open).
    Held(Duration),
}

impl Store {
    pub async fn admit(&self, account: &str, limits: &Limits) -> Result<Admission> {
        let wait_ms: i64 = scripts::GATE_ADMIT
            .key(self.keys.gate(account))
            .arg(limits.requests_per_second)
            .arg(limits.breaker_cooldown.as_millis() as u64)
            .invoke_async(&mut self.conn())
            .await?;
        // Bounded like any Retry-After, whatever the stored state says.
        let wait = clock::retry_after(Duration::from_millis(wait_ms.unsigned_abs()));
        Ok(match wait_ms {
            0 => Admission::Go,
            ms if ms > 0 => Admission::Pace(wait),
            _ => Admission::Held(wait),
        })
    }

    /// Records a request's outcome at the gate (with the error of a failure, scrubbed of
    /// e-mail addresses and phone numbers and kept as the account's last); true while the
    /// breaker is open after it.
    pub async fn report(
        &self,
        account: &str,
        limits: &Limits,
        outcome: GateOutcome,
        error: Option<&str>,
    ) -> Result<bool> {
        let (kind, retry_after) = match outcome {
            GateOutcome::Success => ("ok", Duration::ZERO),
            GateOutcome::Failure => ("fail", Duration::ZERO),
            // A 429 without Retry-After: hold the account for one cooldown.
            GateOutcome::RateLimited(after) => {
                ("limited", after.unwrap_or(limits.breaker_cooldown))
            }
        };
        let open: i64 = scripts::GATE_REPORT
            .key(self.keys.gate(account))
            .arg(kind)
            .arg(limits.breaker_failures.max(1))
            .arg(limits.breaker_cooldown.as_millis() as u64)
            .arg(clock::retry_after(retry_after).as_millis() as u64)
            .arg(error.map_or(String::new(), crate::domain::redact::scrub))
            .invoke_async(&mut self.conn())
            .await?;
        Ok(open == 1)
    }

    /// Forgets an account's gate (new or removed credentials start afresh).
    pub async fn reset_gate(&self, account: &str) -> Result<()> {
        let () = redis::cmd("DEL")
            .arg(self.keys.gate(account))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// What an account's gate says now, for the console.
    pub async fn gate_state(&self, account: &str) -> Result<GateState> {
        type Fields = (
            Option<u32>,
            Option<i64>,
            Option<i64>,
            Option<String>,
            Option<i64>,
        );
        let (fails, blocked, open, error, error_at): Fields = redis::cmd("HMGET")
            .arg(self.keys.gate(account))
            .arg(&["fails", "blocked", "open", "err", "err_at"])
            .query_async(&mut self.conn())
            .await?;
        let now = chrono::Utc::now().timestamp_millis();
        let until = |ms: Option<i64>| {
            ms.filter(|ms| *ms > now)
                .and_then(chrono::DateTime::from_timestamp_millis)
        };
        Ok(GateState {
            failures: fails.unwrap_or(0),
            held_until: until(blocked),
            open_until: until(open),
            last_error: error.zip(error_at.and_then(chrono::DateTime::from_timestamp_millis)),
        })
    }
}
