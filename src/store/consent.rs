//! What customers told a merchant's messages (the channels, or "all", they unsubscribed from,
//! keyed by a digest of who they are) and what the merchant chose to send.

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

impl Store {
    pub async fn notification_settings(
        &self,
        merchant: &MerchantId,
    ) -> Result<crate::domain::NotificationSettings> {
        let json: Option<String> = redis::cmd("GET")
            .arg(self.keys.notification_settings(merchant))
            .query_async(&mut self.conn())
            .await?;
        Ok(json
            .map(|j| super::decode("notification settings", &j))
            .transpose()?
            .unwrap_or_default())
    }

    pub async fn put_notification_settings(
        &self,
        merchant: &MerchantId,
        settings: &crate::domain::NotificationSettings,
    ) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.notification_settings(merchant))
            .arg(super::encode(settings))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }
}
