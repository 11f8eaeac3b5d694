//! Application services: what the API, the CLI and the demo do, in one place each.
//! Handlers parse input into domain types, call one method here, and render the result.

mod accounts;
mod analytics;
mod api_keys;
mod audience;
mod branding;
mod caller;
mod carrier_choice;
mod console;
pub mod estimates;
mod feedback;
mod imports;
mod intake;
mod logo_image;
mod logos;
mod make_good;
mod merchant_input;
mod merchants;
mod notifications;
mod overview;
mod page_views;
mod preferences;
mod push;
mod shipments;
mod staff_mail;
mod tracking_page;
mod webhooks;

pub use accounts::gate_key as accounts_gate_key;
pub use accounts::{
    AccountOptions, AccountStatus, AccountView, CarrierAccounts, OpenedAccount, credentials_from,
};
pub use analytics::{Analytics, Filter as AnalyticsFilter};
pub use api_keys::{ApiKeys, KeyView, MAX_ACTIVE_KEYS, NewKey};
pub use audience::Audience;
pub use branding::ProfileChanges;
pub use caller::{Actor, Caller};
pub use console::{Console, Reset, SignIn};
pub use feedback::{FeedbackFilter, FeedbackPage, Feedbacks, Refused};
pub use imports::rows_for_fuzzing as import_rows_for_fuzzing;
pub use imports::{
    FailuresFile, Format as ImportFormat, ImportView, Imports, Kind as ImportKind, RowError,
    csv_cell,
};
pub use intake::{
    Delivery, Intake, Received, Refused as DeliveryRefused, SHOPIFY, ShopifyInput, StoreView,
    WOOCOMMERCE, WooInput, shopify_requests_for_fuzzing,
};
pub use logo_image::{LOGO_MAX_BYTES, LogoRefused, reencode as reencode_logo};
pub use logos::{LogoOutcome, Logos};
pub use make_good::{AddedView, CodesInput, MAX_POOL, MakeGoods, PoolView};
pub use merchant_input::{LogoSource, MerchantInput};
pub use merchants::{Merchants, NewMerchant};
pub use notifications::{
    MAX_FEEDBACK_REQUESTS, MakeGoodInput, NotificationView, Notifications, SettingsInput,
};
pub use overview::{FeedbackWeek, Overview, Sources, WATCHLIST};
pub use preferences::{Choice, Preferences};
pub use push::{Push, PushOutcome};
pub use shipments::{
    CustomerRequest, DestinationRequest, FilterInput, ItemRequest, NewShipmentInput, OrderRequest,
    Registered, ShipmentRequest, Shipments,
};
pub use tracking_page::TrackingPages;
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
    #[error("larger than {0} bytes")]
    TooLarge(u64),
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

/// The field errors of one input, gathered so that every bad field is reported at once.
#[derive(Debug, Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// The parsed value, or `None` with the field's error noted.
    pub fn check<T>(
        &mut self,
        field: &str,
        parsed: Result<T, crate::domain::Invalid>,
    ) -> Option<T> {
        parsed.map_err(|e| self.add(field, e.0)).ok()
    }

    /// A change of an optional field: left out (`None`), cleared (`Some(None)`: given as
    /// null or empty), or set to `raw` parsed.
    pub fn change<T>(
        &mut self,
        field: &str,
        raw: Option<Option<&str>>,
        parse: impl FnOnce(&str) -> Result<T, crate::domain::Invalid>,
    ) -> Option<Option<T>> {
        match raw?.map(str::trim).filter(|r| !r.is_empty()) {
            None => Some(None),
            Some(raw) => self.check(field, parse(raw)).map(Some),
        }
    }

    /// `raw` parsed when given and not empty (an empty field is one left out).
    pub fn optional<T>(
        &mut self,
        field: &str,
        raw: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, crate::domain::Invalid>,
    ) -> Option<T> {
        let raw = raw.filter(|r| !r.is_empty())?;
        self.check(field, parse(raw))
    }

    /// `value` when no field was bad, else the errors.
    pub fn or_errors<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.0.is_empty() => Ok(v),
            _ => Err(self.0),
        }
    }
}
