//! What the notifier reads about one queued message before deciding, in as few round trips
//! as the data allows: the shipment's shard in one script (the message as stored now, the
//! snapshot, whether feedback came, the messages sent to the customer) beside the
//! merchant's keys (settings, the order group), then the customer's opt-outs. Also the
//! order groups: one order's parcels with the same news go as one message.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use redis::Value;

use super::{Result, Store, StoreError, codec, decode, scripts};
use crate::domain::{Merchant, MerchantId, Notification, NotificationSettings, Shipment, Trigger};

/// How long an order group is kept: as long as its members' finished records.
const GROUP_TTL_MS: u64 = 90 * 86_400_000;

/// The facts about one queued message, as stored now.
pub struct Gathered {
    pub notification: Notification,
    pub shipment: Option<Shipment>,
    pub merchant: Option<Arc<Merchant>>,
    pub answered: bool,
    /// The shipment's messages to its customer (not webhooks) sent since the asked moment.
    pub sent_since: Vec<(Trigger, DateTime<Utc>)>,
    pub settings: NotificationSettings,
    /// The other notifications of its order group (ids).
    pub group_others: Vec<String>,
    pub opt_outs: Vec<String>,
}

/// What the shard's script returned.
struct ShardFacts {
    notification: Notification,
    shipment: Option<Shipment>,
    answered: bool,
    sent: Vec<(Trigger, DateTime<Utc>)>,
}

impl Store {
    /// Gathers the facts about a claimed notification; `None` when its record is gone.
    pub async fn gather(&self, n: &Notification, since: DateTime<Utc>) -> Result<Option<Gathered>> {
        let shard = self.keys.shard_of(&n.shipment_id);
        let conn = self.conn();
        let (shard_facts, settings, members, merchant) = tokio::try_join!(
            async {
                let v: Value = scripts::GATHER
                    .key(self.keys.notification(shard, &n.id))
                    .key(self.keys.shipment(&n.shipment_id))
                    .key(self.keys.shipment_notifications(&n.shipment_id))
                    .key(self.keys.feedback(&n.shipment_id))
                    .arg(self.keys.notification(shard, ""))
                    .invoke_async(&mut conn.clone())
                    .await?;
                shard_facts(v)
            },
            self.notification_settings(&n.merchant_id),
            async {
                match n.group.as_deref() {
                    Some(g) => self.group_members(&n.merchant_id, g).await,
                    None => Ok(vec![]),
                }
            },
            self.merchant(&n.merchant_id),
        )?;
        let Some(facts) = shard_facts else {
            return Ok(None);
        };
        let digest = facts.shipment.as_ref().and_then(Shipment::customer_digest);
        let opt_outs = match digest {
            Some(who) if facts.notification.channel != crate::domain::Channel::Webhook => {
                redis::cmd("SMEMBERS")
                    .arg(self.keys.opt_outs(&n.merchant_id, &who))
                    .query_async(&mut conn.clone())
                    .await?
            }
            _ => vec![],
        };
        Ok(Some(Gathered {
            sent_since: facts.sent.into_iter().filter(|(_, t)| *t > since).collect(),
            notification: facts.notification,
            shipment: facts.shipment,
            merchant,
            answered: facts.answered,
            settings,
            group_others: members.into_iter().filter(|m| *m != n.id).collect(),
            opt_outs,
        }))
    }
}

/// Reads `[notification json, snapshot bytes or nil, answered 0/1, [trigger, sent_at]…]`;
/// an empty array: the notification is gone.
fn shard_facts(v: Value) -> Result<Option<ShardFacts>> {
    let corrupt = || StoreError::Corrupt("gathered facts: unexpected reply".into());
    let Value::Array(parts) = v else {
        return Err(corrupt());
    };
    let mut parts = parts.into_iter();
    let Some(Value::BulkString(json)) = parts.next() else {
        return Ok(None);
    };
    let notification = decode("notification", &String::from_utf8_lossy(&json))?;
    let shipment = match parts.next() {
        Some(Value::BulkString(bytes)) => Some(codec::decode(&bytes)?),
        _ => None,
    };
    let answered = matches!(parts.next(), Some(Value::Int(1)));
    let mut sent = vec![];
    if let Some(Value::Array(pairs)) = parts.next() {
        for pair in pairs.chunks(2) {
            if let [Value::BulkString(t), Value::BulkString(at)] = pair
                && let Some(t) = Trigger::parse(&String::from_utf8_lossy(t))
                && let Ok(at) = DateTime::parse_from_rfc3339(&String::from_utf8_lossy(at))
            {
                sent.push((t, at.with_timezone(&Utc)));
            }
        }
    }
    Ok(Some(ShardFacts {
        notification,
        shipment,
        answered,
        sent,
    }))
}

/// Grouping the notifications of one order's parcels (several shipments, one message).
impl Store {
    pub async fn group_add(&self, merchant: &MerchantId, group: &str, id: &str) -> Result<()> {
        let key = self.keys.order_group(merchant, group);
        let () = redis::pipe()
            .cmd("SADD")
            .arg(&key)
            .arg(id)
            .ignore()
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(GROUP_TTL_MS)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn group_remove(&self, merchant: &MerchantId, group: &str, id: &str) -> Result<()> {
        let _: i64 = redis::cmd("SREM")
            .arg(self.keys.order_group(merchant, group))
            .arg(id)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn group_members(&self, merchant: &MerchantId, group: &str) -> Result<Vec<String>> {
        Ok(redis::cmd("SMEMBERS")
            .arg(self.keys.order_group(merchant, group))
            .query_async(&mut self.conn())
            .await?)
    }

    /// Takes the group's lock for `ttl_ms` as `owner`; false when another notifier holds it.
    pub async fn lock_group(
        &self,
        merchant: &MerchantId,
        group: &str,
        owner: &str,
        ttl_ms: u64,
    ) -> Result<bool> {
        let set: Option<String> = redis::cmd("SET")
            .arg(self.keys.order_group_lock(merchant, group))
            .arg(owner)
            .arg("NX")
            .arg("PX")
            .arg(ttl_ms)
            .query_async(&mut self.conn())
            .await?;
        Ok(set.is_some())
    }

    /// Releases the group's lock if `owner` still holds it (a notifier whose lock ran out
    /// never frees another's).
    pub async fn unlock_group(
        &self,
        merchant: &MerchantId,
        group: &str,
        owner: &str,
    ) -> Result<()> {
        let _: i64 = scripts::DEL_IF_EQUALS
            .key(self.keys.order_group_lock(merchant, group))
            .arg(owner)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(())
    }
}
