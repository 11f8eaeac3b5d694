//! Ending a shipment's life outside the poller: cancellation (compare-and-set on the
//! snapshot), the retention purge, and cleaning the side indexes that point at it (the
//! search index keeps a cancelled shipment's numbers until the purge).

use chrono::{DateTime, Utc};

use super::{Result, Shard, Store, codec, encode, ms, scripts};
use crate::domain::{DomainEvent, ListPlace, Shipment, ShipmentId};

impl Store {
    /// Ends tracking outside the poller (cancellation): writes `new` if the snapshot is
    /// still `old` (the bytes read), revokes the token and drops the lookup and registration entries.
    /// `before`: the lookup digests and search keys of the snapshot as it was read.
    /// Returns false when the snapshot changed meanwhile (read again and retry).
    /// `places`: where it was listed and where it goes.
    pub async fn finish(
        &self,
        old: &[u8],
        new: &Shipment,
        (lookup_digests, search_keys): (&[String], &[Vec<u8>]),
        places: (ListPlace, ListPlace),
        retain_until: DateTime<Utc>,
        events: &[DomainEvent],
    ) -> Result<bool> {
        // The search keeps finding it by its numbers; an erased e-mail goes.
        let after = new.search_keys();
        let gone: Vec<Vec<u8>> = search_keys
            .iter()
            .filter(|k| !after.contains(k))
            .cloned()
            .collect();
        self.drop_side_indexes(new, lookup_digests, &gone).await?;
        self.enter_lists(new, places).await?;
        let mut call = scripts::FINISH_IF_UNCHANGED.prepare_invoke();
        self.shipment_write_keys(&mut call, &new.id);
        call.arg(new.id.as_str())
            .arg(old)
            .arg(codec::encode(new)?)
            .arg(ms(retain_until))
            .arg(self.stream_maxlen);
        for e in events {
            call.arg(encode(e));
        }
        let done: i32 = call.invoke_async(&mut self.conn()).await?;
        self.forget_cached(&new.id);
        if done == 1 {
            self.leave_lists(new, places).await?;
        }
        Ok(done == 1)
    }

    /// Deletes a finished shipment and everything that points at it.
    pub async fn purge(&self, raw: &[u8], s: &Shipment, lookup_digests: &[String]) -> Result<bool> {
        self.drop_side_indexes(s, lookup_digests, &s.search_keys())
            .await?;
        self.leave_every_list(s).await?;
        let shard = self.keys.shard_of(&s.id);
        let done: i32 = scripts::PURGE
            .key(self.keys.shipment(&s.id))
            .key(self.keys.retain(shard))
            .key(self.keys.due(shard))
            .key(self.keys.claims(shard))
            .key(self.keys.expiry(shard))
            .key(self.keys.changes(shard))
            .arg(s.id.as_str())
            .arg(raw)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(done == 1)
    }

    /// Removes a shipment id whose snapshot is already gone from a shard's sets.
    pub async fn forget(&self, shard: Shard, id: &ShipmentId) -> Result<()> {
        let _: i32 = scripts::PURGE
            .key(self.keys.shipment(id))
            .key(self.keys.retain(shard))
            .key(self.keys.due(shard))
            .key(self.keys.claims(shard))
            .key(self.keys.expiry(shard))
            .key(self.keys.changes(shard))
            .arg(id.as_str())
            .arg("")
            .invoke_async(&mut self.conn())
            .await?;
        Ok(())
    }

    async fn drop_side_indexes(
        &self,
        s: &Shipment,
        lookup_digests: &[String],
        search_keys: &[Vec<u8>],
    ) -> Result<()> {
        self.unindex_search(&s.merchant_id, &s.id, search_keys)
            .await?;
        let mut cmds = vec![
            redis::cmd("DEL").arg(self.keys.token(&s.token)).to_owned(),
            redis::cmd("SREM")
                .arg(self.keys.by_number(&s.carrier, &s.tracking_number))
                .arg(s.id.as_str())
                .to_owned(),
        ];
        for digest in lookup_digests {
            cmds.push(
                redis::cmd("HDEL")
                    .arg(self.keys.lookup(digest))
                    .arg(s.id.as_str())
                    .to_owned(),
            );
        }
        // Its make-good goes with it (the customer's "had one" stays: once per customer).
        cmds.push(
            redis::cmd("HDEL")
                .arg(self.keys.make_good(&s.merchant_id, "given"))
                .arg(s.id.as_str())
                .to_owned(),
        );
        // And its place among the shop's recent parcels (the pace).
        let pace = |part| self.keys.pace(&s.merchant_id, part);
        cmds.push(
            redis::cmd("ZREM")
                .arg(pace("h"))
                .arg(s.id.as_str())
                .to_owned(),
        );
        for part in ["v", "d"] {
            cmds.push(
                redis::cmd("HDEL")
                    .arg(pace(part))
                    .arg(s.id.as_str())
                    .to_owned(),
            );
        }
        let _: Vec<i64> = self.each(cmds).await?;
        let reg_key = self
            .keys
            .registration(&s.merchant_id, &s.carrier, &s.tracking_number);
        let _: i32 = scripts::DEL_IF_EQUALS
            .key(reg_key)
            .arg(s.id.as_str())
            .invoke_async(&mut self.conn())
            .await?;
        if let Ok(mut map) = self.cache.tokens.lock() {
            map.remove(s.token.as_str());
        }
        self.forget_cached(&s.id);
        Ok(())
    }
}
