//! Shipment snapshots and their side indexes: registration idempotency, public tokens,
//! order lookup (the merchant's lists are in `lists.rs`).

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::{Result, Store, codec, encode, ms, scripts};
use crate::domain::{CarrierCode, DomainEvent, PublicToken, Shipment, ShipmentId, TrackingNumber};

/// A shipment ready to be stored, with what the store needs to index it.
pub struct NewShipment {
    pub shipment: Shipment,
    /// Digests of (order number, e-mail) and (order number, postcode) for `/track`.
    pub lookup_digests: Vec<String>,
    pub next_poll: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Subscribe the number to its carrier's push (UPS Track Alert) at once.
    pub push_subscribe: bool,
}

pub enum Registration {
    Created(Shipment),
    Existing(Shipment),
}

/// One page of a merchant's shipments, newest first.
pub struct Page {
    pub items: Vec<Shipment>,
    pub next_cursor: Option<String>,
}

impl Store {
    /// Stores a new shipment unless this merchant already registered the carrier + number.
    pub async fn register(&self, mut new: NewShipment) -> Result<Registration> {
        let s = &new.shipment;
        let reg_key = self
            .keys
            .registration(&s.merchant_id, &s.carrier, &s.tracking_number);
        let set: Option<String> = redis::cmd("SET")
            .arg(&reg_key)
            .arg(s.id.as_str())
            .arg("NX")
            .query_async(&mut self.conn())
            .await?;
        if set.is_none() {
            let reserved: Option<String> = redis::cmd("GET")
                .arg(&reg_key)
                .query_async(&mut self.conn())
                .await?;
            if let Some(id) = reserved.and_then(|id| ShipmentId::parse(&id).ok()) {
                if let Some(existing) = self.shipment(&id).await? {
                    return Ok(Registration::Existing(existing));
                }
                // An earlier attempt reserved the id and stopped: finish it under that id.
                new.shipment.id = id;
            }
        }
        let s = &new.shipment;
        let shard = self.keys.shard_of(&s.id);
        // Side indexes first: they only point at the id, and readers skip ids without a snapshot.
        let cmds = self.side_indexes(&new);
        let _: Vec<redis::Value> = self.each(cmds).await?;
        self.index_search(&s.merchant_id, &s.id, &s.search_keys())
            .await?;
        let created: i32 = scripts::CREATE
            .key(self.keys.shipment(&s.id))
            .key(self.keys.due(shard))
            .key(self.keys.expiry(shard))
            .key(self.keys.events(shard))
            .arg(s.id.as_str())
            .arg(codec::encode(s)?)
            .arg(ms(new.next_poll))
            .arg(ms(new.expires_at))
            .arg(self.stream_maxlen)
            .arg(encode(&DomainEvent::registered(s, s.created_at)))
            .invoke_async(&mut self.conn())
            .await?;
        if created == 1 {
            return Ok(Registration::Created(new.shipment));
        }
        // A concurrent registration of the same number won the race.
        let existing = self.shipment(&s.id).await?;
        Ok(existing.map_or(Registration::Created(new.shipment), Registration::Existing))
    }

    pub async fn shipment(&self, id: &ShipmentId) -> Result<Option<Shipment>> {
        Ok(self.shipment_raw(id).await?.map(|(_, s)| s))
    }

    /// The snapshot and its stored bytes (for compare-and-set writes).
    pub async fn shipment_raw(&self, id: &ShipmentId) -> Result<Option<(Vec<u8>, Shipment)>> {
        let raw: Option<Vec<u8>> = redis::cmd("GET")
            .arg(self.keys.shipment(id))
            .query_async(&mut self.conn())
            .await?;
        raw.map(|r| codec::decode(&r).map(|s| (r, s))).transpose()
    }

