//! Pure types and rules of shipment tracking: no IO, no async, no framework types.
//! Everything here is deterministic and unit/property tested.

mod domain_event;
mod event;
pub mod feedback;
pub mod geo;
mod ids;
mod notification;
mod notify;
mod order;
mod quiet;
mod settings;
pub(crate) mod shipment;
mod status;
pub mod summary;
mod tracking_number;
mod webhook;

pub use domain_event::DomainEvent;
pub use event::{Event, Fingerprint};
pub use feedback::Feedback;
pub use ids::{ApiKey, MerchantId, PublicToken, ShipmentId, WebhookId};
pub use notification::{
    Channel, Delivery, Notification, idempotency_key, notification_id, shard_of_id,
};
pub use notify::{DelayReason, Occasion, Trigger, occasions};
pub use order::{Customer, Destination, EmailAddress, Item, Order};
pub use quiet::quiet_until;
pub use settings::{NotificationSettings, Suggestion, TriggerSwitch};
pub use shipment::{Applied, Shipment, lookup_digest, status_of};
pub use status::{Party, Status, Substatus};
pub use tracking_number::{CarrierCode, TrackingNumber};
pub use webhook::{WebhookEndpoint, is_public_address};

/// A value that failed to parse, with a message fit to show the API caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl Invalid {
    pub fn new(msg: impl Into<String>) -> Self {
        Self(msg.into())
    }
}

/// A merchant: who owns shipments and how their pages look.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Merchant {
    pub id: MerchantId,
    pub name: String,
    pub brand: Brand,
    /// Default locale for this merchant's customers (BCP 47).
    pub locale: String,
    /// IANA zone used when a destination's zone is unknown.
    pub timezone: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Brand {
    /// `#rgb` or `#rrggbb`.
    pub color: Option<String>,
    /// Whether a logo was uploaded (served by shipmate itself, never hot-linked).
    #[serde(default)]
    pub has_logo: bool,
    pub support_email: Option<String>,
    pub support_url: Option<String>,
}

impl Brand {
    /// Colour of pages and messages of a merchant that chose none.
    pub const DEFAULT_COLOR: &'static str = "#2b5f8a";
}
