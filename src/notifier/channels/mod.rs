//! The ways a message reaches someone: one file per channel behind [`Transport`].

mod email;
pub mod outbox;
mod sms;
pub mod webhook;
mod whatsapp;

use std::time::Duration;

use async_trait::async_trait;

use super::render::Message;
use crate::domain::{Channel, Merchant, Notification, Shipment};

pub use email::{Email, build_email, smtp};
pub use outbox::Outbox;
pub use sms::Sms;
pub use webhook::Webhook;
pub use whatsapp::WhatsApp;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later (no sooner than `retry_after` when the provider says so).
    #[error("{message}")]
    Transient {
        message: String,
        retry_after: Option<Duration>,
    },
    /// Will never work for this recipient (bad address, refused, gone).
    #[error("{0}")]
    Permanent(String),
}

impl SendError {
    pub fn transient(message: impl Into<String>) -> Self {
        SendError::Transient {
            message: message.into(),
            retry_after: None,
        }
    }

    /// The same error with the provider's text scrubbed of e-mail addresses and phone
    /// numbers (it is logged and stored as `last_error`).
    pub fn scrubbed(self) -> Self {
        use crate::domain::redact::scrub;
        match self {
            SendError::Transient {
                message,
                retry_after,
            } => SendError::Transient {
                message: scrub(&message),
                retry_after,
            },
            SendError::Permanent(message) => SendError::Permanent(scrub(&message)),
        }
    }
}

/// What one send needs: the record (its id is the idempotency key's digest), the shipment,
/// the merchant and the rendered message.
pub struct Outgoing<'a> {
    pub notification: &'a Notification,
    pub shipment: &'a Shipment,
    pub merchant: &'a Merchant,
    pub message: &'a Message,
}

#[async_trait]
pub trait Transport: Send + Sync {
    fn channel(&self) -> Channel;
    /// Whether the customer of this shipment can be reached on this channel.
    fn reaches(&self, s: &Shipment) -> bool;
    async fn send(&self, out: &Outgoing<'_>) -> Result<(), SendError>;
}
