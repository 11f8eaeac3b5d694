//! Merchants' webhook endpoints, one hash per merchant.

use super::{Result, Store, decode, encode};
use crate::domain::{MerchantId, WebhookEndpoint, WebhookId};

impl Store {
    pub async fn put_webhook(&self, w: &WebhookEndpoint) -> Result<()> {
        let _: i64 = redis::cmd("HSET")
            .arg(self.keys.webhooks(&w.merchant_id))
            .arg(w.id.as_str())
            .arg(encode(w))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn webhooks(&self, merchant: &MerchantId) -> Result<Vec<WebhookEndpoint>> {
        let all: Vec<(String, String)> = redis::cmd("HGETALL")
            .arg(self.keys.webhooks(merchant))
            .query_async(&mut self.conn())
            .await?;
        let mut out = all
            .iter()
            .map(|(_, json)| decode::<WebhookEndpoint>("webhook", json))
            .collect::<Result<Vec<_>>>()?;
        out.sort_by_key(|w| w.created_at);
        Ok(out)
    }

    pub async fn webhook(
        &self,
        merchant: &MerchantId,
        id: &WebhookId,
    ) -> Result<Option<WebhookEndpoint>> {
        let json: Option<String> = redis::cmd("HGET")
            .arg(self.keys.webhooks(merchant))
            .arg(id.as_str())
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("webhook", &j)).transpose()
    }

    pub async fn delete_webhook(&self, merchant: &MerchantId, id: &WebhookId) -> Result<bool> {
        let n: i64 = redis::cmd("HDEL")
            .arg(self.keys.webhooks(merchant))
            .arg(id.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(n == 1)
    }
}
