//! What customers told a merchant's messages: the channels, or "all", they unsubscribed
//! from, keyed by a digest of who they are.

use super::{Result, Store};
use crate::domain::MerchantId;

impl Store {
    pub async fn opt_out(&self, merchant: &MerchantId, customer: &str, scope: &str) -> Result<()> {
        let _: i64 = redis::cmd("SADD")
            .arg(self.keys.opt_outs(merchant, customer))
            .arg(scope)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn opt_in(&self, merchant: &MerchantId, customer: &str) -> Result<()> {
        let _: i64 = redis::cmd("DEL")
            .arg(self.keys.opt_outs(merchant, customer))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn opt_outs(&self, merchant: &MerchantId, customer: &str) -> Result<Vec<String>> {
        Ok(redis::cmd("SMEMBERS")
            .arg(self.keys.opt_outs(merchant, customer))
            .query_async(&mut self.conn())
            .await?)
    }
}
