//! One claimed batch asked of the carriers: snapshots loaded, grouped by the carrier account
//! that will be asked (the merchant's own, else the platform's), asked chunk by chunk.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use anyhow::Context;

use super::Poller;
use super::accounts::{Account, Cadence};
use crate::carriers::{CarrierError, Tracking};
use crate::domain::Shipment;
use crate::store::Claim;
use crate::supervise::{Panicked, guarded};

/// A claimed shipment with what its carrier answered (`Err`: the poller crashed asking)
/// and the cadence of the account that was asked.
pub(super) type Answered = (
    Claim,
    Shipment,
    Result<Result<Tracking, CarrierError>, Panicked>,
    Arc<Cadence>,
);

/// Claimed shipments by the key of the account that will be asked.
type ByAccount = BTreeMap<String, (Account, Vec<(Claim, Shipment)>)>;

/// Claimed shipments whose carrier account could not be had, with why.
type Unreachable = Vec<(Claim, Shipment, CarrierError)>;

impl Poller {
    /// Asks the carriers about claimed shipments; one answer per shipment still stored
    /// (a claim whose shipment is gone is dropped).
    pub(super) async fn ask(&self, claims: Vec<Claim>) -> anyhow::Result<Vec<Answered>> {
        let (by_account, unreachable) = self.group_by_account(claims).await?;
        let mut results = vec![];
        for (claim, s, e) in unreachable {
            results.push((claim, s, Ok(Err(e)), Arc::default()));
        }
        for (account, group) in by_account.into_values() {
            for chunk in group.chunks(account.carrier.max_batch().max(1)) {
                let ids: Vec<&str> = chunk.iter().map(|(c, _)| c.id.as_str()).collect();
                let answers =
                    match guarded("poller", &ids.join(","), self.track(&account, chunk)).await {
                        Ok(answers) => answers.into_iter().map(Ok).collect(),
                        Err(crashed) => vec![Err(crashed); chunk.len()],
                    };
                results.extend(
                    chunk
                        .iter()
                        .cloned()
                        .zip(answers)
                        .map(|((c, s), r)| (c, s, r, account.cadence.clone())),
                );
            }
        }
        Ok(results)
    }

    /// Loads the claimed snapshots and groups them by the carrier account that will be asked:
    /// the merchant's own, else the platform's.
    async fn group_by_account(
        &self,
        claims: Vec<Claim>,
    ) -> anyhow::Result<(ByAccount, Unreachable)> {
        let ids: Vec<_> = claims.iter().map(|c| c.id.clone()).collect();
        let snapshots = self
            .store
            .shipments(&ids)
            .await
            .context("loading claimed shipments")?;
        let mut by_account = ByAccount::new();
        let mut unreachable = vec![];
        let mut resolved = HashMap::new();
        for (claim, snapshot) in claims.into_iter().zip(snapshots) {
            let Some(s) = snapshot else {
                self.store.drop_claimed(&claim).await?;
                continue;
            };
            let pair = (s.carrier.clone(), s.merchant_id.clone());
            if !resolved.contains_key(&pair) {
                resolved.insert(pair.clone(), self.accounts.resolve(&pair.0, &pair.1).await);
            }
            match resolved[&pair].clone() {
                Ok(account) => by_account
                    .entry(account.key.clone())
                    .or_insert((account, vec![]))
                    .1
                    .push((claim, s)),
                Err(e) => unreachable.push((claim, s, e)),
            }
        }
        Ok((by_account, unreachable))
    }
}
