//! Merchants' API keys: authenticated on every request against the store (never from a
//! cache, so a revoked key is refused at once everywhere), created (shown once, at most
//! [`MAX_ACTIVE_KEYS`]), listed without the key or its hash, revoked (never the last one),
//! and rotated by the operator when a key leaked.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};

use super::ServiceError;
use super::{Actor, Caller};
use crate::domain::{ApiKey, AuditAction, AuditEntry, KeyId, MerchantId};
use crate::store::{Revoked, Store, StoredKey, Touch};

/// Active keys a merchant may hold: one in use and its replacement.
pub const MAX_ACTIVE_KEYS: usize = 2;

/// How often a key's `last_used_at` is written at most.
const TOUCH_EVERY: Duration = Duration::from_secs(60);
const TOUCHED_MAX: usize = 100_000;

/// A key just made: the only time it is shown.
#[derive(Debug, Clone)]
pub struct NewKey {
    pub id: KeyId,
    pub api_key: ApiKey,
    pub hint: String,
    pub created_at: DateTime<Utc>,
}

/// A key as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyView {
    pub id: KeyId,
    pub hint: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Clone)]
pub struct ApiKeys {
    store: Store,
    /// When this process last recorded each key's use: only spares writes of
    /// `last_used_at`; whether a key is valid is always asked of the store.
    touched: Arc<Mutex<HashMap<KeyId, Instant>>>,
}

fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

impl ApiKeys {
    pub fn new(store: Store) -> Self {
        ApiKeys {
            store,
            touched: Arc::default(),
        }
    }

    /// The same service over another store handle (sharing what it remembers).
    pub fn with_store(&self, store: Store) -> Self {
        ApiKeys {
            store,
            touched: self.touched.clone(),
        }
    }

    /// The merchant and key id an API key authenticates as, if it is valid now.
    pub async fn authenticate(
        &self,
        key: &ApiKey,
        now: DateTime<Utc>,
    ) -> Result<Option<Caller>, ServiceError> {
        let hash = key.hash();
        let Some(merchant) = self.store.merchant_for_key(&hash).await? else {
            return Ok(None);
        };
        let key_id = KeyId::of_hash(&hash);
        if !self.touched_lately(&key_id) {
            let every = TOUCH_EVERY.as_millis() as i64;
            let touch = self
                .store
                .touch_api_key(
                    &merchant,
                    &key_id,
                    &hash,
                    &key.hint(),
                    now.timestamp_millis(),
                    every,
                )
                .await?;
            if touch == Touch::Refused {
                return Ok(None);
            }
            self.remember_touch(&key_id);
        }
        Ok(Some(Caller {
            merchant,
            by: Actor::Key(key_id),
        }))
    }

    fn touched_lately(&self, id: &KeyId) -> bool {
        self.touched
            .lock()
            .is_ok_and(|m| m.get(id).is_some_and(|at| at.elapsed() < TOUCH_EVERY))
    }

    fn remember_touch(&self, id: &KeyId) {
        if let Ok(mut map) = self.touched.lock() {
            if map.len() >= TOUCHED_MAX {
                map.clear();
            }
            map.insert(id.clone(), Instant::now());
        }
    }

    fn forget_touch(&self, id: &KeyId) {
        if let Ok(mut map) = self.touched.lock() {
            map.remove(id);
        }
    }

    /// A fresh key and its entry.
    fn fresh(now: DateTime<Utc>) -> (NewKey, StoredKey) {
        let api_key = ApiKey::from_random(crate::entropy::bytes());
        let stored = StoredKey {
            hash: api_key.hash(),
            hint: api_key.hint(),
            created_at: Some(now.timestamp_millis()),
            last_used_at: None,
        };
        let new = NewKey {
            id: api_key.id(),
            hint: stored.hint.clone(),
            api_key,
            created_at: now,
        };
        (new, stored)
    }

    /// The entry of a new merchant's first key, written before the merchant (whose
    /// creation then indexes the key).
    pub(super) async fn first(
        &self,
        merchant: &MerchantId,
        now: DateTime<Utc>,
    ) -> Result<NewKey, ServiceError> {
        let (new, stored) = Self::fresh(now);
        self.store
            .add_api_key(merchant, &new.id, &stored, MAX_ACTIVE_KEYS)
            .await?;
        Ok(new)
    }

