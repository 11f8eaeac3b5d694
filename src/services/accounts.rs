//! Merchants' own carrier accounts: stored sealed, listed redacted, tested against the carrier.

use std::sync::Arc;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Caller, FieldError, ServiceError};
use crate::carriers::{Carrier, CarrierError, Carriers, Credentials};
use crate::domain::{
    AuditAction, AuditEntry, CarrierCode, MerchantId, RequestRate, SECRET_SET, Status,
};
use crate::store::{Admission, GateOutcome, Store, StoredAccount};
use crate::vault::Vault;

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

/// What a merchant may set on its account besides the credentials.
#[derive(Debug, Clone, Default)]
pub struct AccountOptions {
    pub requests_per_second: Option<RequestRate>,
    pub cadence: BTreeMap<String, String>,
}

/// Shortest and longest cadence a merchant may ask for.
const CADENCE_RANGE: (Duration, Duration) =
    (Duration::from_secs(60), Duration::from_secs(7 * 86_400));

/// Checks cadence overrides: statuses that are polled, durations within range.
fn check_cadence(
    cadence: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ServiceError> {
    let mut errors = vec![];
    let mut clean = BTreeMap::new();
    for (status, raw) in cadence {
        let field = format!("cadence.{status}");
        match Status::parse(status) {
            Some(s) if !s.is_terminal() => {}
            _ => {
                errors.push(FieldError::new(field, "not a status that is polled (pending, info_received, in_transit, out_for_delivery, failed_attempt, available_for_pickup, exception)"));
                continue;
            }
        }
        match crate::config::parse_duration(raw) {
            Ok(d) if (CADENCE_RANGE.0..=CADENCE_RANGE.1).contains(&d) => {
                clean.insert(status.clone(), raw.trim().to_owned());
            }
            Ok(_) => errors.push(FieldError::new(field, "between 1m and 7d")),
            Err(e) => errors.push(FieldError::new(field, e)),
        }
    }
    if errors.is_empty() {
        Ok(clean)
    } else {
        Err(ServiceError::Invalid(errors))
    }
}

/// A merchant's account, ready to ask the carrier.
#[derive(Clone)]
pub struct OpenedAccount {
    pub carrier: Arc<dyn Carrier>,
    pub limits: crate::config::Limits,
    pub cadence: BTreeMap<String, Duration>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone)]
pub struct CarrierAccounts {
    store: Store,
    carriers: Carriers,
    vault: Option<Arc<Vault>>,
    /// Accounts opened for connection tests, kept while unchanged: their adapters keep
    /// their OAuth tokens, so a test does not fetch a new token every time.
    tested: Arc<std::sync::Mutex<std::collections::HashMap<String, OpenedAccount>>>,
}

/// The longest pace a connection test waits out instead of answering 429.
const SIT_OUT: Duration = Duration::from_secs(2);

/// The gate (rate limit, Retry-After, breaker) of a merchant's own account: the poller and
/// connection tests share it.
pub fn gate_key(merchant: &MerchantId, code: &CarrierCode) -> String {
    format!("{code}@{merchant}")
}

fn bound(merchant: &MerchantId, code: &CarrierCode) -> String {
    format!("{merchant}/{code}")
}

fn hint(c: &Credentials) -> String {
    let public = match c {
        Credentials::OAuth { client_id, .. } => client_id,
        Credentials::ApiKey { api_key } => api_key.expose(),
        Credentials::Basic { username, .. } => username,
    };
    let tail: String = public
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("…{tail}")
}

impl CarrierAccounts {
    pub fn new(store: Store, carriers: Carriers, vault: Option<Arc<Vault>>) -> Self {
        Self {
            store,
            carriers,
            vault,
            tested: Arc::default(),
        }
    }

    /// The same service over another store handle.
    pub fn with_store(&self, store: Store) -> Self {
        Self {
            store,
            ..self.clone()
        }
    }

    /// The operator's credential keys, if configured (webhook secrets are sealed with them
    /// too).
    pub fn credential_vault(&self) -> Option<&Vault> {
        self.vault.as_deref()
    }

    fn vault(&self) -> Result<&Vault, ServiceError> {
        self.vault.as_deref().ok_or_else(|| {
            ServiceError::Conflict("merchant carrier accounts are disabled: the operator must set security.credential_keys".into())
        })
    }

