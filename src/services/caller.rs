//! Who acts for a merchant in a service call: an API key or a console member. The audit
//! log records whichever it was.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::{AuditAction, AuditEntry, KeyId, MerchantId, UserId};

/// Who acts for a merchant: one of its API keys, or a member signed in to the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Key(KeyId),
    Member(UserId),
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Actor::Key(id) => id.fmt(f),
            Actor::Member(id) => id.fmt(f),
        }
    }
}

/// Who is calling: the merchant, and the key or the member acting for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub merchant: MerchantId,
    pub by: Actor,
}

impl Caller {
    /// The key acting, for the audit log.
    pub fn key_id(&self) -> Option<KeyId> {
        match &self.by {
            Actor::Key(id) => Some(id.clone()),
            Actor::Member(_) => None,
        }
    }

    /// The console member acting, for the audit log.
    pub fn user_id(&self) -> Option<UserId> {
        match &self.by {
            Actor::Member(id) => Some(id.clone()),
            Actor::Key(_) => None,
        }
    }

    /// The audit log's entry for a change this caller made.
    pub fn audit(
        &self,
        action: AuditAction,
        target: String,
        changes: BTreeMap<String, serde_json::Value>,
        now: DateTime<Utc>,
    ) -> AuditEntry {
        AuditEntry {
            at: now,
            key_id: self.key_id(),
            user_id: self.user_id(),
            action,
            target,
            changes,
        }
    }
}
