//! The console's exact search: one hash per merchant (`P:find:<merchant>`), field = what a
//! shipment is found by (`domain::search_key`: tracking number, order number, e-mail, as
//! digests), value = the ids found under it. Written at registration, removed with the
//! other side indexes; like them it only points at ids, and readers check the snapshots.

use std::sync::LazyLock;

use redis::Script;

use super::{Result, Store};
use crate::domain::{MerchantId, ShipmentId};

/// Adds ARGV[1] (an id) to each field ARGV[2..] of KEYS[1], once.
static ADD: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        for i = 2, #ARGV do
          local ids = redis.call('HGET', KEYS[1], ARGV[i])
          if not ids then
            redis.call('HSET', KEYS[1], ARGV[i], ARGV[1])
          elseif not string.find(' ' .. ids .. ' ', ' ' .. ARGV[1] .. ' ', 1, true) then
            redis.call('HSET', KEYS[1], ARGV[i], ids .. ' ' .. ARGV[1])
          end
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
            for id in string.gmatch(ids, '%S+') do
              if id ~= ARGV[1] then table.insert(kept, id) end
            end
            if #kept == 0 then
              redis.call('HDEL', KEYS[1], ARGV[i])
            else
              redis.call('HSET', KEYS[1], ARGV[i], table.concat(kept, ' '))
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
        keys: &[String],
    ) -> Result<()> {
        self.change_search(&ADD, merchant, id, keys).await
    }

    pub async fn unindex_search(
        &self,
        merchant: &MerchantId,
        id: &ShipmentId,
        keys: &[String],
    ) -> Result<()> {
        self.change_search(&REMOVE, merchant, id, keys).await
    }

    async fn change_search(
        &self,
        script: &Script,
        merchant: &MerchantId,
        id: &ShipmentId,
        keys: &[String],
    ) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let mut call = script.prepare_invoke();
        call.key(self.keys.search(merchant)).arg(id.as_str());
        for k in keys {
            call.arg(k);
        }
        let _: i32 = call.invoke_async(&mut self.conn()).await?;
        Ok(())
    }

    /// The ids indexed under any of `keys`, each once, in no particular order.
    pub async fn search(&self, merchant: &MerchantId, keys: &[String]) -> Result<Vec<ShipmentId>> {
        if keys.is_empty() {
            return Ok(vec![]);
        }
        let found: Vec<Option<String>> = redis::cmd("HMGET")
            .arg(self.keys.search(merchant))
            .arg(keys)
            .query_async(&mut self.conn())
            .await?;
        let mut ids: Vec<ShipmentId> = found
            .iter()
            .flatten()
            .flat_map(|ids| ids.split(' '))
            .filter_map(|id| ShipmentId::parse(id).ok())
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }
}
