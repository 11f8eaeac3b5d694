//! Which carrier account polls a shipment: the merchant's own when it has one, else the
//! platform's. Adapters built on merchant credentials are kept (with their OAuth token
//! caches) until the account changes.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::carriers::{Carrier, CarrierError, Carriers};
use crate::config::Limits;
use crate::domain::{CarrierCode, MerchantId};
use crate::services::CarrierAccounts;
use crate::store::Store;

/// A carrier account to ask: `key` names it at its gate ("ups", or "ups@mer_…").
#[derive(Clone)]
pub struct Account {
    pub key: String,
    pub carrier: Arc<dyn Carrier>,
    pub limits: Limits,
    /// The merchant's polling cadence by status, where it overrides the platform's.
    pub cadence: Arc<Cadence>,
}

pub type Cadence = BTreeMap<String, Duration>;

type Built = (DateTime<Utc>, Account);

pub struct AccountCache {
    store: Store,
    carriers: Carriers,
    accounts: CarrierAccounts,
    built: Mutex<HashMap<(MerchantId, CarrierCode), Built>>,
}

impl AccountCache {
    pub fn new(store: Store, carriers: Carriers, accounts: CarrierAccounts) -> Self {
        Self {
            store,
            carriers,
            accounts,
            built: Mutex::default(),
        }
    }

    pub async fn resolve(
        &self,
        code: &CarrierCode,
        merchant: &MerchantId,
    ) -> Result<Account, CarrierError> {
        let unavailable = |e: String| CarrierError::Unavailable(e);
        let stored = self
            .store
            .account(merchant, code)
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        if let Some(stored) = stored {
            let cache_key = (merchant.clone(), code.clone());
            let cached = self
                .built
                .lock()
                .ok()
                .and_then(|m| m.get(&cache_key).cloned());
            if let Some((at, account)) = cached
                && at == stored.updated_at
            {
                return Ok(account);
            }
            let opened = self
                .accounts
                .adapter(merchant, code)
                .await
                .map_err(|e| unavailable(format!("{code} account of {merchant}: {e}")))?
                .ok_or_else(|| unavailable(format!("{code} account of {merchant} vanished")))?;
            let account = Account {
                key: crate::services::accounts_gate_key(merchant, code),
                carrier: opened.carrier,
                limits: opened.limits,
                cadence: Arc::new(opened.cadence),
            };
            if let Ok(mut m) = self.built.lock() {
                m.insert(cache_key, (opened.updated_at, account.clone()));
            }
            return Ok(account);
        }
        match self.carriers.platform_account(code) {
            Some((carrier, limits, key)) => Ok(Account {
                key,
                carrier,
                limits,
                cadence: Arc::default(),
            }),
            None => Err(unavailable(format!("carrier {code} is not configured"))),
        }
    }
}