    /// Another key for the caller's merchant (at most [`MAX_ACTIVE_KEYS`] active).
    pub async fn create(&self, by: &Caller, now: DateTime<Utc>) -> Result<NewKey, ServiceError> {
        let (new, stored) = Self::fresh(now);
        let added = self
            .store
            .add_api_key(&by.merchant, &new.id, &stored, MAX_ACTIVE_KEYS)
            .await?;
        if !added {
            return Err(ServiceError::Conflict(format!(
                "a merchant has at most {MAX_ACTIVE_KEYS} active API keys: revoke one first (DELETE /api/v1/api-keys/{{id}})"
            )));
        }
        self.store.index_api_key(&stored.hash, &by.merchant).await?;
        let entry = key_entry(Some(by), AuditAction::ApiKeyCreate, &new.id, &new.hint, now);
        self.store.append_audit(&by.merchant, &entry).await?;
        Ok(new)
    }

    /// The merchant's keys, oldest first (a key from before entries existed shows its
    /// merchant's creation time).
    pub async fn list(&self, merchant: &MerchantId) -> Result<Vec<KeyView>, ServiceError> {
        let keys = self.store.api_keys(merchant).await?;
        let mut merchant_created = None;
        if keys.iter().any(|(_, k)| k.created_at.is_none()) {
            merchant_created = self.store.merchant(merchant).await?.map(|m| m.created_at);
        }
        let mut out: Vec<KeyView> = keys
            .into_iter()
            .map(|(id, k)| KeyView {
                id,
                hint: k.hint,
                created_at: k
                    .created_at
                    .map(from_ms)
                    .or(merchant_created)
                    .unwrap_or_default(),
                last_used_at: k.last_used_at.map(from_ms),
            })
            .collect();
        out.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        Ok(out)
    }

    /// Revokes one of the merchant's keys (the caller's own too), never the last.
    pub async fn revoke(
        &self,
        by: &Caller,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let id = KeyId::parse(id).map_err(|_| ServiceError::NotFound)?;
        match self.store.revoke_api_key(&by.merchant, &id).await? {
            Revoked::NotFound => Err(ServiceError::NotFound),
            Revoked::Last => Err(ServiceError::Conflict(
                "this is the merchant's last API key: create another one before revoking it".into(),
            )),
            Revoked::Done(key) => {
                self.forget_touch(&id);
                let entry = key_entry(Some(by), AuditAction::ApiKeyRevoke, &id, &key.hint, now);
                self.store.append_audit(&by.merchant, &entry).await?;
                Ok(())
            }
        }
    }

    /// The operator's answer to a leaked key: a new key, and every other key of the
    /// merchant revoked (keys from before entries existed included). Returns the new key
    /// and how many keys were revoked.
    pub async fn rotate(
        &self,
        merchant: &MerchantId,
        now: DateTime<Utc>,
    ) -> Result<(NewKey, usize), ServiceError> {
        if self.store.merchant(merchant).await?.is_none() {
            return Err(ServiceError::NotFound);
        }
        let (new, stored) = Self::fresh(now);
        let old = self
            .store
            .replace_api_keys(merchant, &new.id, &stored)
            .await?;
        let mut entries = vec![key_entry(
            None,
            AuditAction::ApiKeyCreate,
            &new.id,
            &new.hint,
            now,
        )];
        for k in &old {
            let id = KeyId::of_hash(&k.hash);
            self.forget_touch(&id);
            entries.push(key_entry(
                None,
                AuditAction::ApiKeyRevoke,
                &id,
                &k.hint,
                now,
            ));
        }
        for entry in &entries {
            self.store.append_audit(merchant, entry).await?;
        }
        Ok((new, old.len()))
    }
}

/// The audit entry of a key made or revoked: its id and hint, never the key.
fn key_entry(
    by: Option<&Caller>,
    action: AuditAction,
    id: &KeyId,
    hint: &str,
    now: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry {
        at: now,
        key_id: by.and_then(Caller::key_id),
        user_id: by.and_then(Caller::user_id),
        action,
        target: id.to_string(),
        changes: [("hint".to_owned(), serde_json::Value::from(hint))].into(),
    }
}
