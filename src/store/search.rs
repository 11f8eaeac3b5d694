//! The console's exact search: a merchant's index is spread over many small hashes
//! (`P:find:<merchant>:<bucket>`, see `Keys::search`), field = what a shipment is found by
//! (`domain::search_key`, 9 bytes: a kind and 64 bits of a digest of its tracking number,
//! order number or e-mail), value = the 12-byte ids found under it, concatenated. Small
//! hashes stay listpacks (Redis keeps up to 128 fields so), about 25 bytes an entry where one
//! big hash costs about 66. Written at registration, removed with the other side indexes;
//! like them it only points at ids, and readers check the snapshots. The one-hash layout of
//! earlier versions (`P:find:<merchant>`) is still read and cleaned until
//! `shipmate merchant reindex` moves it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use redis::Script;

use super::{Result, Store};
use crate::domain::{MerchantId, ShipmentId};

/// Bytes of an id in the index.
const ID: usize = 12;

/// Adds ARGV[1] (an id's 12 bytes) to each field ARGV[2..] of KEYS[1], once.
static ADD: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        for i = 2, #ARGV do
          local ids = redis.call('HGET', KEYS[1], ARGV[i]) or ''
          local found = false
          for j = 1, #ids, 12 do
            if string.sub(ids, j, j + 11) == ARGV[1] then found = true end
          end
          if not found then redis.call('HSET', KEYS[1], ARGV[i], ids .. ARGV[1]) end
        end
        return 1",
    )
});

/// Removes ARGV[1] from each field ARGV[2..] of KEYS[1]; a field left empty goes.
static REMOVE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        for i = 2, #ARGV do
          local ids = redis.call('HGET', KEYS[1], ARGV[i])
          if ids then
            local kept = {}
            for j = 1, #ids, 12 do
              local id = string.sub(ids, j, j + 11)
              if id ~= ARGV[1] then table.insert(kept, id) end
            end
            if #kept == 0 then
              redis.call('HDEL', KEYS[1], ARGV[i])
            else
              redis.call('HSET', KEYS[1], ARGV[i], table.concat(kept))
            end
          end
        end
        return 1",
    )
});

impl Store {
    pub async fn index_search(
        &self,
        merchant: &MerchantId,
        id: &ShipmentId,
        keys: &[Vec<u8>],
    ) -> Result<()> {
        self.change_search(&ADD, merchant, id, keys, false).await
    }

    pub async fn unindex_search(
        &self,
        merchant: &MerchantId,
        id: &ShipmentId,
        keys: &[Vec<u8>],
    ) -> Result<()> {
        self.change_search(&REMOVE, merchant, id, keys, true).await
    }

    async fn change_search(
        &self,
        script: &Script,
        merchant: &MerchantId,
        id: &ShipmentId,
        keys: &[Vec<u8>],
        unbucketed_too: bool,
    ) -> Result<()> {
        let mut groups: BTreeMap<String, Vec<&[u8]>> = BTreeMap::new();
        for k in keys {
            groups
                .entry(self.keys.search(merchant, k))
                .or_default()
                .push(k);
            if unbucketed_too {
                groups
                    .entry(self.keys.search_unbucketed(merchant))
                    .or_default()
                    .push(k);
            }
        }
        let calls = groups.into_iter().map(|(key, fields)| {
            let mut call = script.prepare_invoke();
            call.key(key).arg(&id.to_bytes()[..]);
            for f in fields {
                call.arg(f);
            }
            let mut conn = self.conn();
            async move { call.invoke_async::<i32>(&mut conn).await }
        });
        futures_util::future::try_join_all(calls).await?;
        Ok(())
    }

    /// The ids indexed under any of `keys`, each once, in no particular order.
    pub async fn search(&self, merchant: &MerchantId, keys: &[Vec<u8>]) -> Result<Vec<ShipmentId>> {
        let cmds = keys
            .iter()
            .flat_map(|k| {
                [
                    self.keys.search(merchant, k),
                    self.keys.search_unbucketed(merchant),
                ]
                .map(|key| redis::cmd("HGET").arg(key).arg(&k[..]).to_owned())
            })
            .collect();
        let found: Vec<Option<Vec<u8>>> = self.each(cmds).await?;
        let mut ids: Vec<ShipmentId> = found
            .iter()
            .flatten()
            .flat_map(|ids| ids.chunks_exact(ID))
            .filter_map(|raw| <[u8; ID]>::try_from(raw).ok())
            .map(ShipmentId::from_random)
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// Drops the one-hash index of earlier versions, once `reindex` has moved it.
    pub async fn drop_unbucketed_search(&self, merchant: &MerchantId) -> Result<()> {
        let _: i64 = redis::cmd("UNLINK")
            .arg(self.keys.search_unbucketed(merchant))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }
}
