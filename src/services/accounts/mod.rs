//! Merchants' own carrier accounts: stored sealed (here), listed redacted (`view.rs`),
//! their cadence overrides checked (`cadence.rs`), tested against the carrier (`verify.rs`).

mod cadence;
mod verify;
mod view;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Caller, FieldError, ServiceError};
use crate::carriers::{Carrier, Carriers, CredentialKind, Credentials};
use crate::domain::{AuditAction, CarrierCode, MerchantId, RequestRate};
use crate::store::{Store, StoredAccount};
use crate::vault::Vault;
use cadence::check_cadence;
use view::{audit_entry, changes, hint, view};

pub use view::AccountView;

/// A carrier that takes merchant accounts, with the merchant's account there if any and
/// that account's gate (the console's carrier cards).
#[derive(Clone)]
pub struct AccountStatus {
    pub info: &'static crate::carriers::CarrierInfo,
    pub kind: CredentialKind,
    pub account: Option<AccountView>,
    pub gate: crate::store::GateState,
}

/// Credentials of `kind` from named fields (`client_id`, `api_key`, …; trimmed, each at
/// most 512 characters); the errors name each missing field as `credentials.<name>`.
pub fn credentials_from(
    kind: CredentialKind,
    given: impl Fn(&str) -> Option<String>,
) -> Result<Credentials, Vec<FieldError>> {
    let field = |name: &str| -> Result<String, FieldError> {
        given(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty() && v.len() <= 512)
            .ok_or_else(|| FieldError::new(format!("credentials.{name}"), "required"))
    };
    let (a, b) = match kind {
        CredentialKind::OAuth => (field("client_id"), field("client_secret")),
        CredentialKind::ApiKey => (field("api_key"), Ok(String::new())),
        CredentialKind::Basic => (field("username"), field("password")),
    };
    match (kind, a, b) {
        (CredentialKind::OAuth, Ok(client_id), Ok(client_secret)) => Ok(Credentials::OAuth {
            client_id,
            client_secret: client_secret.into(),
        }),
        (CredentialKind::ApiKey, Ok(api_key), _) => Ok(Credentials::ApiKey {
            api_key: api_key.into(),
        }),
        (CredentialKind::Basic, Ok(username), Ok(password)) => Ok(Credentials::Basic {
            username,
            password: password.into(),
        }),
        (_, a, b) => Err([a.err(), b.err()].into_iter().flatten().collect()),
    }
}

/// What a merchant may set on its account besides the credentials.
#[derive(Debug, Clone, Default)]
pub struct AccountOptions {
    pub requests_per_second: Option<RequestRate>,
    pub cadence: BTreeMap<String, String>,
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

/// The gate (rate limit, Retry-After, breaker) of a merchant's own account: the poller and
/// connection tests share it.
pub fn gate_key(merchant: &MerchantId, code: &CarrierCode) -> String {
    format!("{code}@{merchant}")
}

fn bound(merchant: &MerchantId, code: &CarrierCode) -> String {
    format!("{merchant}/{code}")
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
    /// `credentials: None` keeps the stored ones (a change of rate or cadence alone; the
    /// breaker and its history stay, as they still describe these credentials).
    pub async fn put(
        &self,
        by: &Caller,
        code: &CarrierCode,
        credentials: Option<Credentials>,
        options: AccountOptions,
        now: DateTime<Utc>,
    ) -> Result<AccountView, ServiceError> {
        let AccountOptions {
            requests_per_second,
            cadence,
        } = options;
        let renewed = credentials.is_some();
        let credentials = match credentials {
            Some(c) => c,
            None => self
                .credentials(&by.merchant, code)
                .await?
                .ok_or_else(|| ServiceError::invalid("credentials", "required"))?,
        };
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
        if renewed {
            // New credentials: the old ones' failures and breaker say nothing about them.
            self.store.reset_gate(&gate_key(merchant, code)).await?;
        }
        let changes = changes(&credentials, &stored);
        let entry = audit_entry(by, AuditAction::CarrierAccountPut, code, changes, now);
        self.store.append_audit(merchant, &entry).await?;
        Ok(view(code, &stored))
    }

    /// Every carrier that takes merchant accounts, in the table's order, with the
    /// merchant's account and its gate.
    pub async fn statuses(
        &self,
        merchant: &MerchantId,
    ) -> Result<Vec<AccountStatus>, ServiceError> {
        let accounts = self.list(merchant).await?;
        let mut out = vec![];
        for info in crate::carriers::table::CARRIERS {
            let Some(kind) = info.merchant_credentials() else {
                continue;
            };
            let code = info.carrier_code();
            let gate = self.store.gate_state(&gate_key(merchant, &code)).await?;
            out.push(AccountStatus {
                info,
                kind,
                account: accounts.iter().find(|a| a.carrier == info.code).cloned(),
                gate,
            });
        }
        Ok(out)
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
        self.store.reset_gate(&gate_key(&by.merchant, code)).await?;
        let entry = audit_entry(by, AuditAction::CarrierAccountDelete, code, [].into(), now);
        self.store.append_audit(&by.merchant, &entry).await?;
        Ok(())
    }

    /// The stored credentials of the merchant's account at a carrier, opened from the vault.
    async fn credentials(
        &self,
        merchant: &MerchantId,
        code: &CarrierCode,
    ) -> Result<Option<Credentials>, ServiceError> {
        match self.store.account(merchant, code).await? {
            Some(stored) => self.open(merchant, code, &stored).map(Some),
            None => Ok(None),
        }
    }

    fn open(
        &self,
        merchant: &MerchantId,
        code: &CarrierCode,
        stored: &StoredAccount,
    ) -> Result<Credentials, ServiceError> {
        let json = self
            .vault()?
            .open(&stored.sealed, &bound(merchant, code))
            .map_err(|e| ServiceError::Conflict(e.to_string()))?;
        serde_json::from_slice(&json)
            .map_err(|e| ServiceError::Conflict(format!("stored credentials unreadable: {e}")))
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
        let credentials = self.open(merchant, code, &stored)?;
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
}
