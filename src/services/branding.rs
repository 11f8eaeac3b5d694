//! A shop's name and brand changed after creation (the API's `PATCH /merchant` and the
//! console's branding page): every field parsed before it gets here, a brand colour too
//! light for white text refused, and the change audited.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{Caller, FieldError, FieldErrors, Merchants, ServiceError};
use crate::domain::{
    AuditAction, AuditEntry, BrandColor, EmailAddress, HttpUrl, LogoStatus, LookupSlug, Merchant,
};

/// What changes; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    pub name: Option<String>,
    pub color: Option<Option<BrandColor>>,
    pub support_email: Option<Option<EmailAddress>>,
    pub support_url: Option<Option<HttpUrl>>,
    /// Unique across shops: a slug taken by another shop refuses the whole change.
    pub lookup_slug: Option<Option<LookupSlug>>,
}

/// A field of a change as given: left out, cleared (`null` or empty), or set.
pub type Given<'a> = Option<Option<&'a str>>;

impl ProfileChanges {
    /// Each field parsed into its domain type; the errors name each field that is wrong.
    pub fn parse(
        name: Option<&str>,
        color: Given<'_>,
        support_email: Given<'_>,
        support_url: Given<'_>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut e = FieldErrors::default();
        let name = name.and_then(|n| e.check("name", Merchant::parse_name(n)));
        let changes = ProfileChanges {
            name,
            color: e.change("brand_color", color, BrandColor::parse),
            support_email: e.change("support_email", support_email, EmailAddress::parse),
            support_url: e.change("support_url", support_url, HttpUrl::parse),
            lookup_slug: None,
        };
        e.or_errors(Some(changes))
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.color.is_none()
            && self.support_email.is_none()
            && self.support_url.is_none()
            && self.lookup_slug.is_none()
    }
}

impl Merchants {
    /// Applies `changes` to the caller's shop; a new colour in which white text does not
    /// reach WCAG AA (4.5:1) is refused with its ratio, and nothing changes.
    pub async fn update_profile(
        &self,
        by: &Caller,
        changes: ProfileChanges,
        now: DateTime<Utc>,
    ) -> Result<Arc<Merchant>, ServiceError> {
        let current = self.profile(&by.merchant).await?;
        // Only a new colour is checked: one saved before this rule stays until changed.
        if let Some(Some(color)) = &changes.color
            && current.brand.color.as_ref().map(BrandColor::rgb) != Some(color.rgb())
        {
            color
                .clone()
                .readable()
                .map_err(|e| ServiceError::Invalid(vec![FieldError::new("brand_color", e.0)]))?;
        }
        if changes.is_empty() {
            return Ok(current);
        }
        // A new slug is reserved before anything is written: taken, nothing changes.
        let new_slug = changes
            .lookup_slug
            .clone()
            .filter(|s| *s != current.lookup_slug);
        if let Some(Some(slug)) = &new_slug {
            self.reserve(slug, &by.merchant).await?;
        }
        let mut recorded = BTreeMap::new();
        let written = self
            .store()
            .update_merchant(&by.merchant, |m| {
                recorded = apply(m, &changes);
                !recorded.is_empty()
            })
            .await;
        let updated = match written {
            Ok(Some(m)) => m,
            failed => {
                if let Some(Some(slug)) = &new_slug {
                    // Best effort: the slug stays free for the next try.
                    let _ = self.store().release_lookup_slug(slug, &by.merchant).await;
                }
                return Err(match failed {
                    Err(e) => e.into(),
                    Ok(_) => ServiceError::NotFound,
                });
            }
        };
        if let (Some(_), Some(old)) = (&new_slug, &current.lookup_slug) {
            self.store().release_lookup_slug(old, &by.merchant).await?;
        }
        if !recorded.is_empty() {
            let entry = update_entry(by, recorded, now);
            self.store().append_audit(&by.merchant, &entry).await?;
        }
        Ok(updated)
    }

    /// Replaces the shop's logo with `image` — checked and written again (`logo_image`) —
    /// or removes it (`None`). Audited as a merchant update.
    pub async fn set_logo(
        &self,
        by: &Caller,
        image: Option<Vec<u8>>,
        now: DateTime<Utc>,
    ) -> Result<Arc<Merchant>, ServiceError> {
        let logo = match image {
            Some(bytes) => Some(
                super::logo_image::reencode_off_thread(bytes)
                    .await
                    .map_err(|e| ServiceError::invalid("logo", e.0))?,
            ),
            None => None,
        };
        let revision = now.timestamp_millis().max(1);
        if let Some(logo) = &logo {
            self.store().save_logo(&by.merchant, logo, revision).await?;
        }
        let status = logo.as_ref().map(|_| LogoStatus::uploaded(revision));
        let updated = self
            .store()
            .update_merchant(&by.merchant, |m| {
                m.brand.logo.clone_from(&status);
                true
            })
            .await?
            .ok_or(ServiceError::NotFound)?;
        if logo.is_none() {
            self.store().delete_logo(&by.merchant).await?;
        }
        let what = logo.map(|l| format!("{}, {} bytes", l.content_type, l.bytes.len()));
        let changes = BTreeMap::from([("logo".to_owned(), serde_json::json!(what))]);
        let entry = update_entry(by, changes, now);
        self.store().append_audit(&by.merchant, &entry).await?;
        Ok(updated)
    }
}

/// The audit entry of a change to the caller's shop.
fn update_entry(
    by: &Caller,
    changes: BTreeMap<String, serde_json::Value>,
    now: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry {
        at: now,
        key_id: by.key_id(),
        user_id: by.user_id(),
        action: AuditAction::MerchantUpdate,
        target: by.merchant.to_string(),
        changes,
    }
}

/// Changes `m`; what changed, for the audit log (support contacts are the shop's own,
/// public on its pages).
fn apply(m: &mut Merchant, c: &ProfileChanges) -> BTreeMap<String, serde_json::Value> {
    let mut changed = BTreeMap::new();
    let text = |v: Option<&dyn ToString>| serde_json::json!(v.map(|v| v.to_string()));
    if let Some(name) = c.name.as_ref().filter(|n| **n != m.name) {
        m.name.clone_from(name);
        changed.insert("name".into(), serde_json::json!(name));
    }
    if let Some(color) = c.color.as_ref().filter(|v| **v != m.brand.color) {
        m.brand.color.clone_from(color);
        changed.insert("brand_color".into(), text(color.as_ref().map(|v| v as _)));
    }
    if let Some(email) = c
        .support_email
        .as_ref()
        .filter(|v| **v != m.brand.support_email)
    {
        m.brand.support_email.clone_from(email);
        changed.insert("support_email".into(), text(email.as_ref().map(|v| v as _)));
    }
    if let Some(url) = c
        .support_url
        .as_ref()
        .filter(|v| **v != m.brand.support_url)
    {
        m.brand.support_url.clone_from(url);
        changed.insert("support_url".into(), text(url.as_ref().map(|v| v as _)));
    }
    if let Some(slug) = c.lookup_slug.as_ref().filter(|v| **v != m.lookup_slug) {
        m.lookup_slug.clone_from(slug);
        changed.insert("lookup_slug".into(), text(slug.as_ref().map(|v| v as _)));
    }
    changed
}
