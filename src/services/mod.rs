//! Application services: what the API, the CLI and the demo do, in one place each.
//! Handlers parse input into domain types, call one method here, and render the result.

mod accounts;
mod api_keys;
mod carrier_choice;
mod feedback;
mod merchants;
mod notifications;
mod preferences;
mod shipments;
mod webhooks;

pub use accounts::gate_key as accounts_gate_key;
pub use accounts::{AccountOptions, AccountView, CarrierAccounts, OpenedAccount};
pub use api_keys::{ApiKeys, Caller, KeyView, MAX_ACTIVE_KEYS, NewKey};
pub use feedback::{FeedbackPage, Feedbacks, Refused};
pub use merchants::{LogoSource, MerchantInput, Merchants, NewMerchant};
pub use notifications::{MAX_FEEDBACK_REQUESTS, NotificationView, Notifications, SettingsInput};
pub use preferences::{Choice, Preferences};
pub use shipments::{NewShipmentInput, Registered, Shipments};
pub use webhooks::{WebhookView, Webhooks};

use crate::store::StoreError;

/// An input field that failed validation, named as the API caller spelled it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    /// The carrier could not be told from the tracking number.
    #[error("{message}")]
    Undetected {
        message: String,
        candidates: Vec<crate::carriers::detect::Candidate>,
    },
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A bug of ours (a template that failed): logged, answered as an internal error.
    #[error("{0}")]
    Internal(String),
}

impl ServiceError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ServiceError::Invalid(vec![FieldError::new(field, message)])
    }
}
