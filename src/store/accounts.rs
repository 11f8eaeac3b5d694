//! Merchants' own carrier accounts: credentials sealed by the vault, never stored in clear.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Result, Store, decode, encode};
use crate::domain::{CarrierCode, MerchantId};
use crate::vault::Sealed;

/// A carrier account as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAccount {
    pub sealed: Sealed,
    /// The last characters of the account's public identifier, to tell accounts apart.
    pub hint: String,
    pub requests_per_second: Option<f64>,
    /// Polling cadence by status ("in_transit" → "30m"), overriding the platform's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cadence: BTreeMap<String, String>,
    pub updated_at: DateTime<Utc>,
}

impl StoredAccount {
    /// The merchant's rate, if it set one (a stored value out of bounds is ignored).
    pub fn rate(&self) -> Option<crate::domain::RequestRate> {
        self.requests_per_second
            .and_then(|r| crate::domain::RequestRate::parse(r).ok())
    }

    /// The cadence overrides, read (entries that no longer parse are ignored).
    pub fn cadence(&self) -> BTreeMap<String, std::time::Duration> {
        self.cadence
            .iter()
            .filter_map(|(status, d)| {
                Some((status.clone(), crate::config::parse_duration(d).ok()?))
            })
            .collect()
    }
}

impl Store {
    pub async fn put_account(
        &self,
        merchant: &MerchantId,
        code: &CarrierCode,
        account: &StoredAccount,
    ) -> Result<()> {
        let _: i64 = redis::cmd("HSET")
            .arg(self.keys.accounts(merchant))
            .arg(code.as_str())
            .arg(encode(account))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn account(
        &self,
        merchant: &MerchantId,
        code: &CarrierCode,
    ) -> Result<Option<StoredAccount>> {
        let json: Option<String> = redis::cmd("HGET")
            .arg(self.keys.accounts(merchant))
            .arg(code.as_str())
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("carrier account", &j)).transpose()
    }

    pub async fn accounts(
        &self,
        merchant: &MerchantId,
    ) -> Result<Vec<(CarrierCode, StoredAccount)>> {
        let all: Vec<(String, String)> = redis::cmd("HGETALL")
            .arg(self.keys.accounts(merchant))
            .query_async(&mut self.conn())
            .await?;
        let mut out = vec![];
        for (code, json) in all {
            if let Ok(code) = CarrierCode::parse(&code) {
                out.push((code, decode("carrier account", &json)?));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    /// True if an account was deleted.
    pub async fn delete_account(&self, merchant: &MerchantId, code: &CarrierCode) -> Result<bool> {
        let n: i64 = redis::cmd("HDEL")
            .arg(self.keys.accounts(merchant))
            .arg(code.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(n > 0)
    }
}
