//! Pure types and rules of shipment tracking: no IO, no async, no framework types.
//! Everything here is deterministic and unit/property tested.

#[macro_use]
mod parsed;

mod address;
pub mod analytics;
mod audit;
mod brand;
pub mod clock;
mod country;
mod domain_event;
pub mod estimate;
pub mod feedback;
pub mod geo;
mod http_url;
mod ids;
mod intake;
mod links;
mod locale;
mod logo;
pub mod make_good;
mod notification;
mod occasion;
mod order;
mod phone;
mod quiet;
pub mod redact;
pub mod retry;
mod secret;
mod settings;
pub(crate) mod shipment;
mod slug;
mod sms;
mod status;
pub mod summary;
mod timezone;
mod tracking_event;
mod tracking_number;
mod user;
mod webhook;

pub use address::{Cidr, client_key, is_public_address};
pub use audit::{AuditAction, AuditEntry, SECRET_SET, changed_fields};
pub use brand::{Brand, BrandColor};
pub use clock::RequestRate;
pub use country::Country;
pub use domain_event::DomainEvent;
pub use feedback::Feedback;
pub use http_url::HttpUrl;
pub use ids::{
    ApiKey, ConsoleToken, ImportId, KeyId, MerchantId, PublicToken, ShipmentId, UserId, WebhookId,
};
pub use intake::{
    CarrierNames, MAX_CARRIER_NAMES, ShopDomain, SigningSecrets, StoreSite, woocommerce_key,
};
pub use links::Links;
pub use locale::Locale;
pub use logo::{AfterFailure, LogoState, LogoStatus};
pub use make_good::{DiscountCode, Grant, MakeGoodRule};
pub use notification::{
    Channel, Delivery, Notification, idempotency_key, notification_id, shard_of_id,
};
pub use occasion::{DelayReason, Occasion, Trigger, occasions};
pub use order::{Customer, Destination, EmailAddress, Item, Order};
pub use phone::PhoneNumber;
pub use quiet::{QuietHours, parse_window, quiet_until};
pub use secret::Secret;
pub use settings::{NotificationSettings, Suggestion, TriggerSwitch};
#[cfg(test)]
pub(crate) use shipment::tests::sample as sample_shipment;
pub use shipment::{
    Applied, Attention, ListPlace, SearchKind, Shipment, ShipmentFilter, example_shipment,
    legacy_lookup_digest, lookup_digest, search_key, status_of,
};
pub use slug::LookupSlug;
pub use sms::{SmsLength, sms_length};
pub use status::{Party, Status, Substatus};
pub use timezone::TimeZone;
pub use tracking_event::{Fingerprint, TrackingEvent};
pub use tracking_number::{CarrierCode, TrackingNumber};
pub use user::{Action, Password, Role, User};
pub use webhook::{WebhookAttempt, WebhookEndpoint, WebhookSecret};

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
    /// Default locale for this merchant's customers.
    pub locale: Locale,
    /// The zone used when a destination's zone is unknown.
    pub timezone: TimeZone,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The shop's order lookup is `/track/{slug}` (also reachable by the merchant's id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookup_slug: Option<LookupSlug>,
}

impl Merchant {
    /// A shop's name: 1 to 100 characters once trimmed.
    pub fn parse_name(raw: &str) -> Result<String, Invalid> {
        let name = raw.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Invalid::new("a name of 1 to 100 characters is required"));
        }
        Ok(name.to_owned())
    }

    /// The path of the shop's order lookup: its slug when it chose one, else its id.
    pub fn lookup_path(&self) -> String {
        match &self.lookup_slug {
            Some(slug) => format!("/track/{slug}"),
            None => format!("/track/{}", self.id),
        }
    }

    /// Where the pages load the shop's logo from, while it is ready (`/assets/logo/{id}`,
    /// with the upload's revision so a new logo is not hidden by a cached old one).
    pub fn logo_path(&self) -> Option<String> {
        let logo = self.brand.logo.as_ref().filter(|l| l.is_ready())?;
        Some(match logo.revision {
            0 => format!("/assets/logo/{}", self.id),
            v => format!("/assets/logo/{}?v={v}", self.id),
        })
    }
}
