//! Which carrier account polls a shipment: the merchant's own when it has one, else the
//! platform's. Adapters built on merchant credentials are kept (with their OAuth token
//! caches) until the account changes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
}

type Built = (DateTime<Utc>, Arc<dyn Carrier>, Limits);

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
            let (carrier, limits) = match cached {
                Some((at, carrier, limits)) if at == stored.updated_at => (carrier, limits),
                _ => {
                    let (carrier, limits, at) = self
                        .accounts
                        .adapter(merchant, code)
                        .await
                        .map_err(|e| unavailable(format!("{code} account of {merchant}: {e}")))?
                        .ok_or_else(|| {
                            unavailable(format!("{code} account of {merchant} vanished"))
                        })?;
                    if let Ok(mut m) = self.built.lock() {
                        m.insert(cache_key, (at, carrier.clone(), limits.clone()));
                    }
                    (carrier, limits)
                }
            };
            return Ok(Account {
                key: format!("{code}@{merchant}"),
                carrier,
                limits,
            });
        }
        match self.carriers.platform_account(code) {
            Some((carrier, limits, key)) => Ok(Account {
                key,
                carrier,
                limits,
            }),
            None => Err(unavailable(format!("carrier {code} is not configured"))),
        }
    }
}