    /// The shipment a public token opens, if the token is current. A snapshot read less
    /// than `max_age` ago by this process may be reused.
    pub async fn shipment_by_token(
        &self,
        token: &PublicToken,
        max_age: std::time::Duration,
    ) -> Result<Option<Arc<Shipment>>> {
        let known = self.cached_token(token);
        let from_cache = known.is_some();
        let id = match known {
            Some(id) => id,
            None => {
                let id: Option<String> = redis::cmd("GET")
                    .arg(self.keys.token(token))
                    .query_async(&mut self.conn())
                    .await?;
                match id.and_then(|id| ShipmentId::parse(&id).ok()) {
                    Some(id) => id,
                    None => return Ok(None),
                }
            }
        };
        let cached = self.cache.snapshots.lock().ok().and_then(|map| {
            map.get(&id)
                .filter(|(at, _)| at.elapsed() < max_age)
                .map(|(_, s)| s.clone())
        });
        let fresh = cached.is_none();
        let shipment = match cached {
            Some(s) => Some(s),
            None => self.shipment(&id).await?.map(Arc::new),
        };
        // Cancelling revokes the token: a process that cached token → id must not serve it.
        let shipment = shipment.filter(|s| &s.token == token && !s.is_cancelled());
        if let Some(s) = &shipment {
            if !from_cache {
                self.cache_token(token, &id);
            }
            if fresh
                && !max_age.is_zero()
                && let Ok(mut map) = self.cache.snapshots.lock()
            {
                if map.len() >= super::TOKEN_CACHE_MAX {
                    map.clear();
                }
                map.insert(id, (Instant::now(), s.clone()));
            }
        }
        Ok(shipment)
    }
    /// What points at a new shipment: its token, list entries, the carrier-number index,
    /// the push subscription, the order-lookup digests.
    fn side_indexes(&self, new: &NewShipment) -> Vec<redis::Cmd> {
        let s = &new.shipment;
        let mut cmds = vec![
            redis::cmd("SET")
                .arg(self.keys.token(&s.token))
                .arg(s.id.as_str())
                .to_owned(),
        ];
        cmds.extend(self.list_entries(s, s.list_place(s.created_at)));
        cmds.push(
            redis::cmd("SADD")
                .arg(self.keys.by_number(&s.carrier, &s.tracking_number))
                .arg(s.id.as_str())
                .to_owned(),
        );
        if new.push_subscribe {
            cmds.push(
                redis::cmd("ZADD")
                    .arg(
                        self.keys.push_subscriptions(
                            self.keys.number_shard(&s.tracking_number),
                            &s.carrier,
                        ),
                    )
                    .arg("NX")
                    .arg(0)
                    .arg(s.tracking_number.as_str())
                    .to_owned(),
            );
        }
        for digest in &new.lookup_digests {
            cmds.push(
                redis::cmd("HSET")
                    .arg(self.keys.lookup(digest))
                    .arg(s.id.as_str())
                    .arg(0)
                    .to_owned(),
            );
        }
        cmds
    }

    /// The shipments tracked under a carrier and number (a carrier's push).
    pub async fn by_number(
        &self,
        carrier: &CarrierCode,
        number: &TrackingNumber,
    ) -> Result<Vec<ShipmentId>> {
        let ids: Vec<String> = redis::cmd("SMEMBERS")
            .arg(self.keys.by_number(carrier, number))
            .query_async(&mut self.conn())
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| ShipmentId::parse(id).ok())
            .collect())
    }

    /// Shipment ids registered under an order-lookup digest.
    pub async fn lookup(&self, digest: &str) -> Result<Vec<ShipmentId>> {
        let ids: Vec<String> = redis::cmd("HKEYS")
            .arg(self.keys.lookup(digest))
            .query_async(&mut self.conn())
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| ShipmentId::parse(id).ok())
            .collect())
    }

    /// Several snapshots in one round trip (across slots, so not one MGET).
    pub async fn shipments(&self, ids: &[ShipmentId]) -> Result<Vec<Option<Shipment>>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let cmds = ids
            .iter()
            .map(|id| redis::cmd("GET").arg(self.keys.shipment(id)).to_owned())
            .collect();
        let raws: Vec<Option<Vec<u8>>> = self.each(cmds).await?;
        raws.into_iter()
            .map(|r| r.map(|r| codec::decode(&r)).transpose())
            .collect()
    }
}