    /// Saves (or replaces) the caller's merchant's account for a carrier.
    pub async fn put(
        &self,
        by: &Caller,
        code: &CarrierCode,
        credentials: Credentials,
        options: AccountOptions,
        now: DateTime<Utc>,
    ) -> Result<AccountView, ServiceError> {
        let AccountOptions {
            requests_per_second,
            cadence,
        } = options;
        // Builds the adapter once, to refuse credentials of the wrong shape for this carrier.
        self.carriers
            .build_for(code, &credentials, requests_per_second)
            .map_err(|e| {
                let field = if Carriers::credential_kind(code).is_none() {
                    "carrier"
                } else {
                    "credentials"
                };
                ServiceError::Invalid(vec![FieldError::new(field, e)])
            })?;
        let cadence = check_cadence(&cadence)?;
        let merchant = &by.merchant;
        let json = serde_json::to_vec(&credentials).unwrap_or_default();
        let sealed = self
            .vault()?
            .seal(&json, &bound(merchant, code))
            .map_err(|e| ServiceError::Conflict(e.to_string()))?;
        let stored = StoredAccount {
            sealed,
            hint: hint(&credentials),
            requests_per_second: requests_per_second.map(RequestRate::get),
            cadence,
            updated_at: now,
        };
        self.store.put_account(merchant, code, &stored).await?;
        let changes = changes(&credentials, &stored);
        let entry = audit_entry(by, AuditAction::CarrierAccountPut, code, changes, now);
        self.store.append_audit(merchant, &entry).await?;
        Ok(view(code, &stored))
    }

    pub async fn list(&self, merchant: &MerchantId) -> Result<Vec<AccountView>, ServiceError> {
        Ok(self
            .store
            .accounts(merchant)
            .await?
            .iter()
            .map(|(code, a)| view(code, a))
            .collect())
    }

    pub async fn delete(
        &self,
        by: &Caller,
        code: &CarrierCode,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if !self.store.delete_account(&by.merchant, code).await? {
            return Err(ServiceError::NotFound);
        }
        let entry = audit_entry(by, AuditAction::CarrierAccountDelete, code, [].into(), now);
        self.store.append_audit(&by.merchant, &entry).await?;
        Ok(())
    }

    /// The merchant's adapter for a carrier, if it has an account (opened from the vault).
    pub async fn adapter(
        &self,
        merchant: &MerchantId,
        code: &CarrierCode,
    ) -> Result<Option<OpenedAccount>, ServiceError> {
        let Some(stored) = self.store.account(merchant, code).await? else {
            return Ok(None);
        };
        let json = self
            .vault()?
            .open(&stored.sealed, &bound(merchant, code))
            .map_err(|e| ServiceError::Conflict(e.to_string()))?;
        let credentials: Credentials = serde_json::from_slice(&json)
            .map_err(|e| ServiceError::Conflict(format!("stored credentials unreadable: {e}")))?;
        let (carrier, limits) = self
            .carriers
            .build_for(code, &credentials, stored.rate())
            .map_err(ServiceError::Conflict)?;
        Ok(Some(OpenedAccount {
            carrier,
            limits,
            cadence: stored.cadence(),
            updated_at: stored.updated_at,
        }))
    }

    /// Asks the carrier whether the stored credentials work.
    pub async fn test(
        &self,
        merchant: &MerchantId,
        code: &CarrierCode,
    ) -> Result<Result<(), CarrierError>, ServiceError> {
        let stored = self
            .store
            .account(merchant, code)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let key = gate_key(merchant, code);
        let cached = self.tested.lock().ok().and_then(|m| m.get(&key).cloned());
        let account = match cached.filter(|a| a.updated_at == stored.updated_at) {
            Some(account) => account,
            None => {
                let opened = self
                    .adapter(merchant, code)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                if let Ok(mut m) = self.tested.lock() {
                    m.insert(key.clone(), opened.clone());
                }
                opened
            }
        };
        // Through the account's gate, like a poll: a test cannot exceed the merchant's rate
        // or ask a carrier that said to wait.
        loop {
            match self.store.admit(&key, &account.limits).await? {
                Admission::Go => break,
                // A moment's pace is sat out, as the poller does.
                Admission::Pace(wait) if wait <= SIT_OUT => tokio::time::sleep(wait).await,
                Admission::Pace(wait) | Admission::Held(wait) => {
                    return Ok(Err(CarrierError::RateLimited {
                        retry_after: Some(wait),
                    }));
                }
            }
        }
        let answer = account.carrier.verify().await;
        let outcome = match &answer {
            Ok(()) => GateOutcome::Success,
            Err(CarrierError::RateLimited { retry_after }) => {
                GateOutcome::RateLimited(*retry_after)
            }
            Err(e) if e.is_transient() || *e == CarrierError::Auth => GateOutcome::Failure,
            Err(_) => GateOutcome::Success,
        };
        self.store.report(&key, &account.limits, outcome).await?;
        Ok(answer)
    }
}

fn view(code: &CarrierCode, a: &StoredAccount) -> AccountView {
    AccountView {
        carrier: code.to_string(),
        credential_hint: a.hint.clone(),
        requests_per_second: a.requests_per_second,
        cadence: a.cadence.clone(),
        updated_at: a.updated_at,
    }
}

fn audit_entry(
    by: &Caller,
    action: AuditAction,
    code: &CarrierCode,
    changes: BTreeMap<String, serde_json::Value>,
    now: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry {
        at: now,
        key_id: Some(by.key_id.clone()),
        action,
        target: code.to_string(),
        changes,
    }
}

/// What an account's audit entry records: which credential fields were set (never their
/// values), the hint the API shows, and the options.
fn changes(c: &Credentials, a: &StoredAccount) -> BTreeMap<String, serde_json::Value> {
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
