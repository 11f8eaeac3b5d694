//! Merchants' webhook endpoints, one hash per merchant, and each endpoint's delivery log
//! (`P:whlog:<merchant>:<endpoint>`: the newest 100 attempts, JSON, newest first; kept 30
//! days after the last attempt).

use super::{Result, Store, decode, encode};
use crate::domain::{MerchantId, WebhookAttempt, WebhookEndpoint, WebhookId};

/// Attempts an endpoint's log keeps.
pub const DELIVERY_LOG: usize = 100;

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
        let _: i64 = redis::cmd("DEL")
            .arg(self.keys.webhook_log(merchant, id))
            .query_async(&mut self.conn())
            .await?;
        Ok(n == 1)
    }

    pub async fn log_webhook_attempt(
        &self,
        merchant: &MerchantId,
        id: &WebhookId,
        attempt: &WebhookAttempt,
    ) -> Result<()> {
        let key = self.keys.webhook_log(merchant, id);
        let _: Vec<redis::Value> = redis::pipe()
            .cmd("LPUSH")
            .arg(&key)
            .arg(encode(attempt))
            .cmd("LTRIM")
            .arg(&key)
            .arg(0)
            .arg(DELIVERY_LOG - 1)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(30 * 24 * 3600)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// An endpoint's newest attempts, newest first.
    pub async fn webhook_attempts(
        &self,
        merchant: &MerchantId,
        id: &WebhookId,
    ) -> Result<Vec<WebhookAttempt>> {
        let all: Vec<String> = redis::cmd("LRANGE")
            .arg(self.keys.webhook_log(merchant, id))
            .arg(0)
            .arg(DELIVERY_LOG - 1)
            .query_async(&mut self.conn())
            .await?;
        all.iter().map(|j| decode("webhook attempt", j)).collect()
    }
}
