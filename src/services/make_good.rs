//! The make-good pool as the merchant manages it: codes uploaded (each checked, each used
//! once ever), the pool's figures, and emptying it. The notifier draws from it.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Caller, FieldError, ServiceError};
use crate::domain::{AuditAction, DiscountCode, MerchantId};
use crate::store::{Added, Store};

/// Most codes a pool holds.
pub const MAX_POOL: u32 = 100_000;
/// Most codes one upload adds.
pub const MAX_UPLOAD: usize = 10_000;
/// The "running low" mark when the merchant set no rule.
const DEFAULT_LOW_AT: u32 = 10;
/// Bad codes named in one refusal at most.
const ERRORS_NAMED: usize = 20;

/// Codes to add, as the merchant's shop exported them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodesInput {
    pub codes: Vec<String>,
}

/// What an upload did.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AddedView {
    pub added: u64,
    /// Codes already in the pool or given before (and repeats within the upload).
    pub duplicates: u64,
    pub remaining: u64,
}

/// The pool and what it gave.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PoolView {
    /// Codes left.
    pub remaining: u64,
    /// The "running low" webhook (`make_good.pool_low`) fires at this many left.
    pub low_at: u32,
    /// Late parcels given a make-good (a code, or the text alone).
    pub given: u64,
    /// Customers who ordered again after theirs.
    pub reordered: u64,
    /// Whether the merchant's rule is on, and gives codes.
    pub enabled: bool,
    pub codes: bool,
}

#[derive(Clone)]
pub struct MakeGoods {
    store: Store,
}

impl MakeGoods {
    pub fn new(store: Store) -> Self {
        MakeGoods { store }
    }

    /// Adds the codes (each checked; nothing added when one is wrong or the pool would
    /// overflow); the audit log records how many.
    pub async fn add_codes(
        &self,
        by: &Caller,
        input: CodesInput,
        now: DateTime<Utc>,
    ) -> Result<AddedView, ServiceError> {
        let codes = parse_codes(&input.codes).map_err(ServiceError::Invalid)?;
        let low_at = self.low_at(&by.merchant).await?;
        let added = self
            .store
            .add_make_good_codes(&by.merchant, &codes, (low_at, u64::from(MAX_POOL)))
            .await?;
        let (added, remaining) = match added {
            Added::Added { added, remaining } => (added, remaining),
            Added::Full { remaining } => {
                let why = format!("the pool holds at most {MAX_POOL} codes and has {remaining}");
                return Err(invalid(why));
            }
        };
        let changes = [("added".to_owned(), added.into())].into();
        self.audit(by, AuditAction::MakeGoodCodesAdd, changes, now)
            .await?;
        Ok(AddedView {
            added,
            duplicates: input.codes.len() as u64 - added,
            remaining,
        })
    }

    pub async fn status(&self, merchant: &MerchantId) -> Result<PoolView, ServiceError> {
        let rule = self.store.notification_settings(merchant).await?.make_good;
        let figures = self.store.make_good_status(merchant).await?;
        Ok(PoolView {
            remaining: figures.remaining,
            low_at: rule.as_ref().map_or(DEFAULT_LOW_AT, |r| r.low_at),
            given: figures.given,
            reordered: figures.reordered,
            enabled: rule.is_some(),
            codes: rule.is_some_and(|r| r.codes),
        })
    }

    /// Empties the pool; the codes removed may be uploaded again.
    pub async fn clear(&self, by: &Caller, now: DateTime<Utc>) -> Result<u64, ServiceError> {
        let removed = self.store.clear_make_good_pool(&by.merchant).await?;
        let changes = [("removed".to_owned(), removed.into())].into();
        self.audit(by, AuditAction::MakeGoodCodesClear, changes, now)
            .await?;
        Ok(removed)
    }

    async fn low_at(&self, merchant: &MerchantId) -> Result<u32, ServiceError> {
        let settings = self.store.notification_settings(merchant).await?;
        Ok(settings.make_good.map_or(DEFAULT_LOW_AT, |r| r.low_at))
    }

    async fn audit(
        &self,
        by: &Caller,
        action: AuditAction,
        changes: std::collections::BTreeMap<String, serde_json::Value>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let entry = by.audit(action, "make_good".into(), changes, now);
        Ok(self.store.append_audit(&by.merchant, &entry).await?)
    }
}

fn invalid(why: impl Into<String>) -> ServiceError {
    ServiceError::Invalid(vec![FieldError::new("codes", why)])
}

/// The upload's codes, each once, in order; the first bad ones named.
fn parse_codes(raw: &[String]) -> Result<Vec<DiscountCode>, Vec<FieldError>> {
    if raw.is_empty() || raw.len() > MAX_UPLOAD {
        let why = format!("1 to {MAX_UPLOAD} codes per upload");
        return Err(vec![FieldError::new("codes", why)]);
    }
    let mut seen = std::collections::HashSet::with_capacity(raw.len());
    let mut codes = Vec::with_capacity(raw.len());
    let mut errors = vec![];
    for (i, r) in raw.iter().enumerate() {
        match DiscountCode::parse(r.trim()) {
            Ok(c) if seen.insert(c.as_str().to_owned()) => codes.push(c),
            Ok(_) => {}
            Err(e) if errors.len() < ERRORS_NAMED => {
                errors.push(FieldError::new(format!("codes[{i}]"), e));
            }
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(codes)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_is_checked_code_by_code_and_repeats_count_once() {
        let raw: Vec<String> = ["A1", " B2 ", "A1"].map(String::from).to_vec();
        let codes = parse_codes(&raw).unwrap();
        let got: Vec<&str> = codes.iter().map(DiscountCode::as_str).collect();
        assert_eq!(got, ["A1", "B2"]);
        let bad: Vec<String> = ["OK", "two words", ""].map(String::from).to_vec();
        let errors = parse_codes(&bad).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["codes[1]", "codes[2]"]);
        assert!(parse_codes(&[]).is_err());
        assert!(parse_codes(&vec!["X".to_owned(); MAX_UPLOAD + 1]).is_err());
    }
}
