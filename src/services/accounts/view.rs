//! What the API and the audit log show of an account: a hint of the credential and the
//! options, never a secret.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::carriers::Credentials;
use crate::domain::{AuditAction, AuditEntry, CarrierCode, SECRET_SET};
use crate::services::Caller;
use crate::store::StoredAccount;

/// An account as the API shows it: never the secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountView {
    pub carrier: String,
    /// The last characters of the client id or key, to tell accounts apart.
    pub credential_hint: String,
    pub requests_per_second: Option<f64>,
    /// Polling cadence by status, where the merchant overrides the platform's.
    pub cadence: BTreeMap<String, String>,
    pub updated_at: DateTime<Utc>,
}

/// The credential's last four public characters (client id, key or user name).
pub(super) fn hint(c: &Credentials) -> String {
    let public = match c {
        Credentials::OAuth { client_id, .. } => client_id,
        Credentials::ApiKey { api_key } => api_key.expose(),
        Credentials::Basic { username, .. } => username,
    };
    crate::domain::redact::hint(public)
}

pub(super) fn view(code: &CarrierCode, a: &StoredAccount) -> AccountView {
    AccountView {
        carrier: code.to_string(),
        credential_hint: a.hint.clone(),
        requests_per_second: a.requests_per_second,
        cadence: a.cadence.clone(),
        updated_at: a.updated_at,
    }
}

pub(super) fn audit_entry(
    by: &Caller,
    action: AuditAction,
    code: &CarrierCode,
    changes: BTreeMap<String, serde_json::Value>,
    now: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry {
        at: now,
        key_id: by.key_id(),
        user_id: by.user_id(),
        action,
        target: code.to_string(),
        changes,
    }
}

/// What an account's audit entry records: which credential fields were set (never their
/// values), the hint the API shows, and the options.
pub(super) fn changes(c: &Credentials, a: &StoredAccount) -> BTreeMap<String, serde_json::Value> {
    let fields: &[&str] = match c {
        Credentials::OAuth { .. } => &["client_id", "client_secret"],
        Credentials::ApiKey { .. } => &["api_key"],
        Credentials::Basic { .. } => &["username", "password"],
    };
    let mut out: BTreeMap<String, serde_json::Value> = fields
        .iter()
        .map(|f| (format!("credentials.{f}"), SECRET_SET.into()))
        .collect();
    out.insert("credential_hint".into(), a.hint.clone().into());
    out.insert(
        "requests_per_second".into(),
        serde_json::json!(a.requests_per_second),
    );
    out.insert("cadence".into(), serde_json::json!(a.cadence));
    out
}
