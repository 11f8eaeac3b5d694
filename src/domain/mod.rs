//! Pure types and rules of shipment tracking: no IO, no async, no framework types.
//! Everything here is deterministic and unit/property tested.

mod address;
mod audit;
pub mod clock;
mod domain_event;
mod event;
pub mod feedback;
pub mod geo;
mod ids;
mod notification;
mod notify;
mod order;
mod quiet;
pub mod redact;
mod secret;
mod settings;
pub(crate) mod shipment;
mod slug;
mod status;
pub mod summary;
mod tracking_number;
mod webhook;

pub use address::{Cidr, client_key, is_public_address};
pub use audit::{AuditAction, AuditEntry, SECRET_SET, changed_fields};
pub use clock::RequestRate;
pub use domain_event::DomainEvent;
pub use event::{Event, Fingerprint};
pub use feedback::Feedback;
pub use ids::{ApiKey, KeyId, MerchantId, PublicToken, ShipmentId, WebhookId};
pub use notification::{
    Channel, Delivery, Notification, idempotency_key, notification_id, shard_of_id,
};
pub use notify::{DelayReason, Occasion, Trigger, occasions};
pub use order::{Customer, Destination, EmailAddress, Item, Order};
pub use quiet::quiet_until;
pub use secret::Secret;
pub use settings::{NotificationSettings, Suggestion, TriggerSwitch};
pub use shipment::{Applied, Shipment, legacy_lookup_digest, lookup_digest, status_of};
pub use slug::LookupSlug;
pub use status::{Party, Status, Substatus};
pub use tracking_number::{CarrierCode, TrackingNumber};
pub use webhook::{WebhookEndpoint, WebhookSecret};

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
    /// The shop's order lookup is `/track/{slug}` (also reachable by the merchant's id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookup_slug: Option<LookupSlug>,
}

impl Merchant {
    /// The path of the shop's order lookup: its slug when it chose one, else its id.
    pub fn lookup_path(&self) -> String {
        match &self.lookup_slug {
            Some(slug) => format!("/track/{slug}"),
            None => format!("/track/{}", self.id),
        }
    }
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

    /// The brand colour, darkened as far as needed for white text on it to be readable
    /// (WCAG contrast 4.5:1): buttons and headers use it behind white text.
    pub fn legible_color(&self) -> String {
        let raw = self.color.as_deref().unwrap_or(Self::DEFAULT_COLOR);
        let hex = raw.trim_start_matches('#');
        let full: String = if hex.len() == 3 {
            hex.chars().flat_map(|c| [c, c]).collect()
        } else {
            hex.to_owned()
        };
        let channel =
            |i: usize| u8::from_str_radix(full.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
        let mut rgb = [channel(0), channel(2), channel(4)].map(f64::from);
        let linear = |c: f64| {
            let c = c / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let contrast = |rgb: &[f64; 3]| {
            let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
            1.05 / (l + 0.05)
        };
        while contrast(&rgb) < 4.5 {
            rgb = rgb.map(|c| c * 0.9);
        }
        format!(
            "#{:02x}{:02x}{:02x}",
            rgb[0] as u8, rgb[1] as u8, rgb[2] as u8
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_colours_are_darkened_until_white_text_reads() {
        let brand = |c: &str| Brand {
            color: Some(c.into()),
            ..Brand::default()
        };
        assert_eq!(
            brand("#2b5f8a").legible_color(),
            "#2b5f8a",
            "already readable"
        );
        assert_eq!(brand("#000").legible_color(), "#000000");
        let teal = brand("#0a7").legible_color();
        assert_ne!(teal, "#00aa77", "too light for white text: darkened");
        assert!(teal.starts_with("#00"), "{teal}");
        assert_eq!(Brand::default().legible_color(), "#2b5f8a");
    }
}
