//! One request to a carrier account, through its gate (rate limit, Retry-After, circuit
//! breaker), with the answer recorded at the gate.

use std::time::{Duration, Instant};

use tracing::warn;

use super::Poller;
use super::accounts::Account;
use crate::carriers::{CarrierError, Tracking};
use crate::domain::{Shipment, TrackingNumber};
use crate::metrics;
use crate::store::{Admission, Claim, GateOutcome};

/// Longest wait for a carrier's gate a poller sits out while holding claims.
const MAX_INLINE_WAIT: Duration = Duration::from_secs(2);

impl Poller {
    /// Asks the carrier about a chunk, through the carrier account's gate (rate limit,
    /// Retry-After, circuit breaker); one result per shipment, in order.
    pub(super) async fn track(
        &self,
        account: &Account,
        chunk: &[(Claim, Shipment)],
    ) -> Vec<Result<Tracking, CarrierError>> {
        let all = |e: CarrierError| chunk.iter().map(|_| Err(e.clone())).collect();
        let (code, carrier, limits) = (&account.key, &account.carrier, &account.limits);
        // Short waits for the rate limit are sat out; a held account (Retry-After, open
        // breaker) or a long wait reschedules the shipments rather than sit on their claims.
        loop {
            match self.store.admit(code, limits).await {
                Ok(Admission::Go) => break,
                Ok(Admission::Pace(wait)) if wait <= MAX_INLINE_WAIT => {
                    waited(code, "pace", wait);
                    tokio::time::sleep(wait).await
                }
                Ok(Admission::Pace(wait) | Admission::Held(wait)) => {
                    waited(code, "held", wait);
                    return all(CarrierError::RateLimited {
                        retry_after: Some(wait),
                    });
                }
                Err(e) => return all(CarrierError::Unavailable(format!("carrier gate: {e}"))),
            }
        }
        let numbers: Vec<_> = chunk
            .iter()
            .map(|(_, s)| s.tracking_number.clone())
            .collect();
        let started = Instant::now();
        let response = carrier.track(&numbers).await;
        metrics::CARRIER_SECONDS.observe(&[("carrier", code)], started.elapsed());
        let (outcome, error) = gate_outcome(&response);
        match self
            .store
            .report(code, limits, outcome, error.as_deref())
            .await
        {
            Ok(open) => metrics::BREAKER_OPEN.set(&[("carrier", code)], f64::from(u8::from(open))),
            Err(e) => {
                warn!(carrier = %code, error = %e, "could not record the carrier's answer at its gate")
            }
        }
        match response {
            Ok(results) => numbers
                .iter()
                .map(|n| {
                    results
                        .iter()
                        .find(|(m, _)| m == n)
                        .map_or(Err(CarrierError::NotFound), |(_, r)| r.clone())
                })
                .collect(),
            Err(e) => {
                warn!(carrier = %code, error = %e, shipments = chunk.len(), "carrier request failed");
                all(e)
            }
        }
    }
}

/// A carrier's answer to a batch: per number, or for all of them.
type Answer = Result<Vec<(TrackingNumber, Result<Tracking, CarrierError>)>, CarrierError>;

/// What a carrier's answer means for its gate, and the error kept there when it failed.
fn gate_outcome(response: &Answer) -> (GateOutcome, Option<String>) {
    let outcome = match response {
        // Every number failing for a passing reason is the carrier failing.
        Ok(r)
            if !r.is_empty()
                && r.iter()
                    .all(|(_, x)| x.as_ref().is_err_and(CarrierError::is_transient)) =>
        {
            GateOutcome::Failure
        }
        Ok(_) => GateOutcome::Success,
        Err(CarrierError::RateLimited { retry_after }) => GateOutcome::RateLimited(*retry_after),
        Err(e) if e.is_transient() || *e == CarrierError::Auth => GateOutcome::Failure,
        Err(_) => GateOutcome::Success,
    };
    let error = match response {
        Err(e) => Some(e.to_string()),
        Ok(r) => r
            .iter()
            .find_map(|(_, x)| x.as_ref().err().map(ToString::to_string)),
    };
    (outcome, error.filter(|_| outcome != GateOutcome::Success))
}

fn waited(carrier: &str, reason: &'static str, wait: Duration) {
    metrics::RATE_LIMIT_WAITS.inc(&[("carrier", carrier), ("reason", reason)]);
    metrics::RATE_LIMIT_WAIT_SECONDS.add(&[("carrier", carrier)], wait.as_secs_f64());
}
