//! Work distribution between pollers: a sharded due set of next-poll times, claims with a
//! lease (a poller that dies releases its work when the lease runs out), and the save that
//! only the claim's holder can make.

use chrono::{DateTime, Utc};

use super::{Result, Shard, Store, encode, ms, scripts};
use crate::domain::{DomainEvent, ListPlace, Shipment, ShipmentId};

/// A shipment claimed by this process until `lease_until_ms` (which is also the claim's
/// token: a claim taken over after expiry has a different one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: ShipmentId,
    pub shard: Shard,
    pub lease_until_ms: i64,
}

/// What a manual refresh did.
pub enum RefreshOutcome {
    /// Moved to the front of the due set (or already being polled).
    Queued,
    /// Refreshed too recently.
    TooSoon,
    /// Not tracked any more (finished or unknown).
    NotTracked,
}

/// Where a saved shipment goes next.
pub enum Next {
    /// Still active: poll at `poll`, expire at `expires`.
    Poll {
        poll: DateTime<Utc>,
        expires: DateTime<Utc>,
    },
    /// Finished: purge at this moment.
    Retain(DateTime<Utc>),
}

impl Store {
    /// Claims up to `limit` due shipments of one shard.
    pub async fn claim(
        &self,
        shard: Shard,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<Claim>> {
        let ids: Vec<String> = scripts::CLAIM
            .key(self.keys.due(shard))
            .key(self.keys.claims(shard))
            .arg(ms(now))
            .arg(ms(lease_until))
            .arg(limit)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(to_claims(ids, shard, ms(lease_until)))
    }

    /// Claims the given shipments of one shard if no one else holds them.
    pub async fn claim_ids(
        &self,
        shard: Shard,
        ids: &[ShipmentId],
        lease_until: DateTime<Utc>,
    ) -> Result<Vec<Claim>> {
        let mut call = scripts::CLAIM_IDS.prepare_invoke();
        call.key(self.keys.due(shard))
            .key(self.keys.claims(shard))
            .key(self.keys.expiry(shard))
            .arg(ms(lease_until));
        for id in ids {
            call.arg(id.as_str());
        }
        let got: Vec<String> = call.invoke_async(&mut self.conn()).await?;
        Ok(to_claims(got, shard, ms(lease_until)))
    }

    /// Saves a claimed shipment, schedules it, appends its domain events — atomically, and
    /// only if the claim is still ours. Returns false if the claim was lost. `places`: the
    /// merchant's lists it was in and belongs in now.
    pub async fn save_claimed(
        &self,
        claim: &Claim,
        shipment: &Shipment,
        (next, places): (Next, (ListPlace, ListPlace)),
        events: &[DomainEvent],
    ) -> Result<bool> {
        self.enter_lists(shipment, places).await?;
        let (next_poll, kind, deadline) = match next {
            Next::Poll { poll, expires } => (ms(poll).to_string(), "expiry", ms(expires)),
            Next::Retain(at) => (String::new(), "retain", ms(at)),
        };
        let mut call = scripts::SAVE_CLAIMED.prepare_invoke();
        self.shipment_write_keys(&mut call, &claim.id);
        call.arg(claim.id.as_str())
            .arg(claim.lease_until_ms)
            .arg(super::codec::encode(shipment)?)
            .arg(next_poll)
            .arg(kind)
            .arg(deadline)
            .arg(self.stream_maxlen);
        for e in events {
            call.arg(encode(e));
        }
        let saved: i32 = call.invoke_async(&mut self.conn()).await?;
        self.forget_cached(&claim.id);
        if saved == 1 {
            self.leave_lists(shipment, places).await?;
        }
        Ok(saved == 1)
    }

    /// The keys every snapshot-writing script takes, in this order: snapshot, due, claims,
    /// expiry, retain, events, changes (all in the shipment's shard).
    pub(super) fn shipment_write_keys(
        &self,
        call: &mut redis::ScriptInvocation<'_>,
        id: &ShipmentId,
    ) {
        let shard = self.keys.shard_of(id);
        call.key(self.keys.shipment(id))
            .key(self.keys.due(shard))
            .key(self.keys.claims(shard))
            .key(self.keys.expiry(shard))
            .key(self.keys.retain(shard))
            .key(self.keys.events(shard))
            .key(self.keys.changes(shard));
    }

    /// Forgets a claim whose snapshot no longer exists.
    pub async fn drop_claimed(&self, claim: &Claim) -> Result<()> {
        let _: i32 = scripts::DROP_CLAIMED
            .key(self.keys.due(claim.shard))
            .key(self.keys.claims(claim.shard))
            .key(self.keys.expiry(claim.shard))
            .arg(claim.id.as_str())
            .arg(claim.lease_until_ms)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Active shipments of a shard whose expiry moment has passed.
    pub async fn expiring(
        &self,
        shard: Shard,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ShipmentId>> {
        self.range_until(&self.keys.expiry(shard), now, limit).await
    }

    /// Finished shipments of a shard whose retention has run out.
    pub async fn retained(
        &self,
        shard: Shard,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ShipmentId>> {
        self.range_until(&self.keys.retain(shard), now, limit).await
    }

    async fn range_until(
        &self,
        key: &str,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ShipmentId>> {
        let ids: Vec<String> = redis::cmd("ZRANGE")
            .arg(key)
            .arg("-inf")
            .arg(ms(now))
            .arg("BYSCORE")
            .arg("LIMIT")
            .arg(0)
            .arg(limit)
            .query_async(&mut self.conn())
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| ShipmentId::parse(id).ok())
            .collect())
    }

    /// Asks the pollers to poll this shipment now, at most once per `min_interval`.
    pub async fn request_refresh(
        &self,
        id: &ShipmentId,
        now: DateTime<Utc>,
        min_interval: std::time::Duration,
    ) -> Result<RefreshOutcome> {
        let guard: Option<String> = redis::cmd("SET")
            .arg(self.keys.refresh_guard(id))
            .arg(1)
            .arg("NX")
            .arg("PX")
            .arg(min_interval.as_millis().max(1) as u64)
            .query_async(&mut self.conn())
            .await?;
        if guard.is_none() {
            return Ok(RefreshOutcome::TooSoon);
        }
        let shard = self.keys.shard_of(id);
        let r: i32 = scripts::REFRESH
            .key(self.keys.due(shard))
            .key(self.keys.claims(shard))
            .arg(id.as_str())
            .arg(ms(now))
            .invoke_async(&mut self.conn())
            .await?;
        Ok(if r == 0 {
            RefreshOutcome::NotTracked
        } else {
            RefreshOutcome::Queued
        })
    }

    /// How many shipments of a shard are claimed right now.
    pub async fn claimed_count(&self, shard: Shard) -> Result<usize> {
        Ok(redis::cmd("ZCARD")
            .arg(self.keys.claims(shard))
            .query_async(&mut self.conn())
            .await?)
    }

    /// All domain events of a shard's stream, oldest first (tests and tools).
    pub async fn stream_events(&self, shard: Shard) -> Result<Vec<DomainEvent>> {
        let entries: Vec<(String, Vec<(String, String)>)> = redis::cmd("XRANGE")
            .arg(self.keys.events(shard))
            .arg("-")
            .arg("+")
            .query_async(&mut self.conn())
            .await?;
        entries
            .into_iter()
            .flat_map(|(_, fields)| fields)
            .map(|(_, json)| super::decode("domain event", &json))
            .collect()
    }
}

fn to_claims(ids: Vec<String>, shard: Shard, lease_until_ms: i64) -> Vec<Claim> {
    ids.iter()
        .filter_map(|id| ShipmentId::parse(id).ok())
        .map(|id| Claim {
            id,
            shard,
            lease_until_ms,
        })
        .collect()
}
