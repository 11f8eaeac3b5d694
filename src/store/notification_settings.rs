//! What the merchant chose to send: its notification settings, one JSON document.

use super::{Result, Store};
use crate::domain::{MerchantId, NotificationSettings};

impl Store {
    pub async fn notification_settings(
        &self,
        merchant: &MerchantId,
    ) -> Result<NotificationSettings> {
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
        settings: &NotificationSettings,
    ) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.notification_settings(merchant))
            .arg(super::encode(settings))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }
}
