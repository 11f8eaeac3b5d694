//! The console's exact search: one hash per merchant (`P:find:<merchant>`), field = what a
//! shipment is found by (`domain::search_key`, 9 bytes: a kind and 64 bits of a digest of
//! its tracking number, order number or e-mail), value = the 12-byte ids found under it,
//! concatenated. Binary to stay near 200 bytes per shipment. Written at registration,
//! removed with the other side indexes; like them it only points at ids, and readers check
//! the snapshots.

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
        self.change_search(&ADD, merchant, id, keys).await
    }

    pub async fn unindex_search(
        &self,
        merchant: &MerchantId,
        id: &ShipmentId,
        keys: &[Vec<u8>],
    ) -> Result<()> {
        self.change_search(&REMOVE, merchant, id, keys).await
    }

    async fn change_search(
        &self,
        script: &Script,
        merchant: &MerchantId,
        id: &ShipmentId,
        keys: &[Vec<u8>],
    ) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let mut call = script.prepare_invoke();
        call.key(self.keys.search(merchant)).arg(&id.to_bytes()[..]);
        for k in keys {
            call.arg(&k[..]);
        }
        let _: i32 = call.invoke_async(&mut self.conn()).await?;
        Ok(())
    }

    /// The ids indexed under any of `keys`, each once, in no particular order.
    pub async fn search(&self, merchant: &MerchantId, keys: &[Vec<u8>]) -> Result<Vec<ShipmentId>> {
        if keys.is_empty() {
            return Ok(vec![]);
        }
        let mut cmd = redis::cmd("HMGET");
        cmd.arg(self.keys.search(merchant));
        for k in keys {
            cmd.arg(&k[..]);
        }
        let found: Vec<Option<Vec<u8>>> = cmd.query_async(&mut self.conn()).await?;
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
}
