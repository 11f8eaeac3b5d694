//! The connection test: asks the carrier whether a merchant's stored credentials work,
//! through the account's gate like a poll.

use std::time::Duration;

use super::{CarrierAccounts, gate_key};
use crate::carriers::CarrierError;
use crate::domain::{CarrierCode, MerchantId};
use crate::services::ServiceError;
use crate::store::{Admission, GateOutcome};

/// The longest pace a connection test waits out instead of answering 429.
const SIT_OUT: Duration = Duration::from_secs(2);

impl CarrierAccounts {
    /// Asks the carrier whether the stored credentials work.
    pub async fn test(
        &self,
        merchant: &MerchantId,
        code: &CarrierCode,
    ) -> Result<Result<(), CarrierError>, ServiceError> {
        let stored = self
            .store
            .account(merchant, code)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let key = gate_key(merchant, code);
        let cached = self.tested.lock().ok().and_then(|m| m.get(&key).cloned());
        let account = match cached.filter(|a| a.updated_at == stored.updated_at) {
            Some(account) => account,
            None => {
                let opened = self
                    .adapter(merchant, code)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                if let Ok(mut m) = self.tested.lock() {
                    m.insert(key.clone(), opened.clone());
                }
                opened
            }
        };
        // Through the account's gate, like a poll: a test cannot exceed the merchant's rate
        // or ask a carrier that said to wait.
        loop {
            match self.store.admit(&key, &account.limits).await? {
                Admission::Go => break,
                // A moment's pace is sat out, as the poller does.
                Admission::Pace(wait) if wait <= SIT_OUT => tokio::time::sleep(wait).await,
                Admission::Pace(wait) | Admission::Held(wait) => {
                    return Ok(Err(CarrierError::RateLimited {
                        retry_after: Some(wait),
                    }));
                }
            }
        }
        let answer = account.carrier.verify().await;
        let outcome = match &answer {
            Ok(()) => GateOutcome::Success,
            Err(CarrierError::RateLimited { retry_after }) => {
                GateOutcome::RateLimited(*retry_after)
            }
            Err(e) if e.is_transient() || *e == CarrierError::Auth => GateOutcome::Failure,
            Err(_) => GateOutcome::Success,
        };
        let error = answer.as_ref().err().map(ToString::to_string);
        let error = error.filter(|_| outcome != GateOutcome::Success);
        self.store
            .report(&key, &account.limits, outcome, error.as_deref())
            .await?;
        Ok(answer)
    }
}
