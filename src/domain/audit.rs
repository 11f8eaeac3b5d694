//! The audit log of a merchant's configuration: who (which API key) changed what, when.
//! Entries name fields and carry non-secret values only: a credential, a signing secret or
//! an API key is recorded as the names of its fields, never their values.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{KeyId, UserId};

/// What was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    #[serde(rename = "carrier_account.put")]
    CarrierAccountPut,
    #[serde(rename = "carrier_account.delete")]
    CarrierAccountDelete,
    #[serde(rename = "notification_settings.put")]
    NotificationSettingsPut,
    #[serde(rename = "webhook.create")]
    WebhookCreate,
    #[serde(rename = "webhook.delete")]
    WebhookDelete,
    #[serde(rename = "webhook.update")]
    WebhookUpdate,
    #[serde(rename = "api_key.create")]
    ApiKeyCreate,
    #[serde(rename = "api_key.revoke")]
    ApiKeyRevoke,
    #[serde(rename = "merchant.update")]
    MerchantUpdate,
    #[serde(rename = "team.invite")]
    TeamInvite,
    #[serde(rename = "team.remove")]
    TeamRemove,
    #[serde(rename = "make_good.codes_add")]
    MakeGoodCodesAdd,
    #[serde(rename = "make_good.codes_clear")]
    MakeGoodCodesClear,
}

impl AuditAction {
    /// The name the API shows (as serialized).
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::CarrierAccountPut => "carrier_account.put",
            AuditAction::CarrierAccountDelete => "carrier_account.delete",
            AuditAction::NotificationSettingsPut => "notification_settings.put",
            AuditAction::WebhookCreate => "webhook.create",
            AuditAction::WebhookUpdate => "webhook.update",
            AuditAction::WebhookDelete => "webhook.delete",
            AuditAction::ApiKeyCreate => "api_key.create",
            AuditAction::ApiKeyRevoke => "api_key.revoke",
            AuditAction::MerchantUpdate => "merchant.update",
            AuditAction::TeamInvite => "team.invite",
            AuditAction::TeamRemove => "team.remove",
            AuditAction::MakeGoodCodesAdd => "make_good.codes_add",
            AuditAction::MakeGoodCodesClear => "make_good.codes_clear",
        }
    }
}

/// One change of a merchant's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// The API key that made the change; none: the operator (the CLI).
    pub key_id: Option<KeyId>,
    /// The console member who made the change (then `key_id` is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    pub action: AuditAction,
    /// What was changed: a carrier code, a webhook or key id, `notification_settings`.
    pub target: String,
    /// Field → new non-secret value (or, for a secret, only that it was set).
    #[serde(default)]
    pub changes: BTreeMap<String, Value>,
}

/// What a secret field's value is recorded as.
pub const SECRET_SET: &str = "(set)";

/// The top-level fields of `after` whose values differ from `before`, with their new
/// values (a field that is gone is recorded as null). Both are JSON objects.
pub fn changed_fields(before: &Value, after: &Value) -> BTreeMap<String, Value> {
    let empty = serde_json::Map::new();
    let old = before.as_object().unwrap_or(&empty);
    let new = after.as_object().unwrap_or(&empty);
    let mut out = BTreeMap::new();
    for (field, value) in new {
        if old.get(field) != Some(value) {
            out.insert(field.clone(), value.clone());
        }
    }
    for field in old.keys().filter(|f| !new.contains_key(*f)) {
        out.insert(field.clone(), Value::Null);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_recorded() {
        let before = json!({"daily_cap": 3, "channels": ["email"], "review_url": "https://r"});
        let after = json!({"daily_cap": 5, "channels": ["email"]});
        let changes = changed_fields(&before, &after);
        assert_eq!(
            serde_json::to_value(&changes).unwrap(),
            json!({"daily_cap": 5, "review_url": null})
        );
        assert!(changed_fields(&after, &after).is_empty());
    }

    #[test]
    fn actions_read_as_dotted_names() {
        for a in [
            AuditAction::CarrierAccountPut,
            AuditAction::CarrierAccountDelete,
            AuditAction::NotificationSettingsPut,
            AuditAction::WebhookCreate,
            AuditAction::WebhookDelete,
            AuditAction::ApiKeyCreate,
            AuditAction::ApiKeyRevoke,
        ] {
            assert_eq!(serde_json::to_value(a).unwrap(), json!(a.as_str()));
        }
    }
}
